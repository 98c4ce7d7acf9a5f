// The CVthèque search (issue #17, items 3–5 and 7), in PostgreSQL. Exported for the other parts:
//
//   searchProfiles(sequelize, criteria, viewer, { page, pageSize, visibleAfter?, excludeIds?, facets? })
//     → { items, total, page, pageSize, facets }
//   The saved searches' alerts (part `lists`) call it with the stored criteria, `viewer.companyId` the
//   alert owner's company, `visibleAfter` (profiles made visible after the last alert) and `facets: false`.
//   It does not check who asks: the routes (cvthequeViewer) do.
//
// Rules (README « CVthèque »):
// - only profiles whose CVthèque consent is given (`cvtheque_visible_at`) of enabled accounts: a
//   withdrawal or a disabled account leaves the very next answer;
// - text: mode `all` is PostgreSQL's websearch syntax (words ANDed, "phrase", -exclusion, OR), mode `any`
//   makes every positive word or phrase optional (OR), exclusions still exclude, best matches first; the
//   words found in metier_word_forms are written in the masculine first (cvtheque_masculine, the same
//   function as the document's), plurals are the stemmer's;
// - places: a profile matches `near` when one of its places lies within the searched radius plus the
//   candidate's own radius of one of the searched communes; `department` when one of its places is in one
//   of them; with both, either suffices (they are all places the recruiter looks at);
// - filters: several values of contractType, workingTime, experience: any of them; of language and
//   drivingLicence: all of them; educationLevel: at least; rqth=true: only profiles whose RQTH is shared
//   (rqth=false filters nothing: whether someone has no RQTH is never asked);
// - facets: each value's count is the total one would get with that value alone selected for its filter,
//   every other criterion kept.
import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import { querySerial, type User } from '../../models/index.js';
import { communeNames, resolveCommune, type Commune } from '../../models/communes.js';
import {
  ACTIVITY_BUCKETS,
  AVAILABILITY_BUCKETS,
  CONTRACT_TYPE_LABEL,
  CONTRACT_TYPES,
  DRIVING_LICENCE_LABEL,
  DRIVING_LICENCES,
  EDUCATION_LEVEL_LABEL,
  EDUCATION_LEVELS,
  EXPERIENCE_BUCKETS,
  LANGUAGE_LABEL,
  LANGUAGES,
  WORKING_TIME_LABEL,
  WORKING_TIMES,
} from '../../workflows/candidate-profile.js';
import { HttpError, invalidField } from '../errors.js';
import { metierLabel } from '../../workflows/metiers.js';
import { describeCriteria } from './describe.js';
import { criteriaToQuery, DEFAULT_RADIUS_KM, type CvthequeCriteria, type CvthequeQuery } from './criteria.js';
import { FACET_BITS, RQTH_SHARED_BIT } from '../../models/migrations/0027-cvtheque-search.js';

export interface CvthequeViewer {
  /** The searching recruiter's company (the « seen » flag and filter are its own); null for an admin. */
  companyId: string | null;
}

export interface SearchOptions {
  page: number;
  pageSize: number;
  /** Only profiles whose CVthèque consent was given after this time (saved-search alerts). */
  visibleAfter?: Date;
  /** Leave these candidates out (e.g. already sent by an alert). */
  excludeIds?: string[];
  /** Count the facets (default true); an alert needs only the items and the total. */
  facets?: boolean;
}

export interface CvthequeItem {
  candidateId: string;
  headline: string | null;
  metiers: string[];
  metierTitles: string[];
  places: Array<{ insee: string; name: string; department: string; radiusKm: number }>;
  distanceKm: number | null;
  approximate: boolean;
  availableFrom: string | null;
  experienceMonths: number;
  educationLevel: number | null;
  languages: Array<{ code: string; level: string }>;
  drivingLicences: string[];
  contractTypes: string[];
  workingTimes: string[];
  rqth: boolean | null;
  seen: boolean;
  updatedAt: string;
}
export interface FacetValue {
  value: string;
  label: string;
  count: number;
}
export interface CvthequeResult {
  items: CvthequeItem[];
  total: number;
  page: number;
  pageSize: number;
  facets: Record<string, FacetValue[]>;
}

