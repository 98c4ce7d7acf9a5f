// The application rules (workflows/application-rules.ts: what the Update validator, the API's buttons
// and the web app use) against PRODUCT.md's table (test/oracles/application.ts), every cell, in
// milliseconds: every state × action × person, the refusal's code, state and allowed actions, the
// next state, and the fields each action requires. The same oracle drives a sample of cells through
// the running platform in test/application-matrix.test.ts.
import { describe, expect, it } from 'vitest';
import { applicationRules, type ApplicationParties, type ApplicationTransitionRequest } from '../../workflows/application-rules.js';
import { ACTIONS, ACTORS, ALL_SITUATIONS, FINAL, MAY_ACT, TABLE, expectedAllowed, expectedRuling, type Action, type ActorName, type Situation } from '../oracles/application.js';
import { person } from '../oracles/people.js';

const PARTIES: ApplicationParties = { candidateId: 'candidate', companyId: 'company', referentId: 'referent', missionOfficerId: 'missionOfficer' };

const NOW = Date.parse('2026-12-03T10:00:00Z');
const inDays = (days: number) => new Date(NOW + days * 86_400_000).toISOString();

/** A request the action accepts when the state and the person allow it. */
function validRequest(action: Action, actor: ActorName): ApplicationTransitionRequest {
  const base = { action, actor: person(actor) };
  if (action === 'propose_interview') return { ...base, startsAt: inDays(3), durationMinutes: 45, mode: 'PHONE' };
  return TABLE[action].message ? { ...base, message: 'Motif donné à la personne.' } : base;
}

const interviewOf = (situation: Situation) =>
  situation.status === 'INTERVIEW_PROPOSED' ? { status: situation.confirmed ? ('CONFIRMED' as const) : ('PROPOSED' as const) } : null;
const label = (situation: Situation) => `${situation.status}${situation.confirmed ? ' (confirmed)' : ''}`;

describe('the application rules against PRODUCT.md', () => {
  it('knows the final states', () => {
    expect([...applicationRules.finalStatuses].sort()).toEqual([...FINAL].sort());
  });

  it('rules every state × action × person as the contract says', () => {
    let cells = 0;
    for (const situation of ALL_SITUATIONS) {
      for (const action of ACTIONS) {
        for (const actor of ACTORS) {
          const where = `${label(situation)} · ${action} by ${actor}`;
          const expected = expectedRuling(situation, action, actor);
          const refusal = applicationRules.refusalOf(validRequest(action, actor), situation.status, PARTIES, NOW, interviewOf(situation));
          cells++;
          if (expected.http === 200) {
            expect(refusal, where).toBeNull();
            expect(applicationRules.nextStatus(action, situation.status), where).toBe(expected.to);
            continue;
          }
          expect(refusal?.code, where).toBe(expected.http === 403 ? 'FORBIDDEN' : 'ILLEGAL_TRANSITION');
          expect(refusal?.status, where).toBe(situation.status);
          expect([...refusal!.allowedActions].sort(), `${where}: allowed`).toEqual(expectedAllowed(situation, actor));
        }
      }
    }
    expect(cells).toBe(ALL_SITUATIONS.length * ACTIONS.length * ACTORS.length);
  });

  it('offers each person exactly the actions the contract gives them', () => {
    for (const situation of ALL_SITUATIONS) {
      for (const actor of ACTORS) {
        expect([...applicationRules.allowedActions(situation.status, person(actor), PARTIES, interviewOf(situation))].sort(), `${label(situation)} · ${actor}`).toEqual(
          expectedAllowed(situation, actor),
        );
      }
    }
  });

  it('requires a message where PRODUCT.md says `message!`, once who and state allow the action', () => {
    for (const action of ACTIONS.filter((a) => TABLE[a].message)) {
      const situation = ALL_SITUATIONS.find((s) => TABLE[action].from.includes(s.status))!;
      for (const actor of MAY_ACT[TABLE[action].party]) {
        for (const message of [undefined, null, '', '   \n ']) {
          const refusal = applicationRules.refusalOf({ ...validRequest(action, actor), message }, situation.status, PARTIES, NOW, interviewOf(situation));
          expect(refusal?.code, `${action} by ${actor} with ${JSON.stringify(message)}`).toBe('VALIDATION_FAILED');
          expect(refusal?.message).toMatch(/^message : /);
        }
      }
    }
    // A state or person that does not allow the action is told so first, not about the message.
    expect(applicationRules.refusalOf({ action: 'refuse', actor: person('recruiter') }, 'HIRED', PARTIES, NOW)?.code).toBe('ILLEGAL_TRANSITION');
    expect(applicationRules.refusalOf({ action: 'refuse', actor: person('candidate') }, 'ACCEPTED', PARTIES, NOW)?.code).toBe('FORBIDDEN');
  });

  it('checks an interview proposal: a future ISO start, 5 to 480 minutes, a known mode, an address in person', () => {
    const propose = (fields: Partial<ApplicationTransitionRequest>) =>
      applicationRules.refusalOf({ ...validRequest('propose_interview', 'recruiter'), ...fields }, 'ACCEPTED', PARTIES, NOW);
    expect(propose({})).toBeNull();
    expect(propose({ mode: 'IN_PERSON', location: '12 rue des Lilas, Lyon' })).toBeNull();
    const cases: Array<[Partial<ApplicationTransitionRequest>, RegExp]> = [
      [{ startsAt: 'demain' }, /^startsAt : /],
      [{ startsAt: inDays(-1) }, /^startsAt : .*futur/],
      [{ startsAt: new Date(NOW).toISOString() }, /^startsAt : /],
      [{ durationMinutes: 4 }, /^durationMinutes : /],
      [{ durationMinutes: 481 }, /^durationMinutes : /],
      [{ durationMinutes: 30.5 }, /^durationMinutes : /],
      [{ mode: 'SMOKE_SIGNALS' as never }, /^mode : /],
      [{ mode: 'IN_PERSON', location: '  ' }, /^location : /],
    ];
    for (const [fields, message] of cases) {
      const refusal = propose(fields);
      expect(refusal?.code, JSON.stringify(fields)).toBe('VALIDATION_FAILED');
      expect(refusal?.message, JSON.stringify(fields)).toMatch(message);
    }
  });

  it('refuses an unknown action as a bad field', () => {
    expect(applicationRules.refusalOf({ action: 'teleport' as Action, actor: person('admin') }, 'ACCEPTED', PARTIES, NOW)?.code).toBe('VALIDATION_FAILED');
  });
});
