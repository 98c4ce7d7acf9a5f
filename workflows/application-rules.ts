// The application process of PRODUCT.md as data: states, actions, who may act, what each needs.
// Pure code, shared by the workflow (its Update validators), the API and the web app.
import type { Actor } from './actors.js';
import { CHANGE_FOLLOW_UP, FOLLOW_UP_PARTY_LABEL, followUpProblem, followUpRule, type ChangeFollowUp, type ChangeFollowUpFields, type FollowUp } from './follow-up.js';
import { defineRules, type Refusal } from './process-rules.js';

export type { Actor } from './actors.js';

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

const FINAL: readonly ApplicationStatus[] = ['REJECTED_BY_REFERENT', 'HIRED', 'NOT_HIRED', 'REFUSED', 'WITHDRAWN'];

/** The actions people take (the transitions route, the buttons). */
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

/** Every action of the process: the people's, and the follow-up handed over by the platform for an admin. */
export const APPLICATION_PROCESS_ACTIONS = [...APPLICATION_ACTIONS, CHANGE_FOLLOW_UP] as const;
export type ApplicationProcessAction = ApplicationAction | ChangeFollowUp;

export const INTERVIEW_MODES = ['PHONE', 'VIDEO', 'CHAT', 'IN_PERSON'] as const;
export type InterviewMode = (typeof INTERVIEW_MODES)[number];

/**
 * The people an application involves, given when it is created; the follow-up (référent, mission
 * officer) is handed over by `change_follow_up` when an admin moves the candidate or the référent.
 */
export interface ApplicationParties extends FollowUp {
  candidateId: string;
  companyId: string;
}

type Party = 'referent' | 'recruiter' | 'candidate' | 'admin';

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

export interface ApplicationTransitionRequest extends ChangeFollowUpFields {
  action: ApplicationProcessAction;
  actor: Actor;
  message?: string | null;
  // propose_interview
  startsAt?: string;
  durationMinutes?: number;
  mode?: InterviewMode;
  location?: string | null;
}

export type ApplicationRefusal = Refusal<ApplicationStatus, ApplicationProcessAction>;

/** What the state holds beyond the status: the current interview (confirm_interview needs it proposed). */
type CurrentInterview = Pick<InterviewView, 'status'> | null;

const messageRequired = (action: ApplicationAction) => ({
  field: 'message',
  message: `message : un message est obligatoire pour « ${action} » ; il sera transmis au candidat et à son référent.`,
});

const NON_FINAL = APPLICATION_STATUSES.filter((s) => !FINAL.includes(s));

