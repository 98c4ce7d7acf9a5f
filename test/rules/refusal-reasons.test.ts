// Refusal reasons (workflows/refusal-reasons.ts) and how the application rules use them: every code has a
// label and a message template, each step offers its own, the reason is required and must fit the step,
// AUTRE's template must be completed, and no reason is about disability or health.
import { describe, expect, it } from 'vitest';
import { applicationRules, type ApplicationParties, type ApplicationTransitionRequest } from '../../workflows/application-rules.js';
import {
  REFUSAL_REASONS,
  REFUSAL_REASON_CODES,
  REFUSAL_STEPS,
  TEMPLATE_BLANK,
  reasonCodesOf,
  reasonsFor,
  refusalReasonLabel,
  type RefusalReasonCode,
} from '../../workflows/refusal-reasons.js';
import { person } from '../oracles/people.js';

const PARTIES: ApplicationParties = { candidateId: 'candidate', companyId: 'company', referentId: 'referent', missionOfficerId: 'missionOfficer' };
const NOW = Date.parse('2026-12-03T10:00:00Z');
const INTERVIEW = { status: 'PROPOSED' as const, startsAt: '2026-12-05T09:00:00Z' };

const refuse = (fields: Partial<ApplicationTransitionRequest>, status: 'PENDING_RECRUITER' | 'ACCEPTED' | 'INTERVIEW_PROPOSED' | 'INTERVIEW_DONE' = 'PENDING_RECRUITER') =>
  applicationRules.refusalOf(
    { action: 'refuse', actor: person('recruiter'), message: 'Le poste a été pourvu.', ...fields },
    status,
    PARTIES,
    NOW,
    { interview: status === 'PENDING_RECRUITER' ? null : INTERVIEW },
  );
const notHire = (fields: Partial<ApplicationTransitionRequest>) =>
  applicationRules.refusalOf({ action: 'not_hire', actor: person('recruiter'), message: 'Un autre profil a été retenu.', ...fields }, 'INTERVIEW_DONE', PARTIES, NOW, {
    interview: { ...INTERVIEW, status: 'DONE' },
  });

describe('refusal reasons', () => {
  it('gives every code a French label and a template addressed to the candidate', () => {
    for (const code of REFUSAL_REASON_CODES) {
      const { label, template, steps } = REFUSAL_REASONS[code];
      expect(label.trim().length, code).toBeGreaterThan(5);
      expect(refusalReasonLabel(code)).toBe(label);
      expect(template, code).toMatch(/^Bonjour,/);
      expect(template, code).toMatch(/\bvous\b|\bvotre\b/);
      expect(steps.length, code).toBeGreaterThan(0);
    }
    expect(new Set(REFUSAL_REASON_CODES.map((code) => REFUSAL_REASONS[code].label)).size).toBe(REFUSAL_REASON_CODES.length);
    expect(REFUSAL_REASONS.AUTRE.label).toBe('Autre motif');
  });

  it('offers at each step its own reasons, AUTRE last at every one', () => {
    for (const step of REFUSAL_STEPS) expect(reasonsFor(step).at(-1), step).toBe('AUTRE');
    // A candidature not detailed enough is a reason to refuse before meeting, not after.
    expect(reasonsFor('refuse_before_interview')).toContain('CANDIDATURE_INCOMPLETE');
    expect(reasonsFor('refuse_after_interview')).not.toContain('CANDIDATURE_INCOMPLETE');
    expect(reasonsFor('not_hire')).not.toContain('CANDIDATURE_INCOMPLETE');
    // An interview not held is one once it was proposed; after the interview took place, it was held.
    expect(reasonsFor('refuse_after_interview')).toContain('ENTRETIEN_NON_HONORE');
    expect(reasonsFor('refuse_before_interview')).not.toContain('ENTRETIEN_NON_HONORE');
    expect(reasonsFor('not_hire')).not.toContain('ENTRETIEN_NON_HONORE');
    expect(reasonCodesOf('refuse').sort()).toEqual([...new Set([...reasonsFor('refuse_before_interview'), ...reasonsFor('refuse_after_interview')])].sort());
    expect(reasonCodesOf('not_hire')).toEqual(reasonsFor('not_hire'));
  });

  it('never gives disability or health as a reason', () => {
    const FORBIDDEN = /handicap|sant[ée]|maladie|m[ée]dical|RQTH|inaptitude|invalidit|th[ée]rapeut|soins|am[ée]nagement|accessib|fatigabilit|pathologie|traitement/i;
    for (const code of REFUSAL_REASON_CODES) {
      const { label, template } = REFUSAL_REASONS[code];
      expect(`${code} ${label} ${template}`, code).not.toMatch(FORBIDDEN);
    }
  });

  it('uses inclusive wording: no « (e) », no gendered agreement about the candidate', () => {
    for (const code of REFUSAL_REASON_CODES) {
      const { label, template } = REFUSAL_REASONS[code];
      expect(`${label} ${template}`, code).not.toMatch(/\((e|ne|es)\)|\ble candidat\b|\bvous êtes (invité|retenu)/);
    }
  });
});

