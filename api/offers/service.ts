// Offers: who may see which, creation and duplication (row, then workflow), edits of the fields (in
// DRAFT or REJECTED only, by the company's recruiters), the public listing with its filters, the
// company's own offers and the moderation queue, all read from the projection; transitions sent to
// offerModerationWorkflow as Updates.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { z } from 'zod';
import { insertProcessEvent, readProcessHistory } from '../../activities/process-events.js';
import { preparedQuery } from '../../models/prepared.js';
import type { Config } from '../../config/env.js';
import type { Logger } from '../../config/logger.js';
import { Company, type User } from '../../models/index.js';
import { departmentOf } from '../../workflows/departments.js';
import type { OfferEditData } from '../../activities/offer.js';
import {
  OFFER_EDIT_FIELDS,
  OFFER_FIELD_LABEL,
  PUBLICATION_DAYS,
  isEditable,
  isOfferInsider,
  offerRules,
  type ContractType,
  type OfferEdit,
  type OfferParties,
  type OfferStatus,
  type RemoteMode,
} from '../../workflows/offer-rules.js';
import { offerWarnings } from '../../workflows/offer-wording.js';
import { metierLabel } from '../../workflows/metiers.js';
import { NO_IDEAL_CANDIDATE, idealCandidateOf, type IdealCandidate } from '../../workflows/offer-ideal-candidate.js';
import { resolveIdealPlace } from './ideal-candidate.js';
import type { OfferWorkflowInput } from '../../workflows/offer.js';
import { addDays, parisDate } from '../../workflows/paris-time.js';
import { workflowIdOf } from '../../workflows/processes.js';
import { actorOf } from '../auth.js';
import { HttpError, invalidField, invalidRequest, notFound } from '../errors.js';
import { companyPageIsPublic } from '../company-page/visibility.js';
import { exportCounts } from '../exports/service.js';
import { shortlistCounts } from '../applications/service.js';
import { earlierTransition, executeTransition, sendAgainIfWritten, startProcess } from '../transitions.js';
import {
  offerFields,
  type companyOffersQuery,
  type createOfferBody,
  type editOfferFields,
  type listOffersQuery,
  type moderationQueueQuery,
  type offerTransitionBody,
  type updateOfferBody,
} from './schemas.js';
import { isOnline, offerOnline } from './online.js';

interface Deps {
  sequelize: Sequelize;
  temporal: Client;
  config: Config;
}

interface OfferRow {
  id: string;
  company_id: string;
  company_name: string;
  created_by: string | null;
  title: string;
  contract_type: ContractType;
  contract_duration_months: number | null;
  experience: string | null;
  education: string | null;
  postal_code: string;
  city: string;
  departments: string[];
  job_family: string | null;
  job: string | null;
  description: string;
  salary_min: number | null;
  salary_max: number | null;
  remote: RemoteMode;
  start_date: string | null;
  screening_question: string | null;
  chosen_end_date: string | null;
  anonymous: boolean;
  status: OfferStatus;
  status_changed_at: Date;
  published_at: Date | null;
  expires_at: Date | null;
  workflow_id: string | null;
  duplicated_from: string | null;
  company_page_published: boolean;
  /** jsonb, read through idealCandidateOf. */
  ideal_candidate: unknown;
  /** The ideal candidate's commune, for reading. */
  ideal_place: { name: string; postalCodes: string[]; department: string; approximate: boolean } | null;
  created_at: Date;
  updated_at: Date;
}

