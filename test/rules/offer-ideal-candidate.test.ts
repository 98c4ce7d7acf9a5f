// The offer's ideal candidate as matching reads it (workflows/offer-ideal-candidate.ts): one shape
// whatever was stored, the offer's own contract type and remote mode, indispensable flags only on
// criteria asked; and the skills' deduplication the API applies.
import { describe, expect, it } from 'vitest';
import { idealCandidateBody } from '../../api/offers/ideal-candidate.js';
import { askedCriteria, distinctSkills, idealCandidateOf, offerMatchCriteria } from '../../workflows/offer-ideal-candidate.js';

describe('offerMatchCriteria', () => {
  it('reads an offer row: its ideal candidate, its contract type and remote mode', () => {
    const criteria = offerMatchCriteria({
      contract_type: 'ALTERNANCE',
      remote: 'FULL',
      ideal_candidate: { skills: ['Caisse'], metier: 'D1106', place: { radiusKm: 15, insee: '69123' }, indispensable: ['skills', 'remote'], languages: [{ level: 'B1', code: 'es' }] },
    });
    expect(criteria).toEqual({
      metier: 'D1106',
      experienceYears: null,
      educationLevel: null,
      contractTypes: ['ALTERNANCE'],
      workingTimes: [],
      place: { insee: '69123', radiusKm: 15 },
      remote: 'FULL',
      drivingLicences: [],
      languages: [{ code: 'es', level: 'B1' }],
      skills: ['Caisse'],
      indispensable: ['skills', 'remote'],
    });
  });

  it('reads the API’s names too, and an offer written before 0031 (`{}`) as nothing asked but its contract and remote mode', () => {
    expect(offerMatchCriteria({ idealCandidate: {}, contractType: 'CDI', remote: 'NONE' })).toMatchObject({
      metier: null,
      place: null,
      skills: [],
      contractTypes: ['CDI'],
      remote: 'NONE',
      indispensable: [],
    });
  });

  it('drops an indispensable flag on a criterion no longer asked (a stored value is never trusted blindly)', () => {
    const criteria = offerMatchCriteria({ contract_type: 'CDI', remote: 'NONE', ideal_candidate: { experienceYears: 2, indispensable: ['metier', 'experience', 'contractType'] } });
    expect(criteria.indispensable).toEqual(['experience', 'contractType']);
  });

  it('gives copies: changing the criteria does not change the offer read', () => {
    const stored = idealCandidateOf({ skills: ['Caisse'], languages: [{ code: 'en', level: 'A2' }] });
    const criteria = offerMatchCriteria({ idealCandidate: stored, contractType: 'CDI', remote: 'NONE' });
    criteria.skills!.push('Vente');
    criteria.languages![0]!.level = 'C2';
    expect(stored).toMatchObject({ skills: ['Caisse'], languages: [{ code: 'en', level: 'A2' }] });
  });
});

describe('ideal candidate rules', () => {
  it('keeps the first spelling of each skill, case, accents and spaces ignored', () => {
    expect(distinctSkills([' Caisse ', 'caisse', 'Accueil  client', 'ACCUEIL CLIÉNT', '', 'Étiquetage', 'etiquetage'])).toEqual(['Caisse', 'Accueil client', 'Étiquetage']);
  });

  it('counts contract type and remote work as always asked', () => {
    expect(askedCriteria(idealCandidateOf({}))).toEqual(['contractType', 'remote']);
    expect(askedCriteria(idealCandidateOf({ educationLevel: 0, drivingLicences: ['B'] }))).toEqual(['education', 'drivingLicence', 'contractType', 'remote']);
  });

  it('parses a body into the stored shape, and refuses an indispensable criterion not asked', () => {
    const parsed = idealCandidateBody.parse({ metier: 'm1805', skills: ['SQL', 'sql'], indispensable: ['metier'] });
    expect(parsed).toEqual({ ...idealCandidateOf({}), metier: 'M1805', skills: ['SQL'], indispensable: ['metier'] });
    const refused = idealCandidateBody.safeParse({ indispensable: ['language', 'remote'] });
    expect(refused.error?.issues).toEqual([expect.objectContaining({ path: ['indispensable'], message: expect.stringMatching(/Langues/) })]);
    // No education level (0) is an answer, not « not asked ».
    expect(idealCandidateBody.safeParse({ educationLevel: 0, indispensable: ['education'] }).success).toBe(true);
  });
});
