// Accommodation needs for interviews (issue #16, item 6): the kinds a candidate may ask for, in French,
// shared by the API (what it accepts), the web app (the checkboxes) and the mails (what they list).
// Health-related: stored per candidate (candidate_accommodations), shared only with a company that
// invites the candidate to an interview, and only with their consent. Never in workflow inputs.
import type { ApplicationStatus } from './application-rules.js';

export const ACCOMMODATION_NEEDS = [
  'SIGN_LANGUAGE_INTERPRETER',
  'STEP_FREE_ACCESS',
  'EXTRA_TIME',
  'WRITTEN_QUESTIONS',
  'CAPTIONS',
  'HEARING_LOOP',
  'BREAKS',
  'REMOTE_INTERVIEW',
  'ACCESSIBLE_DOCUMENTS',
  'COMPANION',
  'OTHER',
] as const;
export type AccommodationNeed = (typeof ACCOMMODATION_NEEDS)[number];

export const ACCOMMODATION_NEED_LABEL: Record<AccommodationNeed, string> = {
  SIGN_LANGUAGE_INTERPRETER: 'Interprète en langue des signes (LSF)',
  STEP_FREE_ACCESS: 'Accès de plain-pied ou par ascenseur',
  EXTRA_TIME: 'Temps supplémentaire',
  WRITTEN_QUESTIONS: 'Questions posées aussi par écrit',
  CAPTIONS: 'Sous-titrage ou transcription',
  HEARING_LOOP: 'Boucle magnétique',
  BREAKS: 'Pauses pendant l’entretien',
  REMOTE_INTERVIEW: 'Entretien à distance plutôt que sur place',
  ACCESSIBLE_DOCUMENTS: 'Documents en gros caractères ou en format accessible',
  COMPANION: 'Présence d’une personne qui m’accompagne',
  OTHER: 'Autre besoin (précisé ci-dessous)',
};

/** The free text's bound: a few paragraphs, enough to explain a need, not a medical file. */
export const ACCOMMODATION_DETAILS_MAX = 1000;

/**
 * While the company may propose or hold an interview: from its acceptance to the interview done.
 * Before (not asked at application time) and after a final status, nobody of the company sees them.
 */
export const ACCOMMODATION_SHARED_STATUSES: readonly ApplicationStatus[] = ['ACCEPTED', 'INTERVIEW_PROPOSED', 'INTERVIEW_DONE'];

/** The needs in the order of the list, labelled: « Temps supplémentaire ; Pauses pendant l’entretien ». */
export function accommodationLabels(needs: readonly string[]): string[] {
  return ACCOMMODATION_NEEDS.filter((need) => needs.includes(need)).map((need) => ACCOMMODATION_NEED_LABEL[need]);
}

/** The candidate's page of their needs, and the référent's page of a candidate (where they are edited). */
export const ACCOMMODATION_PAGE = '/candidat/amenagements';
export const referentAccommodationPage = (candidateId: string) => `/referent/candidats/${candidateId}#amenagements`;
