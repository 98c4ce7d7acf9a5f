// The candidates a référent follows: their list (a mission officer sees those of their référents, an
// admin every candidate), one candidate with their documents, and the account a référent creates for
// a new candidate — user and profile in one transaction with the start of candidateAccountWorkflow,
// which mails the temporary password (changed at first sign-in).
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { z } from 'zod';
import type { Config } from '../../config/env.js';
import type { User } from '../../models/index.js';
import { candidateAccountWorkflow, candidateAccountWorkflowId, type CandidateAccountInput } from '../../workflows/candidate-account.js';
import { personView } from '../candidate-cases.js';
import { candidateDocuments } from '../documents/service.js';
import { HttpError, notFound } from '../errors.js';
import { createInvitedAccount } from '../invited-accounts.js';
import { startPasswordReset, validityLabel } from '../password-reset/service.js';
import type { createCandidateBody, listReferentCandidatesQuery } from './schemas.js';

interface Deps {
  sequelize: Sequelize;
  temporal: Client;
  config: Config;
}

interface CandidateRow {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
  must_change_password: boolean;
  created_at: Date;
  rqth: boolean;
  postal_code: string | null;
  city: string | null;
  referent_id: string | null;
  referent_first_name: string | null;
  referent_last_name: string | null;
  applications: string;
}

const SELECT_CANDIDATE = `
  SELECT u.id, u.first_name, u.last_name, u.email, u.phone, u.must_change_password, u.created_at,
         p.rqth, p.postal_code, p.city, p.referent_id, r.first_name AS referent_first_name, r.last_name AS referent_last_name,
         (SELECT count(*) FROM applications a WHERE a.candidate_id = u.id) AS applications
  FROM users u
  JOIN candidate_profiles p ON p.user_id = u.id
  LEFT JOIN users r ON r.id = p.referent_id`;

/** Says nothing of who this person is or who follows them: only that the address is taken. */
const EMAIL_TAKEN =
  'Un compte existe déjà avec cette adresse e-mail. Si c’est celui de cette personne, elle peut s’y connecter ; sinon, vérifiez l’adresse. Pour rattacher un compte existant à votre suivi, contactez l’administrateur de la plateforme.';

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

