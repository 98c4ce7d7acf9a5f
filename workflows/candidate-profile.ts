// The candidate profile of the CVthèque (issue #17, PRODUCT.md « Wave 2 — CVthèque and matching ») as
// data: its fields' allowed values with their French labels, its bounds, and the filters' buckets. One
// definition read by the API (what it accepts), the web app (the form and the search filters), the
// search (facets) and the seeds. Métiers are in metiers.ts, communes in the `communes` table.
import { CONTRACT_TYPES, REMOTE_MODES, type ContractType, type RemoteMode } from './offer-rules.js';

export { CONTRACT_TYPES, REMOTE_MODES, type ContractType, type RemoteMode };

/** French diploma levels (nomenclature of 2019): stored as their number so « at least » is a comparison. 0: no diploma. */
export const EDUCATION_LEVELS = [0, 3, 4, 5, 6, 7, 8] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];
export const EDUCATION_LEVEL_LABEL: Record<EducationLevel, string> = {
  0: 'Sans diplôme',
  3: 'CAP, BEP (niveau 3)',
  4: 'Baccalauréat (niveau 4)',
  5: 'Bac + 2 : BTS, DEUST (niveau 5)',
  6: 'Bac + 3 ou 4 : licence, BUT (niveau 6)',
  7: 'Bac + 5 : master, ingénieur (niveau 7)',
  8: 'Doctorat (niveau 8)',
};

export const CONTRACT_TYPE_LABEL: Record<ContractType, string> = {
  CDI: 'CDI',
  CDD: 'CDD',
  INTERIM: 'Intérim',
  ALTERNANCE: 'Alternance',
  STAGE: 'Stage',
};

export const WORKING_TIMES = ['FULL_TIME', 'PART_TIME'] as const;
export type WorkingTime = (typeof WORKING_TIMES)[number];
export const WORKING_TIME_LABEL: Record<WorkingTime, string> = { FULL_TIME: 'Temps plein', PART_TIME: 'Temps partiel' };

export const REMOTE_LABEL: Record<RemoteMode, string> = {
  NONE: 'Sur site',
  PARTIAL: 'Télétravail partiel',
  FULL: 'Télétravail complet',
};

/** Languages a candidate may list: ISO 639 codes, French sign language included (ISO 639-3 `fsl`). */
export const LANGUAGES = ['fr', 'en', 'es', 'de', 'it', 'pt', 'ar', 'zh', 'ru', 'tr', 'pl', 'ro', 'nl', 'wo', 'fsl'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_LABEL: Record<Language, string> = {
  fr: 'Français',
  en: 'Anglais',
  es: 'Espagnol',
  de: 'Allemand',
  it: 'Italien',
  pt: 'Portugais',
  ar: 'Arabe',
  zh: 'Chinois',
  ru: 'Russe',
  tr: 'Turc',
  pl: 'Polonais',
  ro: 'Roumain',
  nl: 'Néerlandais',
  wo: 'Wolof',
  fsl: 'Langue des signes française (LSF)',
};
/** Common European Framework levels, and « langue maternelle ». */
export const LANGUAGE_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'NATIVE'] as const;
export type LanguageLevel = (typeof LANGUAGE_LEVELS)[number];
export const LANGUAGE_LEVEL_LABEL: Record<LanguageLevel, string> = {
  A1: 'A1 — débutant',
  A2: 'A2 — élémentaire',
  B1: 'B1 — intermédiaire',
  B2: 'B2 — avancé',
  C1: 'C1 — autonome',
  C2: 'C2 — maîtrise',
  NATIVE: 'Langue maternelle',
};

export const DRIVING_LICENCES = ['AM', 'A', 'B', 'BE', 'C', 'CE', 'D', 'DE'] as const;
export type DrivingLicence = (typeof DRIVING_LICENCES)[number];
export const DRIVING_LICENCE_LABEL: Record<DrivingLicence, string> = {
  AM: 'Permis AM (cyclomoteur)',
  A: 'Permis A (moto)',
  B: 'Permis B (voiture)',
  BE: 'Permis BE (voiture et remorque)',
  C: 'Permis C (poids lourd)',
  CE: 'Permis CE (poids lourd et remorque)',
  D: 'Permis D (transport en commun)',
  DE: 'Permis DE (transport en commun et remorque)',
};

