// Matching's scoring (workflows/matching.ts, issue #18 item 2): every criterion against every result it
// can give, with its French sentence; the score's arithmetic (weights, credits, rounding); the
// indispensable criteria's rule the SQL pre-filter follows.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MATCH_CRITERIA, MATCH_RESULTS, SILENT_PROFILE, type MatchCriteria, type MatchCriterion, type MatchProfile, type MatchResult } from '../../workflows/matching-criteria.js';
import {
  educationApproximateLevel,
  experienceThresholds,
  INDISPENSABLE_PASSES,
  MATCH_CREDIT,
  MATCH_DEFAULT_MIN_SCORE,
  MATCH_OUTCOMES,
  MATCH_WEIGHTS,
  matchScore,
  meetsIndispensable,
  placeThresholds,
  rateCriterion,
  scoreMatch,
} from '../../workflows/matching.js';
import { familyOf } from '../../workflows/metiers.js';

const EMPTY: MatchProfile = SILENT_PROFILE;
const profile = (p: Partial<MatchProfile>): MatchProfile => ({ ...EMPTY, ...p });
const lyon = (distanceKm: number, candidateRadiusKm = 10, approximate = false) => ({ place: { distanceKm, candidateRadiusKm, approximate, name: 'Lyon (69)' } });

// Real ROME codes: M1204 Contrôle de gestion and M1203 Comptabilité share the family M12
// (Comptabilité et gestion); D1101 Boucherie is of D11.
const CONTROLE = 'M1204';
const COMPTA = 'M1203';
const BOUCHERIE = 'D1101';

type Case = [MatchCriterion, MatchCriteria, Partial<MatchProfile>, MatchResult, string];

