// The activity of savedSearchAlertWorkflow (issue #17, item 7; the matching kinds: issue #18, item 3): the
// profiles matching a saved search that entered the CVthèque since its last run and were never announced
// for it, recorded in saved_search_alerts (one announcement per saved search and profile), then ONE mail
// to the recruiter who saved it, through the outbox keyed by (saved search, batch): a retried activity
// finds its batch recorded and the mail sent, and sends nothing more. Nothing new: no mail.
//
// The mail lists each profile by its headline — with its score for a matching search (« 78 % — Vendeur
// en boulangerie ») — and the link to its page (no name: the page is behind the sign-in and records the
// view). Nothing is sent, and the Schedule is paused, when the recruiter turned the alert off, or is
// disabled or no longer in a verified company, or (offer-matching) the offer is no longer published (or
// has expired): then the row's alert is turned off too, so the row and the Schedule still agree and its
// author turns it on again. A Schedule whose saved search is gone (its offer deleted too) deletes itself.
// The recruiter's notification preferences (kind `saved_search_alert`) may leave the mail out; the
// profiles are still recorded as announced.
//
// Which profiles match is the CVthèque's search itself (api/cvtheque/service.ts searchProfiles, with
// visibleAfter), or the matching's (api/matching/service.ts findMatches, with visibleAfter, the
// threshold, and those already announced left out; an offer's criteria read at this run), injectable
// (`findNewMatches`) for tests.
import { QueryTypes, type Sequelize } from 'sequelize';
import { VISIBLE_PROFILE, activeRecruiterCompany, searchCommunes, searchLink, searchSummary, storedSearch, type StoredSearchRow } from '../api/cvtheque-lists/service.js';
import type { SavedSearchKind } from '../api/cvtheque-lists/schemas.js';
import { savedSearchSchedules } from '../api/cvtheque-lists/schedules.js';
import type { CvthequeCriteria } from '../api/cvtheque/criteria.js';
import { searchProfiles } from '../api/cvtheque/service.js';
import { offerCriteria, rankMatches } from '../api/matching/service.js';
import type { MatchCriteria } from '../workflows/matching-criteria.js';
import { communeNames } from '../models/communes.js';
import { channelsFor } from '../models/notification-preferences.js';
import type { ActivityDeps } from './deps.js';
import { createMailer, renderMail } from './mail.js';
import { letterBlocks } from './notices.js';

/** What a run looks for: the CVthèque's criteria, or matching criteria and a threshold (an offer's, read at this run). */
export type AlertSearch = { kind: 'cvtheque'; criteria: CvthequeCriteria } | { kind: 'matching'; criteria: MatchCriteria; minScore: number };

export interface SavedSearchForAlert {
  id: string;
  companyId: string;
  userId: string;
  search: AlertSearch;
}

/** A profile to announce; its score when the search is a matching. */
export interface NewMatch {
  candidateId: string;
  score: number | null;
}

/** The candidates matching the saved search whose profile became visible in the CVthèque after `since`. */
export type FindNewMatches = (savedSearch: SavedSearchForAlert, since: Date) => Promise<NewMatch[]>;

/** How many headlines one mail lists (the others are counted). */
export const ALERT_MAIL_MAX_LISTED = 20;
/** How many new profiles one run announces at most (the next run takes the rest). */
const ALERT_MAX_PROFILES = 200;

/**
 * The search with the saved criteria, as the author's company sees it, among profiles made visible since
 * `since`: the CVthèque's own search, or the matching's (the threshold's, best first, never those announced).
 */
export function newMatches(sequelize: Sequelize): FindNewMatches {
  return async ({ id, companyId, search }, since) => {
    if (search.kind === 'matching') {
      const ranked = await rankMatches(sequelize, search.criteria, { companyId }, { minScore: search.minScore, page: 1, pageSize: ALERT_MAX_PROFILES, visibleAfter: since, notAnnouncedBy: id });
      return ranked.page.map((match) => ({ candidateId: match.id, score: match.score }));
    }
    const found = await searchProfiles(sequelize, search.criteria, { companyId }, { page: 1, pageSize: ALERT_MAX_PROFILES, visibleAfter: since, facets: false });
    return found.items.map((item) => ({ candidateId: item.candidateId, score: null }));
  };
}

