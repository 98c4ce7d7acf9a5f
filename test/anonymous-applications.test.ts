// Anonymous applications (issue #19, items 1–2; seed 002) through the API, on the real PostgreSQL,
// Temporal and SMTP: the offer's flag (its screening question then required, under its field), carried
// through moderation and shown to candidates and the public; then the sweep: every route the
// authorization matrix lists, called by the company's recruiters, and every mail they were sent about
// anonymous applications, hold neither the candidate's name nor their e-mail address.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLE } from './authorization-table.js';
import { pdfBytes } from './document-fixtures.js';
import { act, mailbox, offerBody, offerIn, outboxDrained, rawGet, startApplication, transition, unzipped } from './drivers.js';
import { createCast, createUser, type Cast, type Person } from './fixtures.js';
import { ApiClient, apiUrl, eventually, sql } from './support.js';
import { APPLICATION_ROUTES } from '../activities/application-notices.js';

let cast: Cast;
let recruiter: ApiClient;

beforeAll(async () => {
  cast = await createCast();
  recruiter = await cast.recruiter.client();
});

const QUESTION = 'Que retenez-vous de votre dernière expérience ?';

describe('anonymous offer', () => {
  it('needs its screening question, refused under that field with nothing written', async () => {
    const before = (await sql<{ n: string }>('SELECT count(*) AS n FROM offers WHERE company_id = $1', [cast.company.id]))[0]!.n;
    const refused = await recruiter.post('/api/offers', offerBody({ anonymous: true }));
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields).toEqual([{ field: 'screeningQuestion', message: expect.stringMatching(/obligatoire pour une offre anonyme/i) }]);
    expect((await sql<{ n: string }>('SELECT count(*) AS n FROM offers WHERE company_id = $1', [cast.company.id]))[0]!.n).toBe(before);
    const typo = await recruiter.post('/api/offers', offerBody({ anonymous: 'oui', screeningQuestion: QUESTION }));
    expect(typo.status).toBe(400);
    expect(typo.body.error.details.fields).toContainEqual({ field: 'anonymous', message: expect.any(String) });
    // A draft made anonymous later: the question is checked on the offer as the edit leaves it.
    const plain = await recruiter.post('/api/offers', offerBody());
    expect(plain.status).toBe(201);
    expect(plain.body.anonymous).toBe(false);
    const patched = await recruiter.patch(`/api/offers/${plain.body.id}`, { anonymous: true });
    expect(patched.status).toBe(400);
    expect(patched.body.error.details.fields).toContainEqual({ field: 'screeningQuestion', message: expect.stringMatching(/offre anonyme/i) });
    const cleared = await recruiter.post('/api/offers', offerBody({ anonymous: true, screeningQuestion: QUESTION }));
    expect(cleared.status).toBe(201);
    const noQuestion = await recruiter.patch(`/api/offers/${cleared.body.id}`, { screeningQuestion: null });
    expect(noQuestion.status).toBe(400);
  });

  it('is stored, read by candidates and the public, and changed through moderation like any field', async () => {
    const id = await offerIn(cast, 'PUBLISHED', { anonymous: true, screeningQuestion: QUESTION });
    expect((await sql<{ anonymous: boolean }>('SELECT anonymous FROM offers WHERE id = $1', [id]))[0]!.anonymous).toBe(true);
    const seen = await (await cast.candidate.client()).get(`/api/offers/${id}`);
    expect(seen.body.anonymous).toBe(true);
    const shown = await new ApiClient().get(`/api/public/offers/${id}`);
    expect(shown.body.anonymous).toBe(true);
    const listed = await new ApiClient().get(`/api/public/offers?q=${encodeURIComponent(seen.body.title.split(' ').at(-1))}`);
    expect(listed.body.items).toEqual([expect.objectContaining({ id, anonymous: true })]);
    const edited = await act('offer', cast.recruiter, id, { action: 'edit', anonymous: false }, 'PENDING_MODERATION');
    expect(edited.anonymous).toBe(false);
    expect(edited.lastEdit.changes).toEqual([expect.objectContaining({ field: 'anonymous', label: 'Candidature anonyme', before: true, after: false })]);
    const published = await act('offer', cast.admin, id, { action: 'approve' }, 'PUBLISHED');
    expect(published.anonymous).toBe(false);
  });

  it('is copied with a duplicated offer', async () => {
    const id = (await recruiter.post('/api/offers', offerBody({ anonymous: true, screeningQuestion: QUESTION }))).body.id as string;
    const copy = await recruiter.post(`/api/offers/${id}/duplicate`);
    expect(copy.status, JSON.stringify(copy.body)).toBe(201);
    expect(copy.body).toMatchObject({ anonymous: true, screeningQuestion: QUESTION });
  });
});

