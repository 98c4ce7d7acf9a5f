// The projection shared by every process: the entity's new status (and the columns the transition
// sets) plus one numbered history event, in one transaction. The (entity, seq) pair is unique, so a
// retried activity finds its event already written and changes nothing twice; a seq that already
// holds *another* event, or any broken constraint, is a bug: PROJECTION_CONFLICT, never retried.
import { isDeepStrictEqual } from 'node:util';
import { ApplicationFailure } from '@temporalio/common';
import { DatabaseError, QueryTypes, ValidationError, type Sequelize, type Transaction } from 'sequelize';
import type { Actor } from '../workflows/actors.js';
import type { NoticeWithEvent } from '../workflows/notice-queue.js';
import { preparedQuery } from '../models/prepared.js';
import { PROCESSES, type ProcessName } from '../workflows/processes.js';

export type ProcessEntity = ProcessName;
const tablesOf = (entity: ProcessEntity) => PROCESSES[entity].projection;
/** What an action decided beyond its request, written with it (workflows/process.ts, `keep`); null if nothing. */
const keptIn = (request: unknown): unknown => (request && typeof request === 'object' && 'kept' in request ? ((request as { kept?: unknown }).kept ?? null) : null);

/** A write the database refuses for good (a constraint, a missing row): retrying cannot help. */
export function projectionConflict(message: string, cause?: unknown): ApplicationFailure {
  return ApplicationFailure.create({ type: 'PROJECTION_CONFLICT', message, nonRetryable: true, cause: cause instanceof Error ? cause : undefined });
}

/**
 * The action cannot be done, for a reason only the database knows (an offer's chosen end date, read
 * with its approval's write): nothing is written, and the workflow refuses the Update with `message`
 * (workflows/process.ts, `record`).
 */
export function writeRefusal(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: 'REFUSED_BY_WRITE', message, nonRetryable: true, details: [message] });
}

/**
 * Runs a projection write; a broken constraint or bad data (SQLSTATE classes 22 and 23) becomes a
 * PROJECTION_CONFLICT, anything else (the database away) stays retryable.
 */
export async function projectionWrite<T>(what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const code = error instanceof DatabaseError ? String((error.original as { code?: string } | undefined)?.code ?? '') : '';
    if (error instanceof ValidationError || code.startsWith('22') || code.startsWith('23')) {
      throw projectionConflict(`${what} : la base refuse l’écriture (${error instanceof Error ? error.message : String(error)})`, error);
    }
    throw error;
  }
}

/**
 * Which Update writes an event (none for timers), and the other Updates waiting for their turn in the
 * same workflow: the event of one of those at this event's place was written by a workflow task that was
 * lost, and that Update will run again (PLACE_TAKEN, workflows/process.ts).
 */
export interface WrittenBy {
  updateId?: string | null;
  waitingUpdates?: readonly string[];
  /**
   * The Update's request, kept with its event: a workflow that meets the event without having received
   * its Update (lost task, Update dropped by Temporal) runs it itself (PLACE_HELD, workflows/process.ts).
   */
  request?: unknown;
  /**
   * The event's notice, queued for the notice queue's drainer with the event itself (patched
   * 'notice-with-event', workflows/process.ts): written once with the event, never without it.
   */
  notice?: NoticeWithEvent | null;
}

export interface ProcessEventRecord extends WrittenBy {
  entity: ProcessEntity;
  entityId: string;
  seq: number;
  type: string;
  fromStatus: string | null;
  toStatus: string | null;
  actor: Actor | null;
  message: string | null;
  at: string;
  /** Columns of the entity set with this event (only those listed in PROCESS_TABLES). */
  changes?: Record<string, string | number | boolean | null>;
  data?: Record<string, unknown>;
}

/**
 * Inserts the event unless (entity, seq) exists; true when this call wrote it, false when the same
 * event (type, status, actor) was already there (a retry, or the same request sent again after its
 * workflow task was lost). The event of another Update still waiting in the workflow throws PLACE_TAKEN;
 * another action of an Update not waiting, PLACE_HELD; any other event at that seq PROJECTION_CONFLICT.
 */
