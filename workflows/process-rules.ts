// What every process's rules share, as data and pure functions: transitions declared per action (from
// which states, to which, by which party, which text field is required), and the two questions every
// caller asks — which actions may this person take now (the web's buttons, the admin's; those that
// open later, with why not yet), and why may this request not run (the Update validator, re-checked under the workflow's lock). No Temporal
// import: the API, the web app and the workflows share this file.
import type { Actor } from './actors.js';

export type RefusalCode = 'FORBIDDEN' | 'ILLEGAL_TRANSITION' | 'VALIDATION_FAILED';

/**
 * One field's problem, as a form shows it under that field: `field` is the request's name for it
 * (`startsAt`, `company.siren`), `message` a whole French sentence that names no code.
 */
export interface FieldError {
  field: string;
  message: string;
}

/** « indiquez une date à venir » → « Indiquez une date à venir. »: a reason as the sentence under its field. */
export function asSentence(reason: string): string {
  const text = reason.trim();
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?…]$/.test(text) ? '' : '.'}`;
}

/**
 * A 400 about one field: the message names it first (« startsAt : … », for API clients and logs),
 * `fields` holds the reason alone, for the form's field.
 */
export function invalidField(field: string, reason: string): { code: 'VALIDATION_FAILED'; message: string; fields: FieldError[] } {
  return { code: 'VALIDATION_FAILED', message: `${field} : ${reason}`, fields: [{ field, message: asSentence(reason) }] };
}

/** Why an action may not run: 403 (who), 409 (state), 400 (fields); the API maps codes to statuses. */
export interface Refusal<Status extends string = string, Action extends string = string> {
  code: RefusalCode;
  message: string;
  status: Status;
  allowedActions: Action[];
  /** A 400 tied to fields of the request: each one's reason (the API's `details.fields`). */
  fields?: FieldError[];
}

export interface ActionRule<Status extends string, Party extends string> {
  from: readonly Status[];
  /** null: the status stays (the action changes something else, e.g. an interview confirmed). */
  to: Status | null;
  party: Party;
  /** A text field that must not be blank, and why it is needed (a reason naming no code: it is shown under the field). */
  requires?: { field: string; reason: string };
  /**
   * Sent by the platform itself (on an admin's behalf), never by a person through the API: never
   * among the `allowedActions` (no button), still checked by `refusalOf` like any other.
   */
  internal?: boolean;
  /**
   * Ends the case or undoes a step (a refusal, a withdrawal, a cancelled interview): offered apart from
   * the next steps, after them, in red.
   */
  closing?: boolean;
}

export interface RequestBase<Action extends string> {
  action: Action;
  actor: Actor;
}

/** A process's rules as data: what `defineRules` turns into its functions. */
export interface RulesSpec<Status extends string, Action extends string, Party extends string, Parties, Request extends RequestBase<Action>, Context> {
  statuses: readonly Status[];
  finalStatuses: readonly Status[];
  actions: readonly Action[];
  rules: Record<Action, ActionRule<Status, Party>>;
  statusLabel: Record<Status, string>;
  /** Who a party is, after « réservée » : « à un administrateur », « aux recruteurs de… ». */
  partyLabel: Record<Party, string>;
  mayAct(party: Party, actor: Actor, parties: Parties): boolean;
  /** The entity as refusals name it: « la candidature », « l’offre »… */
  subject(parties: Parties): string;
  /** Beyond who, `from` and `requires`: a sub-state (409) or the fields (400). Null when fine. */
  check?(request: Request, status: Status, parties: Parties, now: number, context: Context | undefined): Pick<Refusal, 'code' | 'message' | 'fields'> | null;
  /** Whether an action the rules allow from this status is offered now (e.g. an interview not yet confirmed). */
  offered?(action: Action, status: Status, context: Context | undefined): boolean;
  /**
   * Why an action this status allows is not open yet at `now` (an interview marked done before its
   * start), as the whole French sentence, or null once it is: never offered before, refused (409).
   */
  notYet?(action: Action, status: Status, context: Context | undefined, now: number): string | null;
}

/** An action this person may take in this state, later: the web app says why it is not offered yet. */
export interface WaitingAction<Action extends string = string> {
  action: Action;
  reason: string;
}

export function defineRules<Status extends string, Action extends string, Party extends string, Parties, Request extends RequestBase<Action>, Context = never>(
  spec: RulesSpec<Status, Action, Party, Parties, Request, Context>,
) {
  const isFinal = (status: Status) => spec.finalStatuses.includes(status);

  /** Actions this status and sub-state give this actor, open now or later (internal ones never). */
  const offeredActions = (status: Status, actor: Actor, parties: Parties, context?: Context): Action[] =>
    spec.actions.filter((action) => {
      const rule = spec.rules[action];
      return !rule.internal && rule.from.includes(status) && spec.mayAct(rule.party, actor, parties) && (spec.offered?.(action, status, context) ?? true);
    });

  /** Actions this actor may take now: the buttons of the web app and the back office. */
  function allowedActions(status: Status, actor: Actor, parties: Parties, context?: Context, now = Date.now()): Action[] {
    return offeredActions(status, actor, parties, context).filter((action) => !spec.notYet?.(action, status, context, now));
  }

  /** Actions this actor will be able to take later in this state, each with why not yet. */
  function waitingActions(status: Status, actor: Actor, parties: Parties, context?: Context, now = Date.now()): WaitingAction<Action>[] {
    return offeredActions(status, actor, parties, context).flatMap((action) => {
      const reason = spec.notYet?.(action, status, context, now);
      return reason ? [{ action, reason }] : [];
    });
  }

  /**
   * Why this request may not run now, or null when it may. Order: who (403), then state (409), then
   * the fields (400), so a caller is never told about a state they have no business changing.
   */
  function refusalOf(request: Request, status: Status, parties: Parties, now: number, context?: Context): Refusal<Status, Action> | null {
    const rule = spec.rules[request.action] as ActionRule<Status, Party> | undefined;
    const refuse = (code: RefusalCode, message: string, fields?: FieldError[]): Refusal<Status, Action> => ({
      code,
      message,
      status,
      allowedActions: allowedActions(status, request.actor, parties, context, now),
      ...(fields ? { fields } : {}),
    });
    if (!rule) return refuse('VALIDATION_FAILED', `Action inconnue : ${String(request.action)}.`);
    if (!spec.mayAct(rule.party, request.actor, parties)) {
      return refuse('FORBIDDEN', `L’action « ${request.action} » est réservée ${spec.partyLabel[rule.party]}.`);
    }
    if (!rule.from.includes(status)) {
      return refuse('ILLEGAL_TRANSITION', `L’action « ${request.action} » est impossible : ${spec.subject(parties)} est ${spec.statusLabel[status]} (${status}).`);
    }
    const notYet = spec.notYet?.(request.action, status, context, now);
    if (notYet) return refuse('ILLEGAL_TRANSITION', notYet);
    const problem = spec.check?.(request, status, parties, now, context);
    if (problem?.code === 'ILLEGAL_TRANSITION') return refuse(problem.code, problem.message);
    if (rule.requires) {
      const value = (request as unknown as Record<string, unknown>)[rule.requires.field];
      if (typeof value !== 'string' || !value.trim()) {
        const blank = invalidField(rule.requires.field, rule.requires.reason);
        // The form shows every field's problem at once (a refusal's reason and its message).
        const others = problem?.fields?.filter((f) => f.field !== rule.requires!.field) ?? [];
        return refuse(blank.code, blank.message, [...blank.fields, ...others]);
      }
    }
    return problem ? refuse(problem.code, problem.message, problem.fields) : null;
  }

  /** The status after the action (an action with `to: null` keeps it). */
  const nextStatus = (action: Action, status: Status): Status => spec.rules[action].to ?? status;

  return { ...spec, isFinal, allowedActions, waitingActions, refusalOf, nextStatus };
}
