// Accommodation needs for interviews (issue #16, item 6): the candidate's own, a followed candidate's
// (their référent or that référent's mission officer), and what the inviting company reads — only its
// recruiters, only while they may propose or hold an interview, only with the candidate's consent.
// Each write is one statement: the check of who may write and the upsert cannot be told apart by a
// concurrent hand-over, and two saves at once leave one whole version (the last), never a mix.
import { QueryTypes, type Sequelize } from 'sequelize';
import type { z } from 'zod';
import type { User } from '../../models/index.js';
import { ACCOMMODATION_NEED_LABEL, ACCOMMODATION_SHARED_STATUSES, type AccommodationNeed } from '../../workflows/accommodation-needs.js';
import { anonymityOfRow, textAsSeenBy, type AnonymityColumns } from '../../workflows/candidate-identity.js';
import { personView } from '../candidate-cases.js';
import { HttpError, notFound } from '../errors.js';
import type { accommodationsBody } from './schemas.js';

interface Row {
  candidate_id: string;
  needs: AccommodationNeed[];
  details: string | null;
  shared_consent_at: Date | null;
  updated_at: Date | null;
  updated_by: string | null;
  updater_first_name: string | null;
  updater_last_name: string | null;
}

/** A candidate's needs as stored, or none (no row yet). Read by the notice activity at send time too. */
export async function readAccommodations(sequelize: Sequelize, candidateId: string): Promise<Row | null> {
  const [row] = await sequelize.query<Row>(
    `SELECT ca.candidate_id, ca.needs, ca.details, ca.shared_consent_at, ca.updated_at, ca.updated_by,
            w.first_name AS updater_first_name, w.last_name AS updater_last_name
     FROM candidate_accommodations ca LEFT JOIN users w ON w.id = ca.updated_by
     WHERE ca.candidate_id = :candidateId`,
    { type: QueryTypes.SELECT, replacements: { candidateId } },
  );
  return row ?? null;
}

/**
 * A failed write (PostgreSQL away…) is logged by the error handler with its SQL, where the query layer
 * wrote the values: health-related text must not reach the logs. The same error, its status kept, without them.
 */
function withoutQueryText(error: unknown): unknown {
  for (const part of [error, (error as { parent?: unknown })?.parent, (error as { original?: unknown })?.original]) {
    if (part && typeof part === 'object') {
      delete (part as { sql?: unknown }).sql;
      delete (part as { parameters?: unknown }).parameters;
    }
  }
  return error;
}

function viewOf(candidateId: string, row: Row | null) {
  return {
    candidateId,
    needs: row?.needs ?? [],
    details: row?.details ?? null,
    shareWithCompanies: row?.shared_consent_at != null,
    sharedConsentAt: row?.shared_consent_at ? new Date(row.shared_consent_at).toISOString() : null,
    updatedAt: row?.updated_at ? new Date(row.updated_at).toISOString() : null,
    updatedBy: personView(row?.updated_by ?? null, row?.updater_first_name ?? null, row?.updater_last_name ?? null),
  };
}

/** The candidates whose needs this person edits: their own référent's, or the référents' of a mission officer. */
function followedScope(user: User): string {
  switch (user.role) {
    case 'REFERENT':
      return 'p.referent_id = :me';
    case 'MISSION_OFFICER':
      return 'r.mission_officer_id = :me';
    default:
      throw new HttpError('FORBIDDEN', 'Les besoins d’aménagement d’un candidat se consultent par son référent ou le chargé de mission de ce référent.');
  }
}

