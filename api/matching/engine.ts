// The matching's ranking in PostgreSQL (issue #18, item 3): workflows/matching.ts's rules written as SQL,
// so that 100,000 profiles are rated, filtered and ordered by the database, and only a page of them is
// rated again in TypeScript for its explanation. Every number comes from matching.ts (weights, credits,
// thresholds, approximations) or from the criteria; none is restated here. test/matching.test.ts proves
// the two agree, criterion by criterion, on a varied set of profiles and criteria.
//
// Each criterion asked gives its result as an index of MATCH_RESULTS; the score is matchScore's
// 100 × Σ weight × credit / Σ weight rounded half up, in integers (credits scaled by a power of two, so
// the arithmetic is exact as in matchScore); the indispensable criteria keep only INDISPENSABLE_PASSES.
//
// Columns read (alias p = candidate_profiles, n = the profile's place nearest to the searched commune):
// those of the covering index (migrations 0032, 0035); the skills through `skill_hashes` (the hash of each
// skill's matching_skill_key, which is skillKey in SQL), the métier's family through `metier_families`, the
// languages through `language_keys`. Métier codes are
// compared as stored: the profile's schema stores them trimmed and in capitals, as rate() reads them.
import type { Commune } from '../../models/communes.js';
import { PROFILE_LIMITS } from '../../workflows/candidate-profile.js';
import { MATCH_CRITERIA, MATCH_RESULTS, SILENT_PROFILE } from '../../workflows/matching-criteria.js';
import type { MatchCriteria, MatchCriterion, MatchProfile, MatchResult } from '../../workflows/matching-criteria.js';
import {
  educationApproximateLevel,
  experienceThresholds,
  INDISPENSABLE_PASSES,
  MATCH_CREDIT,
  MATCH_WEIGHTS,
  placeThresholds,
  rateCriterion,
  REMOTE_APPROXIMATE,
  skillKey,
} from '../../workflows/matching.js';
import { familyOf } from '../../workflows/metiers.js';

// A profile that says nothing (SILENT_PROFILE): rate() decides whether a criterion is asked before it reads the profile, so rating it tells which are.

/** The criteria the recruiter asked (those scoreMatch rates), in MATCH_CRITERIA's order. */
export function askedCriteria(criteria: MatchCriteria): MatchCriterion[] {
  return MATCH_CRITERIA.filter((c) => rateCriterion(c, criteria, SILENT_PROFILE) !== null);
}

const R = (result: MatchResult) => MATCH_RESULTS.indexOf(result);
const F = R('FOUND');
const A = R('APPROXIMATE');
const NS = R('NOT_SPECIFIED');
const NF = R('NOT_FOUND');

/** The smallest power of two that makes every credit a whole number: points are then integers. */
const CREDIT_SCALE = (() => {
  let scale = 1;
  while (Object.values(MATCH_CREDIT).some((c) => !Number.isInteger(c * scale))) scale *= 2;
  return scale;
})();

/** The nearest place (FROM candidate_places cp) first: distance in km, then the widest radius, then the code. */
export const NEAREST_ORDER = 'km, cp.radius_km DESC, cp.insee';
/** The distance in km from the searched commune (:lat, :lon) to a place, as both the ranking and the explanation read it. */
export const PLACE_KM = 'earth_distance(cp.point, ll_to_earth(:lat, :lon)) / 1000';

const list = (values: readonly (string | number)[]) => values.join(', ');

export interface MatchSql {
  /** Each criterion asked, its result as an index of MATCH_RESULTS (a SQL expression on `p`, or on `n` for the place). */
  results: Array<{ criterion: MatchCriterion; sql: string }>;
  /** The indispensable criteria asked. */
  indispensable: MatchCriterion[];
  /** The score 0–100 from the results' columns, each read by `column`. */
  score: (column: (criterion: MatchCriterion) => string) => string;
  /** Whether the place is asked: it is rated last, from `n`, the profile's nearest place. */
  place: boolean;
  replacements: Record<string, unknown>;
}

/**
 * The criteria as SQL: one expression per criterion asked, the indispensable ones and the score.
 * `center` is the asked place's commune, resolved (required when a place is asked).
 */
