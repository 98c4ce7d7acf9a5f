// `npm run reconcile`: differences between the workflows and their projection in PostgreSQL, made on
// purpose here by SQL, are reported, then repaired from the workflow's side (status set back, a lost
// history event written again from the workflow's history, an offer without workflow given one);
// what cannot be repaired soundly (events the workflow never counted, a row whose workflow does not
// exist) is reported and left alone. Each check is scoped to this file's own rows (`only`), since the
// other test files share the database.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Sequelize } from 'sequelize';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from '../models/index.js';
import { reconcile, type ReconcileReport } from '../scripts/reconcile.js';
import { act, reach, register, registration } from './drivers.js';
import { createCast, createCompany, createUser, type Cast } from './fixtures.js';
import { eventually, sql, temporalClient } from './support.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

let cast: Cast;
let sequelize: Sequelize;

beforeAll(async () => {
  cast = await createCast();
  sequelize = createDatabase(inject('databaseUrl'), { poolMax: 2 });
});

afterAll(async () => {
  await sequelize?.close();
});

async function check(only: string[], repair = false): Promise<ReconcileReport> {
  return reconcile({ sequelize, temporal: await temporalClient(), taskQueue: inject('taskQueue'), only, repair, recheckMs: 300 });
}

const kinds = (report: ReconcileReport) => report.differences.map((d) => d.kind).sort();

/** An application of a new candidate of the cast's référent, validated, accepted, with an interview proposed. */
const applicationWithInterview = async (): Promise<string> => (await reach('application', 'INTERVIEW_PROPOSED', cast)).id;