const SELECT_OFFER = `
  SELECT o.id, o.company_id, c.name AS company_name, o.created_by, o.title, o.contract_type, o.contract_duration_months,
         o.experience, o.education, o.postal_code, o.city, o.departments, o.job_family, o.job, o.description,
         o.salary_min, o.salary_max, o.remote, to_char(o.start_date, 'YYYY-MM-DD') AS start_date, o.screening_question,
         to_char(o.chosen_end_date, 'YYYY-MM-DD') AS chosen_end_date, o.anonymous, o.status, o.status_changed_at, o.published_at,
         o.expires_at, o.workflow_id, o.duplicated_from, o.created_at, o.updated_at, ${companyPageIsPublic('c')} AS company_page_published,
         o.ideal_candidate, (SELECT json_build_object('name', name, 'postalCodes', postal_codes, 'department', department, 'approximate', approximate)
            FROM communes WHERE insee = o.ideal_candidate->'place'->>'insee') AS ideal_place
  FROM offers o JOIN companies c ON c.id = o.company_id`;

/** The fields as the API names them, from a row: what an edit is merged into. */
const fieldsOf = (row: OfferRow) => ({
  title: row.title,
  contractType: row.contract_type,
  contractDurationMonths: row.contract_duration_months,
  experience: row.experience,
  education: row.education,
  postalCode: row.postal_code,
  city: row.city,
  departments: row.departments,
  jobFamily: row.job_family,
  job: row.job,
  description: row.description,
  salaryMin: row.salary_min,
  salaryMax: row.salary_max,
  remote: row.remote,
  startDate: row.start_date,
  screeningQuestion: row.screening_question,
  chosenEndDate: row.chosen_end_date,
  idealCandidate: idealCandidateOf(row.ideal_candidate),
  anonymous: row.anonymous,
});

/** The ideal candidate as the offer's page reads it: the métier's title and the commune beside their codes. */
function idealCandidateView(row: OfferRow) {
  const ideal = idealCandidateOf(row.ideal_candidate);
  return {
    ...ideal,
    metierLabel: ideal.metier ? metierLabel(ideal.metier) : null,
    place: ideal.place ? { ...ideal.place, commune: row.ideal_place ? { insee: ideal.place.insee, ...row.ideal_place } : null } : null,
  };
}

type Fields = z.output<typeof offerFields>;

/** Column values of the fields, with the defaults (remote NONE, the postal code's département). */
function columnsOf(fields: Fields) {
  const department = departmentOf(fields.postalCode);
  return {
    title: fields.title,
    contractType: fields.contractType,
    contractDurationMonths: fields.contractDurationMonths ?? null,
    experience: fields.experience ?? null,
    education: fields.education ?? null,
    postalCode: fields.postalCode,
    city: fields.city,
    departments: fields.departments?.length ? [...new Set(fields.departments)] : department ? [department] : [],
    jobFamily: fields.jobFamily ?? null,
    job: fields.job ?? null,
    description: fields.description,
    salaryMin: fields.salaryMin ?? null,
    salaryMax: fields.salaryMax ?? null,
    remote: fields.remote ?? 'NONE',
    startDate: fields.startDate ?? null,
    screeningQuestion: fields.screeningQuestion ?? null,
    chosenEndDate: fields.chosenEndDate ?? null,
    // One shape, keys in one order: an edit compares it with the stored one.
    idealCandidate: idealCandidateOf(fields.idealCandidate ?? NO_IDEAL_CANDIDATE),
    anonymous: fields.anonymous ?? false,
  };
}

const FIELD_SETS = `title = :title, contract_type = :contractType, contract_duration_months = :contractDurationMonths,
  experience = :experience, education = :education, postal_code = :postalCode, city = :city,
  departments = array_remove(ARRAY[:departments]::text[], NULL), job_family = :jobFamily, job = :job, description = :description,
  salary_min = :salaryMin, salary_max = :salaryMax, remote = :remote, start_date = :startDate,
  screening_question = :screeningQuestion, chosen_end_date = :chosenEndDate, ideal_candidate = CAST(:idealCandidate AS jsonb), anonymous = :anonymous`;

/** Sequelize expands an empty array to nothing: ARRAY[]::text[] needs a value, NULL then stripped. */
const departmentsParam = (departments: string[]) => (departments.length ? departments : [null]);

