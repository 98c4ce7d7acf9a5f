// The offer process as PRODUCT.md states it ("Offer — offerModerationWorkflow"), written from the
// contract, never from the product's rules. Read by test/rules/ (pure) and test/offers.test.ts (API).


export const STATUSES = ['DRAFT', 'PENDING_MODERATION', 'PUBLISHED', 'REJECTED', 'EXPIRED', 'ARCHIVED'] as const;
export type Status = (typeof STATUSES)[number];
export const FINAL: readonly Status[] = ['EXPIRED', 'ARCHIVED'];
export const ACTIONS = ['submit', 'approve', 'reject', 'archive', 'edit'] as const;
export type Action = (typeof ACTIONS)[number];

export const TABLE: Record<Action, { from: readonly Status[]; to: Status; who: 'recruiter' | 'admin' | 'recruiterOrAdmin' }> = {
  submit: { from: ['DRAFT', 'REJECTED'], to: 'PENDING_MODERATION', who: 'recruiter' },
  approve: { from: ['PENDING_MODERATION'], to: 'PUBLISHED', who: 'admin' },
  reject: { from: ['PENDING_MODERATION'], to: 'REJECTED', who: 'admin' },
  archive: { from: ['DRAFT', 'PENDING_MODERATION', 'PUBLISHED', 'REJECTED'], to: 'ARCHIVED', who: 'recruiterOrAdmin' },
  // « A published offer can be edited: it goes back to PENDING_MODERATION and keeps its expiry. »
  edit: { from: ['PUBLISHED'], to: 'PENDING_MODERATION', who: 'recruiter' },
};

export const ACTORS = ['recruiter', 'colleague', 'otherRecruiter', 'admin', 'candidate', 'referent', 'missionOfficer'] as const;
export type ActorName = (typeof ACTORS)[number];
export const COMPANY_SIDE: readonly ActorName[] = ['recruiter', 'colleague'];

export function mayAct(action: Action, actor: ActorName): boolean {
  const { who } = TABLE[action];
  const recruiter = COMPANY_SIDE.includes(actor);
  return who === 'recruiter' ? recruiter : who === 'admin' ? actor === 'admin' : recruiter || actor === 'admin';
}
/** Published offers to anyone signed in; the others to the company's recruiters and the admins. */
export const sees = (status: Status, actor: ActorName) => status === 'PUBLISHED' || COMPANY_SIDE.includes(actor) || actor === 'admin';

export type Expected = { http: 404 | 403 | 409 } | { http: 200; to: Status };
export function expectedOutcome(status: Status, action: Action, actor: ActorName): Expected {
  if (!sees(status, actor)) return { http: 404 };
  if (FINAL.includes(status)) return { http: 409 };
  if (!mayAct(action, actor)) return { http: 403 };
  if (!TABLE[action].from.includes(status)) return { http: 409 };
  return { http: 200, to: TABLE[action].to };
}
export const expectedAllowed = (status: Status, actor: ActorName) =>
  FINAL.includes(status) ? [] : ACTIONS.filter((a) => TABLE[a].from.includes(status) && mayAct(a, actor)).sort();

/** What the workflow's own rules answer: who (403) before the state (409), no visibility. */
export function expectedRuling(status: Status, action: Action, actor: ActorName): Expected {
  if (!mayAct(action, actor)) return { http: 403 };
  if (!TABLE[action].from.includes(status)) return { http: 409 };
  return { http: 200, to: TABLE[action].to };
}
