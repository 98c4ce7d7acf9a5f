// The application process as PRODUCT.md states it ("Application — applicationWorkflow", the
// action/role table and the HTTP error contract), written here from the contract, never from the
// product's own rules, so the tests and the product can disagree. Read by the pure rules test
// (test/rules/) and by the matrix through the API (test/application-matrix.test.ts).


export const NON_FINAL = ['PENDING_REFERENT_VALIDATION', 'PENDING_RECRUITER', 'ACCEPTED', 'INTERVIEW_PROPOSED', 'INTERVIEW_DONE'] as const;
export const FINAL = ['REJECTED_BY_REFERENT', 'HIRED', 'NOT_HIRED', 'REFUSED', 'WITHDRAWN'] as const;
export type Status = (typeof NON_FINAL)[number] | (typeof FINAL)[number];

export const ACTIONS = [
  'validate',
  'reject',
  'accept',
  'refuse',
  'propose_interview',
  'confirm_interview',
  'reschedule_interview',
  'request_other_slot',
  'cancel_interview',
  'mark_interview_done',
  'hire',
  'not_hire',
  'withdraw',
  // Seed 002 (PRODUCT.md « Anonymous applications »): the company shares the identity against a
  // commitment to contact the person, then says the contact is made. The status does not move.
  'lift_anonymity',
  'mark_contacted',
] as const;
export type Action = (typeof ACTIONS)[number];

/** référent side, recruiter side, candidate side (PRODUCT.md, "who may do it"). */
export type Party = 'referent' | 'recruiter' | 'candidate';

/** Where an anonymous application stands with the company: hidden, then « à contacter », then « contactée »; null: made openly. */
export type Contact = 'HIDDEN' | 'TO_CONTACT' | 'CONTACTED' | null;

/** Where the company has the application in hand (received, not closed). */
const WITH_COMPANY = ['PENDING_RECRUITER', 'ACCEPTED', 'INTERVIEW_PROPOSED', 'INTERVIEW_DONE'] as const;

export interface Rule {
  from: readonly Status[];
  /** The status after the action (confirm_interview keeps INTERVIEW_PROPOSED); `same`: whichever it was. */
  to: Status | 'same';
  /** `message!`: a non-blank message is required. */
  message: boolean;
  /** A structured `reason` is required beside the message (PRODUCT.md: `refuse` and `not_hire`). */
  reason?: boolean;
  party: Party;
}

export const TABLE: Record<Action, Rule> = {
  validate: { from: ['PENDING_REFERENT_VALIDATION'], to: 'PENDING_RECRUITER', message: false, party: 'referent' },
  reject: { from: ['PENDING_REFERENT_VALIDATION'], to: 'REJECTED_BY_REFERENT', message: true, party: 'referent' },
  accept: { from: ['PENDING_RECRUITER'], to: 'ACCEPTED', message: false, party: 'recruiter' },
  propose_interview: { from: ['ACCEPTED', 'INTERVIEW_DONE'], to: 'INTERVIEW_PROPOSED', message: false, party: 'recruiter' },
  confirm_interview: { from: ['INTERVIEW_PROPOSED'], to: 'INTERVIEW_PROPOSED', message: false, party: 'candidate' },
  // Issue #16: same round, new time, proposed again; the candidate (or their référent) asks for another time, with their availabilities.
  reschedule_interview: { from: ['INTERVIEW_PROPOSED'], to: 'INTERVIEW_PROPOSED', message: false, party: 'recruiter' },
  request_other_slot: { from: ['INTERVIEW_PROPOSED'], to: 'INTERVIEW_PROPOSED', message: true, party: 'candidate' },
  cancel_interview: { from: ['INTERVIEW_PROPOSED'], to: 'ACCEPTED', message: false, party: 'recruiter' },
  mark_interview_done: { from: ['INTERVIEW_PROPOSED'], to: 'INTERVIEW_DONE', message: false, party: 'recruiter' },
  hire: { from: ['INTERVIEW_DONE'], to: 'HIRED', message: false, party: 'recruiter' },
  not_hire: { from: ['INTERVIEW_DONE'], to: 'NOT_HIRED', message: true, reason: true, party: 'recruiter' },
  refuse: { from: ['PENDING_RECRUITER', 'ACCEPTED', 'INTERVIEW_PROPOSED', 'INTERVIEW_DONE'], to: 'REFUSED', message: true, reason: true, party: 'recruiter' },
  withdraw: { from: NON_FINAL, to: 'WITHDRAWN', message: false, party: 'candidate' },
  lift_anonymity: { from: WITH_COMPANY, to: 'same', message: false, party: 'recruiter' },
  mark_contacted: { from: WITH_COMPANY, to: 'same', message: false, party: 'recruiter' },
};

