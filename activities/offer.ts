// Activities of offerModerationWorkflow. The projection writes are idempotent by construction: the
// event's (offer, seq) is unique, so a retried activity finds its own row and changes nothing twice.
import { ApplicationFailure } from '@temporalio/common';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { Actor } from '../workflows/actors.js';
import { DEFAULT_PUBLICATION_MS, OFFER_FIELD_COLUMNS, offerExpiry, type OfferEdit, type OfferEditField, type OfferEventType, type OfferFieldValue, type OfferStatus } from '../workflows/offer-rules.js';
import { endOfParisDay } from '../workflows/paris-time.js';
import type { ActivityDeps } from './deps.js';
import { createOfferNotices } from './offer-notices.js';
import { asRecorded, projectionWrite, writeProcessEvent, writeRefusal, type WrittenBy } from './process-events.js';
import { preparedQuery } from '../models/prepared.js';

export interface OfferEventRecord extends WrittenBy {
  offerId: string;
  seq: number;
  type: OfferEventType;
  fromStatus: OfferStatus | null;
  toStatus: OfferStatus | null;
  actor: Actor | null;
  message: string | null;
  at: string;
  /** published_at, expires_at: set with the event (approve). */
  changes: Record<string, string | null>;
  /** edit: the changed fields of a published offer, written with the event. */
  fields?: OfferEdit;
}

/** What an edit changed, as the event's data keeps it: each field's value before (long texts cut). */
export interface OfferEditData {
  fields: OfferEditField[];
  before: Partial<Record<OfferEditField, OfferFieldValue>>;
}
/** A long text's former value is kept up to this length: the event says what changed, not the whole offer. */
export const BEFORE_MAX_CHARS = 300;
const cut = (value: OfferFieldValue): OfferFieldValue =>
  typeof value === 'string' && value.length > BEFORE_MAX_CHARS ? `${value.slice(0, BEFORE_MAX_CHARS)}…` : value;

/**
 * An edit's event and fields in one transaction: the former values are read under the row's lock,
 * so the event keeps what the offer said before, then the new values are written (once: a retry
 * finds its event and changes nothing).
 */
async function recordEdit(sequelize: Sequelize, event: OfferEventRecord & { fields: OfferEdit }) {
  const { offerId, changes, fields, ...rest } = event;
  const names = (Object.keys(fields) as OfferEditField[]).filter((f) => f in OFFER_FIELD_COLUMNS);
  await projectionWrite(`offer ${offerId}, événement ${event.seq} (edit)`, () =>
    sequelize.transaction(async (transaction) => {
      const selects = names.map((f) => (f === 'startDate' ? `to_char(start_date, 'YYYY-MM-DD') AS "${f}"` : `${OFFER_FIELD_COLUMNS[f]} AS "${f}"`));
      const [row] = await sequelize.query<Record<string, OfferFieldValue>>(`SELECT ${selects.join(', ')} FROM offers WHERE id = :offerId FOR UPDATE`, {
        transaction,
        type: QueryTypes.SELECT,
        replacements: { offerId },
      });
      if (!row) throw ApplicationFailure.nonRetryable(`Offre ${offerId} introuvable`, 'NOT_FOUND');
      const data: OfferEditData = { fields: names, before: Object.fromEntries(names.map((f) => [f, cut(row[f] ?? null)])) };
      await writeProcessEvent(sequelize, { ...rest, entity: 'offer', entityId: offerId, changes, data: { ...data } }, transaction, async (tx) => {
        const replacements: Record<string, unknown> = { offerId };
        const sets = names.map((f) => {
          const value = fields[f] ?? null;
          if (f === 'idealCandidate') {
            // jsonb: sent as its JSON text (null clears it to « nothing asked »).
            replacements[f] = JSON.stringify(value ?? {});
            return `ideal_candidate = CAST(:idealCandidate AS jsonb)`;
          }
          if (f === 'departments') {
            // Sequelize expands an empty array to nothing: ARRAY[NULL] then stripped.
            replacements[f] = Array.isArray(value) && value.length ? value : [null];
            return `departments = array_remove(ARRAY[:departments]::text[], NULL)`;
          }
          replacements[f] = value;
          return `${OFFER_FIELD_COLUMNS[f]} = :${f}`;
        });
        await sequelize.query(`UPDATE offers SET ${sets.join(', ')} WHERE id = :offerId`, { transaction: tx, replacements });
      });
    }),
  );
}

/** Where the offer stands when its workflow starts (or restarts from scratch). */
export interface AttachedOffer {
  status: OfferStatus;
  statusChangedAt: string;
  expiresAt: string | null;
  events: number;
}

/**
 * Binds the offer to its workflow and tells the workflow where the offer stands: DRAFT for a new
 * offer (the API wrote it), any status for an offer that existed before its workflow (demo data, a
 * row made in the back office). A published offer without an end gets one, `publicationMs` after its
 * publication. Null when the row does not exist.
 *
 * `runId`: the same run attaching again gets what it found the first time (kept in `offers.attached`,
 * migration 0040). That is its workflow task retried after it was lost, maybe after an Update of that
 * task wrote its event: the Update runs again from where the offer was, and finds its event written.
 */
