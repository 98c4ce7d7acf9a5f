// The notice queue (workflows/notice-queue.ts, activities/notice-queue.ts): a process event's notice is
// queued with the event's own write (or, in workflows started before 'notice-with-event', by a local
// activity after it) and told by the task queue's drainer. On the harness's platform: an event's write
// queues its notice in the same local activity, no notice activity is scheduled and its mail arrives. With drain runs of this file's own (on a
// task queue no worker polls, an SMTP catcher of its own): two runs at once tell each notice once; a
// relay's refusal keeps the notice, which goes out once the relay accepts; a run takes back what a dead
// run had claimed.
import { randomBytes } from 'node:crypto';
import { CancelledFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { Sequelize } from 'sequelize';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createActivities } from '../activities/index.js';
import { createMailTransport } from '../activities/mail.js';
import { createLogger } from '../config/logger.js';
import { createDatabase } from '../models/index.js';
import { startMailCatcher, type MailCatcherHandle } from '../scripts/services/mail-catcher.js';
import { noticesTaskQueue, type QueuedNotice } from '../workflows/notice-queue.js';
import { act, mailsTo, startApplication, workflowHistoryOf } from './drivers.js';
import { createCast, type Cast } from './fixtures.js';
import { localActivitiesOf, patchesOf, recordedOf } from './history-markers.js';
import { eventually, platformConfig, sql, temporalClient } from './support.js';

const TASK_QUEUE = `notice-queue-test-${randomBytes(4).toString('hex')}`;

let sequelize: Sequelize;
let catcher: MailCatcherHandle;
let activities: ReturnType<typeof createActivities>;
let cast: Cast;
/** A real application (its workflow on the harness's worker): the notices queued here are about it. */
let application: { id: string; workflowId: string };

beforeAll(async () => {
  sequelize = createDatabase(inject('databaseUrl'), { poolMax: 4 });
  catcher = await startMailCatcher();
  const config = platformConfig();
  const logger = createLogger('error', 'notice-queue-test');
  activities = createActivities({ sequelize, config, logger, mailTransport: createMailTransport(catcher.smtpUrl) });
  cast = await createCast();
  application = await startApplication(cast);
});

afterAll(async () => {
  await catcher?.stop();
  await sequelize?.close();
});

/** A référent's reminder about the application: it tells the cast's référent, by mail and in the app. */
const reminder = (seq: number): QueuedNotice => ({
  activity: 'notifyApplicationEvent',
  notice: {
    workflowId: application.workflowId,
    applicationId: application.id,
    seq,
    event: 'referent_reminder',
    status: 'PENDING_REFERENT_VALIDATION',
    actor: null,
    message: null,
    interview: null,
  } as QueuedNotice['notice'],
});

const activityEnv = () => new MockActivityEnvironment({ taskQueue: TASK_QUEUE });
const queue = (notice: QueuedNotice) => activityEnv().run(activities.queueNotice, notice);
const rowsOf = (seqs: number[]) =>
  sql<{ seq: number; attempts: number; last_error: string | null; leased_until: Date | null }>(
    `SELECT seq, attempts, last_error, leased_until FROM notice_queue WHERE workflow_id = $1 AND seq = ANY($2) ORDER BY seq`,
    [application.workflowId, seqs],
  );

/**
 * A drain run of this file's task queue, until `stop()` cancels it as a worker shutting down would. It
 * runs as the drainer does, on the notices' own task queue, told whose rows it tells.
 */
function drain() {
  const env = new MockActivityEnvironment({ taskQueue: noticesTaskQueue(TASK_QUEUE) });
  const run = env.run(activities.drainNoticeQueue, { taskQueue: TASK_QUEUE }).catch((error: unknown) => {
    if (!(error instanceof CancelledFailure)) throw error;
  });
  return {
    async stop() {
      env.cancel();
      await run;
    },
  };
}

