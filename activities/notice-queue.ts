// The notice queue (workflows/notice-queue.ts says why): each event's projection write queues one row
// (activities/process-events.ts; `queueNotice`, a local activity, in workflows started before
// 'notice-with-event'); `drainNoticeQueue`, the long-running activity of a task queue's noticeQueueWorkflow, tells
// the rows of its task queue with the process's own notice activity, a few at a time, woken by the
// table's trigger (LISTEN notice_queue). A told row is deleted; a row whose notice failed (a relay
// down) is tried again after a backoff, for good, like the notice activities' own retry policy. There
// is one drainer per task queue (its workflow's id): a run starts by taking back the rows an earlier
// run leased and could not finish (its worker died); a late one still telling them sends nothing twice
// (the mails' and notifications' idempotency keys, activities/mail.ts).
import { Context } from '@temporalio/activity';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { NoticeActivity, QueuedNotice } from '../workflows/notice-queue.js';
import { preparedQuery } from '../models/prepared.js';
import type { ActivityDeps } from './deps.js';
import { queueNoticeWithEvent } from './process-events.js';

/** A drain run returns after this long, so its workflow's history stays short (a new run follows at once). */
const DRAIN_RUN_MS = 10 * 60_000;
/**
 * Notices told at once (each mostly waits on PostgreSQL and the relay): a burst of creations tells its
 * people steadily, without taking every core from the workflows' own tasks.
 */
export const TOLD_AT_ONCE = 16;
/** A claimed row is the drainer's for this long (longer than a notice takes); the next run takes it back sooner. */
const LEASE = '5 minutes';
/** Without a wake-up, the drainer looks again this often (rows whose backoff ended). */
const IDLE_LOOK_MS = 5_000;
const backoffSeconds = (attempts: number) => Math.min(2 ** Math.max(attempts - 1, 0), 300);

interface Row {
  id: string;
  activity: NoticeActivity;
  workflow_id: string;
  seq: number;
  notice: QueuedNotice['notice'];
  attempts: number;
}

type Teller = (notice: never) => Promise<void>;

/** A dedicated connection of the pool, LISTENing for rows queued on `taskQueue`; `woken` resolves on the next. */
async function listen(sequelize: Sequelize, taskQueue: string) {
  type Listening = {
    query(sql: string): Promise<unknown>;
    on(event: 'notification', fn: (m: { payload?: string }) => void): void;
    on(event: 'error' | 'end', fn: () => void): void;
    off(event: string, fn: (...args: never[]) => void): void;
  };
  const connection = (await sequelize.connectionManager.getConnection({ type: 'write' })) as unknown as Listening;
  // A row queued while the drainer was busy telling is not missed: the next wait returns at once.
  let queuedMeanwhile = false;
  let wake = () => {
    queuedMeanwhile = true;
  };
  const notified = (message: { payload?: string }) => {
    if (message.payload === taskQueue) wake();
  };
  connection.on('notification', notified);
  // PostgreSQL restarted: this run ends (failed), and the next one listens again.
  let lost = false;
  const gone = () => (lost = true);
  connection.on('error', gone);
  connection.on('end', gone);
  await connection.query('LISTEN notice_queue');
  return {
    get lost() {
      return lost;
    },
    /** Resolves on a row queued for this task queue (since the last wait), after `ms`, or when the run is cancelled. */
    woken: (ms: number, cancelled: Promise<unknown>) =>
      new Promise<void>((resolve) => {
        if (queuedMeanwhile) {
          queuedMeanwhile = false;
          return resolve();
        }
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          // Only this wait's own: a later wait may have set its own since (this one's timer or cancellation calling late).
          if (wake === done)
            wake = () => {
              queuedMeanwhile = true;
            };
          resolve();
        }
        wake = done;
        void cancelled.then(done);
      }),
    async close() {
      connection.off('notification', notified);
      connection.off('error', gone);
      connection.off('end', gone);
      await connection.query('UNLISTEN notice_queue').catch(() => undefined);
      sequelize.connectionManager.releaseConnection(connection as never);
    },
  };
}

