// Invitations to apply (issue #18, item 5) against the running platform (API, Temporal, PostgreSQL, SMTP
// catcher): a recruiter invites CVthèque profiles to a published offer; offerInvitationWorkflow sends
// them in batches (the harness: 2 per batch, 2 s apart), once per candidate even when the same ids are
// sent twice at once, through each candidate's preferences; the candidate reads and declines; the
// company reads counts only. On a task queue of this file, with workers spawned as in production: a
// worker killed between two batches and another started sends nobody twice; the offer's archive stops
// the sending and the rows left are SKIPPED.
import { randomBytes, randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOfferInvitationActivities } from '../activities/offer-invitation.js';
import { createLogger } from '../config/logger.js';
import { createDatabase } from '../models/index.js';
import { invitationsRecordedSignal, offerInvitationWorkflow, offerInvitationWorkflowId } from '../workflows/offer-invitation.js';
import { act, offerIn } from './drivers.js';
import { createCast, createUser, insertPublishedOffer, type Cast, type Person } from './fixtures.js';
import { eventually, killWorker, mails, spawnWorker, sql, temporalClient, type SpawnedWorker } from './support.js';

let cast: Cast;
const word = randomUUID().slice(0, 8);

beforeAll(async () => {
  cast = await createCast();
});

/** A candidate whose profile is in the CVthèque (consent given, account enabled). */
async function visibleCandidate(name = 'Nadia'): Promise<Person> {
  const candidate = await createUser('CANDIDATE', { referentId: null, firstName: name, lastName: `Invitée${word}` });
  await sql(`UPDATE candidate_profiles SET headline = 'Agente d’accueil', cvtheque_visible_at = now() WHERE user_id = $1`, [candidate.id]);
  return candidate;
}
const visibleCandidates = (n: number) => Promise.all(Array.from({ length: n }, (_, i) => visibleCandidate(`Cand${i}`)));

const invitationMails = async (person: Person, offerId: string) => (await mails(person.email)).filter((m) => m.text.includes(`/offres/${offerId}`));

interface Row {
  candidate_id: string;
  status: string;
  skip_reason: string | null;
  batch: string | null;
  sent_at: Date | null;
}
const rowsOf = (offerId: string) => sql<Row>(`SELECT candidate_id, status, skip_reason, batch, sent_at FROM offer_invitations WHERE offer_id = $1`, [offerId]);
const countsOf = async (offerId: string) => (await (await cast.recruiter.client()).get(`/api/offers/${offerId}/invitations`)).body;

