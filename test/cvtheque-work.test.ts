// Working a CVthèque profile (issue #17, item 6), on the real Temporal server, PostgreSQL and SMTP
// server: a view is recorded and the candidate is not told; a CV download is recorded and its file
// does not carry the name; the company's comment is private (another company sees none) and two saves
// at once give one 200 and one 409 with the current text; retain / discard; the contact request
// (contactRequestWorkflow): no name, e-mail or phone before acceptance (read in the raw JSON), accepted
// by the candidate → they appear; declined by the référent; cancelled by the recruiter; two requests at
// once; the reminder then the expiry at second scale (CONTACT_REQUEST_REMINDER_AFTER 5 s, EXPIRES 20 s
// in the harness); consent withdrawn → 404 at once; the mails, to whom; who may do what, by role.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCompany, createUser, type Person } from './fixtures.js';
import { createVisibleProfile, uploadCv, withdrawCvthequeConsent } from './cvtheque-drivers.js';
import { ApiClient, eventually, mails, sql, type ApiResponse } from './support.js';

let companyName: string;
let companyId: string;
let recruiter: Person;
let colleague: Person;
let otherRecruiter: Person;
let referent: Person;
let admin: Person;

beforeAll(async () => {
  const tag = randomUUID().slice(0, 6);
  companyName = `Électricité Rhône ${tag}`;
  companyId = (await createCompany(companyName)).id;
  const other = await createCompany(`Autre entreprise ${tag}`);
  recruiter = await createUser('RECRUITER', { companyId, firstName: 'Rémi', lastName: 'Recruteur' });
  colleague = await createUser('RECRUITER', { companyId });
  otherRecruiter = await createUser('RECRUITER', { companyId: other.id });
  referent = await createUser('REFERENT');
  admin = await createUser('ADMIN');
  await Promise.all([recruiter, colleague, otherRecruiter, referent, admin].map((p) => p.client()));
});

const as = async (who: Person) => who.client();
const profilePath = (candidateId: string) => `/api/cvtheque/profiles/${candidateId}`;
const newProfile = (options: Parameters<typeof createVisibleProfile>[0] = {}) =>
  createVisibleProfile({ referentId: referent.id, firstName: 'Maëlle', lastName: `Vasseur${randomUUID().slice(0, 4)}`, ...options });

async function emailOf(person: Person): Promise<string> {
  return person.email;
}
/** The raw JSON says nothing of who it is: no e-mail, no last name, no phone. */
async function namesNobody(response: ApiResponse, candidate: Person) {
  const [u] = await sql(`SELECT last_name, phone FROM users WHERE id = $1`, [candidate.id]);
  const raw = JSON.stringify(response.body);
  expect(raw).not.toContain(await emailOf(candidate));
  expect(raw).not.toContain(u.last_name);
  expect(raw).not.toContain(u.phone);
}
const mailsTo = (person: Person) => mails(person.email);

async function askContact(candidate: Person, who: Person = recruiter, message = 'Bonjour, nous recrutons des électriciens à Lyon.') {
  return (await as(who)).post(`${profilePath(candidate.id)}/contact`, { message });
}

