// The sponsorship process as PRODUCT.md states it ("Sponsorship (parrainage) — sponsorshipWorkflow"),
// written from the contract. Read by test/rules/ (pure) and test/sponsorships.test.ts (API).


// WITHDRAWN: closed by the platform when the candidate's account is deleted (internal `withdraw`).
export type Status = 'PENDING' | 'ACCEPTED' | 'REFUSED' | 'WITHDRAWN';
export type Action = 'accept' | 'refuse';
export const ACTIONS: Action[] = ['accept', 'refuse'];
export const TO: Record<Action, Status> = { accept: 'ACCEPTED', refuse: 'REFUSED' };

export const ACTORS = ['recruiter', 'colleague', 'otherRecruiter', 'candidate', 'referent', 'missionOfficer', 'admin', 'otherReferent', 'otherCandidate', 'otherMissionOfficer'] as const;
export type ActorName = (typeof ACTORS)[number];

/** Who sees a request: its candidate, their référent and mission officer, admins, the company's recruiters. */
export const SEES: readonly ActorName[] = ['recruiter', 'colleague', 'candidate', 'referent', 'missionOfficer', 'admin'];
/** Who answers: a recruiter of the company asked. */
export const ANSWERS: readonly ActorName[] = ['recruiter', 'colleague'];

export type Expected = { http: 404 | 403 | 409 } | { http: 200; to: Status };

export function expectedOutcome(status: Status, actor: ActorName): Expected {
  if (!SEES.includes(actor)) return { http: 404 };
  if (status !== 'PENDING') return { http: 409 };
  if (!ANSWERS.includes(actor)) return { http: 403 };
  return { http: 200, to: 'ACCEPTED' };
}
export const expectedAllowed = (status: Status, actor: ActorName): Action[] => (status === 'PENDING' && ANSWERS.includes(actor) ? [...ACTIONS] : []);

export const STATUSES: Status[] = ['PENDING', 'ACCEPTED', 'REFUSED', 'WITHDRAWN'];
export const FINAL: Status[] = ['ACCEPTED', 'REFUSED', 'WITHDRAWN'];

/** What the workflow's own rules answer: who (403) before the state (409), no visibility. */
export function expectedRuling(status: Status, action: Action, actor: ActorName): Expected {
  if (!ANSWERS.includes(actor)) return { http: 403 };
  if (status !== 'PENDING') return { http: 409 };
  return { http: 200, to: TO[action] };
}
