// The offer process of PRODUCT.md ("Offer — offerModerationWorkflow") as data: states, actions, who may
// act. Pure code, shared by the workflow (its Update validators), the API and the web app. The wording
// warnings shown before submission are in offer-wording.ts.
import type { Actor } from './actors.js';
import type { IdealCandidate } from './offer-ideal-candidate.js';
import { endOfParisDay } from './paris-time.js';
import { defineRules, type Refusal } from './process-rules.js';

export const OFFER_STATUSES = ['DRAFT', 'PENDING_MODERATION', 'PUBLISHED', 'REJECTED', 'EXPIRED', 'ARCHIVED'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

export const OFFER_ACTIONS = ['submit', 'approve', 'reject', 'archive', 'edit'] as const;
export type OfferAction = (typeof OFFER_ACTIONS)[number];

/** Field edits outside the workflow (PATCH) are allowed in these states only; a published offer is edited through the `edit` action. */
export const EDITABLE_STATUSES: readonly OfferStatus[] = ['DRAFT', 'REJECTED'];
export const isEditable = (status: OfferStatus) => EDITABLE_STATUSES.includes(status);

export const CONTRACT_TYPES = ['CDI', 'CDD', 'INTERIM', 'ALTERNANCE', 'STAGE'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];
export const REMOTE_MODES = ['NONE', 'PARTIAL', 'FULL'] as const;
export type RemoteMode = (typeof REMOTE_MODES)[number];

/**
 * The fields of an offer (the API's names) and their columns. A published offer's `edit` carries the
 * changed ones; the end of publication is not among them: an edited offer keeps its expiry.
 */
export const OFFER_FIELD_COLUMNS = {
  title: 'title',
  contractType: 'contract_type',
  contractDurationMonths: 'contract_duration_months',
  experience: 'experience',
  education: 'education',
  postalCode: 'postal_code',
  city: 'city',
  departments: 'departments',
  jobFamily: 'job_family',
  job: 'job',
  description: 'description',
  salaryMin: 'salary_min',
  salaryMax: 'salary_max',
  remote: 'remote',
  startDate: 'start_date',
  screeningQuestion: 'screening_question',
  // jsonb (migration 0031): written as JSON by the activity.
  idealCandidate: 'ideal_candidate',
  // Seed 002 (migration 0036): the company sees no identity until it lifts it.
  anonymous: 'anonymous',
} as const;
export type OfferEditField = keyof typeof OFFER_FIELD_COLUMNS;
export const OFFER_EDIT_FIELDS = Object.keys(OFFER_FIELD_COLUMNS) as OfferEditField[];
export type OfferFieldValue = string | number | boolean | string[] | IdealCandidate | null;
/** The changed fields of an edit, with their new values. */
export type OfferEdit = Partial<Record<OfferEditField, OfferFieldValue>>;

/** Each field as the forms and the moderators name it. */
export const OFFER_FIELD_LABEL: Record<OfferEditField | 'chosenEndDate', string> = {
  title: 'Intitulé du poste',
  contractType: 'Type de contrat',
  contractDurationMonths: 'Durée du contrat (mois)',
  experience: 'Expérience',
  education: 'Niveau d’études',
  postalCode: 'Code postal',
  city: 'Ville',
  departments: 'Départements de diffusion',
  jobFamily: 'Famille de métier',
  job: 'Métier',
  description: 'Description du poste',
  salaryMin: 'Salaire minimum',
  salaryMax: 'Salaire maximum',
  remote: 'Télétravail',
  startDate: 'Date de prise de poste',
  screeningQuestion: 'Question aux candidats',
  idealCandidate: 'Profil recherché',
  anonymous: 'Candidature anonyme',
  chosenEndDate: 'Fin de publication',
};

/** The history's message of an edit: which fields changed, never their content. */
export const offerEditSummary = (fields: readonly string[]) =>
  `Champs modifiés : ${fields.map((f) => OFFER_FIELD_LABEL[f as OfferEditField] ?? f).join(', ')}.`;

/** PRODUCT.md: a published offer stays online 60 days (or until an earlier date the recruiter chose). */
export const PUBLICATION_DAYS = 60;
export const DEFAULT_PUBLICATION_MS = PUBLICATION_DAYS * 86_400_000;

/** The people an offer involves: its company's recruiters (the moderators are every admin). */
export interface OfferParties {
  companyId: string;
}

/** recruiter: a recruiter of the company; moderator: an admin; owner: either. */
type Party = 'recruiter' | 'moderator' | 'owner';

export interface OfferTransitionRequest {
  action: OfferAction;
  actor: Actor;
  /** reject: required, sent to the recruiters; archive: optional. */
  reason?: string | null;
  /** edit: the changed fields (at least one), with their new values, checked by the API. */
  fields?: OfferEdit | null;
}

export type OfferRefusal = Refusal<OfferStatus, OfferAction>;

export const offerRules = defineRules<OfferStatus, OfferAction, Party, OfferParties, OfferTransitionRequest>({
  statuses: OFFER_STATUSES,
  finalStatuses: ['EXPIRED', 'ARCHIVED'],
  actions: OFFER_ACTIONS,
  rules: {
    submit: { from: ['DRAFT', 'REJECTED'], to: 'PENDING_MODERATION', party: 'recruiter' },
    approve: { from: ['PENDING_MODERATION'], to: 'PUBLISHED', party: 'moderator' },
    reject: {
      from: ['PENDING_MODERATION'],
      to: 'REJECTED',
      party: 'moderator',
      requires: { field: 'reason', reason: 'un motif est obligatoire pour refuser l’offre ; il sera transmis aux recruteurs de l’entreprise.' },
    },
    // Every non-final state: a draft, an offer waiting for (or refused by) moderation and a published
    // offer can all be withdrawn ("Supprimée (Brouillon)", "Supprimée (En attente de modération)" in the seeds).
    archive: { from: ['DRAFT', 'PENDING_MODERATION', 'PUBLISHED', 'REJECTED'], to: 'ARCHIVED', party: 'owner' },
    // PRODUCT.md: a published offer edited goes back to moderation and keeps its expiry (the timer
    // keeps running: an offer still in moderation at its end expires).
    edit: { from: ['PUBLISHED'], to: 'PENDING_MODERATION', party: 'recruiter' },
  },
  check(request) {
    if (request.action !== 'edit') return null;
    const fields = Object.keys(request.fields ?? {});
    if (!fields.length) return { code: 'VALIDATION_FAILED', message: 'fields : indiquez au moins un champ modifié.' };
    const unknown = fields.filter((f) => !(f in OFFER_FIELD_COLUMNS));
    if (unknown.length) return { code: 'VALIDATION_FAILED', message: `fields : champ(s) non modifiable(s) ici : ${unknown.join(', ')}.` };
    return null;
  },
  statusLabel: {
    DRAFT: 'en brouillon',
    PENDING_MODERATION: 'en attente de modération',
    PUBLISHED: 'publiée',
    REJECTED: 'refusée par la modération',
    EXPIRED: 'expirée',
    ARCHIVED: 'archivée',
  },
  partyLabel: {
    recruiter: 'à un recruteur de l’entreprise qui publie l’offre',
    moderator: 'à un administrateur (modération)',
    owner: 'à un recruteur de l’entreprise ou un administrateur',
  },
  subject: () => 'l’offre',
  mayAct(party, actor, parties) {
    const recruiter = actor.role === 'RECRUITER' && !!actor.companyId && actor.companyId === parties.companyId;
    switch (party) {
      case 'recruiter':
        return recruiter;
      case 'moderator':
        return actor.role === 'ADMIN';
      case 'owner':
        return recruiter || actor.role === 'ADMIN';
    }
  },
});

/** Whether this person is on the company's side of the offer (its recruiters) or moderates it (admins). */
export const isOfferInsider = (actor: Actor, parties: OfferParties) => offerRules.mayAct('owner', actor, parties);

/** Process events that are not actions. */
export type OfferEventType = OfferAction | 'created' | 'expired';

/** Each event of the history in French (the back office's history). */
export const offerEventLabel: Record<OfferEventType, string> = {
  created: 'Offre créée',
  submit: 'Soumise à la modération',
  approve: 'Publiée par la modération',
  reject: 'Refusée par la modération',
  archive: 'Retirée',
  expired: 'Expirée',
  edit: 'Modifiée (retour en modération)',
};

/** What the notification activity needs to tell people about one event of one offer. */
export interface OfferNotice {
  workflowId: string;
  offerId: string;
  /** The event's place in the history: with workflowId, the idempotency key of every mail it causes. */
  seq: number;
  event: OfferEventType;
  status: OfferStatus;
  actor: Actor | null;
  message: string | null;
}

/**
 * When an offer approved at `at` goes offline: after the publication period, or at the end of the
 * day the recruiter chose (Paris time) if that comes first.
 */
export function offerExpiry(at: Date, publicationMs: number, chosenEndDate: string | null): Date {
  const byPeriod = at.getTime() + publicationMs;
  if (!chosenEndDate) return new Date(byPeriod);
  return new Date(Math.min(byPeriod, endOfParisDay(chosenEndDate).getTime()));
}

