// Account deletion's pure rules: who may cancel and from which state; the sponsorship request's
// `withdraw` (its candidate's account deleted): the candidate's only, from PENDING, never a button.
import { describe, expect, it } from 'vitest';
import { ACCOUNT_DELETION_STATUSES, cancelRefusal, deletedEmailOf } from '../../workflows/account-deletion-rules.js';
import type { Actor } from '../../workflows/actors.js';
import { SPONSORSHIP_STATUSES, sponsorshipRules, type SponsorshipParties } from '../../workflows/sponsorship-rules.js';

const NOW = Date.parse('2026-12-03T10:00:00Z');
const person: Actor = { id: 'me', role: 'CANDIDATE' };

describe('cancelling an account deletion', () => {
  it('is the account owner’s, while it is scheduled only', () => {
    for (const status of ACCOUNT_DELETION_STATUSES) {
      expect(cancelRefusal(status, { id: 'someone-else', role: 'ADMIN' }, 'me')?.code, status).toBe('FORBIDDEN');
      const mine = cancelRefusal(status, person, 'me');
      if (status === 'SCHEDULED') expect(mine).toBeNull();
      else expect(mine?.code, status).toBe('ILLEGAL_TRANSITION');
    }
  });

  it('leaves an address that can be neither delivered nor taken twice', () => {
    expect(deletedEmailOf('a')).toMatch(/@supprime\.invalid$/);
    expect(deletedEmailOf('a')).not.toBe(deletedEmailOf('b'));
  });
});

describe('withdrawing a sponsorship request (account deleted)', () => {
  const parties: SponsorshipParties = { candidateId: 'candidate', companyId: 'company', referentId: 'referent', missionOfficerId: null };
  const people: Actor[] = [
    { id: 'candidate', role: 'CANDIDATE' },
    { id: 'other', role: 'CANDIDATE' },
    { id: 'referent', role: 'REFERENT' },
    { id: 'recruiter', role: 'RECRUITER', companyId: 'company' },
    { id: 'admin', role: 'ADMIN' },
  ];

  it('is the candidate’s, from PENDING to WITHDRAWN (final), and offered to nobody', () => {
    for (const status of SPONSORSHIP_STATUSES) {
      for (const actor of people) {
        const refusal = sponsorshipRules.refusalOf({ action: 'withdraw', actor }, status, parties, NOW);
        if (actor.id !== 'candidate') expect(refusal?.code, `${status} by ${actor.id}`).toBe('FORBIDDEN');
        else if (status !== 'PENDING') expect(refusal?.code, status).toBe('ILLEGAL_TRANSITION');
        else expect(refusal).toBeNull();
        expect(sponsorshipRules.allowedActions(status, actor, parties)).not.toContain('withdraw');
      }
    }
    expect(sponsorshipRules.nextStatus('withdraw', 'PENDING')).toBe('WITHDRAWN');
    expect(sponsorshipRules.isFinal('WITHDRAWN')).toBe(true);
  });
});
