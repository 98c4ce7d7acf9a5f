// The application rules (workflows/application-rules.ts: what the Update validator, the API's buttons
// and the web app use) against PRODUCT.md's table (test/oracles/application.ts), every cell, in
// milliseconds: every state × action × person, the refusal's code, state and allowed actions, the
// next state, and the fields each action requires. The same oracle drives a sample of cells through
// the running platform in test/application-matrix.test.ts.
import { describe, expect, it } from 'vitest';
import { applicationRules, type ApplicationParties, type ApplicationTransitionRequest, type CurrentInterview } from '../../workflows/application-rules.js';
import { ACTIONS, ACTORS, ALL_SITUATIONS, FINAL, LIFT_BODY, MAY_ACT, TABLE, expectedAllowed, expectedRuling, type Action, type ActorName, type Situation } from '../oracles/application.js';
import { person } from '../oracles/people.js';

const PARTIES: ApplicationParties = { candidateId: 'candidate', companyId: 'company', referentId: 'referent', missionOfficerId: 'missionOfficer' };

const NOW = Date.parse('2026-12-03T10:00:00Z');
const inDays = (days: number) => new Date(NOW + days * 86_400_000).toISOString();

/** A request the action accepts when the state and the person allow it. */
function validRequest(action: Action, actor: ActorName): ApplicationTransitionRequest {
  const base = { action, actor: person(actor) };
  if (action === 'propose_interview' || action === 'reschedule_interview') return { ...base, startsAt: inDays(3), durationMinutes: 45, mode: 'PHONE' };
  if (action === 'lift_anonymity') return { ...base, ...LIFT_BODY };
  if (!TABLE[action].message) return base;
  // A reason every step accepts (which reason fits which step: test/rules/refusal-reasons.test.ts).
  return { ...base, message: 'Motif donné à la personne.', ...(TABLE[action].reason ? { reason: 'POSTE_POURVU' as const } : {}) };
}

const interviewOf = (situation: Situation) =>
  situation.status === 'INTERVIEW_PROPOSED'
    ? {
        status: situation.confirmed ? ('CONFIRMED' as const) : ('PROPOSED' as const),
        startsAt: situation.started ? inDays(-1 / 24) : inDays(1),
        otherSlotRequest: situation.slotAsked ? { at: inDays(-1), message: 'Disponible le mardi matin.' } : null,
      }
    : null;
