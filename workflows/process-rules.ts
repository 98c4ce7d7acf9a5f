// What every process's rules share, as data and pure functions: transitions declared per action (from
// which states, to which, by which party, which text field is required), and the two questions every
// caller asks — which actions may this person take now (the web's buttons, the admin's), and why may
// this request not run (the Update validator, re-checked under the workflow's lock). No Temporal
// import: the API, the web app and the workflows share this file.
import type { Actor } from './actors.js';

export type RefusalCode = 'FORBIDDEN' | 'ILLEGAL_TRANSITION' | 'VALIDATION_FAILED';

/** Why an action may not run: 403 (who), 409 (state), 400 (fields); the API maps codes to statuses. */
export interface Refusal<Status extends string = string, Action extends string = string> {
  code: RefusalCode;
  message: string;
  status: Status;
  allowedActions: Action[];
}

export interface ActionRule<Status extends string, Party extends string> {
  from: readonly Status[];
  /** null: the status stays (the action changes something else, e.g. an interview confirmed). */
  to: Status | null;
  party: Party;
  /** A text field that must not be blank, and the whole message saying so (field name first). */
  requires?: { field: string; message: string };
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
  check?(request: Request, status: Status, parties: Parties, now: number, context: Context | undefined): Pick<Refusal, 'code' | 'message'> | null;
  /** Whether an action the rules allow from this status is offered now (e.g. an interview not yet confirmed). */
  offered?(action: Action, status: Status, context: Context | undefined): boolean;
}

export function defineRules<Status extends string, Action extends string, Party extends string, Parties, Request extends RequestBase<Action>, Context = never>(
  spec: RulesSpec<Status, Action, Party, Parties, Request, Context>,
) {
  const isFinal = (status: Status) => spec.finalStatuses.includes(status);

  /** Actions this actor may take now: the buttons of the web app and the back office (internal ones never). */
  function allowedActions(status: Status, actor: Actor, parties: Parties, context?: Context): Action[] {
    return spec.actions.filter((action) => {
      const rule = spec.rules[action];
      return !rule.internal && rule.from.includes(status) && spec.mayAct(rule.party, actor, parties) && (spec.offered?.(action, status, context) ?? true);
    });
  }

  /**
   * Why this request may not run now, or null when it may. Order: who (403), then state (409), then
   * the fields (400), so a caller is never told about a state they have no business changing.
   */
  function refusalOf(request: Request, status: Status, parties: Parties, now: number, context?: Context): Refusal<Status, Action> | null {
    const rule = spec.rules[request.action] as ActionRule<Status, Party> | undefined;
    const refuse = (code: RefusalCode, message: string): Refusal<Status, Action> => ({
      code,
      message,
      status,
      allowedActions: allowedActions(status, request.actor, parties, context),
    });
    if (!rule) return refuse('VALIDATION_FAILED', `Action inconnue : ${String(request.action)}.`);
    if (!spec.mayAct(rule.party, request.actor, parties)) {
      return refuse('FORBIDDEN', `L’action « ${request.action} » est réservée ${spec.partyLabel[rule.party]}.`);
    }
    if (!rule.from.includes(status)) {
      return refuse('ILLEGAL_TRANSITION', `L’action « ${request.action} » est impossible : ${spec.subject(parties)} est ${spec.statusLabel[status]} (${status}).`);
    }
    const problem = spec.check?.(request, status, parties, now, context);
    if (problem?.code === 'ILLEGAL_TRANSITION') return refuse(problem.code, problem.message);
    if (rule.requires) {
      const value = (request as unknown as Record<string, unknown>)[rule.requires.field];
      if (typeof value !== 'string' || !value.trim()) return refuse('VALIDATION_FAILED', rule.requires.message);
    }
    return problem ? refuse(problem.code, problem.message) : null;
  }

  /** The status after the action (an action with `to: null` keeps it). */
  const nextStatus = (action: Action, status: Status): Status => spec.rules[action].to ?? status;

  return { ...spec, isFinal, allowedActions, refusalOf, nextStatus };
}
