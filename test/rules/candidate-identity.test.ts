// How a candidate appears to each reader of an application (workflows/candidate-identity.ts, seed 002):
// the company's side reads a number until the lift; the candidate's side and the platform read everything.
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../workflows/actors.js';
import { applicationRules } from '../../workflows/application-rules.js';
import { candidateAsSeenBy, documentNameAsSeenBy, identityHidden, textAsSeenBy } from '../../workflows/candidate-identity.js';

const camille = { id: '6f1d2c3a-0000-4000-8000-000000000001', firstName: 'Camille', lastName: 'Lefèvre', email: 'camille.lefevre@exemple.fr', phone: '06 12 34 56 78' };
const anonymous = { anonymous: true, identitySharedAt: null, candidateNumber: 417 };
const lifted = { ...anonymous, identitySharedAt: '2026-12-01T10:00:00Z' };
const plain = { ...anonymous, anonymous: false };

describe('candidate identity', () => {
  it('hides the candidate from the company only, on an anonymous application not yet lifted', () => {
    const hiddenFrom = ROLES.filter((role) => identityHidden({ role }, anonymous));
    expect(hiddenFrom).toEqual(['RECRUITER']);
    for (const role of ROLES) {
      expect(identityHidden({ role }, lifted)).toBe(false);
      expect(identityHidden({ role }, plain)).toBe(false);
    }
    // Notices by audience; an audience nobody listed is the company's side (fail-closed).
    expect(['candidate', 'referent', 'missionOfficer', 'admin'].filter((audience) => identityHidden({ audience }, anonymous))).toEqual([]);
    expect(['recruiter', 'proposer', 'someone-new'].every((audience) => identityHidden({ audience }, anonymous))).toBe(true);
  });

  it('names the hidden candidate by their number, with no id, e-mail or phone', () => {
    expect(candidateAsSeenBy({ role: 'RECRUITER' }, anonymous, camille)).toEqual({
      id: null,
      firstName: 'Candidat·e',
      lastName: 'n° 417',
      email: null,
      phone: null,
      name: 'Candidat·e n° 417',
      hidden: true,
      number: 417,
    });
    expect(candidateAsSeenBy({ role: 'RECRUITER' }, lifted, camille)).toMatchObject({ id: camille.id, name: 'Camille Lefèvre', email: camille.email, phone: camille.phone, hidden: false });
    expect(candidateAsSeenBy({ role: 'REFERENT' }, anonymous, camille)).toMatchObject({ name: 'Camille Lefèvre', hidden: false });
  });

  it('gives documents a neutral name that keeps their extension', () => {
    expect(documentNameAsSeenBy({ role: 'RECRUITER' }, anonymous, 'CV Camille LEFEVRE 2026.PDF', 'CV')).toBe('CV-candidat-417.pdf');
    expect(documentNameAsSeenBy({ role: 'RECRUITER' }, anonymous, 'sans-extension', 'COVER_LETTER')).toBe('document-candidat-417');
    expect(documentNameAsSeenBy({ role: 'CANDIDATE' }, anonymous, 'CV Camille.pdf', 'CV')).toBe('CV Camille.pdf');
  });

  it('takes the name, e-mail and phone out of what the candidate wrote, whatever their case', () => {
    const signed = 'Bonjour, je suis CAMILLE lefèvre (camille.lefevre@exemple.fr, 06.12.34.56.78). Camille — disponible.';
    const shown = textAsSeenBy({ role: 'RECRUITER' }, anonymous, camille, signed);
    expect(shown).not.toMatch(/camille|lef[eè]vre|exemple\.fr|56/i);
    expect(shown).toContain('Candidat·e n° 417');
    // A word that merely contains the name is left alone; the other readers read it as written.
    expect(textAsSeenBy({ role: 'RECRUITER' }, anonymous, { ...camille, firstName: 'Jean' }, 'Jeannette et Jean')).toBe('Jeannette et Candidat·e n° 417');
    expect(textAsSeenBy({ role: 'REFERENT' }, anonymous, camille, signed)).toBe(signed);
    expect(textAsSeenBy({ role: 'RECRUITER' }, anonymous, camille, null)).toBeNull();
  });
});

describe('lift_anonymity and mark_contacted in the application rules', () => {
  const parties = { candidateId: 'candidate', companyId: 'company', referentId: 'referent', missionOfficerId: null };
  const recruiter = { id: 'recruiter', role: 'RECRUITER' as const, companyId: 'company' };
  const NOW = Date.parse('2026-12-03T10:00:00Z');
  const offered = (contact: 'HIDDEN' | 'TO_CONTACT' | 'CONTACTED' | null) =>
    applicationRules.allowedActions('PENDING_RECRUITER', recruiter, parties, { interview: null, contact }, NOW).filter((a) => a === 'lift_anonymity' || a === 'mark_contacted');

  it('offers the lift while hidden, then « contacté » while to contact, and neither on an open application', () => {
    expect(offered('HIDDEN')).toEqual(['lift_anonymity']);
    expect(offered('TO_CONTACT')).toEqual(['mark_contacted']);
    expect(offered('CONTACTED')).toEqual([]);
    expect(offered(null)).toEqual([]);
    // Before the company has it (the référent's validation), nobody lifts anything.
    expect(applicationRules.refusalOf({ action: 'lift_anonymity', actor: recruiter, commitment: true, contactNow: true }, 'PENDING_REFERENT_VALIDATION', parties, NOW, { interview: null, contact: 'HIDDEN' })?.code).toBe('ILLEGAL_TRANSITION');
  });

  it('needs the commitment and the choice of when, each under its field', () => {
    const lift = (fields: object) => applicationRules.refusalOf({ action: 'lift_anonymity', actor: recruiter, ...fields }, 'ACCEPTED', parties, NOW, { interview: null, contact: 'HIDDEN' });
    expect(lift({ commitment: true, contactNow: false })).toBeNull();
    expect(lift({ contactNow: false })?.fields?.map((f) => f.field)).toEqual(['commitment']);
    expect(lift({ commitment: 'true', contactNow: false })?.fields?.map((f) => f.field)).toEqual(['commitment']);
    expect(lift({ commitment: true })?.fields?.map((f) => f.field)).toEqual(['contactNow']);
    expect(applicationRules.refusalOf({ action: 'lift_anonymity', actor: { ...recruiter, companyId: 'other' }, commitment: true, contactNow: true }, 'ACCEPTED', parties, NOW, { interview: null, contact: 'HIDDEN' })?.code).toBe('FORBIDDEN');
    expect(applicationRules.nextStatus('lift_anonymity', 'ACCEPTED')).toBe('ACCEPTED');
  });
});
