// Working a CVthèque profile (issue #17, item 6): a company reads a consenting candidate's profile
// (each view recorded, the candidate not told), downloads their CV (recorded), keeps a private comment
// (optimistic version) and a decision, and asks for contact through contactRequestWorkflow. Nothing
// names the candidate to a company before an ACCEPTED request. Contact requests are read and answered
// here too (the candidate, their référent; the company cancels).
import { metierLabel } from '../../workflows/metiers.js';
import { knownSoftSkills } from '../../workflows/soft-skills.js';
import { randomUUID } from 'node:crypto';
import type { ReadStream } from 'node:fs';
import type { Client } from '@temporalio/client';
import { QueryTypes, UniqueConstraintError, type Sequelize, type Transaction } from 'sequelize';
import type { z } from 'zod';
import { writeContactRequestCreated } from '../../activities/contact-request.js';
import { formatParisDateTime } from '../../activities/ics.js';
import { readProcessHistory } from '../../activities/process-events.js';
import type { Config } from '../../config/env.js';
import type { User } from '../../models/index.js';
import { activeRecruiterSql } from '../../models/recruiters.js';
import type { Actor } from '../../workflows/actors.js';
import { contactRequestRules, profileReference, type ContactRequestStatus } from '../../workflows/contact-request-rules.js';
import type { ContactRequestWorkflowInput } from '../../workflows/contact-request.js';
import { DocumentStorage } from '../documents/storage.js';
import { HttpError, fieldRefusal, notFound } from '../errors.js';
import { executeTransition, sendAgainIfWritten, startProcess } from '../transitions.js';
import type { commentBody, contactBody, contactTransitionBody, decisionBody, listContactRequestsQuery } from './schemas.js';

interface Deps {
  sequelize: Sequelize;
  temporal: Client;
  config: Config;
}

/** Who reads the CVthèque: a verified company's recruiter (recorded for the company) or an admin (not recorded). */
type Reader = { kind: 'company'; companyId: string; user: User } | { kind: 'admin'; user: User };

const PROFILE_NOT_FOUND = 'Profil';
const ONLY_RECRUITERS = 'Réservé aux recruteurs d’une entreprise vérifiée.';

/** A profile a company may see: the candidate consents to the CVthèque and their account is active. */
const VISIBLE_PROFILE = `p.cvtheque_visible_at IS NOT NULL AND u.role = 'CANDIDATE' AND u.disabled_at IS NULL`;

/** The actor sent to a workflow: ids and role, no name (histories keep no personal data). */
const bareActor = (user: User): Actor => ({ id: user.id, role: user.role, companyId: user.companyId ?? null });

const iso = (value: Date | string | null | undefined) => (value ? new Date(value).toISOString() : null);

interface ContactRow {
  id: string;
  status: ContactRequestStatus;
  status_changed_at: Date;
  created_at: Date;
  expires_at: Date;
  message: string;
  workflow_id: string;
  company_id: string;
  company_name: string;
  candidate_id: string;
  referent_id: string | null;
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
}

const SELECT_CONTACT = `
  SELECT r.id, r.status, r.status_changed_at, r.created_at, r.expires_at, r.message, r.workflow_id, r.company_id,
         c.name AS company_name, r.candidate_id, r.referent_id, u.first_name, u.last_name, u.email, u.phone
  FROM contact_requests r JOIN companies c ON c.id = r.company_id JOIN users u ON u.id = r.candidate_id`;

function contactScope(user: User): { where: string; replacements: Record<string, unknown> } {
  switch (user.role) {
    case 'ADMIN':
      return { where: 'TRUE', replacements: {} };
    case 'CANDIDATE':
      return { where: 'r.candidate_id = :me', replacements: { me: user.id } };
    case 'REFERENT':
      return { where: 'r.referent_id = :me', replacements: { me: user.id } };
    case 'RECRUITER':
      return { where: 'r.company_id = :company', replacements: { company: user.companyId ?? null } };
    default:
      throw new HttpError('FORBIDDEN', 'Les demandes de contact concernent les candidats, leurs référents et les recruteurs.');
  }
}

const CV_EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.oasis.opendocument.text': 'odt',
};

