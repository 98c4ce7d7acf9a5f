// change_follow_up in the rules of both processes that have a follow-up (workflows/follow-up.ts): an
// admin's (the platform sends it on their behalf) or the case's mission officer's within their network,
// from any state that is not final, status kept;
// malformed or unchanged follow-ups refused; never offered as a button; and once the parties moved,
// the référent's and mission officer's rights moved with them.
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../workflows/actors.js';
import { APPLICATION_ACTIONS, APPLICATION_STATUSES, applicationRules, type ApplicationParties } from '../../workflows/application-rules.js';
import { SPONSORSHIP_ACTIONS, SPONSORSHIP_STATUSES, sponsorshipRules, type SponsorshipParties } from '../../workflows/sponsorship-rules.js';

const ID = {
  candidate: '00000000-0000-4000-8000-000000000001',
  company: '00000000-0000-4000-8000-000000000002',
  referent: '00000000-0000-4000-8000-000000000003',
  missionOfficer: '00000000-0000-4000-8000-000000000004',
  newReferent: '00000000-0000-4000-8000-000000000005',
  newMissionOfficer: '00000000-0000-4000-8000-000000000006',
};
const PARTIES: ApplicationParties & SponsorshipParties = { candidateId: ID.candidate, companyId: ID.company, referentId: ID.referent, missionOfficerId: ID.missionOfficer };
const PEOPLE: Actor[] = [
  { id: 'admin', role: 'ADMIN' },
  { id: ID.referent, role: 'REFERENT' },
  { id: ID.missionOfficer, role: 'MISSION_OFFICER' },
  { id: ID.candidate, role: 'CANDIDATE' },
  { id: 'recruiter', role: 'RECRUITER', companyId: ID.company },
];
const MOVED = { referentId: ID.newReferent, missionOfficerId: ID.newMissionOfficer };
const NOW = Date.parse('2026-12-03T10:00:00Z');

const processes = [
  { name: 'application', rules: applicationRules, statuses: APPLICATION_STATUSES, people: APPLICATION_ACTIONS },
  { name: 'sponsorship', rules: sponsorshipRules, statuses: SPONSORSHIP_STATUSES, people: SPONSORSHIP_ACTIONS },
] as const;

