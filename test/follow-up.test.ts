// Access follows the follow-up (api/follow-ups.ts). An admin moves a candidate to another référent, or
// a référent to another mission officer, in the back office (AdminJS, driven through its JSON API as
// test/admin.test.ts does): every live case of theirs — applications, sponsorship requests — is handed
// over through its workflow (`change_follow_up`). Checked on every side: the old référent (and mission
// officer) get 404 and no buttons, the new ones see the buttons and their validation goes through
// (200); the workflow's history and the database's carry the event; the row, the workflow's parties
// and its ReferentId search attribute agree, and `reconcile` finds nothing; the reminders and the
// escalation of an application waiting for its référent reach the new people.
import type { Sequelize } from 'sequelize';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from '../models/index.js';
import { reconcile } from '../scripts/reconcile.js';
import { AdminSession } from './admin-support.js';
import { act, mailsAbout, mailsTo, rowOf, searchAttributes, snapshotOf, startApplication, transition, updatesIn, workflowHistoryOf } from './drivers.js';
import { createCast, createUser, insertPublishedOffer, type Cast, type Person } from './fixtures.js';
import { eventually, sql, temporalClient } from './support.js';

let cast: Cast;
let admin: AdminSession;
let sequelize: Sequelize;

beforeAll(async () => {
  cast = await createCast();
  admin = await AdminSession.as(cast.admin.email);
  sequelize = createDatabase(inject('databaseUrl'), { poolMax: 2 });
});

afterAll(async () => {
  await sequelize?.close();
});

/** A fresh candidate of `referent` with an application waiting for validation and a sponsorship request. */
async function candidateWithCases(referent: Person) {
  const candidate = await createUser('CANDIDATE', { referentId: referent.id });
  const client = await candidate.client();
  const application = await client.post('/api/applications', { offerId: cast.company.offerId, message: 'Candidature à transférer.' });
  expect(application.status, JSON.stringify(application.body)).toBe(201);
  expect(application.body.status).toBe('PENDING_REFERENT_VALIDATION');
  const sponsorship = await client.post('/api/sponsorships', { companyId: cast.company.id, message: 'Je cherche un parrain.' });
  expect(sponsorship.status, JSON.stringify(sponsorship.body)).toBe(201);
  return { candidate, applicationId: application.body.id as string, sponsorshipId: sponsorship.body.id as string };
}

/** What one person may see and do of an application: 404, or its buttons. */
async function sight(person: Person, applicationId: string) {
  const response = await (await person.client()).get(`/api/applications/${applicationId}`);
  return response.status === 200 ? { status: 200, allowedActions: [...response.body.allowedActions].sort() } : { status: response.status };
}

async function sponsorshipSight(person: Person, sponsorshipId: string) {
  return (await (await person.client()).get(`/api/sponsorships/${sponsorshipId}`)).status;
}

/** The admin saves an account in the back office with these fields changed. */
async function editAccount(id: string, fields: Record<string, unknown>) {
  const answer = await admin.post(`/admin/api/resources/users/records/${id}/edit`, fields);
  expect(answer.status, answer.text.slice(0, 300)).toBe(200);
  return answer.body.notice as { type: string; message: string };
}

/** The follow-up in the workflow's parties and its ReferentId search attribute. */
async function workflowParties(process: 'application' | 'sponsorship', id: string) {
  const { workflowId } = await rowOf(process, id);
  const snapshot = await snapshotOf<{ parties: { referentId: string | null; missionOfficerId: string | null } }>(workflowId);
  const { referentId, missionOfficerId } = snapshot.parties;
  return { referentId, missionOfficerId, searchAttribute: (await searchAttributes(workflowId)).ReferentId ?? null };
}

async function rows(applicationId: string, sponsorshipId: string) {
  const [application] = await sql(`SELECT referent_id, mission_officer_id FROM applications WHERE id = $1`, [applicationId]);
  const [sponsorship] = await sql(`SELECT referent_id, mission_officer_id FROM sponsorship_requests WHERE id = $1`, [sponsorshipId]);
  return { application, sponsorship };
}

