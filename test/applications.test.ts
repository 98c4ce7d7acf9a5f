// Applications end to end through the API, on the real Temporal server, PostgreSQL and SMTP server:
// the paths to HIRED, NOT_HIRED, REFUSED and WITHDRAWN, interviews (VIDEO room, .ics), what each
// person sees, and the mails each step sends.
import { beforeAll, describe, expect, it } from 'vitest';
import { act, mailsAbout, mailsTo, markInterviewDone, proposeInterviewSoon, runStatus, transition, untilStarted } from './drivers.js';
import { createCast, createUser, inDays, type Cast, type Person } from './fixtures.js';
import { ApiClient, DEMO, eventually, sql, temporalClient } from './support.js';

let cast: Cast;
beforeAll(async () => {
  cast = await createCast();
});

/** A new candidate of the cast's référent applies to the cast's offer (one live application per offer each). */
async function apply(candidate?: Person, offerId = cast.company.offerId, message = 'Je suis très motivée.') {
  candidate ??= await createUser('CANDIDATE', { referentId: cast.referent.id });
  const response = await (await candidate.client()).post('/api/applications', { offerId, message });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return { ...(response.body as { id: string; status: string; history: Array<{ type: string }>; workflowId: string }), candidate };
}

describe('the demo path through the API', () => {
  it('takes the demo candidate to HIRED, each step by the right demo account', async () => {
    const candidate = await ApiClient.login(DEMO.candidate);
    const { body: offers } = await candidate.get('/api/applications?status=all');
    expect(offers.items).toBeInstanceOf(Array);
    const [offer] = await sql(`SELECT id FROM offers WHERE title = 'Assistant administratif H/F'`);

    const noAnswer = await candidate.post('/api/applications', { offerId: offer.id });
    expect(noAnswer.status).toBe(400);
    expect(noAnswer.body.error.message).toMatch(/screeningAnswer/);

    const created = await candidate.post('/api/applications', { offerId: offer.id, message: 'Bonjour', screeningAnswer: 'Un écran adapté.' });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({ status: 'PENDING_REFERENT_VALIDATION', screeningAnswer: 'Un écran adapté.' });

    const again = await candidate.post('/api/applications', { offerId: offer.id, message: 'Encore', screeningAnswer: 'x' });
    expect(again.status).toBe(409);

    const recruiter = await ApiClient.login(DEMO.recruiter);
    expect((await recruiter.get(`/api/applications/${id}`)).status).toBe(404);

    const referent = await ApiClient.login(DEMO.referent);
    const queue = await referent.get('/api/applications');
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(id);
    await act('application', referent, id, { action: 'validate' }, 'PENDING_RECRUITER');

    await act('application', recruiter, id, { action: 'accept' }, 'ACCEPTED');
    const proposed = await proposeInterviewSoon(recruiter, id, { durationMinutes: 45, mode: 'VIDEO' });
    expect(proposed.interviews[0].videoUrl).toMatch(/^https:\/\/meet\.jit\.si\/tremplin-/);
    expect((await act('application', candidate, id, { action: 'confirm_interview' }, 'INTERVIEW_PROPOSED')).interviews[0].status).toBe('CONFIRMED');
    await markInterviewDone(recruiter, id);
    const hired = await act('application', recruiter, id, { action: 'hire' }, 'HIRED');
    expect(hired.history.map((h: { type: string }) => h.type)).toEqual([
      'created',
      'validate',
      'accept',
      'propose_interview',
      'confirm_interview',
      'mark_interview_done',
      'hire',
    ]);
    expect(hired.allowedActions).toEqual([]);

    const late = await transition('application', recruiter, id, { action: 'refuse', reason: 'POSTE_POURVU', message: 'Trop tard' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('ILLEGAL_TRANSITION');
    expect(late.body.error.message).toMatch(/HIRED/);

    const client = await temporalClient();
    const found = await eventually(async () => {
      for await (const wf of client.workflow.list({ query: `ApplicationStatus='HIRED' AND WorkflowId='${hired.workflowId}'` })) return wf;
      return undefined;
    }, 20_000, 'HIRED in visibility');
    expect(found.workflowId).toBe(`application-${id}`);
    await eventually(async () => (await runStatus(found.workflowId)) === 'COMPLETED', 20_000, 'workflow completed');
  });
});

describe('application paths', () => {
  it('sends the new application to the référent, with mails to the référent and the candidate', async () => {
    const application = await apply(cast.candidate);
    expect(application.status).toBe('PENDING_REFERENT_VALIDATION');
    expect(application.history.map((h) => h.type)).toEqual(['created']);
    await eventually(async () => (await mailsTo(cast.referent.email)).length > 0 && (await mailsTo(cast.candidate.email)).length > 0, 20_000, 'creation mails');
    const [notification] = await sql(`SELECT * FROM notifications WHERE user_id = $1 AND entity_id = $2`, [cast.referent.id, application.id]);
    expect(notification).toBeTruthy();
  });

  it('tells a référent who applied for their candidate what they did, the candidate who applied for them, and the company whose words it reads', async () => {
    const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
    const referent = await cast.referent.client();
    const created = await referent.post('/api/applications', { offerId: cast.company.offerId, candidateId: candidate.id, message: 'Une personne rigoureuse, formée en juin.' });
    expect(created.status).toBe(201);
    // Like the candidate's own: it waits for the référent's validation, a second and deliberate look.
    expect(created.body).toMatchObject({ status: 'PENDING_REFERENT_VALIDATION', allowedActions: expect.arrayContaining(['validate', 'reject']) });
    expect(created.body.history[0].actor.id).toBe(cast.referent.id);
    const id = created.body.id as string;
    const toReferent = await eventually(async () => (await mailsAbout('application', id, { to: cast.referent.email }))[0], 20_000, 'mail to the référent');
    expect(toReferent.subject).toMatch(/Candidature déposée, à valider/);
    expect(toReferent.text).toMatch(/Vous avez déposé une candidature .* pour /);
    expect(toReferent.text).toContain('Votre message :');
    expect(toReferent.text).not.toContain('Message du candidat');
    const toCandidate = await eventually(async () => (await mailsAbout('application', id, { to: candidate.email }))[0], 20_000, 'mail to the candidate');
    expect(toCandidate.text).toMatch(/a déposé pour vous une candidature/);
    await act('application', referent, id, { action: 'validate' }, 'PENDING_RECRUITER');
    const toCompany = await eventually(async () => (await mailsAbout('application', id, { to: cast.recruiter.email }))[0], 20_000, 'mail to the recruiters');
    expect(toCompany.text).toContain('Message du référent, joint à la candidature :');
    expect(toCompany.text).not.toContain('Message du candidat');
  });

  it('skips the référent when the candidate has none, and says so in the history', async () => {
    const application = await apply(cast.loneCandidate);
    expect(application.status).toBe('PENDING_RECRUITER');
    expect(application.history.map((h) => h.type)).toEqual(['created', 'referent_skipped']);
    const seen = await (await cast.recruiter.client()).get(`/api/applications/${application.id}`);
    expect(seen.status).toBe(200);
  });

  it('requires a message to reject, and the message reaches the candidate and the référent', async () => {
    const { id, candidate } = await apply();
    const missing = await transition('application', cast.referent, id, { action: 'reject' });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(missing.body.error.message).toMatch(/message/);
    const blank = await transition('application', cast.referent, id, { action: 'reject', message: '   ' });
    expect(blank.status).toBe(400);
    const rejected = await act('application', cast.referent, id, { action: 'reject', message: 'Le poste demande le permis B.' }, 'REJECTED_BY_REFERENT');
    expect(rejected.history.at(-1)).toMatchObject({ type: 'reject', message: 'Le poste demande le permis B.' });
    await eventually(async () => (await mailsTo(candidate.email)).some((m) => m.text.includes('Le poste demande le permis B.')), 20_000, 'reject mail to candidate');
    // The référent gets the message too, unless they are the one who wrote it.
    expect((await (await cast.recruiter.client()).get(`/api/applications/${id}`)).status).toBe(404);
  });

  it('refuses at each recruiter stage with a message', async () => {
    for (const stage of ['PENDING_RECRUITER', 'ACCEPTED', 'INTERVIEW_PROPOSED', 'INTERVIEW_DONE'] as const) {
      const { id } = await apply();
      await act('application', cast.referent, id, { action: 'validate' }, 'PENDING_RECRUITER');
      if (stage !== 'PENDING_RECRUITER') await act('application', cast.recruiter, id, { action: 'accept' }, 'ACCEPTED');
      if (stage === 'INTERVIEW_PROPOSED') {
        await act('application', cast.recruiter, id, { action: 'propose_interview', startsAt: inDays(2), durationMinutes: 30, mode: 'PHONE' }, 'INTERVIEW_PROPOSED');
      }
      if (stage === 'INTERVIEW_DONE') {
        await proposeInterviewSoon(cast.recruiter, id);
        await markInterviewDone(cast.recruiter, id);
      }
      expect((await transition('application', cast.recruiter, id, { action: 'refuse', reason: 'POSTE_POURVU' })).status).toBe(400);
      const refused = await act('application', cast.colleague, id, { action: 'refuse', reason: 'POSTE_POURVU', message: `Profil retenu ailleurs (${stage})` }, 'REFUSED');
      expect(refused.history.at(-1).fromStatus).toBe(stage);
      if (stage === 'INTERVIEW_PROPOSED') expect(refused.interviews[0].status).toBe('CANCELLED');
    }
  });

  it('runs several interview rounds and ends NOT_HIRED with a message', async () => {
    const { id } = await apply();
    await act('application', cast.referent, id, { action: 'validate' }, 'PENDING_RECRUITER');
    await act('application', cast.recruiter, id, { action: 'accept' }, 'ACCEPTED');
    await act('application', cast.recruiter, id, { action: 'propose_interview', startsAt: inDays(2), durationMinutes: 30, mode: 'PHONE' }, 'INTERVIEW_PROPOSED');
    await act('application', cast.recruiter, id, { action: 'cancel_interview' }, 'ACCEPTED');
    await proposeInterviewSoon(cast.recruiter, id, { mode: 'IN_PERSON', location: '1 rue de Paris' });
    await markInterviewDone(cast.recruiter, id);
    await proposeInterviewSoon(cast.recruiter, id, { durationMinutes: 60, mode: 'CHAT' });
    await markInterviewDone(cast.recruiter, id);
    expect((await transition('application', cast.recruiter, id, { action: 'not_hire', reason: 'POSTE_POURVU' })).status).toBe(400);
    const done = await act('application', cast.recruiter, id, { action: 'not_hire', reason: 'POSTE_POURVU', message: 'Nous avons retenu un autre profil.' }, 'NOT_HIRED');
    expect(done.interviews.map((i: { round: number; status: string }) => [i.round, i.status])).toEqual([
      [1, 'CANCELLED'],
      [2, 'DONE'],
      [3, 'DONE'],
    ]);
  });

  it('marks an interview done only once its start has passed: before, a 409 saying when, and no « a eu lieu » mail', async () => {
    const { id, candidate } = await apply();
    await act('application', cast.referent, id, { action: 'validate' }, 'PENDING_RECRUITER');
    await act('application', cast.recruiter, id, { action: 'accept' }, 'ACCEPTED');
    // Tomorrow's interview may not be marked done today; one starting in a moment may, once started.
    await act('application', cast.recruiter, id, { action: 'propose_interview', startsAt: inDays(1), durationMinutes: 30, mode: 'PHONE' }, 'INTERVIEW_PROPOSED');
    const tomorrow = await transition('application', cast.recruiter, id, { action: 'mark_interview_done' });
    expect(tomorrow.status, JSON.stringify(tomorrow.body)).toBe(409);
    expect(tomorrow.body.error).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { status: 'INTERVIEW_PROPOSED' } });
    expect(tomorrow.body.error.message).toMatch(/^L’entretien n’a pas encore commencé : il pourra être marqué comme effectué à partir de son début, le .+ \(heure de Paris\)\.$/);
    expect([...tomorrow.body.error.details.allowedActions].sort()).toEqual(['cancel_interview', 'refuse', 'reschedule_interview']);
    const seen = (await (await cast.recruiter.client()).get(`/api/applications/${id}`)).body;
    expect(seen.allowedActions).not.toContain('mark_interview_done');
    expect(seen.waitingActions).toEqual([{ action: 'mark_interview_done', reason: tomorrow.body.error.message }]);
    expect((await (await candidate.client()).get(`/api/applications/${id}`)).body.waitingActions).toEqual([]);

    await act('application', cast.recruiter, id, { action: 'cancel_interview' }, 'ACCEPTED');
    const soon = await proposeInterviewSoon(cast.recruiter, id);
    await untilStarted(soon.interviews.at(-1).startsAt);
    const done = await act('application', cast.colleague, id, { action: 'mark_interview_done' }, 'INTERVIEW_DONE');
    expect(done.history.filter((h: { type: string }) => h.type === 'mark_interview_done')).toHaveLength(1);
    expect(done.interviews.map((i: { status: string }) => i.status)).toEqual(['CANCELLED', 'DONE']);
    expect(done.waitingActions).toEqual([]);

    // The candidate is told it took place once, after it did.
    const doneMails = async () => mailsAbout('application', id, { to: candidate.email, subject: /^Entretien effectué/ });
    await eventually(async () => (await doneMails()).length > 0, 20_000, 'the « a eu lieu » mail');
    const told = await doneMails();
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toContain('a eu lieu');
    expect(Date.parse(told[0]!.receivedAt)).toBeGreaterThanOrEqual(Date.parse(soon.interviews.at(-1).startsAt));
  });

  it('gives a VIDEO interview a Jitsi room and an .ics invitation, in the API and in the mails', async () => {
    const { id, candidate } = await apply();
    await act('application', cast.referent, id, { action: 'validate' }, 'PENDING_RECRUITER');
    await act('application', cast.recruiter, id, { action: 'accept' }, 'ACCEPTED');
    const startsAt = inDays(4);
    const proposed = await act('application', cast.recruiter, id, { action: 'propose_interview', startsAt, durationMinutes: 45, mode: 'VIDEO', message: 'À bientôt' }, 'INTERVIEW_PROPOSED');
    const interview = proposed.interviews[0];
    const room = /meet\.jit\.si\/(tremplin-[\w-]+)/.exec(interview.videoUrl)![1]!;
    expect(room.length).toBeGreaterThan(20);

    const ics = await (await candidate.client()).get(interview.icsUrl);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toMatch(/text\/calendar/);
    expect(ics.body).toContain('METHOD:REQUEST');
    expect(ics.body).toContain(room);
    expect((await (await cast.otherCandidate.client()).get(interview.icsUrl)).status).toBe(404);

    const invitation = await eventually(async () => (await mailsTo(candidate.email)).find((m) => m.attachments.some((a) => a.content.includes(room))), 20_000, 'invitation mail');
    expect(invitation.text).toContain(room);

    await act('application', cast.recruiter, id, { action: 'cancel_interview' }, 'ACCEPTED');
    const cancelled = await (await candidate.client()).get(interview.icsUrl);
    expect(cancelled.body).toContain('METHOD:CANCEL');
    await eventually(async () => (await mailsTo(candidate.email)).some((m) => m.attachments.some((a) => a.content.includes('METHOD:CANCEL') && a.content.includes(room))), 20_000, 'cancellation mail');
  });

  it('lets the candidate withdraw, and closes the workflow', async () => {
    const { id, workflowId, candidate } = await apply();
    await act('application', cast.referent, id, { action: 'validate' }, 'PENDING_RECRUITER');
    await act('application', candidate, id, { action: 'withdraw' }, 'WITHDRAWN');
    await eventually(async () => (await runStatus(workflowId)) === 'COMPLETED', 20_000, 'completed');
    const again = await transition('application', candidate, id, { action: 'withdraw' });
    expect(again.status).toBe(409);
  });
});