export async function insertProcessEvent(sequelize: Sequelize, record: ProcessEventRecord, transaction?: Transaction): Promise<boolean> {
  const insert = eventInsert(record);
  const inserted = await sequelize.query(`${insert.sql} RETURNING id`, { transaction, type: QueryTypes.SELECT, replacements: insert.replacements });
  if (inserted.length > 0) return true;
  await checkEventAlreadyThere(sequelize, record, transaction);
  return false;
}

/** The event's INSERT, doing nothing when its (entity, seq) place is taken. */
function eventInsert(record: ProcessEventRecord) {
  const { events, key } = tablesOf(record.entity);
  return {
    sql: `INSERT INTO ${events} (${key}, seq, type, from_status, to_status, actor_id, actor_role, message, data, at, update_id, request)
     VALUES (:entityId, :seq, :type, :fromStatus, :toStatus, :actorId, :actorRole, :message, :data, :at, :updateId, CAST(:request AS jsonb))
     ON CONFLICT (${key}, seq) DO NOTHING`,
    replacements: {
      entityId: record.entityId,
      seq: record.seq,
      type: record.type,
      fromStatus: record.fromStatus,
      toStatus: record.toStatus,
      actorId: record.actor?.id ?? null,
      actorRole: record.actor?.role ?? null,
      message: record.message,
      data: JSON.stringify(record.data ?? {}),
      at: record.at,
      updateId: record.updateId ?? null,
      request: record.request === undefined || record.request === null ? null : JSON.stringify(record.request),
    },
  };
}

/**
 * The event's place was taken: by this very event (a retry, or the same request sent again after its
 * workflow task was lost; fine), or by another one (PLACE_TAKEN, PLACE_HELD, PROJECTION_CONFLICT).
 */
async function checkEventAlreadyThere(sequelize: Sequelize, record: ProcessEventRecord, transaction?: Transaction): Promise<void> {
  const { events, key } = tablesOf(record.entity);
  const [existing] = await sequelize.query<{ type: string; to_status: string | null; actor_id: string | null; update_id: string | null; request: unknown; at: Date }>(
    `SELECT type, to_status, actor_id, update_id, request, at FROM ${events} WHERE ${key} = :entityId AND seq = :seq`,
    { transaction, type: QueryTypes.SELECT, replacements: { entityId: record.entityId, seq: record.seq } },
  );
  // A retry writes the same event, by the same actor: the same action by someone else at the same place
  // (two recruiters accepting at once, under the lock of workflows started before 'fifo-handler-lock')
  // is another event, and would otherwise be acknowledged and lost.
  const actorId = record.actor?.id ?? null;
  // Written by an Update other than this write's own: this write is another Update's, or a timer's (no Update).
  const anotherUpdate = !!existing?.update_id && existing.update_id !== record.updateId;
  if (anotherUpdate && record.waitingUpdates?.includes(existing!.update_id!)) {
    // Written by an Update of this workflow that waits to run again (its workflow task was lost after
    // this write): the two came back in the other order. The workflow gives it its turn back.
    throw ApplicationFailure.create({
      type: 'PLACE_TAKEN',
      message: `${record.entity} ${record.entityId} : l’événement ${record.seq} est celui de l’action ${existing!.update_id}, qui attend son tour`,
      nonRetryable: true,
      details: [existing!.update_id],
    });
  }
  const anotherEvent = !!existing && (existing.type !== record.type || existing.to_status !== record.toStatus || existing.actor_id !== actorId);
  if (anotherUpdate && anotherEvent) {
    // Another action, written by an Update that is not waiting in this workflow: its workflow task was
    // lost and Temporal dropped it, or has it still to bring back. The workflow runs its request itself
    // (kept with the event), then checks this one again; without a request (an event older than
    // migration 0041), this Update is refused for now rather than fail the workflow task again and again.
    throw ApplicationFailure.create({
      type: 'PLACE_HELD',
      message: `${record.entity} ${record.entityId} : l’événement ${record.seq} est « ${existing!.type} » de l’action ${existing!.update_id}, que le workflow n’a pas reçue`,
      nonRetryable: true,
      details: [existing!.update_id, existing!.request ?? null, new Date(existing!.at).toISOString()],
    });
  }
  if (anotherEvent) {
    throw projectionConflict(
      `${record.entity} ${record.entityId} : l’événement ${record.seq} est déjà « ${existing.type} » (→ ${existing.to_status}, par ${existing.actor_id ?? 'personne'}), pas « ${record.type} » (→ ${record.toStatus}, par ${actorId ?? 'personne'})`,
    );
  }
  const writtenKept = keptIn(existing?.request);
  if (existing?.update_id && record.updateId && writtenKept !== null && !isDeepStrictEqual(writtenKept, keptIn(record.request))) {
    // The same action by the same person run again (its request sent again after its workflow task was
    // lost and Temporal dropped its Update), which decided anew what its first run decided and kept with
    // its request (an interview's id, its video room): the database and the people told have the first.
    // The workflow runs the written request instead (PLACE_HELD), and answers this Update with it.
    throw ApplicationFailure.create({
      type: 'PLACE_HELD',
      message: `${record.entity} ${record.entityId} : l’événement ${record.seq} est cette action, déjà écrite par l’action ${existing.update_id} avec ce qu’elle avait décidé`,
      nonRetryable: true,
      details: [existing.update_id, existing.request, new Date(existing.at).toISOString(), record.updateId],
    });
  }
  if (anotherUpdate && record.updateId) {
    // The same action by the same person, written by an Update that will not run again (its workflow
    // task was lost, and its request with it): this one is that request sent again. It takes the event.
    await sequelize.query(`UPDATE ${events} SET update_id = :updateId WHERE ${key} = :entityId AND seq = :seq`, {
      transaction,
      replacements: { updateId: record.updateId, entityId: record.entityId, seq: record.seq },
    });
  }
}