async function check(only: string[]) {
  return reconcile({ sequelize, temporal: await temporalClient(), taskQueue: inject('taskQueue'), only, recheckMs: 300 });
}

const REFERENT_BUTTONS = ['reject', 'validate'];

describe('a candidate moved to another référent', () => {
  it('hands the pending application and sponsorship request over: old référent 404, new one validates', async () => {
    const { candidate, applicationId, sponsorshipId } = await candidateWithCases(cast.referent);
    // Before: the référent acts (and may withdraw for the candidate), their mission officer validates.
    expect(await sight(cast.referent, applicationId)).toEqual({ status: 200, allowedActions: [...REFERENT_BUTTONS, 'withdraw'] });
    expect(await sight(cast.missionOfficer, applicationId)).toEqual({ status: 200, allowedActions: REFERENT_BUTTONS });
    expect(await sight(cast.otherReferent, applicationId)).toEqual({ status: 404 });
    expect(await sight(cast.otherMissionOfficer, applicationId)).toEqual({ status: 404 });

    const notice = await editAccount(candidate.id, { referentId: cast.otherReferent.id });
    expect(notice.type, notice.message).toBe('success');
    expect(notice.message).toMatch(/Suivi transféré : 1 candidature en cours et 1 demande de parrainage en attente/);

    // The old référent and their mission officer: nothing any more, and their validation is refused.
    expect(await sight(cast.referent, applicationId)).toEqual({ status: 404 });
    expect(await sight(cast.missionOfficer, applicationId)).toEqual({ status: 404 });
    expect(await sponsorshipSight(cast.referent, sponsorshipId)).toBe(404);
    expect(await sponsorshipSight(cast.missionOfficer, sponsorshipId)).toBe(404);
    const refused = await transition('application', cast.referent, applicationId, { action: 'validate' });
    expect(refused.status).toBe(404);
    // The new ones: the buttons, and the requests.
    expect(await sight(cast.otherReferent, applicationId)).toEqual({ status: 200, allowedActions: [...REFERENT_BUTTONS, 'withdraw'] });
    expect(await sight(cast.otherMissionOfficer, applicationId)).toEqual({ status: 200, allowedActions: REFERENT_BUTTONS });
    expect(await sponsorshipSight(cast.otherReferent, sponsorshipId)).toBe(200);
    expect(await sponsorshipSight(cast.otherMissionOfficer, sponsorshipId)).toBe(200);
    // The candidate still sees theirs; an admin too.
    expect(await sight(candidate, applicationId)).toEqual({ status: 200, allowedActions: ['withdraw'] });

    // Row, workflow and search attribute agree.
    expect(await rows(applicationId, sponsorshipId)).toEqual({
      application: { referent_id: cast.otherReferent.id, mission_officer_id: cast.otherMissionOfficer.id },
      sponsorship: { referent_id: cast.otherReferent.id, mission_officer_id: cast.otherMissionOfficer.id },
    });
    const wanted = { referentId: cast.otherReferent.id, missionOfficerId: cast.otherMissionOfficer.id, searchAttribute: cast.otherReferent.id };
    expect(await workflowParties('application', applicationId)).toEqual(wanted);
    expect(await workflowParties('sponsorship', sponsorshipId)).toEqual(wanted);
    expect((await check([applicationId, sponsorshipId])).differences).toEqual([]);

    // The history says so, in the database and the workflow.
    const application = await (await cast.otherReferent.client()).get(`/api/applications/${applicationId}`);
    const event = application.body.history.at(-1);
    expect(event).toMatchObject({ type: 'change_follow_up', fromStatus: 'PENDING_REFERENT_VALIDATION', toStatus: 'PENDING_REFERENT_VALIDATION' });
    expect(event.actor).toMatchObject({ id: cast.admin.id, role: 'ADMIN' });
    expect(event.message).toMatch(/^Suivi confié à Referent Test \(à la place de Referent Test\) ; chargé de mission : Mission_officer Test\.$/);
    const updates = await updatesIn(await workflowHistoryOf((await rowOf('application', applicationId)).workflowId));
    expect(updates.map((u) => u.name)).toEqual(['transition']);
    const [{ n }] = await sql(`SELECT count(*)::int AS n FROM sponsorship_events WHERE sponsorship_id = $1 AND type = 'change_follow_up'`, [sponsorshipId]);
    expect(n).toBe(1);

    // The new référent is told; the validation is theirs now.
    await eventually(
      async () => (await mailsAbout('application', applicationId, { to: cast.otherReferent.email, subject: /confiée à votre suivi/ }))[0],
      20_000,
      'hand-over mail to the new référent',
    );
    // The candidate too, for each case; the old référent is not (they no longer see the case).
    await eventually(
      async () => {
        const told = await mailsTo(candidate.email, /change de référent/);
        return told.some((m) => m.text.includes(`/candidatures/${applicationId}`)) && told.some((m) => m.text.includes(`/parrainages/${sponsorshipId}`));
      },
      20_000,
      'hand-over mails to the candidate',
    );
    expect((await mailsTo(cast.referent.email, /confiée à votre suivi|change de référent/)).filter((m) => m.text.includes(applicationId))).toEqual([]);
    await act('application', cast.otherReferent, applicationId, { action: 'validate' }, 'PENDING_RECRUITER');

    // Saving the account again hands nothing over twice.
    const again = await editAccount(candidate.id, { referentId: cast.otherReferent.id });
    expect(again).toEqual({ type: 'success', message: 'Compte modifié.' });
    const [{ events }] = await sql(`SELECT count(*)::int AS events FROM application_events WHERE application_id = $1 AND type = 'change_follow_up'`, [applicationId]);
    expect(events).toBe(1);
  });

  it('takes the case from the old référent when the candidate is left without one: admins validate it', async () => {
    const { candidate, applicationId, sponsorshipId } = await candidateWithCases(cast.referent);
    const notice = await editAccount(candidate.id, { referentId: '' });
    expect(notice.type, notice.message).toBe('success');
    expect(notice.message).toMatch(/Suivi transféré/);
    expect(await sight(cast.referent, applicationId)).toEqual({ status: 404 });
    expect(await sight(cast.missionOfficer, applicationId)).toEqual({ status: 404 });
    expect(await sponsorshipSight(cast.referent, sponsorshipId)).toBe(404);
    expect(await rows(applicationId, sponsorshipId)).toEqual({
      application: { referent_id: null, mission_officer_id: null },
      sponsorship: { referent_id: null, mission_officer_id: null },
    });
    expect(await workflowParties('application', applicationId)).toEqual({ referentId: null, missionOfficerId: null, searchAttribute: null });
    const [event] = await sql(`SELECT message FROM application_events WHERE application_id = $1 AND type = 'change_follow_up'`, [applicationId]);
    expect(event.message).toBe('Suivi retiré à Referent Test : le candidat n’a plus de référent.');
    expect((await check([applicationId, sponsorshipId])).differences).toEqual([]);
    // The validation step stays (the case began with a référent); an admin takes it.
    expect(await sight(cast.admin, applicationId)).toEqual({ status: 200, allowedActions: REFERENT_BUTTONS });
    await act('application', cast.admin, applicationId, { action: 'validate' }, 'PENDING_RECRUITER');
  });

  it('never lets a person send change_follow_up through the transitions route, not even an admin', async () => {
    const { applicationId, sponsorshipId } = await candidateWithCases(cast.referent);
    const followUp = { referentId: cast.otherReferent.id, missionOfficerId: cast.otherMissionOfficer.id };
    for (const person of [cast.admin, cast.referent]) {
      const application = await transition('application', person, applicationId, { action: 'change_follow_up', followUp });
      expect(application.status).toBe(400);
      const sponsorship = await transition('sponsorship', person, sponsorshipId, { action: 'change_follow_up', followUp });
      expect(sponsorship.status).toBe(400);
    }
    // And no admin gets it as a button.
    expect(await sight(cast.admin, applicationId)).toEqual({ status: 200, allowedActions: REFERENT_BUTTONS });
    expect((await rows(applicationId, sponsorshipId)).application).toEqual({ referent_id: cast.referent.id, mission_officer_id: cast.missionOfficer.id });
  });

  it('hands over applications created while the admin moves the candidate', async () => {
    const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
    const offers = await Promise.all(Array.from({ length: 4 }, () => insertPublishedOffer(cast.company.id, 'Agent logistique H/F', 'Préparation des commandes.')));
    const client = await candidate.client();
    const [created, notice] = await Promise.all([
      Promise.all(offers.map((offerId) => client.post('/api/applications', { offerId }))),
      editAccount(candidate.id, { referentId: cast.otherReferent.id }),
    ]);
    expect(notice.type, notice.message).toBe('success');
    const ids = created.map((r) => {
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.id as string;
    });
    // Each one started with the old référent and was handed over, or started with the new one.
    for (const id of ids) {
      expect((await sql(`SELECT referent_id FROM applications WHERE id = $1`, [id]))[0].referent_id).toBe(cast.otherReferent.id);
      expect((await workflowParties('application', id)).referentId).toBe(cast.otherReferent.id);
      expect(await sight(cast.referent, id)).toEqual({ status: 404 });
    }
    expect((await check(ids)).differences).toEqual([]);
  });

  it('sends the référent’s reminder and the escalation of a waiting application to the new référent and mission officer', async () => {
    const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
    await Promise.all([cast.otherReferent.client(), cast.referent.client()]);
    const { id } = await startApplication(cast, {
      candidate,
      timers: { referentReminderMs: 5000, referentEscalationMs: 7000, recruiterReminderMs: 600_000, interviewReminderBeforeMs: 86_400_000 },
    });
    const notice = await editAccount(candidate.id, { referentId: cast.otherReferent.id });
    expect(notice.message).toMatch(/1 candidature en cours/);

    await eventually(async () => (await mailsAbout('application', id, { to: cast.otherReferent.email, subject: /^Rappel : candidature à valider/ }))[0], 20_000, 'reminder to the new référent');
    await eventually(async () => (await mailsAbout('application', id, { to: cast.otherMissionOfficer.email, subject: /^Candidature en attente de validation/ }))[0], 20_000, 'escalation to the new mission officer');
    // The old ones had the creation's notice (before the move), and nothing since.
    const old = (await mailsAbout('application', id)).filter((m) => m.envelopeTo.includes(cast.referent.email) || m.envelopeTo.includes(cast.missionOfficer.email));
    expect(old.map((m) => m.subject.replace(/ — .*/, ''))).toEqual(['Nouvelle candidature à valider']);
    // The escalated mission officer may act on it (what the mail tells them).
    await act('application', cast.otherMissionOfficer, id, { action: 'validate' }, 'PENDING_RECRUITER');
  });
});