/** Every criterion × every result it can give, with the sentence the recruiter reads. */
const CASES: Case[] = [
  ['metier', { metier: CONTROLE }, { metiers: [COMPTA, CONTROLE] }, 'FOUND', 'Métier : Contrôle de gestion demandé — trouvé dans le profil'],
  ['metier', { metier: 'm1204' }, { metiers: [BOUCHERIE, COMPTA] }, 'APPROXIMATE', 'Métier : Contrôle de gestion demandé, Comptabilité trouvé (même famille : Comptabilité et gestion) — approximatif'],
  ['metier', { metier: CONTROLE }, {}, 'NOT_SPECIFIED', 'Métier : Contrôle de gestion demandé — non précisé dans le profil'],
  ['metier', { metier: CONTROLE }, { metiers: [BOUCHERIE] }, 'NOT_FOUND', 'Métier : Contrôle de gestion demandé, Boucherie dans le profil — non trouvé'],

  ['experience', { experienceYears: 3 }, { experienceMonths: 36 }, 'FOUND', 'Expérience : 3 ans demandés, 3 ans trouvés — trouvé dans le profil'],
  ['experience', { experienceYears: 3 }, { experienceMonths: 24 }, 'APPROXIMATE', 'Expérience : 3 ans demandés, 2 ans trouvés — approximatif'],
  ['experience', { experienceYears: 2 }, { experienceMonths: 13 }, 'APPROXIMATE', 'Expérience : 2 ans demandés, 1 an et 1 mois trouvés — approximatif'],
  ['experience', { experienceYears: 1 }, { experienceMonths: 6 }, 'APPROXIMATE', 'Expérience : 1 an demandé, 6 mois trouvés — approximatif'],
  ['experience', { experienceYears: 3 }, { experienceMonths: 17 }, 'NOT_FOUND', 'Expérience : 3 ans demandés, 1 an et 5 mois dans le profil — non trouvé'],
  ['experience', { experienceYears: 2 }, { experienceMonths: 8 }, 'NOT_FOUND', 'Expérience : 2 ans demandés, 8 mois dans le profil — non trouvé'],
  ['experience', { experienceYears: 1 }, { experienceMonths: 0 }, 'NOT_FOUND', 'Expérience : 1 an demandé, aucune expérience dans le profil — non trouvé'],

  ['education', { educationLevel: 5 }, { educationLevel: 7 }, 'FOUND', 'Niveau de diplôme : Bac + 2 (niveau 5) demandé, Bac + 5 (niveau 7) trouvé — trouvé dans le profil'],
  ['education', { educationLevel: 5 }, { educationLevel: 4 }, 'APPROXIMATE', 'Niveau de diplôme : Bac + 2 (niveau 5) demandé, Baccalauréat (niveau 4) trouvé — approximatif'],
  ['education', { educationLevel: 6 }, {}, 'NOT_SPECIFIED', 'Niveau de diplôme : Bac + 3 ou 4 (niveau 6) demandé — non précisé dans le profil'],
  ['education', { educationLevel: 5 }, { educationLevel: 3 }, 'NOT_FOUND', 'Niveau de diplôme : Bac + 2 (niveau 5) demandé, CAP, BEP (niveau 3) dans le profil — non trouvé'],
  ['education', { educationLevel: 3 }, { educationLevel: 0 }, 'NOT_FOUND', 'Niveau de diplôme : CAP, BEP (niveau 3) demandé, Sans diplôme dans le profil — non trouvé'],

  ['contractType', { contractTypes: ['CDI', 'CDD'] }, { contractTypes: ['INTERIM', 'CDD'] }, 'FOUND', 'Type de contrat : CDI ou CDD demandé, CDD trouvé — trouvé dans le profil'],
  ['contractType', { contractTypes: ['CDI'] }, {}, 'NOT_SPECIFIED', 'Type de contrat : CDI demandé — non précisé dans le profil'],
  ['contractType', { contractTypes: ['CDI'] }, { contractTypes: ['INTERIM', 'STAGE'] }, 'NOT_FOUND', 'Type de contrat : CDI demandé, Intérim et Stage dans le profil — non trouvé'],

  ['workingTime', { workingTimes: ['FULL_TIME'] }, { workingTimes: ['FULL_TIME', 'PART_TIME'] }, 'FOUND', 'Temps de travail : Temps plein demandé, Temps plein trouvé — trouvé dans le profil'],
  ['workingTime', { workingTimes: ['FULL_TIME'] }, {}, 'NOT_SPECIFIED', 'Temps de travail : Temps plein demandé — non précisé dans le profil'],
  ['workingTime', { workingTimes: ['FULL_TIME'] }, { workingTimes: ['PART_TIME'] }, 'NOT_FOUND', 'Temps de travail : Temps plein demandé, Temps partiel dans le profil — non trouvé'],

  // Reach: 20 asked + 10 the candidate's = 30 km; approximate to 60 km.
  ['place', { place: { insee: '69123', radiusKm: 20 } }, lyon(30), 'FOUND', 'Lieu : Lyon (69), à 30 km — trouvé dans le profil'],
  ['place', { place: { insee: '69123', radiusKm: 20 } }, lyon(0.3), 'FOUND', 'Lieu : Lyon (69), à moins d’un kilomètre — trouvé dans le profil'],
  ['place', { place: { insee: '69123', radiusKm: 20 } }, lyon(45.6, 10, true), 'APPROXIMATE', 'Lieu : Lyon (69), à 46 km — approximatif (position approximative)'],
  ['place', { place: { insee: '69123', radiusKm: 0 } }, lyon(8, 0), 'APPROXIMATE', 'Lieu : Lyon (69), à 8 km — approximatif'],
  ['place', { place: { insee: '69123', radiusKm: 20 } }, {}, 'NOT_SPECIFIED', 'Lieu : dans un rayon de 20 km — non précisé dans le profil'],
  ['place', { place: { insee: '69123', radiusKm: 20 } }, lyon(61), 'NOT_FOUND', 'Lieu : Lyon (69), à 61 km — non trouvé'],

  ['remote', { remote: 'PARTIAL' }, { remote: 'PARTIAL' }, 'FOUND', 'Télétravail : Télétravail partiel demandé, Télétravail partiel souhaité — trouvé dans le profil'],
  ['remote', { remote: 'NONE' }, { remote: 'PARTIAL' }, 'APPROXIMATE', 'Télétravail : Sur site demandé, Télétravail partiel souhaité — approximatif'],
  ['remote', { remote: 'PARTIAL' }, { remote: 'FULL' }, 'APPROXIMATE', 'Télétravail : Télétravail partiel demandé, Télétravail complet souhaité — approximatif'],
  ['remote', { remote: 'FULL' }, {}, 'NOT_SPECIFIED', 'Télétravail : Télétravail complet demandé — non précisé dans le profil'],
  ['remote', { remote: 'FULL' }, { remote: 'NONE' }, 'NOT_FOUND', 'Télétravail : Télétravail complet demandé, Sur site dans le profil — non trouvé'],

  ['drivingLicence', { drivingLicences: ['B'] }, { drivingLicences: ['A', 'B'] }, 'FOUND', 'Permis de conduire : Permis B (voiture) demandé, Permis B (voiture) trouvé — trouvé dans le profil'],
  ['drivingLicence', { drivingLicences: ['B', 'C'] }, { drivingLicences: ['B'] }, 'APPROXIMATE', 'Permis de conduire : Permis B (voiture) et Permis C (poids lourd) demandés, Permis B (voiture) trouvé — approximatif'],
  ['drivingLicence', { drivingLicences: ['B'] }, {}, 'NOT_SPECIFIED', 'Permis de conduire : Permis B (voiture) demandé — non précisé dans le profil'],
  ['drivingLicence', { drivingLicences: ['C'] }, { drivingLicences: ['B'] }, 'NOT_FOUND', 'Permis de conduire : Permis C (poids lourd) demandé, Permis B (voiture) dans le profil — non trouvé'],

  ['language', { languages: [{ code: 'en', level: 'B2' }] }, { languages: [{ code: 'fr', level: 'NATIVE' }, { code: 'en', level: 'C1' }] }, 'FOUND', 'Langues : Anglais (B2) demandé, Anglais (C1) trouvé — trouvé dans le profil'],
  ['language', { languages: [{ code: 'en', level: 'C2' }] }, { languages: [{ code: 'en', level: 'NATIVE' }] }, 'FOUND', 'Langues : Anglais (C2) demandé, Anglais (langue maternelle) trouvé — trouvé dans le profil'],
  ['language', { languages: [{ code: 'en', level: 'B2' }] }, { languages: [{ code: 'en', level: 'A2' }] }, 'APPROXIMATE', 'Langues : Anglais (B2) demandé, Anglais (A2) trouvé — approximatif'],
  ['language', { languages: [{ code: 'en', level: 'B1' }, { code: 'es', level: 'B1' }] }, { languages: [{ code: 'es', level: 'C1' }] }, 'APPROXIMATE', 'Langues : Anglais (B1) et Espagnol (B1) demandés, Espagnol (C1) trouvé — approximatif'],
  ['language', { languages: [{ code: 'fsl', level: 'B1' }] }, {}, 'NOT_SPECIFIED', 'Langues : Langue des signes française (LSF) (B1) demandé — non précisé dans le profil'],
  ['language', { languages: [{ code: 'de', level: 'A2' }] }, { languages: [{ code: 'fr', level: 'NATIVE' }] }, 'NOT_FOUND', 'Langues : Allemand (A2) demandé, Français (langue maternelle) dans le profil — non trouvé'],

  ['skills', { skills: ['Excel', 'paie'] }, { skills: ['paie', 'EXCEL', 'Sage'] }, 'FOUND', 'Compétences : 2 sur 2 : Excel, paie — trouvé dans le profil'],
  ['skills', { skills: ['excel', 'paie', 'Sage'] }, { skills: ['Excel', 'Paie'] }, 'APPROXIMATE', 'Compétences : 2 sur 3 : excel, paie — approximatif'],
  ['skills', { skills: ['Comptabilité  analytique', 'Œnologie'] }, { skills: ['comptabilite analytique', 'oenologie'] }, 'FOUND', 'Compétences : 2 sur 2 : Comptabilité analytique, Œnologie — trouvé dans le profil'],
  ['skills', { skills: ['Excel', 'paie'] }, {}, 'NOT_SPECIFIED', 'Compétences : Excel et paie demandées — non précisé dans le profil'],
  ['skills', { skills: ['Excel'] }, { skills: ['Excel avancé', 'Word'] }, 'NOT_FOUND', 'Compétences : 0 sur 1 — non trouvé'],
];