describe.each(processes)('change_follow_up in the $name rules', ({ rules, statuses, people }) => {
  const refusal = (actor: Actor, status: string, fields: Record<string, unknown>) =>
    (rules.refusalOf as (r: unknown, s: string, p: unknown, n: number) => { code: string; message: string } | null)(
      { action: 'change_follow_up', actor, ...fields },
      status,
      PARTIES,
      NOW,
    );

  it('is an admin’s, from every state that is not final, and keeps the status; not the mission officer’s out of their network', () => {
    for (const status of statuses) {
      for (const actor of PEOPLE) {
        const ruling = refusal(actor, status, { followUp: MOVED, message: 'Suivi confié à …' });
        const where = `${status} by ${actor.role}`;
        // The case's mission officer is a party (who, checked before the state); MOVED takes the case out of their network.
        if (actor.role !== 'ADMIN' && actor.role !== 'MISSION_OFFICER') expect(ruling?.code, where).toBe('FORBIDDEN');
        else if (rules.isFinal(status as never)) expect(ruling?.code, where).toBe('ILLEGAL_TRANSITION');
        else if (actor.role === 'MISSION_OFFICER') expect(ruling?.code, where).toBe('FORBIDDEN');
        else {
          expect(ruling, where).toBeNull();
          expect(rules.nextStatus('change_follow_up', status as never)).toBe(status);
        }
      }
    }
  });

  it('is also the case’s mission officer’s, to a référent of their own network only', () => {
    const missionOfficer = PEOPLE[2]!;
    const withinNetwork = { followUp: { referentId: ID.newReferent, missionOfficerId: ID.missionOfficer }, message: 'Suivi confié à …' };
    for (const status of statuses) {
      const where = `${status} by the mission officer`;
      if (rules.isFinal(status as never)) expect(refusal(missionOfficer, status, withinNetwork)?.code, where).toBe('ILLEGAL_TRANSITION');
      else {
        expect(refusal(missionOfficer, status, withinNetwork), where).toBeNull();
        // Out of their network (another mission officer, or nobody): refused.
        expect(refusal(missionOfficer, status, { followUp: MOVED })?.code, where).toBe('FORBIDDEN');
        expect(refusal(missionOfficer, status, { followUp: { referentId: null, missionOfficerId: null } })?.code, where).toBe('FORBIDDEN');
        // Another mission officer than the case's: refused, whatever the follow-up.
        expect(refusal({ id: ID.newMissionOfficer, role: 'MISSION_OFFICER' }, status, { followUp: { referentId: ID.newReferent, missionOfficerId: ID.newMissionOfficer } })?.code, where).toBe('FORBIDDEN');
      }
      for (const other of PEOPLE.filter((p) => p.role !== 'ADMIN' && p.role !== 'MISSION_OFFICER')) {
        expect(refusal(other, status, withinNetwork)?.code, `${status} by ${other.role}`).toBe('FORBIDDEN');
      }
    }
  });

  it('refuses a malformed follow-up (400) and one that changes nothing (409)', () => {
    const admin = PEOPLE[0]!;
    const live = statuses.find((s) => !rules.isFinal(s as never))!;
    expect(refusal(admin, live, {})?.code).toBe('VALIDATION_FAILED');
    expect(refusal(admin, live, { followUp: { referentId: 'pas un id', missionOfficerId: null } })?.code).toBe('VALIDATION_FAILED');
    expect(refusal(admin, live, { followUp: { referentId: null, missionOfficerId: ID.newMissionOfficer } })?.message).toMatch(/^followUp : /);
    expect(refusal(admin, live, { followUp: { referentId: ID.referent, missionOfficerId: ID.missionOfficer } })?.code).toBe('ILLEGAL_TRANSITION');
    expect(refusal(admin, live, { followUp: { referentId: ID.referent, missionOfficerId: ID.newMissionOfficer } })).toBeNull();
    expect(refusal(admin, live, { followUp: { referentId: null, missionOfficerId: null } })).toBeNull();
  });

  it('is never offered as a button, to anyone', () => {
    for (const status of statuses) {
      for (const actor of PEOPLE) {
        const allowed = (rules.allowedActions as (s: string, a: Actor, p: unknown) => string[])(status, actor, PARTIES);
        expect(allowed).not.toContain('change_follow_up');
        for (const action of allowed) expect(people as readonly string[]).toContain(action);
      }
    }
  });
});

describe('rights follow the parties', () => {
  it('gives the application’s validation to the new référent and mission officer, and takes it from the old ones', () => {
    const moved = { ...PARTIES, ...MOVED };
    const validate = (actor: Actor, parties: ApplicationParties) =>
      applicationRules.refusalOf({ action: 'validate', actor }, 'PENDING_REFERENT_VALIDATION', parties, NOW, null)?.code ?? 'OK';
    expect(validate({ id: ID.referent, role: 'REFERENT' }, PARTIES)).toBe('OK');
    expect(validate({ id: ID.referent, role: 'REFERENT' }, moved)).toBe('FORBIDDEN');
    expect(validate({ id: ID.missionOfficer, role: 'MISSION_OFFICER' }, moved)).toBe('FORBIDDEN');
    expect(validate({ id: ID.newReferent, role: 'REFERENT' }, moved)).toBe('OK');
    expect(validate({ id: ID.newMissionOfficer, role: 'MISSION_OFFICER' }, moved)).toBe('OK');
    // Acting for the candidate follows too.
    expect(applicationRules.allowedActions('PENDING_RECRUITER', { id: ID.newReferent, role: 'REFERENT' }, moved, null)).toEqual(['withdraw']);
    expect(applicationRules.allowedActions('PENDING_RECRUITER', { id: ID.referent, role: 'REFERENT' }, moved, null)).toEqual([]);
  });
});
