// The notice queue (issue #20): what a process event tells is queued in PostgreSQL by the event's own
// write (`NoticeWithEvent`, patched 'notice-with-event'; before it, by a local activity after the write,
// `queueNotice`, in the same workflow task) and told by the queue's drainer, one
// long-running, heartbeating activity (`drainNoticeQueue`) per task queue, run by this workflow on the
// notices' own task queue (`noticesTaskQueue`), so a worker process may tell them apart from the clicks. The
// process workflow no longer schedules a notice activity: no activity task, and no second workflow task
// only to count it done. E-mail stays a Temporal activity; the drainer runs the process's own notice
// activity (`activity`) on each queued notice, so what people read and its idempotency keys are the same.
import { continueAsNew, patched, proxyActivities, workflowInfo, type ActivityOptions } from '@temporalio/workflow';
import type { createNoticeQueueActivities } from '../activities/notice-queue.js';

/** The process workflows' notice activities: what the drainer runs for a queued notice. */
export const NOTICE_ACTIVITIES = ['notifyApplicationEvent', 'notifyOfferEvent', 'notifySponsorshipEvent', 'notifyMembershipEvent', 'notifyContactRequestEvent'] as const;
export type NoticeActivity = (typeof NOTICE_ACTIVITIES)[number];

/** One event's notice, as queued: with its workflow and seq, the key of the queue's row. */
export interface QueuedNotice {
  activity: NoticeActivity;
  notice: { workflowId: string; seq: number };
}

/** A notice queued by its event's own write (patched 'notice-with-event'): with the task queue whose drainer tells it. */
export interface NoticeWithEvent extends QueuedNotice {
  taskQueue: string;
}

/** One drainer per task queue: the notices a task queue's workflows queue are told by its workers. */
export const noticeQueueWorkflowId = (taskQueue: string) => `notice-queue:${taskQueue}`;

/** Drain runs of the same workflow before it continues as new (each run lasts minutes: activities/notice-queue.ts). */
const RUNS_PER_HISTORY = 200;

/**
 * The task queue a drainer runs on: one of its own beside its process workflows' (issue #20), so that a
 * worker process can tell notices apart from the one running the workflows (WORKER_ROLE).
 */
export const noticesTaskQueue = (taskQueue: string) => `${taskQueue}:notices`;

const drainOptions: ActivityOptions = {
  // A run returns by itself within minutes (DRAIN_RUN in activities/notice-queue.ts).
  startToCloseTimeout: '30 minutes',
  // A dead worker's run is taken over soon; its leased rows come back when their lease ends.
  heartbeatTimeout: '10 seconds',
  // Telling people never gives up (like the notice activities): PostgreSQL down only delays it.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
};
type Drain = ReturnType<typeof createNoticeQueueActivities>;
const { drainNoticeQueue: drainOnWorkflowsQueue } = proxyActivities<Drain>(drainOptions);

/** Started by every worker for its task queue (scripts/services/worker.ts), kept running for good. */
export async function noticeQueueWorkflow(): Promise<void> {
  const { taskQueue } = workflowInfo();
  const { drainNoticeQueue: drainOnItsOwnQueue } = proxyActivities<Drain>({ ...drainOptions, taskQueue: noticesTaskQueue(taskQueue) });
  for (let run = 0; run < RUNS_PER_HISTORY && !workflowInfo().continueAsNewSuggested; run++) {
    // Runs recorded before the notices' own task queue drained on the workflows' one.
    if (patched('notices-task-queue')) await drainOnItsOwnQueue({ taskQueue });
    else await drainOnWorkflowsQueue();
  }
  await continueAsNew<typeof noticeQueueWorkflow>();
}
