// The candidate profile of the CVthèque (issue #17, item 1): what the candidate or their référent saves
// (the whole profile at once), what each reader gets, and the communes' picker. Values and bounds are
// workflows/candidate-profile.ts's; every refusal names its field (`experiences.2.start`) in French.
import { z } from 'zod';
import {
  CONTRACT_TYPES,
  CONTRACT_TYPE_LABEL,
  DRIVING_LICENCES,
  EDUCATION_LEVELS,
  type EducationLevel,
  LANGUAGES,
  LANGUAGE_LEVELS,
  PROFILE_CONSENTS,
  PROFILE_LIMITS as L,
  REMOTE_MODES,
  WORKING_TIMES,
} from '../../workflows/candidate-profile.js';
import { SOFT_SKILLS, SOFT_SKILLS_MAX, SOFT_SKILL_LABEL } from '../../workflows/soft-skills.js';
import { enumOf, person } from '../schemas.js';

/** ROME codes: a letter A–N and four digits (« D1106 »). Whether the code exists is `unknownMetier`'s (service). */
export const METIER_CODE = /^[A-N][0-9]{4}$/;
const INSEE_CODE = /^[0-9][0-9AB][0-9]{3}$/;
const YEAR_MONTH = /^(19[5-9][0-9]|20[0-9]{2})-(0[1-9]|1[0-2])$/;
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

/** Free text: trimmed, an empty text is no text (null). */
const optionalText = (max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? null : value),
    z.string({ error: 'texte attendu' }).trim().max(max, `${max} caractères au plus`).nullable().optional(),
  );
const requiredText = (max: number, what: string) =>
  z.string({ error: `${what} attendu` }).trim().min(1, `${what} obligatoire`).max(max, `${max} caractères au plus`);

const unique = <T>(what: string, key: (item: T) => unknown = (item) => item) => [
  (items: T[]) => new Set(items.map(key)).size === items.length,
  `${what} une seule fois`,
] as const;

const calendarDate = z
  .string({ error: 'date attendue (AAAA-MM-JJ)' })
  .regex(DATE, 'date attendue (AAAA-MM-JJ)')
  .refine((value) => {
    const d = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value && d.getUTCFullYear() >= 1900 && d.getUTCFullYear() <= 2100;
  }, 'cette date n’existe pas');

/** A French diploma level (0: none, then 3 to 8). */
const educationLevel = z
  .number({ error: `niveau de diplôme attendu : ${EDUCATION_LEVELS.join(', ')}` })
  .int(`niveau de diplôme attendu : ${EDUCATION_LEVELS.join(', ')}`)
  .refine((l) => (EDUCATION_LEVELS as readonly number[]).includes(l), `niveau de diplôme inconnu : ${EDUCATION_LEVELS.join(', ')}`) as z.ZodType<EducationLevel>;

const experience = z
  .object({
    title: requiredText(L.titleLength, 'intitulé du poste'),
    employer: optionalText(L.titleLength),
    start: z.string({ error: 'mois de début attendu (AAAA-MM)' }).regex(YEAR_MONTH, 'mois de début attendu (AAAA-MM), depuis 1950'),
    end: z.preprocess(
      (value) => (value === '' ? null : value),
      z.string({ error: 'mois de fin attendu (AAAA-MM)' }).regex(YEAR_MONTH, 'mois de fin attendu (AAAA-MM), depuis 1950').nullable().optional(),
    ),
    description: optionalText(L.experienceDescriptionLength),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.end && e.end < e.start) ctx.addIssue({ code: 'custom', path: ['end'], message: 'la fin ne peut précéder le début' });
    const now = new Date();
    const thisMonth = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    if (e.start > thisMonth) ctx.addIssue({ code: 'custom', path: ['start'], message: 'le début ne peut être dans le futur' });
  });

const diploma = z
  .object({
    title: requiredText(L.titleLength, 'intitulé du diplôme'),
    level: educationLevel,
    year: z
      .number({ error: 'année attendue' })
      .int('année attendue')
      .min(1950, 'année depuis 1950')
      .max(new Date().getUTCFullYear() + 1, 'année à venir au plus l’an prochain')
      .nullable()
      .optional(),
  })
  .strict();

const language = z.object({ code: enumOf(LANGUAGES, 'langue'), level: enumOf(LANGUAGE_LEVELS, 'niveau') }).strict();

const place = z
  .object({
    insee: z.string({ error: 'code INSEE attendu' }).trim().toUpperCase().regex(INSEE_CODE, 'code INSEE de commune attendu (5 caractères, ex. 69123)'),
    radiusKm: z
      .number({ error: 'rayon en kilomètres attendu' })
      .int('rayon en kilomètres entiers')
      .min(0, 'rayon de 0 à 100 km')
      .max(L.radiusKmMax, `rayon de 0 à ${L.radiusKmMax} km`),
  })
  .strict();

