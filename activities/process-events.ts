// The projection shared by every process: the entity's new status (and the columns the transition
// sets) plus one numbered history event, in one transaction. The (entity, seq) pair is unique, so a
// retried activity finds its event already written and changes nothing twice.
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { Actor } from '../workflows/application-rules.js';

/** Where each process keeps its entity and its history, and which columns a transition may set. */
export const PROCESS_TABLES = {
  application: { table: 'applications', events: 'application_events', key: 'application_id', columns: ['sent_to_company_at'] },
  offer: { table: 'offers', events: 'offer_events', key: 'offer_id', columns: ['published_at', 'expires_at'] },
  membership: { table: 'company_memberships', events: 'membership_events', key: 'membership_id', columns: [] },
  sponsorship: { table: 'sponsorship_requests', events: 'sponsorship_events', key: 'sponsorship_id', columns: ['sponsor_id', 'comment'] },
} as const;
export type ProcessEntity = keyof typeof PROCESS_TABLES;

export interface ProcessEventRecord {
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

/** Inserts the event unless (entity, seq) exists; true when this call wrote it. */
export async function insertProcessEvent(sequelize: Sequelize, record: ProcessEventRecord, transaction?: Transaction): Promise<boolean> {
  const { events, key } = PROCESS_TABLES[record.entity];
  const inserted = await sequelize.query(
    `INSERT INTO ${events} (${key}, seq, type, from_status, to_status, actor_id, actor_role, message, data, at)
     VALUES (:entityId, :seq, :type, :fromStatus, :toStatus, :actorId, :actorRole, :message, :data, :at)
     ON CONFLICT (${key}, seq) DO NOTHING RETURNING id`,
    {
      transaction,
      type: QueryTypes.SELECT,
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
      },
    },
  );
  return inserted.length > 0;
}

/**
 * Writes one transition: the event and, when it is new, the entity's status and columns. Runs in the
 * caller's transaction when given (so a process can add its own rows), otherwise in its own.
 */
export async function writeProcessEvent(
  sequelize: Sequelize,
  record: ProcessEventRecord,
  transaction?: Transaction,
  more?: (transaction: Transaction) => Promise<void>,
): Promise<boolean> {
  const run = async (tx: Transaction) => {
    if (!(await insertProcessEvent(sequelize, record, tx))) return false; // a retry: already written
    const { table, columns } = PROCESS_TABLES[record.entity];
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
    await sequelize.query(`UPDATE ${table} SET ${sets.join(', ')} WHERE id = :id`, { transaction: tx, replacements });
    if (more) await more(tx);
    return true;
  };
  return transaction ? run(transaction) : sequelize.transaction(run);
}

/** The history of an entity, oldest first, in the shape of the API (PRODUCT.md: type, at, actor, message). */
export async function readProcessHistory(sequelize: Sequelize, entity: ProcessEntity, entityId: string) {
  const { events, key } = PROCESS_TABLES[entity];
  const rows = await sequelize.query<Record<string, any>>(
    `SELECT e.type, e.at, e.message, e.from_status, e.to_status, e.actor_role, u.id AS actor_id, u.first_name, u.last_name
     FROM ${events} e LEFT JOIN users u ON u.id = e.actor_id WHERE e.${key} = :entityId ORDER BY e.seq`,
    { type: QueryTypes.SELECT, replacements: { entityId } },
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