describe('reading a profile', () => {
  it('a recruiter’s view is recorded (event, first and last seen), the candidate is not told, and nothing names them', async () => {
    const candidate = await newProfile();
    const response = await (await as(recruiter)).get(profilePath(candidate.id));
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.headline).toBe('Électricienne du bâtiment');
    // The savoir-être as codes, in the vocabulary's order (the page says their labels and definitions).
    expect(response.body.softSkills).toEqual(['RIGOUR', 'TEAMWORK']);
    expect(response.body.reference).toMatch(/^Profil n° [0-9A-F]{4}-[0-9A-F]{4}$/);
    expect(response.body.contact).toBeNull();
    expect(response.body.rqth).toBeNull();
    expect(response.body.places[0]?.insee ?? '69123').toBe('69123');
    await namesNobody(response, candidate);
    const firstSeen = response.body.company.firstSeenAt;
    expect(firstSeen).not.toBeNull();

    const again = await (await as(colleague)).get(profilePath(candidate.id));
    expect(again.body.company.firstSeenAt).toBe(firstSeen);
    expect(Date.parse(again.body.company.lastSeenAt)).toBeGreaterThanOrEqual(Date.parse(firstSeen));
    const events = await sql(`SELECT type, actor_id FROM cvtheque_events WHERE candidate_id = $1 ORDER BY id`, [candidate.id]);
    expect(events).toEqual([
      { type: 'VIEWED', actor_id: recruiter.id },
      { type: 'VIEWED', actor_id: colleague.id },
    ]);
    // Not told: no notification, no mail.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await sql(`SELECT 1 FROM notifications WHERE user_id = $1`, [candidate.id])).toHaveLength(0);
    expect(await mailsTo(candidate)).toHaveLength(0);
  });

  it('an admin reads it without it being recorded for any company; RQTH only when shared', async () => {
    const candidate = await newProfile({ rqthShared: true });
    const response = await (await as(admin)).get(profilePath(candidate.id));
    expect(response.status).toBe(200);
    expect(response.body.company).toBeNull();
    expect(response.body.rqth).toBe(true);
    expect(await sql(`SELECT 1 FROM cvtheque_events WHERE candidate_id = $1`, [candidate.id])).toHaveLength(0);
  });

  it('consent withdrawn: 404 at once for the profile, its CV, the comment and a contact request', async () => {
    const candidate = await newProfile();
    await uploadCv(candidate);
    expect((await (await as(recruiter)).get(profilePath(candidate.id))).status).toBe(200);
    await withdrawCvthequeConsent(candidate.id);
    const client = await as(recruiter);
    expect((await client.get(profilePath(candidate.id))).status).toBe(404);
    expect((await client.get(`${profilePath(candidate.id)}/cv`)).status).toBe(404);
    expect((await client.put(`${profilePath(candidate.id)}/comment`, { comment: 'x', version: 0 })).status).toBe(404);
    expect((await client.put(`${profilePath(candidate.id)}/decision`, { decision: 'RETAINED' })).status).toBe(404);
    expect((await askContact(candidate)).status).toBe(404);
    expect((await (await as(admin)).get(profilePath(candidate.id))).status).toBe(404);
  });

  it('a disabled account’s profile is 404', async () => {
    const candidate = await newProfile();
    await sql(`UPDATE users SET disabled_at = now() WHERE id = $1`, [candidate.id]);
    expect((await (await as(recruiter)).get(profilePath(candidate.id))).status).toBe(404);
  });
});

