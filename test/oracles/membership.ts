// Company verification as PRODUCT.md states it ("Company verification — companyVerificationWorkflow"),
// written from the contract, never from the product's rules. Read by test/rules/.

export const STATUSES = ['PENDING_EMAIL_CONFIRMATION', 'PENDING_ADMIN_VERIFICATION', 'VERIFIED', 'REJECTED', 'EXPIRED'] as const;
export type Status = (typeof STATUSES)[number];
export const FINAL: readonly Status[] = ['VERIFIED', 'REJECTED', 'EXPIRED'];
export const ACTIONS = ['confirm_email', 'verify', 'reject'] as const;
export type Action = (typeof ACTIONS)[number];

/** The registrant confirms their own address (by the link); an admin verifies or rejects, with a reason. */
export const TABLE: Record<Action, { from: Status; to: Status; who: 'registrant' | 'admin'; reason: boolean }> = {
  confirm_email: { from: 'PENDING_EMAIL_CONFIRMATION', to: 'PENDING_ADMIN_VERIFICATION', who: 'registrant', reason: false },
  verify: { from: 'PENDING_ADMIN_VERIFICATION', to: 'VERIFIED', who: 'admin', reason: false },
  reject: { from: 'PENDING_ADMIN_VERIFICATION', to: 'REJECTED', who: 'admin', reason: true },
};

export const ACTORS = ['registrant', 'colleague', 'otherRecruiter', 'admin', 'candidate', 'referent', 'missionOfficer'] as const;
export type ActorName = (typeof ACTORS)[number];

export type Expected = { http: 403 | 409 } | { http: 200; to: Status };

const mayAct = (action: Action, actor: ActorName) => (TABLE[action].who === 'admin' ? actor === 'admin' : actor === 'registrant');

/** What the workflow's own rules answer: who (403) before the state (409). */
export function expectedRuling(status: Status, action: Action, actor: ActorName): Expected {
  if (!mayAct(action, actor)) return { http: 403 };
  if (TABLE[action].from !== status) return { http: 409 };
  return { http: 200, to: TABLE[action].to };
}

export const expectedAllowed = (status: Status, actor: ActorName): Action[] => ACTIONS.filter((a) => TABLE[a].from === status && mayAct(a, actor)).sort();
