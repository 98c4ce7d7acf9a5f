// The transition engine every process workflow runs on: handlers that take turns under a FIFO mutex
// and re-check the rules there, one write of each event to PostgreSQL before the state moves, the
// status search attributes kept current, people told in the background, timers as a hook. Each
// workflow keeps only what is its own (interview rounds, an offer's expiry, reminders).
import { Mutex } from 'async-mutex';
import {
  ApplicationFailure,
  allHandlersFinished,
  ActivityFailure,
  condition,
  currentUpdateInfo,
  defineQuery,
  defineUpdate,
  log,
  proxyActivities,
  workflowInfo,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  type ActivityInterfaceFor,
  type ActivityOptions,
  type LocalActivityInterfaceFor,
  type LocalActivityOptions,
  type QueryDefinition,
} from '@temporalio/workflow';
import type { RetryPolicy, SearchAttributePair, UpdateDefinition } from '@temporalio/common';
import type { createNoticeQueueActivities } from '../activities/notice-queue.js';
import type { WrittenBy } from '../activities/process-events.js';
import type { Patches } from './patches.js';
import { CHANGE_FOLLOW_UP, type ChangeFollowUpFields, type FollowUp } from './follow-up.js';
import type { NoticeActivity, NoticeWithEvent } from './notice-queue.js';
import type { Refusal, RequestBase } from './process-rules.js';
import { ReferentId, StatusChangedAt, WaitingFor, statusPair, type StatusKey, type WaitingFor as Waiting } from './search-attributes.js';

export type { Refusal } from './process-rules.js';

/** What every process's snapshot says (the `snapshot` query, and the Update's result). */
export interface ProcessSnapshot {
  status: string | null;
  statusChangedAt: string | null;
  /** Number of history events written so far. */
  events: number;
}

/** Every process moves through one Update and answers one query, by these names. */
export const transitionUpdate = defineUpdate<ProcessSnapshot, [RequestBase<string>]>('transition');
export const snapshotQuery = defineQuery<ProcessSnapshot>('snapshot');

/** Throw from an Update validator or handler: rejects the update (never fails the workflow task). */
export function refusalFailure(refusal: Refusal): ApplicationFailure {
  return ApplicationFailure.create({ type: refusal.code, message: refusal.message, nonRetryable: true, details: [refusal] });
}

/**
 * A worker that dies (kill -9, lost machine) says nothing: its running activities would wait for their
 * start-to-close timeout before another worker retries them. Every activity heartbeats while it runs
 * (scripts/services/worker.ts), so a silent one is retried after this instead (measured by
 * `npm run chaos`: transitions held up to 55 s by a killed worker without it).
 */
const DEAD_WORKER_DETECTION = '10 seconds';

/**
 * Projection writes: retried while the database is away (about a minute, longer than the outages
 * `npm run chaos` makes), never on a broken constraint or a missing row — a bug to show, not to
 * retry (activities/process-events.ts raises PROJECTION_CONFLICT). When the retries are spent, the
 * workflow task fails (visible in the Temporal UI) and is retried by the server with its backoff,
 * without growing the history.
 */
const projectionRetry: RetryPolicy = {
  initialInterval: '500 milliseconds',
  backoffCoefficient: 2,
  maximumInterval: '10 seconds',
  maximumAttempts: 10,
  nonRetryableErrorTypes: ['PROJECTION_CONFLICT', 'NOT_FOUND'],
};
export const projectionActivity: ActivityOptions = { startToCloseTimeout: '30 seconds', heartbeatTimeout: DEAD_WORKER_DETECTION, retry: projectionRetry };
export const localProjectionActivity: LocalActivityOptions = { startToCloseTimeout: '30 seconds', retry: projectionRetry };

