// The candidate profile of the CVthèque (issue #17, item 1): read and saved whole by the candidate or
// their référent, read by the référent's mission officer and by admins. The two consents (CVthèque
// visibility, RQTH shown to recruiters) are separate opt-ins stored as the time each was given; every
// grant and withdrawal appends a row to `profile_consents`. Only the candidate gives a consent; their
// référent may withdraw one (protective), never give it. A save is one transaction that first locks the
// profile row: two saves at once are applied one after the other, and the second sees the first's
// consents, so one real change writes one log row. RQTH is health data: it never reaches a log (failed
// queries lose their SQL text before the error handler logs them) nor a workflow input.
import { metierByCode } from '../../workflows/metiers.js';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { User } from '../../models/index.js';
import { searchCommunes } from '../../models/communes.js';
import { experienceMonths, type ProfileConsent } from '../../workflows/candidate-profile.js';
import { knownSoftSkills } from '../../workflows/soft-skills.js';
import { personView } from '../candidate-cases.js';
import { HttpError, fieldRefusal, invalidField, notFound } from '../errors.js';
import type { ProfileBody } from './schemas.js';

/** Whether a ROME code names no métier of the reference list (workflows/metiers.ts). */
export function unknownMetier(code: string): boolean {
  return metierByCode(code) === undefined;
}

interface ProfileRow {
  user_id: string;
  first_name: string;
  last_name: string;
  headline: string | null;
  summary: string | null;
  metiers: string[];
  skills: string[];
  soft_skills: string[];
  experiences: { title: string; employer: string | null; start: string; end: string | null; description: string | null }[];
  experience_months: number;
  diplomas: { title: string; level: number; year: number | null }[];
  education_level: number | null;
  languages: { code: string; level: string }[];
  driving_licences: string[];
  contract_types: string[];
  working_times: string[];
  remote: string | null;
  available_from: string | null;
  commune_insee: string | null;
  rqth: boolean;
  cvtheque_visible_at: Date | null;
  rqth_shared_at: Date | null;
  last_activity_at: Date;
  updated_at: Date;
}