/** The admins, and the active recruiters of a verified company; 403 for everyone else (401 is requireUser's). */
export async function cvthequeViewer(sequelize: Sequelize, user: User): Promise<CvthequeViewer> {
  if (user.role === 'ADMIN') return { companyId: null };
  const refusal = new HttpError('FORBIDDEN', 'La CVthèque est réservée aux recruteurs d’une entreprise vérifiée et à l’équipe de la plateforme.');
  if (user.role !== 'RECRUITER' || !user.companyId || user.disabledAt) throw refusal;
  // An account older than memberships has none: its company's status decides (as at sign-in).
  const [row] = await sequelize.query<{ ok: boolean }>(
    `SELECT c.status = 'VERIFIED' AND NOT EXISTS (SELECT 1 FROM company_memberships m WHERE m.user_id = :userId AND m.status <> 'VERIFIED') AS ok
       FROM companies c WHERE c.id = :companyId`,
    { type: QueryTypes.SELECT, replacements: { userId: user.id, companyId: user.companyId } },
  );
  if (!row?.ok) throw refusal;
  return { companyId: user.companyId };
}

// ---- Text ---------------------------------------------------------------------------------------------

/** Mode `any`: the query's positive words and phrases, and its exclusions, in websearch syntax each. */
export function splitTerms(q: string): { positive: string[]; negative: string[] } {
  const positive: string[] = [];
  const negative: string[] = [];
  // "a phrase", -"an excluded phrase", -word, word; an unclosed quote runs to the end.
  const token = /(-?)"([^"]*)"?|(-?)([^\s"]+)/g;
  for (const match of q.matchAll(token)) {
    if (match[2] !== undefined) {
      if (!match[2].trim()) continue;
      (match[1] ? negative : positive).push(`"${match[2]}"`);
    } else {
      const word = match[4]!;
      if (/^or$/i.test(word) || /^-+$/.test(word)) continue;
      (match[3] ? negative : positive).push(word);
    }
  }
  return { positive, negative };
}

/** The tsquery of the criteria's text (null: no text, or only stop words), computed once by PostgreSQL. */
async function textQuery(sequelize: Sequelize, q: string | undefined, mode: 'all' | 'any'): Promise<string | null> {
  if (!q || !q.trim()) return null;
  const term = (name: string) => `websearch_to_tsquery('public.tremplin_fr', cvtheque_masculine(:${name}))`;
  let expression: string;
  const replacements: Record<string, string> = {};
  if (mode === 'all') {
    expression = term('q');
    replacements.q = q;
  } else {
    const { positive, negative } = splitTerms(q);
    const parts: string[] = [];
    positive.forEach((p, i) => (replacements[`p${i}`] = p));
    negative.forEach((n, i) => (replacements[`n${i}`] = n));
    if (positive.length) parts.push(`(${positive.map((_, i) => term(`p${i}`)).join(' || ')})`);
    parts.push(...negative.map((_, i) => `!!${term(`n${i}`)}`));
    if (!parts.length) return null;
    expression = parts.join(' && ');
  }
  // Stop words alone give an empty query (PostgreSQL says so in a NOTICE): no text criterion then.
  const [row] = await sequelize.query<{ query: string; nodes: number }>(
    `SELECT query::text AS query, numnode(query) AS nodes FROM (SELECT ${expression} AS query) t`,
    { type: QueryTypes.SELECT, replacements, logging: false },
  );
  return row && row.nodes > 0 ? row.query : null;
}

// ---- Filters and facets -------------------------------------------------------------------------------

interface Facet {
  key: string;
  /** The row's condition for the criteria's selection of this facet (null: not selected). */
  selected: string | null;
  values: Array<{ value: string; label: string; condition: string }>;
}