describe('each criterion', () => {
  it.each(CASES)('%s: %j against %j is %s', (criterion, criteria, p, result, detail) => {
    expect(rateCriterion(criterion, criteria, profile(p))).toEqual({ criterion, result, detail, indispensable: false });
  });

  it('the table covers every criterion × every result it can give, and no other', () => {
    const covered = new Set(CASES.map(([c, , , r]) => `${c} ${r}`));
    const outcomes = MATCH_CRITERIA.flatMap((c) => MATCH_OUTCOMES[c].map((r) => `${c} ${r}`));
    expect([...covered].sort()).toEqual(outcomes.sort());
  });

  it('experience is never « not specified », a contract never half found', () => {
    // Experience is never « not specified »: 0 months is an answer.
    expect(rateCriterion('experience', { experienceYears: 1 }, EMPTY)!.result).toBe('NOT_FOUND');
    // Contract and working time: one asked and found is enough, there is no half.
    expect(rateCriterion('contractType', { contractTypes: ['CDI', 'CDD'] }, profile({ contractTypes: ['CDI'] }))!.result).toBe('FOUND');
  });

  it('uses the real families: M1204 and M1203 share one, D1101 is of another', () => {
    expect(familyOf(CONTROLE)).toBe(familyOf(COMPTA));
    expect(familyOf(BOUCHERIE)).not.toBe(familyOf(CONTROLE));
  });

  it.each<[MatchCriterion, MatchCriteria]>([
    ['metier', { metier: null }],
    ['metier', { metier: '  ' }],
    ['experience', { experienceYears: null }],
    ['experience', { experienceYears: 0 }],
    ['education', {}],
    ['education', { educationLevel: 0 }],
    ['contractType', { contractTypes: [] }],
    ['workingTime', {}],
    ['place', { place: null }],
    ['remote', { remote: null }],
    ['drivingLicence', { drivingLicences: [] }],
    ['language', { languages: [] }],
    ['skills', { skills: ['  ', ''] }],
  ])('%s is not rated when not asked: %j', (criterion, criteria) => {
    const full = profile({ metiers: [CONTROLE], experienceMonths: 120, educationLevel: 8, contractTypes: ['CDI'], workingTimes: ['FULL_TIME'], remote: 'NONE', ...lyon(0), drivingLicences: ['B'], languages: [{ code: 'fr', level: 'NATIVE' }], skills: ['paie'] });
    expect(rateCriterion(criterion, criteria, full)).toBeNull();
    expect(rateCriterion(criterion, criteria, EMPTY)).toBeNull();
  });

  it('marks the indispensable criteria', () => {
    const match = scoreMatch({ metier: CONTROLE, skills: ['paie'], indispensable: ['skills'] }, EMPTY);
    expect(match.criteria.map((m) => [m.criterion, m.indispensable])).toEqual([
      ['metier', false],
      ['skills', true],
    ]);
  });
});