/** The request's fields beyond the action that the contract requires: the lift's commitment (here, a contact later). */
export const LIFT_BODY = { commitment: true, contactNow: false } as const;

/**
 * The people around one application. `candidate` is the application's own candidate (a fresh one per
 * application); `siblingCandidate` is another candidate of the same référent (the cast's candidate).
 */
export const ACTORS = [
  'candidate',
  'referent',
  'missionOfficer',
  'admin',
  'recruiter',
  'colleague',
  'otherRecruiter',
  'otherReferent',
  'otherMissionOfficer',
  'otherCandidate',
  'siblingCandidate',
] as const;
export type ActorName = (typeof ACTORS)[number];

/** Who may act for each party: the candidate's référent, that référent's mission officer, any admin; … */
export const MAY_ACT: Record<Party, readonly ActorName[]> = {
  referent: ['referent', 'missionOfficer', 'admin'],
  recruiter: ['recruiter', 'colleague'],
  candidate: ['candidate', 'referent'],
};

/** Who sees the application: its candidate, référent, mission officer, admins; its company's recruiters once the référent validated. */
export function sees(actor: ActorName, sentToCompany: boolean): boolean {
  if (actor === 'candidate' || actor === 'referent' || actor === 'missionOfficer' || actor === 'admin') return true;
  if (actor === 'recruiter' || actor === 'colleague') return sentToCompany;
  return false;
}

export const isFinal = (status: Status) => (FINAL as readonly Status[]).includes(status);

/** Where an application stands, as far as the table cares. */
export interface Situation {
  status: Status;
  /** The référent validated: the company received it. */
  sent: boolean;
  /** The current interview is already confirmed by the candidate. */
  confirmed: boolean;
  /** The current interview's start has passed: only then may it be marked done. */
  started: boolean;
  /** Another time was asked for the current interview's time: not twice before it is moved. */
  slotAsked?: boolean;
  /** An anonymous application's contact stage (absent: made openly). */
  contact?: Contact;
}

/** Not an action: time passing the current interview's start (a scenario waits for it). */
export const START_PASSES = 'start_passes';
export type Step = Action | typeof START_PASSES;

/**
 * Allowed by who and the state, yet not now: confirmed twice, marked done before its start, another time
 * asked twice; the anonymity lifted where there is none (made openly, or lifted already); a contact
 * marked made unless the person is « à contacter ».
 */
const notNow = (situation: Situation, action: Action) =>
  (action === 'confirm_interview' && situation.confirmed) ||
  (action === 'mark_interview_done' && !situation.started) ||
  (action === 'request_other_slot' && !!situation.slotAsked) ||
  (action === 'lift_anonymity' && situation.contact !== 'HIDDEN') ||
  (action === 'mark_contacted' && situation.contact !== 'TO_CONTACT');

const statusAfter = (situation: Situation, action: Action): Status => (TABLE[action].to === 'same' ? situation.status : (TABLE[action].to as Status));

export type Expected = { http: 404 } | { http: 403 } | { http: 409 } | { http: 200; to: Status };

export function expectedOutcome(situation: Situation, action: Action, actor: ActorName): Expected {
  const rule = TABLE[action];
  if (!sees(actor, situation.sent)) return { http: 404 };
  if (isFinal(situation.status)) return { http: 409 };
  if (!MAY_ACT[rule.party].includes(actor)) return { http: 403 };
  if (!rule.from.includes(situation.status)) return { http: 409 };
  if (notNow(situation, action)) return { http: 409 };
  return { http: 200, to: statusAfter(situation, action) };
}

/** What the table says this actor may do now (sorted, to compare as sets). */
export function expectedAllowed(situation: Situation, actor: ActorName): Action[] {
  if (isFinal(situation.status)) return [];
  return ACTIONS.filter((action) => {
    const rule = TABLE[action];
    if (!rule.from.includes(situation.status) || !MAY_ACT[rule.party].includes(actor)) return false;
    return !notNow(situation, action);
  }).sort();
}

