// A mission officer manages the référents of their network (seed 001, « Gère les comptes des référents
// handicap »): lists them with what they carry, creates their accounts (a temporary password by mail,
// as for a candidate a référent creates), disables and enables them, and moves a candidate from one of
// their référents to another. An admin may do all of it, for any network. The network is
// users.mission_officer_id; anything outside it is 404.
//
// A candidate's follow-up is the account (candidate_profiles.referent_id), and every live case follows
// it through its workflow (api/follow-ups.ts, `change_follow_up`, sent as the mission officer: the
// rules let the case's mission officer hand it to a référent of their own network).
//
// Disabling a référent who still follows candidates is refused unless the same request names whom to
// give them to (`reassignTo`): a disabled référent can act on nothing, so candidates left with them
// would have their applications wait for a validation nobody can give.
//
// Races. Both writes take the référents' rows first, then the candidates': a reassignment holds its
// new référent FOR SHARE (active, in the network), a disable holds the référent FOR UPDATE before it
// counts or moves their candidates. So a candidate is never handed to a référent being disabled: either
// the reassignment commits first (the disable then sees that candidate and refuses, or moves them too)
// or the disable does (the reassignment then finds its référent disabled: 400). Two reassignments of one
// candidate take turns on the candidate's row; the last one is the follow-up, and both hand-overs read
// what the accounts say when they run, so the cases converge on it.
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { z } from 'zod';
import type { Config } from '../../config/env.js';
import type { Logger } from '../../config/logger.js';
import { endSessions } from '../../models/credentials.js';
import type { User } from '../../models/index.js';
import { referentAccountWorkflow, referentAccountWorkflowId, type ReferentAccountInput } from '../../workflows/candidate-account.js';
import { actorOf } from '../auth.js';
import { personView } from '../candidate-cases.js';
import { HttpError, notFound } from '../errors.js';
import { describeFollowUpReport, followUpService, type FollowUpReport } from '../follow-ups.js';
import { createInvitedAccount } from '../invited-accounts.js';
import type { createReferentBody, disableReferentBody, listReferentsQuery, reassignCandidateBody } from './schemas.js';

interface Deps {
  sequelize: Sequelize;
  temporal: Client;
  config: Config;
  logger: Logger;
}

interface ReferentRow {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
  job_title: string | null;
  mission_officer_id: string | null;
  mo_first_name: string | null;
  mo_last_name: string | null;
  disabled_at: Date | null;
  must_change_password: boolean;
  created_at: Date;
  candidates: string;
  pending_validations: string;
}

const SELECT_REFERENT = `
  SELECT u.id, u.first_name, u.last_name, u.email, u.phone, u.job_title, u.mission_officer_id, u.disabled_at, u.must_change_password, u.created_at,
         mo.first_name AS mo_first_name, mo.last_name AS mo_last_name,
         (SELECT count(*) FROM candidate_profiles p JOIN users c ON c.id = p.user_id WHERE p.referent_id = u.id AND c.disabled_at IS NULL) AS candidates,
         (SELECT count(*) FROM applications a WHERE a.referent_id = u.id AND a.status = 'PENDING_REFERENT_VALIDATION') AS pending_validations
  FROM users u LEFT JOIN users mo ON mo.id = u.mission_officer_id`;

const EMAIL_TAKEN = 'Un compte existe déjà avec cette adresse e-mail. Si c’est celui de cette personne, elle peut s’y connecter ; sinon, vérifiez l’adresse.';
const NOT_IN_NETWORK = 'choisissez un référent actif de votre réseau.';

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);
const field = (name: string, message: string) => new HttpError('VALIDATION_FAILED', `${name} : ${message}`, { fields: [{ field: name, message }] });