const contextOf = (situation: Situation) => ({ interview: interviewOf(situation), contact: situation.contact ?? null });
const label = (situation: Situation) =>
  `${situation.status}${situation.confirmed ? ' (confirmed)' : ''}${situation.started ? ' (started)' : ''}${situation.slotAsked ? ' (other slot asked)' : ''}${situation.contact ? ` (anonymous, ${situation.contact})` : ''}`;

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
          const refusal = applicationRules.refusalOf(validRequest(action, actor), situation.status, PARTIES, NOW, contextOf(situation));
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
        expect([...applicationRules.allowedActions(situation.status, person(actor), PARTIES, contextOf(situation), NOW)].sort(), `${label(situation)} · ${actor}`).toEqual(
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
          const refusal = applicationRules.refusalOf({ ...validRequest(action, actor), message }, situation.status, PARTIES, NOW, contextOf(situation));
          expect(refusal?.code, `${action} by ${actor} with ${JSON.stringify(message)}`).toBe('VALIDATION_FAILED');
          expect(refusal?.message).toMatch(/^message : /);
        }
      }
    }
    // A state or person that does not allow the action is told so first, not about the message.
    expect(applicationRules.refusalOf({ action: 'refuse', actor: person('recruiter') }, 'HIRED', PARTIES, NOW)?.code).toBe('ILLEGAL_TRANSITION');
    expect(applicationRules.refusalOf({ action: 'refuse', actor: person('candidate') }, 'ACCEPTED', PARTIES, NOW)?.code).toBe('FORBIDDEN');
  });

  it('requires a reason where PRODUCT.md says refuse and not_hire take one, named under its field with the message’s', () => {
    for (const action of ACTIONS.filter((a) => TABLE[a].reason)) {
      const situation = ALL_SITUATIONS.find((s) => TABLE[action].from.includes(s.status))!;
      for (const actor of MAY_ACT[TABLE[action].party]) {
        for (const reason of [undefined, null, '']) {
          const refusal = applicationRules.refusalOf({ ...validRequest(action, actor), reason: reason as never }, situation.status, PARTIES, NOW, contextOf(situation));
          expect(refusal?.code, `${action} by ${actor} with ${JSON.stringify(reason)}`).toBe('VALIDATION_FAILED');
          expect(refusal?.message).toMatch(/^reason : /);
          expect(refusal?.fields?.map((f) => f.field)).toEqual(['reason']);
        }
        // Neither: both fields are named at once, the message first.
        const neither = applicationRules.refusalOf({ action, actor: person(actor) }, situation.status, PARTIES, NOW, contextOf(situation));
        expect(neither?.fields?.map((f) => f.field)).toEqual(['message', 'reason']);
      }
    }
  });

  it('shares an anonymous candidate’s identity only against the commitment to contact them, and asks when, each under its field', () => {
    for (const situation of ALL_SITUATIONS.filter((s) => s.contact === 'HIDDEN')) {
      for (const actor of MAY_ACT.recruiter) {
        const lift = (fields: Partial<ApplicationTransitionRequest>) =>
          applicationRules.refusalOf({ action: 'lift_anonymity', actor: person(actor), ...fields }, situation.status, PARTIES, NOW, contextOf(situation));
        for (const commitment of [undefined, false, 'true' as never]) {
          expect(lift({ commitment, contactNow: true })?.fields?.map((f) => f.field), `${label(situation)} · ${actor} · ${String(commitment)}`).toEqual(['commitment']);
        }
        expect(lift({ commitment: true })?.fields?.map((f) => f.field)).toEqual(['contactNow']);
        expect(lift({ commitment: true, contactNow: true })).toBeNull();
      }
    }
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

  it('lets an interview be marked done from its start on, never before, and says when', () => {
    const startsAt = '2026-12-04T09:00:00Z';
    const markDone = (now: number, interview: CurrentInterview = { status: 'CONFIRMED', startsAt }) =>
      applicationRules.refusalOf({ action: 'mark_interview_done', actor: person('recruiter') }, 'INTERVIEW_PROPOSED', PARTIES, now, { interview });
    const offered = (now: number) => applicationRules.allowedActions('INTERVIEW_PROPOSED', person('recruiter'), PARTIES, { interview: { status: 'PROPOSED', startsAt } }, now);
    const waiting = (now: number) => applicationRules.waitingActions('INTERVIEW_PROPOSED', person('recruiter'), PARTIES, { interview: { status: 'PROPOSED', startsAt } }, now);

    // The day before (an interview tomorrow), and a second before its start: a 409 naming when.
    for (const now of [Date.parse(startsAt) - 86_400_000, Date.parse(startsAt) - 1_000]) {
      const refusal = markDone(now);
      expect(refusal?.code).toBe('ILLEGAL_TRANSITION');
      expect(refusal?.message).toBe(
        'L’entretien n’a pas encore commencé : il pourra être marqué comme effectué à partir de son début, le vendredi 4 décembre 2026 à 10:00 (heure de Paris).',
      );
      expect(refusal?.allowedActions.sort()).toEqual(['cancel_interview', 'refuse', 'reschedule_interview']);
      expect(offered(now)).not.toContain('mark_interview_done');
      expect(waiting(now)).toEqual([{ action: 'mark_interview_done', reason: refusal!.message }]);
    }
    // From its very start on.
    for (const now of [Date.parse(startsAt), Date.parse(startsAt) + 3_600_000]) {
      expect(markDone(now)).toBeNull();
      expect(offered(now)).toContain('mark_interview_done');
      expect(waiting(now)).toEqual([]);
    }
    // Who and the state are told first; the candidate waits for nothing.
    expect(applicationRules.refusalOf({ action: 'mark_interview_done', actor: person('candidate') }, 'INTERVIEW_PROPOSED', PARTIES, NOW, { interview: { status: 'PROPOSED', startsAt } })?.code).toBe('FORBIDDEN');
    expect(applicationRules.waitingActions('INTERVIEW_PROPOSED', person('candidate'), PARTIES, { interview: { status: 'PROPOSED', startsAt } }, NOW)).toEqual([]);
    // Workflows started before the rule (patch 'interview-done-after-start') replay as they ran.
    expect(markDone(NOW, { status: 'PROPOSED', startsAt, markableBeforeStart: true })).toBeNull();
  });

  it('moves an interview with the checks of a proposal, and takes one request for another time per time proposed', () => {
    const startsAt = inDays(1);
    const planned = { status: 'CONFIRMED' as const, startsAt, otherSlotRequest: null };
    const move = (fields: Partial<ApplicationTransitionRequest>, interview: CurrentInterview = planned) =>
      applicationRules.refusalOf({ ...validRequest('reschedule_interview', 'recruiter'), ...fields }, 'INTERVIEW_PROPOSED', PARTIES, NOW, { interview });
    expect(move({})).toBeNull();
    expect(move({ startsAt: inDays(-1) })?.fields).toEqual([{ field: 'startsAt', message: 'L’entretien doit être dans le futur : indiquez une date et une heure à venir.' }]);
    expect(move({ mode: 'IN_PERSON', location: ' ' })?.fields?.[0]?.field).toBe('location');
    expect(move({ durationMinutes: 2 })?.code).toBe('VALIDATION_FAILED');
    // An interview already held or called off is not moved (409, in French).
    expect(move({}, { status: 'DONE', startsAt })).toMatchObject({ code: 'ILLEGAL_TRANSITION', message: 'Cet entretien n’est plus prévu : il ne peut pas être déplacé.' });

    const ask = (interview: CurrentInterview, actor: 'candidate' | 'referent' = 'candidate', message: string | undefined = 'Le mardi matin.') =>
      applicationRules.refusalOf({ action: 'request_other_slot', actor: person(actor), message }, 'INTERVIEW_PROPOSED', PARTIES, NOW, { interview });
    expect(ask(planned)).toBeNull();
    expect(ask(planned, 'referent')).toBeNull();
    expect(ask(planned, 'candidate', '  ')?.fields?.[0]).toEqual({ field: 'message', message: 'Indiquez les disponibilités (jours et heures) pour un autre créneau ; elles seront transmises au recruteur.' });
    const asked = { ...planned, otherSlotRequest: { at: inDays(-1), message: 'Le mardi matin.' } };
    expect(ask(asked)).toMatchObject({ code: 'ILLEGAL_TRANSITION', message: expect.stringMatching(/^Un autre créneau a déjà été demandé pour l’entretien du .+ : le recruteur doit d’abord proposer une nouvelle date\.$/) });
    expect(applicationRules.allowedActions('INTERVIEW_PROPOSED', person('candidate'), PARTIES, { interview: asked }, NOW)).not.toContain('request_other_slot');
    expect(applicationRules.allowedActions('INTERVIEW_PROPOSED', person('recruiter'), PARTIES, { interview: asked }, NOW)).toContain('reschedule_interview');

    // Acting on the time one read: once it moved (icsSequence 1), a confirm, a move or a request sent about version 0 is a 409.
    const moved = { status: 'PROPOSED' as const, startsAt, otherSlotRequest: null, icsSequence: 1 };
    expect(move({ interviewVersion: 1 }, moved)).toBeNull();
    for (const action of ['confirm_interview', 'reschedule_interview', 'request_other_slot'] as const) {
      const actor = action === 'reschedule_interview' ? 'recruiter' : 'candidate';
      const refusal = applicationRules.refusalOf({ ...validRequest(action, actor), message: 'Le mardi.', interviewVersion: 0 }, 'INTERVIEW_PROPOSED', PARTIES, NOW, { interview: moved });
      expect(refusal, action).toMatchObject({ code: 'ILLEGAL_TRANSITION', message: expect.stringMatching(/^L’entretien vient d’être déplacé : il est maintenant prévu le /) });
    }
  });

  it('refuses an unknown action as a bad field', () => {
    expect(applicationRules.refusalOf({ action: 'teleport' as Action, actor: person('admin') }, 'ACCEPTED', PARTIES, NOW)?.code).toBe('VALIDATION_FAILED');
  });
});
