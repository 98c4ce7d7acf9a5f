// The offer, company verification and sponsorship rules against PRODUCT.md's tables (test/oracles/),
// every state × action × person, in milliseconds; and the process registry (workflows/processes.ts)
// that the API, the back office and the tools read: every state waits for someone or nobody, ids
// both ways, the first state from the input.
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../workflows/actors.js';
import { membershipRules, type MembershipParties } from '../../workflows/company-verification-rules.js';
import { offerRules } from '../../workflows/offer-rules.js';
import { PROCESSES, PROCESS_NAMES, initialSearchAttributes, isFinalStatus, parseWorkflowId, workflowIdOf } from '../../workflows/processes.js';
import { sponsorshipRules, type SponsorshipParties } from '../../workflows/sponsorship-rules.js';
import * as membership from '../oracles/membership.js';
import * as offer from '../oracles/offer.js';
import { person } from '../oracles/people.js';
import * as sponsorship from '../oracles/sponsorship.js';

const NOW = Date.parse('2026-12-03T10:00:00Z');
/** Runs one process's rules against its oracle: each cell's ruling, and what each person is offered. */
function checkEveryCell<S extends string, A extends string, N extends string>(options: {
  statuses: readonly S[];
  actions: readonly A[];
  actors: readonly N[];
  ruling: (status: S, action: A, actor: N) => { http: number; to?: S };
  allowed: (status: S, actor: N) => A[];
  refusalOf: (action: A, actor: Actor, status: S) => { code: string; status: string; allowedActions: string[] } | null;
  allowedActions: (status: S, actor: Actor) => string[];
  nextStatus: (action: A, status: S) => S;
}) {
  let cells = 0;
  for (const status of options.statuses) {
    for (const actor of options.actors) {
      expect([...options.allowedActions(status, person(actor))].sort(), `${status} · offered to ${actor}`).toEqual([...options.allowed(status, actor)].sort());
      for (const action of options.actions) {
        const where = `${status} · ${action} by ${actor}`;
        const expected = options.ruling(status, action, actor);
        const refusal = options.refusalOf(action, person(actor), status);
        cells++;
        if (expected.http === 200) {
          expect(refusal, where).toBeNull();
          expect(options.nextStatus(action, status), where).toBe(expected.to);
        } else {
          expect(refusal?.code, where).toBe(expected.http === 403 ? 'FORBIDDEN' : 'ILLEGAL_TRANSITION');
          expect(refusal?.status, where).toBe(status);
          expect([...refusal!.allowedActions].sort(), `${where}: allowed`).toEqual([...options.allowed(status, actor)].sort());
        }
      }
    }
  }
  return cells;
}

describe('offer rules against PRODUCT.md', () => {
  it('rules every cell as the contract says, and requires a reason to reject', () => {
    const parties = { companyId: 'company' };
    const cells = checkEveryCell({
      statuses: offer.STATUSES,
      actions: offer.ACTIONS,
      actors: offer.ACTORS,
      ruling: offer.expectedRuling,
      allowed: offer.expectedAllowed,
      refusalOf: (action, actor, status) => offerRules.refusalOf({ action, actor, reason: action === 'reject' ? 'Mention H/F absente.' : null, fields: action === 'edit' ? { title: 'Comptable H/F' } : null }, status, parties, NOW),
      allowedActions: (status, actor) => offerRules.allowedActions(status, actor, parties),
      nextStatus: offerRules.nextStatus,
    });
    expect(cells).toBe(offer.STATUSES.length * offer.ACTIONS.length * offer.ACTORS.length);
    expect([...offerRules.finalStatuses].sort()).toEqual([...offer.FINAL].sort());
    for (const reason of [undefined, '', '  ']) {
      expect(offerRules.refusalOf({ action: 'reject', actor: person('admin'), reason }, 'PENDING_MODERATION', parties, NOW)?.message).toMatch(/^reason : /);
    }
    // An edit carries at least one field, among those an edit may change (never the end of publication).
    for (const fields of [undefined, null, {}, { chosenEndDate: '2030-01-01' }]) {
      expect(offerRules.refusalOf({ action: 'edit', actor: person('recruiter'), fields: fields as never }, 'PUBLISHED', parties, NOW), JSON.stringify(fields)).toMatchObject({ code: 'VALIDATION_FAILED', message: /^fields : / });
    }
    // Who and state before the fields.
    expect(offerRules.refusalOf({ action: 'edit', actor: person('admin'), fields: {} }, 'PUBLISHED', parties, NOW)?.code).toBe('FORBIDDEN');
    expect(offerRules.refusalOf({ action: 'edit', actor: person('recruiter'), fields: {} }, 'PENDING_MODERATION', parties, NOW)?.code).toBe('ILLEGAL_TRANSITION');
  });
});

