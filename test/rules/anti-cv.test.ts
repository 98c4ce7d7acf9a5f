// The anti-CV's content (workflows/anti-cv.ts, seed 002): skills and wishes first, under the name the
// reader may read (candidate-identity.ts) — a number for the company until the lift — with free text
// cleaned of the candidate's name, and nothing of RQTH or health.
import { describe, expect, it } from 'vitest';
import { SOFT_SKILL_DEFINITION } from '../../workflows/soft-skills.js';
import { ANTI_CV_EMPTY_PROFILE, ANTI_CV_HIDDEN_NOTE, antiCvFileName, antiCvOf, type AntiCv, type AntiCvProfile } from '../../workflows/anti-cv.js';

const camille = { id: '6f1d2c3a-0000-4000-8000-000000000001', firstName: 'Camille', lastName: 'Lefèvre', email: 'camille.lefevre@exemple.fr', phone: '06 12 34 56 78' };
const application = {
  anonymous: true,
  identitySharedAt: null,
  candidateNumber: 417,
  createdAt: '2026-11-30T09:00:00Z',
  offerTitle: 'Vendeur·se en boulangerie H/F',
  companyName: 'Boulangerie du Port',
  screeningQuestion: 'Que retenez-vous de votre dernière expérience ?',
  screeningAnswer: 'Le contact avec les clients. Camille Lefèvre',
};
const lifted = { ...application, identitySharedAt: '2026-12-01T10:00:00Z' };
const profile: AntiCvProfile = {
  headline: 'Vendeuse en boulangerie, Camille',
  summary: 'Souriante et ponctuelle ; Camille aime le travail en équipe.',
  metiers: ['D1106'],
  skills: ['Encaissement', 'Mise en rayon'],
  softSkills: ['TEAMWORK', 'RIGOUR'],
  experiences: [{ title: 'Vendeuse', employer: 'Boulangerie du marché', start: '2021-03', end: '2023-06', description: 'Des clients fidèles.' }],
  experienceMonths: 28,
  diplomas: [{ title: 'CAP Vente', level: 3, year: 2020 }],
  educationLevel: 3,
  languages: [{ code: 'fr', level: 'NATIVE' }, { code: 'en', level: 'B1' }],
  drivingLicences: ['B'],
  contractTypes: ['CDI', 'CDD'],
  workingTimes: ['PART_TIME'],
  remote: 'NONE',
  availableFrom: '2027-03-01',
  places: [{ name: 'Lyon', department: '69', radiusKm: 20 }],
};
const now = new Date('2026-12-04T12:00:00Z');
const recruiter = { role: 'RECRUITER' } as const;

const all = (cv: AntiCv) => [cv.title, cv.headline, cv.context, ...cv.sections.flatMap((s) => [s.heading, ...s.lines.flatMap((l) => [l.label ?? '', l.text])])].join('\n');
const sectionOf = (cv: AntiCv, heading: string) => cv.sections.find((s) => s.heading === heading)?.lines.map((l) => (l.label ? `${l.label} : ${l.text}` : l.text));

