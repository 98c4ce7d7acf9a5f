// A mission officer manages the référents of their network (api/mission): the list with what each one
// carries, a new référent's account (temporary password by mail, changed at first sign-in), disabling
// (sessions end, no sign-in; refused while they follow candidates, unless given to another référent in
// the same request) and enabling, and a candidate moved to another référent of the network — their
// live cases follow through their workflows (the new référent validates, the old one gets 404). Two
// reassignments of one candidate at once leave one follow-up everywhere; a disable racing a
// reassignment, or the référent's own creation of a candidate account, never leaves a candidate with a
// disabled référent.
import type { Sequelize } from 'sequelize';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from '../models/index.js';
import { reconcile } from '../scripts/reconcile.js';
import { mailsTo, rowOf, snapshotOf, temporaryPasswordOf, transition, uniqueEmail } from './drivers.js';
import { createCast, createUser, insertPublishedOffer, type Cast, type Person } from './fixtures.js';
import { ApiClient, eventually, sql, temporalClient } from './support.js';

let cast: Cast;
let sequelize: Sequelize;
let mission: ApiClient;

beforeAll(async () => {
  cast = await createCast();
  mission = await cast.missionOfficer.client();
  sequelize = createDatabase(inject('databaseUrl'), { poolMax: 2 });
});

afterAll(async () => {
  await sequelize?.close();
});

/** A référent of the cast's mission officer, with a name to find them by. */
const referentOfNetwork = (lastName: string) => createUser('REFERENT', { missionOfficerId: cast.missionOfficer.id, firstName: 'Réseau', lastName });

/** A candidate of `referent` with an application waiting for validation and a sponsorship request. */
async function candidateWithCases(referent: Person) {
  const candidate = await createUser('CANDIDATE', { referentId: referent.id, firstName: 'Mila', lastName: 'Suivie' });
  const client = await candidate.client();
  const application = await client.post('/api/applications', { offerId: await insertPublishedOffer(cast.company.id), message: 'Candidature à transférer.' });
  expect(application.status, JSON.stringify(application.body)).toBe(201);
  const sponsorship = await client.post('/api/sponsorships', { companyId: cast.company.id, message: 'Je cherche un parrain.' });
  expect(sponsorship.status, JSON.stringify(sponsorship.body)).toBe(201);
  return { candidate, applicationId: application.body.id as string, sponsorshipId: sponsorship.body.id as string };
}

/** Who follows the candidate: the account, the rows of their live cases and the workflows' parties. */
async function followUpEverywhere(candidateId: string, applicationId: string, sponsorshipId: string) {
  const [profile] = await sql(`SELECT referent_id FROM candidate_profiles WHERE user_id = $1`, [candidateId]);
  const [application] = await sql(`SELECT referent_id, mission_officer_id FROM applications WHERE id = $1`, [applicationId]);
  const [sponsorship] = await sql(`SELECT referent_id, mission_officer_id FROM sponsorship_requests WHERE id = $1`, [sponsorshipId]);
  const parties = async (process: 'application' | 'sponsorship', id: string) =>
    (await snapshotOf<{ parties: { referentId: string | null; missionOfficerId: string | null } }>((await rowOf(process, id)).workflowId)).parties;
  return {
    account: profile.referent_id as string,
    applicationRow: application.referent_id as string,
    sponsorshipRow: sponsorship.referent_id as string,
    applicationWorkflow: (await parties('application', applicationId)).referentId,
    sponsorshipWorkflow: (await parties('sponsorship', sponsorshipId)).referentId,
  };
}

const check = async (only: string[]) => reconcile({ sequelize, temporal: await temporalClient(), taskQueue: inject('taskQueue'), only, recheckMs: 300 });