describe('inviting candidates to apply', () => {
  it('sends once per candidate, in batches at the configured rate, even when the same ids are sent twice at once', async () => {
    const offerId = await insertPublishedOffer(cast.company.id, `Agent d’accueil ${word}`);
    const invited = await visibleCandidates(5);
    const withdrawn = await createUser('CANDIDATE', { referentId: null }); // not in the CVthèque
    const ids = [...invited.map((c) => c.id), withdrawn.id, randomUUID(), invited[0]!.id];
    const recruiter = await cast.recruiter.client();
    const colleague = await cast.colleague.client();

    const [a, b] = await Promise.all([
      recruiter.post(`/api/offers/${offerId}/invitations`, { candidateIds: ids }),
      colleague.post(`/api/offers/${offerId}/invitations`, { candidateIds: ids }),
    ]);
    expect([a.status, b.status], JSON.stringify([a.body, b.body])).toEqual([202, 202]);
    // 7 distinct ids: 5 in the CVthèque, 2 others counted as skipped (nothing says which, or why).
    for (const answer of [a.body, b.body]) expect(answer).toMatchObject({ requested: 7, skipped: 2 });
    expect(a.body.invited + b.body.invited).toBe(5);
    expect(a.body.alreadyInvited + b.body.alreadyInvited).toBe(5);

    await eventually(async () => (await countsOf(offerId)).sent === 5, 30_000, 'the 5 invitations sent');
    const rows = await rowsOf(offerId);
    expect(rows.map((r) => r.status)).toEqual(['SENT', 'SENT', 'SENT', 'SENT', 'SENT']);
    // Batches of 2 at most, each ≥ 2 s (OFFER_INVITATION_PAUSE) after the one before.
    const batches = new Map<string, Date[]>();
    for (const r of rows) batches.set(r.batch!, [...(batches.get(r.batch!) ?? []), r.sent_at!]);
    expect([...batches.values()].map((b) => b.length).sort()).toEqual([1, 2, 2]);
    const starts = [...batches.values()].map((b) => Math.min(...b.map((d) => d.getTime()))).sort((x, y) => x - y);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(1_900);

    for (const candidate of invited) {
      const got = await invitationMails(candidate, offerId);
      expect(got, candidate.email).toHaveLength(1);
      expect(got[0]!.subject).toContain('Invitation à candidater');
      expect(got[0]!.text).toContain('libre de candidater ou non');
      const [notification] = await sql(`SELECT link, kind FROM notifications WHERE user_id = $1 AND kind = 'offer_invitation'`, [candidate.id]);
      expect(notification).toEqual({ link: `/offres/${offerId}`, kind: 'offer_invitation' });
    }
    expect(await mails(withdrawn.email)).toHaveLength(0);

    // Asked again: nobody is invited twice.
    const again = await recruiter.post(`/api/offers/${offerId}/invitations`, { candidateIds: invited.map((c) => c.id) });
    expect(again.body).toEqual({ requested: 5, invited: 0, alreadyInvited: 5, skipped: 0 });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    for (const candidate of invited) expect(await invitationMails(candidate, offerId)).toHaveLength(1);
    expect(await countsOf(offerId)).toEqual({ offerId, invited: 5, pending: 0, sent: 5, declined: 0, applied: 0, skipped: 0 });
  }, 60_000);

  it('respects each candidate’s preferences: no mail, or no notification', async () => {
    const offerId = await insertPublishedOffer(cast.company.id, `Magasinier ${word}`);
    const [noMail, noNotice] = await visibleCandidates(2);
    await sql(`INSERT INTO notification_preferences (user_id, kind, email, in_app) VALUES ($1, 'offer_invitation', false, true), ($2, 'offer_invitation', true, false)`, [
      noMail!.id,
      noNotice!.id,
    ]);
    const answer = await (await cast.recruiter.client()).post(`/api/offers/${offerId}/invitations`, { candidateIds: [noMail!.id, noNotice!.id] });
    expect(answer.status).toBe(202);
    await eventually(async () => (await countsOf(offerId)).sent === 2, 30_000, 'both sent');
    await eventually(async () => (await invitationMails(noNotice!, offerId)).length === 1, 10_000, 'the mail of the one who wants mails');
    expect(await invitationMails(noMail!, offerId)).toHaveLength(0);
    expect(await sql(`SELECT 1 FROM notifications WHERE user_id = $1 AND kind = 'offer_invitation'`, [noMail!.id])).toHaveLength(1);
    expect(await sql(`SELECT 1 FROM notifications WHERE user_id = $1 AND kind = 'offer_invitation'`, [noNotice!.id])).toHaveLength(0);
    // The preference is offered to candidates on their page.
    const prefs = await (await noMail!.client()).get('/api/me/preferences');
    expect(JSON.stringify(prefs.body)).toContain('offer_invitation');
  }, 40_000);

  it('lets the candidate read and decline; the company sees counts only, applications included', async () => {
    const offerId = await insertPublishedOffer(cast.company.id, `Préparateur ${word}`);
    const [decliner, applicant] = await visibleCandidates(2);
    await (await cast.recruiter.client()).post(`/api/offers/${offerId}/invitations`, { candidateIds: [decliner!.id, applicant!.id] });
    await eventually(async () => (await countsOf(offerId)).sent === 2, 30_000, 'both sent');

    const client = await decliner!.client();
    const listed = await client.get('/api/me/invitations');
    expect(listed.status).toBe(200);
    expect(listed.body.items[0]).toMatchObject({ offerId, status: 'SENT', declinedAt: null, offer: { id: offerId, title: `Préparateur ${word}`, status: 'PUBLISHED', company: { id: cast.company.id, name: 'Entreprise A' } } });
    expect((await client.post(`/api/me/invitations/${offerId}/decline`, {})).status).toBe(204);
    expect((await client.post(`/api/me/invitations/${offerId}/decline`, {})).status).toBe(204); // idempotent
    expect((await client.get('/api/me/invitations')).body.items[0]).toMatchObject({ offerId, status: 'DECLINED' });
    // No invitation to that offer, or someone else's: 404; not a candidate: 403.
    expect((await client.post(`/api/me/invitations/${cast.company.offerId}/decline`, {})).status).toBe(404);
    expect((await (await cast.recruiter.client()).post(`/api/me/invitations/${offerId}/decline`, {})).status).toBe(403);

    // The other one applies to the offer: counted as applied (read from applications).
    const applied = await (await applicant!.client()).post('/api/applications', { offerId, message: 'Merci pour l’invitation, je candidate.' });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    expect((await (await applicant!.client()).get('/api/me/invitations')).body.items[0]).toMatchObject({ offerId, status: 'APPLIED' });

    const counts = await countsOf(offerId);
    expect(counts).toEqual({ offerId, invited: 2, pending: 0, sent: 0, declined: 1, applied: 1, skipped: 0 });
    // Counts only: no id, no name of who declined.
    expect(JSON.stringify(counts)).not.toContain(decliner!.id);
    expect((await (await cast.admin.client()).get(`/api/offers/${offerId}/invitations`)).body).toEqual(counts);
  }, 40_000);

  it('refuses other people, other companies, unpublished offers and bad lists, with the reason under the field', async () => {
    const offerId = await insertPublishedOffer(cast.company.id, `Cariste ${word}`);
    const [candidate] = await visibleCandidates(1);
    const body = { candidateIds: [candidate!.id] };
    expect((await (await cast.candidate.client()).post(`/api/offers/${offerId}/invitations`, body)).status).toBe(403);
    expect((await (await cast.referent.client()).post(`/api/offers/${offerId}/invitations`, body)).status).toBe(403);
    expect((await (await cast.admin.client()).post(`/api/offers/${offerId}/invitations`, body)).status).toBe(403);
    expect((await (await cast.otherRecruiter.client()).post(`/api/offers/${offerId}/invitations`, body)).status).toBe(404);
    expect((await (await cast.otherRecruiter.client()).get(`/api/offers/${offerId}/invitations`)).status).toBe(404);
    expect((await (await cast.candidate.client()).get(`/api/offers/${offerId}/invitations`)).status).toBe(403);
    expect((await (await cast.recruiter.client()).post(`/api/offers/${randomUUID()}/invitations`, body)).status).toBe(404);

    const draft = randomUUID();
    await sql(`INSERT INTO offers (id, company_id, title, contract_type, postal_code, city, description, status) VALUES ($1, $2, 'Brouillon', 'CDI', '75011', 'Paris', 'Texte.', 'DRAFT')`, [
      draft,
      cast.company.id,
    ]);
    const refused = await (await cast.recruiter.client()).post(`/api/offers/${draft}/invitations`, body);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('offre publiée');

    const recruiter = await cast.recruiter.client();
    const empty = await recruiter.post(`/api/offers/${offerId}/invitations`, { candidateIds: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.fields[0]).toMatchObject({ field: 'candidateIds', message: 'Choisissez au moins un profil à inviter.' });
    const tooMany = await recruiter.post(`/api/offers/${offerId}/invitations`, { candidateIds: Array.from({ length: 501 }, () => randomUUID()) });
    expect(tooMany.status).toBe(400);
    const notAnId = await recruiter.post(`/api/offers/${offerId}/invitations`, { candidateIds: ['nadia'] });
    expect(notAnId.status).toBe(400);
    expect(notAnId.body.error.details.fields[0].field).toBe('candidateIds.0');
    // Nothing was recorded by the refusals.
    expect(await rowsOf(offerId)).toEqual([]);
  }, 30_000);
});

// ---- The batch activity, attempt after attempt ----------------------------------------------------------

describe('one batch of invitations, retried', () => {
  it('answers what the batch did whichever attempt answers: a retry after the rows were written counts them again', async () => {
    const sequelize = createDatabase(inject('databaseUrl'), { poolMax: 2 });
    try {
      const activities = createOfferInvitationActivities({
        sequelize,
        config: { MAIL_FROM: 'Tremplin <no-reply@tremplin.example.org>', PUBLIC_URL: 'https://tremplin.example.org', TEMPORAL_UI_URL: 'http://localhost:8233', JITSI_BASE_URL: 'https://meet.example.org' },
        logger: createLogger('silent'),
        mailTransport: nodemailer.createTransport(inject('smtpUrl')),
      });
      const offerId = await insertPublishedOffer(cast.company.id, `Magasinier ${word}`);
      const candidates = await visibleCandidates(3);
      for (const c of candidates) await sql(`INSERT INTO offer_invitations (offer_id, candidate_id, invited_by, created_at) VALUES ($1, $2, $3, clock_timestamp())`, [offerId, c.id, cast.recruiter.id]);
      const run = randomUUID();
      const batch = (n: number) => ({ offerId, workflowId: offerInvitationWorkflowId(offerId), batch: `${run}/${n}`, batchSize: 2 });

      // The first attempt writes everything, then its answer is lost (a worker killed): the retry of the
      // same batch claims nothing more, sends nothing twice, and answers the same counts.
      const first = await activities.sendOfferInvitationBatch(batch(1));
      expect(first).toEqual({ outcome: 'sent', sent: 2, skipped: 0, remaining: 1 });
      expect(await activities.sendOfferInvitationBatch(batch(1))).toEqual(first);
      const sentTo = (await rowsOf(offerId)).filter((r) => r.status === 'SENT').map((r) => r.candidate_id);
      for (const candidate of candidates) {
        await eventually(async () => (await invitationMails(candidate, offerId)).length === (sentTo.includes(candidate.id) ? 1 : 0), 10_000, candidate.email);
      }

      // The offer closes: the next batch skips the row left, and so does its retry, with the same answer.
      await sql(`UPDATE offers SET status = 'ARCHIVED' WHERE id = $1`, [offerId]);
      const closed = await activities.sendOfferInvitationBatch(batch(2));
      expect(closed).toEqual({ outcome: 'offer-closed', sent: 0, skipped: 1, remaining: 0 });
      expect(await activities.sendOfferInvitationBatch(batch(2))).toEqual(closed);
      expect((await rowsOf(offerId)).map((r) => r.status).sort()).toEqual(['SENT', 'SENT', 'SKIPPED']);
    } finally {
      await sequelize.close();
    }
  }, 60_000);
});

// ---- The workflow on workers of this file --------------------------------------------------------------

const TASK_QUEUE = `tremplin-invitations-${randomBytes(4).toString('hex')}`;
const spawned: SpawnedWorker[] = [];
const spawnHere = () => {
  const worker = spawnWorker(TASK_QUEUE, inject('smtpUrl'));
  spawned.push(worker);
  return worker;
};
const logsOf = () => spawned.map((w, i) => `--- worker ${i}\n${w.output.join('').slice(-3000)}`).join('\n');

afterAll(async () => {
  for (const worker of spawned) await killWorker(worker);
});

/** Rows recorded as the API records them, then the run started on this file's queue. */
async function inviteHere(offerId: string, candidates: Person[], pauseMs: number) {
  for (const c of candidates) await sql(`INSERT INTO offer_invitations (offer_id, candidate_id, invited_by, created_at) VALUES ($1, $2, $3, clock_timestamp())`, [offerId, c.id, cast.recruiter.id]);
  const client = await temporalClient();
  return client.workflow.signalWithStart(offerInvitationWorkflow, {
    workflowId: offerInvitationWorkflowId(offerId),
    taskQueue: TASK_QUEUE,
    args: [{ offerId, batchSize: 2, pauseMs }],
    signal: invitationsRecordedSignal,
    signalArgs: [],
  });
}

describe('offerInvitationWorkflow on workers that stop', () => {
  it('sends nobody twice across a worker killed between two batches', async () => {
    const offerId = await insertPublishedOffer(cast.company.id, `Soudeur ${word}`);
    const candidates = await visibleCandidates(6);
    const first = spawnHere();
    const handle = await inviteHere(offerId, candidates, 6_000);
    await eventually(async () => (await rowsOf(offerId)).filter((r) => r.status === 'SENT').length === 2, 60_000, `first batch sent\n${logsOf()}`);
    await killWorker(first);
    // The pause ends while no worker runs; the second worker takes the run where its history is.
    await new Promise((resolve) => setTimeout(resolve, 7_000));
    expect((await rowsOf(offerId)).filter((r) => r.status === 'SENT')).toHaveLength(2);
    spawnHere();
    const result = await handle.result();
    expect(result).toMatchObject({ sent: 6, skipped: 0, batches: 3, ended: 'done' });
    for (const candidate of candidates) expect(await invitationMails(candidate, offerId), candidate.email).toHaveLength(1);
    const outbox = await sql(`SELECT to_address FROM email_outbox WHERE idempotency_key LIKE $1`, [`offer-invitation:${offerId}:%`]);
    expect(outbox).toHaveLength(6);
  }, 120_000);

  it('stops at the offer’s archive: the invitations left are never sent', async () => {
    const offerId = await offerIn(cast, 'PUBLISHED');
    const candidates = await visibleCandidates(5);
    if (!spawned.some((w) => w.child.exitCode === null)) spawnHere();
    const handle = await inviteHere(offerId, candidates, 5_000);
    await eventually(async () => (await rowsOf(offerId)).filter((r) => r.status === 'SENT').length === 2, 60_000, `first batch sent\n${logsOf()}`);
    await act('offer', cast.recruiter, offerId, { action: 'archive' }, 'ARCHIVED');
    const result = await handle.result();
    expect(result).toMatchObject({ sent: 2, skipped: 3, ended: 'offer-closed' });
    const rows = await rowsOf(offerId);
    expect(rows.filter((r) => r.status === 'SKIPPED').map((r) => r.skip_reason)).toEqual(['OFFER_CLOSED', 'OFFER_CLOSED', 'OFFER_CLOSED']);
    const mailed = (await Promise.all(candidates.map((c) => invitationMails(c, offerId)))).map((m) => m.length);
    expect(mailed.sort()).toEqual([0, 0, 0, 1, 1]);
    // An archived offer takes no more invitations.
    expect((await (await cast.recruiter.client()).post(`/api/offers/${offerId}/invitations`, { candidateIds: [candidates[0]!.id] })).status).toBe(409);
  }, 120_000);
});
