// The ideal candidate of an offer (issue #18, item 1; seed 004 method 1): the profile the recruiter
// looks for, as structured values beside the offer's own free text. Pure data shared by the API (what it
// stores in offers.ideal_candidate, migration 0031), the offer's moderation workflow (a published offer's
// edit carries it like any other field), the web's form and page, and matching, which reads an offer
// only through `offerMatchCriteria`.
//
// Contract types and remote work are not repeated here: the offer says them itself (its contractType
// and remote), and `offerMatchCriteria` reads them there, so the two can never disagree. Both are
// therefore always « asked » and may be marked indispensable.
import { skillKey } from './matching.js';
import {
  DRIVING_LICENCE_LABEL,
  EDUCATION_LEVEL_LABEL,
  LANGUAGE_LABEL,
  LANGUAGE_LEVEL_LABEL,
  PROFILE_LIMITS,
  WORKING_TIME_LABEL,
  type DrivingLicence,
  type EducationLevel,
  type ProfileLanguage,
  type WorkingTime,
} from './candidate-profile.js';
import { MATCH_CRITERIA, MATCH_CRITERION_LABEL, type MatchCriteria, type MatchCriterion } from './matching-criteria.js';
import type { ContractType, RemoteMode } from './offer-rules.js';

/** What the offer stores, every key present (null or [] when not asked). */
export interface IdealCandidate {
  /** A ROME code of workflows/metiers.ts. */
  metier: string | null;
  experienceYears: number | null;
  educationLevel: EducationLevel | null;
  workingTimes: WorkingTime[];
  /** A commune (INSEE code) and the distance around it the recruiter accepts. */
  place: { insee: string; radiusKm: number } | null;
  drivingLicences: DrivingLicence[];
  languages: ProfileLanguage[];
  /** Free words, distinct without case nor accents. */
  skills: string[];
  indispensable: MatchCriterion[];
}

/**
 * Bounds of what a recruiter asks, on an offer's ideal candidate (api/offers/ideal-candidate.ts) as in a
 * matching search (api/matching/schemas.ts MATCH_LIMITS) and their forms: an offer's radius reaches
 * farther than a candidate's own (100 km); a skill as long as a profile may hold one.
 */
export const IDEAL_CANDIDATE_LIMITS = { experienceYearsMax: 40, radiusKmMax: 200, skills: 30, skillLength: PROFILE_LIMITS.skillLength, languages: 10 } as const;

/** The criteria an ideal candidate can ask itself; contract type and remote come from the offer. */
export const IDEAL_CANDIDATE_CRITERIA = ['metier', 'experience', 'education', 'workingTime', 'place', 'drivingLicence', 'language', 'skills'] as const satisfies readonly MatchCriterion[];
/** Always asked: the offer has a contract type and a remote mode (« sur site » by default). */
export const OFFER_OWN_CRITERIA = ['contractType', 'remote'] as const satisfies readonly MatchCriterion[];

/** How two skills are the same skill: matching's own key (no case, accents or ligatures), so an offer never keeps two skills matching compares as one. */
export { skillKey };

/** Skills trimmed, the first spelling of each kept (case and accents ignored), empty ones dropped. */
export function distinctSkills(skills: readonly string[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const raw of skills) {
    const skill = raw.replace(/\s+/g, ' ').trim();
    const key = skillKey(skill);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    kept.push(skill);
  }
  return kept;
}

export const NO_IDEAL_CANDIDATE: IdealCandidate = {
  metier: null,
  experienceYears: null,
  educationLevel: null,
  workingTimes: [],
  place: null,
  drivingLicences: [],
  languages: [],
  skills: [],
  indispensable: [],
};

const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

/**
 * The stored value (jsonb, `{}` for an offer written before 0031) in one shape, keys in one order: what
 * the API shows, what an edit is compared to (PostgreSQL's jsonb reorders keys).
 */
export function idealCandidateOf(stored: unknown): IdealCandidate {
  const s = (stored && typeof stored === 'object' ? stored : {}) as Partial<Record<keyof IdealCandidate, unknown>>;
  const place = s.place as { insee?: unknown; radiusKm?: unknown } | null | undefined;
  return {
    metier: typeof s.metier === 'string' ? s.metier : null,
    experienceYears: typeof s.experienceYears === 'number' ? s.experienceYears : null,
    educationLevel: typeof s.educationLevel === 'number' ? (s.educationLevel as EducationLevel) : null,
    workingTimes: list(s.workingTimes),
    place: place && typeof place.insee === 'string' ? { insee: place.insee, radiusKm: typeof place.radiusKm === 'number' ? place.radiusKm : 0 } : null,
    drivingLicences: list(s.drivingLicences),
    languages: list<ProfileLanguage>(s.languages).map((l) => ({ code: l.code, level: l.level })),
    skills: list(s.skills),
    indispensable: list(s.indispensable),
  };
}

