// Anti-CVs (issue #19, item 4; seed 002): one application's, for whoever reads that application (the
// company once it was sent to it, the candidate, their référent and mission officer, admins), and the
// short list's — every favourite application of an offer in one PDF, oldest application first — for
// the offer's insiders (its company's recruiters, admins). What each says, and under which name, is
// workflows/anti-cv.ts; the profile is read here without its RQTH.
import { QueryTypes, type Sequelize } from 'sequelize';
import type { User } from '../../models/index.js';
import { antiCvFileName, antiCvOf, type AntiCvProfile } from '../../workflows/anti-cv.js';
import { anonymityOfRow } from '../../workflows/candidate-identity.js';
import { visibility } from '../applications/service.js';
import { HttpError, notFound } from '../errors.js';
import { insiderOffer, slugOf } from '../exports/service.js';
import { antiCvPdf } from './pdf.js';

interface ApplicationRow {
  id: string;
  created_at: Date;
  anonymous: boolean | null;
  identity_shared_at: Date | null;
  candidate_number: number;
  screening_answer: string | null;
  screening_question: string | null;
  offer_title: string | null;
  company_name: string;
  candidate_id: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
}

const SELECT_APPLICATIONS = `
  SELECT a.id, a.created_at, a.anonymous, a.identity_shared_at, a.candidate_number, a.screening_answer,
         o.screening_question, o.title AS offer_title, c.name AS company_name,
         a.candidate_id, cu.first_name, cu.last_name, cu.email, cu.phone
  FROM applications a
  JOIN companies c ON c.id = a.company_id
  JOIN users cu ON cu.id = a.candidate_id
  LEFT JOIN offers o ON o.id = a.offer_id`;

/** The profiles of these candidates as the anti-CV reads them: never the RQTH nor its consent. */
async function profilesOf(sequelize: Sequelize, candidateIds: string[]): Promise<Map<string, AntiCvProfile>> {
  const [profiles, places] = await Promise.all([
    sequelize.query<Record<string, any>>(
      `SELECT user_id, headline, summary, metiers, skills, soft_skills, experiences, experience_months, diplomas, education_level, languages,
              driving_licences, contract_types, working_times, remote, to_char(available_from, 'YYYY-MM-DD') AS available_from
         FROM candidate_profiles WHERE user_id IN (:candidateIds)`,
      { type: QueryTypes.SELECT, replacements: { candidateIds } },
    ),
    sequelize.query<{ candidate_id: string; name: string; department: string; radius_km: number }>(
      `SELECT cp.candidate_id, c.name, c.department, cp.radius_km FROM candidate_places cp JOIN communes c ON c.insee = cp.insee
        WHERE cp.candidate_id IN (:candidateIds) ORDER BY c.name, c.insee`,
      { type: QueryTypes.SELECT, replacements: { candidateIds } },
    ),
  ]);
  return new Map(
    profiles.map((p) => [
      p.user_id as string,
      {
        headline: p.headline,
        summary: p.summary,
        metiers: p.metiers ?? [],
        skills: p.skills ?? [],
        softSkills: p.soft_skills ?? [],
        experiences: p.experiences ?? [],
        experienceMonths: Number(p.experience_months ?? 0),
        diplomas: p.diplomas ?? [],
        educationLevel: p.education_level,
        languages: p.languages ?? [],
        drivingLicences: p.driving_licences ?? [],
        contractTypes: p.contract_types ?? [],
        workingTimes: p.working_times ?? [],
        remote: p.remote,
        availableFrom: p.available_from,
        places: places.filter((pl) => pl.candidate_id === p.user_id).map((pl) => ({ name: pl.name, department: pl.department, radiusKm: Number(pl.radius_km) })),
      },
    ]),
  );
}

export function antiCvService({ sequelize }: { sequelize: Sequelize }) {
  /** The anti-CVs of these applications (in their order) as `user` reads them. */
  async function antiCvsOf(user: User, rows: ApplicationRow[]) {
    const profiles = await profilesOf(sequelize, [...new Set(rows.map((r) => r.candidate_id))]);
    const now = new Date();
    return rows.map((row) =>
      antiCvOf(
        user,
        {
          ...anonymityOfRow(row),
          createdAt: row.created_at,
          offerTitle: row.offer_title,
          companyName: row.company_name,
          screeningQuestion: row.screening_question,
          screeningAnswer: row.screening_answer,
        },
        { id: row.candidate_id, firstName: row.first_name, lastName: row.last_name, email: row.email, phone: row.phone },
        profiles.get(row.candidate_id) ?? null,
        now,
      ),
    );
  }

  return {
    /** One application's anti-CV: 404 for whoever may not read the application. */
    async ofApplication(user: User, applicationId: string): Promise<{ filename: string; pdf: Buffer }> {
      const scope = visibility(user);
      const rows = await sequelize.query<ApplicationRow>(`${SELECT_APPLICATIONS} WHERE a.id = :applicationId AND (${scope.where})`, {
        type: QueryTypes.SELECT,
        replacements: { ...scope.replacements, applicationId },
      });
      if (!rows.length) throw notFound('Candidature');
      const [cv] = await antiCvsOf(user, rows);
      return { filename: antiCvFileName(cv!, slugOf), pdf: await antiCvPdf([cv!], `Anti-CV — ${cv!.title}`) };
    },

    /** The short list of an offer: one anti-CV per favourite application, oldest first; 409 when there is none. */
    async ofFavourites(user: User, offerId: string): Promise<{ filename: string; pdf: Buffer }> {
      const offer = await insiderOffer(sequelize, user, offerId);
      const scope = visibility(user);
      const rows = await sequelize.query<ApplicationRow>(
        `${SELECT_APPLICATIONS} WHERE a.offer_id = :offerId AND a.favourite_at IS NOT NULL AND (${scope.where}) ORDER BY a.created_at, a.id`,
        { type: QueryTypes.SELECT, replacements: { ...scope.replacements, offerId: offer.id } },
      );
      if (!rows.length) {
        throw new HttpError('CONFLICT', `Aucune candidature à l’offre « ${offer.title} » n’est en favori : ajoutez-en à vos favoris (étoile), puis téléchargez leurs anti-CV.`);
      }
      const cvs = await antiCvsOf(user, rows);
      return { filename: `anti-cv-favoris-${slugOf(offer.title)}.pdf`, pdf: await antiCvPdf(cvs, `Anti-CV des favoris — ${offer.title}`) };
    },
  };
}
