// Demo data for a first start on an empty database: one verified company with a published offer and
// one account per role, all with DEMO_PASSWORD.
import type { IdealCandidate } from '../workflows/offer-ideal-candidate.js';
import { randomUUID } from 'node:crypto';
import type { InferCreationAttributes, Sequelize } from 'sequelize';
import type { Config } from '../config/env.js';
import type { Logger } from '../config/logger.js';
import { CandidateProfile, Company, Offer, User } from './index.js';
import { seedDemoProfiles } from './seed-profiles.js';
import { hashPassword } from './passwords.js';

export const DEMO_ACCOUNTS = {
  admin: 'admin@demo.test',
  missionOfficer: 'mission@demo.test',
  referent: 'referent@demo.test',
  recruiter: 'recruiter@demo.test',
  candidate: 'candidate@demo.test',
} as const;

export async function seedDemoData(sequelize: Sequelize, config: Pick<Config, 'DEMO_PASSWORD'>, logger: Logger): Promise<boolean> {
  if ((await User.count()) > 0) return false;
  const passwordHash = await hashPassword(config.DEMO_PASSWORD);
  const now = new Date();
  const seeded = await sequelize.transaction(async (transaction) => {
    // Several API replicas may start at once: one seeds, the others see the accounts and stop.
    await sequelize.query('SELECT pg_advisory_xact_lock(7215002)', { transaction });
    if ((await User.count({ transaction })) > 0) return false;
    const company = await Company.create(
      {
        id: randomUUID(),
        siren: '842100000',
        siret: null,
        name: 'Atelier Inclusif (démo)',
        sector: 'Services aux entreprises',
        size: '50-249',
        address: '12 rue de la République',
        postalCode: '69002',
        city: 'Lyon',
        description: '<p>Entreprise de démonstration, engagée pour l’emploi des personnes en situation de handicap.</p>',
        website: null,
        // Its page is published: /entreprises shows it from the first start.
        advantages: ['Accueil et tutorat à la prise de poste', 'Horaires aménageables'],
        pagePublished: true,
        status: 'VERIFIED',
        workflowId: null,
      },
      { transaction },
    );
    const person = (email: string, role: User['role'], firstName: string, lastName: string, extra: Partial<InferCreationAttributes<User>> = {}) =>
      User.create({ id: randomUUID(), email, passwordHash, role, firstName, lastName, ...extra }, { transaction });
    await person(DEMO_ACCOUNTS.admin, 'ADMIN', 'Alice', 'Admin');
    const mission = await person(DEMO_ACCOUNTS.missionOfficer, 'MISSION_OFFICER', 'Mathieu', 'Mission', { jobTitle: 'Chargé de mission' });
    const referent = await person(DEMO_ACCOUNTS.referent, 'REFERENT', 'Rachida', 'Référente', {
      jobTitle: 'Référente handicap',
      missionOfficerId: mission.id,
    });
    const recruiter = await person(DEMO_ACCOUNTS.recruiter, 'RECRUITER', 'Romain', 'Recruteur', {
      companyId: company.id,
      jobTitle: 'Responsable recrutement',
      phone: '04 72 00 00 00',
    });
    await sequelize.query(
      `INSERT INTO company_memberships (id, company_id, user_id, kind, status) VALUES (:id, :companyId, :userId, 'FOUNDER', 'VERIFIED')`,
      { transaction, replacements: { id: randomUUID(), companyId: company.id, userId: recruiter.id } },
    );
    const candidate = await person(DEMO_ACCOUNTS.candidate, 'CANDIDATE', 'Camille', 'Candidate');
    await CandidateProfile.create(
      { userId: candidate.id, referentId: referent.id, rqth: true, headline: 'Assistante administrative', postalCode: '69003', city: 'Lyon', softSkills: ['RIGOUR', 'ORGANISATION', 'COMMUNICATION'] },
      { transaction },
    );
    // The CVthèque's demo profiles (issue #17, item 8).
    await seedDemoProfiles(sequelize, transaction, passwordHash, now);
    const offerId = randomUUID();
    await Offer.create(
      {
        id: offerId,
        companyId: company.id,
        createdBy: recruiter.id,
        title: 'Assistant administratif H/F',
        contractType: 'CDI',
        experience: '1 à 3 ans',
        education: 'Bac+2',
        postalCode: '69002',
        city: 'Lyon',
        departments: ['69'],
        jobFamily: 'Administration',
        job: 'Assistant administratif',
        description: 'Accueil, gestion des courriers et du planning, suivi administratif. Poste aménageable, locaux accessibles.',
        salaryMin: 24000,
        salaryMax: 28000,
        remote: 'PARTIAL',
        // Never about health or disability (the offer form says so): an application goes to a recruiter.
        screeningQuestion: 'Quelle expérience avez-vous de l’accueil du public ou de la tenue d’un planning ?',
        status: 'PUBLISHED',
        publishedAt: now,
        expiresAt: new Date(now.getTime() + 60 * 86_400_000),
      },
      { transaction },
    );
    // Its ideal candidate (issue #18), so that matching can be tried at once on the demo profiles.
    const ideal: Partial<IdealCandidate> = {
      metier: 'M1602',
      experienceYears: 1,
      educationLevel: 5,
      place: { insee: '69123', radiusKm: 20 },
      languages: [{ code: 'fr', level: 'B2' }],
      skills: ['accueil du public', 'pack office', 'gestion de planning'],
      indispensable: ['place'],
    };
    await sequelize.query(`UPDATE offers SET ideal_candidate = CAST(:ideal AS jsonb) WHERE id = :id`, { transaction, replacements: { id: offerId, ideal: JSON.stringify(ideal) } });
    return true;
  });
  if (seeded) logger.info({ accounts: Object.values(DEMO_ACCOUNTS) }, 'demo data created');
  return seeded;
}
