// Accommodation needs for interviews (issue #16, item 6) through the API, on the real platform: the
// candidate's own and their référent's edits, refusals by field, who reads them for an application (the
// inviting company's recruiters only, from its acceptance to the interview done, only with the consent,
// gone at once when withdrawn), the invitation and reminder mails (timers at second scale), and never a
// word of them in the workflow's history or the in-app notifications.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { act, historyText, mailsAbout, matching, saveAccommodations, startApplication } from './drivers.js';
import { createUser, type Cast, createCast, type Person } from './fixtures.js';
import { eventually, mails, sql } from './support.js';

let cast: Cast;
beforeAll(async () => {
  cast = await createCast();
  await Promise.all([cast.referent.client(), cast.recruiter.client(), cast.colleague.client(), cast.otherRecruiter.client()]);
});

const followed = (id: string) => `/api/referent/candidates/${id}/accommodations`;
const ofApplication = (id: string) => `/api/applications/${id}/accommodations`;
/** A text of this test only: found nowhere else, wherever it is looked for. */
const marker = () => `Interprète réservé ${randomUUID().slice(0, 8)}`;
const LSF = 'Interprète en langue des signes (LSF)';

async function statusFor(person: Person, path: string): Promise<number> {
  return (await (await person.client()).get(path)).status;
}

/** A fresh candidate of the cast's référent applies to the offer of `company` (the cast's, by default). */
async function applyAs(candidate: Person, offerId = cast.company.offerId): Promise<string> {
  const created = await (await candidate.client()).post('/api/applications', { offerId, message: 'Candidature avec aménagements.' });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id;
}