describe('the CV', () => {
  it('is downloaded by the company, recorded, under a name that is not the candidate’s; 404 without one', async () => {
    const candidate = await newProfile();
    expect((await (await as(recruiter)).get(`${profilePath(candidate.id)}/cv`)).status).toBe(404);
    await uploadCv(candidate, 'Maelle CV');
    const profile = await (await as(recruiter)).get(profilePath(candidate.id));
    expect(profile.body.cv).not.toBeNull();
    const response = await fetch(`${(await import('./support.js')).apiUrl()}${profilePath(candidate.id)}/cv`, { headers: { cookie: (await as(recruiter)).cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/pdf');
    const disposition = response.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="?cv-[0-9A-F]{4}-[0-9A-F]{4}\.pdf"?$/);
    expect(disposition).not.toMatch(/Ma[eë]lle|Vasseur/i);
    expect(Buffer.from(await response.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const events = await sql(`SELECT type FROM cvtheque_events WHERE candidate_id = $1 AND type = 'CV_DOWNLOADED'`, [candidate.id]);
    expect(events).toHaveLength(1);
  });
});

describe('the company’s comment and decision', () => {
  it('is private to the company: a colleague reads it, another company reads none', async () => {
    const candidate = await newProfile();
    const saved = await (await as(recruiter)).put(`${profilePath(candidate.id)}/comment`, { comment: 'À rappeler lundi.', version: 0 });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.company).toMatchObject({ comment: 'À rappeler lundi.', commentVersion: 1 });
    expect((await (await as(colleague)).get(profilePath(candidate.id))).body.company.comment).toBe('À rappeler lundi.');
    const other = await (await as(otherRecruiter)).get(profilePath(candidate.id));
    expect(other.body.company.comment).toBeNull();
    expect(JSON.stringify(other.body)).not.toContain('À rappeler');
    expect((await (await as(admin)).put(`${profilePath(candidate.id)}/comment`, { comment: 'x', version: 1 })).status).toBe(403);
  });

  it('two saves over the same version: one 200, one 409 with the current text', async () => {
    const candidate = await newProfile();
    const [a, b] = await Promise.all([
      (await as(recruiter)).put(`${profilePath(candidate.id)}/comment`, { comment: 'Texte de Rémi', version: 0 }),
      (await as(colleague)).put(`${profilePath(candidate.id)}/comment`, { comment: 'Texte du collègue', version: 0 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [won, lost] = a.status === 200 ? [a, b] : [b, a];
    expect(lost.body.error.code).toBe('CONFLICT');
    expect(lost.body.error.details.currentComment).toBe(won.body.company.comment);
    expect(lost.body.error.details.fields[0].field).toBe('comment');
    expect(lost.body.error.message).toMatch(/modifié/);
  });

  it('retain, discard, clear: the company’s own sorting, recorded', async () => {
    const candidate = await newProfile();
    const client = await as(recruiter);
    expect((await client.put(`${profilePath(candidate.id)}/decision`, { decision: 'RETAINED' })).body.company.decision).toBe('RETAINED');
    expect((await client.put(`${profilePath(candidate.id)}/decision`, { decision: 'DISCARDED' })).body.company.decision).toBe('DISCARDED');
    const cleared = await client.put(`${profilePath(candidate.id)}/decision`, { decision: null });
    expect(cleared.body.company).toMatchObject({ decision: null, decidedAt: null });
    expect((await client.put(`${profilePath(candidate.id)}/decision`, { decision: 'MAYBE' })).status).toBe(400);
    expect((await (await as(otherRecruiter)).get(profilePath(candidate.id))).body.company.decision).toBeNull();
    const events = await sql(`SELECT type FROM cvtheque_events WHERE candidate_id = $1 AND type <> 'VIEWED' ORDER BY id`, [candidate.id]);
    expect(events.map((e) => e.type)).toEqual(['RETAINED', 'DISCARDED', 'DECISION_CLEARED']);
  });
});

describe('contact requests', () => {
  it('no contact details before acceptance; the candidate accepts and the company sees name, e-mail and phone', async () => {
    const candidate = await newProfile();
    const asked = await askContact(candidate);
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect(asked.body).toMatchObject({ status: 'PENDING', candidate: null, allowedActions: ['cancel'] });
    await namesNobody(asked, candidate);
    const before = await (await as(recruiter)).get(profilePath(candidate.id));
    expect(before.body.contact).toBeNull();
    expect(before.body.contactRequest).toMatchObject({ id: asked.body.id, status: 'PENDING' });
    await namesNobody(before, candidate);
    const list = await (await as(recruiter)).get('/api/contact-requests');
    await namesNobody({ ...list, body: list.body.items.filter((i: any) => i.candidateId === candidate.id) }, candidate);

    // The candidate and their référent are told; the message is in neither the workflow input nor its history.
    await eventually(async () => (await mailsTo(candidate)).some((m) => m.subject.includes(companyName)), 20_000, 'mail to the candidate');
    await eventually(async () => (await mails(referent.email)).some((m) => m.subject.includes(companyName) && m.text.includes('Maëlle')), 20_000, 'mail to the référent');
    const [row] = await sql(`SELECT workflow_id FROM contact_requests WHERE id = $1`, [asked.body.id]);
    const { temporalClient } = await import('./support.js');
    const history = await (await temporalClient()).workflow.getHandle(row.workflow_id).fetchHistory();
    expect(JSON.stringify(history)).not.toContain(Buffer.from('nous recrutons').toString('base64'));

    const mine = await (await as(candidate)).get('/api/contact-requests');
    const item = mine.body.items.find((i: any) => i.id === asked.body.id);
    expect(item).toMatchObject({ status: 'PENDING', message: 'Bonjour, nous recrutons des électriciens à Lyon.', company: { name: companyName } });
    expect([...item.allowedActions].sort()).toEqual(['accept', 'decline']);

    const accepted = await (await as(candidate)).post(`/api/contact-requests/${asked.body.id}/transitions`, { action: 'accept' });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.status).toBe('ACCEPTED');
    const after = await (await as(recruiter)).get(profilePath(candidate.id));
    expect(after.body.contact).toMatchObject({ firstName: 'Maëlle', email: candidate.email, phone: '06 11 22 33 44' });
    // Another company still sees nobody.
    await namesNobody(await (await as(otherRecruiter)).get(profilePath(candidate.id)), candidate);
    await eventually(async () => (await mails(recruiter.email)).some((m) => m.subject.includes('Demande de contact acceptée')), 20_000, 'mail to the requester');
    expect((await mails(colleague.email)).some((m) => m.subject.includes('Demande de contact acceptée'))).toBe(false);
    const [decided] = await sql(`SELECT decided_by, decided_at FROM contact_requests WHERE id = $1`, [asked.body.id]);
    expect(decided.decided_by).toBe(candidate.id);
  });

  it('the référent declines for the candidate; the recruiter cancels another; who may not act is refused', async () => {
    const candidate = await newProfile();
    const asked = await askContact(candidate);
    expect(asked.status).toBe(201);
    // A second while one waits: 409.
    const second = await askContact(candidate, colleague);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('CONFLICT');
    const id = asked.body.id;
    const otherReferent = await createUser('REFERENT');
    expect((await (await otherReferent.client()).post(`/api/contact-requests/${id}/transitions`, { action: 'decline' })).status).toBe(404);
    expect((await (await as(otherRecruiter)).post(`/api/contact-requests/${id}/transitions`, { action: 'cancel' })).status).toBe(404);
    // Seen once answered 409 under load (not reproduced): the body says which refusal it was.
    const recruiterAccepts = await (await as(recruiter)).post(`/api/contact-requests/${id}/transitions`, { action: 'accept' });
    expect(recruiterAccepts.status, JSON.stringify(recruiterAccepts.body)).toBe(403);
    expect((await (await as(candidate)).post(`/api/contact-requests/${id}/transitions`, { action: 'cancel' })).status).toBe(403);
    const declined = await (await as(referent)).post(`/api/contact-requests/${id}/transitions`, { action: 'decline' });
    expect(declined.status, JSON.stringify(declined.body)).toBe(200);
    expect(declined.body.status).toBe('DECLINED');
    expect((await (await as(candidate)).post(`/api/contact-requests/${id}/transitions`, { action: 'accept' })).status).toBe(409);
    expect((await (await as(recruiter)).get(profilePath(candidate.id))).body.contact).toBeNull();
    await eventually(async () => (await mails(recruiter.email)).some((m) => m.subject.includes('Demande de contact refusée')), 20_000, 'decline mail');

    // Declined: the company may ask again; then cancels.
    const again = await askContact(candidate);
    expect(again.status).toBe(201);
    const cancelled = await (await as(colleague)).post(`/api/contact-requests/${again.body.id}/transitions`, { action: 'cancel' });
    expect(cancelled.body.status).toBe('CANCELLED');
    await eventually(async () => (await mailsTo(candidate)).some((m) => m.subject.includes('a annulé sa demande')), 20_000, 'cancel mail');
  });

  it('two requests at once: one 201, one 409', async () => {
    const candidate = await newProfile();
    const [a, b] = await Promise.all([askContact(candidate, recruiter), askContact(candidate, colleague)]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect(await sql(`SELECT 1 FROM contact_requests WHERE candidate_id = $1`, [candidate.id])).toHaveLength(1);
  });

  it('without an answer: a reminder to the candidate and the référent, then EXPIRED and the requester told', async () => {
    const candidate = await newProfile();
    const asked = await askContact(candidate);
    expect(asked.status).toBe(201);
    await eventually(async () => (await mailsTo(candidate)).some((m) => m.subject.startsWith('Rappel')), 20_000, 'reminder to the candidate');
    await eventually(async () => (await mails(referent.email)).some((m) => m.subject.startsWith('Rappel') && m.text.includes('Maëlle')), 20_000, 'reminder to the référent');
    await eventually(async () => (await sql(`SELECT status FROM contact_requests WHERE id = $1`, [asked.body.id]))[0].status === 'EXPIRED', 25_000, 'expiry');
    await eventually(async () => (await mails(recruiter.email)).some((m) => m.subject.includes('Demande de contact expirée')), 20_000, 'expiry mail');
    const events = await sql(`SELECT type FROM contact_request_events WHERE contact_request_id = $1 ORDER BY seq`, [asked.body.id]);
    expect(events.map((e) => e.type)).toEqual(['created', 'reminder', 'expire']);
    expect((await (await as(candidate)).post(`/api/contact-requests/${asked.body.id}/transitions`, { action: 'accept' })).status).toBe(409);
  }, 60_000);

  it('a message is required', async () => {
    const candidate = await newProfile();
    const response = await (await as(recruiter)).post(`${profilePath(candidate.id)}/contact`, { message: '   ' });
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields[0].field).toBe('message');
  });
});

describe('who may do what, by role', () => {
  it('only verified companies’ recruiters (and admins, to read) reach the profile routes', async () => {
    const candidate = await newProfile();
    // A company whose verification is taken back while its recruiter is signed in.
    const pending = await createCompany('Entreprise en attente');
    const unverified = await createUser('RECRUITER', { companyId: pending.id });
    await unverified.client();
    await sql(`UPDATE companies SET status = 'PENDING_ADMIN_VERIFICATION' WHERE id = $1`, [pending.id]);
    const missionOfficer = await createUser('MISSION_OFFICER');
    const otherCandidate = await createUser('CANDIDATE');
    const anonymous = new ApiClient();
    const routes: Array<[string, string, unknown?]> = [
      ['GET', profilePath(candidate.id)],
      ['GET', `${profilePath(candidate.id)}/cv`],
      ['PUT', `${profilePath(candidate.id)}/comment`, { comment: 'x', version: 0 }],
      ['PUT', `${profilePath(candidate.id)}/decision`, { decision: 'RETAINED' }],
      ['POST', `${profilePath(candidate.id)}/contact`, { message: 'Bonjour.' }],
    ];
    for (const [method, path, body] of routes) {
      expect((await anonymous.request(method, path, body)).status, `${method} ${path} anonymous`).toBe(401);
      for (const who of [candidate, otherCandidate, referent, missionOfficer, unverified]) {
        expect((await (await who.client()).request(method, path, body)).status, `${method} ${path}`).toBe(403);
      }
    }
    // Admins read, never act.
    expect((await (await as(admin)).get(profilePath(candidate.id))).status).toBe(200);
    expect((await (await as(admin)).put(`${profilePath(candidate.id)}/decision`, { decision: 'RETAINED' })).status).toBe(403);
    expect((await (await as(admin)).post(`${profilePath(candidate.id)}/contact`, { message: 'Bonjour.' })).status).toBe(403);
  });

  it('each role’s list of contact requests holds its own', async () => {
    const candidate = await newProfile();
    const asked = await askContact(candidate);
    const ids = async (who: Person) => ((await (await who.client()).get('/api/contact-requests?pageSize=100')).body.items as any[]).map((i) => i.id);
    expect(await ids(candidate)).toContain(asked.body.id);
    expect(await ids(referent)).toContain(asked.body.id);
    expect(await ids(colleague)).toContain(asked.body.id);
    expect(await ids(admin)).toContain(asked.body.id);
    expect(await ids(otherRecruiter)).not.toContain(asked.body.id);
    expect(await ids(await createUser('REFERENT'))).not.toContain(asked.body.id);
    expect((await (await (await createUser('MISSION_OFFICER')).client()).get('/api/contact-requests')).status).toBe(403);
  });
});
