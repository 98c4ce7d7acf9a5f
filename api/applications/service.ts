// Applications: who may see which, creation (row + workflow, all or nothing), role-scoped lists read
// from the projection, and transitions sent to the workflow as Updates.
import { createHash, randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { ForeignKeyConstraintError, QueryTypes, UniqueConstraintError, type Sequelize } from 'sequelize';
import type { z } from 'zod';
import { writeApplicationCreated } from '../../activities/application.js';
import { readProcessHistory } from '../../activities/process-events.js';
import { preparedQuery } from '../../models/prepared.js';
import { formatParisDateTime, interviewIcs } from '../../activities/ics.js';
import { jitsiJoinUrl } from '../../activities/jitsi.js';
import type { Config } from '../../config/env.js';
import type { Logger } from '../../config/logger.js';
import { CandidateProfile, Company, Document, Offer, User } from '../../models/index.js';
import { applicationRules, type ContactState, type ApplicationAction, type ApplicationWaitingAction, type ApplicationParties, type ApplicationStatus, type InterviewView } from '../../workflows/application-rules.js';
import type { ApplicationWorkflowInput } from '../../workflows/application.js';
import { refusalReasonLabel, type RefusalReasonCode } from '../../workflows/refusal-reasons.js';
import type { Role } from '../../workflows/actors.js';
import { SHORTLIST_STAGES, stageConditionSql, type ShortlistStage } from '../../workflows/shortlist.js';
import { anonymityOfRow, candidateAsSeenBy, identityHidden, textAsSeenBy, type ApplicationAnonymity, type CandidateIdentity } from '../../workflows/candidate-identity.js';
import { actorOf } from '../auth.js';
import { candidateCaseScope, candidatePhoneOn, personView } from '../candidate-cases.js';
import { HttpError, constraintOf, fieldRefusal, invalidField, notFound } from '../errors.js';
import { lockedFollowUpOf } from '../follow-ups.js';
import { candidateMatch } from '../matching/service.js';
import { postThreadMessage } from '../messages/service.js';
import { executeTransition, sendAgainIfWritten, startProcess } from '../transitions.js';
import type { createApplicationBody, listApplicationsQuery, noteBody, transitionBody } from './schemas.js';

interface Deps {
  sequelize: Sequelize;
  temporal: Client;
  config: Config;
  logger: Logger;
}

interface ApplicationRow {
  id: string;
  status: ApplicationStatus;
  status_changed_at: Date;
  created_at: Date;
  message: string | null;
  screening_answer: string | null;
  recruiter_note: string | null;
  recruiter_note_version: number;
  workflow_id: string;
  sent_to_company_at: Date | null;
  refusal_reason: RefusalReasonCode | null;
  candidate_id: string;
  company_id: string;
  referent_id: string | null;
  mission_officer_id: string | null;
  offer_id: string | null;
  offer_title: string | null;
  screening_question: string | null;
  company_name: string;
  candidate_first_name: string;
  candidate_last_name: string;
  candidate_email: string;
  candidate_phone: string | null;
  /** The latest round's status (null before the first proposal). */
  interview_status: 'PROPOSED' | 'CONFIRMED' | 'CANCELLED' | 'DONE' | null;
  other_slot_requested: boolean | null;
  referent_first_name: string | null;
  referent_last_name: string | null;
  anonymous: boolean;
  candidate_number: number;
  identity_shared_at: Date | null;
  identity_shared_by: string | null;
  shared_by_first_name: string | null;
  shared_by_last_name: string | null;
  contact_stage: 'TO_CONTACT' | 'CONTACTED' | null;
  favourite_at: Date | null;
  /** YYYY-MM-DD (null: « dès maintenant »); `has_profile` false: no profile at all. */
  available_from: string | null;
  has_profile: boolean;
}

const SELECT_APPLICATION = `
  SELECT a.id, a.status, a.status_changed_at, a.created_at, a.message, a.screening_answer, a.recruiter_note, a.recruiter_note_version,
         a.workflow_id, a.sent_to_company_at, a.refusal_reason, a.candidate_id, a.company_id, a.referent_id, a.offer_id,
         a.mission_officer_id, o.title AS offer_title, o.screening_question, c.name AS company_name,
         cu.first_name AS candidate_first_name, cu.last_name AS candidate_last_name, cu.email AS candidate_email,
         cu.phone AS candidate_phone,
         (SELECT i.status FROM interviews i WHERE i.application_id = a.id ORDER BY i.round DESC LIMIT 1) AS interview_status,
         (SELECT i.other_slot_requested_at IS NOT NULL FROM interviews i WHERE i.application_id = a.id ORDER BY i.round DESC LIMIT 1) AS other_slot_requested,
         r.first_name AS referent_first_name, r.last_name AS referent_last_name,
         a.anonymous, a.candidate_number, a.identity_shared_at, a.identity_shared_by, a.contact_stage,
         sb.first_name AS shared_by_first_name, sb.last_name AS shared_by_last_name,
         a.favourite_at, to_char(cp.available_from, 'YYYY-MM-DD') AS available_from, cp.user_id IS NOT NULL AS has_profile
  FROM applications a
  JOIN companies c ON c.id = a.company_id
  JOIN users cu ON cu.id = a.candidate_id
  LEFT JOIN users r ON r.id = a.referent_id
  LEFT JOIN users sb ON sb.id = a.identity_shared_by
  LEFT JOIN offers o ON o.id = a.offer_id
  LEFT JOIN candidate_profiles cp ON cp.user_id = a.candidate_id`;

/** « Autre créneau demandé » as the interviews row holds it (migration 0021). */
export const otherSlotRequestOf = (row: { other_slot_requested_at?: Date | null; other_slot_message?: string | null }) =>
  row.other_slot_requested_at && row.other_slot_message ? { at: new Date(row.other_slot_requested_at).toISOString(), message: row.other_slot_message } : null;

/** Never before the référent validated: the company sees an application only once it was sent to it. */
export const visibility = (user: User) => candidateCaseScope(user, 'a', 'a.company_id = :company AND a.sent_to_company_at IS NOT NULL');

/** The parties as the workflow has them: the row's follow-up is written by its projection (change_follow_up). */
const partiesOf = (row: ApplicationRow): ApplicationParties => ({
  candidateId: row.candidate_id,
  companyId: row.company_id,
  referentId: row.referent_id,
  missionOfficerId: row.mission_officer_id,
});

/** The company's side of an application: its recruiters, and the admins (who read its private note and star). */
const companySideOf = (user: User, row: Pick<ApplicationRow, 'company_id'>) => user.role === 'ADMIN' || (user.role === 'RECRUITER' && user.companyId === row.company_id);

/** The row's anonymity and candidate, as workflows/candidate-identity.ts reads them. */
const anonymityOf = anonymityOfRow;
const identityOf = (row: ApplicationRow): CandidateIdentity => ({
  id: row.candidate_id,
  firstName: row.candidate_first_name,
  lastName: row.candidate_last_name,
  email: row.candidate_email,
  phone: row.candidate_phone,
});

/** The candidate as this reader sees them: an anonymous application's company reads their number only. */
function candidateView(user: User, row: ApplicationRow) {
  const shown = candidateAsSeenBy(user, anonymityOf(row), identityOf(row));
  return { id: shown.id, firstName: shown.firstName, lastName: shown.lastName, email: shown.email, number: shown.number, identityHidden: shown.hidden };
}

/** The contact state the workflow holds, as the projection wrote it (workflows/application-rules.ts). */
const contactStateOf = (row: ApplicationRow): ContactState | null => (!row.anonymous ? null : row.identity_shared_at ? (row.contact_stage ?? 'TO_CONTACT') : 'HIDDEN');

/** Seed 002: whether the application is anonymous, and when, by whom and with what contact stage the identity was shared. */
function anonymityView(user: User, row: ApplicationRow) {
  return {
    anonymous: row.anonymous,
    identityShared: row.identity_shared_at != null,
    identitySharedAt: row.identity_shared_at ? new Date(row.identity_shared_at).toISOString() : null,
    identitySharedBy: row.identity_shared_by ? personView(row.identity_shared_by, row.shared_by_first_name, row.shared_by_last_name) : null,
    contactStage: row.contact_stage,
    /** How the company reads the candidate now (the candidate's own name in a video room follows it). */
    companyReadsAs: candidateAsSeenBy({ role: 'RECRUITER' }, anonymityOf(row), identityOf(row)).name,
  };
}

export function applicationService({ sequelize, temporal, config, logger }: Deps) {
  /**
   * « Autre créneau demandé » also goes on the application's thread, in the asker's name, so the
   * conversation about the new time continues there. Keyed by the history event: a retried request
   * (Idempotency-Key) posts nothing twice.
   */
  async function postOtherSlotRequest(applicationId: string) {
    const [event] = await sequelize.query<{ seq: number; message: string | null; actor_id: string | null; actor_role: string | null; starts_at: Date | null }>(
      `SELECT e.seq, e.message, e.actor_id, e.actor_role, i.starts_at
         FROM application_events e
         LEFT JOIN LATERAL (SELECT starts_at FROM interviews WHERE application_id = e.application_id ORDER BY round DESC LIMIT 1) i ON true
        WHERE e.application_id = :applicationId AND e.type = 'request_other_slot' ORDER BY e.seq DESC LIMIT 1`,
      { type: QueryTypes.SELECT, replacements: { applicationId } },
    );
    if (!event?.actor_id || !event.actor_role) return;
    const hash = createHash('sha256').update(`other-slot:${applicationId}:${event.seq}`).digest('hex');
    const messageId = `${hash.slice(0, 8)}-${hash.slice(8, 12)}-5${hash.slice(13, 16)}-a${hash.slice(17, 20)}-${hash.slice(20, 32)}`;
    const when = event.starts_at ? ` pour l’entretien du ${formatParisDateTime(event.starts_at)}` : '';
    await postThreadMessage(
      { sequelize, temporal, config, logger },
      { id: messageId, applicationId, authorId: event.actor_id, authorRole: event.actor_role as Role, body: `Autre créneau demandé${when}. Disponibilités : ${event.message ?? ''}` },
    );
  }

  async function exists(id: string): Promise<boolean> {
    const rows = await sequelize.query('SELECT 1 FROM applications WHERE id = :id', { type: QueryTypes.SELECT, replacements: { id } });
    return rows.length > 0;
  }

  async function findVisible(user: User, id: string): Promise<ApplicationRow> {
    const scope = visibility(user);
    // Prepared (models/prepared.ts): every action reads it twice, and its seven tables took the server
    // eight times longer to plan than to read.
    const [row] = await preparedQuery<ApplicationRow>(sequelize, `${SELECT_APPLICATION} WHERE a.id = :id AND (${scope.where})`, { ...scope.replacements, id });
    if (!row) throw notFound('Candidature');
    return row;
  }

  async function interviewsOf(applicationId: string): Promise<InterviewView[]> {
    const rows = await preparedQuery<Record<string, any>>(
      sequelize,
      `SELECT id, round, starts_at, duration_minutes, mode, location, message, status, video_room, video_url, proposed_by, ics_sequence,
              other_slot_requested_at, other_slot_message
       FROM interviews WHERE application_id = :applicationId ORDER BY round`,
      { applicationId },
    );
    return rows.map((r) => ({
      id: r.id,
      round: r.round,
      startsAt: new Date(r.starts_at).toISOString(),
      durationMinutes: r.duration_minutes,
      mode: r.mode,
      location: r.location,
      message: r.message,
      status: r.status,
      videoRoom: r.video_room,
      videoUrl: r.video_url,
      proposedBy: r.proposed_by,
      icsSequence: r.ics_sequence,
      otherSlotRequest: otherSlotRequestOf(r),
    }));
  }

  async function view(user: User, row: ApplicationRow) {
    const [history, interviews] = await Promise.all([readProcessHistory(sequelize, 'application', row.id), interviewsOf(row.id)]);
    const current = interviews.at(-1) ?? null;
    const now = Date.now();
    const companySide = companySideOf(user, row);
    const anonymity = anonymityOf(row);
    const hidden = identityHidden(user, anonymity);
    const shownText = <T extends string | null>(text: T) => textAsSeenBy(user, anonymity, identityOf(row), text);
    const shownCandidate = candidateView(user, row);
    const rulesContext = { interview: current, contact: contactStateOf(row) };
    return {
      id: row.id,
      status: row.status,
      statusChangedAt: new Date(row.status_changed_at).toISOString(),
      createdAt: new Date(row.created_at).toISOString(),
      message: shownText(row.message),
      screeningQuestion: row.screening_question,
      screeningAnswer: shownText(row.screening_answer),
      offer: row.offer_id ? { id: row.offer_id, title: row.offer_title ?? '' } : null,
      company: { id: row.company_id, name: row.company_name },
      candidate: shownCandidate,
      anonymity: anonymityView(user, row),
      referent: personView(row.referent_id, row.referent_first_name, row.referent_last_name),
      interviews: await Promise.all(
        interviews.map(async (interview) => ({
          id: interview.id,
          round: interview.round,
          startsAt: interview.startsAt,
          durationMinutes: interview.durationMinutes,
          mode: interview.mode,
          location: interview.location,
          message: interview.message,
          status: interview.status,
          version: interview.icsSequence,
          otherSlotRequest: interview.otherSlotRequest ?? null,
          // The number to call, for who calls (recruiters, the candidate's référent).
          ...candidatePhoneOn(user, { companyId: row.company_id, referentId: row.referent_id, candidatePhone: hidden ? null : row.candidate_phone }, interview),
          // Each person gets their own link: on a token-auth deployment it carries their JWT.
          videoUrl:
            interview.videoRoom && interview.status !== 'CANCELLED'
              ? await jitsiJoinUrl(
                  config,
                  interview.videoRoom,
                  roomParticipant(user, row),
                  new Date(Date.parse(interview.startsAt) + interview.durationMinutes * 60_000),
                )
              : null,
          icsUrl: `/api/applications/${row.id}/interviews/${interview.id}.ics`,
        })),
      ),
      history: history.map((h) => ({
        ...h,
        // The candidate acting on their application (withdraw, confirm…): named by their number, like everywhere.
        actor: hidden && h.actor?.id === row.candidate_id ? { ...h.actor, id: null, firstName: shownCandidate.firstName, lastName: shownCandidate.lastName } : h.actor,
        message: shownText(h.message),
      })),
      refusal: row.refusal_reason ? { reason: row.refusal_reason, label: refusalReasonLabel(row.refusal_reason) } : null,
      // Internal actions (change_follow_up) are never offered: these are the people's actions.
      allowedActions: applicationRules.allowedActions(row.status, actorOf(user), partiesOf(row), rulesContext, now) as ApplicationAction[],
      waitingActions: applicationRules.waitingActions(row.status, actorOf(user), partiesOf(row), rulesContext, now) as ApplicationWaitingAction[],
      ...(companySide ? { recruiterNote: row.recruiter_note, recruiterNoteVersion: Number(row.recruiter_note_version), favourite: row.favourite_at != null } : {}),
      workflowId: row.workflow_id,
    };
  }

  return {
    async get(user: User, id: string) {
      const row = await findVisible(user, id);
      const base = await view(user, row);
      // Its match with the offer, for those who weigh it (the company, the référent, the operators): the
      // candidate is not scored in front of themselves. Only here, not after each action.
      if (user.role === 'CANDIDATE') return base;
      return { ...base, match: row.offer_id ? await candidateMatch(sequelize, row.offer_id, row.candidate_id) : null };
    },

    /** What an action answers: the application as it is now, without the match (the web keeps the one it read). */
    async afterAction(user: User, id: string) {
      return view(user, await findVisible(user, id));
    },

    /** `id`: derived from the request's Idempotency-Key — a retry finds the application it made and answers it. */
    async create(user: User, body: z.output<typeof createApplicationBody>, id?: string) {
      if (id && (await exists(id))) return this.get(user, id);
      let candidateId: string;
      if (user.role === 'CANDIDATE') {
        if (body.candidateId && body.candidateId !== user.id) throw new HttpError('FORBIDDEN', 'Un candidat ne peut candidater que pour lui-même.');
        candidateId = user.id;
      } else if (user.role === 'REFERENT') {
        if (!body.candidateId) throw invalidField('candidateId', 'choisissez le candidat pour qui vous candidatez.');
        candidateId = body.candidateId;
      } else {
        throw new HttpError('FORBIDDEN', 'Seuls un candidat, ou son référent pour lui, peuvent déposer une candidature.');
      }
      const [candidate, profile] = await Promise.all([User.findByPk(candidateId), CandidateProfile.findByPk(candidateId)]);
      if (!candidate || candidate.role !== 'CANDIDATE' || (user.role === 'REFERENT' && profile?.referentId !== user.id)) {
        throw notFound('Candidat');
      }

      let companyId: string;
      let offerId: string | null = null;
      let anonymous = false;
      if (body.offerId) {
        const offer = await Offer.findByPk(body.offerId);
        if (!offer || ['DRAFT', 'PENDING_MODERATION', 'REJECTED'].includes(offer.status)) throw notFound('Offre');
        if (offer.status !== 'PUBLISHED') {
          throw new HttpError('CONFLICT', `Cette offre n’accepte plus de candidatures (${offer.status === 'EXPIRED' ? 'expirée' : 'archivée'}).`);
        }
        if (offer.screeningQuestion && !body.screeningAnswer?.trim()) {
          throw invalidField('screeningAnswer', `cette offre pose une question, merci d’y répondre (« ${offer.screeningQuestion} »).`);
        }
        companyId = offer.companyId;
        offerId = offer.id;
        anonymous = offer.anonymous;
      } else {
        const company = await Company.findByPk(body.companyId!);
        if (!company || company.status !== 'VERIFIED') throw notFound('Entreprise');
        // The company said so on its page (« candidatures spontanées » off).
        if (!company.spontaneousApplications) throw new HttpError('CONFLICT', `${company.name} ne reçoit pas de candidatures spontanées pour le moment : postulez à l’une de ses offres.`);
        companyId = company.id;
      }
      const noSuchCv = () => invalidField('cvDocumentId', 'aucun document de ce candidat ne porte cet identifiant.');
      const cvGone = () =>
        invalidField('cvDocumentId', 'ce document vient d’être supprimé ; joignez un autre CV, ou candidatez sans.', { field: 'cvDocumentId' });
      if (body.cvDocumentId) {
        const cv = await Document.findOne({ where: { id: body.cvDocumentId, candidateId } });
        if (!cv) throw noSuchCv();
      }

      const applicationId = id ?? randomUUID();
      try {
        // Row and workflow together: if Temporal refuses the start, the row is rolled back.
        await sequelize.transaction(async (transaction) => {
          // The CV, under a key-share lock until the application is committed: a deletion of it waits,
          // then finds a live application and is refused (409); one that came first leaves no row here.
          if (body.cvDocumentId) {
            const [cv] = await sequelize.query<{ id: string }>(`SELECT id FROM documents WHERE id = :id AND candidate_id = :candidateId FOR KEY SHARE`, {
              transaction,
              type: QueryTypes.SELECT,
              replacements: { id: body.cvDocumentId, candidateId },
            });
            if (!cv) throw cvGone();
          }
          // Who follows the candidate, under a share lock: an admin moving them (or their référent) to
          // someone else waits for this application, then hands it over with the others (api/follow-ups.ts).
          // Taken after the CV's lock, in the order a deletion takes them (the document, then through
          // its trigger the profile's search document): the other order deadlocked with it.
          const followUp = await lockedFollowUpOf(sequelize, candidateId, transaction);
          if (user.role === 'REFERENT' && followUp.referentId !== user.id) throw notFound('Candidat');
          const input: ApplicationWorkflowInput = {
            applicationId,
            parties: { candidateId, companyId, ...followUp },
            offerId,
            createdBy: actorOf(user),
            message: body.message?.trim() || null,
            screeningAnswer: body.screeningAnswer?.trim() || null,
            cvDocumentId: body.cvDocumentId ?? null,
            ...(anonymous ? { anonymous } : {}),
            createdAt: new Date().toISOString(),
            timers: applicationTimers(config),
          };
          await writeApplicationCreated(sequelize, input, transaction);
          await startProcess(temporal, config.TEMPORAL_TASK_QUEUE, 'application', input);
        });
      } catch (error) {
        if (error instanceof UniqueConstraintError) {
          // The same request, retried while its first run was committing: the first answer.
          if (id && (await exists(id))) return this.get(user, id);
          throw new HttpError(
            'CONFLICT',
            constraintOf(error) === 'applications_one_live_spontaneous'
              ? 'Une candidature spontanée à cette entreprise est déjà en cours pour ce candidat.'
              : 'Une candidature à cette offre est déjà en cours pour ce candidat.',
          );
        }
        // The lock above makes this unreachable; kept so that a deleted CV is never a 500.
        if (error instanceof ForeignKeyConstraintError && /cv_document/.test(String(error.index ?? error.message))) throw cvGone();
        throw error;
      }
      return this.get(user, applicationId);
    },

    async list(user: User, query: z.output<typeof listApplicationsQuery>) {
      const scope = visibility(user);
      const conditions = [scope.where];
      const replacements: Record<string, unknown> = { ...scope.replacements };
      // A référent's list opens on what waits for them.
      const statuses = query.status ?? (user.role === 'REFERENT' || user.role === 'MISSION_OFFICER' ? ['PENDING_REFERENT_VALIDATION'] : undefined);
      if (statuses) {
        conditions.push('a.status IN (:statuses)');
        replacements.statuses = statuses;
      }
      if (query.offerId) {
        conditions.push('a.offer_id = :offerId');
        replacements.offerId = query.offerId;
      }
      if (query.candidateId) {
        conditions.push('a.candidate_id = :candidateId');
        replacements.candidateId = query.candidateId;
      }
      if (query.stage) {
        // The short list's stages are the company's (its star among them): not a filter for the candidate's side.
        if (user.role !== 'RECRUITER' && user.role !== 'ADMIN') {
          throw fieldRefusal('FORBIDDEN', 'stage', 'les étapes de la short list sont celles de l’entreprise : ce filtre est réservé à ses recruteurs.');
        }
        conditions.push(stageConditionSql('a', query.stage));
      }
      const where = conditions.map((c) => `(${c})`).join(' AND ');
      const waitingQueue = statuses?.length === 1 && statuses[0] === 'PENDING_REFERENT_VALIDATION';
      // A stage's list reads like seed 002's: by date of application, the oldest first.
      const sort = query.sort ?? (query.stage ? 'applied' : waitingQueue ? 'oldest' : 'newest');
      const order = sort === 'applied' ? 'a.created_at ASC' : `a.status_changed_at ${sort === 'oldest' ? 'ASC' : 'DESC'}`;
      const [rows, [{ total }]] = await Promise.all([
        sequelize.query<ApplicationRow>(`${SELECT_APPLICATION} WHERE ${where} ORDER BY ${order}, a.id LIMIT :limit OFFSET :offset`, {
          type: QueryTypes.SELECT,
          replacements: { ...replacements, limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
        }),
        sequelize.query<{ total: string }>(
          `SELECT count(*) AS total FROM applications a LEFT JOIN users r ON r.id = a.referent_id WHERE ${where}`,
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
          offer: row.offer_id ? { id: row.offer_id, title: row.offer_title ?? '' } : null,
          company: { id: row.company_id, name: row.company_name },
          candidate: candidateView(user, row),
          anonymity: anonymityView(user, row),
          referent: personView(row.referent_id, row.referent_first_name, row.referent_last_name),
          interviewStatus: row.interview_status,
          otherSlotRequested: row.other_slot_requested === true,
          waitingDays: Math.floor((now - new Date(row.status_changed_at).getTime()) / 86_400_000),
          screeningAnswer: textAsSeenBy(user, anonymityOf(row), identityOf(row), row.screening_answer),
          availability: row.has_profile ? { from: row.available_from } : null,
          ...(companySideOf(user, row) ? { favourite: row.favourite_at != null } : {}),
        })),
        total: Number(total),
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    /** `updateId`: derived from the request's Idempotency-Key — Temporal answers a repeated one with the first outcome. */
    async transition(user: User, id: string, body: z.output<typeof transitionBody>, updateId?: string) {
      const row = await findVisible(user, id);
      const request = { ...body, actor: actorOf(user) };
      const closed = (status: ApplicationStatus) =>
        new HttpError('ILLEGAL_TRANSITION', `La candidature est close : ${applicationRules.statusLabel[status]} (${status}).`, { status, allowedActions: [] });
      const closedNow = async () => closed((await findVisible(user, id)).status);
      if (applicationRules.isFinal(row.status)) {
        // Closed by this very request, retried after its answer was lost?
        if (await sendAgainIfWritten(temporal, sequelize, row.workflow_id, request, closedNow, updateId)) return this.afterAction(user, id);
        throw closed(row.status);
      }
      await executeTransition(temporal, row.workflow_id, request, closedNow, updateId, sequelize);
      if (body.action === 'request_other_slot') await postOtherSlotRequest(id);
      return this.afterAction(user, id);
    },

    /**
     * Optimistic concurrency: the note is written only over the version its author read
     * (`recruiterNoteVersion`); a stale version is a 409 naming who changed it, never a silent loss.
     */
    async setNote(user: User, id: string, body: z.output<typeof noteBody>) {
      const row = await findVisible(user, id);
      if (user.role !== 'RECRUITER' || user.companyId !== row.company_id) {
        throw new HttpError('FORBIDDEN', 'La note privée est réservée aux recruteurs de l’entreprise.');
      }
      const written = await sequelize.query<{ id: string }>(
        `UPDATE applications SET recruiter_note = :note, recruiter_note_version = recruiter_note_version + 1,
           recruiter_note_updated_at = now(), recruiter_note_updated_by = :me, updated_at = now()
         WHERE id = :id AND recruiter_note_version = :version RETURNING id`,
        { type: QueryTypes.SELECT, replacements: { id, me: user.id, version: body.version, note: body.note.trim() || null } },
      );
      if (!written.length) {
        const [now] = await sequelize.query<{ version: number; at: Date | null; first_name: string | null; last_name: string | null }>(
          `SELECT a.recruiter_note_version AS version, a.recruiter_note_updated_at AS at, u.first_name, u.last_name
           FROM applications a LEFT JOIN users u ON u.id = a.recruiter_note_updated_by WHERE a.id = :id`,
          { type: QueryTypes.SELECT, replacements: { id } },
        );
        const who = now?.first_name ? ` par ${now.first_name} ${now.last_name ?? ''}`.trimEnd() : '';
        const when = now?.at ? ` le ${formatParisDateTime(now.at)}` : '';
        throw fieldRefusal(
          'CONFLICT',
          'note',
          `la note a été modifiée${who}${when} depuis que vous l’avez ouverte. Rechargez la candidature pour lire la dernière version, puis enregistrez de nouveau votre texte.`,
          { field: 'note', version: body.version, currentVersion: Number(now?.version ?? 0) },
        );
      }
      return this.afterAction(user, id);
    },

    /**
     * The company's star on an application (seed 002's short list), one for all its recruiters. Under
     * the row's lock: two recruiters starring at the same instant make one star (the second finds it and
     * keeps it, who and when); a star against an unstar ends as the one that took the lock last, and
     * each answer is the state its own request left. Starring a starred one, or unstarring an unstarred
     * one, changes nothing and answers the state (200).
     */
    async setFavourite(user: User, id: string, favourite: boolean) {
      const row = await findVisible(user, id);
      if (user.role !== 'RECRUITER' || user.companyId !== row.company_id) {
        throw new HttpError('FORBIDDEN', 'Les favoris sont réservés aux recruteurs de l’entreprise.');
      }
      return sequelize.transaction(async (transaction) => {
        // The lock, then the name in a statement of its own: a join in the locking one would read the
        // star's author from before the wait (PostgreSQL re-reads only the locked row), null for the second.
        const read = async () => {
          const [now] = await sequelize.query<{ favourite_at: Date | null; favourite_by: string | null }>(
            `SELECT favourite_at, favourite_by FROM applications WHERE id = :id FOR UPDATE`,
            { type: QueryTypes.SELECT, replacements: { id }, transaction },
          );
          if (!now) throw notFound('Candidature');
          const [by] = now.favourite_by
            ? await sequelize.query<{ first_name: string; last_name: string }>(`SELECT first_name, last_name FROM users WHERE id = :by`, {
                type: QueryTypes.SELECT,
                replacements: { by: now.favourite_by },
                transaction,
              })
            : [];
          return { favourite_at: now.favourite_at, first_name: by?.first_name ?? null, last_name: by?.last_name ?? null };
        };
        let now = await read();
        if (favourite !== (now.favourite_at != null)) {
          await sequelize.query(`UPDATE applications SET favourite_at = ${favourite ? 'now()' : 'NULL'}, favourite_by = :by, updated_at = now() WHERE id = :id`, {
            replacements: { id, by: favourite ? user.id : null },
            transaction,
          });
          now = await read();
        }
        return favouriteView(now.favourite_at, now.first_name == null ? null : `${now.first_name} ${now.last_name ?? ''}`.trim());
      });
    },

    async interviewCalendar(user: User, id: string, interviewId: string): Promise<string> {
      const row = await findVisible(user, id);
      const interview = (await interviewsOf(id)).find((i) => i.id === interviewId);
      if (!interview) throw notFound('Entretien');
      const recruiter = interview.proposedBy ? await User.findByPk(interview.proposedBy) : null;
      const referent = row.referent_id ? await User.findByPk(row.referent_id) : null;
      // The company's calendar names an anonymous candidate by their number, with no address.
      const candidate = candidateAsSeenBy(user, anonymityOf(row), identityOf(row));
      const attendees = candidate.email ? [{ name: candidate.name, email: candidate.email }] : [];
      if (referent) attendees.push({ name: `${referent.firstName} ${referent.lastName}`, email: referent.email });
      const joinUrl = interview.videoRoom
        ? await jitsiJoinUrl(
            config,
            interview.videoRoom,
            roomParticipant(user, row),
            new Date(Date.parse(interview.startsAt) + interview.durationMinutes * 60_000),
          )
        : undefined;
      return interviewIcs({
        interview,
        title: `Entretien — ${row.offer_title ?? 'candidature spontanée'} (${row.company_name})`,
        organizer: recruiter ? { name: `${recruiter.firstName} ${recruiter.lastName}`, email: recruiter.email } : { name: row.company_name, email: config.MAIL_FROM },
        attendees,
        method: interview.status === 'CANCELLED' ? 'CANCEL' : 'REQUEST',
        joinUrl,
      });
    },
  };
}

/** The answer of PUT and DELETE …/favourite. */
const favouriteView = (at: Date | null, by: string | null) => ({
  favourite: at != null,
  favouriteAt: at ? new Date(at).toISOString() : null,
  favouriteBy: at && by ? { name: by } : null,
});

/**
 * The short list's counters of each offer (seed 002), in one query for a page of offers: the
 * applications the reader's company sees, in each stage as workflows/shortlist.ts defines it — the
 * condition GET /api/applications?stage= lists with, so a counter is the length of its list.
 */
export async function shortlistCounts(sequelize: Sequelize, user: User, offerIds: string[]): Promise<Map<string, Record<ShortlistStage, number>>> {
  const counts = new Map<string, Record<ShortlistStage, number>>();
  const none = () => Object.fromEntries(SHORTLIST_STAGES.map((stage) => [stage, 0])) as Record<ShortlistStage, number>;
  for (const id of offerIds) counts.set(id, none());
  if (!offerIds.length) return counts;
  const scope = visibility(user);
  const rows = await sequelize.query<Record<string, string>>(
    `SELECT a.offer_id, ${SHORTLIST_STAGES.map((stage) => `count(*) FILTER (WHERE ${stageConditionSql('a', stage)}) AS "${stage}"`).join(', ')}
       FROM applications a WHERE a.offer_id IN (:offerIds) AND (${scope.where}) GROUP BY a.offer_id`,
    { type: QueryTypes.SELECT, replacements: { ...scope.replacements, offerIds } },
  );
  for (const row of rows) counts.set(row.offer_id!, Object.fromEntries(SHORTLIST_STAGES.map((stage) => [stage, Number(row[stage])])) as Record<ShortlistStage, number>);
  return counts;
}

/** Who the reader is in the video room: the candidate of an anonymous application goes by the name the company reads. */
function roomParticipant(user: User, row: ApplicationRow) {
  const self = user.role === 'CANDIDATE' && user.id === row.candidate_id;
  const hiddenFromCompany = self && identityHidden({ role: 'RECRUITER' }, anonymityOf(row));
  return hiddenFromCompany
    ? { id: user.id, name: anonymityView(user, row).companyReadsAs, email: '', moderator: false }
    : { id: user.id, name: `${user.firstName} ${user.lastName}`, email: user.email, moderator: user.role === 'RECRUITER' };
}

/** The application's timers, from the settings: days in production, seconds in tests (workflow input). */
export function applicationTimers(
  config: Pick<Config, 'REFERENT_REMINDER_AFTER' | 'REFERENT_ESCALATION_AFTER' | 'RECRUITER_REMINDER_AFTER' | 'INTERVIEW_REMINDER_BEFORE' | 'CONTACT_REMINDER_AFTER'>,
): ApplicationWorkflowInput['timers'] {
  return {
    referentReminderMs: config.REFERENT_REMINDER_AFTER,
    referentEscalationMs: config.REFERENT_ESCALATION_AFTER,
    recruiterReminderMs: config.RECRUITER_REMINDER_AFTER,
    interviewReminderBeforeMs: config.INTERVIEW_REMINDER_BEFORE,
    contactReminderMs: config.CONTACT_REMINDER_AFTER,
  };
}
