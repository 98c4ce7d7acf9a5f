// The sponsorship (parrainage) process of PRODUCT.md as data: a candidate, or their référent for them,
// asks a company for a sponsor; a recruiter of that company accepts (naming the sponsor, one of its
// recruiters) or refuses (with a comment). Pure code, shared by the workflow (its Update validators)
// and the API.
import type { Actor } from './actors.js';
import { CHANGE_FOLLOW_UP, FOLLOW_UP_PARTY_LABEL, followUpProblem, mayChangeFollowUp, followUpRule, type ChangeFollowUp, type ChangeFollowUpFields, type FollowUp } from './follow-up.js';
import { defineRules, invalidField, type Refusal } from './process-rules.js';

export const SPONSORSHIP_STATUSES = ['PENDING', 'ACCEPTED', 'REFUSED', 'WITHDRAWN'] as const;
export type SponsorshipStatus = (typeof SPONSORSHIP_STATUSES)[number];

/** The answers of the company (the transitions route, the buttons). */
export const SPONSORSHIP_ACTIONS = ['accept', 'refuse'] as const;
export type SponsorshipAction = (typeof SPONSORSHIP_ACTIONS)[number];

/**
 * A pending request closed on its candidate's behalf when their account is deleted
 * (accountDeletionWorkflow): sent by the platform only, never a button.
 */
export const WITHDRAW_SPONSORSHIP = 'withdraw' as const;

/** Every action of the process: the company's answers, the follow-up handed over for an admin, the withdrawal. */
export const SPONSORSHIP_PROCESS_ACTIONS = [...SPONSORSHIP_ACTIONS, CHANGE_FOLLOW_UP, WITHDRAW_SPONSORSHIP] as const;
export type SponsorshipProcessAction = SponsorshipAction | ChangeFollowUp | typeof WITHDRAW_SPONSORSHIP;

/**
 * The people a request involves, given when it is created; the follow-up (référent, mission officer)
 * is handed over by `change_follow_up` when an admin moves the candidate or the référent.
 */
export interface SponsorshipParties extends FollowUp {
  candidateId: string;
  companyId: string;
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

export interface SponsorshipTransitionRequest extends ChangeFollowUpFields {
  action: SponsorshipProcessAction;
  actor: Actor;
  /** accept: the recruiter named as sponsor… */
  sponsorUserId?: string | null;
  /** …and what the API knows of them (null: no such user). */
  sponsor?: SponsorFacts | null;
  /** refuse: why, told to the candidate and their référent. */
  comment?: string | null;
}

export type SponsorshipRefusal = Refusal<SponsorshipStatus, SponsorshipProcessAction>;

/** Whether this person may be named sponsor of a request to this company. */
export function isEligibleSponsor(sponsor: SponsorFacts | null | undefined, parties: SponsorshipParties): boolean {
  return !!sponsor && sponsor.active && sponsor.role === 'RECRUITER' && sponsor.companyId === parties.companyId;
}

/** Both answers belong to the recruiters of the company that received the request; the follow-up to admins; the withdrawal to the candidate. */
type Party = 'company' | 'admin' | 'candidate';

export const sponsorshipRules = defineRules<SponsorshipStatus, SponsorshipProcessAction, Party, SponsorshipParties, SponsorshipTransitionRequest>({
  statuses: SPONSORSHIP_STATUSES,
  finalStatuses: ['ACCEPTED', 'REFUSED', 'WITHDRAWN'],
  actions: SPONSORSHIP_PROCESS_ACTIONS,
  rules: {
    accept: { from: ['PENDING'], to: 'ACCEPTED', party: 'company' },
    refuse: {
      from: ['PENDING'],
      to: 'REFUSED',
      party: 'company',
      requires: { field: 'comment', reason: 'un commentaire est obligatoire pour refuser ; il sera transmis au candidat et à son référent.' },
    },
    change_follow_up: followUpRule(['PENDING']),
    withdraw: { from: ['PENDING'], to: 'WITHDRAWN', party: 'candidate', internal: true, closing: true },
  },
  statusLabel: {
    PENDING: 'en attente de la réponse de l’entreprise',
    ACCEPTED: 'acceptée',
    REFUSED: 'refusée',
    WITHDRAWN: 'retirée',
  },
  partyLabel: { company: 'aux recruteurs de l’entreprise sollicitée', admin: FOLLOW_UP_PARTY_LABEL, candidate: 'au candidat' },
  subject: () => 'la demande de parrainage',
  mayAct: (party, actor, parties) =>
    party === 'admin'
      ? mayChangeFollowUp(actor, parties)
      : party === 'candidate'
        ? actor.role === 'CANDIDATE' && actor.id === parties.candidateId
        : actor.role === 'RECRUITER' && !!actor.companyId && actor.companyId === parties.companyId,
  check(request, _status, parties) {
    if (request.action === CHANGE_FOLLOW_UP) return followUpProblem(request, parties);
    if (request.action !== 'accept') return null;
    if (!request.sponsorUserId) {
      return invalidField('sponsorUserId', 'choisissez le parrain parmi les recruteurs de votre entreprise.');
    }
    if (request.sponsor?.id !== request.sponsorUserId || !isEligibleSponsor(request.sponsor, parties)) {
      return invalidField('sponsorUserId', 'le parrain doit être un recruteur actif de l’entreprise sollicitée.');
    }
    return null;
  },
});

/** How a person relates to a sponsorship request in what they are told (activities/sponsorship-notices.ts routes it). */
export type SponsorshipAudience = 'candidate' | 'referent' | 'sponsor' | 'recruiter';

/**
 * Whose mails quote a request's words, by event: its message (to the company while it waits, to the
 * sponsor once named, to a référent it is handed over to) and a refusal's comment. The copy quotes
 * them to these audiences only; the web app names these readers under the field.
 */
export const SPONSORSHIP_MESSAGE_READERS: Partial<Record<SponsorshipEventType, readonly SponsorshipAudience[]>> = {
  created: ['recruiter'],
  reminder: ['recruiter'],
  accept: ['sponsor'],
  change_follow_up: ['referent'],
  refuse: ['candidate', 'referent'],
};

/** Process events: the actions, the creation and the recruiters' reminder. */
export type SponsorshipEventType = SponsorshipProcessAction | 'created' | 'reminder';

/** Each event of the history in French (the back office's history). */
export const sponsorshipEventLabel: Record<SponsorshipEventType, string> = {
  created: 'Demande envoyée',
  reminder: 'Relance envoyée aux recruteurs',
  accept: 'Acceptée par l’entreprise',
  refuse: 'Refusée par l’entreprise',
  change_follow_up: 'Suivi confié à un autre référent ou chargé de mission',
  withdraw: 'Retirée (compte du candidat supprimé)',
};

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
