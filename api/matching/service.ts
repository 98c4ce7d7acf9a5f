// Matching (issue #18, item 3; seed 004 methods 1 and 2): the consenting profiles that best meet a
// recruiter's criteria, best first, each with its explanation. Exported for the other parts:
//
//   findMatches(sequelize, criteria, viewer, { minScore, page, pageSize, visibleAfter?, notAnnouncedBy? }) → { items, total, page, pageSize, minScore }
//     `GET /api/offers/:id/matches` (offerMatchCriteria(offer)) and `POST /api/matching` call it; it does
//     not check who asks: the routes do (cvthequeViewer).
//   rankMatches(…same…) → { total, page: [{ id, seen, score }] }: the ranking alone, no profile loaded nor
//     explained. A saved matching search's alert (activities/saved-search-alert.ts) calls it with
//     `visibleAfter` and `notAnnouncedBy` (its saved search).
//   matchProfileOf(sequelize, candidateId, criteria) → MatchProfile | null
//     one profile as scoreMatch reads it (an application's match), whatever its CVthèque consent: the
//     candidate applied.
//
// Who is found is the CVthèque's rule (api/cvtheque/service.ts): the CVthèque consent given, the account
// enabled; RQTH only when shared; no name. The ranking is engine.ts's, in PostgreSQL; the page's profiles
// are then rated by scoreMatch, whose score and explanation the items carry (the same score: proven by
// test/matching.test.ts).
import { QueryTypes, type Sequelize } from 'sequelize';
import { resolveCommune, type Commune } from '../../models/communes.js';
import type { ContractType, DrivingLicence, EducationLevel, ProfileLanguage, RemoteMode, WorkingTime } from '../../workflows/candidate-profile.js';
import type { CriterionMatch, Match, MatchCriteria, MatchProfile } from '../../workflows/matching-criteria.js';
import { MATCH_DEFAULT_MIN_SCORE, scoreMatch } from '../../workflows/matching.js';
import { metierLabel } from '../../workflows/metiers.js';
import { invalidField, notFound } from '../errors.js';
import { offerMatchCriteria } from '../../workflows/offer-ideal-candidate.js';
import { cvthequeViewer, type CvthequeViewer } from '../cvtheque/service.js';
import { offerOnline } from '../offers/online.js';
import { queryWithSettings, type User } from '../../models/index.js';
import { matchSql, NEAREST_ORDER, PLACE_KM, ratedCtes } from './engine.js';

export interface MatchOptions {
  minScore?: number;
  page: number;
  pageSize: number;
  /** Only the profiles made visible in the CVthèque after this time (a saved search's alert). */
  visibleAfter?: Date;
  /** Leaves out the profiles this saved search already announced (saved_search_alerts). */
  notAnnouncedBy?: string;
}

export interface MatchItem {
  candidateId: string;
  headline: string | null;
  metierTitles: string[];
  /** The place nearest to the commune asked (null when no place is asked, or the profile names none). */
  place: { name: string; distanceKm: number; approximate: boolean } | null;
  /** Only when the person shares it (as in the CVthèque); null otherwise. */
  rqth: boolean | null;
  score: number;
  criteria: CriterionMatch[];
  seen: boolean;
}

export interface MatchList {
  items: MatchItem[];
  total: number;
  page: number;
  pageSize: number;
  minScore: number;
}

/** The commune of the place asked; an unknown code is a 400 under `criteria.place.insee`. */
export async function centerOf(sequelize: Sequelize, criteria: MatchCriteria): Promise<Commune | null> {
  if (!criteria.place) return null;
  const commune = await resolveCommune(sequelize, criteria.place.insee);
  if (!commune) throw invalidField('criteria.place.insee', `aucune commune n’a le code INSEE ${criteria.place.insee}`);
  return commune;
}

const VISIBLE = `p.cvtheque_visible_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = p.user_id AND u.disabled_at IS NOT NULL)`;

/** One page of the ranking: the profiles' ids and scores (rated in SQL, as scoreMatch rates), best first. */
export interface RankedPage {
  total: number;
  page: Array<{ id: string; seen: boolean; score: number }>;
  center: Commune | null;
  minScore: number;
}

