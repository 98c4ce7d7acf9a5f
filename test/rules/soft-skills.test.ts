// The savoir-être vocabulary (workflows/soft-skills.ts; issue #19 item 4, seed 002): France Travail's 14,
// each a stable code, a French label and a one-sentence plain-French definition, all distinct; the
// profile's bound; and the anti-CV's « Savoir-être » section, right after the skills, label — definition.
import { describe, expect, it } from 'vitest';
import { profileBody } from '../../api/profiles/schemas.js';
import { ANTI_CV_EMPTY_PROFILE, antiCvOf, type AntiCvProfile } from '../../workflows/anti-cv.js';
import { SOFT_SKILLS, SOFT_SKILLS_MAX, SOFT_SKILL_DEFINITION, SOFT_SKILL_LABEL, knownSoftSkills, softSkillText, type SoftSkill } from '../../workflows/soft-skills.js';

describe('savoir-être vocabulary', () => {
  it('holds France Travail’s 14, each code, label and definition unique', () => {
    expect(SOFT_SKILLS).toHaveLength(14);
    expect(new Set(SOFT_SKILLS).size).toBe(SOFT_SKILLS.length);
    for (const code of SOFT_SKILLS) expect(code).toMatch(/^[A-Z_]+$/);
    const labels = SOFT_SKILLS.map((c) => SOFT_SKILL_LABEL[c]);
    expect(new Set(labels.map((l) => l.toLocaleLowerCase('fr'))).size).toBe(14);
    expect(labels).toEqual(
      expect.arrayContaining([
        'Autonomie',
        'Capacité d’adaptation',
        'Capacité de décision',
        'Curiosité',
        'Force de proposition',
        'Gestion du stress',
        'Persévérance',
        'Prise de recul',
        'Réactivité',
        'Rigueur',
        'Sens de la communication',
        'Sens de l’organisation',
        'Travail en équipe',
        'Sens des responsabilités',
      ]),
    );
    const definitions = SOFT_SKILLS.map((c) => SOFT_SKILL_DEFINITION[c]);
    expect(new Set(definitions).size).toBe(14);
    // Plain French: one short sentence each (FALC: one idea, everyday words), typographic apostrophes.
    for (const d of definitions) {
      expect(d).toMatch(/^[A-ZÀ-Ÿ].*\.$/);
      expect(d.slice(0, -1)).not.toMatch(/[.!?]/);
      expect(d.length).toBeLessThanOrEqual(120);
      expect(d).not.toContain("'");
    }
    expect(labels.join('')).not.toContain("'");
    expect(SOFT_SKILLS_MAX).toBe(5);
  });

  it('keeps known codes in the vocabulary’s order and says « label — definition »', () => {
    expect(knownSoftSkills(['TEAMWORK', 'NOT_A_CODE', 'AUTONOMY'])).toEqual(['AUTONOMY', 'TEAMWORK']);
    expect(softSkillText('RIGOUR')).toBe(`Rigueur — ${SOFT_SKILL_DEFINITION.RIGOUR}`);
  });

  it('the profile accepts up to 5 distinct known codes; an unknown one, a 6th or a repeat is refused in French', () => {
    const field = profileBody.shape.softSkills;
    expect(field.safeParse(['AUTONOMY', 'RIGOUR', 'TEAMWORK', 'CURIOSITY', 'PERSEVERANCE']).success).toBe(true);
    expect(field.safeParse([]).success).toBe(true);
    const message = (value: unknown) => {
      const result = field.safeParse(value);
      expect(result.success).toBe(false);
      return result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join(' | ');
    };
    expect(message(['AUTONOMY', 'Ponctualité'])).toMatch(/^1: savoir-être inconnu : choisissez dans la liste \(Autonomie, /);
    expect(message(SOFT_SKILLS.slice(0, 6))).toMatch(/5 savoir-être au plus/);
    expect(message(['RIGOUR', 'RIGOUR'])).toMatch(/chaque savoir-être une seule fois/);
    expect(message('RIGOUR')).toMatch(/liste de savoir-être attendue/);
  });
});

describe('the anti-CV’s « Savoir-être » section', () => {
  const profile = (softSkills: SoftSkill[]): AntiCvProfile => ({
    headline: null,
    summary: null,
    metiers: [],
    skills: ['Encaissement'],
    softSkills,
    experiences: [],
    experienceMonths: 0,
    diplomas: [],
    educationLevel: null,
    languages: [],
    drivingLicences: [],
    contractTypes: [],
    workingTimes: [],
    remote: null,
    availableFrom: null,
    places: [],
  });
  const application = { anonymous: true, identitySharedAt: null, candidateNumber: 12, createdAt: '2026-11-30T09:00:00Z', offerTitle: null, companyName: 'Boulangerie du Port', screeningQuestion: null, screeningAnswer: null };
  const candidate = { id: 'c', firstName: 'Inès', lastName: 'Martin', email: 'ines@exemple.fr' };
  const cv = (p: AntiCvProfile) => antiCvOf({ role: 'RECRUITER' }, application, candidate, p, new Date('2026-12-04T12:00:00Z'));

  it('follows the skills, each savoir-être with its definition; none chosen, no section', () => {
    const headings = cv(profile(['STRESS_MANAGEMENT', 'AUTONOMY'])).sections.map((s) => s.heading);
    expect(headings.slice(headings.indexOf('Compétences'), headings.indexOf('Compétences') + 2)).toEqual(['Compétences', 'Savoir-être']);
    expect(cv(profile(['STRESS_MANAGEMENT', 'AUTONOMY'])).sections.find((s) => s.heading === 'Savoir-être')?.lines).toEqual([
      { text: `Autonomie — ${SOFT_SKILL_DEFINITION.AUTONOMY}` },
      { text: `Gestion du stress — ${SOFT_SKILL_DEFINITION.STRESS_MANAGEMENT}` },
    ]);
    expect(cv(profile([])).sections.map((s) => s.heading)).not.toContain('Savoir-être');
  });

  it('a profile with only savoir-être is not said empty; a code the vocabulary dropped is left out', () => {
    const only = { ...profile(['CURIOSITY']), skills: [] };
    const sections = cv(only).sections;
    expect(sections.find((s) => s.heading === 'Savoir-être')?.lines).toHaveLength(1);
    expect(sections.flatMap((s) => s.lines.map((l) => l.text))).not.toContain(ANTI_CV_EMPTY_PROFILE);
    const stale = { ...profile([]), skills: [], softSkills: ['PONCTUALITE'] as unknown as SoftSkill[] };
    expect(cv(stale).sections.map((s) => s.heading)).not.toContain('Savoir-être');
  });
});