/** A transition that may be refused: the answer as it is. */
const transitionAs = (who: Person, id: string, body: Record<string, unknown>) => transition('application', who, id, body);

// ---- The sweep ----------------------------------------------------------------------------------

interface Candidate extends Person {
  firstName: string;
  lastName: string;
}

/** A candidate whose name and address appear nowhere else (ASCII: found as well in a ZIP's file names). */
async function distinctCandidate(referentId: string | null): Promise<Candidate> {
  const token = randomUUID().replace(/[^a-f]/g, '').slice(0, 6);
  const firstName = `Zephyrine${token}`;
  const lastName = `Quillebeuf${token}`;
  const person = await createUser('CANDIDATE', { referentId, firstName, lastName });
  await sql('UPDATE users SET phone = $2 WHERE id = $1', [person.id, '06 98 76 54 32']);
  return { ...person, firstName, lastName };
}

/** What would name the candidate, case-insensitive: their first and last names, their address. */
const identityIn = (text: string, who: Candidate) => {
  // Calendar lines are folded at 75 octets (RFC 5545 §3.1): a name cut in two is still a name.
  const unfolded = text.replace(/\r?\n[ \t]/g, '').toLowerCase();
  return [who.firstName, who.lastName, who.email].filter((word) => unfolded.includes(word.toLowerCase()));
};

/** A route of the matrix with its parameters filled from the anonymous application's world. */
function pathOf(route: string, ids: Record<string, string>): string {
  const path = route.slice(route.indexOf(' ') + 1);
  const idFor = path.startsWith('/offers/') || path.startsWith('/public/offers/')
    ? ids.offer
    : path.startsWith('/documents/')
      ? ids.cv
      : path.startsWith('/companies/') || path.startsWith('/public/companies/')
        ? ids.company
        : ids.application;
  return path.replace('{id}', idFor!).replace('{interviewId}', ids.interview!).replace('{candidateId}', ids.candidate!);
}

/** Query strings some lists need to hold the application (the others read their defaults). */
const QUERIES: Record<string, (ids: Record<string, string>) => string> = {
  'GET /applications': (ids) => `offerId=${ids.offer}`,
  'GET /interviews': () => `from=${new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)}&to=${new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10)}`,
};