export function accommodationService({ sequelize }: { sequelize: Sequelize }) {
  /** Insert or replace the whole row, if `candidateScope` (SQL on u, p, r) lets this writer; false otherwise. */
  async function upsert(user: User, candidateId: string, candidateScope: string, body: z.output<typeof accommodationsBody>): Promise<boolean> {
    try {
      const rows = await sequelize.query<{ candidate_id: string }>(
        `INSERT INTO candidate_accommodations AS ca (candidate_id, needs, details, shared_consent_at, updated_at, updated_by)
         SELECT u.id, ARRAY(SELECT jsonb_array_elements_text(CAST(:needs AS jsonb))), :details, CASE WHEN :share THEN now() END, now(), :me
         FROM users u JOIN candidate_profiles p ON p.user_id = u.id LEFT JOIN users r ON r.id = p.referent_id
         WHERE u.id = :candidateId AND u.role = 'CANDIDATE' AND u.disabled_at IS NULL AND (${candidateScope})
         ON CONFLICT (candidate_id) DO UPDATE SET
           needs = EXCLUDED.needs,
           details = EXCLUDED.details,
           -- A second « yes » keeps the time it was first given; « no » withdraws it at once.
           shared_consent_at = CASE WHEN :share THEN COALESCE(ca.shared_consent_at, now()) END,
           updated_at = now(),
           updated_by = EXCLUDED.updated_by
         RETURNING ca.candidate_id`,
        {
          type: QueryTypes.SELECT,
          replacements: { candidateId, me: user.id, needs: JSON.stringify(body.needs), details: body.details ?? null, share: body.shareWithCompanies },
        },
      );
      return rows.length > 0;
    } catch (error) {
      throw withoutQueryText(error);
    }
  }

  async function isFollowed(user: User, candidateId: string): Promise<boolean> {
    const rows = await sequelize.query(
      `SELECT 1 FROM users u JOIN candidate_profiles p ON p.user_id = u.id LEFT JOIN users r ON r.id = p.referent_id
       WHERE u.id = :candidateId AND u.role = 'CANDIDATE' AND u.disabled_at IS NULL AND (${followedScope(user)})`,
      { type: QueryTypes.SELECT, replacements: { candidateId, me: user.id } },
    );
    return rows.length > 0;
  }

  function requireCandidate(user: User): void {
    if (user.role !== 'CANDIDATE') throw new HttpError('FORBIDDEN', 'Cette page est celle des candidats : un référent indique les besoins de son candidat depuis la fiche du candidat.');
  }

  return {
    /** Who may write, asked before the body is read: 403 for the wrong role, then 400 for a bad body. */
    mayWriteOwn: requireCandidate,
    mayWriteFollowed: (user: User): void => void followedScope(user),

    async mine(user: User) {
      requireCandidate(user);
      return viewOf(user.id, await readAccommodations(sequelize, user.id));
    },

    async saveMine(user: User, body: z.output<typeof accommodationsBody>) {
      requireCandidate(user);
      if (!(await upsert(user, user.id, 'u.id = :me', body))) throw notFound('Compte candidat');
      return viewOf(user.id, await readAccommodations(sequelize, user.id));
    },

    async ofFollowed(user: User, candidateId: string) {
      if (!(await isFollowed(user, candidateId))) throw notFound('Candidat');
      return viewOf(candidateId, await readAccommodations(sequelize, candidateId));
    },

    async saveFollowed(user: User, candidateId: string, body: z.output<typeof accommodationsBody>) {
      if (!(await upsert(user, candidateId, followedScope(user), body))) throw notFound('Candidat');
      return viewOf(candidateId, await readAccommodations(sequelize, candidateId));
    },

    /**
     * The needs an application's company reads: its recruiters only, from the acceptance to the
     * interview done, and only while the candidate consents. Anything else is a 404, alike for every
     * reason (another company, too early or too late, no consent, nothing saved): nobody learns which.
     */
    async forApplication(user: User, applicationId: string) {
      if (user.role !== 'RECRUITER' || !user.companyId) throw notFound('Besoins d’aménagement');
      const [row] = await sequelize.query<
        { needs: AccommodationNeed[]; details: string | null; updated_at: Date; candidate_id: string; first_name: string; last_name: string; email: string; phone: string | null } & AnonymityColumns
      >(
        `SELECT ca.needs, ca.details, ca.updated_at, a.candidate_id, a.anonymous, a.identity_shared_at, a.candidate_number, u.first_name, u.last_name, u.email, u.phone
         FROM applications a JOIN candidate_accommodations ca ON ca.candidate_id = a.candidate_id JOIN users u ON u.id = a.candidate_id
         WHERE a.id = :applicationId AND a.company_id = :company AND a.sent_to_company_at IS NOT NULL
           AND a.status IN (:statuses) AND ca.shared_consent_at IS NOT NULL`,
        { type: QueryTypes.SELECT, replacements: { applicationId, company: user.companyId, statuses: [...ACCOMMODATION_SHARED_STATUSES] } },
      );
      if (!row) throw notFound('Besoins d’aménagement');
      return {
        applicationId,
        needs: row.needs.map((code) => ({ code, label: ACCOMMODATION_NEED_LABEL[code] })),
        // The candidate's own words: a signature in them would name an anonymous candidate.
        details: textAsSeenBy(user, anonymityOfRow(row), { id: row.candidate_id, firstName: row.first_name, lastName: row.last_name, email: row.email, phone: row.phone }, row.details),
        updatedAt: new Date(row.updated_at).toISOString(),
      };
    },
  };
}
