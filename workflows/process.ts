// What every process workflow shares: one writer at a time, refusals the API can map to its error
// contract, and the numbering of history events.
import { ApplicationFailure, condition } from '@temporalio/workflow';

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