export const applicationRules = defineRules<ApplicationStatus, ApplicationProcessAction, Party, ApplicationParties, ApplicationTransitionRequest, CurrentInterview>({
  statuses: APPLICATION_STATUSES,
  finalStatuses: FINAL,
  actions: APPLICATION_PROCESS_ACTIONS,
  rules: {
    validate: { from: ['PENDING_REFERENT_VALIDATION'], to: 'PENDING_RECRUITER', party: 'referent' },
    reject: { from: ['PENDING_REFERENT_VALIDATION'], to: 'REJECTED_BY_REFERENT', party: 'referent', requires: messageRequired('reject') },
    accept: { from: ['PENDING_RECRUITER'], to: 'ACCEPTED', party: 'recruiter' },
    refuse: {
      from: ['PENDING_RECRUITER', 'ACCEPTED', 'INTERVIEW_PROPOSED', 'INTERVIEW_DONE'],
      to: 'REFUSED',
      party: 'recruiter',
      requires: messageRequired('refuse'),
    },
    propose_interview: { from: ['ACCEPTED', 'INTERVIEW_DONE'], to: 'INTERVIEW_PROPOSED', party: 'recruiter' },
    confirm_interview: { from: ['INTERVIEW_PROPOSED'], to: null, party: 'candidate' },
    cancel_interview: { from: ['INTERVIEW_PROPOSED'], to: 'ACCEPTED', party: 'recruiter' },
    mark_interview_done: { from: ['INTERVIEW_PROPOSED'], to: 'INTERVIEW_DONE', party: 'recruiter' },
    hire: { from: ['INTERVIEW_DONE'], to: 'HIRED', party: 'recruiter' },
    not_hire: { from: ['INTERVIEW_DONE'], to: 'NOT_HIRED', party: 'recruiter', requires: messageRequired('not_hire') },
    withdraw: { from: NON_FINAL, to: 'WITHDRAWN', party: 'candidate' },
    change_follow_up: followUpRule(NON_FINAL),
  },
  statusLabel: {
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
  },
  partyLabel: {
    referent: 'au référent du candidat, son chargé de mission ou un administrateur',
    recruiter: 'à un recruteur de l’entreprise destinataire',
    candidate: 'au candidat (ou son référent pour lui)',
    admin: FOLLOW_UP_PARTY_LABEL,
  },
  subject: () => 'la candidature',
  mayAct(party, actor, parties) {
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
        return (actor.role === 'CANDIDATE' && actor.id === parties.candidateId) || (actor.role === 'REFERENT' && parties.referentId === actor.id);
      case 'admin':
        return actor.role === 'ADMIN';
    }
  },
  offered: (action, _status, interview) => action !== 'confirm_interview' || interview?.status === 'PROPOSED',
  check(request, _status, parties, now, interview) {
    if (request.action === CHANGE_FOLLOW_UP) return followUpProblem(request, parties);
    if (request.action === 'confirm_interview' && interview?.status !== 'PROPOSED') {
      return { code: 'ILLEGAL_TRANSITION', message: 'L’entretien est déjà confirmé.' };
    }
    if (request.action !== 'propose_interview') return null;
    const invalid = (message: string) => ({ code: 'VALIDATION_FAILED' as const, message });
    const startsAt = Date.parse(request.startsAt ?? '');
    if (Number.isNaN(startsAt)) return invalid('startsAt : date ISO 8601 attendue.');
    if (startsAt <= now) return invalid('startsAt : l’entretien doit être dans le futur.');
    const duration = request.durationMinutes;
    if (!Number.isInteger(duration) || duration! < 5 || duration! > 480) {
      return invalid('durationMinutes : nombre entier de minutes entre 5 et 480 attendu.');
    }
    if (!INTERVIEW_MODES.includes(request.mode as InterviewMode)) {
      return invalid(`mode : une valeur parmi ${INTERVIEW_MODES.join(', ')} attendue.`);
    }
    if (request.mode === 'IN_PERSON' && !request.location?.trim()) {
      return invalid('location : l’adresse est obligatoire pour un entretien en présentiel.');
    }
    return null;
  },
});

/** Process events that are not actions: written to the history, and told to the people concerned. */
export type ApplicationEventType =
  | ApplicationProcessAction
  | 'created'
  | 'referent_skipped'
  | 'referent_reminder'
  | 'referent_escalation'
  | 'recruiter_reminder'
  | 'interview_reminder';

/** Each event of the history in French (the web app's timeline, the back office's history). */
export const applicationEventLabel: Record<ApplicationEventType, string> = {
  created: 'Candidature déposée',
  referent_skipped: 'Envoyée directement à l’entreprise (pas de référent)',
  referent_reminder: 'Relance envoyée au référent',
  referent_escalation: 'Signalée au chargé de mission',
  recruiter_reminder: 'Relance envoyée aux recruteurs',
  interview_reminder: 'Rappel de l’entretien envoyé',
  validate: 'Validée par le référent',
  reject: 'Refusée par le référent',
  accept: 'Acceptée par le recruteur',
  refuse: 'Refusée par le recruteur',
  propose_interview: 'Rendez-vous proposé',
  confirm_interview: 'Entretien confirmé',
  cancel_interview: 'Entretien annulé',
  mark_interview_done: 'Entretien effectué',
  hire: 'Embauche favorable',
  not_hire: 'Embauche non favorable',
  withdraw: 'Candidature retirée',
  change_follow_up: 'Suivi confié à un autre référent ou chargé de mission',
};

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
