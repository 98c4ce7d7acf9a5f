// Sending an action to a process workflow as an Update, and turning its refusal into the API's
// error contract (403 / 409 with state and allowed actions / 400). Shared by every process's routes.
import {
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  isGrpcServiceError,
  type Client,
} from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import type { Refusal } from '../workflows/process.js';
import { HttpError } from './errors.js';

export function refusalError(error: unknown): HttpError | null {
  const cause = error instanceof WorkflowUpdateFailedError ? error.cause : null;
  if (!(cause instanceof ApplicationFailure)) return null;
  const refusal = cause.details?.[0] as Refusal | undefined;
  const code = (['FORBIDDEN', 'ILLEGAL_TRANSITION', 'VALIDATION_FAILED'] as const).find((c) => c === cause.type) ?? 'ILLEGAL_TRANSITION';
  return new HttpError(code, cause.message, refusal ? { status: refusal.status, allowedActions: refusal.allowedActions } : undefined);
}

export function isWorkflowClosed(error: unknown): boolean {
  if (error instanceof WorkflowNotFoundError) return true;
  return isGrpcServiceError(error) && /already completed|not found/i.test(error.details ?? error.message);
}

/**
 * Runs the Update; a refusal becomes its HttpError, a closed workflow becomes `closed()` (the caller
 * words the 409 from the entity's final state).
 */
export async function executeTransition<Ret, Args extends [unknown, ...unknown[]]>(
  temporal: Client,
  workflowId: string,
  update: UpdateDefinition<Ret, Args>,
  args: Args,
  closed: () => Promise<HttpError>,
): Promise<Ret> {
  try {
    return await temporal.workflow.getHandle(workflowId).executeUpdate(update, { args });
  } catch (error) {
    const refusal = refusalError(error);
    if (refusal) throw refusal;
    if (isWorkflowClosed(error)) throw await closed();
    throw error;
  }
}