describe('lists and notes', () => {
  it('shows each role its own applications, the référent queue oldest first', async () => {
    const first = await apply();
    const second = await apply();
    const queue = await (await cast.referent.client()).get('/api/applications?pageSize=100');
    const ids = queue.body.items.map((i: { id: string }) => i.id);
    expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(second.id));
    expect(queue.body).toMatchObject({ page: 1, pageSize: 100 });
    expect(queue.body.items.every((i: { status: string }) => i.status === 'PENDING_REFERENT_VALIDATION')).toBe(true);

    const mission = await (await cast.missionOfficer.client()).get('/api/applications?pageSize=100');
    expect(mission.body.items.map((i: { id: string }) => i.id)).toContain(first.id);
    const otherMission = await (await cast.otherMissionOfficer.client()).get('/api/applications?status=all&pageSize=100');
    expect(otherMission.body.items.map((i: { id: string }) => i.id)).not.toContain(first.id);

    const recruiterList = await (await cast.recruiter.client()).get('/api/applications?status=all&pageSize=100');
    expect(recruiterList.body.items.map((i: { id: string }) => i.id)).not.toContain(first.id);
    await act('application', cast.referent, first.id, { action: 'validate' }, 'PENDING_RECRUITER');
    const after = await (await cast.recruiter.client()).get(`/api/applications?status=PENDING_RECRUITER&offerId=${cast.company.offerId}&pageSize=100`);
    expect(after.body.items.map((i: { id: string }) => i.id)).toContain(first.id);
    expect((await (await cast.otherRecruiter.client()).get('/api/applications?status=all')).body.items.map((i: { id: string }) => i.id)).not.toContain(first.id);

    const mine = await (await first.candidate.client()).get('/api/applications?status=all&pageSize=100');
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([first.id]);

    const bad = await (await cast.candidate.client()).get('/api/applications?status=NOPE');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/status/);
  });

  it('keeps the private note to the company', async () => {
    const { id, candidate } = await apply();
    await act('application', cast.referent, id, { action: 'validate' }, 'PENDING_RECRUITER');
    const read = await (await cast.recruiter.client()).get(`/api/applications/${id}`);
    expect(read.body).toMatchObject({ recruiterNote: null, recruiterNoteVersion: 0 });
    const saved = await (await cast.recruiter.client()).put(`/api/applications/${id}/note`, { note: 'Très bon échange téléphonique.', version: 0 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ recruiterNote: 'Très bon échange téléphonique.', recruiterNoteVersion: 1 });
    expect((await (await cast.colleague.client()).get(`/api/applications/${id}`)).body).toMatchObject({ recruiterNote: 'Très bon échange téléphonique.', recruiterNoteVersion: 1 });
    const candidateView = await (await candidate.client()).get(`/api/applications/${id}`);
    expect(candidateView.body).not.toHaveProperty('recruiterNote');
    expect(candidateView.body).not.toHaveProperty('recruiterNoteVersion');
    expect((await (await candidate.client()).put(`/api/applications/${id}/note`, { note: 'x', version: 1 })).status).toBe(403);
    expect((await (await cast.otherRecruiter.client()).put(`/api/applications/${id}/note`, { note: 'x', version: 1 })).status).toBe(404);
  });

  it('saves the private note over the version read: the stale write of two recruiters at once is a 409, not a loss', async () => {
    const { id } = await apply();
    await act('application', cast.referent, id, { action: 'validate' }, 'PENDING_RECRUITER');
    const [recruiter, colleague] = await Promise.all([cast.recruiter.client(), cast.colleague.client()]);
    const note = (text: string, version: unknown) => ({ note: text, version });

    // Without a version: 400 naming the field.
    const missing = await recruiter.put(`/api/applications/${id}/note`, { note: 'Sans version' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/^version : /);

    // Both read version 0 and save at the same instant: one wins, the other is told, nothing is lost silently.
    for (let round = 0; round < 5; round++) {
      const version = (await recruiter.get(`/api/applications/${id}`)).body.recruiterNoteVersion as number;
      const texts = [`Recruteur, tour ${round}`, `Collègue, tour ${round}`];
      const answers = await Promise.all([recruiter.put(`/api/applications/${id}/note`, note(texts[0]!, version)), colleague.put(`/api/applications/${id}/note`, note(texts[1]!, version))]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      const winner = answers.findIndex((a) => a.status === 200);
      const loser = answers[1 - winner]!;
      expect(loser.body.error.code).toBe('CONFLICT');
      expect(loser.body.error.message).toMatch(/^note : la note a été modifiée par (Recruiter|Colleague)?.* Rechargez la candidature/);
      expect(loser.body.error.details).toMatchObject({ field: 'note', version, currentVersion: version + 1 });
      expect(answers[winner]!.body).toMatchObject({ recruiterNote: texts[winner], recruiterNoteVersion: version + 1 });
      const [row] = await sql(`SELECT recruiter_note, recruiter_note_version, recruiter_note_updated_by FROM applications WHERE id = $1`, [id]);
      expect(row).toEqual({ recruiter_note: texts[winner], recruiter_note_version: version + 1, recruiter_note_updated_by: [cast.recruiter.id, cast.colleague.id][winner] });
    }

    // A save over an old version: 409, the note as it was.
    const [before] = await sql(`SELECT recruiter_note, recruiter_note_version FROM applications WHERE id = $1`, [id]);
    const stale = await colleague.put(`/api/applications/${id}/note`, note('Sur une vieille version', 1));
    expect(stale.status).toBe(409);
    expect(stale.body.error.details).toMatchObject({ version: 1, currentVersion: before.recruiter_note_version });
    expect((await sql(`SELECT recruiter_note, recruiter_note_version FROM applications WHERE id = $1`, [id]))[0]).toEqual(before);
    // Once reloaded, the same text goes through.
    const reloaded = (await colleague.get(`/api/applications/${id}`)).body;
    const retried = await colleague.put(`/api/applications/${id}/note`, note('Sur une vieille version', reloaded.recruiterNoteVersion));
    expect(retried.status).toBe(200);
    expect(retried.body.recruiterNoteVersion).toBe(reloaded.recruiterNoteVersion + 1);
  });

  it('lists the verified companies one may apply to spontaneously, searched without accents or case (GET /api/verified-companies)', async () => {
    const tag = Math.random().toString(36).slice(2, 7);
    const insert = async (name: string, status: string) =>
      (await sql(`INSERT INTO companies (id, siren, name, status, city) VALUES (gen_random_uuid(), $1, $2, $3, 'Saint-Étienne') RETURNING id`, [String(100_000_000 + Math.floor(Math.random() * 800_000_000)), name, status]))[0].id as string;
    const verified = await insert(`Café Étoilé ${tag}`, 'VERIFIED');
    await insert(`Café Étoilé en attente ${tag}`, 'PENDING_ADMIN_VERIFICATION');
    await sql(`INSERT INTO offers (id, company_id, title, contract_type, postal_code, city, description, status, published_at, expires_at)
               VALUES (gen_random_uuid(), $1, 'Serveur H/F', 'CDI', '42000', 'Saint-Étienne', 'Service en salle.', 'PUBLISHED', now(), now() + interval '60 days')`, [verified]);
    const candidate = await (await createUser('CANDIDATE', { referentId: cast.referent.id })).client();
    for (const q of [`cafe etoile ${tag}`, `CAFÉ ÉTOILÉ ${tag}`, `étoilé ${tag}`]) {
      const found = await candidate.get(`/api/verified-companies?q=${encodeURIComponent(q)}`);
      expect(found.status).toBe(200);
      expect(found.body).toMatchObject({ total: 1, page: 1, items: [{ id: verified, name: `Café Étoilé ${tag}`, city: 'Saint-Étienne', publishedOffers: 1 }] });
    }
    const byCity = await candidate.get(`/api/verified-companies?q=saint-etienne&pageSize=100`);
    expect(byCity.body.items.map((c: { id: string }) => c.id)).toContain(verified);
    // A LIKE wildcard typed is a character searched, not « anything ».
    expect((await candidate.get(`/api/verified-companies?q=${encodeURIComponent(`%${tag}`)}`)).body.total).toBe(0);
    expect((await (await cast.referent.client()).get(`/api/verified-companies?q=${tag}`)).body.total).toBe(1);
    expect((await (await cast.recruiter.client()).get('/api/verified-companies')).status).toBe(403);
    expect((await (await cast.missionOfficer.client()).get('/api/verified-companies')).status).toBe(403);
    expect((await new ApiClient().get('/api/verified-companies')).status).toBe(401);
    expect((await candidate.get('/api/verified-companies?pageSize=1000')).status).toBe(400);
    // The company found takes the spontaneous application.
    const applied = await candidate.post('/api/applications', { companyId: verified, message: 'Je connais bien le service en salle.' });
    expect(applied.status).toBe(201);
    expect(applied.body).toMatchObject({ offer: null, company: { id: verified }, status: 'PENDING_REFERENT_VALIDATION' });
  });

  it('refuses bad creation requests with clear messages', async () => {
    const candidate = await (await createUser('CANDIDATE', { referentId: cast.referent.id })).client();
    const both = await candidate.post('/api/applications', { offerId: cast.company.offerId, companyId: cast.company.id });
    expect(both.status).toBe(400);
    const notUuid = await candidate.post('/api/applications', { offerId: 'abc' });
    expect(notUuid.status).toBe(400);
    expect(notUuid.body.error.message).toMatch(/offerId/);
    const unknownOffer = await candidate.post('/api/applications', { offerId: '00000000-0000-4000-8000-000000000000' });
    expect(unknownOffer.status).toBe(404);
    const recruiter = await cast.recruiter.client();
    expect((await recruiter.post('/api/applications', { offerId: cast.company.offerId })).status).toBe(403);
    const forSomeoneElse = await (await cast.referent.client()).post('/api/applications', { offerId: cast.company.offerId, candidateId: cast.otherCandidate.id });
    expect(forSomeoneElse.status).toBe(404);
    const spontaneous = await (await cast.referent.client()).post('/api/applications', { companyId: cast.company.id, candidateId: cast.candidate.id, message: 'Candidature spontanée' });
    expect(spontaneous.body.history[0].actor.id).toBe(cast.referent.id);
    expect(spontaneous.status).toBe(201);
    expect(spontaneous.body.offer).toBeNull();
    await sql(`UPDATE offers SET status = 'EXPIRED' WHERE id = $1`, [cast.otherCompany.offerId]);
    const expired = await candidate.post('/api/applications', { offerId: cast.otherCompany.offerId });
    expect(expired.status).toBe(409);
    expect(expired.body.error.message).toMatch(/expirée/);
    expect((await new ApiClient().get('/api/applications')).status).toBe(401);
  });
});