/**
 * A process's projection activities, chosen once at the workflow's start: local ones, inside the workflow
 * task of the Update (no round trip through the server: one workflow task per transition instead of two
 * plus an activity task), or, in workflows started before 'projection-local-activities', the remote ones
 * their histories hold. Sound because every projection write is idempotent (the event of (entity, seq)
 * is written once), and each recorder returns the event it wrote: a local activity's marker keeps its
 * result, not its input, and `npm run reconcile` rewrites a lost event from it.
 */
export function projectionActivities<A extends object>(patches: Patches): ActivityInterfaceFor<A> | LocalActivityInterfaceFor<A> {
  return patches.has('projection-local-activities') ? proxyLocalActivities<A>(localProjectionActivity) : proxyActivities<A>(projectionActivity);
}

/** Telling people never gives up: a broken SMTP relay delays mails, it does not lose them. */
export const noticeActivity: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: DEAD_WORKER_DETECTION,
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
};

const { queueNotice } = proxyLocalActivities<ReturnType<typeof createNoticeQueueActivities>>({ startToCloseTimeout: '30 seconds', retry: noticeActivity.retry });

/** How the engine tells an event of its process: see noticeSender. */
export interface NoticeChannel<N> {
  /** Tells it after its event was written (workflows started before 'notice-with-event'). */
  send(notice: N, patches: Patches): Promise<void>;
  /** The row its event's write queues with it. */
  withEvent(notice: N): NoticeWithEvent;
}

/**
 * How a process tells an event, for the notice queue's drainer (workflows/notice-queue.ts), which runs
 * `activity` on it: queued by the event's own write (`withEvent`); or, in workflows started before
 * 'notice-with-event', queued by a local activity after the write; or, before 'notice-queue', told by
 * that notice activity itself (their histories replay as they ran). `complete` adds the workflow's ids.
 */
export function noticeSender<N extends { workflowId: string; seq: number }>(activity: NoticeActivity, remote: (notice: N) => Promise<void>) {
  return <P>(complete: (notice: P) => N): NoticeChannel<P> => ({
    send: (notice, patches) => (patches.has('notice-queue') ? queueNotice({ activity, notice: complete(notice) }) : remote(complete(notice))),
    withEvent: (notice) => ({ taskQueue: workflowInfo().taskQueue, activity, notice: complete(notice) }),
  });
}

/**
 * Patches the engine may meet first after a local activity (a notice after the first write, an adoption
 * after a failed one), decided in the workflow's first activation instead (see decidePatchesAtStart).
 */
const ENGINE_LATE_PATCHES = ['notice-queue', 'adopt-held'];

/**
 * A workflow task that answers a query while a local activity's result waits for the workflow is
 * completed with that activity's marker and a new task forced (sdk-core, managed_run.rs
 * `prepare_complete_resp`): what follows the result is recorded in the next task. A replay resolves the
 * activity in the first task, before it learns the next task's patch markers, so a `patched()` met
 * there for the first time is false, the code takes the old path, and the history no longer replays
 * ("Non-deprecated patch marker encountered … no corresponding change command"): the workflow is stuck
 * once out of the worker's cache (measured: 8 of 40 applications queried as they started). So every
 * patch that can be met after a local activity is decided here, in the first activation, before any.
 * Patched itself: workflows started before decide each where they always did.
 */
function decidePatchesAtStart(patches: Patches, ids: readonly string[]): boolean {
  if (!patches.has('patches-at-start')) return false;
  for (const id of ids) patches.has(id);
  return true;
}

interface Lock {
  runExclusive<T>(fn: () => Promise<T>): Promise<T>;
  /** Lets the first handler in: the lock starts held, so nothing runs before the process's first write. */
  release(): void;
}

/**
 * Handlers take turns, first come first served: async-mutex wakes one waiter per release (the
 * Temporal `safe-message-handlers` sample uses it; it is deterministic in the workflow sandbox).
 */
function fifoLock(): Lock {
  const mutex = new Mutex();
  const held = mutex.acquire(); // taken synchronously: no handler gets in before `release()`
  return { runExclusive: (fn) => mutex.runExclusive(fn), release: () => void held.then((releaseHeld) => releaseHeld()) };
}

