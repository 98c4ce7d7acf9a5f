// Sponsorship requests: who may see which (one SQL rule for lists and single reads), creation (row +
// workflow, all or nothing), role-scoped lists read from the projection, and the answers sent to the
// workflow as Updates, with what the API knows of the chosen sponsor (the validator cannot query).
import { de } from '../../workflows/glossary.js';
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { QueryTypes, UniqueConstraintError, type Sequelize } from 'sequelize';
import type { z } from 'zod';
import { readProcessHistory } from '../../activities/process-events.js';
import { writeSponsorshipCreated } from '../../activities/sponsorship.js';
import type { Config } from '../../config/env.js';
import { CandidateProfile, Company, User } from '../../models/index.js';
import { activeRecruiterSql } from '../../models/recruiters.js';
import { sponsorshipRules, type SponsorFacts, type SponsorshipAction, type SponsorshipParties, type SponsorshipStatus } from '../../workflows/sponsorship-rules.js';
import { DEFAULT_SPONSORSHIP_TIMERS, type SponsorshipWorkflowInput } from '../../workflows/sponsorship.js';
import { actorOf } from '../auth.js';
import { candidateCaseScope, personView } from '../candidate-cases.js';
import { HttpError, invalidField, notFound } from '../errors.js';
import { lockedFollowUpOf } from '../follow-ups.js';
import { executeTransition, sendAgainIfWritten, startProcess } from '../transitions.js';
import type { createSponsorshipBody, listSponsorshipsQuery, sponsorshipTransitionBody } from './schemas.js';

interface Deps {
  sequelize: Sequelize;
  temporal: Client;
  config: Config;
}

interface SponsorshipRow {
  id: string;
  status: SponsorshipStatus;
  status_changed_at: Date;
  created_at: Date;
  message: string;
  comment: string | null;
  workflow_id: string;
  candidate_id: string;
  company_id: string;
  referent_id: string | null;
  requested_by: string | null;
  sponsor_id: string | null;
  mission_officer_id: string | null;
  company_name: string;
  candidate_first_name: string;
  candidate_last_name: string;
  candidate_email: string;
  referent_first_name: string | null;
  referent_last_name: string | null;
  requester_first_name: string | null;
  requester_last_name: string | null;
  sponsor_first_name: string | null;
  sponsor_last_name: string | null;
  sponsor_email: string | null;
  sponsor_phone: string | null;
  sponsor_job_title: string | null;
}

const SELECT_SPONSORSHIP = `
  SELECT s.id, s.status, s.status_changed_at, s.created_at, s.message, s.comment, s.workflow_id, s.candidate_id,
         s.company_id, s.referent_id, s.requested_by, s.sponsor_id, s.mission_officer_id, c.name AS company_name,
         cu.first_name AS candidate_first_name, cu.last_name AS candidate_last_name, cu.email AS candidate_email,
         r.first_name AS referent_first_name, r.last_name AS referent_last_name,
         rq.first_name AS requester_first_name, rq.last_name AS requester_last_name,
         sp.first_name AS sponsor_first_name, sp.last_name AS sponsor_last_name, sp.email AS sponsor_email,
         sp.phone AS sponsor_phone, sp.job_title AS sponsor_job_title
  FROM sponsorship_requests s
  JOIN companies c ON c.id = s.company_id
  JOIN users cu ON cu.id = s.candidate_id
  LEFT JOIN users r ON r.id = s.referent_id
  LEFT JOIN users rq ON rq.id = s.requested_by
  LEFT JOIN users sp ON sp.id = s.sponsor_id`;

export const visibility = (user: User) => candidateCaseScope(user, 's', 's.company_id = :company');

/** The parties as the workflow has them: the row's follow-up is written by its projection (change_follow_up). */
const partiesOf = (row: SponsorshipRow): SponsorshipParties => ({
  candidateId: row.candidate_id,
  companyId: row.company_id,
  referentId: row.referent_id,
  missionOfficerId: row.mission_officer_id,
});

/** Who may be named sponsor: the company's recruiters, not disabled, their place in it verified (or predating memberships). */
const ELIGIBLE_SPONSOR = activeRecruiterSql('u');