interface CommuneRow {
  insee: string;
  name: string;
  postal_codes: string[];
  department: string;
  approximate: boolean;
  latitude: number;
  longitude: number;
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
const communeOf = (c: CommuneRow) => ({ insee: c.insee, name: c.name, postalCodes: c.postal_codes, department: c.department, approximate: c.approximate });

/** A failed write keeps its status but loses its SQL and parameters (the RQTH among them) before any log. */
function withoutQueryText(error: unknown): unknown {
  for (const part of [error, (error as { parent?: unknown })?.parent, (error as { original?: unknown })?.original]) {
    if (part && typeof part === 'object') {
      delete (part as { sql?: unknown }).sql;
      delete (part as { parameters?: unknown }).parameters;
    }
  }
  return error;
}

type Access = 'read' | 'write';

/** SQL (on u: the candidate, p: their profile, r: their référent) naming the candidates this person reaches. */
function scopeOf(user: User, access: Access): string {
  switch (user.role) {
    case 'REFERENT':
      return 'p.referent_id = :me';
    case 'MISSION_OFFICER':
      if (access === 'read') return 'r.mission_officer_id = :me';
      throw new HttpError('FORBIDDEN', 'Le profil d’un candidat se modifie par le candidat ou son référent ; le chargé de mission le consulte.');
    case 'ADMIN':
      if (access === 'read') return 'TRUE';
      throw new HttpError('FORBIDDEN', 'Le profil d’un candidat se modifie par le candidat ou son référent ; un administrateur le consulte.');
    default:
      throw new HttpError('FORBIDDEN', 'Le profil d’un candidat suivi se consulte par son référent, le chargé de mission de ce référent ou un administrateur.');
  }
}

function requireCandidate(user: User): void {
  if (user.role !== 'CANDIDATE') throw new HttpError('FORBIDDEN', 'Cette page est celle des candidats : un référent modifie le profil de son candidat depuis la fiche du candidat.');
}

export function profileService({ sequelize }: { sequelize: Sequelize }) {
  async function communes(codes: string[], transaction?: Transaction): Promise<Map<string, CommuneRow>> {
    if (!codes.length) return new Map();
    const rows = await sequelize.query<CommuneRow>(
      `SELECT insee, name, postal_codes, department, approximate, latitude, longitude FROM communes WHERE insee IN (:codes)`,
      { type: QueryTypes.SELECT, replacements: { codes }, transaction },
    );
    return new Map(rows.map((c) => [c.insee, c]));
  }

  async function view(candidateId: string, transaction?: Transaction) {
    const [row] = await sequelize.query<ProfileRow>(
      `SELECT p.user_id, u.first_name, u.last_name, p.headline, p.summary, p.metiers, p.skills, p.soft_skills, p.experiences, p.experience_months,
              p.diplomas, p.education_level, p.languages, p.driving_licences, p.contract_types, p.working_times, p.remote,
              to_char(p.available_from, 'YYYY-MM-DD') AS available_from, p.commune_insee, p.rqth, p.cvtheque_visible_at,
              p.rqth_shared_at, p.last_activity_at, p.updated_at
         FROM candidate_profiles p JOIN users u ON u.id = p.user_id WHERE p.user_id = :candidateId`,
      { type: QueryTypes.SELECT, replacements: { candidateId }, transaction },
    );
    if (!row) throw notFound('Candidat');
    const [places, history] = await Promise.all([
      sequelize.query<CommuneRow & { radius_km: number }>(
        `SELECT c.insee, c.name, c.postal_codes, c.department, c.approximate, c.latitude, c.longitude, cp.radius_km
           FROM candidate_places cp JOIN communes c ON c.insee = cp.insee WHERE cp.candidate_id = :candidateId ORDER BY c.name, c.insee`,
        { type: QueryTypes.SELECT, replacements: { candidateId }, transaction },
      ),
      sequelize.query<{ consent: ProfileConsent; granted: boolean; at: Date; recorded_by: string | null; first_name: string | null; last_name: string | null }>(
        `SELECT pc.consent, pc.granted, pc.at, pc.recorded_by, w.first_name, w.last_name
           FROM profile_consents pc LEFT JOIN users w ON w.id = pc.recorded_by
          WHERE pc.candidate_id = :candidateId ORDER BY pc.at DESC, pc.id DESC LIMIT 200`,
        { type: QueryTypes.SELECT, replacements: { candidateId }, transaction },
      ),
    ]);
    const home = row.commune_insee ? (await communes([row.commune_insee], transaction)).get(row.commune_insee) : undefined;
    return {
      candidateId: row.user_id,
      firstName: row.first_name,
      lastName: row.last_name,
      headline: row.headline,
      summary: row.summary,
      metiers: row.metiers,
      skills: row.skills,
      softSkills: knownSoftSkills(row.soft_skills),
      experiences: row.experiences,
      experienceMonths: row.experience_months,
      diplomas: row.diplomas,
      educationLevel: row.education_level,
      languages: row.languages,
      drivingLicences: row.driving_licences,
      contractTypes: row.contract_types,
      workingTimes: row.working_times,
      remote: row.remote,
      availableFrom: row.available_from,
      communeInsee: row.commune_insee,
      commune: home ? communeOf(home) : null,
      places: places.map((p) => ({ ...communeOf(p), radiusKm: p.radius_km })),
      rqth: row.rqth,
      consents: {
        cvtheque: { given: row.cvtheque_visible_at != null, at: iso(row.cvtheque_visible_at) },
        rqth: { given: row.rqth_shared_at != null, at: iso(row.rqth_shared_at) },
      },
      consentHistory: history.map((h) => ({
        consent: h.consent,
        granted: h.granted,
        at: new Date(h.at).toISOString(),
        recordedBy: personView(h.recorded_by, h.first_name, h.last_name),
      })),
      lastActivityAt: new Date(row.last_activity_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
    };
  }

  /** The candidate's id if `scope` lets this person reach them (an active candidate), else null. */
  async function reach(user: User, candidateId: string, scope: string, transaction?: Transaction, lock = false): Promise<boolean> {
    const rows = await sequelize.query(
      `SELECT p.user_id FROM candidate_profiles p JOIN users u ON u.id = p.user_id LEFT JOIN users r ON r.id = p.referent_id
        WHERE p.user_id = :candidateId AND u.role = 'CANDIDATE' AND u.disabled_at IS NULL AND (${scope})
        ${lock ? 'FOR UPDATE OF p' : ''}`,
      { type: QueryTypes.SELECT, replacements: { candidateId, me: user.id }, transaction },
    );
    return rows.length > 0;
  }

  /**
   * Save the whole profile in one transaction: the row locked first (a concurrent save waits), the
   * communes checked, the consents compared with the stored ones (a real change logs one row; the same
   * value again keeps its time), the places replaced.
   */
  async function save(user: User, candidateId: string, scope: string, byCandidate: boolean, body: ProfileBody) {
    const badMetier = body.metiers.findIndex((code) => unknownMetier(code));
    if (badMetier >= 0) throw invalidField(`metiers.${badMetier}`, `le code ROME ${body.metiers[badMetier]} n’est pas dans la liste des métiers`);
    try {
      return await sequelize.transaction(async (transaction) => {
        if (!(await reach(user, candidateId, scope, transaction, true))) throw notFound('Candidat');
        const known = await communes([...body.places.map((p) => p.insee), ...(body.communeInsee ? [body.communeInsee] : [])], transaction);
        if (body.communeInsee && !known.has(body.communeInsee)) throw invalidField('communeInsee', `aucune commune n’a le code INSEE ${body.communeInsee} (un code postal n’est pas un code INSEE : choisissez la commune dans la liste)`);
        const unknownPlace = body.places.findIndex((p) => !known.has(p.insee));
        if (unknownPlace >= 0)
          throw invalidField(
            `places.${unknownPlace}.insee`,
            `aucune commune n’a le code INSEE ${body.places[unknownPlace].insee} (un code postal n’est pas un code INSEE : choisissez la commune dans la liste)`,
          );

        const [current] = await sequelize.query<{ cvtheque: boolean; rqth_shared: boolean }>(
          `SELECT cvtheque_visible_at IS NOT NULL AS cvtheque, rqth_shared_at IS NOT NULL AS rqth_shared FROM candidate_profiles WHERE user_id = :candidateId`,
          { type: QueryTypes.SELECT, replacements: { candidateId }, transaction },
        );
        const changes: { consent: ProfileConsent; granted: boolean }[] = [];
        if (current.cvtheque !== body.cvthequeVisible) changes.push({ consent: 'CVTHEQUE', granted: body.cvthequeVisible });
        if (current.rqth_shared !== body.rqthShared) changes.push({ consent: 'RQTH', granted: body.rqthShared });
        if (!byCandidate) {
          const given = changes.find((c) => c.granted);
          if (given)
            throw fieldRefusal(
              'FORBIDDEN',
              given.consent === 'CVTHEQUE' ? 'cvthequeVisible' : 'rqthShared',
              'seul le candidat peut donner cet accord ; son référent peut seulement le retirer',
            );
        }

        const home = body.communeInsee ? known.get(body.communeInsee) : undefined;
        await sequelize.query(
          `UPDATE candidate_profiles SET
             headline = :headline, summary = :summary, metiers = ARRAY(SELECT jsonb_array_elements_text(CAST(:metiers AS jsonb))),
             skills = ARRAY(SELECT jsonb_array_elements_text(CAST(:skills AS jsonb))),
             soft_skills = ARRAY(SELECT jsonb_array_elements_text(CAST(:softSkills AS jsonb))), experiences = CAST(:experiences AS jsonb),
             experience_months = :experienceMonths, diplomas = CAST(:diplomas AS jsonb), education_level = :educationLevel,
             languages = CAST(:languages AS jsonb), language_codes = ARRAY(SELECT jsonb_array_elements_text(CAST(:languageCodes AS jsonb))),
             driving_licences = ARRAY(SELECT jsonb_array_elements_text(CAST(:drivingLicences AS jsonb))),
             contract_types = ARRAY(SELECT jsonb_array_elements_text(CAST(:contractTypes AS jsonb))),
             working_times = ARRAY(SELECT jsonb_array_elements_text(CAST(:workingTimes AS jsonb))),
             remote = :remote, available_from = CAST(:availableFrom AS date), commune_insee = :communeInsee,
             postal_code = COALESCE(:postalCode, postal_code), city = COALESCE(:city, city),
             rqth = :rqth,
             cvtheque_visible_at = CASE WHEN :cvtheque THEN COALESCE(cvtheque_visible_at, now()) END,
             rqth_shared_at = CASE WHEN :rqthShared THEN COALESCE(rqth_shared_at, now()) END,
             last_activity_at = now(), updated_at = now()
           WHERE user_id = :candidateId`,
          {
            transaction,
            replacements: {
              candidateId,
              headline: body.headline ?? null,
              summary: body.summary ?? null,
              metiers: JSON.stringify(body.metiers),
              skills: JSON.stringify(body.skills),
              // In the vocabulary's order, as every reader shows them.
              softSkills: JSON.stringify(knownSoftSkills(body.softSkills)),
              experiences: JSON.stringify(body.experiences.map((e) => ({ title: e.title, employer: e.employer ?? null, start: e.start, end: e.end ?? null, description: e.description ?? null }))),
              experienceMonths: experienceMonths(body.experiences.map((e) => ({ start: e.start, end: e.end ?? null })), new Date()),
              diplomas: JSON.stringify(body.diplomas.map((d) => ({ title: d.title, level: d.level, year: d.year ?? null }))),
              educationLevel: body.educationLevel ?? null,
              languages: JSON.stringify(body.languages),
              languageCodes: JSON.stringify(body.languages.map((l) => l.code)),
              drivingLicences: JSON.stringify(body.drivingLicences),
              contractTypes: JSON.stringify(body.contractTypes),
              workingTimes: JSON.stringify(body.workingTimes),
              remote: body.remote ?? null,
              availableFrom: body.availableFrom ?? null,
              communeInsee: home?.insee ?? null,
              postalCode: home?.postal_codes[0] ?? null,
              city: home?.name ?? null,
              rqth: body.rqth,
              cvtheque: body.cvthequeVisible,
              rqthShared: body.rqthShared,
            },
          },
        );
        await sequelize.query(`DELETE FROM candidate_places WHERE candidate_id = :candidateId`, { transaction, replacements: { candidateId } });
        for (const p of body.places) {
          const c = known.get(p.insee)!;
          await sequelize.query(
            `INSERT INTO candidate_places (candidate_id, insee, radius_km, latitude, longitude) VALUES (:candidateId, :insee, :radiusKm, :latitude, :longitude)`,
            { transaction, replacements: { candidateId, insee: c.insee, radiusKm: p.radiusKm, latitude: c.latitude, longitude: c.longitude } },
          );
        }
        for (const change of changes) {
          await sequelize.query(`INSERT INTO profile_consents (candidate_id, consent, granted, recorded_by) VALUES (:candidateId, :consent, :granted, :me)`, {
            transaction,
            replacements: { candidateId, consent: change.consent, granted: change.granted, me: user.id },
          });
        }
        return view(candidateId, transaction);
      });
    } catch (error) {
      if (error instanceof HttpError) throw error;
      throw withoutQueryText(error);
    }
  }

  return {
    /** Who may write, asked before the body is read: 403 for the wrong role, then 400 for a bad body. */
    mayWriteOwn: requireCandidate,
    mayWriteFollowed: (user: User): void => void scopeOf(user, 'write'),

    async mine(user: User) {
      requireCandidate(user);
      return view(user.id);
    },

    async saveMine(user: User, body: ProfileBody) {
      requireCandidate(user);
      return save(user, user.id, 'u.id = :me', true, body);
    },

    async ofFollowed(user: User, candidateId: string) {
      if (!(await reach(user, candidateId, scopeOf(user, 'read')))) throw notFound('Candidat');
      return view(candidateId);
    },

    async saveFollowed(user: User, candidateId: string, body: ProfileBody) {
      return save(user, candidateId, scopeOf(user, 'write'), false, body);
    },

    async communes(q: string) {
      const items = await searchCommunes(sequelize, q, 10);
      return { items: items.map((c) => ({ insee: c.insee, name: c.name, postalCodes: c.postalCodes, department: c.department, approximate: c.approximate })) };
    },
  };
}