/** A bit mask of these values of a multi-valued filter (layout of migration 0027). */
const maskOf = (facet: keyof typeof FACET_BITS, values: readonly string[]) =>
  values.reduce((mask, v) => mask | (2n ** BigInt(FACET_BITS[facet][v]!)), 0n).toString();

/**
 * The columns of a `base` row (and of a group of rows alike) the filters read: `bits` (facet_bits),
 * `edu` (education level, -1 unknown), `exp` (index of the experience bucket), `avail` (0: available now,
 * 1: within a month, 2: within three, 3: later), `act` (index of the first activity bucket the last
 * activity falls in, or past them), `seen`.
 */
const BASE_COLUMNS = `p.facet_bits AS bits, coalesce(p.education_level, -1) AS edu,
  CASE ${EXPERIENCE_BUCKETS.map((b, i) => (b.max === null ? `ELSE ${i}` : `WHEN p.experience_months < ${b.max} THEN ${i}`)).join(' ')} END AS exp,
  CASE WHEN p.available_from IS NULL THEN 0 ${AVAILABILITY_BUCKETS.map((_, i) => `WHEN p.available_from <= CAST(:avail${i} AS date) THEN ${i}`).join(' ')} ELSE ${AVAILABILITY_BUCKETS.length} END AS avail,
  CASE ${ACTIVITY_BUCKETS.map((_, i) => `WHEN p.last_activity_at >= CAST(:act${i} AS timestamptz) THEN ${i}`).join(' ')} ELSE ${ACTIVITY_BUCKETS.length} END AS act`;

/** The bounds of the availability and activity buckets, computed once per search (constants for the planner). */
function bucketBounds(now: Date): Record<string, string> {
  const bounds: Record<string, string> = {};
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  AVAILABILITY_BUCKETS.forEach((b, i) => (bounds[`avail${i}`] = new Date(today + b.withinDays * 86_400_000).toISOString().slice(0, 10)));
  ACTIVITY_BUCKETS.forEach((b, i) => (bounds[`act${i}`] = new Date(now.getTime() - b.days * 86_400_000).toISOString()));
  return bounds;
}

