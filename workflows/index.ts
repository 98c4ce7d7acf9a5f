// The workflows the worker runs. Only this file and what it imports are bundled into workflow code.
export { applicationWorkflow } from './application.js';
export { sponsorshipWorkflow } from './sponsorship.js';
export { offerModerationWorkflow } from './offer.js';
export { companyVerificationWorkflow } from './company-verification.js';
export { candidateAccountWorkflow, referentAccountWorkflow } from './candidate-account.js';
export { signUpAttemptWorkflow } from './sign-up-attempt.js';
export { accountDeletionWorkflow } from './account-deletion.js';
export { passwordResetWorkflow, passwordChangedWorkflow } from './password-reset.js';
export { messageDigestWorkflow } from './message-digest.js';
