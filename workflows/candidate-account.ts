// candidateAccountWorkflow: one per candidate account a référent creates. Its only step is the
// invitation mail (identifier, temporary password, link to the platform), by an activity that retries
// until the relay accepts it: a broken SMTP relay delays the mail, it does not lose it, and the
// outbox's idempotency key makes sure the candidate gets one mail and one password.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { createCandidateAccountActivities } from '../activities/candidate-account.js';
import { noticeActivity } from './process.js';

type Activities = ReturnType<typeof createCandidateAccountActivities>;

export const candidateAccountWorkflowId = (userId: string) => `candidate-account-${userId}`;

/** The advisory lock the API holds while it creates the account, and the activity takes before reading it. */
export const candidateAccountLock = (userId: string) => `candidate-account:${userId}`;

export interface CandidateAccountInput {
  userId: string;
  referentId: string;
  createdAt: string;
}

const { sendCandidateInvitation } = proxyActivities<Activities>(noticeActivity);

export async function candidateAccountWorkflow(input: CandidateAccountInput): Promise<'sent' | 'no-account'> {
  return sendCandidateInvitation({ ...input, workflowId: workflowInfo().workflowId });
}