/** Every facet, its values' conditions on a `base` row or group (b), and the criteria's selection. Values are the module's, never the caller's text. */
function facetsOf(criteria: CvthequeCriteria): Facet[] {
  const anyOf = (facet: keyof typeof FACET_BITS, values: readonly string[]) => `(b.bits & ${maskOf(facet, values)}) <> 0`;
  const allOf = (facet: keyof typeof FACET_BITS, values: readonly string[]) => `(b.bits & ${maskOf(facet, values)}) = ${maskOf(facet, values)}`;
  const some = (facet: keyof typeof FACET_BITS, selected: readonly string[] | undefined, join: 'any' | 'all') =>
    selected?.length ? (join === 'any' ? anyOf(facet, selected) : allOf(facet, selected)) : null;
  const experienceIndex = (key: string) => EXPERIENCE_BUCKETS.findIndex((x) => x.key === key);
  const availabilityOf = (key: string) => `b.avail <= ${AVAILABILITY_BUCKETS.findIndex((x) => x.key === key)}`;
  const activityOf = (key: string) => `b.act <= ${ACTIVITY_BUCKETS.findIndex((x) => x.key === key)}`;
  const seenOf = (key: string) => (key === 'SEEN' ? 'b.seen' : 'NOT b.seen');
  const rqth = `(b.bits & ${(2n ** BigInt(RQTH_SHARED_BIT)).toString()}) <> 0`;
  const experience = criteria.experience as string[] | undefined;
  return [
    {
      key: 'contractType',
      selected: some('contractType', criteria.contractType as string[] | undefined, 'any'),
      values: CONTRACT_TYPES.map((v) => ({ value: v, label: CONTRACT_TYPE_LABEL[v], condition: anyOf('contractType', [v]) })),
    },
    {
      key: 'workingTime',
      selected: some('workingTime', criteria.workingTime as string[] | undefined, 'any'),
      values: WORKING_TIMES.map((v) => ({ value: v, label: WORKING_TIME_LABEL[v], condition: anyOf('workingTime', [v]) })),
    },
    {
      key: 'educationLevel',
      selected: criteria.educationLevel === undefined ? null : `b.edu >= ${Number(criteria.educationLevel)}`,
      values: EDUCATION_LEVELS.map((v) => ({ value: String(v), label: EDUCATION_LEVEL_LABEL[v], condition: `b.edu >= ${v}` })),
    },
    {
      key: 'experience',
      selected: experience?.length ? `b.exp IN (${experience.map(experienceIndex).join(', ')})` : null,
      values: EXPERIENCE_BUCKETS.map((b, i) => ({ value: b.key, label: b.label, condition: `b.exp = ${i}` })),
    },
    {
      key: 'availability',
      selected: criteria.availability ? availabilityOf(criteria.availability) : null,
      values: AVAILABILITY_BUCKETS.map((b) => ({ value: b.key, label: b.label, condition: availabilityOf(b.key) })),
    },
    {
      key: 'language',
      selected: some('language', criteria.language as string[] | undefined, 'all'),
      values: LANGUAGES.map((v) => ({ value: v, label: LANGUAGE_LABEL[v], condition: anyOf('language', [v]) })),
    },
    {
      key: 'drivingLicence',
      selected: some('drivingLicence', criteria.drivingLicence as string[] | undefined, 'all'),
      values: DRIVING_LICENCES.map((v) => ({ value: v, label: DRIVING_LICENCE_LABEL[v], condition: anyOf('drivingLicence', [v]) })),
    },
    {
      key: 'rqth',
      selected: criteria.rqth ? rqth : null,
      values: [{ value: 'true', label: 'RQTH partagée', condition: rqth }],
    },
    {
      key: 'activity',
      selected: criteria.activity ? activityOf(criteria.activity) : null,
      values: ACTIVITY_BUCKETS.map((b) => ({ value: b.key, label: b.label, condition: activityOf(b.key) })),
    },
    {
      key: 'seen',
      selected: criteria.seen ? seenOf(criteria.seen) : null,
      values: [
        { value: 'NOT_SEEN', label: 'Jamais consulté', condition: seenOf('NOT_SEEN') },
        { value: 'SEEN', label: 'Déjà consulté', condition: seenOf('SEEN') },
      ],
    },
  ];
}

// ---- The search ---------------------------------------------------------------------------------------

/** The searched communes, resolved; an unknown code is a 400 under `near`. */
export async function resolveNear(sequelize: Sequelize, near: string[] | undefined): Promise<Commune[]> {
  const communes: Commune[] = [];
  for (const code of near ?? []) {
    const commune = await resolveCommune(sequelize, code);
    if (!commune) throw invalidField('near', `aucune commune n’a le code INSEE ou postal ${code}`);
    if (!communes.some((c) => c.insee === commune.insee)) communes.push(commune);
  }
  return communes;
}

