// The offer process of PRODUCT.md ("Offer — offerModerationWorkflow") as data: states, actions, who may
// act. Pure code, shared by the workflow (its Update validators), the API and the web app. The wording
// warnings shown before submission are in offer-wording.ts.
import type { Actor } from './actors.js';
import { endOfParisDay } from './paris-time.js';
import { defineRules, type Refusal } from './process-rules.js';

export const OFFER_STATUSES = ['DRAFT', 'PENDING_MODERATION', 'PUBLISHED', 'REJECTED', 'EXPIRED', 'ARCHIVED'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

export const OFFER_ACTIONS = ['submit', 'approve', 'reject', 'archive'] as const;
export type OfferAction = (typeof OFFER_ACTIONS)[number];

/** Field edits (outside the workflow) are allowed in these states only. */
export const EDITABLE_STATUSES: readonly OfferStatus[] = ['DRAFT', 'REJECTED'];
export const isEditable = (status: OfferStatus) => EDITABLE_STATUSES.includes(status);

export const CONTRACT_TYPES = ['CDI', 'CDD', 'INTERIM', 'ALTERNANCE', 'STAGE'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];
export const REMOTE_MODES = ['NONE', 'PARTIAL', 'FULL'] as const;
export type RemoteMode = (typeof REMOTE_MODES)[number];

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

