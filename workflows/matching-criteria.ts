// Matching (issue #18, PRODUCT.md « Wave 2 — CVthèque and matching »): what a recruiter looks for — the
// ideal candidate of an offer (method 1 of seed 004) or criteria typed without an offer (method 2) — and
// what a profile brings, as data shared by the scoring module (matching.ts), the API, the offer form and
// the web's explanation. Each criterion is optional; each may be marked indispensable (seed 004: « Si vous
// cochez un critère, cela signifie qu'il est indispensable »).
import type { ContractType, DrivingLicence, EducationLevel, ProfileLanguage, RemoteMode, WorkingTime } from './candidate-profile.js';

export const MATCH_CRITERIA = ['metier', 'experience', 'education', 'contractType', 'workingTime', 'place', 'remote', 'drivingLicence', 'language', 'skills'] as const;
export type MatchCriterion = (typeof MATCH_CRITERIA)[number];

/** How each criterion reads in French (the explanation's first words: « Expérience : … »). */
export const MATCH_CRITERION_LABEL: Record<MatchCriterion, string> = {
  metier: 'Métier',
  experience: 'Expérience',
  education: 'Niveau de diplôme',
  contractType: 'Type de contrat',
  workingTime: 'Temps de travail',
  place: 'Lieu',
  remote: 'Télétravail',
  drivingLicence: 'Permis de conduire',
  language: 'Langues',
  skills: 'Compétences',
};

/** Seed 004's four outcomes of a criterion, with the words its explanation uses. */
export const MATCH_RESULTS = ['FOUND', 'APPROXIMATE', 'NOT_SPECIFIED', 'NOT_FOUND'] as const;
export type MatchResult = (typeof MATCH_RESULTS)[number];
export const MATCH_RESULT_LABEL: Record<MatchResult, string> = {
  FOUND: 'trouvé dans le profil',
  APPROXIMATE: 'approximatif',
  NOT_SPECIFIED: 'non précisé dans le profil',
  NOT_FOUND: 'non trouvé',
};

/** What the recruiter looks for. Empty lists and nulls are « not asked »: they neither score nor filter. */
export interface MatchCriteria {
  /** A ROME code of workflows/metiers.ts. */
  metier?: string | null;
  experienceYears?: number | null;
  educationLevel?: EducationLevel | null;
  contractTypes?: ContractType[];
  workingTimes?: WorkingTime[];
  /** A commune (INSEE code) and the distance around it the recruiter accepts. */
  place?: { insee: string; radiusKm: number } | null;
  remote?: RemoteMode | null;
  drivingLicences?: DrivingLicence[];
  /** Each language at this level at least. */
  languages?: ProfileLanguage[];
  /** Free words, compared without case nor accents. */
  skills?: string[];
  /** The criteria a profile must meet to be listed at all. */
  indispensable?: MatchCriterion[];
}

/**
 * What a profile brings to the comparison: its columns (candidate_profiles), and for the place the distance
 * PostgreSQL measured (cube/earthdistance) from the searched commune to the nearest of the candidate's
 * places, net of nothing (the candidate's own radius is given apart).
 */
export interface MatchProfile {
  metiers: string[];
  experienceMonths: number;
  educationLevel: EducationLevel | null;
  contractTypes: ContractType[];
  workingTimes: WorkingTime[];
  remote: RemoteMode | null;
  /** null: the profile names no place. */
  place: { distanceKm: number; candidateRadiusKm: number; approximate: boolean; name: string } | null;
  drivingLicences: DrivingLicence[];
  languages: ProfileLanguage[];
  skills: string[];
}

/** A profile that says nothing (0 months of experience is its computed column's value): the base of fixtures and of « which criteria are asked ». */
export const SILENT_PROFILE: MatchProfile = {
  metiers: [],
  experienceMonths: 0,
  educationLevel: null,
  contractTypes: [],
  workingTimes: [],
  remote: null,
  place: null,
  drivingLicences: [],
  languages: [],
  skills: [],
};

export interface CriterionMatch {
  criterion: MatchCriterion;
  result: MatchResult;
  /** One French sentence: « Expérience : 3 ans demandés, 2 ans trouvés — approximatif ». */
  detail: string;
  indispensable: boolean;
}

export interface Match {
  /** 0–100. It helps a person decide; it decides nothing (seed 000). */
  score: number;
  /** Only the criteria asked, in MATCH_CRITERIA's order. */
  criteria: CriterionMatch[];
}