export async function searchProfiles(
  sequelize: Sequelize,
  criteria: CvthequeCriteria,
  viewer: CvthequeViewer,
  options: SearchOptions,
  resolved?: Commune[],
): Promise<CvthequeResult> {
  const { statement, replacements, facets, counted } = await searchPlan(sequelize, criteria, viewer, options, resolved);
  const [row] = await querySerial<{ counts: Record<string, string | number>; items: Array<Record<string, any>> }>(sequelize, statement, { replacements });
  const facetCounts: Record<string, FacetValue[]> = {};
  if (counted) {
    facets.forEach((f, fi) => {
      facetCounts[f.key] = f.values.map((v, vi) => ({ value: v.value, label: v.label, count: Number(row!.counts[`c_${fi}_${vi}`]) }));
    });
  }
  const items: CvthequeItem[] = row!.items.map((x) => ({
    candidateId: x.candidateId,
    headline: x.headline ?? null,
    metiers: x.metiers ?? [],
    metierTitles: ((x.metiers ?? []) as string[]).map(metierLabel),
    places: x.places ?? [],
    distanceKm: x.nearest ? Number(x.nearest.km) : null,
    approximate: Boolean(x.nearest?.approximate),
    availableFrom: x.availableFrom ?? null,
    experienceMonths: x.experienceMonths ?? 0,
    educationLevel: x.educationLevel ?? null,
    languages: x.languages ?? [],
    drivingLicences: x.drivingLicences ?? [],
    contractTypes: x.contractTypes ?? [],
    workingTimes: x.workingTimes ?? [],
    rqth: x.rqth ?? null,
    seen: Boolean(x.seen),
    updatedAt: new Date(x.updatedAt).toISOString(),
  }));
  return { items, total: Number(row!.counts.total), page: options.page, pageSize: options.pageSize, facets: facetCounts };
}

