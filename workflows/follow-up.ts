// Who follows a candidate's cases: their référent and that référent's mission officer. A case (an
// application, a sponsorship request) receives them at creation; when an admin moves the candidate to
// another référent, or the référent to another mission officer, the `change_follow_up` action hands
// every live case over, so that who may act (the rules), who sees it (the projection) and who is told
// (the notices) follow. An internal action: the platform sends it on an admin's behalf, or on a
// mission officer's when they move a candidate between référents of their own network
// (api/follow-ups.ts, api/mission), never a person through the transitions route, and it is never a button.
// Pure code, shared by the rules, the workflows and the API.
import type { Actor } from './actors.js';
import type { ActionRule } from './process-rules.js';

export const CHANGE_FOLLOW_UP = 'change_follow_up' as const;
export type ChangeFollowUp = typeof CHANGE_FOLLOW_UP;

export interface FollowUp {
  referentId: string | null;
  missionOfficerId: string | null;
}

/** What the platform sends: the new follow-up and the sentence the history keeps (« Suivi confié à … »). */
export interface ChangeFollowUpFields {
  followUp?: FollowUp | null;
  message?: string | null;
}

export const sameFollowUp = (a: FollowUp, b: FollowUp) => a.referentId === b.referentId && a.missionOfficerId === b.missionOfficerId;

/** From any state that is not final, by an admin or the case's mission officer (the platform for them); the status stays. */
export function followUpRule<Status extends string>(nonFinal: readonly Status[]): ActionRule<Status, 'admin'> {
  return { from: nonFinal, to: null, party: 'admin', internal: true };
}

export const FOLLOW_UP_PARTY_LABEL = 'à un administrateur ou au chargé de mission du dossier (changement de référent ou de chargé de mission)';

/**
 * Who may hand a case over: an admin, or the mission officer who follows it now (the `admin` party of
 * both processes). What the mission officer may hand over is narrower, checked with the request by
 * `followUpProblem`: to a référent who stays in their network.
 */
export const mayChangeFollowUp = (actor: Actor, current: FollowUp) =>
  actor.role === 'ADMIN' || (actor.role === 'MISSION_OFFICER' && !!current.missionOfficerId && current.missionOfficerId === actor.id);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const validId = (id: unknown): id is string | null => id === null || (typeof id === 'string' && UUID.test(id));

/**
 * The request's own problem, if any: malformed (400), a mission officer handing a case out of their
 * network (403), or nothing to change (409).
 */
export function followUpProblem(
  request: ChangeFollowUpFields & { actor?: Actor },
  current: FollowUp,
): { code: 'VALIDATION_FAILED' | 'ILLEGAL_TRANSITION' | 'FORBIDDEN'; message: string } | null {
  const next = request.followUp;
  if (!next || !validId(next.referentId) || !validId(next.missionOfficerId)) {
    return { code: 'VALIDATION_FAILED', message: 'followUp : le nouveau référent et son chargé de mission (identifiants, ou null) sont attendus.' };
  }
  if (request.actor?.role === 'MISSION_OFFICER' && (!next.referentId || next.missionOfficerId !== request.actor.id)) {
    return { code: 'FORBIDDEN', message: 'Un chargé de mission confie un dossier à un autre référent de son réseau seulement.' };
  }
  if (!next.referentId && next.missionOfficerId) {
    return { code: 'VALIDATION_FAILED', message: 'followUp : un chargé de mission suit les candidats par leur référent ; sans référent, pas de chargé de mission.' };
  }
  if (sameFollowUp(next, current)) {
    return { code: 'ILLEGAL_TRANSITION', message: 'Le suivi est déjà confié à ce référent et à ce chargé de mission : rien à changer.' };
  }
  return null;
}