describe('anonymous application: what the company reads', () => {
  let offerId: string;
  let withReferent: Candidate;
  let lone: Candidate;
  const ids: Record<string, string> = {};
  let lonesApplication: string;

  beforeAll(async () => {
    offerId = await offerIn(cast, 'PUBLISHED', { anonymous: true, screeningQuestion: QUESTION });
    withReferent = await distinctCandidate(cast.referent.id);
    lone = await distinctCandidate(null);
    const signature = (who: Candidate) => `${who.firstName} ${who.lastName.toUpperCase()}, ${who.email}, 06.98.76.54.32`;
    const candidate = await withReferent.client();
    const cv = await candidate.post('/api/me/documents', { kind: 'CV', filename: `CV ${withReferent.firstName} ${withReferent.lastName}.pdf`, contentBase64: pdfBytes('CV').toString('base64') });
    expect(cv.status, JSON.stringify(cv.body)).toBe(201);
    const applied = await candidate.post('/api/applications', {
      offerId,
      message: `Bonjour, je suis très motivée. ${signature(withReferent)}`,
      screeningAnswer: `Mon dernier poste m’a appris la rigueur. — ${withReferent.firstName}`,
      cvDocumentId: cv.body.id,
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    Object.assign(ids, { offer: offerId, company: cast.company.id, application: applied.body.id, cv: cv.body.id, candidate: withReferent.id });
    await act('application', cast.referent, ids.application!, { action: 'validate', message: `Je recommande ${withReferent.firstName}.` }, 'PENDING_RECRUITER');
    // Needs for the interview, shared with the company, their precisions signed: read by the company and quoted in the interview's mails.
    const needs = await candidate.put('/api/me/accommodations', { needs: ['EXTRA_TIME'], details: `Un quart d’heure de plus, merci. ${signature(withReferent)}`, shareWithCompanies: true });
    expect(needs.status, JSON.stringify(needs.body)).toBe(200);
    // The thread: the candidate signs, and attaches their CV.
    const posted = await candidate.post(`/api/applications/${ids.application}/messages`, { body: `Merci ! ${signature(withReferent)}`, documentId: cv.body.id });
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    await act('application', cast.recruiter, ids.application!, { action: 'accept' }, 'ACCEPTED');
    const startsAt = new Date(Date.now() + 2 * 86_400_000);
    startsAt.setUTCHours(9, 0, 0, 0);
    const proposed = await act('application', cast.recruiter, ids.application!, { action: 'propose_interview', startsAt: startsAt.toISOString(), durationMinutes: 30, mode: 'VIDEO' }, 'INTERVIEW_PROPOSED');
    ids.interview = proposed.interviews.at(-1).id;
    await act('application', withReferent, ids.application!, { action: 'request_other_slot', message: `Plutôt l’après-midi. ${signature(withReferent)}` }, 'INTERVIEW_PROPOSED');
    startsAt.setUTCHours(14);
    await act('application', cast.recruiter, ids.application!, { action: 'reschedule_interview', startsAt: startsAt.toISOString(), durationMinutes: 30, mode: 'VIDEO' }, 'INTERVIEW_PROPOSED');
    await act('application', withReferent, ids.application!, { action: 'confirm_interview', message: `Entendu. ${withReferent.firstName}` }, 'INTERVIEW_PROPOSED');
    // Without a référent: sent to the company at once, then withdrawn with a signed message.
    const lonely = await (await lone.client()).post('/api/applications', { offerId, message: `Bonjour. ${signature(lone)}`, screeningAnswer: 'La ponctualité.' });
    expect(lonely.status, JSON.stringify(lonely.body)).toBe(201);
    lonesApplication = lonely.body.id;
    await act('application', lone, lonesApplication, { action: 'withdraw', message: `Je retire ma candidature. ${signature(lone)}` }, 'WITHDRAWN');
    await outboxDrained(`application-${ids.application}`);
    await outboxDrained(`application-${lonesApplication}`);
    // The thread's digest, before anyone of the company opens the thread (which would mark it read).
    for (const recruiter of [cast.recruiter, cast.colleague]) {
      await eventually(async () => (await mailbox()).some((m) => m.envelopeTo.includes(recruiter.email) && /^Nouveaux? messages? — /.test(m.subject)), 30_000, 'the message digest');
    }
  });

  it('names neither candidate in any answer of any route of the matrix, to either recruiter', async () => {
    const routes = Object.keys(TABLE).filter((route) => route.startsWith('GET '));
    // The matrix lists every documented route: a route added later is swept without a change here.
    expect(routes).toEqual(expect.arrayContaining(['GET /applications/{id}', 'GET /applications/{id}/messages', 'GET /offers/{id}/cvs.zip', 'GET /applications/{id}/interviews/{interviewId}.ics', 'GET /feed']));
    for (const recruiter of [cast.recruiter, cast.colleague]) {
      const client = await recruiter.client();
      const read: string[] = [];
      for (const route of routes) {
        const query = QUERIES[route]?.(ids);
        const path = `/api${pathOf(route, ids)}${query ? `?${query}` : ''}`;
        const response = await client.get(path);
        expect(response.status, `${route}: ${JSON.stringify(response.body)}`).toBeLessThan(500);
        const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? '');
        for (const who of [withReferent, lone]) expect(identityIn(text, who), `${path} names ${who.firstName}`).toEqual([]);
        if (response.status === 200) read.push(route);
      }
      // The application's own routes did answer (a 404 everywhere would prove nothing).
      expect(read).toEqual(expect.arrayContaining(['GET /applications', 'GET /applications/{id}', 'GET /applications/{id}/accommodations', 'GET /applications/{id}/messages', 'GET /applications/{id}/interviews/{interviewId}.ics', 'GET /applications/{id}/documents', 'GET /offers/{id}/applications.csv', 'GET /offers/{id}/cvs.zip', 'GET /messages', 'GET /notifications', 'GET /feed', 'GET /interviews']));
    }
  });

  it('names the candidate by their number where the name was', async () => {
    const recruiter = await cast.recruiter.client();
    const view = (await recruiter.get(`/api/applications/${ids.application}`)).body;
    expect(view.candidate).toMatchObject({ id: null, email: null, identityHidden: true, firstName: 'Candidat·e', lastName: expect.stringMatching(/^n° \d+$/) });
    expect(view.anonymity).toMatchObject({ anonymous: true, identityShared: false, contactStage: null, companyReadsAs: `Candidat·e ${view.candidate.lastName}` });
    expect(view.message).toContain(view.anonymity.companyReadsAs);
    // The needs' precisions are read, the signature in them replaced, in the answer and in the interview's mail.
    const needs = (await recruiter.get(`/api/applications/${ids.application}/accommodations`)).body;
    expect(needs.details).toMatch(/^Un quart d’heure de plus, merci\. /);
    expect(needs.details).toContain(view.anonymity.companyReadsAs);
    const proposed = (await mailbox()).find((m) => m.envelopeTo.includes(cast.recruiter.email) && m.subject.startsWith('Entretien proposé') && m.text.includes(`/candidatures/${ids.application}`));
    expect(proposed?.text).toContain('Un quart d’heure de plus');
    expect(view.history.find((h: { type: string }) => h.type === 'request_other_slot').actor).toMatchObject({ id: null, firstName: 'Candidat·e' });
    const documents = (await recruiter.get(`/api/applications/${ids.application}/documents`)).body;
    expect(documents.items[0].filename).toBe(`CV-candidat-${view.candidate.number}.pdf`);
    // Its file is withheld until the lift (a CV names its author): listed, not downloadable, said why —
    // in the documents and in the thread where the candidate attached it.
    expect(documents.items[0].downloadUrl).toBeNull();
    const attached = (await recruiter.get(`/api/applications/${ids.application}/messages`)).body.items.find((m: { document: unknown }) => m.document);
    expect(attached.document).toMatchObject({ filename: `CV-candidat-${view.candidate.number}.pdf`, downloadUrl: null });
    const download = await recruiter.get(`/api/documents/${ids.cv}/download`);
    expect(download.status).toBe(403);
    expect(download.body.error.message).toMatch(/anonymat levé/);
    // The offer's CVs ZIP leaves it out, and says why.
    const zip = unzipped((await rawGet(cast.recruiter, `/api/offers/${ids.offer}/cvs.zip`)).bytes);
    expect([...zip.keys()]).toEqual(['LISEZMOI.txt']);
    expect(zip.get('LISEZMOI.txt')!.toString('utf8')).toContain('1 CV de candidature anonyme : lisible une fois l’anonymat levé, absent de ce fichier.');
    // The candidate's side reads everything.
    const own = (await (await withReferent.client()).get(`/api/applications/${ids.application}`)).body;
    expect(own.candidate).toMatchObject({ id: withReferent.id, email: withReferent.email, identityHidden: false });
    const referents = (await (await cast.referent.client()).get(`/api/applications/${ids.application}/messages`)).body;
    expect(JSON.stringify(referents)).toContain(withReferent.lastName);
  });

  it('names neither candidate in any mail or notification the company was sent about them', async () => {
    const all = await mailbox();
    const companyMails = all.filter((m) => m.envelopeTo.some((to) => [cast.recruiter.email, cast.colleague.email].includes(to)));
    const kinds = new Set(companyMails.map((m) => m.subject.split(' — ')[0]));
    // Every kind of mail the company is sent about an application in this flow: a new one, the other
    // slot asked, the confirmation, a withdrawal, and the message digest.
    expect([...kinds].join(' | ')).toMatch(/Nouvelle candidature/);
    expect([...kinds].join(' | ')).toMatch(/Autre créneau/);
    expect([...kinds].join(' | ')).toMatch(/confirmé/);
    expect([...kinds].join(' | ')).toMatch(/retirée/);
    expect([...kinds].join(' | ')).toMatch(/Nouveaux? messages?/);
    expect([...kinds].join(' | ')).toMatch(/Entretien proposé/);
    for (const mail of companyMails) {
      const text = [mail.subject, mail.text, mail.html ?? '', ...mail.attachments.map((a) => `${a.filename ?? ''} ${a.content}`)].join('\n');
      for (const who of [withReferent, lone]) expect(identityIn(text, who), `mail « ${mail.subject} » names ${who.firstName}`).toEqual([]);
    }
    // Each event routed to the company (activities/application-notices.ts) that this flow went through was mailed and swept.
    const companyEvents = Object.entries(APPLICATION_ROUTES).filter(([, routes]) => routes.some((r) => r.to === 'recruiter' || r.to === 'proposer' || r.orElse === 'recruiter')).map(([event]) => event);
    expect(companyEvents).toEqual(expect.arrayContaining(['created', 'validate', 'confirm_interview', 'request_other_slot', 'withdraw']));
  });

  it('names nobody in the reminders and the interview’s mails the company gets (short timers)', async () => {
    const who = await distinctCandidate(cast.referent.id);
    const started = await startApplication(cast, { anonymous: true, candidate: who, message: `Bonjour, ${who.firstName} ${who.lastName}.`, timers: { recruiterReminderMs: 1000, interviewReminderBeforeMs: 3_600_000 - 3000 } });
    await act('application', cast.referent, started.id, { action: 'validate' }, 'PENDING_RECRUITER');
    await eventually(async () => (await sql(`SELECT 1 FROM application_events WHERE application_id = $1 AND type = 'recruiter_reminder'`, [started.id])).length > 0, 20_000, 'the recruiter reminder');
    await act('application', cast.recruiter, started.id, { action: 'accept' }, 'ACCEPTED');
    await act('application', cast.recruiter, started.id, { action: 'propose_interview', startsAt: new Date(Date.now() + 3_600_000).toISOString(), durationMinutes: 30, mode: 'VIDEO' }, 'INTERVIEW_PROPOSED');
    await eventually(async () => (await sql(`SELECT 1 FROM application_events WHERE application_id = $1 AND type = 'interview_reminder'`, [started.id])).length > 0, 20_000, 'the interview reminder');
    await act('application', cast.recruiter, started.id, { action: 'cancel_interview', message: 'Empêchement.' }, 'ACCEPTED');
    await outboxDrained(started.workflowId);
    const about = (await mailbox()).filter((m) => m.text.includes(`/candidatures/${started.id}`) && m.envelopeTo.some((to) => [cast.recruiter.email, cast.colleague.email].includes(to)));
    const subjects = about.map((m) => m.subject).join('\n');
    for (const kind of [/^Nouvelle candidature/, /^Rappel : candidature en attente/, /^Entretien proposé/, /^Rappel : entretien/, /^Entretien annulé/]) expect(subjects).toMatch(new RegExp(kind.source, 'm'));
    for (const mail of about) {
      const text = [mail.subject, mail.text, mail.html ?? '', ...mail.attachments.map((a) => `${a.filename ?? ''} ${a.content}`)].join('\n');
      expect(identityIn(text, who), `mail « ${mail.subject} »`).toEqual([]);
    }
  });

  it('after the lift, names the candidate where an application made openly does; the other stays a number', async () => {
    await act('application', cast.recruiter, ids.application!, { action: 'lift_anonymity', commitment: true, contactNow: true }, 'INTERVIEW_PROPOSED');
    const recruiter = await cast.colleague.client();
    const named: Record<string, string[]> = {
      [`/api/applications/${ids.application}`]: [withReferent.firstName, withReferent.lastName, withReferent.email],
      [`/api/applications?offerId=${ids.offer}`]: [withReferent.firstName, withReferent.lastName, withReferent.email],
      [`/api/applications/${ids.application}/messages`]: [withReferent.firstName, withReferent.lastName, withReferent.email],
      '/api/messages': [withReferent.firstName, withReferent.lastName],
      [`/api/applications/${ids.application}/documents`]: [withReferent.firstName, withReferent.lastName],
      [`/api/offers/${ids.offer}/applications.csv`]: [withReferent.firstName, withReferent.lastName, withReferent.email],
      [`/api/applications/${ids.application}/interviews/${ids.interview}.ics`]: [withReferent.firstName, withReferent.lastName, withReferent.email],
    };
    for (const [path, words] of Object.entries(named)) {
      const response = await recruiter.get(path);
      expect(response.status, path).toBe(200);
      const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
      expect(identityIn(text, withReferent).sort(), path).toEqual([...words].sort());
      // The withdrawn application was never lifted: its candidate is still a number.
      expect(identityIn(text, lone), path).toEqual([]);
    }
    // The CV is readable now, under its own name, from the documents and the thread.
    const documents = (await recruiter.get(`/api/applications/${ids.application}/documents`)).body;
    expect(documents.items[0].downloadUrl).toBe(`/api/documents/${ids.cv}/download`);
    const attached = (await recruiter.get(`/api/applications/${ids.application}/messages`)).body.items.find((m: { document: unknown }) => m.document);
    expect(attached.document.downloadUrl).toBe(`/api/documents/${ids.cv}/download`);
    const download = await fetch(`${apiUrl()}/api/documents/${ids.cv}/download`, { headers: { cookie: recruiter.cookie } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).not.toMatch(/CV-candidat-/);
    const zip = unzipped((await rawGet(cast.colleague, `/api/offers/${ids.offer}/cvs.zip`)).bytes);
    const cvs = [...zip.entries()].filter(([name]) => name.endsWith('.pdf'));
    expect(cvs).toHaveLength(1);
    expect(cvs[0]![1].equals(pdfBytes('CV'))).toBe(true);
    expect(zip.has('LISEZMOI.txt')).toBe(false);
  });
});

// ---- Lifting the anonymity (item 2) ---------------------------------------------------------------

describe('lifting the anonymity', () => {
  let offerId: string;
  const applyTo = async (who: Candidate) => {
    const applied = await (await who.client()).post('/api/applications', { offerId, message: 'Bonjour.', screeningAnswer: 'La rigueur.' });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    const id = applied.body.id as string;
    await act('application', cast.referent, id, { action: 'validate' }, 'PENDING_RECRUITER');
    return id;
  };
  const eventsOf = async (id: string, type: string) =>
    sql<{ actor_id: string; at: Date; data: Record<string, unknown> | null }>('SELECT actor_id, at, data FROM application_events WHERE application_id = $1 AND type = $2', [id, type]);

  beforeAll(async () => {
    offerId = await offerIn(cast, 'PUBLISHED', { anonymous: true, screeningQuestion: QUESTION });
  });

  it('is refused without the commitment, under its field, with nothing recorded', async () => {
    const who = await distinctCandidate(cast.referent.id);
    const id = await applyTo(who);
    const recruiter = await cast.recruiter.client();
    for (const body of [{ contactNow: true }, { commitment: false, contactNow: true }]) {
      const refused = await recruiter.post(`/api/applications/${id}/transitions`, { action: 'lift_anonymity', ...body });
      expect(refused.status, JSON.stringify(refused.body)).toBe(400);
      expect(refused.body.error.details.fields).toEqual([{ field: 'commitment', message: expect.stringMatching(/Je m’engage à contacter ce candidat/) }]);
    }
    const noChoice = await recruiter.post(`/api/applications/${id}/transitions`, { action: 'lift_anonymity', commitment: true });
    expect(noChoice.status).toBe(400);
    expect(noChoice.body.error.details.fields).toEqual([{ field: 'contactNow', message: expect.stringMatching(/maintenant ou plus tard/) }]);
    expect(await eventsOf(id, 'lift_anonymity')).toEqual([]);
    const view = (await recruiter.get(`/api/applications/${id}`)).body;
    expect(view.candidate.identityHidden).toBe(true);
    expect(view.allowedActions).toContain('lift_anonymity');
    expect(view.allowedActions).not.toContain('mark_contacted');
    // Only the company lifts it; an application made openly has nothing to lift.
    expect((await transitionAs(who, id, { action: 'lift_anonymity', commitment: true, contactNow: true })).status).toBe(403);
    const open = await (await cast.candidate.client()).post('/api/applications', { offerId: await offerIn(cast, 'PUBLISHED'), message: 'Bonjour.' });
    await act('application', cast.referent, open.body.id, { action: 'validate' }, 'PENDING_RECRUITER');
    const notAnonymous = await recruiter.post(`/api/applications/${open.body.id}/transitions`, { action: 'lift_anonymity', commitment: true, contactNow: true });
    expect(notAnonymous.status).toBe(409);
    expect(notAnonymous.body.error.message).toMatch(/n’est pas anonyme/);
  });

  it('shares the identity for a contact later, recorded with who and when, told to the candidate and their référent; then « contacté »', async () => {
    const who = await distinctCandidate(cast.referent.id);
    const id = await applyTo(who);
    const before = Date.now();
    const lifted = await act('application', cast.recruiter, id, { action: 'lift_anonymity', commitment: true, contactNow: false }, 'PENDING_RECRUITER');
    expect(lifted.candidate).toMatchObject({ id: who.id, firstName: who.firstName, lastName: who.lastName, email: who.email, identityHidden: false });
    expect(lifted.anonymity).toMatchObject({ anonymous: true, identityShared: true, contactStage: 'TO_CONTACT', identitySharedBy: { id: cast.recruiter.id }, companyReadsAs: `${who.firstName} ${who.lastName}` });
    expect(Date.parse(lifted.anonymity.identitySharedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(lifted.history.at(-1)).toMatchObject({ type: 'lift_anonymity', actor: { id: cast.recruiter.id, role: 'RECRUITER' } });
    expect(lifted.allowedActions).toContain('mark_contacted');
    expect(lifted.allowedActions).not.toContain('lift_anonymity');
    const [event] = await eventsOf(id, 'lift_anonymity');
    expect(event).toMatchObject({ actor_id: cast.recruiter.id, data: { contact: 'TO_CONTACT' } });
    // The candidate's side sees that their identity was shared, and by whom.
    for (const reader of [who, cast.referent]) {
      const seen = (await (await reader.client()).get(`/api/applications/${id}`)).body;
      expect(seen.anonymity).toMatchObject({ identityShared: true, contactStage: 'TO_CONTACT', identitySharedBy: { id: cast.recruiter.id } });
    }
    await outboxDrained(`application-${id}`);
    const told = (await mailbox()).filter((m) => /identité .*a été communiquée à Entreprise A/.test(m.subject));
    expect(told.map((m) => m.envelopeTo[0]).sort()).toEqual(expect.arrayContaining([who.email, cast.referent.email].sort()));
    expect(told.find((m) => m.envelopeTo.includes(who.email))!.subject).toMatch(/^Votre identité a été communiquée à Entreprise A/);

    const contacted = await act('application', cast.colleague, id, { action: 'mark_contacted' }, 'PENDING_RECRUITER');
    expect(contacted.anonymity.contactStage).toBe('CONTACTED');
    expect(contacted.history.at(-1)).toMatchObject({ type: 'mark_contacted', actor: { id: cast.colleague.id } });
    const again = await transitionAs(cast.recruiter, id, { action: 'mark_contacted' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/déjà marquée comme contactée/);
  });

  it('lets one of two recruiters lifting at once win; the other gets a 409 naming the state', async () => {
    const who = await distinctCandidate(cast.referent.id);
    const id = await applyTo(who);
    const answers = await Promise.all(
      [cast.recruiter, cast.colleague].map((recruiter, i) => transitionAs(recruiter, id, { action: 'lift_anonymity', commitment: true, contactNow: i === 0 })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const lost = answers.find((a) => a.status === 409)!;
    expect(lost.body.error.message).toMatch(/L’anonymat de cette candidature est déjà levé \((à contacter|contacté·e)\)/);
    expect(await eventsOf(id, 'lift_anonymity')).toHaveLength(1);
  });

  it('reminds the company’s recruiters when a person stays « à contacter » (timer from the workflow’s input)', async () => {
    const started = await startApplication(cast, { anonymous: true, timers: { contactReminderMs: 1500 } });
    await act('application', cast.referent, started.id, { action: 'validate' }, 'PENDING_RECRUITER');
    await act('application', cast.recruiter, started.id, { action: 'lift_anonymity', commitment: true, contactNow: false }, 'PENDING_RECRUITER');
    await eventually(async () => (await eventsOf(started.id, 'contact_reminder')).length === 1, 20_000, 'the contact reminder');
    await outboxDrained(started.workflowId);
    const reminders = (await mailbox()).filter((m) => m.subject.startsWith('Rappel : personne à contacter') && m.text.includes(`/candidatures/${started.id}`));
    expect(reminders.map((m) => m.envelopeTo[0]).sort()).toEqual([cast.recruiter.email, cast.colleague.email].sort());
    // Once contacted, no further reminder.
    await act('application', cast.recruiter, started.id, { action: 'mark_contacted' }, 'PENDING_RECRUITER');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await eventsOf(started.id, 'contact_reminder')).toHaveLength(1);
  });
});