/** The columns as SQL replacements: the départements as an array, the ideal candidate as JSON text. */
const columnParams = (columns: ReturnType<typeof columnsOf>) => ({
  ...columns,
  departments: departmentsParam(columns.departments),
  idealCandidate: JSON.stringify(columns.idealCandidate),
});

/**
 * The offer as an edit leaves it, checked whole (a CDD keeps a duration…), as columns. A département
 * list left as it was follows a new postal code. `keepEndDate`: a published offer's edit, whose end
 * of publication stays as it is (not checked again: it may be today).
 */
function editedColumns(row: OfferRow, patch: Partial<Fields>, keepEndDate = false) {
  const merged = offerFields.safeParse({ ...fieldsOf(row), ...patch, ...(keepEndDate ? { chosenEndDate: null } : {}) });
  if (!merged.success) throw invalidRequest(merged.error);
  const columns = columnsOf(merged.data);
  if (keepEndDate) columns.chosenEndDate = row.chosen_end_date;
  if (patch.departments === undefined && patch.postalCode && patch.postalCode !== row.postal_code) {
    const before = departmentOf(row.postal_code);
    if (row.departments.length <= 1 && (row.departments[0] ?? null) === before) {
      const after = departmentOf(patch.postalCode);
      columns.departments = after ? [after] : [];
    }
  }
  return columns;
}

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

const partiesOf = (row: OfferRow): OfferParties => ({ companyId: row.company_id });

/** Public history: that it was published and when it went offline, without who or why. */
const PUBLIC_EVENTS = ['approve', 'expired', 'archive'];

function summaryOf(description: string): string {
  const flat = description.replace(/\s+/g, ' ').trim();
  return flat.length <= 240 ? flat : `${flat.slice(0, 240).replace(/\s\S*$/, '')}…`;
}

/** The offer's company, and whether its page is public (a link to /entreprises/:id). */
const companyOf = (row: OfferRow) => ({ id: row.company_id, name: row.company_name, pagePublished: row.company_page_published });

const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);

function listItem(row: OfferRow, withWarnings = false) {
  return {
    id: row.id,
    status: row.status,
    statusChangedAt: new Date(row.status_changed_at).toISOString(),
    createdAt: new Date(row.created_at).toISOString(),
    publishedAt: iso(row.published_at),
    expiresAt: iso(row.expires_at),
    title: row.title,
    contractType: row.contract_type,
    contractDurationMonths: row.contract_duration_months,
    postalCode: row.postal_code,
    city: row.city,
    departments: row.departments,
    jobFamily: row.job_family,
    job: row.job,
    salaryMin: row.salary_min,
    salaryMax: row.salary_max,
    remote: row.remote,
    anonymous: row.anonymous,
    company: companyOf(row),
    summary: summaryOf(row.description),
    ...(withWarnings ? { warningCount: offerWarnings(fieldsOf(row)).length } : {}),
  };
}