/** The criteria an ideal candidate (and its offer) asks: the only ones that may be indispensable. */
export function askedCriteria(ideal: Omit<IdealCandidate, 'indispensable'>): MatchCriterion[] {
  const asked: Record<(typeof IDEAL_CANDIDATE_CRITERIA)[number], boolean> = {
    metier: ideal.metier != null,
    experience: ideal.experienceYears != null,
    education: ideal.educationLevel != null,
    workingTime: ideal.workingTimes.length > 0,
    place: ideal.place != null,
    drivingLicence: ideal.drivingLicences.length > 0,
    language: ideal.languages.length > 0,
    skills: ideal.skills.length > 0,
  };
  return [...IDEAL_CANDIDATE_CRITERIA.filter((c) => asked[c]), ...OFFER_OWN_CRITERIA];
}

/** What an offer's row gives matching: the columns it needs (a row of `offers`, or the API's names). */
export type OfferCriteriaSource =
  | { ideal_candidate: unknown; contract_type: ContractType; remote: RemoteMode }
  | { idealCandidate: unknown; contractType: ContractType; remote: RemoteMode };

/**
 * The one way matching reads an offer (matches from an offer, invitations): the ideal candidate, the
 * offer's own contract type and remote mode, each indispensable flag kept only for a criterion asked.
 */
export function offerMatchCriteria(offer: OfferCriteriaSource): MatchCriteria {
  const row = 'ideal_candidate' in offer ? { ideal: offer.ideal_candidate, contract: offer.contract_type } : { ideal: offer.idealCandidate, contract: offer.contractType };
  const ideal = idealCandidateOf(row.ideal);
  const asked = new Set(askedCriteria(ideal));
  return {
    metier: ideal.metier,
    experienceYears: ideal.experienceYears,
    educationLevel: ideal.educationLevel,
    contractTypes: [row.contract],
    workingTimes: [...ideal.workingTimes],
    place: ideal.place ? { ...ideal.place } : null,
    remote: offer.remote,
    drivingLicences: [...ideal.drivingLicences],
    languages: ideal.languages.map((l) => ({ ...l })),
    skills: [...ideal.skills],
    indispensable: ideal.indispensable.filter((c) => asked.has(c)),
  };
}

export interface IdealCandidateLine {
  criterion: MatchCriterion;
  /** « Métier », « Lieu »… */
  label: string;
  /** « Vente en alimentation (D1106) », « Paris, 30 km autour » */
  value: string;
  indispensable: boolean;
}

const years = (n: number) => (n === 0 ? 'débutant accepté' : `${n} an${n > 1 ? 's' : ''} au moins`);

/**
 * The ideal candidate in words, one line per criterion asked (MATCH_CRITERIA's order), each saying
 * whether it is indispensable: the offer's page, the moderators' before/after. `names`: the métier's
 * title and the commune's name when known (else their codes); contract and remote mode come from the
 * offer and are listed only when marked indispensable (the offer's page says them already).
 */
export function idealCandidateLines(
  stored: unknown,
  names: { metier?: string | null; place?: string | null; contractType?: string | null; remote?: string | null } = {},
): IdealCandidateLine[] {
  const ideal = idealCandidateOf(stored);
  const flagged = new Set(ideal.indispensable);
  const values: Partial<Record<MatchCriterion, string | null>> = {
    metier: ideal.metier && (names.metier ? `${names.metier} (${ideal.metier})` : ideal.metier),
    experience: ideal.experienceYears == null ? null : years(ideal.experienceYears),
    education: ideal.educationLevel == null ? null : `${EDUCATION_LEVEL_LABEL[ideal.educationLevel]}${ideal.educationLevel ? ' au moins' : ''}`,
    contractType: flagged.has('contractType') ? (names.contractType ?? null) : null,
    workingTime: ideal.workingTimes.map((w) => WORKING_TIME_LABEL[w] ?? w).join(', ') || null,
    place: ideal.place && `${names.place ?? `commune ${ideal.place.insee}`}, ${ideal.place.radiusKm ? `${ideal.place.radiusKm} km autour` : 'la commune seule'}`,
    remote: flagged.has('remote') ? (names.remote ?? null) : null,
    drivingLicence: ideal.drivingLicences.map((d) => DRIVING_LICENCE_LABEL[d] ?? d).join(', ') || null,
    language: ideal.languages.map((l) => `${LANGUAGE_LABEL[l.code] ?? l.code} (${LANGUAGE_LEVEL_LABEL[l.level] ?? l.level})`).join(', ') || null,
    skills: ideal.skills.join(', ') || null,
  };
  return MATCH_CRITERIA.flatMap((criterion) => {
    const value = values[criterion];
    return value ? [{ criterion, label: MATCH_CRITERION_LABEL[criterion], value, indispensable: flagged.has(criterion) }] : [];
  });
}

/** The lines as one text (a moderator's before/after): « Métier : D1106 (indispensable) ; Compétences : Caisse ». */
export const idealCandidateText = (stored: unknown) =>
  idealCandidateLines(stored)
    .map((l) => `${l.label} : ${l.value}${l.indispensable ? ' (indispensable)' : ''}`)
    .join(' ; ');
