// The alternative the benchmark compares against: the same transition as a plain SQL transaction —
// lock the row, check the state with the same rules module, update the status, insert the history
// event, commit — behind the same Express stack as the product's route (CSRF/JSON guard, JSON body,
// PostgreSQL session, loadUser, requireUser, zod validation, the same visibility scope, the same
// error envelope) and answering the same view of the application. It lives in the bench only: it
// sends no mail and keeps no timers, which is exactly what the workflow adds. The same for a
// référent's spontaneous application: the product's checks and row (with its `created` event), no
// workflow started.
import express, { Router } from 'express';
import session from 'express-session';
import { QueryTypes } from 'sequelize';
import type { ApiDeps } from '../api/app.js';
import { applicationService } from '../api/applications/service.js';
import { writeApplicationCreated } from '../activities/application.js';
import { applicationTimers } from '../api/applications/service.js';
import { createApplicationBody, transitionBody } from '../api/applications/schemas.js';
import { lockedFollowUpOf } from '../api/follow-ups.js';
import { CandidateProfile, Company, User } from '../models/index.js';
import { spontaneousApplication } from './lib/data.js';
import { actorOf, loadUser, requireUser, sameOriginJsonOnly } from '../api/auth.js';
import { candidateCaseScope } from '../api/candidate-cases.js';
import { HttpError, errorHandler, notFound } from '../api/errors.js';
import { sessionOptions } from '../api/session.js';
import { parseBody, parseId } from '../api/validation.js';
import { applicationRules, type ApplicationStatus, type ApplicationTransitionRequest } from '../workflows/application-rules.js';

/** Actions whose effects stay in the applications row and its history (no interview rows). */
const SUPPORTED = new Set(['validate', 'reject', 'accept', 'refuse', 'hire', 'not_hire', 'withdraw']);

interface LockedRow {
  id: string;
  status: ApplicationStatus;
  candidate_id: string;
  company_id: string;
  referent_id: string | null;
  mission_officer_id: string | null;
  next_seq: number;
}

export function baselineRouter(deps: ApiDeps): Router {
  const { sequelize } = deps;
  const service = applicationService(deps);
  const router = express.Router();
  router.use(sameOriginJsonOnly(deps.config.PUBLIC_URL));
  router.use(express.json({ limit: '100kb', strict: true }));
  router.use(session(sessionOptions(deps.config, deps.sessionPool, 'tremplin.sid')));
  router.use(loadUser);

  router.post('/applications/:id/transitions', async (req, res) => {
    const user = requireUser(req);
    const id = parseId(req.params.id, 'Candidature');
    const body = parseBody(transitionBody, req);
    if (!SUPPORTED.has(body.action)) throw new HttpError('VALIDATION_FAILED', `action : ${body.action} n’est pas dans la référence SQL du benchmark.`);
    const request: ApplicationTransitionRequest = { ...body, actor: actorOf(user) };
    const scope = candidateCaseScope(user, 'a', 'a.company_id = :company AND a.sent_to_company_at IS NOT NULL');
    await sequelize.transaction(async (transaction) => {
      const [row] = await sequelize.query<LockedRow>(
        `SELECT a.id, a.status, a.candidate_id, a.company_id, a.referent_id, r.mission_officer_id,
                (SELECT coalesce(max(e.seq) + 1, 0) FROM application_events e WHERE e.application_id = a.id) AS next_seq
         FROM applications a LEFT JOIN users r ON r.id = a.referent_id
         WHERE a.id = :id AND (${scope.where}) FOR UPDATE OF a`,
        { type: QueryTypes.SELECT, transaction, replacements: { ...scope.replacements, id } },
      );
      if (!row) throw notFound('Candidature');
      const parties = { candidateId: row.candidate_id, companyId: row.company_id, referentId: row.referent_id, missionOfficerId: row.mission_officer_id };
      const refusal = applicationRules.refusalOf(request, row.status, parties, Date.now(), null);
      if (refusal) throw new HttpError(refusal.code, refusal.message, { status: refusal.status, allowedActions: refusal.allowedActions });
      const to = applicationRules.nextStatus(body.action, row.status);
      const at = new Date().toISOString();
      // refuse, not_hire: the reason on the row and in the event's data, as the workflow's projection writes it.
      const reason = 'reason' in body ? body.reason : null;
      await sequelize.query(
        `UPDATE applications SET status = :to, status_changed_at = :at, updated_at = now(),
           sent_to_company_at = CASE WHEN :to = 'PENDING_RECRUITER' THEN coalesce(sent_to_company_at, :at) ELSE sent_to_company_at END,
           refusal_reason = coalesce(:reason, refusal_reason)
         WHERE id = :id`,
        { transaction, replacements: { id, to, at, reason } },
      );
      await sequelize.query(
        `INSERT INTO application_events (application_id, seq, type, from_status, to_status, actor_id, actor_role, message, data, at)
         VALUES (:id, :seq, :type, :from, :to, :actorId, :actorRole, :message, :data, :at)`,
        {
          transaction,
          replacements: {
            id, seq: Number(row.next_seq), type: body.action, from: row.status, to, actorId: user.id, actorRole: user.role, message: body.message?.trim() || null,
            data: JSON.stringify(reason ? { reason } : {}), at,
          },
        },
      );
    });
    res.json(await service.get(user, id));
  });

  // A référent's spontaneous application for one of their candidates, as the product's `create` checks
  // and writes it (api/applications/service.ts), without the workflow's start.
  router.post('/applications', async (req, res) => {
    const user = requireUser(req);
    const body = parseBody(createApplicationBody, req);
    if (user.role !== 'REFERENT' || !body.candidateId || !body.companyId) {
      throw new HttpError('VALIDATION_FAILED', 'La référence SQL du benchmark ne crée que la candidature spontanée d’un référent pour un de ses candidats.');
    }
    const candidateId = body.candidateId;
    const [candidate, profile] = await Promise.all([User.findByPk(candidateId), CandidateProfile.findByPk(candidateId)]);
    if (!candidate || candidate.role !== 'CANDIDATE' || profile?.referentId !== user.id) throw notFound('Candidat');
    const company = await Company.findByPk(body.companyId);
    if (!company || company.status !== 'VERIFIED' || !company.spontaneousApplications) throw notFound('Entreprise');
    const application = await sequelize.transaction(async (transaction) => {
      const followUp = await lockedFollowUpOf(sequelize, candidateId, transaction);
      if (followUp.referentId !== user.id) throw notFound('Candidat');
      const input = spontaneousApplication({ candidateId, companyId: company.id, ...followUp }, actorOf(user), body.message?.trim() || null, applicationTimers(deps.config));
      await writeApplicationCreated(sequelize, input, transaction);
      return input;
    });
    res.status(201).json(await service.get(user, application.applicationId));
  });

  router.use(errorHandler(deps.logger));
  return router;
}
