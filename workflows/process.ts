// What every process workflow shares: one writer at a time, refusals the API can map to its error
// contract, and the numbering of history events.
import { ApplicationFailure, condition, log, type ActivityOptions } from '@temporalio/workflow';

/** Why an action may not run: 403 (who), 409 (state), 400 (fields); the API maps codes to statuses. */
export interface Refusal<Status extends string = string, Action extends string = string> {
  code: 'FORBIDDEN' | 'ILLEGAL_TRANSITION' | 'VALIDATION_FAILED';
  message: string;
  status: Status;
  allowedActions: Action[];
}

/** Throw from an Update validator or handler: rejects the update (never fails the workflow task). */
export function refusalFailure(refusal: Refusal): ApplicationFailure {
  return ApplicationFailure.create({ type: refusal.code, message: refusal.message, nonRetryable: true, details: [refusal] });
}

/**
 * Serialises handlers: each waits for the previous one, then re-checks the rules against the state
 * as it now is. Starts held, so nothing runs before the process's first write; call `release()`.
 */
export function createLock() {
  let busy = true;
  return {
    release() {
      busy = false;
    },
    async exclusive<T>(fn: () => Promise<T>): Promise<T> {
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
 * A worker that dies (kill -9, lost machine) says nothing: its running activities would wait for their
 * start-to-close timeout before another worker retries them. Every activity heartbeats while it runs
 * (scripts/services/worker.ts), so a silent one is retried after this instead (measured by
 * `npm run chaos`: transitions held up to 55 s by a killed worker without it).
 */
const DEAD_WORKER_DETECTION = '10 seconds';

/** Projection writes: quick, retried until the database answers. */
export const projectionActivity: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  heartbeatTimeout: DEAD_WORKER_DETECTION,
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
};

/** Telling people never gives up: a broken SMTP relay delays mails, it does not lose them. */
export const noticeActivity: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: DEAD_WORKER_DETECTION,
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
};

/**
 * Notices go out in the background, so a transition answers without waiting for SMTP; the workflow
 * ends only once `allTold()`.
 */
export function createNotifier<N extends { seq: number }>(send: (notice: N) => Promise<void>) {
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