describe('the rules of refuse and not_hire with reasons', () => {
  it('accept each step’s reasons with a message, the template as is (but AUTRE’s)', () => {
    for (const code of reasonsFor('refuse_before_interview')) {
      expect(refuse({ reason: code, message: code === 'AUTRE' ? 'Le poste évolue.' : REFUSAL_REASONS[code].template }), code).toBeNull();
    }
    for (const status of ['ACCEPTED', 'INTERVIEW_PROPOSED', 'INTERVIEW_DONE'] as const) {
      for (const code of reasonsFor('refuse_after_interview')) expect(refuse({ reason: code }, status), `${status} ${code}`).toBeNull();
    }
    for (const code of reasonsFor('not_hire')) expect(notHire({ reason: code }), code).toBeNull();
  });

  it('require a reason, under its field', () => {
    for (const problem of [refuse({}), refuse({ reason: null }), notHire({})]) {
      expect(problem?.code).toBe('VALIDATION_FAILED');
      expect(problem?.fields).toEqual([{ field: 'reason', message: expect.stringMatching(/^Choisissez le motif du refus/) }]);
    }
  });

  it('refuse a reason of another step, or unknown, under its field', () => {
    const wrong: Array<[ReturnType<typeof refuse>, string]> = [
      [refuse({ reason: 'ENTRETIEN_NON_HONORE' }), 'before any interview'],
      [refuse({ reason: 'CANDIDATURE_INCOMPLETE' }, 'INTERVIEW_PROPOSED'), 'after an interview was proposed'],
      [notHire({ reason: 'CANDIDATURE_INCOMPLETE' }), 'after the interview'],
      [notHire({ reason: 'SMOKE' as RefusalReasonCode }), 'unknown'],
    ];
    for (const [problem, where] of wrong) {
      expect(problem?.code, where).toBe('VALIDATION_FAILED');
      expect(problem?.message, where).toMatch(/^reason : ce motif ne convient pas/);
      expect(problem?.fields?.[0]?.field, where).toBe('reason');
    }
  });

  it('AUTRE needs the message to say why: blank, or the template left unfilled, is refused', () => {
    expect(refuse({ reason: 'AUTRE', message: '  ' })?.fields?.[0]?.field).toBe('message');
    const unfilled = refuse({ reason: 'AUTRE', message: REFUSAL_REASONS.AUTRE.template });
    expect(unfilled?.code).toBe('VALIDATION_FAILED');
    expect(unfilled?.fields).toEqual([{ field: 'message', message: `Remplacez « ${TEMPLATE_BLANK} » par le motif, en quelques mots.` }]);
    expect(refuse({ reason: 'AUTRE', message: REFUSAL_REASONS.AUTRE.template.replace(TEMPLATE_BLANK, 'le projet est reporté à l’an prochain.') })).toBeNull();
  });

  it('tell who and the state before the reason', () => {
    expect(applicationRules.refusalOf({ action: 'refuse', actor: person('candidate') }, 'ACCEPTED', PARTIES, NOW, null)?.code).toBe('FORBIDDEN');
    expect(applicationRules.refusalOf({ action: 'not_hire', actor: person('recruiter') }, 'ACCEPTED', PARTIES, NOW, null)?.code).toBe('ILLEGAL_TRANSITION');
  });
});