describe.concurrent('accommodation needs', () => {
  it('the candidate saves and reads theirs; their référent and mission officer too; others 404 or 403; bad input refused by field', async () => {
    const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
    const me = await candidate.client();
    expect((await me.get('/api/me/accommodations')).body).toMatchObject({ candidateId: candidate.id, needs: [], details: null, shareWithCompanies: false, sharedConsentAt: null });

    const saved = await saveAccommodations(candidate, { needs: ['SIGN_LANGUAGE_INTERPRETER', 'EXTRA_TIME'], details: 'Prévoir une salle calme.', shareWithCompanies: true });
    expect(saved).toMatchObject({ needs: ['SIGN_LANGUAGE_INTERPRETER', 'EXTRA_TIME'], details: 'Prévoir une salle calme.', shareWithCompanies: true, updatedBy: { id: candidate.id } });
    expect(saved.sharedConsentAt).toEqual(expect.any(String));
    // A second « yes » keeps the time the consent was first given.
    const again = await saveAccommodations(candidate, { needs: ['EXTRA_TIME'], shareWithCompanies: true });
    expect(again).toMatchObject({ needs: ['EXTRA_TIME'], details: null, sharedConsentAt: saved.sharedConsentAt });

    // Their référent and that référent's mission officer read and write them; the page says who wrote last.
    const referent = await cast.referent.client();
    expect((await referent.get(followed(candidate.id))).body).toMatchObject({ needs: ['EXTRA_TIME'], shareWithCompanies: true });
    const byReferent = await referent.put(followed(candidate.id), { needs: ['EXTRA_TIME', 'BREAKS'], details: 'Pause toutes les 20 minutes.', shareWithCompanies: true });
    expect(byReferent.status, JSON.stringify(byReferent.body)).toBe(200);
    expect(byReferent.body).toMatchObject({ updatedBy: { id: cast.referent.id }, sharedConsentAt: saved.sharedConsentAt });
    expect((await me.get('/api/me/accommodations')).body).toMatchObject({ needs: ['EXTRA_TIME', 'BREAKS'], details: 'Pause toutes les 20 minutes.' });
    expect(await statusFor(cast.missionOfficer, followed(candidate.id))).toBe(200);

    // Another network's référent and mission officer: 404, reading or writing; other roles: 403.
    expect(await statusFor(cast.otherReferent, followed(candidate.id))).toBe(404);
    expect(await statusFor(cast.otherMissionOfficer, followed(candidate.id))).toBe(404);
    expect((await (await cast.otherReferent.client()).put(followed(candidate.id), { needs: [], shareWithCompanies: false })).status).toBe(404);
    for (const person of [cast.recruiter, cast.admin, cast.otherCandidate]) expect(await statusFor(person, followed(candidate.id))).toBe(403);
    for (const person of [cast.recruiter, cast.referent, cast.admin]) expect(await statusFor(person, '/api/me/accommodations')).toBe(403);

    // Refusals: each under its field, in French, and nothing written.
    const refused = async (body: unknown, field: string, message: RegExp) => {
      const response = await me.put('/api/me/accommodations', body);
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      const problem = response.body.error.details.fields.find((f: { field: string }) => f.field === field);
      expect(problem, JSON.stringify(response.body)).toBeDefined();
      expect(problem.message).toMatch(message);
    };
    await refused({ needs: ['TELEPATHIE'], shareWithCompanies: true }, 'needs.0', /besoin inconnu/i);
    await refused({ needs: ['OTHER'], details: '  ', shareWithCompanies: true }, 'details', /précisez le besoin « Autre »/i);
    await refused({ needs: ['BREAKS'], details: 'x'.repeat(1001), shareWithCompanies: true }, 'details', /1000 caractères au plus/);
    await refused({ needs: ['BREAKS', 'BREAKS'], shareWithCompanies: true }, 'needs', /une seule fois/i);
    await refused({ needs: ['BREAKS'] }, 'shareWithCompanies', /oui ou non/i);
    await refused({ needs: ['BREAKS'], shareWithCompanies: true, rqth: true }, 'rqth', /pas attendu/);
    expect((await me.get('/api/me/accommodations')).body).toMatchObject({ needs: ['EXTRA_TIME', 'BREAKS'], details: 'Pause toutes les 20 minutes.' });
  });

  it('saves at once (the candidate and their référent) leave one whole version, and one consent time', async () => {
    const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
    const [me, referent] = await Promise.all([candidate.client(), cast.referent.client()]);
    const bodies = [
      { needs: ['EXTRA_TIME'], details: 'Version de la personne.', shareWithCompanies: true },
      { needs: ['BREAKS', 'COMPANION'], details: 'Version du référent.', shareWithCompanies: true },
    ];
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? referent.put(followed(candidate.id), bodies[1]) : me.put('/api/me/accommodations', bodies[0]))),
    );
    for (const answer of answers) expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    // Every save kept the time the consent was first given.
    expect(new Set(answers.map((a) => a.body.sharedConsentAt)).size).toBe(1);
    const [row] = await sql(`SELECT needs, details FROM candidate_accommodations WHERE candidate_id = $1`, [candidate.id]);
    expect([bodies[0], bodies[1]].map(({ needs, details }) => ({ needs, details }))).toContainEqual(row);
  });

  it('only the inviting company’s recruiters read them, from the acceptance on, while the consent lasts; the invitation follows the consent', async () => {
    const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
    const words = marker();
    await saveAccommodations(candidate, { needs: ['STEP_FREE_ACCESS', 'OTHER'], details: words, shareWithCompanies: true });
    const id = await applyAs(candidate);
    // Another application of the same candidate, to another company, sent to it: that company never reads them.
    const elsewhere = await applyAs(candidate, cast.otherCompany.offerId);
    await act('application', cast.referent, elsewhere, { action: 'validate' }, 'PENDING_RECRUITER');

    const nobodyReads = async (what: string) => {
      for (const person of [cast.recruiter, cast.colleague, cast.otherRecruiter, candidate, cast.referent, cast.missionOfficer, cast.admin]) {
        expect(await statusFor(person, ofApplication(id)), `${what}: ${person.email}`).toBe(404);
      }
    };
    await nobodyReads('before the référent validated');
    await act('application', cast.referent, id, { action: 'validate' }, 'PENDING_RECRUITER');
    await nobodyReads('sent, not yet accepted');

    await act('application', cast.recruiter, id, { action: 'accept' }, 'ACCEPTED');
    const read = await (await cast.colleague.client()).get(ofApplication(id));
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      applicationId: id,
      needs: [
        { code: 'STEP_FREE_ACCESS', label: 'Accès de plain-pied ou par ascenseur' },
        { code: 'OTHER', label: 'Autre besoin (précisé ci-dessous)' },
      ],
      details: words,
    });
    expect(await statusFor(cast.recruiter, ofApplication(id))).toBe(200);
    for (const person of [cast.otherRecruiter, candidate, cast.referent, cast.admin]) expect(await statusFor(person, ofApplication(id)), person.email).toBe(404);
    expect(await statusFor(cast.otherRecruiter, ofApplication(elsewhere))).toBe(404);

    // Withdrawn: gone from the very next read; the invitation sent meanwhile does not carry them.
    await saveAccommodations(candidate, { needs: ['STEP_FREE_ACCESS', 'OTHER'], details: words, shareWithCompanies: false });
    expect(await statusFor(cast.recruiter, ofApplication(id))).toBe(404);
    await act(
      'application',
      cast.recruiter,
      id,
      { action: 'propose_interview', startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(), durationMinutes: 30, mode: 'IN_PERSON', location: '3 rue des Lilas, Lyon' },
      'INTERVIEW_PROPOSED',
    );
    const toCandidate = await eventually(async () => (await mailsAbout('application', id, { to: candidate.email, subject: /^Proposition d’entretien/ }))[0], 20_000, 'invitation to the candidate');
    const toInterviewer = await eventually(async () => (await mailsAbout('application', id, { to: cast.recruiter.email, subject: /^Entretien proposé/ }))[0], 20_000, 'invitation to the interviewer');
    expect(toInterviewer.text).not.toContain(words);
    expect(toInterviewer.text).not.toContain('Besoins d’aménagement');
    expect(toCandidate.text).toContain(words);
    expect(toCandidate.text).toContain('Vous ne les partagez pas avec les entreprises');

    // Given again: read again while the interview is proposed; closed (withdrawn), nobody reads them.
    await saveAccommodations(candidate, { needs: ['STEP_FREE_ACCESS'], shareWithCompanies: true });
    expect((await (await cast.recruiter.client()).get(ofApplication(id))).body).toMatchObject({ needs: [{ code: 'STEP_FREE_ACCESS' }], details: null });
    await act('application', candidate, id, { action: 'withdraw' }, 'WITHDRAWN');
    await nobodyReads('after a final status');
  });

  it('the invitation and the reminder tell the interviewer, and remind the candidate and the référent; nobody else, no .ics, no history, no notification', async () => {
    const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
    const words = marker();
    await saveAccommodations(candidate, { needs: ['SIGN_LANGUAGE_INTERPRETER', 'OTHER'], details: words, shareWithCompanies: true });
    const before = 4000;
    // The application's own message is in the workflow's input (encrypted): found once decrypted, so the search below reads the clear text.
    const message = `Message chiffré ${randomUUID().slice(0, 8)}`;
    const { id, workflowId } = await startApplication(cast, {
      candidate,
      message,
      timers: { referentReminderMs: 60_000, referentEscalationMs: 120_000, recruiterReminderMs: 60_000, interviewReminderBeforeMs: before },
    });
    await act('application', cast.referent, id, { action: 'validate' }, 'PENDING_RECRUITER');
    await act('application', cast.recruiter, id, { action: 'accept' }, 'ACCEPTED');
    const startsAt = Date.now() + before + 2000;
    await act('application', cast.recruiter, id, { action: 'propose_interview', startsAt: new Date(startsAt).toISOString(), durationMinutes: 30, mode: 'VIDEO' }, 'INTERVIEW_PROPOSED');

    for (const subject of [/^Entretien proposé à /, /^Rappel : entretien le /]) {
      const mail = await eventually(async () => (await mailsAbout('application', id, { to: cast.recruiter.email, subject }))[0], 20_000, `${subject} to the interviewer`);
      expect(mail.text).toContain(`Besoins d’aménagement indiqués par Candidate Test pour l’entretien : ${LSF} ; Autre besoin (précisé ci-dessous).`);
      expect(mail.text).toContain(words);
      expect(mail.html).toContain(LSF);
      // The calendar invitation goes to calendars others may read: never the needs.
      for (const attachment of mail.attachments) expect(attachment.content).not.toContain(words);
    }
    const toCandidate = await eventually(async () => (await mailsAbout('application', id, { to: candidate.email, subject: /^Rappel : entretien le / }))[0], 20_000, 'reminder to the candidate');
    expect(toCandidate.text).toContain(`Vous avez indiqué ces besoins d’aménagement : ${LSF}`);
    expect(toCandidate.text).toContain('Mes besoins pour les entretiens');
    expect(toCandidate.text).toContain(`Ils sont communiqués à Entreprise A`);
    const toReferent = await eventually(async () => (await mailsAbout('application', id, { to: cast.referent.email, subject: /^Entretien proposé à / }))[0], 20_000, 'invitation to the référent');
    expect(toReferent.text).toContain(`Candidate Test a indiqué ces besoins d’aménagement : ${LSF}`);

    // Every mail carrying them went to the interviewer, the candidate or the référent: not the colleague, not the other company.
    const carrying = await eventually(
      async () => {
        const found = (await mails()).filter((m) => m.text.includes(words) || (m.html ?? '').includes(words));
        return found.length >= 6 && found;
      },
      20_000,
      'the invitation and the reminder to the three of them',
    );
    expect(carrying).toHaveLength(6);
    for (const mail of carrying) expect([cast.recruiter.email, candidate.email, cast.referent.email]).toEqual(expect.arrayContaining(mail.envelopeTo));
    expect(matching(carrying, { to: cast.colleague.email })).toHaveLength(0);
    expect(matching(carrying, { to: cast.otherRecruiter.email })).toHaveLength(0);

    // Read at send time from the database: never in the workflow (inputs, Updates, activities, search attributes), nor in the site's notifications.
    const history = await historyText(workflowId);
    expect(history).toContain(message);
    expect(history).toContain('propose_interview');
    expect(history).not.toContain(words);
    expect(history).not.toContain(LSF);
    expect(history).not.toContain('SIGN_LANGUAGE_INTERPRETER');
    const [{ count }] = await sql(`SELECT count(*)::int AS count FROM notifications WHERE entity_id = $1 AND (body LIKE $2 OR title LIKE $2)`, [id, `%${words}%`]);
    expect(count).toBe(0);
  });
});