describe('a référent moved to another mission officer', () => {
  it('hands every live case of their candidates to the new mission officer; the old one gets 404', async () => {
    const referent = await createUser('REFERENT', { missionOfficerId: cast.missionOfficer.id });
    const first = await candidateWithCases(referent);
    const second = await candidateWithCases(referent);
    expect(await sight(cast.missionOfficer, first.applicationId)).toEqual({ status: 200, allowedActions: REFERENT_BUTTONS });
    expect(await sight(cast.otherMissionOfficer, first.applicationId)).toEqual({ status: 404 });

    const [account] = await sql(`SELECT email, first_name, last_name FROM users WHERE id = $1`, [referent.id]);
    const notice = await editAccount(referent.id, { email: account.email, missionOfficerId: cast.otherMissionOfficer.id });
    expect(notice.type, notice.message).toBe('success');
    expect(notice.message).toMatch(/Suivi transféré : 2 candidatures en cours et 2 demandes de parrainage en attente/);

    for (const { applicationId, sponsorshipId } of [first, second]) {
      expect(await sight(cast.missionOfficer, applicationId)).toEqual({ status: 404 });
      expect(await sponsorshipSight(cast.missionOfficer, sponsorshipId)).toBe(404);
      expect(await sight(cast.otherMissionOfficer, applicationId)).toEqual({ status: 200, allowedActions: REFERENT_BUTTONS });
      expect(await sponsorshipSight(cast.otherMissionOfficer, sponsorshipId)).toBe(200);
      // The référent keeps them.
      expect(await sight(referent, applicationId)).toEqual({ status: 200, allowedActions: [...REFERENT_BUTTONS, 'withdraw'] });
      expect(await rows(applicationId, sponsorshipId)).toEqual({
        application: { referent_id: referent.id, mission_officer_id: cast.otherMissionOfficer.id },
        sponsorship: { referent_id: referent.id, mission_officer_id: cast.otherMissionOfficer.id },
      });
      const wanted = { referentId: referent.id, missionOfficerId: cast.otherMissionOfficer.id, searchAttribute: referent.id };
      expect(await workflowParties('application', applicationId)).toEqual(wanted);
      expect(await workflowParties('sponsorship', sponsorshipId)).toEqual(wanted);
      const [event] = await sql(`SELECT message, actor_id FROM application_events WHERE application_id = $1 AND type = 'change_follow_up'`, [applicationId]);
      expect(event).toEqual({ message: `Suivi confié au chargé de mission Mission_officer Test (à la place de Mission_officer Test), pour le référent Referent Test.`, actor_id: cast.admin.id });
    }
    expect((await check([first.applicationId, first.sponsorshipId, second.applicationId, second.sponsorshipId])).differences).toEqual([]);

    const refused = await transition('application', cast.missionOfficer, first.applicationId, { action: 'validate' });
    expect(refused.status).toBe(404);
    await act('application', cast.otherMissionOfficer, first.applicationId, { action: 'validate' }, 'PENDING_RECRUITER');
  });
});

