// passwordResetWorkflow: someone asked for a password reset link (« Mot de passe oublié ? », or a
// référent for their candidate). The API starts one for every request, whatever the address, so the
// answer and its time never tell whether the address has an account; the activity looks the account
// up and, if there is one, mails a single-use link (its token stored hashed, valid until `expiresAt`),
// retrying until the relay accepts it. passwordChangedWorkflow: the mail « votre mot de passe a été
// changé » once a link was used.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { createPasswordResetActivities } from '../activities/password-reset.js';
import { noticeActivity } from './process.js';

type Activities = ReturnType<typeof createPasswordResetActivities>;

export interface PasswordResetInput {
  /** The address typed (lower case); the activity finds the account, if any. */
  email: string;
  requestedAt: string;
  /** When the link stops working (the API's PASSWORD_RESET_TTL after the request). */
  expiresAt: string;
  /** A référent (or mission officer, admin) who sent the link to their candidate; null: the person. */
  requestedBy: { id: string; name: string } | null;
}

export interface PasswordChangedInput {
  userId: string;
  at: string;
}

/** One per request: its id names nobody (no address in what operators list). */
export const passwordResetWorkflowId = (requestId: string) => `password-reset-${requestId}`;
/** One per link used. */
export const passwordChangedWorkflowId = (tokenId: string) => `password-changed-${tokenId}`;

const { sendPasswordResetLink, sendPasswordChangedNotice } = proxyActivities<Activities>(noticeActivity);

export async function passwordResetWorkflow(input: PasswordResetInput): Promise<'sent' | 'no-account'> {
  return sendPasswordResetLink({ ...input, workflowId: workflowInfo().workflowId });
}

export async function passwordChangedWorkflow(input: PasswordChangedInput): Promise<'sent' | 'no-account'> {
  return sendPasswordChangedNotice({ ...input, workflowId: workflowInfo().workflowId });
}