/** Bounds the API checks and the migration repeats as CHECKs. */
export const PROFILE_LIMITS = {
  metiers: 5,
  skills: 30,
  skillLength: 80,
  experiences: 20,
  diplomas: 10,
  languages: 10,
  places: 5,
  radiusKmMax: 100,
  headlineLength: 120,
  summaryLength: 2000,
  experienceDescriptionLength: 2000,
  titleLength: 160,
} as const;

export interface ProfileExperience {
  title: string;
  employer: string | null;
  /** YYYY-MM */
  start: string;
  /** YYYY-MM, null while it lasts */
  end: string | null;
  description: string | null;
}
export interface ProfileDiploma {
  title: string;
  level: EducationLevel;
  year: number | null;
}
export interface ProfileLanguage {
  code: Language;
  level: LanguageLevel;
}
export interface ProfilePlace {
  /** INSEE code of a commune (table `communes`). */
  insee: string;
  radiusKm: number;
}

const monthIndex = (ym: string) => {
  const [y, m] = ym.split('-').map(Number);
  return y * 12 + (m - 1);
};

/**
 * Months of experience, overlaps counted once (two jobs at once are not twice the experience); an
 * experience still running counts up to `now`. Stored with the profile (`experience_months`) so the
 * « expérience » filter is a comparison.
 */
export function experienceMonths(experiences: readonly Pick<ProfileExperience, 'start' | 'end'>[], now: Date): number {
  const current = now.getUTCFullYear() * 12 + now.getUTCMonth();
  const spans = experiences
    .map((e) => [monthIndex(e.start), Math.min(e.end ? monthIndex(e.end) : current, current)] as const)
    .filter(([a, b]) => b >= a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let open: [number, number] | null = null;
  for (const [a, b] of spans) {
    if (open && a <= open[1] + 1) open[1] = Math.max(open[1], b);
    else {
      if (open) total += open[1] - open[0] + 1;
      open = [a, b];
    }
  }
  if (open) total += open[1] - open[0] + 1;
  return total;
}

/** The « expérience » filter's buckets, in months [min, max). */
export const EXPERIENCE_BUCKETS = [
  { key: 'NONE', label: 'Moins d’un an', min: 0, max: 12 },
  { key: '1_3', label: 'De 1 à 3 ans', min: 12, max: 36 },
  { key: '3_5', label: 'De 3 à 5 ans', min: 36, max: 60 },
  { key: '5_PLUS', label: 'Plus de 5 ans', min: 60, max: null },
] as const;
export type ExperienceBucket = (typeof EXPERIENCE_BUCKETS)[number]['key'];

/** « Disponibilité »: available now (no date, or a date passed), within 1 or 3 months. */
export const AVAILABILITY_BUCKETS = [
  { key: 'NOW', label: 'Immédiatement', withinDays: 0 },
  { key: '1_MONTH', label: 'Sous un mois', withinDays: 31 },
  { key: '3_MONTHS', label: 'Sous trois mois', withinDays: 92 },
] as const;
export type AvailabilityBucket = (typeof AVAILABILITY_BUCKETS)[number]['key'];

/** « Dernière activité » of the candidate (sign-in, profile or document change). */
export const ACTIVITY_BUCKETS = [
  { key: '7_DAYS', label: 'Moins de 7 jours', days: 7 },
  { key: '30_DAYS', label: 'Moins d’un mois', days: 30 },
  { key: '90_DAYS', label: 'Moins de trois mois', days: 90 },
  { key: '180_DAYS', label: 'Moins de six mois', days: 180 },
] as const;
export type ActivityBucket = (typeof ACTIVITY_BUCKETS)[number]['key'];

/** The two consents of the CVthèque, each recorded with its time in `profile_consents`. */
export const PROFILE_CONSENTS = ['CVTHEQUE', 'RQTH'] as const;
export type ProfileConsent = (typeof PROFILE_CONSENTS)[number];
export const PROFILE_CONSENT_LABEL: Record<ProfileConsent, string> = {
  CVTHEQUE:
    'J’accepte que mon profil soit visible dans la CVthèque par les recruteurs d’entreprises vérifiées. Je peux retirer cet accord à tout moment ; mon profil disparaît alors aussitôt des recherches.',
  RQTH:
    'J’accepte que ma reconnaissance de la qualité de travailleur handicapé (RQTH) soit visible par ces recruteurs et utilisée comme filtre de recherche. Je peux retirer cet accord à tout moment.',
};
