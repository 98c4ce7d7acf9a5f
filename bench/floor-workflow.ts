// The cheapest Update Temporal can run: no projection, no activity, no mail. `npm run bench` times it
// on the same dev server as the transitions, so the report shows which part of a transition's cost is
// the Update round trip itself, and what bounds throughput on this machine whatever our code does.
//
// `shape` climbs the ladder of what a transition asks of Temporal, with no code of ours in it: a local
// activity in the Update's workflow task (our projection write), a search-attribute upsert (the status
// an operator filters on), then either an activity in the background after the answer (our notice
// before the notice queue), whose completion wakes the workflow for a second workflow task, or a second
// local activity after the answer (our notice queued, workflows/notice-queue.ts, until
// 'notice-with-event'). A transition's shape now is the local activity and the upsert: its projection
// write queues its notice (bench/run.ts `TRANSITION_RUNG`); `rearmedTimer` adds the reminder's timer a
// status change moves (cancelled, armed again). Each rung is timed like the floor. `created` is a creation's shape: started with a search
// attribute, its first workflow task runs a local activity (the `created` notice queued) and arms a
// timer (the référent's reminder); with `rearmedTimer`, then moved by each Update like a transition —
// on a worker without cache, a cold transition's shape (each Update replays the creation first).
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { condition, defineUpdate, proxyActivities, proxyLocalActivities, setHandler, upsertSearchAttributes } from '@temporalio/workflow';

export const touch = defineUpdate<number, []>('touch');

/** What the Update does besides answering (all false: the floor). */
export interface FloorShape {
  localActivity?: boolean;
  searchAttributes?: boolean;
  backgroundActivity?: boolean;
  /** A local activity started after the answer, in the same workflow task (the notice queued). */
  queuedLocalActivity?: boolean;
  /** On start: a local activity, then a timer armed while it waits (a creation's first workflow task). */
  created?: boolean;
  /**
   * A timer armed while it waits, cancelled and armed again by each Update: what the engine's
   * `runTimers` does when a status change moves the next reminder (workflows/process.ts).
   */
  rearmedTimer?: boolean;
  /**
   * The search attributes a transition upserts (status, StatusChangedAt, WaitingFor), on a workflow
   * started with an application's (bench/run.ts): what operators' filters cost Temporal per transition.
   */
  statusAttributes?: boolean;
}

const { noop: localNoop } = proxyLocalActivities<{ noop(): Promise<void> }>({ startToCloseTimeout: '10 seconds' });
const { noop: remoteNoop } = proxyActivities<{ noop(): Promise<void> }>({ startToCloseTimeout: '10 seconds' });
/** One of the platform's keyword attributes, registered on the bench's dev server. */
const WaitingFor = defineSearchAttributeKey('WaitingFor', SearchAttributeType.KEYWORD);
const ApplicationStatus = defineSearchAttributeKey('ApplicationStatus', SearchAttributeType.KEYWORD);
const StatusChangedAt = defineSearchAttributeKey('StatusChangedAt', SearchAttributeType.DATETIME);

export async function floorWorkflow(shape: FloorShape = {}): Promise<void> {
  let touched = 0;
  setHandler(touch, async () => {
    if (shape.localActivity) await localNoop();
    if (shape.statusAttributes)
      upsertSearchAttributes([
        { key: ApplicationStatus, value: touched % 2 ? 'PENDING_REFERENT' : 'PENDING_RECRUITER' },
        { key: StatusChangedAt, value: new Date() },
        { key: WaitingFor, value: touched % 2 ? 'REFERENT' : 'RECRUITER' },
      ]);
    else if (shape.searchAttributes) upsertSearchAttributes([{ key: WaitingFor, value: touched % 2 ? 'REFERENT' : 'RECRUITER' }]);
    // Not awaited: the answer goes first, as a notice's does; the bench terminates the workflow.
    if (shape.backgroundActivity) void remoteNoop().catch(() => undefined);
    if (shape.queuedLocalActivity) void localNoop().catch(() => undefined);
    return ++touched;
  });
  // Kept open like an application waiting for its next action (a creation: with its reminder's timer
  // armed); the bench terminates it. Created and rearmedTimer together: a case created, then moved by
  // each Update (the cold transition's shape: its history is a creation's when it is replayed).
  if (shape.created) await localNoop();
  if (shape.rearmedTimer) {
    for (;;) {
      const seen = touched;
      await condition(() => touched !== seen, '3 days');
    }
  } else if (shape.created) await condition(() => false, '3 days');
  else await condition(() => false);
}