/** A new interview is proposed ahead of its start (in the future, PRODUCT.md); the start passes on its own. */
export function after(situation: Situation, step: Step): Situation {
  if (step === START_PASSES) return { ...situation, started: true };
  // A moved interview is a new time: proposed again, not started, no other time asked for it yet.
  const newTime = step === 'propose_interview' || step === 'reschedule_interview';
  const contact = step === 'lift_anonymity' ? (LIFT_BODY.contactNow ? 'CONTACTED' : 'TO_CONTACT') : step === 'mark_contacted' ? 'CONTACTED' : situation.contact;
  return {
    status: statusAfter(situation, step),
    ...(contact !== undefined ? { contact } : {}),
    sent: situation.sent || step === 'validate',
    confirmed: step === 'confirm_interview' ? true : newTime ? false : situation.confirmed,
    started: newTime ? false : situation.started,
    // Confirmed after asking for another time: the time is taken after all, the request withdrawn.
    slotAsked: step === 'request_other_slot' ? true : newTime || step === 'confirm_interview' ? false : situation.slotAsked,
  };
}

// Scenarios: how each state is reached from a new application.

export interface Scenario {
  name: string;
  steps: Step[];
}

export const situationOf = (steps: Step[]): Situation =>
  steps.reduce<Situation>(after, { status: 'PENDING_REFERENT_VALIDATION', sent: false, confirmed: false, started: false });

export const NON_FINAL_SCENARIOS: Scenario[] = [
  { name: 'PENDING_REFERENT_VALIDATION', steps: [] },
  { name: 'PENDING_RECRUITER', steps: ['validate'] },
  { name: 'ACCEPTED', steps: ['validate', 'accept'] },
  { name: 'INTERVIEW_PROPOSED', steps: ['validate', 'accept', 'propose_interview'] },
  { name: 'INTERVIEW_PROPOSED (interview confirmed)', steps: ['validate', 'accept', 'propose_interview', 'confirm_interview'] },
  { name: 'INTERVIEW_PROPOSED (interview started)', steps: ['validate', 'accept', 'propose_interview', START_PASSES] },
  { name: 'INTERVIEW_DONE', steps: ['validate', 'accept', 'propose_interview', START_PASSES, 'mark_interview_done'] },
];

export const FINAL_SCENARIOS: Scenario[] = [
  { name: 'REJECTED_BY_REFERENT', steps: ['reject'] },
  { name: 'WITHDRAWN (before validation)', steps: ['withdraw'] },
  { name: 'WITHDRAWN (after an interview was proposed)', steps: ['validate', 'accept', 'propose_interview', 'withdraw'] },
  { name: 'REFUSED', steps: ['validate', 'refuse'] },
  { name: 'HIRED', steps: ['validate', 'accept', 'propose_interview', 'confirm_interview', START_PASSES, 'mark_interview_done', 'hire'] },
  { name: 'NOT_HIRED', steps: ['validate', 'accept', 'propose_interview', START_PASSES, 'mark_interview_done', 'not_hire'] },
];

/**
 * What the workflow's own rules answer (the Update validator): no visibility (the API answers 404
 * before it asks), and who (403) before the state (409), even in a final state.
 */
export function expectedRuling(situation: Situation, action: Action, actor: ActorName): Expected {
  const rule = TABLE[action];
  if (!MAY_ACT[rule.party].includes(actor)) return { http: 403 };
  if (!rule.from.includes(situation.status)) return { http: 409 };
  if (notNow(situation, action)) return { http: 409 };
  return { http: 200, to: statusAfter(situation, action) };
}

const CONTACTS: Contact[] = [null, 'HIDDEN', 'TO_CONTACT', 'CONTACTED'];

/** Every situation an application can be in; with the company, made openly or anonymously at each contact stage. */
export const ALL_SITUATIONS: Situation[] = [...NON_FINAL, ...FINAL]
  .flatMap((status): Situation[] =>
    status === 'INTERVIEW_PROPOSED'
      ? [false, true].flatMap((confirmed) => [false, true].flatMap((started) => [false, true].map((slotAsked) => ({ status, sent: true, confirmed, started, slotAsked }))))
      : [{ status, sent: status !== 'PENDING_REFERENT_VALIDATION' && status !== 'REJECTED_BY_REFERENT', confirmed: false, started: false }],
  )
  .flatMap((situation) => ((WITH_COMPANY as readonly Status[]).includes(situation.status) ? CONTACTS.map((contact) => ({ ...situation, contact })) : [situation]));
