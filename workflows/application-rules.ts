// The application process of PRODUCT.md as data: states, actions, who may act, what each needs.
// Pure code, shared by the workflow (its Update validators), the API and the web app.
import type { Actor } from './actors.js';
import { CHANGE_FOLLOW_UP, FOLLOW_UP_PARTY_LABEL, followUpProblem, mayChangeFollowUp, followUpRule, type ChangeFollowUp, type ChangeFollowUpFields, type FollowUp } from './follow-up.js';
import { formatParisDateTime } from './paris-time.js';
import { defineRules, invalidField, type Refusal, type WaitingAction } from './process-rules.js';
import { OUTCOME } from './glossary.js';
import { isRefusalAction, refusalReasonProblem, refusalStep, type RefusalReasonCode } from './refusal-reasons.js';

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
  // Issue #16: an interview moved by the company, another time asked by the candidate (after the steps they follow, in the buttons' order).
  'reschedule_interview',
  'request_other_slot',
  'hire',
  'not_hire',
  'withdraw',
  // Issue #19 (seed 002): on an anonymous application, the company lifts the anonymity with a
  // commitment to contact the candidate, now or later; later is then marked done.
  'lift_anonymity',
  'mark_contacted',
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
  /** The candidate (or their référent) asked for another time, with their availabilities; a reschedule clears it. */
  otherSlotRequest?: OtherSlotRequest | null;
}

export interface OtherSlotRequest {
  at: string;
  message: string;
}

/**
 * Where an anonymous application stands with the company (seed 002): HIDDEN until lift_anonymity, then
 * TO_CONTACT or CONTACTED. Null: an application made openly.
 */
export type ContactState = 'HIDDEN' | 'TO_CONTACT' | 'CONTACTED';

export interface ApplicationTransitionRequest extends ChangeFollowUpFields {
  action: ApplicationProcessAction;
  actor: Actor;
  message?: string | null;
  // refuse, not_hire: why (workflows/refusal-reasons.ts)
  reason?: RefusalReasonCode | null;
  // propose_interview, reschedule_interview
  startsAt?: string;
  durationMinutes?: number;
  mode?: InterviewMode;
  location?: string | null;
  /**
   * confirm_interview, reschedule_interview, request_other_slot: the interview's `icsSequence` as the
   * person read it. When it moved meanwhile (another reschedule got there first) the action is
   * refused (409): nobody confirms, moves or declines a time they have not seen. Absent: the current one.
   */
  interviewVersion?: number;
  /** lift_anonymity: the commitment to contact the candidate (must be true), and whether it is now. */
  commitment?: boolean;
  contactNow?: boolean;
}

export type ApplicationRefusal = Refusal<ApplicationStatus, ApplicationProcessAction>;
export type ApplicationWaitingAction = WaitingAction<ApplicationAction>;

/**
 * What the state holds beyond the status: the current interview (confirm_interview needs it proposed,
 * mark_interview_done needs it started). `markableBeforeStart`: set only by the workflows started
 * before that rule (patch 'interview-done-after-start'), so that their histories replay as they ran.
 */
export type CurrentInterview = (Pick<InterviewView, 'status' | 'startsAt' | 'otherSlotRequest'> & Partial<Pick<InterviewView, 'icsSequence'>> & { markableBeforeStart?: boolean }) | null;

/** What the rules read beyond the status: the current interview, and an anonymous application's contact state. */
export interface ApplicationRulesContext {
  interview: CurrentInterview;
  contact?: ContactState | null;
}

/** Where the company has the application in hand: it may lift the anonymity, then contact the person. */
const WITH_COMPANY: ApplicationStatus[] = ['PENDING_RECRUITER', 'ACCEPTED', 'INTERVIEW_PROPOSED', 'INTERVIEW_DONE'];

/** Why lift_anonymity or mark_contacted does not apply to this contact state (409), or null. */
function contactProblem(action: ApplicationProcessAction, contact: ContactState | null | undefined): string | null {
  if (action === 'lift_anonymity') {
    if (!contact) return 'Cette candidature n’est pas anonyme : l’identité de la personne est déjà visible.';
    if (contact !== 'HIDDEN') return `L’anonymat de cette candidature est déjà levé (${CONTACT_STATE_LABEL[contact]}).`;
  }
  if (action === 'mark_contacted') {
    if (contact === 'CONTACTED') return 'La personne est déjà marquée comme contactée.';
    if (contact !== 'TO_CONTACT') return 'Seule une candidature anonyme dont l’anonymat est levé, « à contacter », peut être marquée comme contactée.';
  }
  return null;
}

