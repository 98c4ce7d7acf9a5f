// The offer's « Profil recherché » as the recruiter sends it (issue #18, item 1): each criterion
// optional, each refusal in French under its own field (`idealCandidate.place.radiusKm`). The place's
// commune is checked against the `communes` table by `resolveIdealPlace` (the service, before writing).
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import { resolveCommune } from '../../models/communes.js';
import { DRIVING_LICENCES, EDUCATION_LEVELS, LANGUAGES, LANGUAGE_LEVELS, WORKING_TIMES, type EducationLevel } from '../../workflows/candidate-profile.js';
import { MATCH_CRITERIA, MATCH_CRITERION_LABEL } from '../../workflows/matching-criteria.js';
import { metierByCode } from '../../workflows/metiers.js';
import { IDEAL_CANDIDATE_LIMITS as L, NO_IDEAL_CANDIDATE, askedCriteria, distinctSkills, type IdealCandidate } from '../../workflows/offer-ideal-candidate.js';
import { invalidField } from '../errors.js';
import { METIER_CODE } from '../profiles/schemas.js';
import { enumOf } from '../schemas.js';

/** An INSEE code (2A/2B for Corsica) or a postal code: both are 5 characters. */
const COMMUNE_CODE = /^[0-9][0-9AB][0-9]{3}$/;

const unique = <T>(what: string, key: (item: T) => unknown = (item) => item) =>
  [(items: T[]) => new Set(items.map(key)).size === items.length, `${what} une seule fois`] as const;
/** A list left out or null is an empty list: nothing asked. */
const listOf = <T extends z.ZodType>(item: T, what: string) =>
  z
    .array(item, { error: `liste attendue (${what})` })
    .nullish()
    .transform((v) => v ?? []);

const metier = z
  .string({ error: 'code ROME attendu' })
  .trim()
  .toUpperCase()
  .regex(METIER_CODE, { message: 'code ROME attendu : une lettre de A à N et 4 chiffres (ex. D1106)', abort: true })
  .refine((code) => metierByCode(code) !== undefined, 'ce code ROME n’est pas dans la liste des métiers');

const educationLevel = z
  .number({ error: `niveau de diplôme attendu : ${EDUCATION_LEVELS.join(', ')}` })
  .refine((l) => (EDUCATION_LEVELS as readonly number[]).includes(l), `niveau de diplôme inconnu : ${EDUCATION_LEVELS.join(', ')}`) as unknown as z.ZodType<EducationLevel>;

const place = z
  .object({
    insee: z.string({ error: 'commune attendue (code INSEE ou code postal)' }).trim().toUpperCase().regex(COMMUNE_CODE, 'commune attendue : code INSEE ou code postal à 5 caractères (ex. 69123)'),
    radiusKm: z
      .number({ error: 'rayon en kilomètres attendu' })
      .int('rayon en kilomètres entiers')
      .min(0, `rayon de 0 à ${L.radiusKmMax} km`)
      .max(L.radiusKmMax, `rayon de 0 à ${L.radiusKmMax} km`),
  })
  .strict();

const skill = z.string({ error: 'compétence attendue' }).trim().min(1, 'compétence vide').max(L.skillLength, `${L.skillLength} caractères au plus`);

export const idealCandidateBody = z
  .object({
    metier: metier.nullish().transform((v) => v ?? null),
    experienceYears: z
      .number({ error: 'nombre d’années attendu' })
      .int('nombre entier d’années attendu')
      .min(0, `de 0 à ${L.experienceYearsMax} ans`)
      .max(L.experienceYearsMax, `de 0 à ${L.experienceYearsMax} ans`)
      .nullish()
      .transform((v) => v ?? null),
    educationLevel: educationLevel.nullish().transform((v) => v ?? null),
    workingTimes: listOf(enumOf(WORKING_TIMES, 'temps de travail'), 'temps de travail').refine(...unique<string>('chaque temps de travail')),
    place: place.nullish().transform((v) => v ?? null),
    drivingLicences: listOf(enumOf(DRIVING_LICENCES, 'permis'), 'permis').refine(...unique<string>('chaque permis')),
    languages: listOf(z.object({ code: enumOf(LANGUAGES, 'langue'), level: enumOf(LANGUAGE_LEVELS, 'niveau') }).strict(), 'langues')
      .refine((l) => l.length <= L.languages, `${L.languages} langues au plus`)
      .refine(...unique<{ code: string }>('chaque langue', (l) => l.code)),
    skills: listOf(skill, 'compétences')
      .transform(distinctSkills)
      .refine((s) => s.length <= L.skills, `${L.skills} compétences au plus`),
    indispensable: listOf(enumOf(MATCH_CRITERIA, 'critère'), 'critères indispensables').refine(...unique<string>('chaque critère')),
  })
  .strict()
  .superRefine((ideal, ctx) => {
    // Seed 004: a criterion checked is indispensable — only a criterion asked can be.
    const asked = new Set(askedCriteria(ideal));
    const unasked = ideal.indispensable.filter((c) => !asked.has(c));
    if (unasked.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['indispensable'],
        message: `indiquez d’abord ce que vous demandez pour : ${unasked.map((c) => MATCH_CRITERION_LABEL[c]).join(', ')}`,
      });
    }
  })
  .transform((ideal): IdealCandidate => ideal)
  .meta({
    id: 'IdealCandidateInput',
    description:
      'Profil recherché (tout est facultatif ; l’ensemble remplace le précédent, null l’efface). place.insee : code INSEE ou code postal (résolu en une commune). Le type de contrat et le télétravail sont ceux de l’offre ; indispensable : les critères cochés, parmi ceux demandés (contractType et remote le sont toujours).',
  });

/** `idealCandidate: null` clears it; left out, the field keeps its value (PATCH) or starts empty. */
export const idealCandidateField = idealCandidateBody.nullable().optional();

export const idealCandidateView = z
  .object({
    metier: z.string().nullable(),
    metierLabel: z.string().nullable(),
    experienceYears: z.number().nullable(),
    educationLevel: z.number().nullable(),
    workingTimes: z.array(z.enum(WORKING_TIMES)),
    place: z
      .object({
        insee: z.string(),
        radiusKm: z.number(),
        commune: z.object({ insee: z.string(), name: z.string(), postalCodes: z.array(z.string()), department: z.string(), approximate: z.boolean() }).nullable(),
      })
      .nullable(),
    drivingLicences: z.array(z.enum(DRIVING_LICENCES)),
    languages: z.array(z.object({ code: z.enum(LANGUAGES), level: z.enum(LANGUAGE_LEVELS) })),
    skills: z.array(z.string()),
    indispensable: z.array(z.enum(MATCH_CRITERIA)),
  })
  .meta({ id: 'IdealCandidate', description: 'Profil recherché ; metierLabel et place.commune pour l’affichage.' });

/**
 * The place as a commune of the table: an INSEE code stays, a postal code becomes its commune's INSEE
 * code; unknown, a 400 under `idealCandidate.place.insee` before anything is written.
 */
export async function resolveIdealPlace(sequelize: Sequelize, ideal: IdealCandidate | null | undefined): Promise<IdealCandidate | null | undefined> {
  if (!ideal?.place) return ideal;
  const commune = await resolveCommune(sequelize, ideal.place.insee);
  if (!commune) throw invalidField('idealCandidate.place.insee', `aucune commune ne porte le code ${ideal.place.insee} (code INSEE ou code postal)`);
  return { ...ideal, place: { insee: commune.insee, radiusKm: ideal.place.radiusKm } };
}

export { NO_IDEAL_CANDIDATE };