describe('the thresholds the pre-filter shares', () => {
  it('experience: the months asked, then half (rounded up)', () => {
    expect(experienceThresholds(3)).toEqual({ found: 36, approximate: 18 });
    expect(experienceThresholds(1.5)).toEqual({ found: 18, approximate: 9 });
    expect(rateCriterion('experience', { experienceYears: 3 }, profile({ experienceMonths: 35 }))!.result).toBe('APPROXIMATE');
    expect(rateCriterion('experience', { experienceYears: 3 }, profile({ experienceMonths: 18 }))!.result).toBe('APPROXIMATE');
  });

  it('education: the level just below, none below CAP', () => {
    expect(educationApproximateLevel(5)).toBe(4);
    expect(educationApproximateLevel(4)).toBe(3);
    expect(educationApproximateLevel(3)).toBeNull();
    expect(educationApproximateLevel(0)).toBeNull();
  });

  it('place: both radii, then the reach again or 10 km at least', () => {
    expect(placeThresholds(20, 10)).toEqual({ found: 30, approximate: 60 });
    expect(placeThresholds(0, 0)).toEqual({ found: 0, approximate: 10 });
    expect(placeThresholds(3, 0)).toEqual({ found: 3, approximate: 13 });
    expect(rateCriterion('place', { place: { insee: '69123', radiusKm: 20 } }, profile(lyon(60)))!.result).toBe('APPROXIMATE');
  });
});