export async function attachOffer(
  sequelize: Sequelize,
  input: { offerId: string; workflowId: string; runId?: string; publicationMs: number },
): Promise<AttachedOffer | null> {
  return sequelize.transaction(async (transaction) => {
    const [before] = await sequelize.query<{ attached: (AttachedOffer & { runId: string }) | null }>(
      `SELECT attached FROM offers WHERE id = :offerId AND workflow_id = :workflowId FOR UPDATE`,
      { transaction, type: QueryTypes.SELECT, replacements: input },
    );
    if (input.runId && before?.attached?.runId === input.runId) {
      const { runId: _run, ...found } = before.attached;
      return found;
    }
    const [row] = await sequelize.query<{ status: OfferStatus; status_changed_at: Date; expires_at: Date | null; workflow_id: string | null; events: number }>(
      `UPDATE offers SET workflow_id = :workflowId,
         expires_at = CASE WHEN status = 'PUBLISHED' AND expires_at IS NULL
                           THEN coalesce(published_at, now()) + (:publicationMs * interval '1 millisecond') ELSE expires_at END,
         published_at = CASE WHEN status = 'PUBLISHED' THEN coalesce(published_at, now()) ELSE published_at END
       WHERE id = :offerId AND (workflow_id IS NULL OR workflow_id = :workflowId)
       RETURNING status, status_changed_at, expires_at, workflow_id,
         (SELECT coalesce(max(seq) + 1, 0) FROM offer_events WHERE offer_id = :offerId)::int AS events`,
      { transaction, type: QueryTypes.SELECT, replacements: input },
    );
    if (row) {
      const found: AttachedOffer = {
        status: row.status,
        statusChangedAt: new Date(row.status_changed_at).toISOString(),
        expiresAt: row.expires_at ? new Date(row.expires_at).toISOString() : null,
        events: Number(row.events),
      };
      if (input.runId) {
        await sequelize.query(`UPDATE offers SET attached = CAST(:attached AS jsonb) WHERE id = :offerId`, {
          transaction,
          replacements: { offerId: input.offerId, attached: JSON.stringify({ ...found, runId: input.runId }) },
        });
      }
      return found;
    }
    const [other] = await sequelize.query<{ workflow_id: string }>('SELECT workflow_id FROM offers WHERE id = :offerId', {
      transaction,
      type: QueryTypes.SELECT,
      replacements: input,
    });
    if (other) throw ApplicationFailure.nonRetryable(`L’offre ${input.offerId} appartient au workflow ${other.workflow_id}`, 'CONFLICT');
    return null;
  });
}

/** One event of an offer as its activity writes it (also what `npm run reconcile -- --repair` runs again). */
export async function writeOfferEvent(sequelize: Sequelize, event: OfferEventRecord): Promise<void> {
  if (event.fields) return recordEdit(sequelize, { ...event, fields: event.fields });
  const { offerId, changes, ...rest } = event;
  await writeProcessEvent(sequelize, { ...rest, entity: 'offer', entityId: offerId, changes });
}

/** When an offer approved at `at` goes offline, or why it cannot be published (its chosen end date passed). */
async function expiryOnApproval(sequelize: Sequelize, input: { offerId: string; at: string; publicationMs: number }): Promise<{ expiresAt: string } | { refusal: string }> {
  const [row] = await preparedQuery<{ chosen_end_date: string | null }>(sequelize, `SELECT to_char(chosen_end_date, 'YYYY-MM-DD') AS chosen_end_date FROM offers WHERE id = :offerId`, {
    offerId: input.offerId,
  });
  if (!row) throw ApplicationFailure.nonRetryable(`Offre ${input.offerId} introuvable`, 'NOT_FOUND');
  const at = new Date(input.at);
  if (row.chosen_end_date && endOfParisDay(row.chosen_end_date).getTime() <= at.getTime()) {
    const [y, m, d] = row.chosen_end_date.split('-');
    return {
      refusal: `L’offre ne peut pas être publiée : la date de fin choisie par le recruteur (${d}/${m}/${y}) est passée. Refusez-la (reject) pour qu’il la corrige.`,
    };
  }
  return { expiresAt: offerExpiry(at, input.publicationMs, row.chosen_end_date).toISOString() };
}

export function createOfferActivities(deps: ActivityDeps) {
  const { sequelize } = deps;
  const notices = createOfferNotices(deps);
  return {
    async attachOfferWorkflow(input: { offerId: string; workflowId: string; runId?: string; publicationMs?: number }): Promise<AttachedOffer | null> {
      return attachOffer(sequelize, { ...input, publicationMs: input.publicationMs ?? DEFAULT_PUBLICATION_MS });
    },

    /**
     * When the offer approved now goes offline, or why it cannot be published (its chosen end date
     * passed). Run on its own by workflows started before 'offer-approve-in-write'; in the others the
     * approval's write reads it (`recordOfferEvent`).
     */
    async offerExpiryOnApproval(input: { offerId: string; at: string; publicationMs: number }): Promise<{ expiresAt: string } | { refusal: string }> {
      return expiryOnApproval(sequelize, input);
    },

    /**
     * Status + history event (+ published_at, expires_at) in one transaction. Returns what it wrote: run
     * as a local activity, its marker in the workflow's history keeps its result, not its input, and
     * `npm run reconcile` rewrites a lost event (an edit's fields with it) from it. An approval
     * (`approval`) reads the offer's chosen end date first: the columns it sets are in what it returns,
     * or the approval is refused (REFUSED_BY_WRITE) and nothing is written. Its end date cannot change
     * in between: the API edits an offer's fields in DRAFT or REJECTED only, and an edit once
     * published is an action of the workflow, which runs one at a time.
     */
    async recordOfferEvent(event: OfferEventRecord & { approval?: { publicationMs: number } }): Promise<OfferEventRecord> {
      const { approval, ...record } = event;
      if (approval) {
        const expiry = await expiryOnApproval(sequelize, { offerId: record.offerId, at: record.at, publicationMs: approval.publicationMs });
        if ('refusal' in expiry) throw writeRefusal(expiry.refusal);
        record.changes = { ...record.changes, published_at: record.at, expires_at: expiry.expiresAt };
      }
      await writeOfferEvent(sequelize, record);
      return asRecorded(record);
    },

    notifyOfferEvent: notices.notifyOfferEvent,
  };
}