/** Each contact state in French (the web app, the refusals). */
export const CONTACT_STATE_LABEL: Record<ContactState, string> = {
  HIDDEN: 'anonyme',
  TO_CONTACT: 'à contacter',
  CONTACTED: 'contacté·e',
};

// The reason names no action code: it is read under the dialog's message field.
const messageRequired = {
  field: 'message',
  reason: 'un message est obligatoire ; il sera transmis au candidat et à son référent.',
};

const availabilitiesRequired = {
  field: 'message',
  reason: 'indiquez les disponibilités (jours et heures) pour un autre créneau ; elles seront transmises au recruteur.',
};

/** Actions about the interview's time as the person read it (`interviewVersion`). */
export const INTERVIEW_VERSIONED_ACTIONS: readonly ApplicationProcessAction[] = ['confirm_interview', 'reschedule_interview', 'request_other_slot'];

/** An interview one may still move or ask to move: not yet held, not called off. */
const isPlanned = (interview: CurrentInterview | undefined) => interview?.status === 'PROPOSED' || interview?.status === 'CONFIRMED';

/** The time, length, mode and place of an interview, proposed or moved: the same checks for both. */
function interviewFieldsProblem(request: ApplicationTransitionRequest, now: number) {
  const startsAt = Date.parse(request.startsAt ?? '');
  if (Number.isNaN(startsAt)) return invalidField('startsAt', 'indiquez la date et l’heure de l’entretien.');
  if (startsAt <= now) return invalidField('startsAt', 'l’entretien doit être dans le futur : indiquez une date et une heure à venir.');
  const duration = request.durationMinutes;
  if (!Number.isInteger(duration) || duration! < 5 || duration! > 480) {
    return invalidField('durationMinutes', 'indiquez une durée entre 5 minutes et 8 heures.');
  }
  if (!INTERVIEW_MODES.includes(request.mode as InterviewMode)) {
    return invalidField('mode', 'choisissez le type d’entretien parmi ceux proposés.');
  }
  if (request.mode === 'IN_PERSON' && !request.location?.trim()) {
    return invalidField('location', 'l’adresse est obligatoire pour un entretien en présentiel.');
  }
  return null;
}

const NON_FINAL = APPLICATION_STATUSES.filter((s) => !FINAL.includes(s));

