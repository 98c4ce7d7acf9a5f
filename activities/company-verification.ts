// Activities of companyVerificationWorkflow: the projection (membership status + history event, the
// company's status mirrored from its FOUNDER, the e-mail token marked used) and what people are told
// (company-verification-notices.ts).
import { ForeignKeyConstraintError, QueryTypes, type Sequelize } from 'sequelize';
import type { Actor } from '../workflows/actors.js';
import {
  type MembershipEventType,
  type MembershipParties,
  type MembershipStatus,
} from '../workflows/company-verification-rules.js';
import type { CompanyVerificationInput } from '../workflows/company-verification.js';
import { PROCESSES, workflowIdOf } from '../workflows/processes.js';
import type { NoticeWithEvent } from '../workflows/notice-queue.js';
import { createCompanyVerificationNotices } from './company-verification-notices.js';
import type { ActivityDeps } from './deps.js';
import { asRecorded, queueNoticeWithEvent, writeProcessEvent, type WrittenBy } from './process-events.js';

export interface MembershipEventRecord extends MembershipParties, WrittenBy {
  workflowId: string;
  seq: number;
  type: MembershipEventType;
  fromStatus: MembershipStatus | null;
  toStatus: MembershipStatus;
  actor: Actor | null;
  message: string | null;
  at: string;
  /** confirm_email: the link's token (its hash), marked used in the same transaction. */
  tokenHash: string | null;
}

/**
 * The membership's status and history event, in one transaction with what the transition implies: the
 * company's status when this is its FOUNDER's process, the user's e-mail confirmed and the link used.
 */
export async function writeMembershipEvent(sequelize: Sequelize, event: MembershipEventRecord): Promise<void> {
  await writeProcessEvent(
    sequelize,
    {
      entity: 'membership',
      entityId: event.membershipId,
      seq: event.seq,
      type: event.type,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      actor: event.actor,
      message: event.message,
      at: event.at,
      updateId: event.updateId,
      waitingUpdates: event.waitingUpdates,
      request: event.request,
      notice: event.notice,
      data: { kind: event.kind, companyId: event.companyId },
    },
    undefined,
    async (transaction) => {
      if (event.kind === 'FOUNDER' && event.toStatus !== event.fromStatus) {
        // Only while this process is the company's current one (a later registration may have replaced it).
        await sequelize.query(
          `UPDATE companies SET status = :status, status_changed_at = :at, updated_at = now() WHERE id = :companyId AND workflow_id = :workflowId`,
          { transaction, replacements: { status: event.toStatus, at: event.at, companyId: event.companyId, workflowId: event.workflowId } },
        );
      }
      if (event.type === 'confirm_email') {
        await sequelize.query(`UPDATE users SET email_confirmed_at = coalesce(email_confirmed_at, :at), updated_at = now() WHERE id = :userId`, {
          transaction,
          replacements: { at: event.at, userId: event.userId },
        });
        if (event.tokenHash) {
          await sequelize.query(`UPDATE email_tokens SET used_at = :at WHERE token_hash = :hash AND used_at IS NULL`, {
            transaction,
            replacements: { at: event.at, hash: event.tokenHash },
          });
        }
      }
    },
  );
}

/**
 * Writes the membership row as the API did (a no-op once it committed: the insert waits for the API's
 * transaction, then finds the row). Returns the number of history events, or null when the API's
 * transaction rolled back (its user and company do not exist): there is nothing to verify.
 */
export async function writeMembershipCreated(sequelize: Sequelize, input: CompanyVerificationInput): Promise<number | null> {
  const status = PROCESSES.membership.initialStatus(input);
  try {
    await sequelize.query(
      `INSERT INTO company_memberships (id, company_id, user_id, kind, status, status_changed_at, workflow_id, invited_by, created_at, updated_at)
       VALUES (:id, :companyId, :userId, :kind, :status, :at, :workflowId, :invitedBy, :at, :at)
       ON CONFLICT (id) DO NOTHING`,
      {
        replacements: {
          id: input.membershipId,
          companyId: input.companyId,
          userId: input.userId,
          kind: input.kind,
          status,
          at: input.createdAt,
          workflowId: workflowIdOf('membership', input.membershipId),
          invitedBy: input.kind === 'INVITED' ? (input.createdBy?.id ?? null) : null,
        },
      },
    );
  } catch (error) {
    if (error instanceof ForeignKeyConstraintError) return null;
    throw error;
  }
  // The creation's own event only (seq 0, written with the row by the API): this task retried after it
  // was lost may find the event of an Update that ran in it, which runs again and must find its place.
  const [{ count }] = await sequelize.query<{ count: string }>(`SELECT count(*) AS count FROM membership_events WHERE membership_id = :id AND seq = 0`, {
    type: QueryTypes.SELECT,
    replacements: { id: input.membershipId },
  });
  return Number(count);
}

export function createCompanyVerificationActivities(deps: ActivityDeps) {
  const { sequelize } = deps;
  const notices = createCompanyVerificationNotices(deps);

  return {
    /** Writes the membership again (the API wrote it: a no-op) and queues its first notice (patched 'notice-with-event'). */
    async recordMembershipCreated(input: CompanyVerificationInput, notice?: NoticeWithEvent | null): Promise<number | null> {
      const written = await writeMembershipCreated(sequelize, input);
      if (written !== null) await queueNoticeWithEvent(sequelize, notice);
      return written;
    },
    /** Returns the event it wrote: a local activity's marker keeps it, for `npm run reconcile`. */
    async recordMembershipEvent(event: MembershipEventRecord): Promise<MembershipEventRecord> {
      await writeMembershipEvent(sequelize, event);
      return asRecorded(event);
    },
    notifyMembershipEvent: notices.notifyMembershipEvent,
  };
}
