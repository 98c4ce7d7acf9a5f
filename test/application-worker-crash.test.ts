// A worker killed (SIGKILL) in the middle of a transition, and another one started in its place: the
// transition is written once, and everybody it concerns gets its mail once. The workers here are
// separate processes (`scripts/worker.ts`, as in production) on a task queue of their own, so the
// harness's worker never takes these tasks; they send mail to an SMTP catcher of this file, so that
// putting it in refusing mode delays nobody else's mail.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { startMailCatcher, type MailCatcherHandle } from '../scripts/services/mail-catcher.js';
import { mailsAbout, startApplication } from './drivers.js';
import { createCast, type Cast } from './fixtures.js';
import { eventually, killWorker, spawnWorker, sql, temporalClient, type SpawnedWorker } from './support.js';
import { snapshotQuery, transitionUpdate } from '../workflows/process.js';

const TASK_QUEUE = `tremplin-crash-${randomBytes(4).toString('hex')}`;

const spawned: Array<SpawnedWorker & { name: string }> = [];
let catcher: MailCatcherHandle;
let cast: Cast;
const started: string[] = [];

/** A worker on this file's queue and SMTP server. */
function spawnNamed(name: string) {
  const worker = { name, ...spawnWorker(TASK_QUEUE, catcher.smtpUrl) };
  spawned.push(worker);
  return worker;
}

const logsOf = () => spawned.map((w) => `--- ${w.name}\n${w.output.join('').slice(-4000)}`).join('\n');

/** A fresh candidate of the cast's référent applies, on this file's queue. */
async function startApplicationHere() {
  const application = await startApplication(cast, { message: 'Candidature qui survit à un arrêt brutal.', taskQueue: TASK_QUEUE, waitForRow: false });
  started.push(application.workflowId);
  return application;
}

/** The mails of this file's SMTP server about one application. */
const mailsHere = (id: string) => mailsAbout('application', id, {}, catcher.messages);
/** "recipient | subject" → how many times it arrived. */
const countByRecipientAndSubject = async (id: string) => {
  const counts: Record<string, number> = {};
  for (const m of await mailsHere(id)) for (const to of m.envelopeTo) counts[`${to} | ${m.subject}`] = (counts[`${to} | ${m.subject}`] ?? 0) + 1;
  return counts;
};

async function outbox(workflowId: string) {
  return sql<{ idempotency_key: string; to_address: string; status: string; attempts: number }>(
    `SELECT idempotency_key, to_address, status, attempts FROM email_outbox WHERE workflow_id = $1 ORDER BY idempotency_key`,
    [workflowId],
  );
}

const validate = () => ({ action: 'validate' as const, actor: { id: cast.referent.id, role: 'REFERENT' as const } });

beforeAll(async () => {
  catcher = await startMailCatcher();
  cast = await createCast();
});

afterAll(async () => {
  catcher?.setRefusing(false);
  for (const worker of spawned) await killWorker(worker);
  // Nothing polls this queue any more: leave no workflow behind on a shared cluster.
  const client = await temporalClient();
  for (const workflowId of started) await client.workflow.getHandle(workflowId).terminate('fin du test').catch(() => undefined);
  await catcher?.stop();
});