/** The one SQL statement of a search and its parameters (also for the bench's EXPLAIN). */
export async function searchPlan(sequelize: Sequelize, criteria: CvthequeCriteria, viewer: CvthequeViewer, options: SearchOptions, resolved?: Commune[]) {
  const mode = criteria.mode ?? 'all';
  const [tsquery, communes] = await Promise.all([textQuery(sequelize, criteria.q, mode), resolved ?? resolveNear(sequelize, criteria.near)]);
  const replacements: Record<string, unknown> = {
    ...bucketBounds(new Date()),
    company: viewer.companyId,
    limit: options.pageSize,
    offset: (options.page - 1) * options.pageSize,
  };
  const where = [
    'p.cvtheque_visible_at IS NOT NULL',
    'NOT EXISTS (SELECT 1 FROM users u WHERE u.id = p.user_id AND u.disabled_at IS NOT NULL)',
  ];
  if (tsquery) {
    replacements.tsquery = tsquery;
    where.push('p.search_document @@ CAST(:tsquery AS tsquery)');
  }
  if (options.visibleAfter) {
    replacements.visibleAfter = options.visibleAfter;
    where.push('p.cvtheque_visible_at > :visibleAfter');
  }
  if (options.excludeIds?.length) {
    replacements.excludeIds = options.excludeIds;
    where.push('p.user_id NOT IN (:excludeIds)');
  }
  if (criteria.metier?.length) {
    replacements.metiers = criteria.metier;
    where.push('p.metiers && ARRAY[:metiers]::text[]');
  }
  // Places: near (radius + the candidate's own radius) or a département.
  const radiusKm = criteria.radiusKm ?? DEFAULT_RADIUS_KM;
  const searched = communes.map((c, i) => {
    replacements[`lat${i}`] = c.latitude;
    replacements[`lon${i}`] = c.longitude;
    replacements[`apx${i}`] = c.approximate;
    return { point: `ll_to_earth(:lat${i}, :lon${i})`, i };
  });
  replacements.radiusM = radiusKm * 1000;
  const placeConditions: string[] = [];
  if (searched.length) {
    const near = searched
      .map(
        ({ point }) =>
          // Each place's reach (its point enlarged by the candidate's radius, GiST-indexed by 0027) meets the searched circle's box.
          `(earth_box(cp.point, cp.radius_km * 1000) && earth_box(${point}, :radiusM)
            AND earth_distance(${point}, cp.point) <= :radiusM + cp.radius_km * 1000)`,
      )
      .join(' OR ');
    placeConditions.push(`SELECT cp.candidate_id FROM candidate_places cp WHERE ${near}`);
  }
  if (criteria.department?.length) {
    replacements.departments = criteria.department;
    placeConditions.push(`SELECT cp.candidate_id FROM candidate_places cp JOIN communes c ON c.insee = cp.insee WHERE c.department IN (:departments)`);
  }
  // The candidates placed there, found first by the places' indexes (the text's selectivity is often
  // misjudged, and a nested check of every text match's places costs more).
  const placed = placeConditions.length ? `placed AS MATERIALIZED (${placeConditions.join(' UNION ')}),` : '';
  if (placeConditions.length) where.push('p.user_id IN (SELECT candidate_id FROM placed)');

  const facets = facetsOf(criteria);
  const selected = (f: Facet) => f.selected ?? 'TRUE';
  const allSelected = facets.map(selected).join(' AND ');
  const othersThan = (key: string) =>
    facets
      .filter((f) => f.key !== key)
      .map(selected)
      .join(' AND ');
  const counted = options.facets !== false;
  // Counted on groups of profiles alike (same filter values): a few thousand groups, not every profile.
  const counts = [`coalesce(sum(b.n) FILTER (WHERE ${allSelected}), 0) AS total`];
  if (counted) {
    facets.forEach((f, fi) =>
      f.values.forEach((v, vi) => counts.push(`coalesce(sum(b.n) FILTER (WHERE ${othersThan(f.key)} AND ${v.condition}), 0) AS c_${fi}_${vi}`)),
    );
  }

  const sort = criteria.sort ?? (tsquery ? 'relevance' : 'created');
  const relevance = sort === 'relevance' && Boolean(tsquery);
  const order =
    relevance
      ? `ts_rank_cd(p.search_document, CAST(:tsquery AS tsquery), 1) DESC, b.updated_at DESC, b.user_id`
      : sort === 'updated'
        ? 'b.updated_at DESC, b.user_id'
        : 'b.created_at DESC, b.user_id';
  const nearest = searched.length
    ? `(SELECT json_build_object('km', round((earth_distance(cp.point, s.point) / 1000)::numeric, 1), 'approximate', c.approximate OR s.approximate)
          FROM candidate_places cp JOIN communes c ON c.insee = cp.insee,
               (VALUES ${searched.map(({ point, i }) => `(${point}, CAST(:apx${i} AS boolean))`).join(', ')}) AS s(point, approximate)
         WHERE cp.candidate_id = p.user_id
         ORDER BY earth_distance(cp.point, s.point) LIMIT 1)`
    : 'NULL::json';

  const statement = `
    WITH ${placed} base AS ${tsquery || placeConditions.length ? '' : 'NOT '}MATERIALIZED (
      SELECT p.user_id, p.updated_at, p.created_at, ${BASE_COLUMNS}, (cc.first_seen_at IS NOT NULL) AS seen
        FROM candidate_profiles p
        LEFT JOIN cvtheque_company_candidates cc ON cc.company_id = CAST(:company AS uuid) AND cc.candidate_id = p.user_id
       WHERE ${where.join('\n         AND ')}
    ),
    groups AS (SELECT bits, edu, exp, avail, act, seen, count(*) AS n FROM base GROUP BY bits, edu, exp, avail, act, seen),
    counts AS (SELECT ${counts.join(',\n      ')} FROM groups b),
    page AS (
      SELECT b.user_id, b.seen, row_number() OVER () AS ord FROM (
        SELECT b.user_id, b.seen FROM base b ${relevance ? 'JOIN candidate_profiles p ON p.user_id = b.user_id' : ''}
         WHERE ${allSelected} ORDER BY ${order} LIMIT :limit OFFSET :offset) b
    )
    SELECT (SELECT row_to_json(counts) FROM counts) AS counts,
           (SELECT coalesce(json_agg(x ORDER BY x.ord), '[]'::json) FROM (
              SELECT pg.ord, p.user_id AS "candidateId", p.headline, p.metiers,
                     coalesce((SELECT json_agg(json_build_object('insee', c.insee, 'name', c.name, 'department', c.department, 'radiusKm', cp.radius_km) ORDER BY c.name)
                                 FROM candidate_places cp JOIN communes c ON c.insee = cp.insee WHERE cp.candidate_id = p.user_id), '[]'::json) AS places,
                     ${nearest} AS nearest,
                     p.available_from AS "availableFrom", p.experience_months AS "experienceMonths", p.education_level AS "educationLevel",
                     p.languages, p.driving_licences AS "drivingLicences", p.contract_types AS "contractTypes", p.working_times AS "workingTimes",
                     CASE WHEN p.rqth_shared_at IS NOT NULL THEN p.rqth END AS rqth,
                     pg.seen, p.updated_at AS "updatedAt"
                FROM page pg JOIN candidate_profiles p ON p.user_id = pg.user_id) x) AS items`;
  return { statement, replacements, facets, counted };
}