describe('the mission officer’s référents', () => {
  it('lists the référents of their own network with their candidates and the validations they owe; another network’s is 404', async () => {
    const referent = await referentOfNetwork(`Liste-${Date.now()}`);
    await candidateWithCases(referent);
    const list = await mission.get(`/api/mission/referents?q=${encodeURIComponent('Liste-')}&pageSize=100`);
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    const item = list.body.items.find((r: { id: string }) => r.id === referent.id);
    expect(item).toMatchObject({ id: referent.id, candidates: 1, pendingValidations: 1, disabledAt: null, missionOfficer: { id: cast.missionOfficer.id } });

    const all = await mission.get('/api/mission/referents?pageSize=100');
    expect(all.body.items.map((r: { id: string }) => r.id)).toContain(cast.referent.id);
    expect(all.body.items.map((r: { id: string }) => r.id)).not.toContain(cast.otherReferent.id);

    const detail = await mission.get(`/api/mission/referents/${referent.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.followed).toEqual([expect.objectContaining({ firstName: 'Mila', lastName: 'Suivie', applications: 1, pendingValidations: 1 })]);
    expect((await mission.get(`/api/mission/referents/${cast.otherReferent.id}`)).status).toBe(404);
    expect((await (await cast.otherMissionOfficer.client()).get(`/api/mission/referents/${referent.id}`)).status).toBe(404);
    expect((await (await cast.referent.client()).get('/api/mission/referents')).status).toBe(403);
    // An admin sees every network's.
    const admin = await (await cast.admin.client()).get(`/api/mission/referents/${cast.otherReferent.id}`);
    expect(admin.status).toBe(200);
  });

  it('creates a référent of their network: a temporary password by mail, changed at first sign-in; a taken address is refused beside the field', async () => {
    const email = uniqueEmail('referente');
    const created = await mission.post('/api/mission/referents', { firstName: 'Inès', lastName: 'Nouvelle', email: email.toUpperCase(), phone: '04 72 00 00 00', jobTitle: 'Référente handicap, Lycée Ampère' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ firstName: 'Inès', lastName: 'Nouvelle', email, jobTitle: 'Référente handicap, Lycée Ampère', accountActivated: false, candidates: 0, missionOfficer: { id: cast.missionOfficer.id } });
    const [row] = await sql(`SELECT role, mission_officer_id, must_change_password FROM users WHERE id = $1`, [created.body.id]);
    expect(row).toEqual({ role: 'REFERENT', mission_officer_id: cast.missionOfficer.id, must_change_password: true });

    const temporary = await temporaryPasswordOf(email);
    const [mail] = await mailsTo(email);
    expect(mail!.subject).toBe('Votre compte référent Tremplin est prêt');
    expect(mail!.text).toContain('Mission_officer Test vous a créé un compte référent');
    await eventually(async () => {
      const [outbox] = await sql(`SELECT status, text_body FROM email_outbox WHERE to_address = $1`, [email]);
      return outbox?.status === 'SENT' && !outbox.text_body.includes(temporary);
    }, 10_000, 'outbox body removed');

    const referent = new ApiClient();
    const login = await referent.post('/api/auth/login', { email, password: temporary });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    expect(login.body).toMatchObject({ role: 'REFERENT', mustChangePassword: true });
    expect((await referent.get('/api/referent/candidates')).status).toBe(403);
    expect((await referent.post('/api/auth/change-password', { currentPassword: temporary, newPassword: 'Referente-Tremplin-2026!' })).status).toBe(200);
    expect((await referent.get('/api/referent/candidates')).status).toBe(200);
    const after = await mission.get(`/api/mission/referents/${created.body.id}`);
    expect(after.body.accountActivated).toBe(true);

    // The same address again, or one any account has: 409 on the e-mail field, one wording for both.
    const again = await mission.post('/api/mission/referents', { firstName: 'Autre', lastName: 'Personne', email });
    const candidates = await mission.post('/api/mission/referents', { firstName: 'Autre', lastName: 'Personne', email: cast.otherCandidate.email });
    expect(again.status).toBe(409);
    expect(candidates.status).toBe(409);
    expect(again.body.error.details.fields).toEqual([{ field: 'email', message: again.body.error.message }]);
    expect(candidates.body.error.message).toBe(again.body.error.message);
    // A mission officer cannot put a référent in another network; bad input names its field.
    const elsewhere = await mission.post('/api/mission/referents', { firstName: 'Hors', lastName: 'Réseau', email: uniqueEmail('hors'), missionOfficerId: cast.otherMissionOfficer.id });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.error.details.fields[0].field).toBe('missionOfficerId');
    const bad = await mission.post('/api/mission/referents', { firstName: '', lastName: 'Sans prénom', email: 'pas-une-adresse' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['email', 'firstName']);
    // An admin creates one for a network they name.
    const byAdmin = await (await cast.admin.client()).post('/api/mission/referents', { firstName: 'Par', lastName: 'Admin', email: uniqueEmail('par-admin'), missionOfficerId: cast.otherMissionOfficer.id });
    expect(byAdmin.status, JSON.stringify(byAdmin.body)).toBe(201);
    expect(byAdmin.body.missionOfficer.id).toBe(cast.otherMissionOfficer.id);
  });

  it('moves a candidate to another référent of the network: their live cases follow, the new référent validates, the old one gets 404', async () => {
    const from = await referentOfNetwork('Avant');
    const to = await referentOfNetwork('Après');
    const { candidate, applicationId, sponsorshipId } = await candidateWithCases(from);

    // Not to a référent of another network, not by another mission officer, not by a référent.
    const outside = await mission.post(`/api/mission/candidates/${candidate.id}/referent`, { referentId: cast.otherReferent.id });
    expect(outside.status).toBe(400);
    expect(outside.body.error.details.fields).toEqual([{ field: 'referentId', message: expect.stringMatching(/réseau/) }]);
    expect((await (await cast.otherMissionOfficer.client()).post(`/api/mission/candidates/${candidate.id}/referent`, { referentId: to.id })).status).toBe(404);
    expect((await (await from.client()).post(`/api/mission/candidates/${candidate.id}/referent`, { referentId: to.id })).status).toBe(403);
    expect((await mission.post(`/api/mission/candidates/${cast.otherCandidate.id}/referent`, { referentId: to.id })).status).toBe(404);

    const moved = await mission.post(`/api/mission/candidates/${candidate.id}/referent`, { referentId: to.id });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ candidate: { id: candidate.id }, referent: { id: to.id }, previousReferent: { id: from.id }, handOver: { moved: 2, failed: 0 } });
    expect(moved.body.handOver.message).toMatch(/^Suivi transféré : 1 candidature en cours et 1 demande de parrainage en attente/);
    expect(await followUpEverywhere(candidate.id, applicationId, sponsorshipId)).toEqual({
      account: to.id,
      applicationRow: to.id,
      sponsorshipRow: to.id,
      applicationWorkflow: to.id,
      sponsorshipWorkflow: to.id,
    });
    // The history names the mission officer who did it.
    const [event] = await sql(`SELECT actor_id, actor_role, message FROM application_events WHERE application_id = $1 AND type = 'change_follow_up'`, [applicationId]);
    expect(event).toMatchObject({ actor_id: cast.missionOfficer.id, actor_role: 'MISSION_OFFICER' });
    expect(event.message).toMatch(/^Suivi confié à Réseau Après \(à la place de Réseau Avant\)/);

    // Rights followed: the old référent sees nothing, the new one validates.
    expect((await (await from.client()).get(`/api/applications/${applicationId}`)).status).toBe(404);
    const view = await (await to.client()).get(`/api/applications/${applicationId}`);
    expect(view.body.allowedActions).toContain('validate');
    const validated = await transition('application', to, applicationId, { action: 'validate' });
    expect(validated.status, JSON.stringify(validated.body)).toBe(200);
    expect(validated.body.status).toBe('PENDING_RECRUITER');
    // The new référent and the candidate are told.
    await eventually(async () => (await mailsTo(to.email)).length > 0 && (await mailsTo(candidate.email)).length > 0, 20_000, 'mails of the hand-over');
    expect((await check([applicationId, sponsorshipId])).differences).toEqual([]);
  });

  it('disables a référent: refused while they follow candidates, unless given to another in the same request; no sign-in, sessions end; enabled again', async () => {
    const leaving = await referentOfNetwork('Partante');
    const heir = await referentOfNetwork('Héritière');
    const { candidate, applicationId, sponsorshipId } = await candidateWithCases(leaving);
    const session = await leaving.client();
    expect((await session.get('/api/me')).status).toBe(200);

    const refused = await mission.post(`/api/mission/referents/${leaving.id}/disable`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/suit encore 1 candidat/);
    expect(refused.body.error.details).toMatchObject({ candidates: 1, fields: [{ field: 'reassignTo' }] });
    expect((await sql(`SELECT disabled_at FROM users WHERE id = $1`, [leaving.id]))[0].disabled_at).toBeNull();
    expect((await mission.post(`/api/mission/referents/${leaving.id}/disable`, { reassignTo: cast.otherReferent.id })).status).toBe(400);
    expect((await (await cast.otherMissionOfficer.client()).post(`/api/mission/referents/${leaving.id}/disable`, { reassignTo: heir.id })).status).toBe(404);

    const disabled = await mission.post(`/api/mission/referents/${leaving.id}/disable`, { reassignTo: heir.id });
    expect(disabled.status, JSON.stringify(disabled.body)).toBe(200);
    expect(disabled.body).toMatchObject({ referent: { id: leaving.id, candidates: 0 }, reassignedTo: { id: heir.id }, candidatesMoved: 1, handOver: { moved: 2, failed: 0 } });
    expect(disabled.body.referent.disabledAt).toEqual(expect.any(String));
    expect(await followUpEverywhere(candidate.id, applicationId, sponsorshipId)).toMatchObject({ account: heir.id, applicationRow: heir.id, applicationWorkflow: heir.id, sponsorshipWorkflow: heir.id });

    // The session ended; signing in is refused.
    expect((await session.get('/api/me')).status).toBe(401);
    const login = await new ApiClient().post('/api/auth/login', { email: leaving.email, password: inject('demoPassword') });
    expect(login.status).toBe(403);
    expect(login.body.error.message).toMatch(/désactivé/);

    const enabled = await mission.post(`/api/mission/referents/${leaving.id}/enable`, {});
    expect(enabled.status).toBe(200);
    expect(enabled.body.disabledAt).toBeNull();
    expect((await new ApiClient().post('/api/auth/login', { email: leaving.email, password: inject('demoPassword') })).status).toBe(200);
  });

  it('two reassignments of one candidate at once: one follow-up in the account, the rows and the workflows', { timeout: 120_000 }, async () => {
    for (let round = 0; round < 3; round++) {
      const from = await referentOfNetwork(`Course-${round}`);
      const [a, b] = await Promise.all([referentOfNetwork(`CourseA-${round}`), referentOfNetwork(`CourseB-${round}`)]);
      const { candidate, applicationId, sponsorshipId } = await candidateWithCases(from);
      const admin = await cast.admin.client();
      const answers = await Promise.all([
        mission.post(`/api/mission/candidates/${candidate.id}/referent`, { referentId: a.id }),
        admin.post(`/api/mission/candidates/${candidate.id}/referent`, { referentId: b.id }),
      ]);
      for (const answer of answers) expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      const everywhere = await followUpEverywhere(candidate.id, applicationId, sponsorshipId);
      expect([a.id, b.id]).toContain(everywhere.account);
      expect(new Set(Object.values(everywhere)), JSON.stringify(everywhere)).toEqual(new Set([everywhere.account]));
      expect((await check([applicationId, sponsorshipId])).differences).toEqual([]);
      // The one who follows now validates; the other does not see it.
      const [winner, loser] = everywhere.account === a.id ? [a, b] : [b, a];
      expect((await (await loser.client()).get(`/api/applications/${applicationId}`)).status).toBe(404);
      expect((await transition('application', winner, applicationId, { action: 'validate' })).status).toBe(200);
    }
  });

  it('a disable racing a reassignment to that référent never leaves a candidate with a disabled référent', { timeout: 120_000 }, async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < 6; round++) {
      const from = await referentOfNetwork(`Depart-${round}`);
      const target = await referentOfNetwork(`Cible-${round}`);
      const candidate = await createUser('CANDIDATE', { referentId: from.id });
      const [reassigned, disabled] = await Promise.all([
        mission.post(`/api/mission/candidates/${candidate.id}/referent`, { referentId: target.id }),
        mission.post(`/api/mission/referents/${target.id}/disable`, {}),
      ]);
      outcomes.push(`${reassigned.status}/${disabled.status}`);
      // Either the reassignment came first (the disable then finds a candidate: 409), or the disable did (400).
      expect([`200/409`, `400/200`]).toContain(`${reassigned.status}/${disabled.status}`);
      const stranded = await sql(
        `SELECT p.user_id FROM candidate_profiles p JOIN users r ON r.id = p.referent_id WHERE r.disabled_at IS NOT NULL AND p.user_id = $1`,
        [candidate.id],
      );
      expect(stranded).toEqual([]);
    }
    console.log(`disable × reassign: ${outcomes.join(', ')}`);
  });

  it('a disable racing the référent’s own creation of a candidate account never leaves that candidate with a disabled référent', { timeout: 120_000 }, async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < 6; round++) {
      const referent = await referentOfNetwork(`Createur-${round}`);
      const session = await referent.client();
      const email = uniqueEmail('course');
      const [created, disabled] = await Promise.all([
        session.post('/api/referent/candidates', { firstName: 'Léo', lastName: 'Course', email, rqth: false }),
        mission.post(`/api/mission/referents/${referent.id}/disable`, {}),
      ]);
      outcomes.push(`${created.status}/${disabled.status}`);
      // The creation first: the disable sees the new candidate (409). The disable first: no account (403, or 401 once the session is gone).
      expect(['201/409', '403/200', '401/200']).toContain(`${created.status}/${disabled.status}`);
      const stranded = await sql(`SELECT p.user_id FROM candidate_profiles p JOIN users r ON r.id = p.referent_id WHERE r.disabled_at IS NOT NULL AND r.id = $1`, [referent.id]);
      expect(stranded).toEqual([]);
    }
    console.log(`disable × candidate creation: ${outcomes.join(', ')}`);
  });
});