export interface RunSavedSearchAlertInput {
  savedSearchId: string;
  /** The run (its workflow and run ids): what a retry of the same run shares. */
  batch: string;
}

export type AlertOutcome =
  | 'sent'
  | 'already-sent'
  | 'nothing-new'
  | 'mail-not-wanted'
  | 'alert-off'
  | 'recruiter-inactive'
  /** Its offer is archived, expired or otherwise no longer published: alert off, Schedule paused. */
  | 'offer-not-published'
  | 'gone'
  | 'criteria-invalid';

interface SearchRow extends StoredSearchRow {
  email: string;
  first_name: string;
}

export function createSavedSearchAlertActivities(deps: ActivityDeps & { findNewMatches?: FindNewMatches }) {
  const { sequelize, config, logger } = deps;
  const mailer = createMailer(deps);
  const findNewMatches = deps.findNewMatches ?? newMatches(sequelize);
  const schedules = () =>
    deps.temporal
      ? savedSearchSchedules(deps.temporal, { TEMPORAL_TASK_QUEUE: '', SAVED_SEARCH_ALERT_INTERVAL: 86_400_000 })
      : null;

  return {
    async runSavedSearchAlert(input: RunSavedSearchAlertInput): Promise<AlertOutcome> {
      const [search] = await sequelize.query<SearchRow>(
        `SELECT s.id, s.company_id, s.user_id, s.name, s.kind, s.criteria, s.min_score, s.offer_id, s.alert, s.created_at, s.last_alert_at, u.email, u.first_name
         FROM saved_searches s JOIN users u ON u.id = s.user_id WHERE s.id = :id`,
        { type: QueryTypes.SELECT, replacements: { id: input.savedSearchId } },
      );
      if (!search) {
        // The row is gone (deleted, or never written after its Schedule was made): so goes the Schedule.
        await schedules()?.remove(input.savedSearchId);
        return 'gone';
      }
      if (!search.alert) {
        await schedules()?.pause(input.savedSearchId, 'Alerte désactivée (constaté par son exécution)');
        return 'alert-off';
      }
      // The row says so too (alert off, as its author will find it), then the Schedule is paused.
      const turnOff = async (note: string) => {
        await sequelize.query(`UPDATE saved_searches SET alert = false, updated_at = now() WHERE id = :id`, { replacements: { id: search.id } });
        await schedules()?.pause(input.savedSearchId, note);
      };
      if ((await activeRecruiterCompany(sequelize, search.user_id)) !== search.company_id) {
        await turnOff('Recruteur désactivé ou entreprise non vérifiée');
        return 'recruiter-inactive';
      }
      const stored = storedSearch(search);
      if (!stored) {
        logger.warn({ savedSearchId: search.id }, 'saved search criteria no longer valid: no alert');
        return 'criteria-invalid';
      }
      let looked: AlertSearch;
      let offerTitle: string | null = null;
      if (stored.kind !== 'offer-matching') looked = stored;
      else {
        // The offer as it is now: its ideal candidate edited since is what this run looks for.
        const offer = await offerCriteria(sequelize, stored.offerId);
        if (!offer?.online) {
          await turnOff('Offre archivée, expirée ou dépubliée');
          return 'offer-not-published';
        }
        looked = { kind: 'matching', criteria: offer.criteria, minScore: stored.minScore };
        offerTitle = offer.title;
      }
      const key = `saved-search-alert:${search.id}:${input.batch}`;

      // Record this run's batch once: a retry whose mail is already in the outbox adds nothing to it.
      const [queued] = await sequelize.query(`SELECT 1 FROM email_outbox WHERE idempotency_key = :key`, { type: QueryTypes.SELECT, replacements: { key } });
      if (!queued) {
        const until = new Date();
        const since = search.last_alert_at ?? search.created_at;
        const found = await findNewMatches({ id: search.id, companyId: search.company_id, userId: search.user_id, search: looked }, since);
        await sequelize.transaction(async (transaction) => {
          if (found.length) {
            await sequelize.query(
              `INSERT INTO saved_search_alerts (saved_search_id, candidate_id, batch, score)
               SELECT :id, c, :batch, s FROM unnest(ARRAY[:ids]::uuid[], ARRAY[:scores]::smallint[]) AS f(c, s) ON CONFLICT (saved_search_id, candidate_id) DO NOTHING`,
              { replacements: { id: search.id, batch: input.batch, ids: found.map((f) => f.candidateId), scores: found.map((f) => f.score) }, transaction },
            );
          }
          await sequelize.query(`UPDATE saved_searches SET last_alert_at = GREATEST(coalesce(last_alert_at, :until), :until) WHERE id = :id`, {
            replacements: { id: search.id, until },
            transaction,
          });
        });
      }

      // This batch's profiles still in the CVthèque (one withdrawn since is not announced).
      const profiles = await sequelize.query<{ user_id: string; headline: string | null; score: number | null }>(
        `SELECT p.user_id, p.headline, a.score FROM saved_search_alerts a
         JOIN candidate_profiles p ON p.user_id = a.candidate_id JOIN users u ON u.id = p.user_id
         WHERE a.saved_search_id = :id AND a.batch = :batch AND ${VISIBLE_PROFILE}
         ORDER BY a.score DESC NULLS LAST, p.cvtheque_visible_at, p.user_id`,
        { type: QueryTypes.SELECT, replacements: { id: search.id, batch: input.batch } },
      );
      if (!profiles.length) return 'nothing-new';
      if (!((await channelsFor([search.user_id], 'saved_search_alert')).get(search.user_id)?.email ?? true)) return 'mail-not-wanted';

      const count = profiles.length === 1 ? 'un nouveau profil correspond' : `${profiles.length} nouveaux profils correspondent`;
      const listed = profiles.slice(0, ALERT_MAIL_MAX_LISTED);
      const more = profiles.length - listed.length;
      const summary = searchSummary(stored, await communeNames(sequelize, searchCommunes(stored)), offerTitle);
      const where = stored.kind === 'cvtheque' ? 'Dans la CVthèque' : 'Dans la CVthèque, par le matching';
      const headline = (p: (typeof profiles)[number]) => `${p.score === null ? '' : `${p.score} % — `}${p.headline || 'Profil sans titre'}`;
      const { text, html } = renderMail(
        letterBlocks(
          search.first_name,
          {
            paragraphs: [`${where}, ${count} à votre recherche enregistrée « ${search.name} ».`, `Ses critères : ${summary}.`],
            details: [
              {
                kind: 'facts',
                items: listed.map((p, i): [string, string] => [`${i + 1}. ${headline(p)}`, `${config.PUBLIC_URL}/recruteur/cvtheque/profils/${p.user_id}`]),
              },
            ],
            closing: [
              ...(more > 0 ? [`Et ${more} autre${more > 1 ? 's' : ''} : relancez la recherche pour les voir.`] : []),
              'Pour arrêter ces e-mails, coupez l’alerte dans « Listes et alertes » ou dans vos préférences de notification.',
            ],
          },
          { label: 'Relancer la recherche', href: `${config.PUBLIC_URL}${searchLink(stored)}` },
        ),
      );
      return mailer.sendOnce({
        key,
        to: search.email,
        subject: `${profiles.length === 1 ? 'Un nouveau profil' : `${profiles.length} nouveaux profils`} — « ${search.name} »`,
        text,
        html,
        workflowId: input.batch.split('/')[0],
      });
    },
  };
}