describe('notice queue', () => {
  it('an event queues its notice with its own write: one local activity for both, no notice activity, and the mail arrives', async () => {
    const handle = (await temporalClient()).workflow.getHandle(application.workflowId);
    // The creation's notice tells the référent that a candidature waits for them.
    await eventually(async () => (await mailsTo(cast.referent.email)).length > 0, 20_000, 'the creation mail');
    // A transition's tells the company's recruiters that it reached them.
    await act('application', cast.referent, application.id, { action: 'validate' }, 'PENDING_RECRUITER');
    await eventually(async () => (await mailsTo(cast.recruiter.email)).length > 0, 20_000, 'the validation mail');
    const history = recordedOf(await workflowHistoryOf(application.workflowId));
    expect(patchesOf(history)).toContain('notice-with-event');
    // Two events (created, validate), each written and queued by one local activity: no queueNotice after them.
    expect(localActivitiesOf(history)).toBe(2);
    const { events } = await handle.fetchHistory();
    const activityTypes = (events ?? []).flatMap((e) => (e.activityTaskScheduledEventAttributes ? [e.activityTaskScheduledEventAttributes.activityType?.name] : []));
    expect(activityTypes.filter((name) => name?.startsWith('notify'))).toEqual([]);
    expect(await eventually(async () => (await sql(`SELECT 1 FROM notice_queue WHERE workflow_id = $1`, [application.workflowId])).length === 0, 20_000, 'the queue emptied')).toBe(true);
  });

  it('two drain runs at once tell each of 12 queued notices exactly once', async () => {
    const seqs = Array.from({ length: 12 }, (_, i) => 1_000 + i);
    for (const seq of seqs) await queue(reminder(seq));
    await queue(reminder(seqs[0]!)); // queued twice (a retried local activity): one row
    expect(await rowsOf(seqs)).toHaveLength(12);

    const before = catcher.messages.length;
    const runs = [drain(), drain()];
    await eventually(async () => (await rowsOf(seqs)).length === 0, 30_000, 'every notice told');
    await Promise.all(runs.map((run) => run.stop()));

    const told = catcher.messages.slice(before);
    expect(told.map((m) => m.envelopeTo).flat()).toEqual(seqs.map(() => cast.referent.email));
    expect(new Set(told.map((m) => m.headers['message-id'])).size).toBe(12);
    const notifications = await sql(`SELECT idempotency_key FROM notifications WHERE idempotency_key = ANY($1)`, [seqs.map((seq) => `${application.workflowId}:${seq}:${cast.referent.id}`)]);
    expect(notifications).toHaveLength(12);
  });

  it('a notice the relay refuses stays queued with its error, then goes out once when the relay accepts', async () => {
    const seq = 1_100;
    const before = catcher.messages.length;
    catcher.setRefusing(true);
    const run = drain();
    try {
      await queue(reminder(seq));
      const [failed] = await eventually(async () => {
        const rows = await rowsOf([seq]);
        return rows[0]?.last_error ? rows : null;
      }, 20_000, 'the refusal recorded');
      expect(failed!.last_error).toMatch(/451/);
      expect(failed!.attempts).toBeGreaterThanOrEqual(1);
      expect(failed!.leased_until).toBeNull();
      expect(catcher.messages.length).toBe(before);
    } finally {
      catcher.setRefusing(false);
    }
    await eventually(async () => (await rowsOf([seq])).length === 0, 30_000, 'the notice told after the refusal');
    await run.stop();
    const told = catcher.messages.slice(before);
    expect(told.map((m) => m.envelopeTo).flat()).toEqual([cast.referent.email]);
  });

  it('a drain run takes back the notices a dead run had claimed', async () => {
    const seq = 1_200;
    await queue(reminder(seq));
    // Claimed by a run whose worker died: leased for minutes.
    await sql(`UPDATE notice_queue SET attempts = 1, leased_until = now() + interval '5 minutes' WHERE workflow_id = $1 AND seq = $2`, [application.workflowId, seq]);
    const before = catcher.messages.length;
    const run = drain();
    await eventually(async () => (await rowsOf([seq])).length === 0, 20_000, 'the claimed notice told');
    await run.stop();
    expect(catcher.messages.slice(before).map((m) => m.envelopeTo).flat()).toEqual([cast.referent.email]);
  });
});