/**
 * The lock of workflows started before 'fifo-handler-lock': `condition(() => !busy)` wakes every
 * waiter in the same activation, so handlers that arrived together ran together. Kept only so those
 * histories replay as they ran; remove with deprecatePatch once none runs.
 */
function conditionLock(): Lock {
  let busy = true;
  return {
    release() {
      busy = false;
    },
    async runExclusive<T>(fn: () => Promise<T>): Promise<T> {
      await condition(() => !busy);
      busy = true;
      try {
        return await fn();
      } finally {
        busy = false;
      }
    },
  };
}

/**
 * Notices go out in the background, so a transition answers without waiting for SMTP; the workflow
 * ends only once `allTold()`.
 */
function createNotifier<N extends { seq: number }>(send: (notice: N) => Promise<void>) {
  let pending = 0;
  return {
    notify(notice: N): void {
      pending++;
      send(notice)
        .catch((error: unknown) => log.error('notification failed for good', { error, seq: notice.seq }))
        .finally(() => pending--);
    },
    allTold: () => pending === 0,
  };
}

/** The part of a process definition (processes.ts) and of its rules the engine runs. */
export interface EngineProcess<Status extends string, Request extends RequestBase<string>, Parties, Context> {
  rules: {
    isFinal(status: Status): boolean;
    refusalOf(request: Request, status: Status, parties: Parties, now: number, context?: Context): Refusal<Status> | null;
    allowedActions(status: Status, actor: Request['actor'], parties: Parties, context?: Context, now?: number): string[];
  };
  waitingFor: Record<Status, Waiting>;
  /** A keyword attribute (a keyword list of one for ContactRequestStatus). */
  statusAttribute: StatusKey;
}

export interface EngineOptions<Status extends string, Request extends RequestBase<string>, Parties, Context, Notice extends { seq: number }> {
  process: EngineProcess<Status, Request, Parties, Context>;
  parties: Parties;
  status: Status;
  statusChangedAt: Date;
  /** The ids an operator filters on (processes.ts `idAttributes`), set once the process started. */
  idAttributes: SearchAttributePair[];
  /** False when the state is known only after the first activity (an offer adopted in its status). */
  stateKnown?: boolean;
  /** What the rules need beyond the status (an application's current interview). */
  context?: () => Context;
  notices: NoticeChannel<Notice>;
  /** The workflow's patches, taken first thing in its function (workflows/patches.ts). */
  patches: Patches;
  /** The process's own patches that may be met after a local activity (see decidePatchesAtStart). */
  latePatches?: readonly string[];
}

/** One event as the engine writes it: the process's own activity gets its number and time. */
export interface EventSlot<Status extends string> {
  seq: number;
  from: Status;
  to: Status;
  at: Date;
  /**
   * What the process's activity writes with the event: the Update writing it (none for a timer), the
   * other Updates waiting for their turn, that Update's request (see Held), and the event's notice
   * (patched 'notice-with-event').
   */
  writtenBy: Required<WrittenBy>;
}

/**
 * The event's place holds the event of another Update of this workflow, still waiting to run: the
 * workflow task that ran it after its local projection write was lost, and the retried task brought
 * the two back in the other order. That Update goes first; this one waits for it and checks again.
 */
class PlaceTaken extends Error {
  constructor(readonly updateId: string) {
    super(`place taken by ${updateId}`);
  }
}

/** A projection write's failure of `type` (a local activity's comes as is, a remote one's as the cause), or null. */
const writeFailure = (error: unknown, type: string): ApplicationFailure | null => {
  const failure = error instanceof ActivityFailure ? error.cause : error;
  return failure instanceof ApplicationFailure && failure.type === type ? failure : null;
};

/** The Update named by a PLACE_TAKEN failure. */
const placeTakenBy = (error: unknown): string | null => {
  const failure = writeFailure(error, 'PLACE_TAKEN');
  return failure ? String(failure.details?.[0] ?? '') || null : null;
};

