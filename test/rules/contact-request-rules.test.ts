// The contact request's rules (workflows/contact-request-rules.ts) against a table written here from
// the issue (#17, item 6), every state × action × person: the candidate or their référent accept or
// decline while it waits, the requesting company's recruiters cancel, nobody else does anything, and
// nothing moves once it is answered, cancelled or expired. Pure, in milliseconds.
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../workflows/actors.js';
import { CONTACT_REQUEST_STATUSES, contactRequestRules, profileReference, type ContactRequestAction, type ContactRequestStatus } from '../../workflows/contact-request-rules.js';
import { PROCESSES, initialSearchAttributes, parseWorkflowId, workflowIdOf } from '../../workflows/processes.js';
import { person } from '../oracles/people.js';

const parties = { candidateId: 'candidate', companyId: 'company', referentId: 'referent' };
const ACTORS = ['candidate', 'referent', 'recruiter', 'colleague', 'otherRecruiter', 'otherCandidate', 'otherReferent', 'missionOfficer', 'admin'] as const;
type Name = (typeof ACTORS)[number];
const ACTIONS: ContactRequestAction[] = ['accept', 'decline', 'cancel'];
const TO: Record<ContactRequestAction, ContactRequestStatus> = { accept: 'ACCEPTED', decline: 'DECLINED', cancel: 'CANCELLED' };

/** The table: who may do what (the state aside). */
const MAY: Record<ContactRequestAction, readonly Name[]> = {
  accept: ['candidate', 'referent'],
  decline: ['candidate', 'referent'],
  cancel: ['recruiter', 'colleague'],
};

function expected(status: ContactRequestStatus, action: ContactRequestAction, actor: Name): { code: string | null; to?: ContactRequestStatus } {
  if (!MAY[action].includes(actor)) return { code: 'FORBIDDEN' };
  if (status !== 'PENDING') return { code: 'ILLEGAL_TRANSITION' };
  return { code: null, to: TO[action] };
}

describe('contact request rules', () => {
  it('rule every cell as the table says, and offer each person their own buttons', () => {
    let cells = 0;
    for (const status of CONTACT_REQUEST_STATUSES) {
      for (const name of ACTORS) {
        const actor: Actor = person(name);
        const offered = status === 'PENDING' ? ACTIONS.filter((a) => MAY[a].includes(name)) : [];
        expect([...contactRequestRules.allowedActions(status, actor, parties)].sort(), `${status} · ${name}`).toEqual([...offered].sort());
        for (const action of ACTIONS) {
          cells++;
          const want = expected(status, action, name);
          const refusal = contactRequestRules.refusalOf({ action, actor }, status, parties, Date.now());
          if (want.code === null) {
            expect(refusal, `${status} · ${action} · ${name}`).toBeNull();
            expect(contactRequestRules.nextStatus(action, status)).toBe(want.to);
          } else {
            expect(refusal?.code, `${status} · ${action} · ${name}`).toBe(want.code);
            expect(refusal?.message).toMatch(/demande de contact|réservée/);
          }
        }
      }
    }
    expect(cells).toBe(CONTACT_REQUEST_STATUSES.length * ACTORS.length * ACTIONS.length);
  });

  it('without a référent, only the candidate answers', () => {
    const alone = { ...parties, referentId: null };
    expect(contactRequestRules.refusalOf({ action: 'accept', actor: person('referent') }, 'PENDING', alone, Date.now())?.code).toBe('FORBIDDEN');
    expect(contactRequestRules.refusalOf({ action: 'accept', actor: person('candidate') }, 'PENDING', alone, Date.now())).toBeNull();
  });

  it('every status but PENDING is final, and waits for nobody', () => {
    for (const status of CONTACT_REQUEST_STATUSES) {
      expect(contactRequestRules.isFinal(status)).toBe(status !== 'PENDING');
      expect(PROCESSES.contactRequest.waitingFor[status]).toBe(status === 'PENDING' ? 'CANDIDATE' : 'NOBODY');
    }
  });

  it('joins the process registry: ids both ways, its first state and search attributes (status as a keyword list of one)', () => {
    const id = '8a5f8f0e-2b8a-4b59-9d0e-6c1f4f9b1a2c';
    expect(workflowIdOf('contactRequest', id)).toBe(`contact-request-${id}`);
    expect(parseWorkflowId(`contact-request-${id}`)).toEqual({ process: 'contactRequest', entityId: id });
    const input = { contactRequestId: id, parties, createdBy: person('recruiter'), createdAt: '2026-12-04T10:00:00Z', timers: { reminderMs: 1, expiresMs: 2 } };
    const pairs = initialSearchAttributes('contactRequest', input);
    expect(pairs.find((p) => p.key.name === 'ContactRequestStatus')?.value).toEqual(['PENDING']);
    expect(pairs.find((p) => p.key.name === 'WaitingFor')?.value).toBe('CANDIDATE');
    expect(pairs.find((p) => p.key.name === 'CompanyId')?.value).toBe('company');
  });

  it('names a profile by a stable reference that says nothing of the person', () => {
    expect(profileReference('3fb91c19-0d2e-4c1a-9a77-1234567890ab')).toBe('Profil n° 3FB9-1C19');
  });
});