/**
 * The notice's row in the queue (activities/notice-queue.ts), from `values` (a VALUES list, or a SELECT
 * that yields it only with the event): one row per (workflow, seq), whoever writes it first.
 */
function noticeInsert(queued: NoticeWithEvent | null | undefined, values: string) {
  if (!queued) return null;
  return {
    sql: `INSERT INTO notice_queue (task_queue, activity, workflow_id, seq, notice) ${values} ON CONFLICT (workflow_id, seq) DO NOTHING`,
    replacements: {
      n_taskQueue: queued.taskQueue,
      n_activity: queued.activity,
      n_workflowId: queued.notice.workflowId,
      n_seq: queued.notice.seq,
      n_notice: JSON.stringify(queued.notice),
    },
  };
}

/**
 * What a recorder returns, kept by its local activity's marker (`npm run reconcile` rewrites a lost event
 * from it): the event without its notice, which the queue holds and the history need not carry twice.
 */
export const asRecorded = <T extends WrittenBy>(event: T): T => ({ ...event, notice: null });

/** A process's first notice, queued by its creation's write (the row is there once, whatever the retries). */
export async function queueNoticeWithEvent(sequelize: Sequelize, queued: NoticeWithEvent | null | undefined, transaction?: Transaction): Promise<void> {
  const notice = noticeInsert(queued, 'VALUES (:n_taskQueue, :n_activity, :n_workflowId, :n_seq, CAST(:n_notice AS jsonb))');
  if (notice) await sequelize.query(notice.sql, { transaction, replacements: notice.replacements });
}

/**
 * A creation's write and its first notice in one transaction (the three processes whose API writes the
 * row first: the workflow's write is a no-op then, and the notice is queued once whatever the retries).
 */
export function createdWithNotice<T>(sequelize: Sequelize, notice: NoticeWithEvent | null | undefined, write: (transaction: Transaction) => Promise<T>): Promise<T> {
  return sequelize.transaction(async (transaction) => {
    const written = await write(transaction);
    await queueNoticeWithEvent(sequelize, notice, transaction);
    return written;
  });
}

/** The entity's UPDATE for a new event: its status when it moves, and the columns the transition sets. */
function entityUpdate(record: ProcessEventRecord) {
  const { table, columns } = tablesOf(record.entity);
  const sets: string[] = ['updated_at = now()'];
  const replacements: Record<string, unknown> = { id: record.entityId, at: record.at };
  if (record.toStatus && record.toStatus !== record.fromStatus) {
    sets.push('status = :toStatus', 'status_changed_at = :at');
    replacements.toStatus = record.toStatus;
  }
  for (const [column, value] of Object.entries(record.changes ?? {})) {
    if (!(columns as readonly string[]).includes(column)) throw new Error(`${table}.${column} is not set by transitions`);
    sets.push(`${column} = :c_${column}`);
    replacements[`c_${column}`] = value;
  }
  return { sql: `UPDATE ${table} SET ${sets.join(', ')} WHERE id = :id`, replacements };
}