/**
 * The event's place holds another action of an Update this workflow has not received: the workflow task
 * that ran it was lost after its local write, and Temporal dropped the Update (or has it still to bring
 * back). The event is in the database, people may have been told: the workflow runs that Update's
 * request itself (« adopted »), answers that Update with it if it ever comes, and checks this one again.
 */
class Held extends Error {
  constructor(
    readonly updateId: string,
    readonly request: unknown,
    readonly at: string,
    /** The Update whose write found this action its own, run again: it answers with the held one's outcome. */
    readonly runAgainBy: string | null,
    /** The place (seq) its event holds, where the write that met it was going. */
    readonly seq: number,
  ) {
    super(`place held by ${updateId}`);
  }
}

/** The request written with an event, with what its action decided (engine's `keep`) under `kept`. */
const withKept = (request: unknown, kept: Record<string, unknown> | undefined) => (kept && request ? { ...(request as object), kept } : request);

/** A request written with its event, and what its action had decided (`withKept`); none before 'keep'. */
function keptOf<Request>(written: unknown): { request: Request; kept?: Record<string, unknown> } {
  const { kept, ...request } = written as Record<string, unknown> & { kept?: Record<string, unknown> };
  return { request: request as Request, kept };
}

/** The Update, its request and time named by a PLACE_HELD failure (activities/process-events.ts). */
const heldBy = (error: unknown, seq: number): Held | null => {
  const failure = writeFailure(error, 'PLACE_HELD');
  if (!failure) return null;
  const [updateId, request, at, runAgainBy] = (failure.details ?? []) as [string, unknown, string, string | undefined];
  return new Held(String(updateId), request ?? null, String(at), runAgainBy ?? null, seq);
};

/** The reason a write refused its action for (REFUSED_BY_WRITE, activities/process-events.ts), or null. */
const refusedBy = (error: unknown): string | null => {
  const failure = writeFailure(error, 'REFUSED_BY_WRITE');
  return failure ? String((failure.details ?? [])[0] ?? failure.message) : null;
};

/** A timer the process wants now: `key` tells, under the lock, whether it is still the one due. */
export interface DueTimer {
  key: string;
  at: number;
  fire(): Promise<void>;
}

