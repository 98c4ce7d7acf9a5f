// Versioned migrations (umzug), listed explicitly so they run the same from sources and from a build.
import type { Sequelize } from 'sequelize';
import { syncMetierReference } from './metier-reference.js';
import { Umzug, SequelizeStorage, type MigrationFn } from 'umzug';
import * as initial from './migrations/0001-initial.js';
import * as processHistories from './migrations/0002-process-histories.js';
import * as sponsorships from './migrations/0005-sponsorships.js';
import * as readPathIndexes from './migrations/0006-read-path-indexes.js';
import * as documents from './migrations/0007-documents.js';
import * as loginLockout from './migrations/0008-login-lockout.js';
import * as idempotency from './migrations/0009-idempotency.js';
import * as followUpAndNoteVersion from './migrations/0010-follow-up-and-note-version.js';
import * as eventUpdateIds from './migrations/0011-event-update-ids.js';
import * as localeFreeOfferSearch from './migrations/0012-locale-free-offer-search.js';
import * as signInThrottle from './migrations/0013-sign-in-throttle.js';
import * as frenchOfferSearch from './migrations/0014-french-offer-search.js';
import * as termsAndPasswordReset from './migrations/0015-terms-and-password-reset.js';
import * as accountDirectory from './migrations/0016-account-directory.js';
import * as accountDeletion from './migrations/0017-account-deletion.js';
import * as companyPages from './migrations/0018-company-pages.js';
import * as notificationPreferences from './migrations/0019-notification-preferences.js';
import * as applicationMessages from './migrations/0020-application-messages.js';
import * as interviewOtherSlot from './migrations/0021-interview-other-slot.js';
import * as candidateAccommodations from './migrations/0022-candidate-accommodations.js';
import * as refusalReasons from './migrations/0023-refusal-reasons.js';
import * as activityFeed from './migrations/0024-activity-feed.js';
import * as cvthequeProfiles from './migrations/0025-cvtheque-profiles.js';
import * as communes from './migrations/0026-communes.js';
import * as cvthequeSearch from './migrations/0027-cvtheque-search.js';
import * as cvthequeWork from './migrations/0028-cvtheque-work.js';
import * as cvthequeLists from './migrations/0029-cvtheque-lists.js';
import * as candidatePlacePoints from './migrations/0030-candidate-place-points.js';
import * as offerIdealCandidate from './migrations/0031-offer-ideal-candidate.js';
import * as matching from './migrations/0032-matching.js';
import * as offerInvitations from './migrations/0033-offer-invitations.js';
import * as savedMatchingSearches from './migrations/0034-saved-matching-searches.js';
import * as matchingKeys from './migrations/0035-matching-keys.js';
import * as anonymousApplications from './migrations/0036-anonymous-applications.js';
import * as favourites from './migrations/0037-favourites.js';
import * as softSkills from './migrations/0038-soft-skills.js';
import * as noticeQueue from './migrations/0039-notice-queue.js';
import * as offerAttach from './migrations/0040-offer-attach.js';
import * as eventRequests from './migrations/0041-event-requests.js';
import * as activeAdmins from './migrations/0042-active-admins.js';

export type Migration = MigrationFn<Sequelize>;

const migrations: Array<{ name: string; up: Migration; down: Migration }> = [
  { name: '0001-initial', ...initial },
  { name: '0002-process-histories', ...processHistories },
  { name: '0005-sponsorships', ...sponsorships },
  { name: '0006-read-path-indexes', ...readPathIndexes },
  { name: '0007-documents', ...documents },
  { name: '0008-login-lockout', ...loginLockout },
  { name: '0009-idempotency', ...idempotency },
  { name: '0010-follow-up-and-note-version', ...followUpAndNoteVersion },
  { name: '0011-event-update-ids', ...eventUpdateIds },
  { name: '0012-locale-free-offer-search', ...localeFreeOfferSearch },
  { name: '0013-sign-in-throttle', ...signInThrottle },
  { name: '0014-french-offer-search', ...frenchOfferSearch },
  { name: '0015-terms-and-password-reset', ...termsAndPasswordReset },
  { name: '0016-account-directory', ...accountDirectory },
  { name: '0017-account-deletion', ...accountDeletion },
  { name: '0018-company-pages', ...companyPages },
  { name: '0019-notification-preferences', ...notificationPreferences },
  { name: '0020-application-messages', ...applicationMessages },
  { name: '0021-interview-other-slot', ...interviewOtherSlot },
  { name: '0022-candidate-accommodations', ...candidateAccommodations },
  { name: '0023-refusal-reasons', ...refusalReasons },
  { name: '0024-activity-feed', ...activityFeed },
  { name: '0025-cvtheque-profiles', ...cvthequeProfiles },
  { name: '0026-communes', ...communes },
  { name: '0027-cvtheque-search', ...cvthequeSearch },
  { name: '0028-cvtheque-work', ...cvthequeWork },
  { name: '0029-cvtheque-lists', ...cvthequeLists },
  { name: '0030-candidate-place-points', ...candidatePlacePoints },
  { name: '0031-offer-ideal-candidate', ...offerIdealCandidate },
  { name: '0032-matching', ...matching },
  { name: '0033-offer-invitations', ...offerInvitations },
  { name: '0034-saved-matching-searches', ...savedMatchingSearches },
  { name: '0035-matching-keys', ...matchingKeys },
  { name: '0036-anonymous-applications', ...anonymousApplications },
  { name: '0037-favourites', ...favourites },
  { name: '0038-soft-skills', ...softSkills },
  { name: '0039-notice-queue', ...noticeQueue },
  { name: '0040-offer-attach', ...offerAttach },
  { name: '0041-event-requests', ...eventRequests },
  { name: '0042-active-admins', ...activeAdmins },
];

export function migrator(sequelize: Sequelize) {
  return new Umzug({
    migrations,
    context: sequelize,
    storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations' }),
    logger: undefined,
  });
}

/** Applies pending migrations; safe to run from several processes because of the advisory lock. */
export async function migrate(sequelize: Sequelize): Promise<string[]> {
  return sequelize.transaction(async (tx) => {
    await sequelize.query('SELECT pg_advisory_xact_lock(7215001)', { transaction: tx });
    // Umzug runs outside this transaction; the lock only serialises concurrent starters.
    const done = await migrator(sequelize).up();
    await syncMetierReference(sequelize, tx);
    return done.map((m) => m.name);
  });
}