/** The ranking alone, without loading nor explaining the profiles: what an alert needs. */
export async function rankMatches(sequelize: Sequelize, criteria: MatchCriteria, viewer: CvthequeViewer, options: MatchOptions): Promise<RankedPage> {
  const minScore = options.minScore ?? MATCH_DEFAULT_MIN_SCORE;
  const center = await centerOf(sequelize, criteria);
  const sql = matchSql(criteria, center);
  const where = [VISIBLE];
  if (options.visibleAfter) where.push('p.cvtheque_visible_at > :visibleAfter');
  if (options.notAnnouncedBy) where.push('NOT EXISTS (SELECT 1 FROM saved_search_alerts a WHERE a.saved_search_id = :notAnnouncedBy AND a.candidate_id = p.user_id)');
  // Ranking every consenting profile, the covering index (migration 0032) is the path: misjudging the
  // rating's filters (3 rows expected for 13,000), the planner would read the 165 MB table instead, by a
  // bitmap or a sequential scan. An alert's few newly visible profiles keep the planner's choice.
  const settings: Record<string, string> = options.visibleAfter ? {} : { enable_seqscan: 'off', enable_bitmapscan: 'off' };
  const [row] = await queryWithSettings<{ total: string; page: Array<{ id: string; seen: boolean; score: number }> }>(
    sequelize,
    settings,
    `WITH ${ratedCtes(sql, where, true)},
     scored AS MATERIALIZED (SELECT user_id, updated_at, score FROM rated WHERE passes AND score >= :minScore)
     SELECT (SELECT count(*) FROM scored) AS total,
            (SELECT coalesce(json_agg(json_build_object('id', x.user_id, 'seen', cc.first_seen_at IS NOT NULL, 'score', x.score) ORDER BY x.score DESC, x.updated_at DESC, x.user_id), '[]'::json)
               -- A plain ORDER BY … LIMIT: a top-N heap sort in memory (a window function over it sorted every match, on disk past 4 MB).
               FROM (SELECT user_id, score, updated_at FROM scored ORDER BY score DESC, updated_at DESC, user_id LIMIT :limit OFFSET :offset) x
               LEFT JOIN cvtheque_company_candidates cc ON cc.company_id = CAST(:company AS uuid) AND cc.candidate_id = x.user_id) AS page`,
    {
      replacements: {
        ...sql.replacements,
        minScore,
        company: viewer.companyId,
        limit: options.pageSize,
        offset: (options.page - 1) * options.pageSize,
        visibleAfter: options.visibleAfter ?? null,
        notAnnouncedBy: options.notAnnouncedBy ?? null,
      },
    },
  );
  return { total: Number(row!.total), page: row!.page, center, minScore };
}

export async function findMatches(sequelize: Sequelize, criteria: MatchCriteria, viewer: CvthequeViewer, options: MatchOptions): Promise<MatchList> {
  const { total, page, center, minScore } = await rankMatches(sequelize, criteria, viewer, options);
  const profiles = await loadProfiles(sequelize, page.map((x) => x.id), center);
  const items = page.flatMap(({ id, seen }) => {
    const loaded = profiles.get(id);
    if (!loaded) return []; // deleted between the two reads
    const match = scoreMatch(criteria, loaded.profile);
    const place = criteria.place && loaded.profile.place;
    return [
      {
        candidateId: id,
        headline: loaded.headline,
        metierTitles: loaded.profile.metiers.map(metierLabel),
        place: place ? { name: place.name, distanceKm: Math.round(place.distanceKm * 10) / 10, approximate: place.approximate } : null,
        rqth: loaded.rqth,
        score: match.score,
        criteria: match.criteria,
        seen,
      },
    ];
  });
  return { items, total, page: options.page, pageSize: options.pageSize, minScore };
}

interface LoadedProfile {
  profile: MatchProfile;
  headline: string | null;
  rqth: boolean | null;
}

/** These profiles as scoreMatch reads them, the place measured from `center` (the nearest by NEAREST_ORDER, as the ranking). */
async function loadProfiles(sequelize: Sequelize, ids: string[], center: Commune | null): Promise<Map<string, LoadedProfile>> {
  if (!ids.length) return new Map();
  const nearest = center
    ? `(SELECT json_build_object('km', x.km, 'radiusKm', x.radius_km, 'name', x.name, 'approximate', x.approximate OR CAST(:centerApproximate AS boolean))
          FROM (SELECT ${PLACE_KM} AS km, cp.radius_km, c.name, c.approximate, cp.insee
                  FROM candidate_places cp JOIN communes c ON c.insee = cp.insee WHERE cp.candidate_id = p.user_id
                 ORDER BY ${NEAREST_ORDER} LIMIT 1) x)`
    : 'NULL::json';
  const rows = await sequelize.query<Record<string, any>>(
    `SELECT p.user_id AS id, p.headline, p.metiers, p.experience_months AS "experienceMonths", p.education_level AS "educationLevel",
            p.contract_types AS "contractTypes", p.working_times AS "workingTimes", p.remote, p.driving_licences AS "drivingLicences",
            p.languages, p.skills, CASE WHEN p.rqth_shared_at IS NOT NULL THEN p.rqth END AS rqth, ${nearest} AS nearest
       FROM candidate_profiles p WHERE p.user_id IN (:ids)`,
    {
      type: QueryTypes.SELECT,
      replacements: { ids, lat: center?.latitude ?? null, lon: center?.longitude ?? null, centerApproximate: center?.approximate ?? false },
    },
  );
  return new Map(
    rows.map((x) => [
      x.id as string,
      {
        headline: x.headline ?? null,
        rqth: x.rqth ?? null,
        profile: {
          metiers: x.metiers ?? [],
          experienceMonths: x.experienceMonths ?? 0,
          educationLevel: (x.educationLevel ?? null) as EducationLevel | null,
          contractTypes: (x.contractTypes ?? []) as ContractType[],
          workingTimes: (x.workingTimes ?? []) as WorkingTime[],
          remote: (x.remote ?? null) as RemoteMode | null,
          drivingLicences: (x.drivingLicences ?? []) as DrivingLicence[],
          languages: (x.languages ?? []) as ProfileLanguage[],
          skills: x.skills ?? [],
          place: x.nearest ? { distanceKm: Number(x.nearest.km), candidateRadiusKm: Number(x.nearest.radiusKm), approximate: Boolean(x.nearest.approximate), name: x.nearest.name } : null,
        },
      },
    ]),
  );
}

