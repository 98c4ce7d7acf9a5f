// The accounts a person creates for another: candidateAccountWorkflow (a référent creates a candidate's
// account) and referentAccountWorkflow (a mission officer, or an admin, creates a référent's). One per
// account; its only step is the invitation mail (identifier, temporary password, link to the platform),
// by an activity that retries until the relay accepts it: a broken SMTP relay delays the mail, it does
// not lose it, and the outbox's idempotency key makes sure the person gets one mail and one password.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { createCandidateAccountActivities } from '../activities/candidate-account.js';
import { noticeActivity } from './process.js';

type Activities = ReturnType<typeof createCandidateAccountActivities>;

export const candidateAccountWorkflowId = (userId: string) => `candidate-account-${userId}`;
export const referentAccountWorkflowId = (userId: string) => `referent-account-${userId}`;

/** The advisory lock the API holds while it creates the account, and the activity takes before reading it. */
export const candidateAccountLock = (userId: string) => `candidate-account:${userId}`;

export interface CandidateAccountInput {
  userId: string;
  referentId: string;
  createdAt: string;
}

export interface ReferentAccountInput {
  userId: string;
  /** The mission officer or admin who created it: named in the mail. */
  createdBy: string;
  createdAt: string;
}

const { sendCandidateInvitation, sendReferentInvitation } = proxyActivities<Activities>(noticeActivity);

export async function candidateAccountWorkflow(input: CandidateAccountInput): Promise<'sent' | 'no-account'> {
  return sendCandidateInvitation({ ...input, workflowId: workflowInfo().workflowId });
}

export async function referentAccountWorkflow(input: ReferentAccountInput): Promise<'sent' | 'no-account'> {
  return sendReferentInvitation({ ...input, workflowId: workflowInfo().workflowId });
}