describe('the score', () => {
  const W = MATCH_WEIGHTS;
  const rated = (...pairs: [MatchCriterion, MatchResult][]) => pairs.map(([criterion, result]) => ({ criterion, result }));

  it('weighs every criterion, the métier and experience most, out of 100', () => {
    expect(Object.keys(W).sort()).toEqual([...MATCH_CRITERIA].sort());
    expect(Object.values(W).reduce((a, b) => a + b)).toBe(100);
    const heaviest = Object.entries(W).sort(([, a], [, b]) => b - a).slice(0, 2).map(([c]) => c);
    expect(heaviest).toEqual(['metier', 'experience']);
    expect(MATCH_CREDIT).toEqual({ FOUND: 1, APPROXIMATE: 0.5, NOT_SPECIFIED: 0.25, NOT_FOUND: 0 });
  });

  it('is 100 when nothing is asked, whatever the profile', () => {
    expect(scoreMatch({}, EMPTY)).toEqual({ score: 100, criteria: [] });
    expect(scoreMatch({ contractTypes: [], skills: [], indispensable: ['skills'] }, profile({ skills: ['paie'] })).score).toBe(100);
  });

  it('is 0 when every criterion asked is not found, 100 when every one is found', () => {
    expect(matchScore(MATCH_CRITERIA.map((c) => ({ criterion: c, result: 'NOT_FOUND' as const })))).toBe(0);
    expect(matchScore(MATCH_CRITERIA.map((c) => ({ criterion: c, result: 'FOUND' as const })))).toBe(100);
    expect(matchScore(MATCH_CRITERIA.map((c) => ({ criterion: c, result: 'APPROXIMATE' as const })))).toBe(50);
    expect(matchScore(MATCH_CRITERIA.map((c) => ({ criterion: c, result: 'NOT_SPECIFIED' as const })))).toBe(25);
  });

  it.each<[string, { criterion: MatchCriterion; result: MatchResult }[], number]>([
    // 25 / 40 = 62.5: half rounds up.
    ['métier found, place not found', rated(['metier', 'FOUND'], ['place', 'NOT_FOUND']), 63],
    // 15 / 40 = 37.5.
    ['métier not found, place found', rated(['metier', 'NOT_FOUND'], ['place', 'FOUND']), 38],
    // 20 / 28 = 71.43.
    ['experience found, education not found', rated(['experience', 'FOUND'], ['education', 'NOT_FOUND']), 71],
    // (25 + 10 + 3 + 0) / 72 = 52.78.
    ['a mix', rated(['metier', 'FOUND'], ['experience', 'APPROXIMATE'], ['skills', 'NOT_SPECIFIED'], ['place', 'NOT_FOUND']), 53],
    // The same weight alone: only the credit counts.
    ['remote alone, approximate', rated(['remote', 'APPROXIMATE']), 50],
  ])('%s → %i', (_name, criteria, score) => {
    const total = criteria.reduce((s, c) => s + W[c.criterion], 0);
    const earned = criteria.reduce((s, c) => s + W[c.criterion] * MATCH_CREDIT[c.result], 0);
    expect(Math.round((100 * earned) / total)).toBe(score);
    expect(matchScore(criteria)).toBe(score);
  });

  it('scores a whole profile, criteria in the contract’s order (seed 004’s controller of management)', () => {
    const match = scoreMatch(
      { place: { insee: '63113', radiusKm: 10 }, contractTypes: ['CDI'], experienceYears: 3, metier: CONTROLE, workingTimes: ['FULL_TIME'] },
      profile({ metiers: [COMPTA], experienceMonths: 24, contractTypes: ['CDI'], workingTimes: ['FULL_TIME'], place: { distanceKm: 140, candidateRadiusKm: 0, approximate: false, name: 'Lyon (69)' } }),
    );
    expect(match.criteria.map((m) => `${m.criterion} ${m.result}`)).toEqual(['metier APPROXIMATE', 'experience APPROXIMATE', 'contractType FOUND', 'workingTime FOUND', 'place NOT_FOUND']);
    // (12.5 + 10 + 6 + 4 + 0) / 70 = 46.43
    expect(match.score).toBe(46);
    expect(match.score).toBeLessThan(MATCH_DEFAULT_MIN_SCORE);
  });

  it('stays within 0–100 and never falls when a result improves', () => {
    const better: Record<MatchResult, MatchResult | null> = { NOT_FOUND: 'NOT_SPECIFIED', NOT_SPECIFIED: 'APPROXIMATE', APPROXIMATE: 'FOUND', FOUND: null };
    const anyRated = fc.uniqueArray(fc.record({ criterion: fc.constantFrom(...MATCH_CRITERIA), result: fc.constantFrom(...MATCH_RESULTS) }), { selector: (r) => r.criterion, minLength: 1 });
    fc.assert(
      fc.property(anyRated, fc.nat(), (list, at) => {
        const score = matchScore(list);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
        const i = at % list.length;
        const up = better[list[i]!.result];
        if (up) expect(matchScore(list.map((r, j) => (j === i ? { ...r, result: up } : r)))).toBeGreaterThanOrEqual(score);
      }),
    );
  });
});