function itemOf(row: ReferentRow) {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    phone: row.phone,
    jobTitle: row.job_title,
    missionOfficer: personView(row.mission_officer_id, row.mo_first_name, row.mo_last_name),
    disabledAt: row.disabled_at ? new Date(row.disabled_at).toISOString() : null,
    accountActivated: !row.must_change_password,
    candidates: Number(row.candidates),
    pendingValidations: Number(row.pending_validations),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** What the hand-over did, in the words of the admin's notice; what failed is finished by sending the same request again. */
function summary(report: FollowUpReport) {
  const failed = report.failed.length;
  const parts = [
    describeFollowUpReport({ moved: report.moved, failed: [] }),
    failed ? `${failed} dossier${failed > 1 ? 's' : ''} en cours n’${failed > 1 ? 'ont' : 'a'} pas pu être transféré${failed > 1 ? 's' : ''} : renvoyez la même demande dans un instant.` : null,
  ].filter(Boolean);
  return { moved: report.moved.length, failed, message: parts.length ? parts.join(' ') : null };
}

export function missionService({ sequelize, temporal, config, logger }: Deps) {
  const followUps = followUpService({ sequelize, temporal, logger });

  /** Whose référents this user manages: their network, or every one for an admin; 403 for the other roles. */
  function network(user: User): { where: string; replacements: Record<string, unknown> } {
    if (user.role === 'MISSION_OFFICER') return { where: 'u.mission_officer_id = :me', replacements: { me: user.id } };
    if (user.role === 'ADMIN') return { where: 'TRUE', replacements: {} };
    throw new HttpError('FORBIDDEN', 'La gestion des référents est réservée aux chargés de mission et aux administrateurs.');
  }

  async function referentRow(user: User, id: string, transaction?: Transaction): Promise<ReferentRow> {
    const { where, replacements } = network(user);
    const [row] = await sequelize.query<ReferentRow>(`${SELECT_REFERENT} WHERE u.id = :id AND u.role = 'REFERENT' AND (${where})`, {
      transaction,
      type: QueryTypes.SELECT,
      replacements: { ...replacements, id },
    });
    if (!row) throw notFound('Référent');
    return row;
  }

  /**
   * An active référent of the user's network, held FOR SHARE until the transaction ends (a disable
   * waits for it, and a reassignment waits for a disable): null when there is none by that id.
   */
  async function activeReferentHeld(user: User, id: string, transaction: Transaction): Promise<{ id: string; first_name: string; last_name: string } | null> {
    const { where, replacements } = network(user);
    const [row] = await sequelize.query<{ id: string; first_name: string; last_name: string }>(
      `SELECT u.id, u.first_name, u.last_name FROM users u WHERE u.id = :id AND u.role = 'REFERENT' AND u.disabled_at IS NULL AND (${where}) FOR SHARE`,
      { transaction, type: QueryTypes.SELECT, replacements: { ...replacements, id } },
    );
    return row ?? null;
  }

  /**
   * Hands the live cases over. The accounts are the source and already say the new follow-up: a
   * failure (Temporal or the database away) is said, and the same request sent again finishes it.
   */
  async function handOver(user: User, scope: { candidateId: string } | { referentId: string }) {
    try {
      return summary(await followUps.sync(actorOf(user), scope));
    } catch (error) {
      logger.error({ err: error, scope }, 'follow-up hand-over failed');
      return { moved: 0, failed: 0, message: 'Le transfert du suivi des dossiers en cours n’a pas pu se faire (service indisponible) : renvoyez la même demande dans un instant.' };
    }
  }

  return {
    network,

    async list(user: User, query: z.output<typeof listReferentsQuery>) {
      const { where, replacements } = network(user);
      const conditions = [`u.role = 'REFERENT'`, `(${where})`];
      const params: Record<string, unknown> = { ...replacements };
      if (query.q) {
        conditions.push(`(u.first_name ILIKE :q OR u.last_name ILIKE :q OR u.email ILIKE :q OR (u.first_name || ' ' || u.last_name) ILIKE :q)`);
        params.q = `%${escapeLike(query.q)}%`;
      }
      const filter = conditions.join(' AND ');
      const [rows, [{ total }]] = await Promise.all([
        sequelize.query<ReferentRow>(
          `${SELECT_REFERENT} WHERE ${filter} ORDER BY u.disabled_at IS NOT NULL, lower(u.last_name), lower(u.first_name), u.id LIMIT :limit OFFSET :offset`,
          { type: QueryTypes.SELECT, replacements: { ...params, limit: query.pageSize, offset: (query.page - 1) * query.pageSize } },
        ),
        sequelize.query<{ total: string }>(`SELECT count(*) AS total FROM users u WHERE ${filter}`, { type: QueryTypes.SELECT, replacements: params }),
      ]);
      return { items: rows.map(itemOf), total: Number(total), page: query.page, pageSize: query.pageSize };
    },

    async get(user: User, id: string) {
      const row = await referentRow(user, id);
      const followed = await sequelize.query<Record<string, any>>(
        `SELECT c.id, c.first_name, c.last_name, c.email,
                (SELECT count(*) FROM applications a WHERE a.candidate_id = c.id) AS applications,
                (SELECT count(*) FROM applications a WHERE a.candidate_id = c.id AND a.status = 'PENDING_REFERENT_VALIDATION') AS pending
         FROM candidate_profiles p JOIN users c ON c.id = p.user_id
         WHERE p.referent_id = :id AND c.disabled_at IS NULL
         ORDER BY lower(c.last_name), lower(c.first_name), c.id`,
        { type: QueryTypes.SELECT, replacements: { id } },
      );
      return {
        ...itemOf(row),
        followed: followed.map((c) => ({
          id: c.id as string,
          firstName: c.first_name as string,
          lastName: c.last_name as string,
          email: c.email as string,
          applications: Number(c.applications),
          pendingValidations: Number(c.pending),
        })),
      };
    },

    /** `id`: derived from the request's Idempotency-Key — a retry finds the account it made and answers it. */
    async create(user: User, body: z.output<typeof createReferentBody>, id?: string) {
      network(user);
      let missionOfficerId: string | null = user.role === 'MISSION_OFFICER' ? user.id : (body.missionOfficerId ?? null);
      if (user.role === 'MISSION_OFFICER' && body.missionOfficerId && body.missionOfficerId !== user.id) {
        throw field('missionOfficerId', 'un chargé de mission crée les référents de son propre réseau : laissez ce champ vide.');
      }
      if (user.role === 'ADMIN' && missionOfficerId) {
        const [officer] = await sequelize.query(`SELECT 1 FROM users WHERE id = :id AND role = 'MISSION_OFFICER' AND disabled_at IS NULL`, {
          type: QueryTypes.SELECT,
          replacements: { id: missionOfficerId },
        });
        if (!officer) throw field('missionOfficerId', 'choisissez un compte actif de chargé de mission.');
      }
      return createInvitedAccount(sequelize, id, {
        emailTaken: EMAIL_TAKEN,
        async earlier(userId) {
          const { where, replacements } = network(user);
          const [row] = await sequelize.query<ReferentRow>(`${SELECT_REFERENT} WHERE u.id = :id AND u.role = 'REFERENT' AND (${where})`, {
            type: QueryTypes.SELECT,
            replacements: { ...replacements, id: userId },
          });
          return row && itemOf(row);
        },
        async write(transaction, { userId, placeholder, createdAt }) {
          await sequelize.query(
            `INSERT INTO users (id, email, password_hash, role, first_name, last_name, phone, job_title, mission_officer_id, must_change_password, created_at, updated_at)
             VALUES (:id, :email, :placeholder, 'REFERENT', :firstName, :lastName, :phone, :jobTitle, :missionOfficerId, true, :at, :at)`,
            {
              transaction,
              replacements: {
                id: userId,
                email: body.email,
                placeholder,
                firstName: body.firstName,
                lastName: body.lastName,
                phone: body.phone,
                jobTitle: body.jobTitle,
                missionOfficerId,
                at: createdAt,
              },
            },
          );
        },
        async invite({ userId, createdAt }) {
          const input: ReferentAccountInput = { userId, createdBy: user.id, createdAt };
          try {
            await temporal.workflow.start(referentAccountWorkflow, { workflowId: referentAccountWorkflowId(userId), taskQueue: config.TEMPORAL_TASK_QUEUE, args: [input] });
          } catch (error) {
            // A start repeated with the same id (a retried request) is not an error.
            if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
          }
        },
        async created({ userId }) {
          logger.info({ userId, by: user.id, missionOfficerId }, 'référent account created');
          return itemOf(await referentRow(user, userId));
        },
      });
    },

    async disable(user: User, id: string, body: z.output<typeof disableReferentBody>) {
      network(user);
      const outcome = await sequelize.transaction(async (transaction) => {
        // Both référents' rows in one order (by id): two disables each giving its candidates to the other wait, not deadlock.
        const held = await sequelize.query<{ id: string }>(`SELECT id FROM users WHERE id IN (:ids) ORDER BY id FOR UPDATE`, {
          transaction,
          type: QueryTypes.SELECT,
          replacements: { ids: [id, ...(body.reassignTo ? [body.reassignTo] : [])] },
        });
        if (!held.some((r) => r.id === id)) throw notFound('Référent');
        const row = await referentRow(user, id, transaction);
        let target: { id: string; first_name: string; last_name: string } | null = null;
        if (body.reassignTo) {
          target = body.reassignTo === id ? null : await activeReferentHeld(user, body.reassignTo, transaction);
          if (!target) throw field('reassignTo', NOT_IN_NETWORK);
        }
        // Every candidate still with them, disabled accounts included: nobody is left with a disabled référent.
        const followed = await sequelize.query<{ user_id: string }>(`SELECT user_id FROM candidate_profiles WHERE referent_id = :id FOR UPDATE`, {
          transaction,
          type: QueryTypes.SELECT,
          replacements: { id },
        });
        if (followed.length && !target) {
          const message = `${row.first_name} ${row.last_name} suit encore ${followed.length} candidat${followed.length > 1 ? 's' : ''} : confiez-${followed.length > 1 ? 'les' : 'le'} d’abord à un autre référent du réseau (ou choisissez ce référent dans la même demande).`;
          throw new HttpError('CONFLICT', message, { candidates: followed.length, fields: [{ field: 'reassignTo', message }] });
        }
        if (followed.length && target) {
          await sequelize.query(`UPDATE candidate_profiles SET referent_id = :to, updated_at = now() WHERE referent_id = :id`, { transaction, replacements: { id, to: target.id } });
        }
        if (!row.disabled_at) {
          await sequelize.query(`UPDATE users SET disabled_at = now(), updated_at = now() WHERE id = :id`, { transaction, replacements: { id } });
          await endSessions(sequelize, id, transaction);
        }
        return { target, moved: followed.length };
      });
      logger.info({ userId: id, by: user.id, reassignTo: outcome.target?.id ?? null, candidates: outcome.moved }, 'référent disabled');
      // Also finishes an earlier hand-over that could not be done.
      const report = await handOver(user, { referentId: id });
      return {
        referent: itemOf(await referentRow(user, id)),
        reassignedTo: outcome.target ? personView(outcome.target.id, outcome.target.first_name, outcome.target.last_name) : null,
        candidatesMoved: outcome.moved,
        handOver: report,
      };
    },

    async enable(user: User, id: string) {
      const row = await referentRow(user, id);
      if (row.disabled_at) {
        await sequelize.query(`UPDATE users SET disabled_at = NULL, updated_at = now() WHERE id = :id AND disabled_at IS NOT NULL`, { replacements: { id } });
        logger.info({ userId: id, by: user.id }, 'référent enabled');
      }
      return itemOf(await referentRow(user, id));
    },

    async reassign(user: User, candidateId: string, body: z.output<typeof reassignCandidateBody>) {
      network(user);
      const outcome = await sequelize.transaction(async (transaction) => {
        // The new référent first (as a disable takes référents before candidates), then the candidate.
        const target = await activeReferentHeld(user, body.referentId, transaction);
        // The row alone, then what it names: a join locked in one statement would lose the row when a
        // concurrent reassignment commits meanwhile (the re-check pairs the new row with the old référent).
        await sequelize.query(`SELECT 1 FROM candidate_profiles WHERE user_id = :candidateId FOR UPDATE`, { transaction, replacements: { candidateId } });
        const [candidate] = await sequelize.query<{ first_name: string; last_name: string; referent_id: string | null; r_first_name: string | null; r_last_name: string | null; mission_officer_id: string | null }>(
          `SELECT u.first_name, u.last_name, p.referent_id, r.first_name AS r_first_name, r.last_name AS r_last_name, r.mission_officer_id
           FROM candidate_profiles p JOIN users u ON u.id = p.user_id LEFT JOIN users r ON r.id = p.referent_id
           WHERE p.user_id = :candidateId AND u.role = 'CANDIDATE'`,
          { transaction, type: QueryTypes.SELECT, replacements: { candidateId } },
        );
        if (!candidate || (user.role === 'MISSION_OFFICER' && candidate.mission_officer_id !== user.id)) throw notFound('Candidat');
        if (!target) throw field('referentId', NOT_IN_NETWORK);
        if (candidate.referent_id !== target.id) {
          await sequelize.query(`UPDATE candidate_profiles SET referent_id = :to, updated_at = now() WHERE user_id = :candidateId`, {
            transaction,
            replacements: { candidateId, to: target.id },
          });
        }
        return { candidate, target };
      });
      const { candidate, target } = outcome;
      logger.info({ candidateId, by: user.id, from: candidate.referent_id, to: target.id }, 'candidate reassigned');
      // Run even when the référent did not change: it finishes a hand-over an earlier request could not.
      const report = await handOver(user, { candidateId });
      return {
        candidate: { id: candidateId, firstName: candidate.first_name, lastName: candidate.last_name },
        referent: { id: target.id, firstName: target.first_name, lastName: target.last_name },
        previousReferent: personView(candidate.referent_id, candidate.r_first_name, candidate.r_last_name),
        handOver: report,
      };
    },
  };
}
