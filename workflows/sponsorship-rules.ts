// The sponsorship (parrainage) process of PRODUCT.md as data: a candidate, or their référent for them,
// asks a company for a sponsor; a recruiter of that company accepts (naming the sponsor, one of its
// recruiters) or refuses (with a comment). Pure code, shared by the workflow (its Update validators)
// and the API.
import type { Actor } from './application-rules.js';
import type { Refusal as ProcessRefusal } from './process.js';

export type { Actor } from './application-rules.js';

/** One workflow per sponsorship request, its id derived from the request's. */
export const sponsorshipWorkflowId = (sponsorshipId: string) => `sponsorship-${sponsorshipId}`;

export const SPONSORSHIP_STATUSES = ['PENDING', 'ACCEPTED', 'REFUSED'] as const;
export type SponsorshipStatus = (typeof SPONSORSHIP_STATUSES)[number];

export const SPONSORSHIP_FINAL_STATUSES: readonly SponsorshipStatus[] = ['ACCEPTED', 'REFUSED'];
export const isSponsorshipFinal = (status: SponsorshipStatus) => SPONSORSHIP_FINAL_STATUSES.includes(status);

export const SPONSORSHIP_ACTIONS = ['accept', 'refuse'] as const;
export type SponsorshipAction = (typeof SPONSORSHIP_ACTIONS)[number];

/** The people a request involves, fixed when it is created. */
export interface SponsorshipParties {
  candidateId: string;
  companyId: string;
  referentId: string | null;
  missionOfficerId: string | null;
}

/**
 * What the API found about the chosen sponsor (the workflow cannot read the database). Trusted like
 * the actor: only the server sends Updates.
 */
export interface SponsorFacts {
  id: string;
  role: Actor['role'];
  companyId: string | null;
  /** Not disabled, and not waiting for the verification of their place in the company. */
  active: boolean;
}

export interface SponsorshipTransitionRequest {
  action: SponsorshipAction;
  actor: Actor;
  /** accept: the recruiter named as sponsor… */
  sponsorUserId?: string | null;
  /** …and what the API knows of them (null: no such user). */
  sponsor?: SponsorFacts | null;
  /** refuse: why, told to the candidate and their référent. */
  comment?: string | null;
}

interface Rule {
  from: readonly SponsorshipStatus[];
  to: SponsorshipStatus;
}

export const SPONSORSHIP_RULES: Record<SponsorshipAction, Rule> = {
  accept: { from: ['PENDING'], to: 'ACCEPTED' },
  refuse: { from: ['PENDING'], to: 'REFUSED' },
};

export const SPONSORSHIP_STATUS_LABEL: Record<SponsorshipStatus, string> = {
  PENDING: 'en attente de la réponse de l’entreprise',
  ACCEPTED: 'acceptée',
  REFUSED: 'refusée',
};

/** Both actions belong to the recruiters of the company that received the request. */
export function mayAnswer(actor: Actor, parties: SponsorshipParties): boolean {
  return actor.role === 'RECRUITER' && !!actor.companyId && actor.companyId === parties.companyId;
}

/** Whether this person may be named sponsor of a request to this company. */
export function isEligibleSponsor(sponsor: SponsorFacts | null | undefined, parties: SponsorshipParties): boolean {
  return !!sponsor && sponsor.active && sponsor.role === 'RECRUITER' && sponsor.companyId === parties.companyId;
}

export type SponsorshipRefusal = ProcessRefusal<SponsorshipStatus, SponsorshipAction>;

/** Actions this actor may take now: what the web app shows as buttons. */
export function sponsorshipAllowedActions(status: SponsorshipStatus, actor: Actor, parties: SponsorshipParties): SponsorshipAction[] {
  return SPONSORSHIP_ACTIONS.filter((action) => SPONSORSHIP_RULES[action].from.includes(status) && mayAnswer(actor, parties));
}

/**
 * Why this request may not run now, or null when it may. Same order as applications: who (403), then
 * state (409), then the fields (400).
 */
export function sponsorshipRefusalOf(
  request: SponsorshipTransitionRequest,
  status: SponsorshipStatus,
  parties: SponsorshipParties,
): SponsorshipRefusal | null {
  const rule = SPONSORSHIP_RULES[request.action];
  const refuse = (code: SponsorshipRefusal['code'], message: string): SponsorshipRefusal => ({
    code,
    message,
    status,
    allowedActions: sponsorshipAllowedActions(status, request.actor, parties),
  });
  if (!rule) return refuse('VALIDATION_FAILED', `Action inconnue : ${String(request.action)}.`);
  if (!mayAnswer(request.actor, parties)) {
    return refuse('FORBIDDEN', `L’action « ${request.action} » est réservée aux recruteurs de l’entreprise sollicitée.`);
  }
  if (!rule.from.includes(status)) {
    return refuse(
      'ILLEGAL_TRANSITION',
      `L’action « ${request.action} » est impossible : la demande de parrainage est ${SPONSORSHIP_STATUS_LABEL[status]} (${status}).`,
    );
  }
  if (request.action === 'accept') {
    if (!request.sponsorUserId) {
      return refuse('VALIDATION_FAILED', 'sponsorUserId : choisissez le parrain parmi les recruteurs de votre entreprise.');
    }
    if (request.sponsor?.id !== request.sponsorUserId || !isEligibleSponsor(request.sponsor, parties)) {
      return refuse('VALIDATION_FAILED', 'sponsorUserId : le parrain doit être un recruteur actif de l’entreprise sollicitée.');
    }
  }
  if (request.action === 'refuse' && !request.comment?.trim()) {
    return refuse('VALIDATION_FAILED', 'comment : un commentaire est obligatoire pour refuser ; il sera transmis au candidat et à son référent.');
  }
  return null;
}

/** Process events: the actions, the creation and the recruiters' reminder. */
export type SponsorshipEventType = SponsorshipAction | 'created' | 'reminder';

/** What the notification activity needs to tell people about one event of one request. */
export interface SponsorshipNotice {
  workflowId: string;
  sponsorshipId: string;
  /** The event's place in the history: with workflowId, the idempotency key of every mail it causes. */
  seq: number;
  event: SponsorshipEventType;
  status: SponsorshipStatus;
  actor: Actor | null;
  /** The request's message (created) or the refusal's comment (refuse). */
  message: string | null;
  sponsorId: string | null;
}
