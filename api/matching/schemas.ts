// POST /api/matching (issue #18, item 3, method 2 of seed 004): the criteria typed without an offer, the
// threshold, the page; and the answer. The criteria's shape is workflows/matching-criteria.ts's
// MatchCriteria; every refusal names its field under `criteria.` in French.
import { z } from 'zod';
import { de } from '../../workflows/glossary.js';
import {
  CONTRACT_TYPES,
  DRIVING_LICENCES,
  EDUCATION_LEVELS,
  type EducationLevel,
  LANGUAGES,
  LANGUAGE_LEVELS,
  REMOTE_MODES,
  WORKING_TIMES,
} from '../../workflows/candidate-profile.js';
import { MATCH_CRITERIA, MATCH_CRITERION_LABEL, MATCH_RESULTS, type MatchCriteria } from '../../workflows/matching-criteria.js';
import { MATCH_DEFAULT_MIN_SCORE } from '../../workflows/matching.js';
import { IDEAL_CANDIDATE_LIMITS } from '../../workflows/offer-ideal-candidate.js';
import { enumOf, page, pageSize } from '../schemas.js';
import { METIER_CODE } from '../profiles/schemas.js';
import { askedCriteria } from './engine.js';

/** Bounds of what a recruiter asks: the ideal candidate's (one definition for both). */
export const MATCH_LIMITS = IDEAL_CANDIDATE_LIMITS;

const distinct = <T>(schema: z.ZodType<T>, what: string, max: number, key: (item: T) => unknown = (item) => item) =>
  z
    .array(schema, { error: `liste ${de(what)} attendue` })
    .max(max, `${max} ${what} au plus`)
    .refine((items) => new Set(items.map(key)).size === items.length, `chaque valeur une seule fois`);

export const matchCriteriaSchema = z
  .object({
    metier: z
      .string({ error: 'code ROME attendu' })
      .trim()
      .toUpperCase()
      .regex(METIER_CODE, 'code ROME attendu : une lettre de A à N et 4 chiffres (ex. D1106)')
      .nullable()
      .optional(),
    experienceYears: z
      .number({ error: 'nombre d’années attendu' })
      .min(0, '0 an au moins')
      .max(MATCH_LIMITS.experienceYearsMax, `${MATCH_LIMITS.experienceYearsMax} ans au plus`)
      .nullable()
      .optional(),
    educationLevel: z
      .number({ error: `niveau de diplôme attendu : ${EDUCATION_LEVELS.join(', ')}` })
      .refine((l) => (EDUCATION_LEVELS as readonly number[]).includes(l), `niveau de diplôme inconnu : ${EDUCATION_LEVELS.join(', ')}`)
      .nullable()
      .optional() as z.ZodType<EducationLevel | null | undefined>,
    contractTypes: distinct(enumOf(CONTRACT_TYPES, 'type de contrat'), 'types de contrat', CONTRACT_TYPES.length).optional(),
    workingTimes: distinct(enumOf(WORKING_TIMES, 'temps de travail'), 'temps de travail', WORKING_TIMES.length).optional(),
    place: z
      .object({
        insee: z.string({ error: 'code INSEE attendu' }).trim().toUpperCase().regex(/^[0-9][0-9AB][0-9]{3}$/, 'code INSEE de commune attendu (5 caractères, ex. 69123)'),
        radiusKm: z
          .number({ error: 'rayon en kilomètres attendu' })
          .int('rayon en kilomètres entiers')
          .min(0, `rayon de 0 à ${MATCH_LIMITS.radiusKmMax} km`)
          .max(MATCH_LIMITS.radiusKmMax, `rayon de 0 à ${MATCH_LIMITS.radiusKmMax} km`),
      }, { error: 'lieu attendu : { insee, radiusKm }' })
      .strict()
      .nullable()
      .optional(),
    remote: enumOf(REMOTE_MODES, 'mode de télétravail').nullable().optional(),
    drivingLicences: distinct(enumOf(DRIVING_LICENCES, 'permis'), 'permis', DRIVING_LICENCES.length).optional(),
    languages: distinct(
      z.object({ code: enumOf(LANGUAGES, 'langue'), level: enumOf(LANGUAGE_LEVELS, 'niveau') }, { error: 'langue attendue : { code, level }' }).strict(),
      'langues',
      MATCH_LIMITS.languages,
      (l) => l.code,
    ).optional(),
    skills: distinct(
      z.string({ error: 'compétence attendue' }).trim().min(1, 'compétence vide').max(MATCH_LIMITS.skillLength, `${MATCH_LIMITS.skillLength} caractères au plus`),
      'compétences',
      MATCH_LIMITS.skills,
      (s) => s.toLocaleLowerCase('fr'),
    ).optional(),
    indispensable: distinct(enumOf(MATCH_CRITERIA, 'critère'), 'critères', MATCH_CRITERIA.length).optional(),
  }, { error: 'critères attendus (objet)' })
  .strict()
  .superRefine((criteria, ctx) => {
    // A box ticked on a criterion left empty would filter nothing, silently. Zod runs this even when a
    // field was refused (a refinement does not stop it): rating such values may throw, and that field's
    // own refusal already says what is wrong.
    let asked: string[];
    try {
      asked = askedCriteria(criteria as MatchCriteria);
    } catch {
      return;
    }
    const idle = (criteria.indispensable ?? []).filter((c) => !asked.includes(c));
    if (idle.length) {
      ctx.addIssue({ code: 'custom', path: ['indispensable'], message: `indispensable sans être demandé : ${idle.map((c) => MATCH_CRITERION_LABEL[c]).join(', ')}` });
    }
  });