function itemOf(row: CandidateRow) {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    rqth: row.rqth,
    postalCode: row.postal_code,
    city: row.city,
    applications: Number(row.applications),
    referent: personView(row.referent_id, row.referent_first_name, row.referent_last_name),
    accountActivated: !row.must_change_password,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export function referentCandidateService({ sequelize, temporal, config }: Deps) {
  /** Which candidates this user follows; 403 for the roles that follow nobody. */
  function scope(user: User): { where: string; replacements: Record<string, unknown> } {
    switch (user.role) {
      case 'REFERENT':
        return { where: 'p.referent_id = :me', replacements: { me: user.id } };
      case 'MISSION_OFFICER':
        return { where: 'r.mission_officer_id = :me', replacements: { me: user.id } };
      case 'ADMIN':
        return { where: 'TRUE', replacements: {} };
      default:
        throw new HttpError('FORBIDDEN', 'La liste des candidats suivis est réservée aux référents, aux chargés de mission et aux administrateurs.');
    }
  }

  return {
    async list(user: User, query: z.output<typeof listReferentCandidatesQuery>) {
      const { where, replacements } = scope(user);
      const conditions = [`u.role = 'CANDIDATE'`, 'u.disabled_at IS NULL', `(${where})`];
      const params: Record<string, unknown> = { ...replacements };
      if (query.q) {
        conditions.push(`(u.first_name ILIKE :q OR u.last_name ILIKE :q OR u.email ILIKE :q OR (u.first_name || ' ' || u.last_name) ILIKE :q OR p.city ILIKE :q)`);
        params.q = `%${escapeLike(query.q)}%`;
      }
      const filter = conditions.join(' AND ');
      const [rows, [{ total }]] = await Promise.all([
        sequelize.query<CandidateRow>(`${SELECT_CANDIDATE} WHERE ${filter} ORDER BY lower(u.last_name), lower(u.first_name), u.id LIMIT :limit OFFSET :offset`, {
          type: QueryTypes.SELECT,
          replacements: { ...params, limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
        }),
        sequelize.query<{ total: string }>(
          `SELECT count(*) AS total FROM users u JOIN candidate_profiles p ON p.user_id = u.id LEFT JOIN users r ON r.id = p.referent_id WHERE ${filter}`,
          { type: QueryTypes.SELECT, replacements: params },
        ),
      ]);
      return { items: rows.map(itemOf), total: Number(total), page: query.page, pageSize: query.pageSize };
    },

    async get(user: User, id: string) {
      const { where, replacements } = scope(user);
      const [row] = await sequelize.query<CandidateRow>(`${SELECT_CANDIDATE} WHERE u.id = :id AND u.role = 'CANDIDATE' AND (${where})`, {
        type: QueryTypes.SELECT,
        replacements: { ...replacements, id },
      });
      if (!row) throw notFound('Candidat');
      const { items } = await candidateDocuments(sequelize, id);
      return { ...itemOf(row), phone: row.phone, documents: items };
    },

    /** A reset link mailed to a candidate this person follows (404 otherwise), saying who sent it. */
    async sendPasswordReset(user: User, id: string) {
      const { where, replacements } = scope(user);
      const [row] = await sequelize.query<{ email: string; first_name: string; last_name: string }>(
        `SELECT u.email, u.first_name, u.last_name FROM users u JOIN candidate_profiles p ON p.user_id = u.id LEFT JOIN users r ON r.id = p.referent_id
         WHERE u.id = :id AND u.role = 'CANDIDATE' AND u.disabled_at IS NULL AND (${where})`,
        { type: QueryTypes.SELECT, replacements: { ...replacements, id } },
      );
      if (!row) throw notFound('Candidat');
      await startPasswordReset({ temporal, config }, row.email, { id: user.id, name: `${user.firstName} ${user.lastName}` });
      return {
        message: `Un lien pour choisir un nouveau mot de passe a été envoyé à ${row.first_name} ${row.last_name} (${row.email}). Il est valable ${validityLabel(config.PASSWORD_RESET_TTL)}, une seule fois.`,
      };
    },

    /** `id`: derived from the request's Idempotency-Key — a retry finds the account it made and answers it. */
    async create(user: User, body: z.output<typeof createCandidateBody>, id?: string) {
      if (user.role !== 'REFERENT') {
        throw new HttpError('FORBIDDEN', 'Seul un référent crée un compte candidat : il devient le référent de la personne.');
      }
      return createInvitedAccount(sequelize, id, {
        emailTaken: EMAIL_TAKEN,
        async earlier(userId) {
          const [row] = await sequelize.query<{ id: string; first_name: string; last_name: string; email: string }>(
            `SELECT u.id, u.first_name, u.last_name, u.email FROM users u JOIN candidate_profiles p ON p.user_id = u.id WHERE u.id = :id AND p.referent_id = :me`,
            { type: QueryTypes.SELECT, replacements: { id: userId, me: user.id } },
          );
          return row && { id: row.id, firstName: row.first_name, lastName: row.last_name, email: row.email };
        },
        async write(transaction, { userId, placeholder, createdAt }) {
          // The référent still active, held until commit: their mission officer disabling them meanwhile
          // (api/mission) waits, then sees this candidate — nobody is left with a disabled référent.
          const [active] = await sequelize.query(`SELECT 1 FROM users WHERE id = :me AND disabled_at IS NULL FOR SHARE`, { transaction, type: QueryTypes.SELECT, replacements: { me: user.id } });
          if (!active) throw new HttpError('FORBIDDEN', 'Ce compte est désactivé. Contactez votre chargé de mission.');
          await sequelize.query(
            `INSERT INTO users (id, email, password_hash, role, first_name, last_name, phone, must_change_password, created_at, updated_at)
             VALUES (:id, :email, :placeholder, 'CANDIDATE', :firstName, :lastName, :phone, true, :at, :at)`,
            {
              transaction,
              replacements: { id: userId, email: body.email, placeholder, firstName: body.firstName, lastName: body.lastName, phone: body.phone, at: createdAt },
            },
          );
          await sequelize.query(
            `INSERT INTO candidate_profiles (user_id, referent_id, rqth, postal_code, city, created_at, updated_at)
             VALUES (:id, :referentId, :rqth, :postalCode, :city, :at, :at)`,
            { transaction, replacements: { id: userId, referentId: user.id, rqth: body.rqth, postalCode: body.postalCode, city: body.city, at: createdAt } },
          );
        },
        invite: ({ userId, createdAt }) => startCandidateAccountWorkflow(temporal, config.TEMPORAL_TASK_QUEUE, { userId, referentId: user.id, createdAt }),
        created: ({ userId }) => ({ id: userId, firstName: body.firstName, lastName: body.lastName, email: body.email }),
      });
    },
  };
}

/** Starts the workflow; a start repeated with the same id (a retried request) is not an error. */
export async function startCandidateAccountWorkflow(temporal: Client, taskQueue: string, input: CandidateAccountInput): Promise<void> {
  try {
    await temporal.workflow.start(candidateAccountWorkflow, { workflowId: candidateAccountWorkflowId(input.userId), taskQueue, args: [input] });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}
