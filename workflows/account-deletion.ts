// accountDeletionWorkflow: one per account deletion asked by its owner (DELETE /api/me), id
// `account-deletion-<userId>`. A grace period (30 days by default, from the input) during which the
// person still signs in and may cancel (the `cancelDeletion` Update); then, in small idempotent
// activities: the account is disabled, the candidate's live applications are withdrawn and their
// sponsorship requests closed through their own workflows (sealed Updates, on the person's behalf),
// their documents deleted, a last mail sent, and the personal data anonymised in place — history
// events keep their shape, their author now reads « Compte supprimé ». The search attribute
// AccountDeletionStatus tells operators where each deletion stands.
//
// Cancel and carry-out race for one FIFO mutex: the validator refuses a cancellation once the
// deletion left SCHEDULED, the handler checks again under the lock, and the carry-out claims the
// deletion under the same lock — exactly one of them wins. No personal data in the input or the
// activities' arguments: ids and times only (the activities read the rest from PostgreSQL).
import { Mutex } from 'async-mutex';
import { ApplicationFailure, allHandlersFinished, condition, defineQuery, defineUpdate, proxyActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { createAccountDeletionActivities } from '../activities/account-deletion.js';
import { cancelRefusal, type AccountDeletionStatus, type AccountDeletionView, type CancelDeletionRequest } from './account-deletion-rules.js';
import { noticeActivity, projectionActivity } from './process.js';
import { AccountDeletionStatus as StatusAttribute, StatusChangedAt } from './search-attributes.js';

type Activities = ReturnType<typeof createAccountDeletionActivities>;

export interface AccountDeletionInput {
  userId: string;
  /** ISO time the person asked. */
  requestedAt: string;
  /** The grace period (ACCOUNT_DELETION_GRACE): days in production, seconds in tests. */
  graceMs: number;
}

export const cancelDeletionUpdate = defineUpdate<AccountDeletionView, [CancelDeletionRequest]>('cancelDeletion');
export const deletionStateQuery = defineQuery<AccountDeletionView>('deletionState');

const records = proxyActivities<Activities>(projectionActivity);
// Withdrawing through another workflow, deleting files, mailing: retried until done (a worker or
// Temporal away delays the deletion, it does not lose a step).
const steps = proxyActivities<Activities>(noticeActivity);

/** A safety bound on the rounds of « close what is still live » (a référent applying meanwhile). */
const MAX_ROUNDS = 5;

export async function accountDeletionWorkflow(input: AccountDeletionInput): Promise<AccountDeletionView> {
  const { userId } = input;
  const workflowId = workflowInfo().workflowId;
  const dueAt = new Date(Date.parse(input.requestedAt) + input.graceMs).toISOString();
  let status: AccountDeletionStatus = 'SCHEDULED';
  let reason: string | null = null;
  const mutex = new Mutex();

  const view = (): AccountDeletionView => ({ status, requestedAt: input.requestedAt, dueAt, reason });
  const move = (to: AccountDeletionStatus, why: string | null = null) => {
    status = to;
    reason = why;
    upsertSearchAttributes([
      { key: StatusAttribute, value: to },
      { key: StatusChangedAt, value: new Date() },
    ]);
  };
  const refuse = (request: CancelDeletionRequest) => {
    const refusal = cancelRefusal(status, request.actor, userId);
    if (refusal) throw ApplicationFailure.create({ type: refusal.code, message: refusal.message, nonRetryable: true, details: [{ status }] });
  };

  setHandler(deletionStateQuery, view);
  setHandler(
    cancelDeletionUpdate,
    (request) =>
      mutex.runExclusive(async () => {
        refuse(request); // again: the carry-out may have claimed the deletion meanwhile
        await records.recordDeletionState({ userId, requestedAt: input.requestedAt, status: 'CANCELLED', reason: null });
        move('CANCELLED');
        return view();
      }),
    { validator: refuse },
  );

  // The API wrote the row before starting; writing it again is a no-op that makes the workflow whole.
  await records.recordDeletionState({ userId, requestedAt: input.requestedAt, dueAt, status: 'SCHEDULED', reason: null });
  await steps.sendDeletionMail({ userId, workflowId, requestedAt: input.requestedAt, kind: 'scheduled', dueAt });

  await condition(() => status !== 'SCHEDULED', Math.max(0, Date.parse(dueAt) - Date.now()));

  // The grace period is over: claim the deletion under the lock, unless a cancellation got it first.
  const claimed = await mutex.runExclusive(async () => {
    if (status !== 'SCHEDULED') return false;
    const begun = await records.beginAccountDeletion({ userId, requestedAt: input.requestedAt });
    if (begun.blocked) {
      move('CANCELLED', begun.blocked);
      return false;
    }
    move('IN_PROGRESS');
    return true;
  });
  if (!claimed) {
    await steps.sendDeletionMail({ userId, workflowId, requestedAt: input.requestedAt, kind: reason ? 'blocked' : 'cancelled', dueAt, reason });
    await condition(allHandlersFinished); // a cancellation refused under the lock gets its answer
    return view();
  }

  for (let round = 0; round < MAX_ROUNDS; round++) {
    const live = await records.liveCasesOf({ userId });
    if (!live.applications.length && !live.sponsorships.length) break;
    for (const applicationId of live.applications) await steps.withdrawApplication({ userId, applicationId });
    for (const sponsorshipId of live.sponsorships) await steps.withdrawSponsorship({ userId, sponsorshipId });
  }
  await steps.deleteAccountDocuments({ userId });
  // The last mail goes to the real address, before it is anonymised.
  await steps.sendDeletionMail({ userId, workflowId, requestedAt: input.requestedAt, kind: 'done', dueAt });
  await records.anonymiseAccount({ userId });
  await records.recordDeletionState({ userId, requestedAt: input.requestedAt, status: 'DONE', reason: null });
  move('DONE');
  await condition(allHandlersFinished);
  return view();
}