describe('a worker killed mid-transition', () => {
  it('completes each transition once, and sends each mail once, after a restart', { timeout: 90_000 }, async () => {
    onTestFailed(() => console.error(`output of the spawned workers:\n${logsOf()}`));
    const client = await temporalClient();
    const first = spawnNamed('worker 1');
    const retried = await startApplicationHere(); // its validate is told while the SMTP relay refuses
    const inFlight = await startApplicationHere(); // its validate is sent while no worker runs

    // The first worker runs both creations, and their mails go out.
    await eventually(
      async () => (await sql('SELECT id FROM applications WHERE id = ANY($1)', [[retried.id, inFlight.id]])).length === 2,
      45_000,
      'both creations recorded by the spawned worker',
    );
    await eventually(async () => (await mailsHere(retried.id)).length === 2 && (await mailsHere(inFlight.id)).length === 2, 20_000, 'creation mails');

    // The relay breaks; the validation is recorded, and telling people now fails and is retried.
    catcher.setRefusing(true);
    const validated = await client.workflow.getHandle(retried.workflowId).executeUpdate(transitionUpdate, { args: [validate()] });
    expect(validated).toMatchObject({ status: 'PENDING_RECRUITER', events: 2 });
    const validateKeys = `${retried.workflowId}:1:%`;
    await eventually(
      async () => {
        const rows = await sql(`SELECT 1 FROM email_outbox WHERE idempotency_key LIKE $1 AND status = 'FAILED' AND attempts >= 2`, [validateKeys]);
        return rows.length === 3; // the candidate and both recruiters, twice
      },
      15_000,
      'two failed attempts to tell the validation',
    );

    // Killed mid-transition: recorded, not yet told. Killed in the 2 s backoff after the second attempt,
    // so the next attempt waits on the queue for a worker (an attempt running at the time of the kill
    // would only be retried once its 1-minute start-to-close timeout ran out).
    await killWorker(first);
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(await mailsHere(retried.id)).toHaveLength(2);

    // Sent while no worker runs: the server keeps it until a worker takes the workflow again.
    const inFlightUpdate = client.workflow.getHandle(inFlight.workflowId).executeUpdate(transitionUpdate, { args: [validate()] });

    spawnNamed('worker 2');
    catcher.setRefusing(false);

    const inFlightResult = await inFlightUpdate;
    expect(inFlightResult).toMatchObject({ status: 'PENDING_RECRUITER', events: 2 });

    // created: référent + candidate; validate: candidate + the two recruiters.
    const expected = (candidateEmail: string) => ({
      [`${cast.referent.email} | Nouvelle candidature à valider — « Technicien de maintenance H/F » (Entreprise A)`]: 1,
      [`${candidateEmail} | Candidature enregistrée — « Technicien de maintenance H/F » (Entreprise A)`]: 1,
      [`${candidateEmail} | Candidature validée par votre référent — « Technicien de maintenance H/F » (Entreprise A)`]: 1,
      [`${cast.recruiter.email} | Nouvelle candidature reçue — « Technicien de maintenance H/F » (Entreprise A)`]: 1,
      [`${cast.colleague.email} | Nouvelle candidature reçue — « Technicien de maintenance H/F » (Entreprise A)`]: 1,
    });
    for (const app of [retried, inFlight]) {
      await eventually(async () => (await mailsHere(app.id)).length >= 5, 30_000, `validation mails of ${app.id}`);
    }
    // Long enough for a duplicate (a retry of an attempt that did get through) to arrive.
    await new Promise((resolve) => setTimeout(resolve, 1500));

    for (const app of [retried, inFlight]) {
      expect(await countByRecipientAndSubject(app.id)).toEqual(expected(app.candidate.email));

      const events = await sql(`SELECT seq, type FROM application_events WHERE application_id = $1 ORDER BY seq`, [app.id]);
      expect(events.map((e) => [e.seq, e.type])).toEqual([
        [0, 'created'],
        [1, 'validate'],
      ]);
      const [row] = await sql(`SELECT status, sent_to_company_at FROM applications WHERE id = $1`, [app.id]);
      expect(row.status).toBe('PENDING_RECRUITER');
      expect(row.sent_to_company_at).not.toBeNull();

      const snapshot = await client.workflow.getHandle(app.workflowId).query(snapshotQuery);
      expect(snapshot).toMatchObject({ applicationId: app.id, status: 'PENDING_RECRUITER', events: 2 });

      const rows = await outbox(app.workflowId);
      expect(rows.map((r) => r.status)).toEqual(Array(5).fill('SENT'));
      expect(new Set(rows.map((r) => r.idempotency_key)).size).toBe(5);
      const [{ count }] = await sql(`SELECT count(*)::int AS count FROM notifications WHERE entity_id = $1`, [app.id]);
      expect(count).toBe(5);
    }
    // The mails of the retried validation failed first, then went out once each.
    const retriedRows = (await outbox(retried.workflowId)).filter((r) => r.idempotency_key.startsWith(`${retried.workflowId}:1:`));
    expect(retriedRows).toHaveLength(3);
    for (const row of retriedRows) expect(row.attempts).toBeGreaterThanOrEqual(3);
  });
});
