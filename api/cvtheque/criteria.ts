// The criteria of a CVthèque search (issue #17, items 3–7), defined once: the query string of
// `GET /api/cvtheque` parses into them, a saved search stores them, its alert runs them again, and the
// history relaunches them (criteriaToQuery gives the query string back). Values come from
// workflows/candidate-profile.ts.
import { z } from 'zod';
import { csvOf, departmentList, page, pageSize } from '../schemas.js';
import {
  ACTIVITY_BUCKETS,
  AVAILABILITY_BUCKETS,
  CONTRACT_TYPES,
  DRIVING_LICENCES,
  EDUCATION_LEVELS,
  EXPERIENCE_BUCKETS,
  LANGUAGES,
  PROFILE_LIMITS,
  WORKING_TIMES,
} from '../../workflows/candidate-profile.js';

/** The radius around a searched commune when the recruiter gives none. */
export const DEFAULT_RADIUS_KM = 10;

export const CVTHEQUE_SORTS = ['relevance', 'updated', 'created'] as const;
export type CvthequeSort = (typeof CVTHEQUE_SORTS)[number];
/** `all`: every word must be found (websearch syntax); `any`: words optional, best matches first (seed 004's « pertinence »). */
export const CVTHEQUE_MODES = ['all', 'any'] as const;
export const SEEN_FILTERS = ['SEEN', 'NOT_SEEN'] as const;

const code = /^[0-9][0-9AB][0-9]{3}$/;
const yesNo = z.enum(['true', 'false'], { error: 'true ou false attendu' }).transform((v) => v === 'true');

/** The criteria alone (no page): what a saved search keeps. Every field optional. */
export const cvthequeCriteriaShape = {
  q: z.string({ error: 'texte attendu' }).trim().max(300, '300 caractères au plus').optional(),
  mode: z.enum(CVTHEQUE_MODES, { error: 'all ou any attendu' }).optional(),
  // Communes (INSEE or postal codes), separated by commas: a profile wishing to work within radiusKm of one of them.
  near: z
    .string()
    .max(200)
    .transform((value, ctx) => {
      const list = [...new Set(value.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean))];
      const bad = list.filter((s) => !code.test(s));
      if (bad.length) ctx.addIssue({ code: 'custom', message: `code INSEE ou code postal à 5 caractères attendu : ${bad.join(', ')}` });
      if (list.length > PROFILE_LIMITS.places) ctx.addIssue({ code: 'custom', message: `${PROFILE_LIMITS.places} communes au plus` });
      return list;
    })
    .optional(),
  radiusKm: z.coerce
    .number({ error: 'nombre de kilomètres attendu' })
    .int('nombre entier de kilomètres attendu')
    .min(0, '0 km au moins')
    .max(PROFILE_LIMITS.radiusKmMax, `${PROFILE_LIMITS.radiusKmMax} km au plus`)
    .optional(),
  department: departmentList.optional(),
  metier: z
    .string()
    .max(100)
    .transform((value, ctx) => {
      const list = [...new Set(value.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean))];
      const bad = list.filter((s) => !/^[A-N]\d{4}$/.test(s));
      if (bad.length) ctx.addIssue({ code: 'custom', message: `code de métier ROME attendu (une lettre et 4 chiffres) : ${bad.join(', ')}` });
      return list;
    })
    .optional(),
  rqth: yesNo.optional(),
  contractType: csvOf(CONTRACT_TYPES, 'type de contrat').optional(),
  workingTime: csvOf(WORKING_TIMES, 'temps de travail').optional(),
  // Education: at least this level.
  educationLevel: z.coerce
    .number({ error: 'niveau d’études attendu' })
    .refine((v) => (EDUCATION_LEVELS as readonly number[]).includes(v), `niveau d’études inconnu (valeurs : ${EDUCATION_LEVELS.join(', ')})`)
    .optional(),
  experience: csvOf(EXPERIENCE_BUCKETS.map((b) => b.key), 'expérience').optional(),
  availability: z.enum(AVAILABILITY_BUCKETS.map((b) => b.key) as [string, ...string[]], { error: 'disponibilité inconnue' }).optional(),
  language: csvOf(LANGUAGES, 'langue').optional(),
  drivingLicence: csvOf(DRIVING_LICENCES, 'permis').optional(),
  activity: z.enum(ACTIVITY_BUCKETS.map((b) => b.key) as [string, ...string[]], { error: 'période d’activité inconnue' }).optional(),
  seen: z.enum(SEEN_FILTERS, { error: 'SEEN ou NOT_SEEN attendu' }).optional(),
  sort: z.enum(CVTHEQUE_SORTS, { error: 'relevance, updated ou created attendu' }).optional(),
};

/** `GET /api/cvtheque`'s query: the criteria and a page. */
export const cvthequeQuery = z.object({ ...cvthequeCriteriaShape, page, pageSize }).strict();
export type CvthequeQuery = z.output<typeof cvthequeQuery>;
export type CvthequeCriteria = Omit<CvthequeQuery, 'page' | 'pageSize'>;

/** A saved search's criteria, as the API received them in its query string (strings), checked by the same schema. */
export const cvthequeCriteriaInput = z.object(cvthequeCriteriaShape).strict();

/** The query string that gives these criteria back (history relaunch, saved search link, alert mail link). */
export function criteriaToQuery(criteria: CvthequeCriteria): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(criteria)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  return params.toString();
}