export function cvthequeWorkService({ sequelize, temporal, config }: Deps) {
  const storage = new DocumentStorage(config.DATA_DIR);

  /** A verified company's active recruiter, or an admin; 403 for anyone else. */
  async function readerOf(user: User): Promise<Reader> {
    if (user.role === 'ADMIN') return { kind: 'admin', user };
    if (user.role !== 'RECRUITER' || !user.companyId) throw new HttpError('FORBIDDEN', ONLY_RECRUITERS);
    const [row] = await sequelize.query<{ ok: boolean }>(
      `SELECT (c.status = 'VERIFIED' AND ${activeRecruiterSql('u')}) AS ok FROM users u JOIN companies c ON c.id = u.company_id WHERE u.id = :id`,
      { type: QueryTypes.SELECT, replacements: { id: user.id } },
    );
    if (!row?.ok) throw new HttpError('FORBIDDEN', ONLY_RECRUITERS);
    return { kind: 'company', companyId: user.companyId, user };
  }

  async function companyOf(user: User): Promise<{ companyId: string }> {
    const reader = await readerOf(user);
    if (reader.kind !== 'company') throw new HttpError('FORBIDDEN', 'Réservé aux recruteurs de l’entreprise : un administrateur consulte sans agir.');
    return reader;
  }

  /** The profile's row if visible (locked when asked), or a 404. */
  async function visibleProfile(candidateId: string, transaction?: Transaction) {
    const [row] = await sequelize.query<Record<string, any>>(
      `SELECT p.*, u.first_name, u.last_name, u.email, u.phone FROM candidate_profiles p JOIN users u ON u.id = p.user_id
       WHERE p.user_id = :id AND ${VISIBLE_PROFILE} ${transaction ? 'FOR SHARE OF p' : ''}`,
      { type: QueryTypes.SELECT, replacements: { id: candidateId }, transaction },
    );
    if (!row) throw notFound(PROFILE_NOT_FOUND);
    return row;
  }

  function contactView(user: User, row: ContactRow) {
    const candidateSide = user.role !== 'RECRUITER';
    const shown = candidateSide || row.status === 'ACCEPTED';
    return {
      id: row.id,
      status: row.status,
      statusChangedAt: iso(row.status_changed_at)!,
      createdAt: iso(row.created_at)!,
      expiresAt: iso(row.expires_at)!,
      message: row.message,
      company: { id: row.company_id, name: row.company_name },
      candidateId: row.candidate_id,
      reference: profileReference(row.candidate_id),
      candidate: shown ? { firstName: row.first_name, lastName: row.last_name, email: row.email, phone: row.phone } : null,
      allowedActions: contactRequestRules.allowedActions(row.status, bareActor(user), { candidateId: row.candidate_id, companyId: row.company_id, referentId: row.referent_id }),
    };
  }

  async function findContact(user: User, id: string): Promise<ContactRow> {
    const scope = contactScope(user);
    const [row] = await sequelize.query<ContactRow>(`${SELECT_CONTACT} WHERE r.id = :id AND (${scope.where})`, {
      type: QueryTypes.SELECT,
      replacements: { ...scope.replacements, id },
    });
    if (!row) throw notFound('Demande de contact');
    return row;
  }

  async function recordEvent(companyId: string, candidateId: string, actorId: string, type: string, transaction?: Transaction) {
    await sequelize.query(`INSERT INTO cvtheque_events (company_id, candidate_id, actor_id, type) VALUES (:companyId, :candidateId, :actorId, :type)`, {
      replacements: { companyId, candidateId, actorId, type },
      transaction,
    });
  }

  async function profileView(reader: Reader, candidateId: string) {
    const p = await visibleProfile(candidateId);
    const companyId = reader.kind === 'company' ? reader.companyId : null;
    const [places, [commune], [cv], [own], [latest]] = await Promise.all([
      sequelize.query<Record<string, any>>(
        `SELECT cp.insee, cp.radius_km, co.name, co.department FROM candidate_places cp JOIN communes co ON co.insee = cp.insee WHERE cp.candidate_id = :id ORDER BY co.name`,
        { type: QueryTypes.SELECT, replacements: { id: candidateId } },
      ),
      p.commune_insee
        ? sequelize.query<Record<string, any>>(`SELECT insee, name, department FROM communes WHERE insee = :insee`, { type: QueryTypes.SELECT, replacements: { insee: p.commune_insee } })
        : Promise.resolve([]),
      sequelize.query<Record<string, any>>(`SELECT id, text_status, created_at FROM documents WHERE candidate_id = :id AND kind = 'CV' ORDER BY created_at DESC, id LIMIT 1`, {
        type: QueryTypes.SELECT,
        replacements: { id: candidateId },
      }),
      companyId
        ? sequelize.query<Record<string, any>>(`SELECT * FROM cvtheque_company_candidates WHERE company_id = :companyId AND candidate_id = :id`, {
            type: QueryTypes.SELECT,
            replacements: { companyId, id: candidateId },
          })
        : Promise.resolve([]),
      companyId
        ? sequelize.query<ContactRow>(`${SELECT_CONTACT} WHERE r.company_id = :companyId AND r.candidate_id = :id ORDER BY (r.status = 'PENDING') DESC, r.created_at DESC LIMIT 1`, {
            type: QueryTypes.SELECT,
            replacements: { companyId, id: candidateId },
          })
        : Promise.resolve([]),
    ]);
    const accepted = companyId
      ? (
          await sequelize.query(`SELECT 1 FROM contact_requests WHERE company_id = :companyId AND candidate_id = :id AND status = 'ACCEPTED' LIMIT 1`, {
            type: QueryTypes.SELECT,
            replacements: { companyId, id: candidateId },
          })
        ).length > 0
      : false;
    return {
      candidateId,
      reference: profileReference(candidateId),
      headline: p.headline ?? null,
      summary: p.summary ?? null,
      metiers: p.metiers ?? [],
      metierTitles: ((p.metiers ?? []) as string[]).map(metierLabel),
      skills: p.skills ?? [],
      softSkills: knownSoftSkills(p.soft_skills ?? []),
      experiences: p.experiences ?? [],
      experienceMonths: Number(p.experience_months ?? 0),
      diplomas: p.diplomas ?? [],
      educationLevel: p.education_level ?? null,
      languages: p.languages ?? [],
      drivingLicences: p.driving_licences ?? [],
      contractTypes: p.contract_types ?? [],
      workingTimes: p.working_times ?? [],
      remote: p.remote ?? null,
      availableFrom: p.available_from ? String(p.available_from).slice(0, 10) : null,
      commune: commune ? { insee: commune.insee, name: commune.name, department: commune.department } : null,
      places: places.map((pl) => ({ insee: pl.insee, name: pl.name, department: pl.department, radiusKm: Number(pl.radius_km) })),
      // RQTH is health data: shown only under its own consent.
      rqth: p.rqth_shared_at ? !!p.rqth : null,
      cv: cv ? { textStatus: cv.text_status ?? null, uploadedAt: iso(cv.created_at)! } : null,
      updatedAt: iso(p.updated_at)!,
      lastActivityAt: iso(p.last_activity_at)!,
      company: companyId
        ? {
            firstSeenAt: iso(own?.first_seen_at),
            lastSeenAt: iso(own?.last_seen_at),
            comment: own?.comment ?? null,
            commentVersion: Number(own?.version ?? 0),
            commentUpdatedAt: iso(own?.comment_updated_at),
            decision: own?.decision ?? null,
            decidedAt: iso(own?.decided_at),
          }
        : null,
      contactRequest: latest ? contactView(reader.user, latest) : null,
      contact: accepted ? { firstName: p.first_name, lastName: p.last_name, email: p.email, phone: p.phone ?? null } : null,
    };
  }

  /** The company's row for this candidate, created on first touch. */
  const ensureOwnRow = (companyId: string, candidateId: string, transaction?: Transaction) =>
    sequelize.query(`INSERT INTO cvtheque_company_candidates (company_id, candidate_id) VALUES (:companyId, :candidateId) ON CONFLICT DO NOTHING`, {
      replacements: { companyId, candidateId },
      transaction,
    });

  return {
    /** The profile as a company sees it; a recruiter's view is recorded (event + seen times), an admin's is not. */
    async getProfile(user: User, candidateId: string) {
      const reader = await readerOf(user);
      await visibleProfile(candidateId);
      if (reader.kind === 'company') {
        await sequelize.transaction(async (transaction) => {
          await sequelize.query(
            `INSERT INTO cvtheque_company_candidates (company_id, candidate_id, first_seen_at, last_seen_at) VALUES (:companyId, :candidateId, now(), now())
             ON CONFLICT (company_id, candidate_id) DO UPDATE SET first_seen_at = coalesce(cvtheque_company_candidates.first_seen_at, now()), last_seen_at = now()`,
            { replacements: { companyId: reader.companyId, candidateId }, transaction },
          );
          await recordEvent(reader.companyId, candidateId, user.id, 'VIEWED', transaction);
        });
      }
      return profileView(reader, candidateId);
    },

    /** The latest CV, recorded as downloaded for the company; its name says nothing of who it is. */
    async downloadCv(user: User, candidateId: string, record: boolean): Promise<{ stream: ReadStream; size: number; mimeType: string; filename: string }> {
      const reader = await readerOf(user);
      await visibleProfile(candidateId);
      const [doc] = await sequelize.query<{ storage_key: string; mime_type: string }>(
        `SELECT storage_key, mime_type FROM documents WHERE candidate_id = :id AND kind = 'CV' ORDER BY created_at DESC, id LIMIT 1`,
        { type: QueryTypes.SELECT, replacements: { id: candidateId } },
      );
      if (!doc) throw notFound('CV');
      const file = await storage.read(doc.storage_key);
      if (!file) throw notFound('CV');
      if (record && reader.kind === 'company') await recordEvent(reader.companyId, candidateId, user.id, 'CV_DOWNLOADED');
      const reference = profileReference(candidateId).replace(/^Profil n° /, '');
      return { ...file, mimeType: doc.mime_type, filename: `cv-${reference}.${CV_EXTENSIONS[doc.mime_type] ?? 'bin'}` };
    },

    /** The company's private comment, written only over the version read (else 409 with the current text). */
    async setComment(user: User, candidateId: string, body: z.output<typeof commentBody>) {
      const { companyId } = await companyOf(user);
      await visibleProfile(candidateId);
      await ensureOwnRow(companyId, candidateId);
      const written = await sequelize.query(
        `UPDATE cvtheque_company_candidates SET comment = :comment, version = version + 1, comment_updated_at = now(), comment_updated_by = :me
         WHERE company_id = :companyId AND candidate_id = :candidateId AND version = :version RETURNING version`,
        { type: QueryTypes.SELECT, replacements: { companyId, candidateId, me: user.id, version: body.version, comment: body.comment.trim() || null } },
      );
      if (!written.length) {
        const [now] = await sequelize.query<Record<string, any>>(
          `SELECT o.comment, o.version, o.comment_updated_at, u.first_name, u.last_name FROM cvtheque_company_candidates o
           LEFT JOIN users u ON u.id = o.comment_updated_by WHERE o.company_id = :companyId AND o.candidate_id = :candidateId`,
          { type: QueryTypes.SELECT, replacements: { companyId, candidateId } },
        );
        const who = now?.first_name ? ` par ${now.first_name} ${now.last_name ?? ''}`.trimEnd() : '';
        const when = now?.comment_updated_at ? ` le ${formatParisDateTime(new Date(now.comment_updated_at))}` : '';
        throw fieldRefusal(
          'CONFLICT',
          'comment',
          `le commentaire a été modifié${who}${when} depuis que vous l’avez ouvert. Relisez la dernière version ci-dessous, puis enregistrez de nouveau votre texte.`,
          { field: 'comment', version: body.version, currentVersion: Number(now?.version ?? 0), currentComment: now?.comment ?? null },
        );
      }
      await recordEvent(companyId, candidateId, user.id, 'COMMENTED');
      return profileView({ kind: 'company', companyId, user }, candidateId);
    },

    /** Retain, discard, or neither (null): the company's own sorting, never told to the candidate. */
    async setDecision(user: User, candidateId: string, body: z.output<typeof decisionBody>) {
      const { companyId } = await companyOf(user);
      await visibleProfile(candidateId);
      await sequelize.transaction(async (transaction) => {
        await ensureOwnRow(companyId, candidateId, transaction);
        await sequelize.query(
          `UPDATE cvtheque_company_candidates SET decision = :decision, decided_at = CASE WHEN :decision::text IS NULL THEN NULL ELSE now() END,
             decided_by = CASE WHEN :decision::text IS NULL THEN NULL ELSE :me::uuid END
           WHERE company_id = :companyId AND candidate_id = :candidateId`,
          { replacements: { companyId, candidateId, decision: body.decision, me: user.id }, transaction },
        );
        await recordEvent(companyId, candidateId, user.id, body.decision ?? 'DECISION_CLEARED', transaction);
      });
      return profileView({ kind: 'company', companyId, user }, candidateId);
    },

    /** A contact request: row and workflow together; a second one while one waits is a 409. */
    async requestContact(user: User, candidateId: string, body: z.output<typeof contactBody>, id?: string) {
      const { companyId } = await companyOf(user);
      if (id) {
        const existing = await sequelize.query<ContactRow>(`${SELECT_CONTACT} WHERE r.id = :id AND r.company_id = :companyId`, { type: QueryTypes.SELECT, replacements: { id, companyId } });
        if (existing[0]) return contactView(user, existing[0]);
      }
      const contactRequestId = id ?? randomUUID();
      try {
        await sequelize.transaction(async (transaction) => {
          const profile = await visibleProfile(candidateId, transaction);
          const input: ContactRequestWorkflowInput = {
            contactRequestId,
            parties: { candidateId, companyId, referentId: profile.referent_id ?? null },
            createdBy: bareActor(user),
            createdAt: new Date().toISOString(),
            timers: { reminderMs: config.CONTACT_REQUEST_REMINDER_AFTER, expiresMs: config.CONTACT_REQUEST_EXPIRES_AFTER },
          };
          await writeContactRequestCreated(sequelize, input, body.message, transaction);
          await recordEvent(companyId, candidateId, user.id, 'CONTACT_REQUESTED', transaction);
          await startProcess(temporal, config.TEMPORAL_TASK_QUEUE, 'contactRequest', input);
        });
      } catch (error) {
        if (error instanceof UniqueConstraintError) {
          throw new HttpError('CONFLICT', 'Une demande de contact de votre entreprise attend déjà la réponse de cette personne.');
        }
        throw error;
      }
      return contactView(user, await findContact(user, contactRequestId));
    },

    async listContactRequests(user: User, query: z.output<typeof listContactRequestsQuery>) {
      const scope = contactScope(user);
      const conditions = [scope.where];
      const replacements: Record<string, unknown> = { ...scope.replacements };
      if (query.status) {
        conditions.push('r.status IN (:statuses)');
        replacements.statuses = query.status;
      }
      const where = conditions.map((c) => `(${c})`).join(' AND ');
      const [rows, [{ total }]] = await Promise.all([
        sequelize.query<ContactRow>(`${SELECT_CONTACT} WHERE ${where} ORDER BY (r.status = 'PENDING') DESC, r.created_at DESC, r.id LIMIT :limit OFFSET :offset`, {
          type: QueryTypes.SELECT,
          replacements: { ...replacements, limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
        }),
        sequelize.query<{ total: string }>(`SELECT count(*) AS total FROM contact_requests r WHERE ${where}`, { type: QueryTypes.SELECT, replacements }),
      ]);
      return { items: rows.map((row) => contactView(user, row)), total: Number(total), page: query.page, pageSize: query.pageSize };
    },

    async getContactRequest(user: User, id: string) {
      const row = await findContact(user, id);
      return { ...contactView(user, row), history: (await readProcessHistory(sequelize, 'contactRequest', id)).map((e) => ({ ...e, actor: user.role === 'RECRUITER' && e.actor?.role !== 'RECRUITER' ? null : e.actor })) };
    },

    async transition(user: User, id: string, body: z.output<typeof contactTransitionBody>, updateId?: string) {
      const row = await findContact(user, id);
      const closed = (status: ContactRequestStatus) =>
        new HttpError('ILLEGAL_TRANSITION', `La demande de contact est close : ${contactRequestRules.statusLabel[status]} (${status}).`, { status, allowedActions: [] });
      const request = { action: body.action, actor: bareActor(user) };
      const closedNow = async () => closed((await findContact(user, id)).status);
      if (contactRequestRules.isFinal(row.status)) {
        // Closed by this very request, retried after its answer was lost?
        if (await sendAgainIfWritten(temporal, sequelize, row.workflow_id, request, closedNow, updateId)) return this.getContactRequest(user, id);
        throw closed(row.status);
      }
      await executeTransition(temporal, row.workflow_id, request, closedNow, updateId, sequelize);
      return this.getContactRequest(user, id);
    },
  };
}