export function matchSql(criteria: MatchCriteria, center: Pick<Commune, 'latitude' | 'longitude'> | null): MatchSql {
  const asked = askedCriteria(criteria);
  const replacements: Record<string, unknown> = {};
  const results = asked.map((criterion) => ({ criterion, sql: resultSql(criterion, criteria, center, replacements) }));
  const indispensable = asked.filter((c) => (criteria.indispensable ?? []).includes(c));
  const total = asked.reduce((sum, c) => sum + MATCH_WEIGHTS[c], 0);
  const points = (c: MatchCriterion, column: string) => `(ARRAY[${list(MATCH_RESULTS.map((r) => MATCH_WEIGHTS[c] * MATCH_CREDIT[r] * CREDIT_SCALE))}])[${column} + 1]`;
  // floor(100 × earned / total + ½) with earned and total scaled: (200 e + s t) div (2 s t), all integers.
  const score = (column: (criterion: MatchCriterion) => string) =>
    total ? `((200 * (${asked.map((c) => points(c, column(c))).join(' + ')}) + ${CREDIT_SCALE * total}) / ${2 * CREDIT_SCALE * total})` : '100';
  return { results, indispensable, score, place: asked.includes('place'), replacements };
}

const quote = (criterion: MatchCriterion) => `"${criterion}"`;

function resultSql(criterion: MatchCriterion, c: MatchCriteria, center: Pick<Commune, 'latitude' | 'longitude'> | null, replacements: Record<string, unknown>): string {
  const array = (name: string, values: readonly string[]) => {
    replacements[name] = values;
    return `ARRAY[:${name}]::text[]`;
  };
  switch (criterion) {
    case 'metier': {
      const code = c.metier!.trim().toUpperCase();
      replacements.metier = code;
      const family = familyOf(code);
      // A code of the family: the profile keeps its families (migration 0035), no pattern per profile.
      replacements.metierFamily = family ?? null;
      const near = family ? `WHEN :metierFamily = ANY(p.metier_families) THEN ${A}` : '';
      return `CASE WHEN cardinality(p.metiers) = 0 THEN ${NS} WHEN :metier = ANY(p.metiers) THEN ${F} ${near} ELSE ${NF} END`;
    }
    case 'experience': {
      const { found, approximate } = experienceThresholds(c.experienceYears!);
      return `CASE WHEN p.experience_months >= ${found} THEN ${F} WHEN p.experience_months >= ${approximate} THEN ${A} ELSE ${NF} END`;
    }
    case 'education': {
      const level = c.educationLevel!;
      const below = educationApproximateLevel(level);
      return `CASE WHEN p.education_level IS NULL THEN ${NS} WHEN p.education_level >= ${level} THEN ${F}${below === null ? '' : ` WHEN p.education_level = ${below} THEN ${A}`} ELSE ${NF} END`;
    }
    case 'contractType':
    case 'workingTime': {
      const column = criterion === 'contractType' ? 'p.contract_types' : 'p.working_times';
      const values = [...new Set<string>((criterion === 'contractType' ? c.contractTypes : c.workingTimes) ?? [])];
      return `CASE WHEN cardinality(${column}) = 0 THEN ${NS} WHEN ${column} && ${array(criterion, values)} THEN ${F} ELSE ${NF} END`;
    }
    case 'drivingLicence': {
      const held = array('drivingLicences', [...new Set<string>(c.drivingLicences ?? [])]);
      return `CASE WHEN cardinality(p.driving_licences) = 0 THEN ${NS} WHEN p.driving_licences @> ${held} THEN ${F} WHEN p.driving_licences && ${held} THEN ${A} ELSE ${NF} END`;
    }
    case 'language': {
      // Each code once, its last level (as rate() reads them), against the profile's language keys
      // (migration 0035: « en » spoken, « en:B1 » spoken at B1 or above).
      const asked = [...new Map((c.languages ?? []).map((l) => [l.code, l])).values()];
      const spoken = array('languageCodes', asked.map((l) => l.code));
      const atLevel = array('languageLevels', asked.map((l) => `${l.code}:${l.level}`));
      // None spoken is not found; else all at their level is found, else approximate.
      return `CASE WHEN cardinality(p.language_keys) = 0 THEN ${NS} WHEN NOT (p.language_keys && ${spoken}) THEN ${NF} WHEN p.language_keys @> ${atLevel} THEN ${F} ELSE ${A} END`;
    }
    case 'place': {
      if (!center) throw new Error('matchSql: the place asked needs its commune resolved');
      replacements.lat = center.latitude;
      replacements.lon = center.longitude;
      // The thresholds of every radius a profile may hold, from placeThresholds, indexed by radius + 1.
      const radii = Array.from({ length: PROFILE_LIMITS.radiusKmMax + 1 }, (_, r) => placeThresholds(c.place!.radiusKm, r));
      // The pre-filter of an indispensable place (ratedCtes): each place's approximate reach by its radius,
      // and for the places' index, which enlarges each place's box by its own radius, the reach left to
      // add around the commune, the widest over the radii (a metre more, for the rounding).
      replacements.placeApproximateKm = radii.map((t) => t.approximate);
      replacements.placeReachM = Math.max(...radii.map((t, r) => t.approximate - r)) * 1000 + 1;
      return `CASE WHEN n.km IS NULL THEN ${NS}
        WHEN n.km <= (ARRAY[${list(radii.map((t) => t.found))}]::float8[])[n.radius_km + 1] THEN ${F}
        WHEN n.km <= (ARRAY[${list(radii.map((t) => t.approximate))}]::float8[])[n.radius_km + 1] THEN ${A} ELSE ${NF} END`;
    }
    case 'remote': {
      const mode = c.remote!;
      replacements.remote = mode;
      const near = REMOTE_APPROXIMATE[mode];
      return `CASE WHEN p.remote IS NULL THEN ${NS} WHEN p.remote = :remote THEN ${F}${near.length ? ` WHEN p.remote = ANY(${array('remoteNear', near)}) THEN ${A}` : ''} ELSE ${NF} END`;
    }
    case 'skills': {
      replacements.skillKeys = [...new Set((c.skills ?? []).map(skillKey))].filter(Boolean);
      const hashes = `ARRAY(SELECT hashtextextended(k, 0) FROM unnest(ARRAY[:skillKeys]::text[]) k)`;
      return `CASE WHEN cardinality(p.skill_hashes) = 0 THEN ${NS} WHEN p.skill_hashes @> ${hashes} THEN ${F} WHEN p.skill_hashes && ${hashes} THEN ${A} ELSE ${NF} END`;
    }
  }
}