describe('company verification rules against PRODUCT.md', () => {
  it('rules every cell as the contract says, and requires a reason to reject', () => {
    const parties: MembershipParties = { membershipId: 'm', companyId: 'company', userId: 'registrant', kind: 'FOUNDER' };
    const cells = checkEveryCell({
      statuses: membership.STATUSES,
      actions: membership.ACTIONS,
      actors: membership.ACTORS,
      ruling: membership.expectedRuling,
      allowed: membership.expectedAllowed,
      refusalOf: (action, actor, status) => membershipRules.refusalOf({ action, actor, reason: action === 'reject' ? 'SIREN radié.' : null }, status, parties, NOW),
      allowedActions: (status, actor) => membershipRules.allowedActions(status, actor, parties),
      nextStatus: membershipRules.nextStatus,
    });
    expect(cells).toBeGreaterThan(90);
    expect([...membershipRules.finalStatuses].sort()).toEqual([...membership.FINAL].sort());
    expect(membershipRules.refusalOf({ action: 'reject', actor: person('admin'), reason: ' ' }, 'PENDING_ADMIN_VERIFICATION', parties, NOW)?.message).toMatch(/^reason : /);
  });
});

describe('sponsorship rules against PRODUCT.md', () => {
  const parties: SponsorshipParties = { candidateId: 'candidate', companyId: 'company', referentId: 'referent', missionOfficerId: 'missionOfficer' };
  const sponsor = { id: 'colleague', role: 'RECRUITER' as const, companyId: 'company', active: true };

  it('rules every cell as the contract says', () => {
    const cells = checkEveryCell({
      statuses: sponsorship.STATUSES,
      actions: sponsorship.ACTIONS,
      actors: sponsorship.ACTORS,
      ruling: sponsorship.expectedRuling,
      allowed: sponsorship.expectedAllowed,
      refusalOf: (action, actor, status) =>
        sponsorshipRules.refusalOf(
          action === 'accept' ? { action, actor, sponsorUserId: sponsor.id, sponsor } : { action, actor, comment: 'Aucun parrain disponible.' },
          status,
          parties,
          NOW,
        ),
      allowedActions: (status, actor) => sponsorshipRules.allowedActions(status, actor, parties),
      nextStatus: sponsorshipRules.nextStatus,
    });
    expect(cells).toBe(sponsorship.STATUSES.length * sponsorship.ACTIONS.length * sponsorship.ACTORS.length);
  });

  it('needs an active recruiter of the company as sponsor, and a comment to refuse', () => {
    const accept = (fields: object) => sponsorshipRules.refusalOf({ action: 'accept', actor: person('recruiter'), ...fields }, 'PENDING', parties, NOW);
    expect(accept({ sponsorUserId: sponsor.id, sponsor })).toBeNull();
    expect(accept({})?.message).toMatch(/^sponsorUserId : /);
    expect(accept({ sponsorUserId: 'x', sponsor: null })?.message).toMatch(/^sponsorUserId : /);
    expect(accept({ sponsorUserId: sponsor.id, sponsor: { ...sponsor, active: false } })?.message).toMatch(/^sponsorUserId : /);
    expect(accept({ sponsorUserId: sponsor.id, sponsor: { ...sponsor, companyId: 'otherCompany' } })?.message).toMatch(/^sponsorUserId : /);
    expect(accept({ sponsorUserId: sponsor.id, sponsor: { ...sponsor, role: 'CANDIDATE' } })?.message).toMatch(/^sponsorUserId : /);
    expect(sponsorshipRules.refusalOf({ action: 'refuse', actor: person('colleague'), comment: ' ' }, 'PENDING', parties, NOW)?.message).toMatch(/^comment : /);
  });
});