export function createProcessEngine<Status extends string, Request extends RequestBase<string>, Parties, Context, Notice extends { seq: number }>(
  options: EngineOptions<Status, Request, Parties, Context, Notice>,
) {
  const { process, parties } = options;
  const state = { status: options.status, statusChangedAt: options.statusChangedAt, events: 0, known: options.stateKnown ?? true };
  // Patched: histories recorded before keep the lock they ran with (see conditionLock).
  const { patches } = options;
  const lock = patches.has('fifo-handler-lock') ? fifoLock() : conditionLock();
  // Each event's notice queued by its own write (one local activity and one statement less per event,
  // issue #20). Decided at the start with the late patches, and only in workflows that decide those
  // there: elsewhere its first call could come after a local activity (see decidePatchesAtStart).
  const noticeWithEvent = decidePatchesAtStart(patches, [...ENGINE_LATE_PATCHES, ...(options.latePatches ?? [])]) && patches.has('notice-with-event');
  const { notify, allTold } = createNotifier((notice: Notice) => options.notices.send(notice, patches));
  /** Updates admitted and not finished, each with the promise of its end (see PlaceTaken). */
  const turns = new Map<string, Promise<void>>();
  /**
   * The Update whose turn it is, under the lock, and its request: what `record` writes with the event;
   * `kept`, what the action decided (see `keep`); `adopted`, what its lost task had decided, when run
   * again here (see Held).
   */
  let acting: { updateId: string | null; request: unknown; kept?: Record<string, unknown>; adopted?: Record<string, unknown> } | null = null;
  /** Updates run here from their event's request (see Held), with what they answer if they come. */
  const adopted = new Map<string, unknown>();
  /** Runs a held Update's request (set by onTransition, which knows how to apply one). */
  let adopt: ((held: Held) => Promise<void>) | null = null;

  const pushSearchAttributes = () =>
    upsertSearchAttributes([
      statusPair(process.statusAttribute, state.status),
      { key: StatusChangedAt, value: state.statusChangedAt },
      { key: WaitingFor, value: process.waitingFor[state.status] },
    ]);

  /**
   * The Update being run, refused from the present state with `message`: a rule its process judges
   * from what it read (an offer's chosen end date), by its own read or by its write (REFUSED_BY_WRITE).
   */
  const refusedNow = (message: string): ApplicationFailure => {
    const { actor } = acting!.request as Request;
    return refusalFailure({ code: 'ILLEGAL_TRANSITION', message, status: state.status, allowedActions: process.rules.allowedActions(state.status, actor, parties, options.context?.()) });
  };

  const refuseIfIllegal = (request: Request) => {
    const refusal = process.rules.refusalOf(request, state.status, parties, Date.now(), options.context?.());
    if (refusal) throw refusalFailure(refusal);
  };

  /**
   * Writes one event with the process's projection activity, then moves the state: the workflow's
   * state never runs ahead of the database. A write that cannot be done fails the workflow task
   * (a plain Error), so nothing moves and the operator sees why. Then, in the same step (no await
   * between them, as the histories recorded before this engine expect): the process's own changes
   * (`moved`), the search attributes, and the notice. The notice is built from the slot and what the
   * caller computed, never from what `moved` sets: it is built before the write, which queues it.
   */
  async function record(
    event: { type: string; to: Status; at?: Date; searchAttributes?: boolean },
    write: (slot: EventSlot<Status>) => Promise<unknown>,
    then: { moved?: () => void; notice?: (slot: EventSlot<Status>) => Notice } = {},
  ): Promise<EventSlot<Status>> {
    const updateId = acting ? acting.updateId : (currentUpdateInfo()?.id ?? null);
    const waitingUpdates = [...turns.keys()].filter((id) => id !== updateId);
    const slot: EventSlot<Status> = {
      seq: state.events,
      from: state.status,
      to: event.to,
      at: event.at ?? new Date(),
      writtenBy: { updateId, waitingUpdates, request: acting ? withKept(acting.request, acting.kept) : null, notice: null },
    };
    if (noticeWithEvent && then.notice) slot.writtenBy.notice = options.notices.withEvent(then.notice(slot));
    try {
      await write(slot);
    } catch (error) {
      const first = placeTakenBy(error);
      if (first && turns.has(first)) throw new PlaceTaken(first);
      const held = heldBy(error, slot.seq);
      if (held && patches.has('adopt-held')) {
        // (Not the held action itself, run here already from what it wrote: that would start it again.)
        if (held.request && adopt && !(acting?.adopted && held.updateId === updateId)) throw held;
        // An event older than its request's column: this Update is refused for now (the API says
        // « réessayez »), the task completes, and the held Update can come again; a timer waits for it.
        if (updateId) throw ApplicationFailure.create({ type: 'PLACE_HELD', message: 'Une autre action sur ce dossier attend d’être confirmée : réessayez dans un instant.', nonRetryable: true });
        if (!acting) throw held;
      }
      // A rule only the database can judge (an offer's chosen end date): the Update is refused, nothing
      // was written, nothing moves. Only an Update's own write may say so.
      const refused = refusedBy(error);
      if (refused !== null && acting) throw refusedNow(refused);
      log.error('projection write failed; the workflow task fails until it succeeds', { error, type: event.type, seq: slot.seq });
      throw new Error(`Écriture de l’événement ${slot.seq} (${event.type}) impossible : ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}`);
    }
    state.events = slot.seq + 1;
    if (event.to !== slot.from) {
      state.status = event.to;
      state.statusChangedAt = slot.at;
    }
    then.moved?.();
    if (event.searchAttributes ?? true) pushSearchAttributes();
    if (then.notice && !noticeWithEvent) notify(then.notice(slot));
    return slot;
  }

  return {
    state,
    record,
    lock,

    /**
     * `change_follow_up` (workflows/follow-up.ts): an admin moved the candidate to another référent, or
     * the référent to another mission officer. The case is handed over, status unchanged: the parties
     * (who may act), the row the process's `write` updates with the event (who sees it), ReferentId and
     * whom the reminders reach follow from now on; the new référent and the candidate are told
     * (`notice`) when the référent changes.
     */
    async changeFollowUp(
      request: RequestBase<string> & ChangeFollowUpFields,
      at: Date,
      write: (slot: EventSlot<Status>, change: { followUp: FollowUp; message: string | null }) => Promise<unknown>,
      notice: (slot: EventSlot<Status>, message: string | null) => Notice,
    ) {
      const followUp = { ...request.followUp! };
      const message = request.message?.trim() || null;
      const newReferent = followUp.referentId !== (parties as FollowUp).referentId;
      await record({ type: CHANGE_FOLLOW_UP, to: state.status, at, searchAttributes: false }, (slot) => write(slot, { followUp, message }), {
        moved: () => {
          Object.assign(parties as FollowUp, followUp);
          upsertSearchAttributes([{ key: ReferentId, value: followUp.referentId }]);
        },
        notice: newReferent ? (slot) => notice(slot, message) : undefined,
      });
    },

    /**
     * What this action decided that is not in its request (an interview's id, its video room): kept with
     * the request written with its event, so that an action whose task was lost is run again as it ran
     * (Held), not decided anew — the database and the people told have the first decision.
     */
    keep(decided: Record<string, unknown>) {
      if (acting) acting.kept = { ...acting.kept, ...decided };
    },

    refusedNow,

    /** What the lost task of the action being run again here had decided (`keep`), or null. */
    adopted: <T extends Record<string, unknown>>(): Partial<T> | null => (acting?.adopted as Partial<T> | undefined) ?? null,

    /**
     * Every action is the `transition` Update: the validator refuses what the rules forbid, the handler
     * waits its turn and checks again (another action may have moved the state meanwhile), then `apply`
     * records and moves. `guard` refuses before the rules (an offer whose row is gone).
     */
    onTransition<Snapshot extends ProcessSnapshot>(snapshot: () => Snapshot, apply: (request: Request, at: Date) => Promise<void>, guard?: () => void) {
      setHandler(snapshotQuery as QueryDefinition<Snapshot>, snapshot);
      /** Runs `request` as the Update `updateId`: what `record` writes with its event. Under the lock. */
      const applyAs = async (updateId: string | null, request: Request, at: Date, adopted?: Record<string, unknown>) => {
        acting = { updateId, request, adopted };
        try {
          await apply(request, at);
        } finally {
          acting = null;
        }
      };
      const turn = (request: Request) =>
        lock.runExclusive(async () => {
          // Run here from its request while it waited for its turn (admitted during that run's slow write):
          // it is that run, and answers with it. Only its answer changes, no command: replays as recorded.
          const updateId = currentUpdateInfo()?.id;
          if (updateId && adopted.has(updateId)) return adopted.get(updateId) as Snapshot;
          guard?.();
          refuseIfIllegal(request);
          await applyAs(updateId ?? null, request, new Date()); // the action's time: when its turn came, before any activity it needs
          return snapshot();
        });
      adopt = (held) =>
        lock.runExclusive(async () => {
          // Run already: here from its request, or by its own Update, admitted after the write that met
          // its event had counted who waited, and let in first when that write gave the lock back.
          if (adopted.has(held.updateId) || state.events > held.seq) return;
          const { request, kept } = keptOf<Request>(held.request);
          // Judged at its own time, as its lost task judged it from this very state: a rule of time that
          // moved on since (an interview proposed to start before this task ran) does not undo an event
          // the database has. A refusal then is a bug to show: the task fails.
          const refusal = process.rules.refusalOf(request, state.status, parties, Date.parse(held.at), options.context?.());
          if (refusal) throw new Error(`L’action ${held.updateId} (${request.action}), écrite par une tâche perdue, ne peut plus être reprise : ${refusal.message}`);
          log.warn('an action written by a lost workflow task, whose Update never came back, is run again here', { updateId: held.updateId, action: request.action });
          await applyAs(held.updateId, request, new Date(held.at), kept);
          adopted.set(held.updateId, snapshot());
        });
      setHandler(
        transitionUpdate as unknown as UpdateDefinition<Snapshot, [Request]>,
        async (request) => {
          const updateId = currentUpdateInfo()?.id;
          if (updateId && adopted.has(updateId)) return adopted.get(updateId) as Snapshot; // run here already (Held)
          let ended = () => {};
          if (updateId) turns.set(updateId, new Promise<void>((resolve) => (ended = resolve)));
          try {
            for (;;) {
              try {
                return await turn(request);
              } catch (error) {
                if (error instanceof Held) {
                  await adopt!(error);
                  // This Update was that action run again: its answer is what the written one did.
                  if (updateId && error.runAgainBy === updateId) return adopted.get(error.updateId) as Snapshot;
                  continue;
                }
                if (!(error instanceof PlaceTaken)) throw error;
                log.warn('an action waiting to run again holds this one\'s place: it goes first', { first: error.updateId });
                await turns.get(error.updateId);
              }
            }
          } finally {
            if (updateId) turns.delete(updateId);
            ended();
          }
        },
        {
          validator: (request) => {
            const updateId = currentUpdateInfo()?.id;
            if (state.known && !(updateId && adopted.has(updateId))) refuseIfIllegal(request);
          },
        },
      );
    },

    /** The first event's notice, for the process's creation write to queue (null: `started` tells it). */
    createdNotice: (notice: Notice): NoticeWithEvent | null => (noticeWithEvent ? options.notices.withEvent(notice) : null),

    /**
     * The first write is done: operators can find the case, the first event is told (unless the write
     * queued it: `createdNotice`), then handlers may run (in this order, so that no handler's commands
     * come before these).
     */
    started(written: { events: number; status?: Status; statusChangedAt?: Date }, notice?: Notice) {
      state.events = written.events;
      if (written.status) state.status = written.status;
      if (written.statusChangedAt) state.statusChangedAt = written.statusChangedAt;
      state.known = true;
      upsertSearchAttributes(options.idAttributes);
      pushSearchAttributes();
      if (notice && !noticeWithEvent) notify(notice);
      lock.release();
    },

    /**
     * Runs the process's timers until a final status: waits for the next one due (`next()`) or for any
     * event, and fires it under the lock if it is still the one due then (a transition may have got
     * there first).
     */
    async runTimers(next: () => DueTimer | null) {
      const over = () => process.rules.isFinal(state.status);
      while (!over()) {
        const timer = next();
        const seen = state.events;
        const changed = () => state.events !== seen || over();
        const moved = timer ? await condition(changed, Math.max(timer.at - Date.now(), 1)) : (await condition(changed), true);
        if (moved || !timer) continue;
        try {
          await lock.runExclusive(async () => {
            if (next()?.key === timer.key) await timer.fire();
          });
        } catch (error) {
          // The timer's event meets an action written by a lost task: that action first, then the timer
          // again — run here from its request (Held), or, without one (an event older than migration
          // 0041), when its Update comes again; written by an Update waiting for its turn (PlaceTaken),
          // once that one has run.
          if (error instanceof Held && error.request && adopt) await adopt(error);
          else if (error instanceof Held) await condition(() => state.events !== seen || over());
          else if (error instanceof PlaceTaken && turns.has(error.updateId)) await turns.get(error.updateId);
          else throw error;
        }
      }
    },

    /** The workflow ends once every handler finished and everyone was told. */
    finished: () => condition(() => allTold() && allHandlersFinished()),

  };
}