export const profileBody = z
  .object({
    headline: optionalText(L.headlineLength),
    summary: optionalText(L.summaryLength),
    metiers: z
      .array(z.string({ error: 'code ROME attendu' }).trim().toUpperCase().regex(METIER_CODE, 'code ROME attendu : une lettre de A à N et 4 chiffres (ex. D1106)'), {
        error: 'liste de métiers attendue',
      })
      .max(L.metiers, `${L.metiers} métiers au plus`)
      .refine(...unique<string>('chaque métier')),
    skills: z
      .array(requiredText(L.skillLength, 'compétence'), { error: 'liste de compétences attendue' })
      .max(L.skills, `${L.skills} compétences au plus`)
      .refine(...unique<string>('chaque compétence', (s) => s.toLocaleLowerCase('fr'))),
    /** Savoir-être: codes of workflows/soft-skills.ts, each once, 5 at most. */
    softSkills: z
      .array(z.enum(SOFT_SKILLS, { error: `savoir-être inconnu : choisissez dans la liste (${SOFT_SKILLS.map((c) => SOFT_SKILL_LABEL[c]).join(', ')})` }), {
        error: 'liste de savoir-être attendue',
      })
      .max(SOFT_SKILLS_MAX, `${SOFT_SKILLS_MAX} savoir-être au plus : retirez-en un avant d’en choisir un autre`)
      .refine(...unique<string>('chaque savoir-être')),
    experiences: z.array(experience, { error: 'liste d’expériences attendue' }).max(L.experiences, `${L.experiences} expériences au plus`),
    diplomas: z.array(diploma, { error: 'liste de diplômes attendue' }).max(L.diplomas, `${L.diplomas} diplômes au plus`),
    educationLevel: educationLevel.nullable()
      .optional(),
    languages: z
      .array(language, { error: 'liste de langues attendue' })
      .max(L.languages, `${L.languages} langues au plus`)
      .refine(...unique<{ code: string }>('chaque langue', (l) => l.code)),
    drivingLicences: z.array(enumOf(DRIVING_LICENCES, 'permis'), { error: 'liste de permis attendue' }).refine(...unique<string>('chaque permis')),
    contractTypes: z
      .array(enumOf(CONTRACT_TYPES, 'contrat'), { error: `liste de contrats attendue (${CONTRACT_TYPES.map((c) => CONTRACT_TYPE_LABEL[c]).join(', ')})` })
      .refine(...unique<string>('chaque contrat')),
    workingTimes: z.array(enumOf(WORKING_TIMES, 'temps de travail'), { error: 'liste attendue' }).refine(...unique<string>('chaque temps de travail')),
    remote: enumOf(REMOTE_MODES, 'télétravail').nullable().optional(),
    availableFrom: z.preprocess((value) => (value === '' ? null : value), calendarDate.nullable().optional()),
    /** Where the candidate lives: a commune's INSEE code. */
    communeInsee: z.preprocess(
      (value) => (value === '' ? null : value),
      z.string({ error: 'code INSEE attendu' }).trim().toUpperCase().regex(INSEE_CODE, 'code INSEE de commune attendu (5 caractères, ex. 69123)').nullable().optional(),
    ),
    places: z
      .array(place, { error: 'liste de lieux attendue' })
      .max(L.places, `${L.places} lieux au plus`)
      .refine(...unique<{ insee: string }>('chaque commune', (p) => p.insee)),
    /** The candidate's RQTH (recognition as a disabled worker): a fact, shown to recruiters only with `rqthShared`. */
    rqth: z.boolean({ error: 'oui ou non attendu' }),
    /** Consent to appear in the CVthèque; false withdraws it at once. Only the candidate gives it. */
    cvthequeVisible: z.boolean({ error: 'oui ou non attendu' }),
    /** Consent to show the RQTH to the CVthèque's recruiters and filter on it; false withdraws it at once. */
    rqthShared: z.boolean({ error: 'oui ou non attendu' }),
  })
  .strict()
  .meta({ id: 'CandidateProfileInput' });
export type ProfileBody = z.output<typeof profileBody>;

const communeView = z.object({ insee: z.string(), name: z.string(), postalCodes: z.array(z.string()), department: z.string(), approximate: z.boolean() });
const consentState = z.object({ given: z.boolean(), at: z.string().nullable() });

export const profileView = z
  .object({
    candidateId: z.uuid(),
    firstName: z.string(),
    lastName: z.string(),
    headline: z.string().nullable(),
    summary: z.string().nullable(),
    metiers: z.array(z.string()),
    skills: z.array(z.string()),
    softSkills: z.array(z.enum(SOFT_SKILLS)),
    experiences: z.array(
      z.object({ title: z.string(), employer: z.string().nullable(), start: z.string(), end: z.string().nullable(), description: z.string().nullable() }),
    ),
    experienceMonths: z.number().int(),
    diplomas: z.array(z.object({ title: z.string(), level: z.number().int(), year: z.number().int().nullable() })),
    educationLevel: z.number().int().nullable(),
    languages: z.array(z.object({ code: z.string(), level: z.string() })),
    drivingLicences: z.array(z.string()),
    contractTypes: z.array(z.string()),
    workingTimes: z.array(z.string()),
    remote: z.string().nullable(),
    availableFrom: z.string().nullable(),
    communeInsee: z.string().nullable(),
    commune: communeView.nullable(),
    places: z.array(communeView.extend({ radiusKm: z.number().int() })),
    rqth: z.boolean(),
    consents: z.object({ cvtheque: consentState, rqth: consentState }),
    /** Every grant and withdrawal, newest first, with who recorded it. */
    consentHistory: z.array(z.object({ consent: z.enum(PROFILE_CONSENTS), granted: z.boolean(), at: z.string(), recordedBy: person.nullable() })),
    lastActivityAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'CandidateProfile' });

export const communesQuery = z
  .object({ q: z.string({ error: 'texte attendu' }).trim().min(1, 'tapez le début d’un nom ou d’un code postal').max(80, '80 caractères au plus') })
  .strict();

export const communesView = z.object({ items: z.array(communeView) }).meta({ id: 'Communes' });