export function offerService({ sequelize, temporal, config }: Deps) {
  async function findRow(id: string, transaction?: Transaction): Promise<OfferRow | undefined> {
    // Prepared (models/prepared.ts): every action on an offer reads it before and after.
    const [row] = await preparedQuery<OfferRow>(sequelize, `${SELECT_OFFER} WHERE o.id = :id`, { id }, { transaction });
    return row;
  }

  /** Published offers to anyone signed in; every status to the company's recruiters and the admins; else 404. */
  async function findVisible(user: User, id: string): Promise<OfferRow> {
    const row = await findRow(id);
    if (!row || (row.status !== 'PUBLISHED' && !isOfferInsider(actorOf(user), partiesOf(row)))) throw notFound('Offre');
    return row;
  }

  async function view(user: User, row: OfferRow) {
    const actor = actorOf(user);
    const insider = isOfferInsider(actor, partiesOf(row));
    const history = await readProcessHistory(sequelize, 'offer', row.id);
    return {
      id: row.id,
      status: row.status,
      statusChangedAt: new Date(row.status_changed_at).toISOString(),
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
      publishedAt: iso(row.published_at),
      expiresAt: iso(row.expires_at),
      ...fieldsOf(row),
      idealCandidate: idealCandidateView(row),
      company: companyOf(row),
      duplicatedFrom: insider ? row.duplicated_from : null,
      history: insider ? history : history.filter((h) => PUBLIC_EVENTS.includes(h.type)).map((h) => ({ ...h, actor: null, message: null })),
      allowedActions: offerRules.allowedActions(row.status, actor, partiesOf(row)),
      warnings: insider ? offerWarnings(fieldsOf(row)) : [],
      ...(insider ? { workflowId: workflowIdOf('offer', row.id), lastEdit: await lastEdit(row), exports: (await exportCounts(sequelize, user, [row.id])).get(row.id) } : {}),
    };
  }

  /** The published offer's last edit not yet published again: each changed field, before and now. */
  async function lastEdit(row: OfferRow) {
    const [edit] = await preparedQuery<{ at: Date; data: OfferEditData }>(
      sequelize,
      `SELECT e.at, e.data FROM offer_events e
       WHERE e.offer_id = :id AND e.type = 'edit'
         AND NOT EXISTS (SELECT 1 FROM offer_events a WHERE a.offer_id = e.offer_id AND a.type = 'approve' AND a.seq > e.seq)
       ORDER BY e.seq DESC LIMIT 1`,
      { id: row.id },
    );
    if (!edit) return null;
    const now = fieldsOf(row);
    return {
      at: new Date(edit.at).toISOString(),
      changes: (edit.data.fields ?? []).map((field) => ({ field, label: OFFER_FIELD_LABEL[field] ?? field, before: edit.data.before?.[field] ?? null, after: now[field] ?? null })),
    };
  }

  /** A body whose ideal candidate names a place: its commune resolved (a postal code to its INSEE code), else a 400. */
  async function withIdealPlace<T extends { idealCandidate?: IdealCandidate | null }>(body: T): Promise<T> {
    if (!body.idealCandidate?.place) return body;
    return { ...body, idealCandidate: await resolveIdealPlace(sequelize, body.idealCandidate) };
  }

  const closedError = (row: OfferRow) =>
    new HttpError('ILLEGAL_TRANSITION', `L’offre est close : ${offerRules.statusLabel[row.status]} (${row.status}).`, { status: row.status, allowedActions: [] });

  /**
   * Writes a new DRAFT and its first event, then starts its workflow; the row goes if the start fails.
   * `givenId` (derived from an Idempotency-Key): a draft this request already wrote is kept as it is,
   * its workflow started if it has none yet.
   */
  async function createDraft(user: User, fields: Fields, duplicatedFrom: { id: string; title: string } | null, givenId?: string) {
    const id = givenId ?? randomUUID();
    const at = new Date().toISOString();
    const columns = columnsOf(fields);
    const written = await sequelize.transaction(async (transaction) => {
      const [inserted] = await sequelize.query<{ id: string }>(
        `INSERT INTO offers (id, company_id, created_by, title, contract_type, contract_duration_months, experience, education,
           postal_code, city, departments, job_family, job, description, salary_min, salary_max, remote, start_date,
           screening_question, chosen_end_date, ideal_candidate, anonymous, status, status_changed_at, duplicated_from, created_at, updated_at)
         VALUES (:id, :companyId, :createdBy, :title, :contractType, :contractDurationMonths, :experience, :education,
           :postalCode, :city, array_remove(ARRAY[:departments]::text[], NULL), :jobFamily, :job, :description, :salaryMin, :salaryMax,
           :remote, :startDate, :screeningQuestion, :chosenEndDate, CAST(:idealCandidate AS jsonb), :anonymous, 'DRAFT', :at, :duplicatedFrom, :at, :at)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        {
          transaction,
          type: QueryTypes.SELECT,
          replacements: {
            ...columnParams(columns),
            id,
            companyId: user.companyId,
            createdBy: user.id,
            at,
            duplicatedFrom: duplicatedFrom?.id ?? null,
          },
        },
      );
      if (!inserted) return false; // written by this request's earlier run
      await insertProcessEvent(
        sequelize,
        {
          entity: 'offer',
          entityId: id,
          seq: 0,
          type: 'created',
          fromStatus: null,
          toStatus: 'DRAFT',
          actor: actorOf(user),
          message: duplicatedFrom ? `Copie de l’offre « ${duplicatedFrom.title} ».` : null,
          at,
          data: duplicatedFrom ? { duplicatedFrom: duplicatedFrom.id } : {},
        },
        transaction,
      );
      return true;
    });
    if (!written) {
      const earlier = await findRow(id);
      if (earlier && !earlier.workflow_id) await startProcess(temporal, config.TEMPORAL_TASK_QUEUE, 'offer', { offerId: id, companyId: earlier.company_id }, earlier.status);
      return id;
    }
    // After the commit, so the workflow's first activity finds the row. If the start fails, the draft
    // goes too; if this process dies in between, the platform starts the workflow at its next start
    // (startMissingOfferWorkflows), or the first transition does.
    try {
      await startProcess(temporal, config.TEMPORAL_TASK_QUEUE, 'offer', { offerId: id, companyId: user.companyId! }, 'DRAFT');
    } catch (error) {
      await sequelize.query(`DELETE FROM offers WHERE id = :id AND status = 'DRAFT'`, { replacements: { id } });
      throw error;
    }
    return id;
  }

  async function requireRecruiterOfVerifiedCompany(user: User, what: string) {
    if (user.role !== 'RECRUITER' || !user.companyId) throw new HttpError('FORBIDDEN', `${what} est réservé aux recruteurs d’une entreprise vérifiée.`);
    const company = await Company.findByPk(user.companyId);
    if (company?.status !== 'VERIFIED') throw new HttpError('FORBIDDEN', `${what} est possible une fois l’entreprise vérifiée par la plateforme.`);
  }

  return {
    async get(user: User, id: string) {
      return view(user, await findVisible(user, id));
    },

    /** `body` is parsed once the caller is known to be allowed: who (403) before what (400). */
    async create(user: User, body: () => z.output<typeof createOfferBody>, id?: string) {
      await requireRecruiterOfVerifiedCompany(user, 'Déposer une offre');
      return this.get(user, await createDraft(user, await withIdealPlace(body()), null, id));
    },

    /** `body` is parsed after the checks of who (404, 403) and state (409). */
    async update(user: User, id: string, body: () => z.output<typeof updateOfferBody>) {
      const row = await findVisible(user, id);
      const actor = actorOf(user);
      if (actor.role !== 'RECRUITER' || actor.companyId !== row.company_id) {
        throw new HttpError('FORBIDDEN', 'Seuls les recruteurs de l’entreprise peuvent modifier l’offre.');
      }
      const notEditable = (status: OfferStatus) =>
        new HttpError(
          'ILLEGAL_TRANSITION',
          `L’offre ne peut être modifiée qu’en brouillon ou après un refus de la modération ; elle est ${offerRules.statusLabel[status]} (${status}). Dupliquez-la pour en préparer une nouvelle version.`,
          { status, allowedActions: offerRules.allowedActions(status, actor, partiesOf(row)) },
        );
      if (!isEditable(row.status)) throw notEditable(row.status);
      const columns = editedColumns(row, await withIdealPlace(body()));
      // The status is re-checked in the same statement: an edit never lands after a submit.
      const [updated] = await sequelize.query<{ id: string }>(
        `UPDATE offers SET ${FIELD_SETS}, updated_at = now()
         WHERE id = :id AND status IN ('DRAFT', 'REJECTED') RETURNING id`,
        { type: QueryTypes.SELECT, replacements: { ...columnParams(columns), id } },
      );
      if (!updated) throw notEditable((await findRow(id))?.status ?? row.status);
      return this.get(user, id);
    },

    /** `copyId`: the copy's id, derived from an Idempotency-Key. */
    async duplicate(user: User, id: string, copyId?: string) {
      const row = await findVisible(user, id);
      if (user.role !== 'RECRUITER' || user.companyId !== row.company_id) {
        throw new HttpError('FORBIDDEN', 'Seuls les recruteurs de l’entreprise peuvent dupliquer l’offre.');
      }
      await requireRecruiterOfVerifiedCompany(user, 'Dupliquer une offre');
      const fields = fieldsOf(row);
      // An end date that is past, or too far for a new publication, is not copied.
      const today = parisDate();
      const chosenEndDate = fields.chosenEndDate && fields.chosenEndDate > today && fields.chosenEndDate <= addDays(today, PUBLICATION_DAYS) ? fields.chosenEndDate : null;
      const startDate = fields.startDate && fields.startDate >= today ? fields.startDate : null;
      const copy = offerFields.safeParse({ ...fields, chosenEndDate, startDate });
      // Rows written before today's rules (back office, demo data) are copied as they are.
      const data = copy.success ? copy.data : ({ ...fields, chosenEndDate, startDate } as Fields);
      return this.get(user, await createDraft(user, data, { id: row.id, title: row.title }, copyId));
    },

    /** `updateId`: derived from an Idempotency-Key — Temporal answers a repeated one with the first outcome. */
    async transition(user: User, id: string, given: z.output<typeof offerTransitionBody> | (() => z.output<typeof offerTransitionBody>), updateId?: string) {
      const row = await findVisible(user, id);
      const closedNow = async () => closedError((await findRow(id)) ?? row);
      if (offerRules.isFinal(row.status)) {
        // Closed by this very request, retried after its answer was lost?
        const resent = typeof given === 'function' || given.action === 'edit' ? null : { ...given, actor: actorOf(user) };
        if (resent && row.workflow_id && (await sendAgainIfWritten(temporal, sequelize, workflowIdOf('offer', row.id), resent, closedNow, updateId))) return this.get(user, id);
        if (updateId && row.workflow_id && (await earlierTransition(temporal, workflowIdOf('offer', row.id), updateId))) return this.get(user, id);
        throw closedError(row);
      }
      if (typeof given === 'function' || given.action === 'edit') return this.edit(user, row, typeof given === 'function' ? given : () => given, updateId);
      const body = given;
      const request = { ...body, actor: actorOf(user) };
      // What the workflow cannot see, the fields: a submitted offer must still be publishable.
      if (body.action === 'submit' && !offerRules.refusalOf(request, row.status, partiesOf(row), Date.now()) && row.chosen_end_date && row.chosen_end_date <= parisDate()) {
        throw invalidField('chosenEndDate', `la date de fin de publication choisie (${row.chosen_end_date.split('-').reverse().join('/')}) est passée ; modifiez-la ou effacez-la avant de soumettre.`);
      }
      // An offer written without its workflow (demo data, back office) gets it now, in its status.
      if (!row.workflow_id) await startProcess(temporal, config.TEMPORAL_TASK_QUEUE, 'offer', { offerId: row.id, companyId: row.company_id }, row.status);
      await executeTransition(temporal, workflowIdOf('offer', row.id), request, closedNow, updateId, sequelize);
      return this.get(user, id);
    },

    /**
     * `edit` of a published offer: who (404, 403) and state (409) first, then the body and the offer as
     * the edit leaves it (400), then only the fields that really change go to the workflow, which writes them
     * with the event and takes the offer back to moderation (its expiry kept).
     */
    async edit(user: User, row: OfferRow, body: () => z.output<typeof offerTransitionBody>, updateId?: string) {
      const actor = actorOf(user);
      const action = 'edit';
      const refusal = offerRules.refusalOf({ action, actor, fields: { title: row.title } }, row.status, partiesOf(row), Date.now());
      if (refusal) {
        // This very request, retried after its answer was lost, finds the offer it sent back to moderation.
        if (updateId && row.workflow_id && refusal.code === 'ILLEGAL_TRANSITION' && (await earlierTransition(temporal, workflowIdOf('offer', row.id), updateId))) {
          return this.get(user, row.id);
        }
        throw new HttpError(refusal.code, refusal.message, { status: refusal.status, allowedActions: refusal.allowedActions });
      }
      const { action: _edit, ...patch } = await withIdealPlace(body() as z.output<typeof editOfferFields> & { action: 'edit' });
      if (!Object.keys(patch).length) throw new HttpError('VALIDATION_FAILED', 'Indiquez au moins un champ à modifier.');
      const columns = editedColumns(row, patch, true);
      const before = fieldsOf(row);
      const fields: OfferEdit = {};
      for (const field of OFFER_EDIT_FIELDS) {
        if (JSON.stringify(columns[field] ?? null) !== JSON.stringify(before[field] ?? null)) fields[field] = columns[field];
      }
      if (!Object.keys(fields).length) {
        throw new HttpError('VALIDATION_FAILED', 'Aucun champ n’est modifié : l’offre reste publiée telle quelle.', { status: row.status, allowedActions: offerRules.allowedActions(row.status, actor, partiesOf(row)) });
      }
      if (!row.workflow_id) await startProcess(temporal, config.TEMPORAL_TASK_QUEUE, 'offer', { offerId: row.id, companyId: row.company_id }, row.status);
      await executeTransition(temporal, workflowIdOf('offer', row.id), { action, actor, fields }, async () => closedError((await findRow(row.id)) ?? row), updateId, sequelize);
      return this.get(user, row.id);
    },

    /**
     * Published offers, newest first, with the filters of the seeds (text, département, contract, remote
     * work): the same search for everyone signed in and for the public showcase (api/public, `null`).
     */
    async listPublished(_user: User | null, query: z.output<typeof listOffersQuery>) {
      const conditions = [offerOnline('o')];
      const replacements: Record<string, unknown> = {};
      const words = (query.q ?? '').split(/\s+/).filter(Boolean).slice(0, 10);
      // Each word in one of its French forms (search_words: stems, feminine endings joined), or as the
      // start of a word being typed (search_text: accents and case folded, trigram index). Migration 0014.
      const stems = words.map((word, i) => {
        replacements[`word${i}`] = word;
        replacements[`like${i}`] = likeEscape(word);
        return `plainto_tsquery('french', masculine_words(:word${i}))`;
      });
      stems.forEach((stem, i) => conditions.push(`o.search_words @@ ${stem} OR o.search_text LIKE '%' || unaccent_lower(:like${i}) || '%'`));
      if (query.department?.length) {
        conditions.push('o.departments && ARRAY[:departments]::text[]');
        replacements.departments = query.department;
      }
      if (query.contractType?.length) {
        conditions.push('o.contract_type IN (:contractTypes)');
        replacements.contractTypes = query.contractType;
      }
      if (query.remote?.length) {
        conditions.push('o.remote IN (:remote)');
        replacements.remote = query.remote;
      }
      // The offers where the words weigh most (in the title, then the job, the city, the description) first.
      const rank = stems.length ? `ts_rank(o.search_words, ${stems.join(' || ')}) DESC, ` : '';
      return page(conditions, replacements, `${rank}o.published_at DESC NULLS LAST, o.id`, query);
    },

    /**
     * A published offer still online, as anyone may read it without signing in (api/public): the fields of
     * the ad and the company's name; undefined for every other offer.
     */
    async findPublished(id: string) {
      const row = await findRow(id);
      if (!row || !isOnline(row)) return undefined;
      return { id: row.id, publishedAt: iso(row.published_at), expiresAt: iso(row.expires_at), ...fieldsOf(row), company: companyOf(row) };
    },

    /** The company's own offers, every status unless filtered, last changed first. */
    async listCompany(user: User, query: z.output<typeof companyOffersQuery>) {
      if (user.role !== 'RECRUITER' || !user.companyId) throw new HttpError('FORBIDDEN', 'Les offres d’une entreprise sont réservées à ses recruteurs.');
      const conditions = ['o.company_id = :companyId'];
      const replacements: Record<string, unknown> = { companyId: user.companyId };
      if (query.status?.length) {
        conditions.push('o.status IN (:statuses)');
        replacements.statuses = query.status;
      }
      if (query.q) {
        conditions.push(`unaccent_lower(o.title) LIKE '%' || unaccent_lower(:q) || '%'`);
        replacements.q = likeEscape(query.q);
      }
      const found = await page(conditions, replacements, 'o.status_changed_at DESC, o.id', query, true);
      // What « Mes offres » says beside each export link, and the short list's counters (seed 002).
      const ids = found.items.map((o) => o.id);
      const [counts, stages] = await Promise.all([exportCounts(sequelize, user, ids), shortlistCounts(sequelize, user, ids)]);
      return { ...found, items: found.items.map((o) => ({ ...o, exports: counts.get(o.id), counts: stages.get(o.id) })) };
    },

    /** Offers waiting for moderation, the longest waiting first, each with its number of warnings. */
    async moderationQueue(user: User, query: z.output<typeof moderationQueueQuery>) {
      if (user.role !== 'ADMIN') throw new HttpError('FORBIDDEN', 'La file de modération est réservée aux administrateurs.');
      return page([`o.status = 'PENDING_MODERATION'`], {}, 'o.status_changed_at ASC, o.id', query, true);
    },
  };

  async function page(conditions: string[], replacements: Record<string, unknown>, order: string, query: { page: number; pageSize: number }, withWarnings = false) {
    const where = conditions.map((c) => `(${c})`).join(' AND ');
    const [rows, [{ total }]] = await Promise.all([
      sequelize.query<OfferRow>(`${SELECT_OFFER} WHERE ${where} ORDER BY ${order} LIMIT :limit OFFSET :offset`, {
        type: QueryTypes.SELECT,
        replacements: { ...replacements, limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
      }),
      sequelize.query<{ total: string }>(`SELECT count(*) AS total FROM offers o WHERE ${where}`, { type: QueryTypes.SELECT, replacements }),
    ]);
    return { items: rows.map((row) => listItem(row, withWarnings)), total: Number(total), page: query.page, pageSize: query.pageSize };
  }
}

/**
 * Offers that have no workflow yet (published by the demo data or the back office, or a creation cut
 * short between its commit and the start) get one, in the status they have: a published offer then
 * expires on time and can be archived. Idempotent; run once Temporal is connected.
 */
export async function startMissingOfferWorkflows(deps: { sequelize: Sequelize; temporal: Client; config: Pick<Config, 'TEMPORAL_TASK_QUEUE'>; logger: Logger }): Promise<number> {
  const rows = await deps.sequelize.query<{ id: string; company_id: string; status: OfferStatus }>(
    `SELECT id, company_id, status FROM offers WHERE workflow_id IS NULL AND status NOT IN ('EXPIRED', 'ARCHIVED') ORDER BY created_at`,
    { type: QueryTypes.SELECT },
  );
  for (const row of rows) {
    await startProcess(deps.temporal, deps.config.TEMPORAL_TASK_QUEUE, 'offer', { offerId: row.id, companyId: row.company_id }, row.status);
  }
  if (rows.length) deps.logger.info({ offers: rows.length }, 'offer workflows started for offers that had none');
  return rows.length;
}