describe('anti-CV content', () => {
  it('puts skills and wishes before experience and diplomas, in French', () => {
    const cv = antiCvOf(recruiter, lifted, camille, profile, now);
    expect(cv.sections.map((s) => s.heading)).toEqual([
      'Coordonnées',
      'Métiers recherchés',
      'En quelques mots',
      'Compétences',
      'Savoir-être',
      'Souhaits',
      'Expérience',
      'Formation',
      'Langues',
      'Permis de conduire',
      'Réponse à la question de l’offre',
    ]);
    expect(sectionOf(cv, 'Compétences')).toEqual(['Encaissement', 'Mise en rayon']);
    // Each savoir-être with its definition (seed 002: « cliquez dessus pour en voir la définition »), in the vocabulary's order.
    expect(sectionOf(cv, 'Savoir-être')).toEqual([
      `Rigueur — ${SOFT_SKILL_DEFINITION.RIGOUR}`,
      `Travail en équipe — ${SOFT_SKILL_DEFINITION.TEAMWORK}`,
    ]);
    expect(sectionOf(cv, 'Souhaits')).toEqual([
      'Disponibilité : Disponible à partir du 1 mars 2027',
      'Contrat : CDI, CDD',
      'Temps de travail : Temps partiel',
      'Télétravail : Sur site',
      'Lieux : Lyon (69) et 20 km autour',
    ]);
    expect(sectionOf(cv, 'Expérience')).toEqual(['En tout : 2 ans et 4 mois', 'Vendeuse — Boulangerie du marché (mars 2021 – juin 2023)']);
    expect(sectionOf(cv, 'Formation')).toEqual(['Niveau : CAP, BEP (niveau 3)', 'CAP Vente, 2020']);
    expect(sectionOf(cv, 'Langues')).toEqual(['Français (langue maternelle)', 'Anglais (B1)']);
    expect(sectionOf(cv, 'Permis de conduire')).toEqual(['Permis B (voiture)']);
    expect(sectionOf(cv, 'Métiers recherchés')).toEqual(['Vente en alimentation']);
    expect(cv.context).toBe('Candidature à l’offre « Vendeur·se en boulangerie H/F » du 30 novembre 2026 — Boulangerie du Port');
  });

  it('names the company’s reader « Candidat·e n° 417 » until the lift, with no name, e-mail or phone anywhere', () => {
    const cv = antiCvOf(recruiter, application, camille, profile, now);
    expect(cv).toMatchObject({ title: 'Candidat·e n° 417', hidden: true, number: 417 });
    expect(sectionOf(cv, 'Anonymat')).toEqual([ANTI_CV_HIDDEN_NOTE]);
    expect(sectionOf(cv, 'Coordonnées')).toBeUndefined();
    const text = all(cv);
    for (const word of ['Camille', 'Lefèvre', camille.email, '06 12 34 56 78']) expect(text).not.toContain(word);
    // The candidate's own words keep their sense, signed with the number.
    expect(cv.headline).toBe('Vendeuse en boulangerie, Candidat·e n° 417');
    expect(sectionOf(cv, 'Réponse à la question de l’offre')).toEqual(['Que retenez-vous de votre dernière expérience ? : Le contact avec les clients. Candidat·e n° 417']);
    expect(antiCvFileName(cv, (t) => t.toLowerCase())).toBe('anti-cv-candidat-417.pdf');
  });

  it('names the candidate, with their e-mail and phone, after the lift and to their own side', () => {
    for (const [reader, app] of [[recruiter, lifted], [{ role: 'CANDIDATE' }, application], [{ role: 'REFERENT' }, application]] as const) {
      const cv = antiCvOf(reader, app, camille, profile, now);
      expect(cv).toMatchObject({ title: 'Camille Lefèvre', hidden: false });
      expect(sectionOf(cv, 'Coordonnées')).toEqual([`E-mail : ${camille.email}`, 'Téléphone : 06 12 34 56 78']);
      expect(sectionOf(cv, 'Anonymat')).toBeUndefined();
      expect(antiCvFileName(cv, (t) => t.toLowerCase().replace(/\s+/g, '-'))).toBe('anti-cv-camille-lefèvre.pdf');
    }
    // An application made openly: the name at once.
    expect(antiCvOf(recruiter, { ...application, anonymous: false }, camille, profile, now).title).toBe('Camille Lefèvre');
  });

  it('says « disponible immédiatement » for no date or a date passed, and a first job for no experience', () => {
    const fresh = { ...profile, availableFrom: '2026-12-04', experiences: [], experienceMonths: 0 };
    const cv = antiCvOf(recruiter, lifted, camille, fresh, now);
    expect(sectionOf(cv, 'Souhaits')?.[0]).toBe('Disponibilité : Disponible immédiatement');
    expect(sectionOf(cv, 'Expérience')).toEqual(['En tout : Pas encore d’expérience : un premier emploi']);
    expect(sectionOf(antiCvOf(recruiter, lifted, camille, { ...profile, availableFrom: null }, now), 'Souhaits')?.[0]).toBe('Disponibilité : Disponible immédiatement');
  });

  it('says so when the profile is empty or missing, and leaves out the answer of a spontaneous application', () => {
    const empty: AntiCvProfile = { ...profile, headline: null, summary: null, metiers: [], skills: [], softSkills: [], experiences: [], experienceMonths: 0, diplomas: [], educationLevel: null, languages: [], drivingLicences: [], contractTypes: [], workingTimes: [], remote: null, availableFrom: null, places: [] };
    const spontaneous = { ...application, offerTitle: null, screeningQuestion: null, screeningAnswer: null };
    for (const p of [empty, null]) {
      const cv = antiCvOf(recruiter, spontaneous, camille, p, now);
      expect(sectionOf(cv, 'Profil')).toEqual([ANTI_CV_EMPTY_PROFILE]);
      expect(cv.headline).toBeNull();
      expect(cv.context).toBe('Candidature spontanée du 30 novembre 2026 — Boulangerie du Port');
      expect(sectionOf(cv, 'Réponse à la question de l’offre')).toBeUndefined();
    }
  });

  it('holds no RQTH nor health data, even when the caller’s profile object carries them', () => {
    const withHealth = { ...profile, rqth: true, accommodationNeeds: 'Poste assis, pauses régulières' } as AntiCvProfile;
    const text = all(antiCvOf({ role: 'ADMIN' }, lifted, camille, withHealth, now));
    expect(text).not.toMatch(/RQTH|handicap|Poste assis|aménagement/i);
  });
});
