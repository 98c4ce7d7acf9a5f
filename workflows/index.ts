// The workflows the worker runs. Only this file and what it imports are bundled into workflow code.
export { applicationWorkflow } from './application.js';
export { sponsorshipWorkflow } from './sponsorship.js';
export { contactRequestWorkflow } from './contact-request.js';
export { offerModerationWorkflow } from './offer.js';
export { companyVerificationWorkflow } from './company-verification.js';
export { candidateAccountWorkflow, referentAccountWorkflow } from './candidate-account.js';
export { signUpAttemptWorkflow } from './sign-up-attempt.js';
export { accountDeletionWorkflow } from './account-deletion.js';
export { passwordResetWorkflow, passwordChangedWorkflow } from './password-reset.js';
export { messageDigestWorkflow } from './message-digest.js';
export { savedSearchAlertWorkflow } from './saved-search-alert.js';
export { documentTextWorkflow } from './document-text.js';
export { offerInvitationWorkflow } from './offer-invitation.js';
export { noticeQueueWorkflow } from './notice-queue.js';
