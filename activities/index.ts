// Every activity the worker registers, built from the same injected dependencies.
import { createApplicationActivities } from './application.js';
import { createSponsorshipActivities } from './sponsorship.js';
import { createOfferActivities } from './offer.js';
import { createCompanyVerificationActivities } from './company-verification.js';
import { createCandidateAccountActivities } from './candidate-account.js';
import { createSignUpAttemptActivities } from './sign-up-attempt.js';
import { createAccountDeletionActivities } from './account-deletion.js';
import { createPasswordResetActivities } from './password-reset.js';
import { createMessageDigestActivities } from './message-digest.js';
import { createContactRequestActivities } from './contact-request.js';
import { createSavedSearchAlertActivities } from './saved-search-alert.js';
import { createDocumentTextActivities } from './document-text.js';
import { createOfferInvitationActivities } from './offer-invitation.js';
import { createNoticeQueueActivities } from './notice-queue.js';
import type { ActivityDeps } from './deps.js';

export type { ActivityDeps } from './deps.js';

export function createActivities(deps: ActivityDeps) {
  const activities = {
    ...createOfferActivities(deps),
    ...createApplicationActivities(deps),
    ...createCompanyVerificationActivities(deps),
    ...createSponsorshipActivities(deps),
    ...createCandidateAccountActivities(deps),
    ...createSignUpAttemptActivities(deps),
    ...createAccountDeletionActivities(deps),
    ...createPasswordResetActivities(deps),
    ...createMessageDigestActivities(deps),
    ...createContactRequestActivities(deps),
    ...createSavedSearchAlertActivities(deps),
    ...createDocumentTextActivities(deps),
    ...createOfferInvitationActivities(deps),
  };
  // The queue's drainer tells a queued notice with the process's own notice activity.
  const { notifyApplicationEvent, notifyOfferEvent, notifySponsorshipEvent, notifyMembershipEvent, notifyContactRequestEvent } = activities;
  const tellers = { notifyApplicationEvent, notifyOfferEvent, notifySponsorshipEvent, notifyMembershipEvent, notifyContactRequestEvent };
  return { ...activities, ...createNoticeQueueActivities(deps, tellers) };
}