// ---- History ------------------------------------------------------------------------------------------

const HISTORY_KEPT = 50;
const HISTORY_SHOWN = 20;

/** The criteria alone, without empty values, keys and list values sorted: what makes two searches « the same ». */
export function criteriaKey(criteria: CvthequeCriteria): string {
  const entries = Object.entries(criteria)
    .filter(([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => [k, Array.isArray(v) ? [...v].map(String).sort() : v] as const)
    .sort(([a], [b]) => a.localeCompare(b));
  return criteriaToQuery(Object.fromEntries(entries) as CvthequeCriteria);
}

export function cvthequeService({ sequelize }: { sequelize: Sequelize }) {
  return {
    /** Who may use the CVthèque (403 otherwise), and as whom. */
    viewer: (user: User) => cvthequeViewer(sequelize, user),

    async search(user: User, viewer: CvthequeViewer, query: CvthequeQuery) {
      const { page, pageSize, ...criteria } = query;
      const result = await searchProfiles(sequelize, criteria, viewer, { page, pageSize });
      const key = criteriaKey(criteria);
      if (key) await record(user, viewer, criteria, key, result.total);
      return result;
    },

    async history(user: User) {
      const rows = await sequelize.query<{ id: string; criteria: CvthequeCriteria; total: number; at: Date }>(
        `SELECT id, criteria, total, at FROM cvtheque_searches WHERE user_id = :userId ORDER BY at DESC, id LIMIT ${HISTORY_SHOWN}`,
        { type: QueryTypes.SELECT, replacements: { userId: user.id } },
      );
      const communes = await communeNames(sequelize, rows.flatMap((r) => r.criteria.near ?? []));
      return {
        items: rows.map((r) => ({ id: r.id, criteria: r.criteria, query: criteriaToQuery(r.criteria), summary: describeCriteria(r.criteria, communes), total: r.total, at: new Date(r.at).toISOString() })),
      };
    },

    async forget(user: User, id: string | null) {
      const deleted = await sequelize.query(`DELETE FROM cvtheque_searches WHERE user_id = :userId ${id ? 'AND id = :id' : ''} RETURNING id`, {
        type: QueryTypes.SELECT,
        replacements: { userId: user.id, id },
      });
      if (id && !deleted.length) throw new HttpError('NOT_FOUND', 'Recherche introuvable.');
    },
  };

  async function record(user: User, viewer: CvthequeViewer, criteria: CvthequeCriteria, key: string, total: number) {
    await sequelize.query(
      `INSERT INTO cvtheque_searches (id, user_id, company_id, criteria, criteria_key, total, at)
       VALUES (:id, :userId, :companyId, CAST(:criteria AS jsonb), :key, :total, clock_timestamp())
       ON CONFLICT (user_id, criteria_key) DO UPDATE SET at = clock_timestamp(), total = EXCLUDED.total, criteria = EXCLUDED.criteria`,
      { replacements: { id: randomUUID(), userId: user.id, companyId: viewer.companyId, criteria: JSON.stringify(criteria), key: key.slice(0, 2000), total } },
    );
    await sequelize.query(
      `DELETE FROM cvtheque_searches WHERE user_id = :userId
         AND id NOT IN (SELECT id FROM cvtheque_searches WHERE user_id = :userId ORDER BY at DESC LIMIT ${HISTORY_KEPT})`,
      { replacements: { userId: user.id } },
    );
  }
}