/** The threshold, from a JSON body (a number) or a query string (coerced): 0 to 100. */
export const scoreThreshold = (number: z.ZodNumber | z.ZodCoercedNumber) =>
  number.int('score minimal entier attendu').min(0, 'score minimal de 0 à 100').max(100, 'score minimal de 0 à 100');
/** The threshold, 50 by default (seed 004). */
export const minScore = (number: z.ZodNumber | z.ZodCoercedNumber) => scoreThreshold(number).default(MATCH_DEFAULT_MIN_SCORE);
/** A threshold in a JSON body. */
export const minScoreNumber = () => z.number({ error: 'score minimal attendu (0 à 100)' });

export const matchingBody = z
  .object({
    criteria: matchCriteriaSchema,
    minScore: minScore(minScoreNumber()),
    page,
    pageSize,
  })
  .strict();

export const criterionMatch = z.object({
  criterion: z.enum(MATCH_CRITERIA),
  result: z.enum(MATCH_RESULTS),
  detail: z.string().meta({ description: 'Une phrase : « Expérience : 3 ans demandés, 2 ans trouvés — approximatif »' }),
  indispensable: z.boolean(),
});

export const matchItem = z
  .object({
    candidateId: z.uuid(),
    headline: z.string().nullable(),
    metierTitles: z.array(z.string()),
    place: z
      .object({ name: z.string(), distanceKm: z.number(), approximate: z.boolean() })
      .nullable()
      .meta({ description: 'Le lieu souhaité le plus proche de la commune demandée (km, une décimale) ; null sans lieu demandé ou sans lieu au profil' }),
    rqth: z.boolean().nullable().meta({ description: 'Seulement si la personne a accepté de partager sa RQTH ; null sinon' }),
    score: z.number().int().min(0).max(100).meta({ description: 'Compatibilité de 0 à 100 : elle aide à décider, elle ne décide pas' }),
    criteria: z.array(criterionMatch).meta({ description: 'Chaque critère demandé, dans l’ordre, avec son résultat et sa phrase' }),
    seen: z.boolean().meta({ description: 'Déjà consulté par un recruteur de mon entreprise' }),
  })
  .meta({ id: 'MatchItem' });

export const matchList = z
  .object({ items: z.array(matchItem), total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), minScore: z.number().int() })
  .meta({ id: 'MatchList' });

/** `GET /api/offers/:id/matches`'s query: the threshold (`min`, 50 by default) and a page. */
export const offerMatchesQuery = z
  .object({
    min: minScore(z.coerce.number({ error: 'score minimal attendu (0 à 100)' })),
    page,
    pageSize,
  })
  .strict();