export function sponsorshipService({ sequelize, temporal, config }: Deps) {
  async function exists(id: string): Promise<boolean> {
    const rows = await sequelize.query('SELECT 1 FROM sponsorship_requests WHERE id = :id', { type: QueryTypes.SELECT, replacements: { id } });
    return rows.length > 0;
  }

  async function findVisible(user: User, id: string): Promise<SponsorshipRow> {
    const scope = visibility(user);
    const [row] = await sequelize.query<SponsorshipRow>(`${SELECT_SPONSORSHIP} WHERE s.id = :id AND (${scope.where})`, {
      type: QueryTypes.SELECT,
      replacements: { ...scope.replacements, id },
    });
    if (!row) throw notFound('Demande de parrainage');
    return row;
  }

  /** What the workflow's validator needs to know of the chosen sponsor; null when nobody has this id. */
  async function sponsorFacts(userId: string): Promise<SponsorFacts | null> {
    const [row] = await sequelize.query<{ id: string; role: SponsorFacts['role']; company_id: string | null; eligible: boolean }>(
      `SELECT u.id, u.role, u.company_id, (${ELIGIBLE_SPONSOR}) AS eligible FROM users u WHERE u.id = :userId`,
      { type: QueryTypes.SELECT, replacements: { userId } },
    );
    return row ? { id: row.id, role: row.role, companyId: row.company_id, active: row.eligible } : null;
  }

  async function eligibleSponsors(companyId: string) {
    const rows = await sequelize.query<{ id: string; first_name: string; last_name: string; job_title: string | null }>(
      `SELECT u.id, u.first_name, u.last_name, u.job_title FROM users u WHERE u.company_id = :companyId AND ${ELIGIBLE_SPONSOR}
       ORDER BY u.last_name, u.first_name`,
      { type: QueryTypes.SELECT, replacements: { companyId } },
    );
    return rows.map((r) => ({ id: r.id, firstName: r.first_name, lastName: r.last_name, jobTitle: r.job_title }));
  }

  async function view(user: User, row: SponsorshipRow) {
    const actor = actorOf(user);
    const parties = partiesOf(row);
    const history = await readProcessHistory(sequelize, 'sponsorship', row.id);
    // Internal actions (change_follow_up) are never offered: these are the company's answers.
    const allowedActions = sponsorshipRules.allowedActions(row.status, actor, parties) as SponsorshipAction[];
    return {
      id: row.id,
      status: row.status,
      statusChangedAt: new Date(row.status_changed_at).toISOString(),
      createdAt: new Date(row.created_at).toISOString(),
      message: row.message,
      comment: row.comment,
      company: { id: row.company_id, name: row.company_name },
      candidate: { id: row.candidate_id, firstName: row.candidate_first_name, lastName: row.candidate_last_name, email: row.candidate_email },
      referent: personView(row.referent_id, row.referent_first_name, row.referent_last_name),
      requestedBy: personView(row.requested_by, row.requester_first_name, row.requester_last_name),
      sponsor: row.sponsor_id
        ? {
            id: row.sponsor_id,
            firstName: row.sponsor_first_name ?? '',
            lastName: row.sponsor_last_name ?? '',
            email: row.sponsor_email ?? '',
            phone: row.sponsor_phone,
            jobTitle: row.sponsor_job_title,
          }
        : null,
      ...(allowedActions.includes('accept') ? { eligibleSponsors: await eligibleSponsors(row.company_id) } : {}),
      history,
      allowedActions,
      workflowId: row.workflow_id,
    };
  }

  return {
    async get(user: User, id: string) {
      return view(user, await findVisible(user, id));
    },

    /** `id`: derived from the request's Idempotency-Key — a retry finds the request it made and answers it. */
    async create(user: User, body: z.output<typeof createSponsorshipBody>, id?: string) {
      if (id && (await exists(id))) return this.get(user, id);
      let candidateId: string;
      if (user.role === 'CANDIDATE') {
        if (body.candidateId && body.candidateId !== user.id) throw new HttpError('FORBIDDEN', 'Un candidat ne peut demander un parrainage que pour lui-même.');
        candidateId = user.id;
      } else if (user.role === 'REFERENT') {
        if (!body.candidateId) throw invalidField('candidateId', 'choisissez le candidat pour qui vous demandez un parrainage.');
        candidateId = body.candidateId;
      } else {
        throw new HttpError('FORBIDDEN', 'Seuls un candidat, ou son référent pour lui, peuvent demander un parrainage.');
      }
      const [candidate, profile] = await Promise.all([User.findByPk(candidateId), CandidateProfile.findByPk(candidateId)]);
      if (!candidate || candidate.role !== 'CANDIDATE' || (user.role === 'REFERENT' && profile?.referentId !== user.id)) {
        throw notFound('Candidat');
      }
      const company = await Company.findByPk(body.companyId);
      if (!company || company.status !== 'VERIFIED') throw notFound('Entreprise');

      const sponsorshipId = id ?? randomUUID();
      try {
        // Row and workflow together: if Temporal refuses the start, the row is rolled back.
        await sequelize.transaction(async (transaction) => {
          // Who follows the candidate, under a share lock: an admin moving them (or their référent) to
          // someone else waits for this request, then hands it over with the others (api/follow-ups.ts).
          const followUp = await lockedFollowUpOf(sequelize, candidateId, transaction);
          if (user.role === 'REFERENT' && followUp.referentId !== user.id) throw notFound('Candidat');
          const input: SponsorshipWorkflowInput = {
            sponsorshipId,
            parties: { candidateId, companyId: company.id, ...followUp },
            createdBy: actorOf(user),
            message: body.message,
            createdAt: new Date().toISOString(),
            // Written into the input, so a running request keeps its delay if the default changes.
            timers: { reminderMs: DEFAULT_SPONSORSHIP_TIMERS.reminderMs },
          };
          await writeSponsorshipCreated(sequelize, input, transaction);
          await startProcess(temporal, config.TEMPORAL_TASK_QUEUE, 'sponsorship', input);
        });
      } catch (error) {
        if (error instanceof UniqueConstraintError) {
          // The same request, retried while its first run was committing: the first answer.
          if (id && (await exists(id))) return this.get(user, id);
          throw new HttpError('CONFLICT', `Une demande de parrainage auprès ${de(company.name)} est déjà en attente pour cette personne.`);
        }
        throw error;
      }
      return this.get(user, sponsorshipId);
    },

    async list(user: User, query: z.output<typeof listSponsorshipsQuery>) {
      const scope = visibility(user);
      const conditions = [scope.where];
      const replacements: Record<string, unknown> = { ...scope.replacements };
      if (query.status) {
        conditions.push('s.status IN (:statuses)');
        replacements.statuses = query.status;
      }
      if (query.candidateId) {
        conditions.push('s.candidate_id = :candidateId');
        replacements.candidateId = query.candidateId;
      }
      if (query.companyId) {
        conditions.push('s.company_id = :companyId');
        replacements.companyId = query.companyId;
      }
      const where = conditions.map((c) => `(${c})`).join(' AND ');
      // A recruiter's list is a queue: what waits first, the longest waiting first; the rest newest first.
      // Everyone else reads their requests newest first.
      const order =
        user.role === 'RECRUITER'
          ? `(s.status = 'PENDING') DESC, CASE WHEN s.status = 'PENDING' THEN s.status_changed_at END ASC, s.status_changed_at DESC, s.id`
          : 's.created_at DESC, s.id';
      const [rows, [{ total }]] = await Promise.all([
        sequelize.query<SponsorshipRow>(`${SELECT_SPONSORSHIP} WHERE ${where} ORDER BY ${order} LIMIT :limit OFFSET :offset`, {
          type: QueryTypes.SELECT,
          replacements: { ...replacements, limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
        }),
        sequelize.query<{ total: string }>(
          `SELECT count(*) AS total FROM sponsorship_requests s LEFT JOIN users r ON r.id = s.referent_id WHERE ${where}`,
          { type: QueryTypes.SELECT, replacements },
        ),
      ]);
      const now = Date.now();
      return {
        items: rows.map((row) => ({
          id: row.id,
          status: row.status,
          statusChangedAt: new Date(row.status_changed_at).toISOString(),
          createdAt: new Date(row.created_at).toISOString(),
          company: { id: row.company_id, name: row.company_name },
          candidate: { id: row.candidate_id, firstName: row.candidate_first_name, lastName: row.candidate_last_name, email: row.candidate_email },
          referent: personView(row.referent_id, row.referent_first_name, row.referent_last_name),
          sponsor: personView(row.sponsor_id, row.sponsor_first_name, row.sponsor_last_name),
          waitingDays: Math.floor((now - new Date(row.status_changed_at).getTime()) / 86_400_000),
        })),
        total: Number(total),
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    /** `updateId`: derived from an Idempotency-Key — Temporal answers a repeated one with the first outcome. */
    async transition(user: User, id: string, body: z.output<typeof sponsorshipTransitionBody>, updateId?: string) {
      const row = await findVisible(user, id);
      const closed = (status: SponsorshipStatus) =>
        new HttpError('ILLEGAL_TRANSITION', `La demande de parrainage est close : ${sponsorshipRules.statusLabel[status]} (${status}).`, {
          status,
          allowedActions: [],
        });
      const fields =
        body.action === 'accept'
          ? { action: body.action, sponsorUserId: body.sponsorUserId ?? null, sponsor: body.sponsorUserId ? await sponsorFacts(body.sponsorUserId) : null }
          : { action: body.action, comment: body.comment ?? null };
      const request = { ...fields, actor: actorOf(user) };
      const closedNow = async () => closed((await findVisible(user, id)).status);
      if (sponsorshipRules.isFinal(row.status)) {
        // Closed by this very request, retried after its answer was lost?
        if (await sendAgainIfWritten(temporal, sequelize, row.workflow_id, request, closedNow, updateId)) return this.get(user, id);
        throw closed(row.status);
      }
      await executeTransition(temporal, row.workflow_id, request, closedNow, updateId, sequelize);
      return this.get(user, id);
    },
  };
}