describe('indispensable criteria', () => {
  it('pass when found or approximate, not when not specified or not found', () => {
    expect(INDISPENSABLE_PASSES).toEqual(['FOUND', 'APPROXIMATE']);
  });

  it.each<[MatchResult, Partial<MatchProfile>, boolean]>([
    ['FOUND', { experienceMonths: 40 }, true],
    ['APPROXIMATE', { experienceMonths: 20 }, true],
    ['NOT_FOUND', { experienceMonths: 10 }, false],
  ])('experience %s → %s', (result, p, passes) => {
    const match = scoreMatch({ experienceYears: 3, skills: ['paie'], indispensable: ['experience'] }, profile(p));
    expect(match.criteria[0]).toMatchObject({ criterion: 'experience', result, indispensable: true });
    expect(meetsIndispensable(match)).toBe(passes);
  });

  it('not specified fails an indispensable criterion, and only an indispensable one', () => {
    const criteria: MatchCriteria = { contractTypes: ['CDI'], skills: ['paie'] };
    expect(meetsIndispensable(scoreMatch({ ...criteria, indispensable: ['contractType'] }, profile({ skills: ['paie'] })))).toBe(false);
    expect(meetsIndispensable(scoreMatch(criteria, profile({ skills: ['paie'] })))).toBe(true);
    // A criterion not found but not indispensable lowers the score and hides nothing.
    expect(meetsIndispensable(scoreMatch({ ...criteria, indispensable: ['skills'] }, profile({ skills: ['paie'], contractTypes: ['STAGE'] })))).toBe(true);
  });

  it('ignores an indispensable criterion that was not asked', () => {
    expect(meetsIndispensable(scoreMatch({ indispensable: ['metier', 'place'] }, EMPTY))).toBe(true);
  });

  it('fails exactly when some indispensable criterion is neither found nor approximate', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ criterion: fc.constantFrom(...MATCH_CRITERIA), result: fc.constantFrom(...MATCH_RESULTS), indispensable: fc.boolean(), detail: fc.constant('') })), (criteria) => {
        const blocked = criteria.some((c) => c.indispensable && (c.result === 'NOT_SPECIFIED' || c.result === 'NOT_FOUND'));
        expect(meetsIndispensable({ score: 0, criteria })).toBe(!blocked);
      }),
    );
  });
});
