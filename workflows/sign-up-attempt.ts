// signUpAttemptWorkflow: someone asked to sign up with an address that already has an account. The
// API answers them exactly as for a new address (no account enumeration), and this workflow tells the
// address's owner what happened, by a mail that retries until the relay accepts it. One per account
// and hour at most (its id, never reused), so a sign-up form cannot be used to flood someone's inbox.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { createSignUpAttemptActivities } from '../activities/sign-up-attempt.js';
import { noticeActivity } from './process.js';

type Activities = ReturnType<typeof createSignUpAttemptActivities>;

export interface SignUpAttemptInput {
  userId: string;
  /** When the sign-up was asked for (ISO). */
  at: string;
}

/** One id per account and hour: a second attempt within the hour finds it taken and mails nobody. */
export const signUpAttemptWorkflowId = (userId: string, at: Date) => `sign-up-attempt-${userId}-${at.toISOString().slice(0, 13)}`;

const { sendSignUpAttemptNotice } = proxyActivities<Activities>(noticeActivity);

export async function signUpAttemptWorkflow(input: SignUpAttemptInput): Promise<'sent' | 'no-account'> {
  return sendSignUpAttemptNotice({ ...input, workflowId: workflowInfo().workflowId });
}