describe('reconcile', () => {
  it('reports an application whose status was changed by hand, then sets it back from the workflow', async () => {
    const id = await applicationWithInterview();
    expect((await check([id])).differences).toEqual([]);

    const [before] = await sql(`SELECT status, status_changed_at FROM applications WHERE id = $1`, [id]);
    await sql(`UPDATE applications SET status = 'HIRED', status_changed_at = now() WHERE id = $1`, [id]);
    const report = await check([id]);
    expect(report.differences).toHaveLength(1);
    expect(report.differences[0]).toMatchObject({
      process: 'application',
      entityId: id,
      kind: 'status',
      detail: 'database HIRED, workflow INTERVIEW_PROPOSED',
      workflowId: `application-${id}`,
    });
    // Without --repair nothing changes.
    expect((await sql(`SELECT status FROM applications WHERE id = $1`, [id]))[0].status).toBe('HIRED');

    const repaired = await check([id], true);
    expect(repaired).toMatchObject({ repaired: 1, remaining: 0 });
    expect(repaired.differences[0]!.repair).toContain('status set to INTERVIEW_PROPOSED');
    const [after] = await sql(`SELECT status, status_changed_at FROM applications WHERE id = $1`, [id]);
    expect(after).toEqual(before);
    expect((await check([id])).differences).toEqual([]);
  });

  it('sets a lost interview back from the workflow', async () => {
    const id = await applicationWithInterview();
    const interviews = () => sql(`SELECT id, round, starts_at, duration_minutes, mode, location, status, ics_sequence, proposed_by FROM interviews WHERE application_id = $1`, [id]);
    const planned = await interviews();
    expect(planned).toHaveLength(1);
    await sql(`DELETE FROM interviews WHERE application_id = $1`, [id]);
    expect(kinds(await check([id]))).toEqual(['interview']);
    expect(await check([id], true)).toMatchObject({ repaired: 1, remaining: 0 });
    expect(await interviews()).toEqual(planned);
  });

  it('writes a lost history event again from the workflow’s history', async () => {
    // A sponsorship request records its history with local activities (since 'projection-local-activities'),
    // whose markers keep the event each wrote: the write is run again as it was.
    const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
    const created = await (await candidate.client()).post('/api/sponsorships', { companyId: cast.company.id, message: 'Demande dont l’historique se perd.' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await act('sponsorship', cast.recruiter, id, { action: 'accept', sponsorUserId: cast.colleague.id }, 'ACCEPTED');
    const events = () => sql(`SELECT seq, type, from_status, to_status, actor_id, actor_role, message, at FROM sponsorship_events WHERE sponsorship_id = $1 ORDER BY seq`, [id]);
    const row = () => sql(`SELECT status, status_changed_at, sponsor_id FROM sponsorship_requests WHERE id = $1`, [id]);
    const [history, [before]] = [await events(), await row()];
    expect(history.map((e) => e.type)).toEqual(['created', 'accept']);
    expect(before.sponsor_id).toBe(cast.colleague.id);

    // As if the projection of `accept` had been lost (a restore from an older backup).
    await sql(`DELETE FROM sponsorship_events WHERE sponsorship_id = $1 AND seq = 1`, [id]);
    await sql(`UPDATE sponsorship_requests SET status = 'PENDING', sponsor_id = NULL WHERE id = $1`, [id]);
    const report = await check([id]);
    expect(kinds(report)).toEqual(['events-missing', 'status']);
    expect(report.differences.find((d) => d.kind === 'events-missing')!.detail).toBe('workflow counts 2 events, database has 1; missing seq 1');

    const repaired = await check([id], true);
    expect(repaired.remaining, JSON.stringify(repaired.differences, null, 1)).toBe(0);
    expect(repaired.differences.find((d) => d.kind === 'events-missing')!.repair).toContain('events 1 rewritten from the workflow');
    expect(await events()).toEqual(history);
    expect(await row()).toEqual([before]);
    expect((await check([id])).differences).toEqual([]);
  });

  it('writes a lost edit of a published offer again, with its fields', async () => {
    const offer = await reach('offer', 'PUBLISHED', cast);
    await act('offer', cast.recruiter, offer.id, { action: 'edit', title: 'Titre modifié puis perdu H/F', salaryMin: 25000 }, 'PENDING_MODERATION');
    const events = () => sql(`SELECT seq, type, from_status, to_status, actor_id, message, data, at FROM offer_events WHERE offer_id = $1 ORDER BY seq`, [offer.id]);
    const row = () => sql(`SELECT status, status_changed_at, title, salary_min, expires_at FROM offers WHERE id = $1`, [offer.id]);
    const [history, [before]] = [await events(), await row()];
    expect(history.at(-1)).toMatchObject({ type: 'edit', data: { fields: ['title', 'salaryMin'] } });

    // As if the projection of `edit` had been lost: the event gone, the offer as it was published.
    const published = history.at(-1)!.data.before as { title: string; salaryMin: number | null };
    await sql(`DELETE FROM offer_events WHERE offer_id = $1 AND type = 'edit'`, [offer.id]);
    await sql(`UPDATE offers SET status = 'PUBLISHED', title = $2, salary_min = $3 WHERE id = $1`, [offer.id, published.title, published.salaryMin]);
    const repaired = await check([offer.id], true);
    expect(repaired.remaining, JSON.stringify(repaired.differences, null, 1)).toBe(0);
    expect(await events()).toEqual(history);
    expect(await row()).toEqual([before]);
  });

  it('writes a lost application event again from its local activity’s marker', async () => {
    // Applications write their projection with local activities: the marker keeps the activity's
    // result, which is the event it wrote.
    const id = await applicationWithInterview();
    const events = () => sql(`SELECT seq, type, from_status, to_status, actor_id, actor_role, message, at FROM application_events WHERE application_id = $1 ORDER BY seq`, [id]);
    const history = await events();
    expect(history.map((e) => e.type)).toEqual(['created', 'validate', 'accept', 'propose_interview']);
    await sql(`DELETE FROM application_events WHERE application_id = $1 AND seq IN (0, 2)`, [id]);
    const report = await check([id]);
    expect(kinds(report)).toEqual(['events-missing']);
    const repaired = await check([id], true);
    expect(repaired.remaining, JSON.stringify(repaired.differences, null, 1)).toBe(0);
    expect(repaired.differences[0]!.repair).toContain('events 0, 2 rewritten from the workflow');
    expect(await events()).toEqual(history);
  });

  it('reports events the workflow never counted, and leaves them for an operator', async () => {
    const id = await applicationWithInterview();
    await sql(`INSERT INTO application_events (application_id, seq, type, from_status, to_status, at) VALUES ($1, 4, 'hire', 'INTERVIEW_DONE', 'HIRED', now())`, [id]);
    const report = await check([id], true);
    expect(kinds(report)).toEqual(['events-extra']);
    expect(report.differences[0]).toMatchObject({ repaired: false, detail: 'seq 4 in the database, unknown to the workflow (it counts 4)' });
    expect(await sql(`SELECT 1 FROM application_events WHERE application_id = $1 AND seq = 4`, [id])).toHaveLength(1);
    await sql(`DELETE FROM application_events WHERE application_id = $1 AND seq = 4`, [id]);
    expect((await check([id])).differences).toEqual([]);
  });

  it('finds a row whose workflow does not exist, and a live offer without a workflow (which it starts)', async () => {
    const ghost = randomUUID();
    await sql(
      `INSERT INTO applications (id, candidate_id, company_id, status, workflow_id) VALUES ($1, $2, $3, 'PENDING_RECRUITER', $4)`,
      [ghost, cast.loneCandidate.id, cast.company.id, `application-${ghost}`],
    );
    // A closed application whose workflow Temporal no longer keeps (retention) is not a difference.
    const old = randomUUID();
    await sql(`INSERT INTO applications (id, candidate_id, company_id, status, workflow_id) VALUES ($1, $2, $3, 'WITHDRAWN', $4)`, [
      old,
      cast.loneCandidate.id,
      cast.otherCompany.id,
      `application-${old}`,
    ]);
    const { offerId } = await createCompany('Entreprise sans workflow');

    const report = await check([ghost, old, offerId]);
    expect(report.differences.map((d) => [d.entityId, d.kind])).toEqual(
      expect.arrayContaining([
        [ghost, 'workflow-missing'],
        [offerId, 'no-workflow'],
      ]),
    );
    expect(report.differences).toHaveLength(2);
    expect(report.retained).toBe(1);

    const repaired = await check([ghost, old, offerId], true);
    expect(repaired.differences.find((d) => d.entityId === ghost)).toMatchObject({ repaired: false });
    expect(repaired.differences.find((d) => d.entityId === offerId)).toMatchObject({ repaired: true, repair: 'offer workflow started' });
    expect((await sql(`SELECT workflow_id FROM offers WHERE id = $1`, [offerId]))[0].workflow_id).toBe(`offer-${offerId}`);
    const snapshot = await (await temporalClient()).workflow.getHandle(`offer-${offerId}`).query<{ status: string }>('snapshot');
    expect(snapshot.status).toBe('PUBLISHED');
    await sql(`DELETE FROM applications WHERE id = ANY($1)`, [[ghost, old]]);
  });

  it('finds a company that no longer mirrors its founder’s verification, and mirrors it again', async () => {
    const { companyId, membershipId } = await register(registration({ company: { name: 'Atelier à réconcilier' } }));
    await eventually(async () => (await check([membershipId])).checked.membership === 1 && (await check([membershipId])).differences.length === 0, 20_000, 'registration recorded');

    // A company marked verified by hand, without the platform's verification.
    await sql(`UPDATE companies SET status = 'VERIFIED' WHERE id = $1`, [companyId]);
    const report = await check([membershipId]);
    expect(report.differences).toHaveLength(1);
    expect(report.differences[0]).toMatchObject({
      process: 'membership',
      kind: 'company-status',
      detail: `company ${companyId} is VERIFIED, its founder's workflow PENDING_EMAIL_CONFIRMATION`,
    });
    expect(await check([membershipId], true)).toMatchObject({ repaired: 1, remaining: 0 });
    expect((await sql(`SELECT status FROM companies WHERE id = $1`, [companyId]))[0].status).toBe('PENDING_EMAIL_CONFIRMATION');
  });

  it('compares sponsorship requests too; the command reports what it finds and exits 1', async () => {
    const created = await (await cast.candidate.client()).post('/api/sponsorships', { companyId: cast.company.id, message: 'Demande à réconcilier.' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await eventually(async () => (await sql(`SELECT 1 FROM sponsorship_events WHERE sponsorship_id = $1`, [id])).length === 1, 20_000, 'creation recorded');
    expect((await check([id])).differences).toEqual([]);
    await sql(`UPDATE sponsorship_requests SET status = 'REFUSED', comment = 'modifié à la main' WHERE id = $1`, [id]);

    // The command, as an operator runs it (JSON, sponsorships only): the other files' rows may show
    // up too, so only this one is looked for.
    const cli = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/reconcile.ts', '--json', '--process', 'sponsorship'], {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_URL: inject('databaseUrl'),
          TEMPORAL_ADDRESS: inject('temporalAddress'),
          TEMPORAL_NAMESPACE: inject('temporalNamespace'),
          TEMPORAL_TASK_QUEUE: inject('taskQueue'),
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.once('exit', (code) => resolve({ code, stdout, stderr }));
    });
    expect(cli.code, cli.stderr).toBe(1);
    const json = JSON.parse(cli.stdout) as ReconcileReport;
    expect(json.checked.sponsorship).toBeGreaterThanOrEqual(1);
    expect(json.checked.application).toBe(0);
    expect(json.differences).toContainEqual(
      expect.objectContaining({ process: 'sponsorship', entityId: id, kind: 'status', detail: 'database REFUSED, workflow PENDING' }),
    );

    const repaired = await check([id], true);
    expect(repaired).toMatchObject({ repaired: 1, remaining: 0 });
    expect((await sql(`SELECT status FROM sponsorship_requests WHERE id = $1`, [id]))[0].status).toBe('PENDING');
    expect((await check([id])).differences).toEqual([]);
  }, 90_000);
});