export function createNoticeQueueActivities(deps: ActivityDeps, tellers: Record<NoticeActivity, Teller>) {
  const { sequelize, logger } = deps;

  /**
   * Rows due on this task queue, leased to this run: for each case, its first notice not yet told only,
   * so that people read a case's events in their order (the next waits while one fails or is being told).
   */
  const claim = (taskQueue: string, limit: number) =>
    preparedQuery<Row>(
      sequelize,
      `UPDATE notice_queue SET attempts = attempts + 1, leased_until = now() + interval '${LEASE}'
        WHERE id IN (SELECT q.id FROM notice_queue q WHERE q.task_queue = :taskQueue AND q.not_before <= now()
                        AND (q.leased_until IS NULL OR q.leased_until < now())
                        AND NOT EXISTS (SELECT 1 FROM notice_queue p WHERE p.workflow_id = q.workflow_id AND p.seq < q.seq)
                      ORDER BY q.not_before, q.id LIMIT :limit FOR UPDATE SKIP LOCKED)
        RETURNING id, activity, workflow_id, seq, notice, attempts`,
      { taskQueue, limit },
    );

  /** Tells one row; true when a later notice of the same case waits for it (the drainer claims again at once). */
  async function tell(row: Row): Promise<boolean> {
    try {
      await (tellers[row.activity] as (notice: Row['notice']) => Promise<void>)(row.notice);
      const [done] = await preparedQuery<{ follower: boolean }>(
        sequelize,
        `DELETE FROM notice_queue q WHERE id = :id
         RETURNING EXISTS (SELECT 1 FROM notice_queue n WHERE n.workflow_id = q.workflow_id AND n.seq > q.seq) AS follower`,
        { id: row.id },
      );
      return done?.follower === true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger.warn({ workflowId: row.workflow_id, seq: row.seq, attempts: row.attempts, err: error }, 'notice not told yet; the queue tries again');
      await sequelize
        .query(`UPDATE notice_queue SET leased_until = NULL, not_before = now() + make_interval(secs => :wait), last_error = :message WHERE id = :id`, {
          replacements: { id: row.id, wait: backoffSeconds(row.attempts), message: message.slice(0, 1_000) },
        })
        .catch((err: unknown) => logger.warn({ err, workflowId: row.workflow_id, seq: row.seq }, 'notice failure not recorded; its lease brings it back'));
      return false; // its followers wait for it; the idle look brings it back after its backoff
    }
  }

  return {
    /** Queues one event's notice (local activity): once per event, whatever the retries. */
    async queueNotice({ activity, notice }: QueuedNotice): Promise<void> {
      await queueNoticeWithEvent(sequelize, { taskQueue: Context.current().info.taskQueue, activity, notice });
    },

    /** Tells the queued notices of a task queue's workflows for a while (the worker's heartbeats say it lives). */
    async drainNoticeQueue(of?: { taskQueue: string }): Promise<void> {
      const context = Context.current();
      // The workflows' task queue, whose rows this run tells (runs recorded before it was given: the queue it runs on).
      const taskQueue = of?.taskQueue ?? context.info.taskQueue;
      const listening = await listen(sequelize, taskQueue);
      const cancelled = context.cancelled.catch(() => undefined);
      let stop = false;
      void cancelled.then(() => (stop = true));
      const until = Date.now() + DRAIN_RUN_MS;
      try {
        const [, taken] = await sequelize.query(`UPDATE notice_queue SET leased_until = NULL WHERE task_queue = :taskQueue AND leased_until IS NOT NULL`, {
          replacements: { taskQueue },
          type: QueryTypes.UPDATE,
        });
        if (taken) logger.warn({ taskQueue, notices: taken }, 'notices a stopped drain run had claimed are taken back');
        // A pool: as soon as a notice is told, its place goes to the next one due. The queue is read only
        // when something may be due (each claim is a statement of every notice's cost, issue #20): after
        // a claim that filled the pool (more may wait for a place), a row queued (LISTEN), a told notice
        // whose case has another one waiting, or the idle look (rows whose backoff ended).
        const telling = new Set<Promise<boolean>>();
        let mayBeDue = true;
        // One wait at a time, kept across the turns a told notice wins: a row queued meanwhile wakes it,
        // and the next turn finds it woken.
        let wakeUp: Promise<'woken'> | null = null;
        try {
          while (!stop && Date.now() < until) {
            if (listening.lost) throw new Error('LISTEN notice_queue : connexion à PostgreSQL perdue');
            const free = TOLD_AT_ONCE - telling.size;
            if (mayBeDue && free > 0) {
              const rows = await claim(taskQueue, free);
              for (const row of rows) {
                const told: Promise<boolean> = tell(row).finally(() => telling.delete(told));
                telling.add(told);
              }
              mayBeDue = rows.length === free;
              if (mayBeDue) continue;
            }
            wakeUp ??= listening.woken(IDLE_LOOK_MS, cancelled).then(() => 'woken' as const);
            const next = await Promise.race([wakeUp, ...telling]);
            if (next === 'woken') wakeUp = null;
            // A told notice frees a place: worth a claim when the pool was full or its case has a follower.
            mayBeDue = next !== false || mayBeDue;
          }
        } finally {
          await Promise.allSettled(telling);
        }
      } finally {
        await listening.close();
      }
      if (stop) await context.cancelled; // rejects: the SDK reports the run cancelled (a worker shutting down)
    },
  };
}