export const applicationRules = defineRules<ApplicationStatus, ApplicationProcessAction, Party, ApplicationParties, ApplicationTransitionRequest, ApplicationRulesContext | null>({
  statuses: APPLICATION_STATUSES,
  finalStatuses: FINAL,
  actions: APPLICATION_PROCESS_ACTIONS,
  rules: {
    validate: { from: ['PENDING_REFERENT_VALIDATION'], to: 'PENDING_RECRUITER', party: 'referent' },
    reject: { from: ['PENDING_REFERENT_VALIDATION'], to: 'REJECTED_BY_REFERENT', party: 'referent', requires: messageRequired, closing: true },
    accept: { from: ['PENDING_RECRUITER'], to: 'ACCEPTED', party: 'recruiter' },
    refuse: {
      from: ['PENDING_RECRUITER', 'ACCEPTED', 'INTERVIEW_PROPOSED', 'INTERVIEW_DONE'],
      to: 'REFUSED',
      party: 'recruiter',
      requires: messageRequired,
      closing: true,
    },
    propose_interview: { from: ['ACCEPTED', 'INTERVIEW_DONE'], to: 'INTERVIEW_PROPOSED', party: 'recruiter' },
    confirm_interview: { from: ['INTERVIEW_PROPOSED'], to: null, party: 'candidate' },
    // Same round, same interview, a new time: the candidate confirms it again (PRODUCT.md).
    reschedule_interview: { from: ['INTERVIEW_PROPOSED'], to: null, party: 'recruiter' },
    request_other_slot: { from: ['INTERVIEW_PROPOSED'], to: null, party: 'candidate', requires: availabilitiesRequired },
    cancel_interview: { from: ['INTERVIEW_PROPOSED'], to: 'ACCEPTED', party: 'recruiter', closing: true },
    mark_interview_done: { from: ['INTERVIEW_PROPOSED'], to: 'INTERVIEW_DONE', party: 'recruiter' },
    hire: { from: ['INTERVIEW_DONE'], to: 'HIRED', party: 'recruiter' },
    not_hire: { from: ['INTERVIEW_DONE'], to: 'NOT_HIRED', party: 'recruiter', requires: messageRequired, closing: true },
    withdraw: { from: NON_FINAL, to: 'WITHDRAWN', party: 'candidate', closing: true },
    lift_anonymity: { from: WITH_COMPANY, to: null, party: 'recruiter' },
    mark_contacted: { from: WITH_COMPANY, to: null, party: 'recruiter' },
    change_follow_up: followUpRule(NON_FINAL),
  },
  statusLabel: {
    PENDING_REFERENT_VALIDATION: 'en attente de validation par le référent',
    REJECTED_BY_REFERENT: 'refusée par le référent',
    PENDING_RECRUITER: 'en attente du recruteur',
    ACCEPTED: 'acceptée',
    INTERVIEW_PROPOSED: 'entretien proposé',
    INTERVIEW_DONE: 'entretien effectué',
    HIRED: OUTCOME.hired.state,
    NOT_HIRED: OUTCOME.notHired.state,
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
        return mayChangeFollowUp(actor, parties);
    }
  },
  offered: (action, _status, context) => {
    const interview = context?.interview;
    if (action === 'lift_anonymity' || action === 'mark_contacted') return !contactProblem(action, context?.contact);
    if (action === 'confirm_interview') return interview?.status === 'PROPOSED';
    if (action === 'reschedule_interview') return isPlanned(interview);
    // Asked once per time proposed: the next ask waits for the recruiter's new time.
    if (action === 'request_other_slot') return isPlanned(interview) && !interview?.otherSlotRequest;
    return true;
  },
  // An interview is done once it has taken place: not before its start (PRODUCT.md), nor its candidate
  // told « votre entretien a eu lieu » the day before.
  notYet(action, _status, context, now) {
    const interview = context?.interview;
    if (action !== 'mark_interview_done' || !interview || interview.markableBeforeStart) return null;
    const startsAt = Date.parse(interview.startsAt);
    return now < startsAt
      ? `L’entretien n’a pas encore commencé : il pourra être marqué comme effectué à partir de son début, le ${formatParisDateTime(startsAt)} (heure de Paris).`
      : null;
  },
  check(request, _status, parties, now, context) {
    const interview = context?.interview;
    if (request.action === CHANGE_FOLLOW_UP) return followUpProblem(request, parties);
    if (request.action === 'lift_anonymity' || request.action === 'mark_contacted') {
      const problem = contactProblem(request.action, context?.contact);
      if (problem) return { code: 'ILLEGAL_TRANSITION', message: problem };
      if (request.action === 'mark_contacted') return null;
      // Seed 002: the identity is shared against a commitment to contact the person.
      if (request.commitment !== true) {
        return invalidField('commitment', 'cochez « Je m’engage à contacter ce candidat » : son identité ne vous est communiquée que contre cet engagement.');
      }
      if (typeof request.contactNow !== 'boolean') return invalidField('contactNow', 'indiquez si vous contactez la personne maintenant ou plus tard.');
      return null;
    }
    if (request.interviewVersion !== undefined && interview && INTERVIEW_VERSIONED_ACTIONS.includes(request.action) && request.interviewVersion !== (interview.icsSequence ?? 0)) {
      return {
        code: 'ILLEGAL_TRANSITION',
        message: `L’entretien vient d’être déplacé : il est maintenant prévu le ${formatParisDateTime(interview.startsAt)} (heure de Paris). Relisez la nouvelle date avant d’agir.`,
      };
    }
    if (request.action === 'confirm_interview' && interview?.status !== 'PROPOSED') {
      return { code: 'ILLEGAL_TRANSITION', message: 'L’entretien est déjà confirmé.' };
    }
    if (isRefusalAction(request.action)) {
      // The context is the current interview: any round proposed makes it a refusal after an interview.
      const problem = refusalReasonProblem(refusalStep(request.action, !!interview), request.reason, request.message);
      return problem && invalidField(problem.field, problem.reason);
    }
    if ((request.action === 'reschedule_interview' || request.action === 'request_other_slot') && !isPlanned(interview)) {
      return { code: 'ILLEGAL_TRANSITION', message: 'Cet entretien n’est plus prévu : il ne peut pas être déplacé.' };
    }
    if (request.action === 'request_other_slot' && interview?.otherSlotRequest) {
      return {
        code: 'ILLEGAL_TRANSITION',
        message: `Un autre créneau a déjà été demandé pour l’entretien du ${formatParisDateTime(interview.startsAt)} : le recruteur doit d’abord proposer une nouvelle date.`,
      };
    }
    if (request.action === 'propose_interview' || request.action === 'reschedule_interview') return interviewFieldsProblem(request, now);
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
  | 'interview_reminder'
  // Issue #19: an anonymous application lifted « à contacter » and not yet contacted after N days.
  | 'contact_reminder';

/**
 * How a person relates to an application in what they are told about it (the wording follows);
 * `proposer` is the recruiter who proposed the interview. Who is told of each event is routed in
 * activities/application-notices.ts.
 */
export type ApplicationAudience = 'candidate' | 'referent' | 'recruiter' | 'proposer' | 'missionOfficer' | 'admin';

/**
 * Whose mail quotes the words that come with an event (the message of an action, the candidate's
 * message for `created`), among the people its notice reaches, by the audience its route names (a
 * route to the proposer that falls back on the whole company counts as the proposer's): the copy
 * quotes them to these audiences only, and the web app names these readers under the message field,
 * so what the field says is what the mail does. An event missing here quotes its message to nobody.
 */
export const MESSAGE_READERS: Partial<Record<ApplicationEventType, readonly ApplicationAudience[]>> = {
  created: ['referent', 'recruiter'],
  // The référent's words go with the application to the company, and to the candidate.
  validate: ['candidate', 'recruiter'],
  reject: ['candidate', 'referent'],
  accept: ['candidate', 'referent'],
  refuse: ['candidate', 'referent'],
  propose_interview: ['candidate', 'referent', 'proposer'],
  confirm_interview: ['proposer', 'referent'],
  reschedule_interview: ['candidate', 'referent', 'proposer'],
  // The candidate's availabilities go to who will set the new time, and to the référent who helps.
  request_other_slot: ['proposer', 'referent'],
  cancel_interview: ['candidate', 'referent', 'proposer'],
  mark_interview_done: ['candidate'],
  hire: ['candidate', 'referent'],
  not_hire: ['candidate', 'referent'],
  // The company is told when the application had reached it, the interviewer when an interview is called off.
  withdraw: ['referent', 'proposer', 'recruiter'],
};

export const readsMessage = (event: ApplicationEventType, audience: ApplicationAudience) => MESSAGE_READERS[event]?.includes(audience) ?? false;


/** Each event of the history in French (the web app's timeline, the back office's history). */
export const applicationEventLabel: Record<ApplicationEventType, string> = {
  created: 'Candidature déposée',
  referent_skipped: 'Envoyée directement à l’entreprise (pas de référent)',
  referent_reminder: 'Relance envoyée au référent',
  referent_escalation: 'Signalée au chargé de mission',
  recruiter_reminder: 'Relance envoyée aux recruteurs',
  interview_reminder: 'Rappel de l’entretien envoyé',
  contact_reminder: 'Relance envoyée aux recruteurs : personne à contacter',
  lift_anonymity: 'Anonymat levé : identité communiquée à l’entreprise',
  mark_contacted: 'Personne contactée par l’entreprise',
  validate: 'Validée par le référent',
  reject: 'Refusée par le référent',
  accept: 'Acceptée par le recruteur',
  refuse: 'Refusée par le recruteur',
  propose_interview: 'Entretien proposé',
  confirm_interview: 'Entretien confirmé',
  reschedule_interview: 'Entretien déplacé',
  request_other_slot: 'Autre créneau demandé',
  cancel_interview: 'Entretien annulé',
  mark_interview_done: 'Entretien effectué',
  hire: OUTCOME.hired.event,
  not_hire: OUTCOME.notHired.event,
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
  /** refuse, not_hire: the reason given (absent in workflows started before 'refusal-reasons'). */
  reason?: RefusalReasonCode | null;
  /** lift_anonymity, mark_contacted: the contact stage after the event. */
  contact?: 'TO_CONTACT' | 'CONTACTED';
}

/** An interview's mode and status in French: the web app's words, and the exports' (api/exports). */
export const interviewModeLabel: Record<InterviewMode, string> = {
  PHONE: 'Téléphone',
  VIDEO: 'Visioconférence',
  CHAT: 'Messagerie écrite',
  IN_PERSON: 'En présentiel',
};

export const interviewStatusLabel: Record<InterviewView['status'], string> = {
  PROPOSED: 'proposé, en attente de confirmation',
  CONFIRMED: 'confirmé',
  CANCELLED: 'annulé',
  DONE: 'effectué',
};
