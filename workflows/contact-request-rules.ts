// The CVthèque contact request (issue #17, item 6) as data: a recruiter of a verified company asks to
// contact a candidate found in the CVthèque; the candidate, or their référent for them, accepts or
// declines; the requesting company's recruiters may cancel while it waits; without an answer it
// expires. Contact details (name, e-mail, phone) are shown to the company only once ACCEPTED. Pure code,
// shared by the workflow (its Update validators), the API and the web app.
import type { Actor } from './actors.js';
import { defineRules } from './process-rules.js';

export const CONTACT_REQUEST_STATUSES = ['PENDING', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'CANCELLED'] as const;
export type ContactRequestStatus = (typeof CONTACT_REQUEST_STATUSES)[number];

/** What people do (the transitions route, the buttons). */
export const CONTACT_REQUEST_ACTIONS = ['accept', 'decline', 'cancel'] as const;
export type ContactRequestAction = (typeof CONTACT_REQUEST_ACTIONS)[number];

/**
 * Who a request involves, fixed when it is created: ids only (no name, no message: those stay in
 * PostgreSQL, out of the workflow's input and history).
 */
export interface ContactRequestParties {
  candidateId: string;
  companyId: string;
  /** The candidate's référent when the request was made: they may answer it for the candidate. */
  referentId: string | null;
}

export interface ContactRequestTransitionRequest {
  action: ContactRequestAction;
  actor: Actor;
}

/** The candidate's side answers (the candidate, or their référent); the company's side cancels. */
type Party = 'candidateSide' | 'company';

export const contactRequestRules = defineRules<ContactRequestStatus, ContactRequestAction, Party, ContactRequestParties, ContactRequestTransitionRequest>({
  statuses: CONTACT_REQUEST_STATUSES,
  finalStatuses: ['ACCEPTED', 'DECLINED', 'EXPIRED', 'CANCELLED'],
  actions: CONTACT_REQUEST_ACTIONS,
  rules: {
    accept: { from: ['PENDING'], to: 'ACCEPTED', party: 'candidateSide' },
    decline: { from: ['PENDING'], to: 'DECLINED', party: 'candidateSide', closing: true },
    cancel: { from: ['PENDING'], to: 'CANCELLED', party: 'company', closing: true },
  },
  statusLabel: {
    PENDING: 'en attente de la réponse de la personne',
    ACCEPTED: 'acceptée',
    DECLINED: 'refusée',
    EXPIRED: 'expirée sans réponse',
    CANCELLED: 'annulée par l’entreprise',
  },
  partyLabel: {
    candidateSide: 'à la personne concernée ou à son référent',
    company: 'aux recruteurs de l’entreprise qui a fait la demande',
  },
  subject: () => 'la demande de contact',
  mayAct: (party, actor, parties) =>
    party === 'candidateSide'
      ? (actor.role === 'CANDIDATE' && actor.id === parties.candidateId) || (actor.role === 'REFERENT' && !!parties.referentId && actor.id === parties.referentId)
      : actor.role === 'RECRUITER' && !!actor.companyId && actor.companyId === parties.companyId,
});

/** Process events: the actions, the creation, the reminder and the expiry (timers). */
export type ContactRequestEventType = ContactRequestAction | 'created' | 'reminder' | 'expire';

/** Each event of the history in French (the back office's history). */
export const contactRequestEventLabel: Record<ContactRequestEventType, string> = {
  created: 'Demande de contact envoyée',
  reminder: 'Relance envoyée à la personne et à son référent',
  accept: 'Acceptée',
  decline: 'Refusée',
  cancel: 'Annulée par l’entreprise',
  expire: 'Expirée sans réponse',
};

/** The buttons' words. */
export const contactRequestActionLabel: Record<ContactRequestAction, string> = {
  accept: 'Accepter',
  decline: 'Refuser',
  cancel: 'Annuler la demande',
};

/** What accepting shares, said next to « Accepter ». */
export const CONTACT_SHARED_ON_ACCEPT = 'L’entreprise verra vos nom, e-mail et téléphone.';

/** How a person relates to a contact request in what they are told (activities/contact-request-notices.ts). */
export type ContactRequestAudience = 'candidate' | 'referent' | 'requester';

/** What the notification activity needs about one event of one request: ids only. */
export interface ContactRequestNotice {
  workflowId: string;
  contactRequestId: string;
  seq: number;
  event: ContactRequestEventType;
  status: ContactRequestStatus;
  actor: Actor | null;
}

/**
 * How a company names a profile it has no contact with (no name before an ACCEPTED request): a short
 * reference, stable for the candidate, readable aloud. « Profil n° 3F9A-C2D1 ».
 */
export function profileReference(candidateId: string): string {
  const hex = candidateId.replace(/-/g, '').slice(0, 8).toUpperCase();
  return `Profil n° ${hex.slice(0, 4)}-${hex.slice(4)}`;
}
