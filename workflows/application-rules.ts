// The application process of PRODUCT.md as data: states, actions, who may act, what each needs.
// Pure code, shared by the workflow (its Update validators), the API and the web app.
import type { Refusal as ProcessRefusal } from './process.js';

/** One workflow per application, its id derived from the application's. */
export const applicationWorkflowId = (applicationId: string) => `application-${applicationId}`;

export const APPLICATION_STATUSES = [
  'PENDING_REFERENT_VALIDATION',
  'REJECTED_BY_REFERENT',
  'PENDING_RECRUITER',
  'ACCEPTED',
  'INTERVIEW_PROPOSED',
  'INTERVIEW_DONE',
  'HIRED',
  'NOT_HIRED',
  'REFUSED',
  'WITHDRAWN',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const FINAL_STATUSES: readonly ApplicationStatus[] = ['REJECTED_BY_REFERENT', 'HIRED', 'NOT_HIRED', 'REFUSED', 'WITHDRAWN'];
export const isFinal = (status: ApplicationStatus) => FINAL_STATUSES.includes(status);

export const APPLICATION_ACTIONS = [
  'validate',
  'reject',
  'accept',
  'refuse',
  'propose_interview',
  'confirm_interview',
  'cancel_interview',
  'mark_interview_done',
  'hire',
  'not_hire',
  'withdraw',
] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

export const INTERVIEW_MODES = ['PHONE', 'VIDEO', 'CHAT', 'IN_PERSON'] as const;
export type InterviewMode = (typeof INTERVIEW_MODES)[number];

/** Who acts, as the API authenticated them. The workflow trusts this: only the server calls it. */
export interface Actor {
  id: string;
  role: 'ADMIN' | 'MISSION_OFFICER' | 'REFERENT' | 'RECRUITER' | 'CANDIDATE';
  companyId?: string | null;
  name?: string;
}

/** The people an application involves, fixed when it is created. */
export interface ApplicationParties {
  candidateId: string;
  companyId: string;
  referentId: string | null;
  missionOfficerId: string | null;
}

type Party = 'referent' | 'recruiter' | 'candidate';

interface Rule {
  from: readonly ApplicationStatus[];
  /** `null`: the status does not change (confirm_interview). */
  to: ApplicationStatus | null;
  party: Party;
  requiresMessage?: boolean;
}

const NON_FINAL = APPLICATION_STATUSES.filter((s) => !isFinal(s));

export const RULES: Record<ApplicationAction, Rule> = {
  validate: { from: ['PENDING_REFERENT_VALIDATION'], to: 'PENDING_RECRUITER', party: 'referent' },
  reject: { from: ['PENDING_REFERENT_VALIDATION'], to: 'REJECTED_BY_REFERENT', party: 'referent', requiresMessage: true },
  accept: { from: ['PENDING_RECRUITER'], to: 'ACCEPTED', party: 'recruiter' },
  refuse: {
    from: ['PENDING_RECRUITER', 'ACCEPTED', 'INTERVIEW_PROPOSED', 'INTERVIEW_DONE'],
    to: 'REFUSED',
    party: 'recruiter',
    requiresMessage: true,
  },
  propose_interview: { from: ['ACCEPTED', 'INTERVIEW_DONE'], to: 'INTERVIEW_PROPOSED', party: 'recruiter' },
  confirm_interview: { from: ['INTERVIEW_PROPOSED'], to: null, party: 'candidate' },
  cancel_interview: { from: ['INTERVIEW_PROPOSED'], to: 'ACCEPTED', party: 'recruiter' },
  mark_interview_done: { from: ['INTERVIEW_PROPOSED'], to: 'INTERVIEW_DONE', party: 'recruiter' },
  hire: { from: ['INTERVIEW_DONE'], to: 'HIRED', party: 'recruiter' },
  not_hire: { from: ['INTERVIEW_DONE'], to: 'NOT_HIRED', party: 'recruiter', requiresMessage: true },
  withdraw: { from: NON_FINAL, to: 'WITHDRAWN', party: 'candidate' },
};

const PARTY_LABEL: Record<Party, string> = {
  referent: 'le référent du candidat, son chargé de mission ou un administrateur',
  recruiter: 'un recruteur de l’entreprise destinataire',
  candidate: 'le candidat (ou son référent pour lui)',
};

export const STATUS_LABEL: Record<ApplicationStatus, string> = {
  PENDING_REFERENT_VALIDATION: 'en attente de validation par le référent',
  REJECTED_BY_REFERENT: 'refusée par le référent',
  PENDING_RECRUITER: 'en attente du recruteur',
  ACCEPTED: 'acceptée',
  INTERVIEW_PROPOSED: 'entretien proposé',
  INTERVIEW_DONE: 'entretien effectué',
  HIRED: 'recrutée',
  NOT_HIRED: 'non retenue après entretien',
  REFUSED: 'refusée par le recruteur',
  WITHDRAWN: 'retirée par le candidat',
};

export function mayAct(party: Party, actor: Actor, parties: ApplicationParties): boolean {
  switch (party) {
    case 'referent':
      return (
        actor.role === 'ADMIN' ||
        (actor.role === 'REFERENT' && parties.referentId === actor.id) ||
        (actor.role === 'MISSION_OFFICER' && parties.missionOfficerId === actor.id)
      );
    case 'recruiter':
      return actor.role === 'RECRUITER' && !!actor.companyId && actor.companyId === parties.companyId;
    case 'candidate':
      return (
        (actor.role === 'CANDIDATE' && actor.id === parties.candidateId) ||
        (actor.role === 'REFERENT' && parties.referentId === actor.id)
      );
  }
}

export interface InterviewView {
  id: string;
  round: number;
  startsAt: string;
  durationMinutes: number;
  mode: InterviewMode;
  location: string | null;
  message: string | null;
  status: 'PROPOSED' | 'CONFIRMED' | 'CANCELLED' | 'DONE';
  videoRoom: string | null;
  videoUrl: string | null;
  proposedBy: string;
  icsSequence: number;
}

export interface TransitionRequest {
  action: ApplicationAction;
  actor: Actor;
  message?: string | null;
  // propose_interview
  startsAt?: string;
  durationMinutes?: number;
  mode?: InterviewMode;
  location?: string | null;
}

export type Refusal = ProcessRefusal<ApplicationStatus, ApplicationAction>;

/** Actions this actor may take now: what the web app shows as buttons. */
export function allowedActions(
  status: ApplicationStatus,
  actor: Actor,
  parties: ApplicationParties,
  currentInterview?: Pick<InterviewView, 'status'> | null,
): ApplicationAction[] {
  return APPLICATION_ACTIONS.filter((action) => {
    const rule = RULES[action];
    if (!rule.from.includes(status) || !mayAct(rule.party, actor, parties)) return false;
    if (action === 'confirm_interview') return currentInterview?.status === 'PROPOSED';
    return true;
  });
}

/**
 * Why this request may not run now, or null when it may. Order: who (403), then state (409), then
 * the fields (400), so a caller is never told about a state they have no business changing.
 */
export function refusalOf(
  request: TransitionRequest,
  status: ApplicationStatus,
  parties: ApplicationParties,
  now: number,
  currentInterview?: Pick<InterviewView, 'status'> | null,
): Refusal | null {
  const rule = RULES[request.action];
  const refuse = (code: Refusal['code'], message: string): Refusal => ({
    code,
    message,
    status,
    allowedActions: allowedActions(status, request.actor, parties, currentInterview),
  });
  if (!rule) return refuse('VALIDATION_FAILED', `Action inconnue : ${String(request.action)}.`);
  if (!mayAct(rule.party, request.actor, parties)) {
    return refuse('FORBIDDEN', `L’action « ${request.action} » est réservée à ${PARTY_LABEL[rule.party]}.`);
  }
  if (!rule.from.includes(status)) {
    return refuse(
      'ILLEGAL_TRANSITION',
      `L’action « ${request.action} » est impossible : la candidature est ${STATUS_LABEL[status]} (${status}).`,
    );
  }
  if (request.action === 'confirm_interview' && currentInterview?.status !== 'PROPOSED') {
    return refuse('ILLEGAL_TRANSITION', 'L’entretien est déjà confirmé.');
  }
  if (rule.requiresMessage && !request.message?.trim()) {
    return refuse('VALIDATION_FAILED', `message : un message est obligatoire pour « ${request.action} » ; il sera transmis au candidat et à son référent.`);
  }
  if (request.action === 'propose_interview') {
    const startsAt = Date.parse(request.startsAt ?? '');
    if (Number.isNaN(startsAt)) return refuse('VALIDATION_FAILED', 'startsAt : date ISO 8601 attendue.');
    if (startsAt <= now) return refuse('VALIDATION_FAILED', 'startsAt : l’entretien doit être dans le futur.');
    const duration = request.durationMinutes;
    if (!Number.isInteger(duration) || duration! < 5 || duration! > 480) {
      return refuse('VALIDATION_FAILED', 'durationMinutes : nombre entier de minutes entre 5 et 480 attendu.');
    }
    if (!INTERVIEW_MODES.includes(request.mode as InterviewMode)) {
      return refuse('VALIDATION_FAILED', `mode : une valeur parmi ${INTERVIEW_MODES.join(', ')} attendue.`);
    }
    if (request.mode === 'IN_PERSON' && !request.location?.trim()) {
      return refuse('VALIDATION_FAILED', 'location : l’adresse est obligatoire pour un entretien en présentiel.');
    }
  }
  return null;
}

/** The status after the action (confirm_interview keeps it). */
export function nextStatus(action: ApplicationAction, status: ApplicationStatus): ApplicationStatus {
  return RULES[action].to ?? status;
}

/** Whether the company's recruiters may see an application in this status at all. */
export function visibleToCompany(status: ApplicationStatus, sentToCompany: boolean): boolean {
  return sentToCompany && status !== 'PENDING_REFERENT_VALIDATION' && status !== 'REJECTED_BY_REFERENT';
}

/** Process events that are not actions: written to the history, and told to the people concerned. */
export type ApplicationEventType =
  | ApplicationAction
  | 'created'
  | 'referent_skipped'
  | 'referent_reminder'
  | 'referent_escalation'
  | 'recruiter_reminder'
  | 'interview_reminder';

/** What the notification activity needs to tell people about one event of one application. */
export interface ApplicationNotice {
  workflowId: string;
  applicationId: string;
  /** The event's place in the history: with workflowId, the idempotency key of every mail it causes. */
  seq: number;
  event: ApplicationEventType;
  status: ApplicationStatus;
  actor: Actor | null;
  message: string | null;
  interview: InterviewView | null;
}