const passes = (column: string) => `${column} IN (${list(INDISPENSABLE_PASSES.map(R))})`;

/**
 * The CTEs `base` and `rated` of profiles rated by `sql`: `rated` has user_id, updated_at, one column per
 * criterion asked (its result), `score` and `passes` (every indispensable criterion met). `where` are
 * conditions on the profile `p`. With `filter`, the profiles below :minScore or failing an indispensable
 * criterion are left out as early as possible: the criteria read from the profile's own row first (an
 * index-only scan of 0032's covering index), and the place — the one criterion that reads other rows — only
 * for the profiles that could still reach :minScore were it found.
 */
export function ratedCtes(sql: MatchSql, where: string[], filter: boolean): string {
  const own = sql.results.filter((r) => r.criterion !== 'place');
  const place = sql.results.find((r) => r.criterion === 'place');
  const col = (c: MatchCriterion) => `b.${quote(c)}`;
  const conditions = [...where];
  if (filter) {
    conditions.push(...sql.indispensable.filter((c) => c !== 'place').map((c) => passes(`r.${quote(c)}`)));
    // A place, the only indispensable criterion: the profiles with a place within reach first (the places'
    // GiST index of 0030). With another one (a métier…), that one leaves fewer profiles to place one by one.
    if (sql.indispensable.length === 1 && sql.indispensable[0] === 'place') {
      conditions.push(`p.user_id IN (SELECT cp.candidate_id FROM candidate_places cp
        WHERE earth_box(cp.point, cp.radius_km * 1000) && earth_box(ll_to_earth(:lat, :lon), :placeReachM)
          AND ${PLACE_KM} <= (ARRAY[:placeApproximateKm]::float8[])[cp.radius_km + 1])`);
    }
    // The best the place could add: found.
    conditions.push(`${sql.score((c) => (c === 'place' ? String(F) : `r.${quote(c)}`))} >= :minScore`);
  }
  const columns = own.map((r) => `${r.sql} AS ${quote(r.criterion)}`).join(',\n        ');
  return `base AS (
      SELECT p.user_id, p.updated_at${own.length ? ', r.*' : ''}
        FROM candidate_profiles p${own.length ? `\n        CROSS JOIN LATERAL (SELECT ${columns}) r` : ''}
       WHERE ${conditions.join('\n         AND ')}
    ),
    rated AS (
      SELECT b.*, s.score, ${sql.indispensable.length ? sql.indispensable.map((c) => passes(col(c))).join(' AND ') : 'TRUE'} AS passes
        FROM ${
          place
            ? `(SELECT b.*, ${place.sql} AS "place" FROM base b
          LEFT JOIN LATERAL (SELECT k[1] AS km, (-k[2])::int AS radius_km FROM (
            -- The nearest place by NEAREST_ORDER: the lowest [km, -radius] (the commune's code only names it).
            SELECT min(ARRAY[${PLACE_KM}, -cp.radius_km::float8]) AS k FROM candidate_places cp WHERE cp.candidate_id = b.user_id) t) n ON TRUE) b`
            : 'base b'
        }
        CROSS JOIN LATERAL (SELECT ${sql.score(col)} AS score) s
    )`;
}