const entityMissing = (record: ProcessEventRecord) =>
  ApplicationFailure.create({ type: 'NOT_FOUND', message: `${tablesOf(record.entity).table} ${record.entityId} introuvable`, nonRetryable: true });

/**
 * Writes one transition: the event and, when it is new, the entity's status and columns. Runs in the
 * caller's transaction when given (so a process can add its own rows), otherwise in its own: one
 * statement when the process adds nothing (`more`), the event's INSERT and the entity's UPDATE as
 * data-modifying CTEs — one round trip on every transition's path instead of four (issue #20).
 */
export async function writeProcessEvent(
  sequelize: Sequelize,
  record: ProcessEventRecord,
  transaction?: Transaction,
  more?: (transaction: Transaction) => Promise<void>,
): Promise<boolean> {
  const update = entityUpdate(record);
  const what = `${record.entity} ${record.entityId}, événement ${record.seq} (${record.type})`;
  if (!transaction && !more) {
    return projectionWrite(what, async () => {
      const insert = eventInsert(record);
      const notice = noticeInsert(record.notice, 'SELECT :n_taskQueue, :n_activity, :n_workflowId, :n_seq, CAST(:n_notice AS jsonb) WHERE EXISTS (SELECT 1 FROM event)');
      const [written] = await sequelize.query<{ inserted: boolean; updated: number }>(
        `WITH event AS (${insert.sql} RETURNING id),
              entity AS (${update.sql} AND EXISTS (SELECT 1 FROM event) RETURNING id)${notice ? `,\n              notice AS (${notice.sql})` : ''}
         SELECT EXISTS (SELECT 1 FROM event) AS inserted, CAST((SELECT count(*) FROM entity) AS integer) AS updated`,
        { type: QueryTypes.SELECT, replacements: { ...insert.replacements, ...update.replacements, ...notice?.replacements } },
      );
      if (!written?.inserted) {
        await checkEventAlreadyThere(sequelize, record); // a retry: already written
        return false;
      }
      // The event's foreign key found the entity: unreachable, kept so that a missing row is named.
      if (written.updated === 0) throw entityMissing(record);
      return true;
    });
  }
  const run = async (tx: Transaction) => {
    if (!(await insertProcessEvent(sequelize, record, tx))) return false; // a retry: already written
    const [, updated] = await sequelize.query(update.sql, { transaction: tx, replacements: update.replacements });
    if ((updated as { rowCount?: number } | number | undefined) !== undefined && rowCountOf(updated) === 0) throw entityMissing(record);
    if (more) await more(tx);
    await queueNoticeWithEvent(sequelize, record.notice, tx);
    return true;
  };
  return projectionWrite(what, () => (transaction ? run(transaction) : sequelize.transaction(run)));
}

/** The history of an entity, oldest first, in the shape of the API (PRODUCT.md: type, at, actor, message). */
export async function readProcessHistory(sequelize: Sequelize, entity: ProcessEntity, entityId: string) {
  const { events, key } = tablesOf(entity);
  const rows = await preparedQuery<Record<string, any>>(
    sequelize,
    `SELECT e.type, e.at, e.message, e.from_status, e.to_status, e.actor_role, u.id AS actor_id, u.first_name, u.last_name
     FROM ${events} e LEFT JOIN users u ON u.id = e.actor_id WHERE e.${key} = :entityId ORDER BY e.seq`,
    { entityId },
  );
  return rows.map((e) => ({
    type: e.type as string,
    at: new Date(e.at).toISOString(),
    actor: e.actor_id ? { id: e.actor_id as string, firstName: e.first_name as string, lastName: e.last_name as string, role: e.actor_role as string } : null,
    message: e.message as string | null,
    fromStatus: e.from_status as string | null,
    toStatus: e.to_status as string | null,
  }));
}

/** Sequelize's UPDATE result on PostgreSQL: the pg result (rowCount) or a count. */
const rowCountOf = (result: unknown) => (typeof result === 'number' ? result : ((result as { rowCount?: number } | null)?.rowCount ?? -1));