/** One profile as scoreMatch reads it for these criteria (an application's match); null when there is none. */
export async function matchProfileOf(sequelize: Sequelize, candidateId: string, criteria: MatchCriteria): Promise<MatchProfile | null> {
  const center = await centerOf(sequelize, criteria);
  return (await loadProfiles(sequelize, [candidateId], center)).get(candidateId)?.profile ?? null;
}

/**
 * The ranking's own view of these profiles, without the visibility rule nor the threshold: each
 * criterion's result (an index of MATCH_RESULTS), whether the indispensable criteria pass, the score.
 * For the proof that SQL and scoreMatch agree (test/matching.test.ts) and for the bench's EXPLAIN.
 */
export async function rateInSql(sequelize: Sequelize, criteria: MatchCriteria, ids: string[], options: { filterMinScore?: number } = {}) {
  const center = await centerOf(sequelize, criteria);
  const sql = matchSql(criteria, center);
  const filter = options.filterMinScore !== undefined;
  // With filterMinScore, through findMatches's pre-filters (the place's reach, the best score possible):
  // the proof that they leave out no profile the ranking keeps.
  return sequelize.query<{ id: string; results: Record<string, number>; indispensable: boolean; score: number }>(
    `WITH ${ratedCtes(sql, ['p.user_id IN (:ids)'], filter)}
     SELECT r.user_id AS id, to_jsonb(r) - 'user_id' - 'updated_at' - 'score' - 'passes' AS results, r.passes AS indispensable, r.score FROM rated r`,
    { type: QueryTypes.SELECT, replacements: { ...sql.replacements, ids, minScore: options.filterMinScore ?? 0 } },
  );
}

/**
 * An offer's criteria (its ideal candidate, its contract and remote mode: offerMatchCriteria) for one who may
 * match: an admin, or a recruiter of the offer's company — another company's offer is a 404, whatever its
 * status (seed 004 matches unpublished offers too).
 */
export async function offerCriteriaFor(sequelize: Sequelize, viewer: CvthequeViewer, offerId: string): Promise<MatchCriteria> {
  const offer = await offerCriteria(sequelize, offerId);
  if (!offer || (viewer.companyId !== null && offer.companyId !== viewer.companyId)) throw notFound('Offre');
  return offer.criteria;
}

export interface OfferCriteria {
  companyId: string;
  criteria: MatchCriteria;
  title: string;
  /** Published and not expired (offerOnline): what a saved search's alert follows. */
  online: boolean;
}

/** An offer's matching criteria (offerMatchCriteria of its row), its company, title and whether it is online; null when there is no such offer. */
export async function offerCriteria(sequelize: Sequelize, offerId: string): Promise<OfferCriteria | null> {
  const [offer] = await sequelize.query<{ company_id: string; ideal_candidate: unknown; contract_type: ContractType; remote: RemoteMode; title: string; online: boolean }>(
    `SELECT company_id, ideal_candidate, contract_type, remote, title, ${offerOnline()} AS online FROM offers WHERE id = :offerId`,
    { type: QueryTypes.SELECT, replacements: { offerId } },
  );
  return offer ? { companyId: offer.company_id, criteria: offerMatchCriteria(offer), title: offer.title, online: offer.online } : null;
}

/**
 * How a candidate's profile meets an offer (an application's match, issue #18 item 4): null when the offer
 * is gone or the candidate has no profile. The same scoring as the matches.
 */
export async function candidateMatch(sequelize: Sequelize, offerId: string, candidateId: string): Promise<Match | null> {
  const offer = await offerCriteria(sequelize, offerId);
  const profile = offer && (await matchProfileOf(sequelize, candidateId, offer.criteria));
  return offer && profile ? scoreMatch(offer.criteria, profile) : null;
}

export function matchingService({ sequelize }: { sequelize: Sequelize }) {
  return {
    /** Who may match (the CVthèque's viewers; 403 otherwise), and as whom. */
    viewer: (user: User) => cvthequeViewer(sequelize, user),
    find: (criteria: MatchCriteria, viewer: CvthequeViewer, options: MatchOptions) => findMatches(sequelize, criteria, viewer, options),
    /** The best profiles for an offer (method 1 of seed 004). */
    async forOffer(viewer: CvthequeViewer, offerId: string, options: MatchOptions) {
      return findMatches(sequelize, await offerCriteriaFor(sequelize, viewer, offerId), viewer, options);
    },
  };
}
