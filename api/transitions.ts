// Starting a process workflow and sending it an action as an Update, and turning its refusal into the
// API's error contract (403 / 409 with state and allowed actions / 400). Shared by every process's
// routes, the back office and the tools, through the process registry (workflows/processes.ts).
import { randomUUID } from 'node:crypto';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  isGrpcServiceError,
  type Client,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { QueryTypes, type Sequelize } from 'sequelize';
import { transitionUpdate, type ProcessSnapshot, type Refusal } from '../workflows/process.js';
import type { RequestBase } from '../workflows/process-rules.js';
import { PROCESSES, initialSearchAttributes, parseWorkflowId, workflowIdOf, type InputOf, type ProcessName } from '../workflows/processes.js';
import { HttpError } from './errors.js';

/**
 * Starts the workflow of one entity, with the search attributes of its first state (`seen`: the
 * status the caller read, for a process adopting an existing row). A start repeated with the same id
 * (a retried request, two processes adopting the same offer) is not an error.
 */
export async function startProcess<Name extends ProcessName>(temporal: Client, taskQueue: string, name: Name, input: InputOf<Name>, seen?: string): Promise<void> {
  const process = PROCESSES[name];
  const entityId = (process.entityIdOf as (input: InputOf<Name>) => string)(input);
  const createdAt = (input as { createdAt?: string }).createdAt;
  try {
    await temporal.workflow.start(process.workflowType, {
      workflowId: workflowIdOf(name, entityId),
      taskQueue,
      args: [input],
      typedSearchAttributes: initialSearchAttributes(name, input, seen, createdAt ? new Date(createdAt) : new Date()),
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

/**
 * Failures the server gives an Update it dropped without an answer of the workflow: the workflow task
 * that had it was lost ("UnprocessedUpdate"), or the workflow ended meanwhile. Not a refusal: its write
 * may be in the database already, and the same request sent again finds its outcome (sendAgainIfWritten).
 */
const DROPPED_BY_SERVER = ['UnprocessedUpdate', 'AcceptedUpdateCompletedWorkflow'];

export function refusalError(error: unknown): HttpError | null {
  const cause = error instanceof WorkflowUpdateFailedError ? error.cause : null;
  if (!(cause instanceof ApplicationFailure)) return null;
  if (cause.type && DROPPED_BY_SERVER.includes(cause.type)) {
    return new HttpError('SERVICE_UNAVAILABLE', 'L’action n’a pas pu être confirmée : réessayez dans un instant.');
  }
  // The workflow waits for another action whose event is written (workflows/process.ts, PLACE_HELD).
  if (cause.type === 'PLACE_HELD') return new HttpError('SERVICE_UNAVAILABLE', cause.message);
  const refusal = cause.details?.[0] as Refusal | undefined;
  const code = (['FORBIDDEN', 'ILLEGAL_TRANSITION', 'VALIDATION_FAILED'] as const).find((c) => c === cause.type) ?? 'ILLEGAL_TRANSITION';
  // A refusal about fields (a blank required message, an interview in the past) names them for the form too.
  return new HttpError(
    code,
    cause.message,
    refusal ? { status: refusal.status, allowedActions: refusal.allowedActions, ...(refusal.fields?.length ? { fields: refusal.fields } : {}) } : undefined,
  );
}

export function isWorkflowClosed(error: unknown): boolean {
  if (error instanceof WorkflowNotFoundError) return true;
  return isGrpcServiceError(error) && /already completed|not found/i.test(error.details ?? error.message);
}

/**
 * Runs the `transition` Update; a refusal becomes its HttpError, a closed workflow becomes `closed()`
 * (the caller words the 409 from the entity's final state). `updateId`: Temporal answers a repeated
 * id with the first outcome (Idempotency-Key).
 */
export async function executeTransition(
  temporal: Client,
  workflowId: string,
  request: RequestBase<string> & Record<string, unknown>,
  closed: () => Promise<HttpError>,
  updateId?: string,
  sequelize?: Sequelize,
): Promise<ProcessSnapshot | null> {
  // Always an id of ours (Temporal makes one otherwise): a workflow that ended first can still be asked.
  const id = updateId ?? `transition-${randomUUID()}`;
  try {
    return await temporal.withDeadline(Date.now() + TRANSITION_DEADLINE_MS, () =>
      temporal.workflow.getHandle(workflowId).executeUpdate(transitionUpdate, { args: [request], updateId: id }),
    );
  } catch (error) {
    const refusal = refusalError(error);
    if (refusal) throw refusal;
    if (isWorkflowClosed(error)) {
      // Ended before this Update had its answer: with its action done (its event written by its lost
      // task, then run by the workflow from the request kept with it: workflows/process.ts, Held), or not.
      if (sequelize && (await wroteEvent(sequelize, workflowId, id))) return null;
      throw await closed();
    }
    if (isStalled(error)) {
      // No worker took it in time, or the workflow cannot write its projection (its task fails, visible
      // in the Temporal UI): the person is told to try again, never left waiting.
      throw new HttpError('SERVICE_UNAVAILABLE', 'L’action n’a pas pu être enregistrée à temps : réessayez dans un instant.', { workflowId });
    }
    throw error;
  }
}

/**
 * How long a person waits for a transition: more than a worker's restart or a database outage the
 * workflow rides out (a minute of projection retries is spread over workflow tasks), far less than forever.
 */
export const TRANSITION_DEADLINE_MS = 30_000;
/** gRPC's status codes the client reports, directly or as the cause of a ServiceError. */
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_FAILED_PRECONDITION = 9;

/** The Update got no answer in time, or the server refused it while the workflow task keeps failing. */
function isStalled(error: unknown): boolean {
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  const grpc = isGrpcServiceError(error) ? error : error instanceof Error && isGrpcServiceError(error.cause) ? error.cause : null;
  if (!grpc) return false;
  return grpc.code === GRPC_DEADLINE_EXCEEDED || (grpc.code === GRPC_FAILED_PRECONDITION && /workflow task in failed state/i.test(grpc.details ?? grpc.message));
}

/**
 * A request retried after its answer was lost (`updateId`, from its Idempotency-Key), on an entity
 * whose row says it is closed: when the closing event is this request's own (the projection's events
 * keep the Update's id), its Update is sent again with that id. Temporal answers with the first
 * outcome if the workflow recorded it; if the workflow task that wrote the event was lost and its
 * Update dropped, the workflow runs it again and finds its event written — database and workflow
 * agree again. False when the event is not this request's (the caller answers 409).
 */
export async function sendAgainIfWritten(
  temporal: Client,
  sequelize: Sequelize,
  workflowId: string,
  request: RequestBase<string> & Record<string, unknown>,
  closed: () => Promise<HttpError>,
  updateId: string | undefined,
): Promise<boolean> {
  if (!updateId || !(await wroteEvent(sequelize, workflowId, updateId))) return false;
  await executeTransition(temporal, workflowId, request, closed, updateId, sequelize);
  return true;
}

/** Whether the Update `updateId` wrote an event of the entity of `workflowId` (the events keep its id). */
async function wroteEvent(sequelize: Sequelize, workflowId: string, updateId: string): Promise<boolean> {
  const parsed = parseWorkflowId(workflowId);
  if (!parsed) return false;
  const { events, key } = PROCESSES[parsed.process].projection;
  const [own] = await sequelize.query(`SELECT 1 FROM ${events} WHERE ${key} = :entityId AND update_id = :updateId LIMIT 1`, {
    type: QueryTypes.SELECT,
    replacements: { entityId: parsed.entityId, updateId },
  });
  return !!own;
}

/**
 * The outcome of an Update this request sent before (`updateId`, Idempotency-Key), for an entity
 * whose row is already final: the transition that closed it may be this request's own, retried after
 * its answer was lost. Null when no Update has this id (the entity was closed by someone else).
 */
export async function earlierTransition(temporal: Client, workflowId: string, updateId: string): Promise<ProcessSnapshot | null> {
  try {
    return await temporal.workflow.getHandle(workflowId).getUpdateHandle<ProcessSnapshot>(updateId).result();
  } catch (error) {
    const refusal = refusalError(error);
    if (refusal) throw refusal;
    if (isWorkflowClosed(error)) return null;
    throw error;
  }
}
