// WORKER_ROLE (issue #20): the process workflows and the notice drainer in two worker processes
// (`scripts/worker.ts`, as in production), on a task queue and an SMTP server of this file's. A click
// answers without the notices' process; what it tells waits in the queue, and goes out once when a
// notices' process runs.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { startMailCatcher, type MailCatcherHandle } from '../scripts/services/mail-catcher.js';
import { noticeQueueWorkflowId } from '../workflows/notice-queue.js';
import { transitionUpdate } from '../workflows/process.js';
import { mailsAbout, startApplication } from './drivers.js';
import { createCast, type Cast } from './fixtures.js';
import { eventually, killWorker, spawnWorker, sql, temporalClient, type SpawnedWorker } from './support.js';

const TASK_QUEUE = `tremplin-roles-${randomBytes(4).toString('hex')}`;

const spawned: Array<SpawnedWorker & { role: string }> = [];
let catcher: MailCatcherHandle;
let cast: Cast;
const started: string[] = [];

function spawnRole(role: 'processes' | 'notices') {
  const worker = { role, ...spawnWorker(TASK_QUEUE, catcher.smtpUrl, { WORKER_ROLE: role }) };
  spawned.push(worker);
  return worker;
}

const queued = async (workflowId: string) => (await sql<{ seq: number }>(`SELECT seq FROM notice_queue WHERE workflow_id = $1 ORDER BY seq`, [workflowId])).map((r) => r.seq);

beforeAll(async () => {
  catcher = await startMailCatcher();
  cast = await createCast();
});

afterAll(async () => {
  for (const worker of spawned) await killWorker(worker);
  const client = await temporalClient();
  for (const workflowId of [...started, noticeQueueWorkflowId(TASK_QUEUE)]) await client.workflow.getHandle(workflowId).terminate('fin du test').catch(() => undefined);
  await catcher?.stop();
});

describe('worker roles', () => {
  it('a `processes` worker answers clicks and queues their notices; a `notices` worker tells them, once', { timeout: 90_000 }, async () => {
    onTestFailed(() => console.error(spawned.map((w) => `--- ${w.role}\n${w.output.join('').slice(-4000)}`).join('\n')));
    spawnRole('processes');
    const application = await startApplication(cast, { message: 'Candidature avec des avis à part.', taskQueue: TASK_QUEUE, waitForRow: false });
    started.push(application.workflowId);
    await eventually(async () => (await sql('SELECT 1 FROM applications WHERE id = $1', [application.id])).length === 1, 45_000, 'the creation recorded');

    const validated = await (await temporalClient()).workflow
      .getHandle(application.workflowId)
      .executeUpdate(transitionUpdate, { args: [{ action: 'validate', actor: { id: cast.referent.id, role: 'REFERENT' } }] });
    expect(validated).toMatchObject({ status: 'PENDING_RECRUITER', events: 2 });
    // Nobody tells them yet: both events' notices wait in the queue, and no mail went out.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await queued(application.workflowId)).toEqual([0, 1]);
    expect(await mailsAbout('application', application.id, {}, catcher.messages)).toEqual([]);

    spawnRole('notices');
    // created: the référent and the candidate; validate: the candidate and the two recruiters.
    await eventually(async () => (await mailsAbout('application', application.id, {}, catcher.messages)).length >= 5, 45_000, 'the five mails');
    await eventually(async () => (await queued(application.workflowId)).length === 0, 10_000, 'the queue emptied');
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // room for a duplicate
    const mails = await mailsAbout('application', application.id, {}, catcher.messages);
    expect(mails.flatMap((m) => m.envelopeTo).sort()).toEqual([cast.referent.email, application.candidate.email, application.candidate.email, cast.recruiter.email, cast.colleague.email].sort());
  });
});