describe('a hand-over the admin’s save did not reach', () => {
  it('is reported by reconcile, and finished by saving the account again', async () => {
    const { candidate, applicationId, sponsorshipId } = await candidateWithCases(cast.referent);
    // As if the hand-over had failed after the account was saved: the profile moved, the cases did not.
    await sql(`UPDATE candidate_profiles SET referent_id = $2 WHERE user_id = $1`, [candidate.id, cast.otherReferent.id]);
    const report = await check([applicationId, sponsorshipId]);
    expect(report.differences.map((d) => [d.process, d.kind]).sort()).toEqual([
      ['application', 'follow-up-pending'],
      ['sponsorship', 'follow-up-pending'],
    ]);
    // The API still says what the workflow accepts: the old référent keeps the case until it is handed over.
    expect(await sight(cast.referent, applicationId)).toEqual({ status: 200, allowedActions: [...REFERENT_BUTTONS, 'withdraw'] });

    const notice = await editAccount(candidate.id, {});
    expect(notice.message).toMatch(/Suivi transféré : 1 candidature en cours et 1 demande de parrainage en attente/);
    expect((await check([applicationId, sponsorshipId])).differences).toEqual([]);
    expect(await sight(cast.otherReferent, applicationId)).toEqual({ status: 200, allowedActions: [...REFERENT_BUTTONS, 'withdraw'] });
  });

  it('reports a row whose follow-up is not the workflow’s, and sets it back from the workflow', async () => {
    const { applicationId } = await candidateWithCases(cast.referent);
    await sql(`UPDATE applications SET mission_officer_id = $2 WHERE id = $1`, [applicationId, cast.otherMissionOfficer.id]);
    const report = await check([applicationId]);
    expect(report.differences.map((d) => d.kind)).toEqual(['follow-up']);
    const repaired = await reconcile({ sequelize, temporal: await temporalClient(), taskQueue: inject('taskQueue'), only: [applicationId], recheckMs: 300, repair: true });
    expect(repaired).toMatchObject({ repaired: 1, remaining: 0 });
    expect((await sql(`SELECT mission_officer_id FROM applications WHERE id = $1`, [applicationId]))[0].mission_officer_id).toBe(cast.missionOfficer.id);
  });
});