describe('the process registry', () => {
  it('says for every state of every process what it waits for, and nobody once it is over', () => {
    for (const name of PROCESS_NAMES) {
      const process = PROCESSES[name];
      const waiting = process.waitingFor as Record<string, string>;
      expect(Object.keys(waiting).sort(), name).toEqual([...process.rules.statuses].sort());
      for (const status of process.rules.statuses) expect(waiting[status] === 'NOBODY', `${name} ${status}`).toBe(isFinalStatus(name, status));
    }
  });

  it('derives workflow ids both ways, and ignores the workflows of no process', () => {
    const id = '0b9c4a5e-7d7a-4f57-9d4e-4b2f0f1a2c3d';
    for (const name of PROCESS_NAMES) expect(parseWorkflowId(workflowIdOf(name, id))).toEqual({ process: name, entityId: id });
    expect(parseWorkflowId(`candidate-account-${id}`)).toBeNull();
    expect(parseWorkflowId('application-not-a-uuid')).toBeNull();
  });

  it('starts each process in the state PRODUCT.md gives, with the attributes operators filter on', () => {
    const actor: Actor = { id: 'c', role: 'CANDIDATE' };
    const parties = { candidateId: 'c', companyId: 'co', referentId: null, missionOfficerId: null };
    const application = { applicationId: 'a', parties, offerId: null, createdBy: actor, message: null, screeningAnswer: null, cvDocumentId: null, createdAt: new Date(NOW).toISOString() };
    const status = (pairs: ReturnType<typeof initialSearchAttributes>) => Object.fromEntries(pairs.map((p) => [p.key.name, p.value]));
    expect(status(initialSearchAttributes('application', application))).toMatchObject({ ApplicationStatus: 'PENDING_RECRUITER', WaitingFor: 'RECRUITER', CompanyId: 'co', CandidateId: 'c' });
    expect(status(initialSearchAttributes('application', { ...application, parties: { ...parties, referentId: 'r' } }))).toMatchObject({
      ApplicationStatus: 'PENDING_REFERENT_VALIDATION',
      WaitingFor: 'REFERENT',
      ReferentId: 'r',
    });
    expect(status(initialSearchAttributes('offer', { offerId: 'o', companyId: 'co' }, 'PUBLISHED'))).toMatchObject({ OfferStatus: 'PUBLISHED', WaitingFor: 'EXPIRY', OfferId: 'o' });
    const registration = { membershipId: 'm', companyId: 'co', userId: 'u', createdAt: new Date(NOW).toISOString(), createdBy: null };
    expect(status(initialSearchAttributes('membership', { ...registration, kind: 'FOUNDER' }))).toMatchObject({ CompanyStatus: 'PENDING_EMAIL_CONFIRMATION', WaitingFor: 'EMAIL' });
    expect(status(initialSearchAttributes('membership', { ...registration, kind: 'INVITED' }))).toMatchObject({ CompanyStatus: 'VERIFIED', WaitingFor: 'NOBODY' });
    const request = { sponsorshipId: 's', parties, createdBy: actor, message: 'm', createdAt: new Date(NOW).toISOString() };
    expect(status(initialSearchAttributes('sponsorship', request))).toMatchObject({ SponsorshipStatus: 'PENDING', WaitingFor: 'RECRUITER' });
  });
});
