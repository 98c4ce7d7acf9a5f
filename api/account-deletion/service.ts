// Account deletion for the signed-in person: schedule (DELETE /api/me), read, cancel. The workflow
// (workflows/account-deletion.ts) is the source of truth; account_deletions is its projection, which
// the API writes first when it schedules (so the answer and the next read agree at once).
import { WorkflowExecutionAlreadyStartedError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { Config } from '../../config/env.js';
import { deletionBlockerOf } from '../../models/account-deletion.js';
import type { User } from '../../models/index.js';
import { cancelDeletionUpdate, type AccountDeletionInput } from '../../workflows/account-deletion.js';
import { DELETION_BLOCKERS, accountDeletionWorkflowId, cancelRefusal, type AccountDeletionStatus, type AccountDeletionView } from '../../workflows/account-deletion-rules.js';
import { AccountDeletionStatus as StatusAttribute, StatusChangedAt } from '../../workflows/search-attributes.js';
import { actorOf } from '../auth.js';
import { HttpError } from '../errors.js';
import { TRANSITION_DEADLINE_MS, isWorkflowClosed } from '../transitions.js';

interface Deps {
  sequelize: Sequelize;
  temporal: Client;
  config: Pick<Config, 'TEMPORAL_TASK_QUEUE' | 'ACCOUNT_DELETION_GRACE'>;
}

interface Row {
  status: AccountDeletionStatus;
  requested_at: Date;
  due_at: Date;
  reason: string | null;
}

const viewOf = (row: Row): AccountDeletionView => ({
  status: row.status,
  requestedAt: new Date(row.requested_at).toISOString(),
  dueAt: new Date(row.due_at).toISOString(),
  reason: row.reason,
});

const NOTHING_SCHEDULED = 'Aucune suppression de compte n’est programmée.';

export function accountDeletionService({ sequelize, temporal, config }: Deps) {
  const rowOf = async (userId: string, lock = false, transaction?: Transaction) => {
    const [row] = await sequelize.query<Row>(`SELECT status, requested_at, due_at, reason FROM account_deletions WHERE user_id = :userId ${lock ? 'FOR UPDATE' : ''}`, {
      transaction,
      type: QueryTypes.SELECT,
      replacements: { userId },
    });
    return row ?? null;
  };

  return {
    async get(user: User): Promise<AccountDeletionView | null> {
      const row = await rowOf(user.id);
      return row ? viewOf(row) : null;
    },

    /**
     * Schedules the deletion, or answers with the one already scheduled (a second request, two at
     * once: the account's row is locked while the first starts the workflow).
     */
    async schedule(user: User): Promise<AccountDeletionView> {
      const blocker = await deletionBlockerOf(sequelize, user);
      if (blocker) throw new HttpError('CONFLICT', DELETION_BLOCKERS[blocker], { reason: blocker });
      return sequelize.transaction(async (transaction) => {
        await sequelize.query(`SELECT id FROM users WHERE id = :id FOR UPDATE`, { transaction, replacements: { id: user.id } });
        const current = await rowOf(user.id, true, transaction);
        if (current && (current.status === 'SCHEDULED' || current.status === 'IN_PROGRESS')) return viewOf(current);
        const requestedAt = new Date();
        const dueAt = new Date(requestedAt.getTime() + config.ACCOUNT_DELETION_GRACE);
        const workflowId = accountDeletionWorkflowId(user.id);
        await sequelize.query(
          `INSERT INTO account_deletions (user_id, status, requested_at, due_at, workflow_id) VALUES (:userId, 'SCHEDULED', :requestedAt, :dueAt, :workflowId)
           ON CONFLICT (user_id) DO UPDATE SET status = 'SCHEDULED', requested_at = EXCLUDED.requested_at, due_at = EXCLUDED.due_at, reason = NULL, status_changed_at = now()`,
          { transaction, replacements: { userId: user.id, requestedAt, dueAt, workflowId } },
        );
        const input: AccountDeletionInput = { userId: user.id, requestedAt: requestedAt.toISOString(), graceMs: config.ACCOUNT_DELETION_GRACE };
        try {
          await temporal.workflow.start('accountDeletionWorkflow', {
            workflowId,
            taskQueue: config.TEMPORAL_TASK_QUEUE,
            args: [input],
            typedSearchAttributes: [
              { key: StatusAttribute, value: 'SCHEDULED' },
              { key: StatusChangedAt, value: requestedAt },
            ],
          });
        } catch (error) {
          // The previous request's workflow is still finishing (cancelled a moment ago).
          if (error instanceof WorkflowExecutionAlreadyStartedError) {
            throw new HttpError('CONFLICT', 'Votre demande précédente se termine : réessayez dans un instant.');
          }
          throw error;
        }
        return { status: 'SCHEDULED', requestedAt: input.requestedAt, dueAt: dueAt.toISOString(), reason: null };
      });
    },

    /** Cancels the scheduled deletion: the workflow's Update decides (a carry-out may have begun). */
    async cancel(user: User): Promise<AccountDeletionView> {
      const row = await rowOf(user.id);
      if (!row) throw new HttpError('NOT_FOUND', NOTHING_SCHEDULED);
      const refused = () => {
        const refusal = cancelRefusal(row.status, actorOf(user), user.id);
        return new HttpError(refusal?.code ?? 'ILLEGAL_TRANSITION', refusal?.message ?? NOTHING_SCHEDULED, { status: row.status });
      };
      if (row.status !== 'SCHEDULED') throw refused();
      // Who cancels, without their name: the history of a deletion keeps no personal data.
      try {
        return await temporal.withDeadline(Date.now() + TRANSITION_DEADLINE_MS, () =>
          temporal.workflow.getHandle(accountDeletionWorkflowId(user.id)).executeUpdate(cancelDeletionUpdate, { args: [{ actor: { id: user.id, role: user.role } }] }),
        );
      } catch (error) {
        const cause = error instanceof WorkflowUpdateFailedError ? error.cause : null;
        if (cause instanceof ApplicationFailure) {
          const code = cause.type === 'FORBIDDEN' ? 'FORBIDDEN' : 'ILLEGAL_TRANSITION';
          throw new HttpError(code, cause.message, (cause.details?.[0] as Record<string, unknown> | undefined) ?? undefined);
        }
        if (isWorkflowClosed(error)) throw refused();
        throw error;
      }
    },
  };
}
