// The back office's resources: companies, requests to join them, offers, applications (with their
// history and interviews), sponsorship requests and the mail outbox. Statuses are never edited here:
// they are read-only everywhere, and state changes are the record actions of admin/transitions.ts,
// which go through the workflows. Every record with a workflow links to it in the Temporal UI.
import { ValidationError, type ActionContext, type BaseRecord, type ActionRequest, type ActionResponse, type ResourceOptions, type ResourceWithOptions } from 'adminjs';
import { Op, QueryTypes, literal, type Sequelize } from 'sequelize';
import { readProcessHistory, type ProcessEntity } from '../activities/process-events.js';
import { companyTransitionBody } from '../api/companies/schemas.js';
import type { companyService } from '../api/companies/service.js';
import { offerTransitionBody } from '../api/offers/schemas.js';
import type { offerService } from '../api/offers/service.js';
import type { Logger } from '../config/logger.js';
import { Application, ApplicationEvent, Company, EmailOutbox, Interview, Offer, SponsorshipRequest } from '../models/index.js';
import { applicationEventLabel } from '../workflows/application-rules.js';
import { REFUSAL_REASON_LABEL } from '../workflows/refusal-reasons.js';
import { CONTRACT_TYPES, OFFER_FIELD_LABEL } from '../workflows/offer-rules.js';
import { idealCandidateText } from '../workflows/offer-ideal-candidate.js';
import type { OfferEditData } from '../activities/offer.js';
import { formatParisDateTime } from '../activities/ics.js';
import { offerWarnings } from '../workflows/offer-wording.js';
import { PROCESSES, eventLabel } from '../workflows/processes.js';
import type { Role } from '../models/index.js';
import { CompanyMembership } from './membership-model.js';
import { PgResource, containing, type PgResourceOptions } from './resource-adapter.js';
import { adminMay, parseBody, recordAction, type AdminAction, type TransitionContext } from './transitions.js';
import { ROLE_LABELS } from './users.js';
import { de } from '../workflows/glossary.js';
import { normalizeCompanyNumber, sirenProblem, siretProblem } from '../workflows/company-numbers.js';
import { sanitizeDescription } from '../api/company-page/sanitize.js';

export interface ResourceContext {
  sequelize: Sequelize;
  logger: Logger;
  services: { companies: ReturnType<typeof companyService>; offers: ReturnType<typeof offerService> };
  components: { WorkflowLink: string; History: string; TransitionAction: string; RegisterLink: string };
  /** `${TEMPORAL_UI_URL}/namespaces/${namespace}/workflows/`: a workflow id completes it. */
  temporalWorkflowsUrl: string;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
export const statusValues = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label: capitalize(label) }));

const NOT_HERE = { isAccessible: false, isVisible: false };
export const READ_ONLY_ACTIONS = { new: NOT_HERE, edit: NOT_HERE, delete: NOT_HERE, bulkDelete: NOT_HERE };
const hidden = { isVisible: false };
const readOnly = { isDisabled: true };
/** Seen in the show view only. */
const showOnly = { isVisible: { list: false, filter: false, show: true, edit: false } };

export function workflowProperty(ctx: ResourceContext, derive?: { prefix: string; idFrom?: string }) {
  return {
    isDisabled: true,
    isVisible: { list: true, filter: true, show: true, edit: false },
    components: { list: ctx.components.WorkflowLink, show: ctx.components.WorkflowLink },
    custom: { temporalUrl: ctx.temporalWorkflowsUrl, ...(derive ?? {}) },
  };
}

/** A link to the workflow that a record belongs to without naming it (an interview: its application's). */
function derivedWorkflowProperty(ctx: ResourceContext, prefix: string, idFrom: string) {
  return { type: 'string' as const, ...workflowProperty(ctx, { prefix, idFrom }), isSortable: false, isVisible: { list: true, filter: false, show: true, edit: false } };
}

export function historyProperty(ctx: ResourceContext) {
  return { type: 'textarea' as const, ...showOnly, isSortable: false, components: { show: ctx.components.History } };
}

/**
 * A process's history as the operator reads it: its states and the actors' roles in French, from the
 * process's own labels and the accounts' (no PENDING_MODERATION, no RECRUITER); the date is written
 * by the page, in one format (admin/components/format.js).
 */
export function labelledHistory(entity: ProcessEntity, events: Awaited<ReturnType<typeof readProcessHistory>>) {
  const statusLabel: Record<string, string> = PROCESSES[entity].rules.statusLabel;
  const state = (status: string | null) => (status ? capitalize(statusLabel[status] ?? status) : null);
  return events.map((e) => ({
    type: e.type,
    at: e.at,
    typeLabel: eventLabel(entity, e.type),
    fromLabel: state(e.fromStatus),
    toLabel: state(e.toStatus),
    actorLabel: e.actor ? `${e.actor.firstName} ${e.actor.lastName} (${(ROLE_LABELS[e.actor.role as Role] ?? e.actor.role).toLowerCase()})` : 'La plateforme',
    message: e.message,
  }));
}

/** Fills the virtual `history` property of a shown record from the process's history table. */
export function withHistory(sequelize: Sequelize, entity: ProcessEntity, entityIdOf?: (recordId: string, params: Record<string, unknown>) => Promise<string | null>) {
  return async (response: ActionResponse, _request: ActionRequest, _context: ActionContext) => {
    const record = response.record as { id?: string; params: Record<string, unknown> } | undefined;
    if (record?.id) {
      const entityId = entityIdOf ? await entityIdOf(String(record.id), record.params) : String(record.id);
      record.params.history = JSON.stringify(entityId ? labelledHistory(entity, await readProcessHistory(sequelize, entity, entityId)) : []);
    }
    return response;
  };
}

/**
 * Fields an admin may correct on a company; everything else (status, workflow) is not editable. The
 * SIREN and SIRET are corrected here only (recruiters edit the rest from « Mon entreprise »): checked
 * like at sign-up (Luhn), the SIRET starting with the SIREN, the SIREN not another company's.
 */
const COMPANY_EDITABLE = ['name', 'siren', 'siret', 'sector', 'size', 'address', 'postalCode', 'city', 'description', 'website'] as const;

async function companyEditGuard(request: ActionRequest): Promise<ActionRequest> {
  if (request.method !== 'post') return request;
  const payload = (request.payload ?? {}) as Record<string, unknown>;
  const kept: Record<string, unknown> = Object.fromEntries(COMPANY_EDITABLE.filter((k) => k in payload).map((k) => [k, payload[k] === '' ? null : payload[k]]));
  const errors: Record<string, { message: string }> = {};
  if ('name' in kept && !String(kept.name ?? '').trim()) errors.name = { message: 'La raison sociale est obligatoire.' };
  if (kept.postalCode && !/^\d{5}$/.test(String(kept.postalCode).trim())) errors.postalCode = { message: 'Code postal à 5 chiffres attendu (ex. 69002).' };
  if (kept.website && !/^https?:\/\/\S+$/.test(String(kept.website).trim())) errors.website = { message: 'Adresse web attendue, commençant par https://' };
  if ('siren' in kept) {
    const problem = sirenProblem(String(kept.siren ?? ''));
    if (problem) errors.siren = { message: `${capitalize(problem)}.` };
    else {
      kept.siren = normalizeCompanyNumber(String(kept.siren));
      const other = await Company.findOne({ where: { siren: kept.siren as string, id: { [Op.ne]: String(request.params.recordId ?? '') } }, attributes: ['name'] });
      if (other) errors.siren = { message: `Ce SIREN est déjà celui d’une autre entreprise (${other.name}).` };
    }
  }
  if (kept.siret) {
    const problem = siretProblem(String(kept.siret));
    kept.siret = normalizeCompanyNumber(String(kept.siret));
    if (problem) errors.siret = { message: `${capitalize(problem)}.` };
    else if ('siren' in kept && !errors.siren && String(kept.siret).slice(0, 9) !== kept.siren) errors.siret = { message: `Le SIRET doit commencer par le SIREN (${String(kept.siren)}).` };
  }
  if (Object.keys(errors).length) throw new ValidationError(errors, { message: 'Certains champs sont à corriger : voir ci-dessous', type: 'validation' });
  // The description is the company page's rich text: sanitized here too (api/company-page/sanitize.ts).
  if ('description' in kept) kept.description = sanitizeDescription(kept.description == null ? null : String(kept.description));
  return { ...request, payload: kept };
}

/** The company's page in the official register (Annuaire des entreprises, data.gouv.fr), by its SIREN. */
export const registerUrl = (siren: string) => `https://annuaire-entreprises.data.gouv.fr/entreprise/${encodeURIComponent(siren)}`;

/** What an admin reads before verifying a company or a request to join one: who asks, and the register. */
async function requestContext(sequelize: Sequelize, membership: { where: string; id: string }): Promise<TransitionContext> {
  const [row] = await sequelize.query<{ first_name: string; last_name: string; email: string; job_title: string | null; phone: string | null; name: string; siren: string }>(
    `SELECT u.first_name, u.last_name, u.email, u.job_title, u.phone, c.name, c.siren
     FROM company_memberships m JOIN users u ON u.id = m.user_id JOIN companies c ON c.id = m.company_id
     WHERE ${membership.where} ORDER BY m.created_at LIMIT 1`,
    { type: QueryTypes.SELECT, replacements: { id: membership.id } },
  );
  if (!row) return {};
  return {
    facts: [
      { label: 'Demandeur', value: `${row.first_name} ${row.last_name}` },
      { label: 'E-mail', value: row.email },
      { label: 'Fonction', value: row.job_title || 'non renseignée' },
      ...(row.phone ? [{ label: 'Téléphone', value: row.phone }] : []),
      { label: 'Entreprise', value: `${row.name}, SIREN ${row.siren}` },
      { label: 'Registre officiel', value: `Fiche ${de(row.name)} sur l’Annuaire des entreprises`, href: registerUrl(row.siren) },
    ],
  };
}

/**
 * What an admin reads before publishing or refusing an offer: its text and the wording warnings, and,
 * for a published offer edited (`edit`, not yet published again), which fields changed and what they
 * said before (the texts below are what they say now).
 */
async function offerContext(sequelize: Sequelize, record: BaseRecord): Promise<TransitionContext> {
  const p = record.params as Record<string, string | null>;
  const texts = (
    [
      ['Intitulé', p.title],
      ['Métier', p.job],
      ['Description', p.description],
      ['Expérience', p.experience],
      ['Formation', p.education],
      ['Question au candidat', p.screeningQuestion],
    ] as const
  )
    .filter(([, value]) => value)
    .map(([label, value]) => ({ label, value: String(value) }));
  const warnings = offerWarnings({ title: p.title, job: p.job, description: p.description, experience: p.experience, education: p.education, screeningQuestion: p.screeningQuestion });
  const [edit] = await sequelize.query<{ at: Date; data: OfferEditData }>(
    `SELECT e.at, e.data FROM offer_events e
     WHERE e.offer_id = :id AND e.type = 'edit'
       AND NOT EXISTS (SELECT 1 FROM offer_events a WHERE a.offer_id = e.offer_id AND a.type = 'approve' AND a.seq > e.seq)
     ORDER BY e.seq DESC LIMIT 1`,
    { type: QueryTypes.SELECT, replacements: { id: String(record.id()) } },
  );
  const before = (value: unknown) =>
    value == null || value === ''
      ? '(vide)'
      : Array.isArray(value)
        ? value.join(', ')
        : typeof value === 'object'
          ? idealCandidateText(value) || '(vide)' // the only field held as an object: the ideal candidate
          : String(value);
  const facts = edit
    ? [
        { label: 'Offre publiée modifiée le', value: formatParisDateTime(new Date(edit.at)) },
        { label: 'Champs modifiés', value: (edit.data.fields ?? []).map((f) => OFFER_FIELD_LABEL[f] ?? f).join(', ') },
        ...(edit.data.fields ?? []).map((f) => ({ label: `${OFFER_FIELD_LABEL[f] ?? f} — avant`, value: before(edit.data.before?.[f]) })),
      ]
    : undefined;
  return { ...(facts ? { facts } : {}), texts, warnings: warnings.map((w) => ({ message: w.message, excerpt: w.excerpt })) };
}

/**
 * Records named by a query (`names`: SELECT id, name over the whole table) into `displayName`, the
 * title property of the resources that have no name of their own, so that a list or a reference
 * shows who and what; the same names are what AdminJS's search (a reference's field, a filter) looks
 * through. One query per list of records read, one per search.
 */
export function namedBy(sequelize: Sequelize, names: string): Pick<PgResourceOptions, 'describe' | 'searches'> {
  return {
    describe: async (records) => {
      const rows = await sequelize.query<{ id: string; name: string }>(`SELECT id, name FROM (${names}) n WHERE id::text IN (:ids)`, {
        type: QueryTypes.SELECT,
        replacements: { ids: records.map((r) => String(r.id())) },
      });
      const byId = new Map(rows.map((row) => [String(row.id), row.name]));
      for (const record of records) record.params.displayName = byId.get(String(record.id())) ?? String(record.id());
    },
    searches: { displayName: (text) => ({ id: { [Op.in]: literal(`(SELECT id FROM (${names}) n WHERE name ILIKE ${sequelize.escape(containing(text))})`) } }) },
  };
}

/** The virtual property holding a record's name (namedBy): its title, shown nowhere else. */
export const DISPLAY_NAME = { type: 'string' as const, isVisible: false, isSortable: false };

const APPLICATION_NAMES = `SELECT a.id, cu.first_name || ' ' || cu.last_name || ' — ' || COALESCE(o.title, 'candidature spontanée') || ' (' || c.name || ')' AS name
  FROM applications a JOIN users cu ON cu.id = a.candidate_id JOIN companies c ON c.id = a.company_id LEFT JOIN offers o ON o.id = a.offer_id`;

/** Applications whose candidate (name or e-mail), offer or company has this text. */
const applicationSearch = (sequelize: Sequelize) => (text: string) => ({
  id: {
    [Op.in]: literal(`(SELECT a.id FROM applications a JOIN users cu ON cu.id = a.candidate_id JOIN companies c ON c.id = a.company_id LEFT JOIN offers o ON o.id = a.offer_id
      WHERE (cu.first_name || ' ' || cu.last_name) ILIKE ${sequelize.escape(containing(text))} OR cu.email ILIKE ${sequelize.escape(containing(text))}
        OR o.title ILIKE ${sequelize.escape(containing(text))} OR c.name ILIKE ${sequelize.escape(containing(text))})`),
  },
});

export function processResources(ctx: ResourceContext): ResourceWithOptions[] {
  const { sequelize, logger, services, components } = ctx;
  const action = (spec: Parameters<typeof recordAction>[0]): AdminAction => recordAction(spec, { component: components.TransitionAction, logger });
  const founderRequest = (r: BaseRecord) => requestContext(sequelize, { where: `m.company_id = :id AND m.kind = 'FOUNDER'`, id: String(r.id()) });
  const memberRequest = (r: BaseRecord) => requestContext(sequelize, { where: 'm.id = :id', id: String(r.id()) });

  const companyActions: Record<string, AdminAction> = {
    verify: action({
      name: 'verify',
      icon: 'CheckCircle',
      variant: 'success',
      shownWhen: adminMay('membership', 'verify'),
      description:
        'Vous avez vérifié le SIREN et les coordonnées de l’entreprise : son compte recruteur sera activé et un e-mail en informera le recruteur.',
      submitLabel: 'Vérifier l’entreprise',
      success: 'Entreprise vérifiée : un e-mail en informe le recruteur.',
      context: founderRequest,
      run: (actor, r) => services.companies.transition(actor, String(r.id()), parseBody(companyTransitionBody, { action: 'verify' })),
    }),
    reject: action({
      name: 'reject',
      icon: 'XCircle',
      variant: 'danger',
      shownWhen: adminMay('membership', 'reject'),
      description: 'L’inscription de l’entreprise sera refusée ; le recruteur reçoit le motif par e-mail.',
      submitLabel: 'Rejeter l’inscription',
      reason: { label: 'Motif du refus', required: true, help: 'Transmis tel quel au recruteur.' },
      success: 'Inscription refusée : un e-mail en informe le recruteur, avec le motif.',
      context: founderRequest,
      run: (actor, r, { reason }) => services.companies.transition(actor, String(r.id()), parseBody(companyTransitionBody, { action: 'reject', reason })),
    }),
  };

  const membershipActions: Record<string, AdminAction> = {
    verify: action({
      name: 'verify',
      icon: 'CheckCircle',
      variant: 'success',
      shownWhen: adminMay('membership', 'verify'),
      description: 'Vous avez vérifié que cette personne appartient bien à l’entreprise : son compte recruteur sera activé et elle sera prévenue par e-mail.',
      submitLabel: 'Vérifier la demande',
      success: 'Demande vérifiée : un e-mail en informe le recruteur.',
      context: memberRequest,
      run: (actor, r) =>
        services.companies.transition(actor, String(r.params.companyId), parseBody(companyTransitionBody, { action: 'verify', membershipId: String(r.id()) })),
    }),
    reject: action({
      name: 'reject',
      icon: 'XCircle',
      variant: 'danger',
      shownWhen: adminMay('membership', 'reject'),
      description: 'La demande sera refusée ; la personne reçoit le motif par e-mail.',
      submitLabel: 'Rejeter la demande',
      reason: { label: 'Motif du refus', required: true, help: 'Transmis tel quel à la personne.' },
      success: 'Demande refusée : la personne est prévenue par e-mail, avec le motif.',
      context: memberRequest,
      run: (actor, r, { reason }) =>
        services.companies.transition(actor, String(r.params.companyId), parseBody(companyTransitionBody, { action: 'reject', membershipId: String(r.id()), reason })),
    }),
  };

  const offerActions: Record<string, AdminAction> = {
    approve: action({
      name: 'approve',
      icon: 'CheckCircle',
      variant: 'success',
      shownWhen: adminMay('offer', 'approve'),
      description: 'Vous avez relu l’offre (mention H/F, absence de formulation discriminante) : elle sera publiée et les recruteurs prévenus.',
      submitLabel: 'Publier l’offre',
      success: 'Offre publiée : les recruteurs de l’entreprise sont prévenus.',
      context: (r) => offerContext(sequelize, r),
      run: (actor, r) => services.offers.transition(actor, String(r.id()), parseBody(offerTransitionBody, { action: 'approve' })),
    }),
    reject: action({
      name: 'reject',
      icon: 'XCircle',
      variant: 'danger',
      shownWhen: adminMay('offer', 'reject'),
      description: 'L’offre sera refusée ; les recruteurs reçoivent le motif et pourront la corriger puis la soumettre à nouveau.',
      submitLabel: 'Refuser l’offre',
      reason: { label: 'Motif du refus', required: true, help: 'Transmis tel quel aux recruteurs de l’entreprise.' },
      success: 'Offre refusée : les recruteurs sont prévenus, avec le motif.',
      context: (r) => offerContext(sequelize, r),
      run: (actor, r, { reason }) => services.offers.transition(actor, String(r.id()), parseBody(offerTransitionBody, { action: 'reject', reason })),
    }),
  };

  const founderMembershipOf = async (_id: string, params: Record<string, unknown>) => {
    if (!params.workflowId) return null;
    const [row] = await sequelize.query<{ id: string }>(`SELECT id FROM company_memberships WHERE workflow_id = :workflowId`, {
      type: QueryTypes.SELECT,
      replacements: { workflowId: params.workflowId },
    });
    return row?.id ?? null;
  };

  /** The company's page: who asked for its registration, and the official register. */
  const withRequester = async (response: ActionResponse) => {
    const record = response.record as { id?: string; params: Record<string, unknown> } | undefined;
    if (record?.id) {
      const facts = (await requestContext(sequelize, { where: `m.company_id = :id AND m.kind = 'FOUNDER'`, id: String(record.id) })).facts ?? [];
      const fact = (label: string) => facts.find((f) => f.label === label)?.value;
      record.params.requester = fact('Demandeur') ? [fact('Demandeur'), fact('E-mail'), fact('Fonction')].join(' — ') : '';
      record.params.registerUrl = record.params.siren ? registerUrl(String(record.params.siren)) : '';
    }
    return response;
  };

  const statusProperty = (labels: Record<string, string>) => ({ ...readOnly, availableValues: statusValues(labels) });
  const stamps = { statusChangedAt: readOnly, createdAt: readOnly, updatedAt: readOnly };

  const companies: ResourceOptions = {
    navigation: { name: 'Entreprises', icon: 'Briefcase' },
    titleProperty: 'name',
    sort: { sortBy: 'createdAt', direction: 'desc' },
    properties: {
      id: { isVisible: { list: false, filter: false, show: true, edit: false } },
      status: statusProperty(PROCESSES.membership.rules.statusLabel),
      workflowId: workflowProperty(ctx),
      history: historyProperty(ctx),
      requester: { type: 'string' as const, ...showOnly, isSortable: false },
      registerUrl: { type: 'string' as const, ...showOnly, isSortable: false, components: { show: ctx.components.RegisterLink } },
      description: { type: 'textarea' },
      ...stamps,
    },
    listProperties: ['name', 'siren', 'city', 'status', 'statusChangedAt', 'workflowId'],
    filterProperties: ['name', 'siren', 'city', 'status', 'statusChangedAt', 'createdAt'],
    showProperties: ['name', 'status', 'statusChangedAt', 'workflowId', 'requester', 'siren', 'registerUrl', 'history', 'siret', 'sector', 'size', 'address', 'postalCode', 'city', 'website', 'description', 'createdAt', 'id'],
    editProperties: ['name', 'siren', 'siret', 'sector', 'size', 'address', 'postalCode', 'city', 'website', 'description'],
    actions: {
      new: NOT_HERE,
      delete: NOT_HERE,
      bulkDelete: NOT_HERE,
      edit: { before: companyEditGuard },
      show: { after: [withHistory(sequelize, 'membership', founderMembershipOf), withRequester] },
      ...companyActions,
    },
  };

  const memberships: ResourceOptions = {
    navigation: { name: 'Entreprises', icon: 'Briefcase' },
    titleProperty: 'displayName',
    sort: { sortBy: 'statusChangedAt', direction: 'desc' },
    properties: {
      displayName: DISPLAY_NAME,
      status: statusProperty(PROCESSES.membership.rules.statusLabel),
      kind: {
        ...readOnly,
        availableValues: [
          { value: 'FOUNDER', label: 'Inscription de l’entreprise' },
          { value: 'MEMBER', label: 'Demande d’adhésion' },
          { value: 'INVITED', label: 'Invitation d’un collègue ou compte créé ici' },
        ],
      },
      invitedBy: { reference: 'users' },
      workflowId: workflowProperty(ctx),
      history: historyProperty(ctx),
      ...stamps,
    },
    listProperties: ['companyId', 'userId', 'kind', 'status', 'statusChangedAt', 'workflowId'],
    filterProperties: ['companyId', 'userId', 'kind', 'status', 'statusChangedAt'],
    showProperties: ['companyId', 'userId', 'kind', 'status', 'statusChangedAt', 'workflowId', 'history', 'invitedBy', 'createdAt', 'id'],
    actions: { ...READ_ONLY_ACTIONS, show: { after: withHistory(sequelize, 'membership') }, ...membershipActions },
  };

  const offers: ResourceOptions = {
    navigation: { name: 'Offres', icon: 'FileText' },
    titleProperty: 'title',
    sort: { sortBy: 'statusChangedAt', direction: 'desc' },
    properties: {
      status: statusProperty(PROCESSES.offer.rules.statusLabel),
      contractType: { availableValues: CONTRACT_TYPES.map((c) => ({ value: c, label: c })) },
      remote: { availableValues: [{ value: 'NONE', label: 'Non' }, { value: 'PARTIAL', label: 'Partiel' }, { value: 'FULL', label: 'Complet' }] },
      description: { type: 'textarea' },
      createdBy: { reference: 'users' },
      workflowId: workflowProperty(ctx, { prefix: PROCESSES.offer.workflowIdPrefix }),
      history: historyProperty(ctx),
      ...stamps,
    },
    listProperties: ['title', 'companyId', 'contractType', 'city', 'status', 'statusChangedAt', 'workflowId'],
    filterProperties: ['title', 'companyId', 'status', 'contractType', 'city', 'remote', 'statusChangedAt', 'publishedAt'],
    showProperties: [
      'title', 'companyId', 'status', 'statusChangedAt', 'workflowId', 'history', 'createdBy', 'publishedAt', 'expiresAt', 'contractType',
      'contractDurationMonths', 'postalCode', 'city', 'departments', 'remote', 'jobFamily', 'job', 'experience', 'education', 'salaryMin',
      'salaryMax', 'startDate', 'chosenEndDate', 'screeningQuestion', 'description', 'createdAt', 'id',
    ],
    actions: { ...READ_ONLY_ACTIONS, show: { after: withHistory(sequelize, 'offer') }, ...offerActions },
  };

  const applications: ResourceOptions = {
    navigation: { name: 'Candidatures', icon: 'Inbox' },
    titleProperty: 'displayName',
    sort: { sortBy: 'statusChangedAt', direction: 'desc' },
    properties: {
      displayName: DISPLAY_NAME,
      search: { type: 'string', isVisible: { list: false, filter: true, show: false, edit: false }, isSortable: false, description: 'Nom ou e-mail du candidat, intitulé de l’offre ou nom de l’entreprise.' },
      status: statusProperty(PROCESSES.application.rules.statusLabel),
      referentId: { reference: 'users' },
      missionOfficerId: { reference: 'users' },
      createdBy: { reference: 'users' },
      message: { type: 'textarea' },
      screeningAnswer: { type: 'textarea' },
      recruiterNote: { type: 'textarea' },
      refusalReason: { ...readOnly, availableValues: statusValues(REFUSAL_REASON_LABEL) },
      cvDocumentId: hidden,
      workflowId: workflowProperty(ctx),
      history: historyProperty(ctx),
    },
    listProperties: ['candidateId', 'offerId', 'companyId', 'status', 'statusChangedAt', 'workflowId'],
    filterProperties: ['search', 'status', 'candidateId', 'companyId', 'offerId', 'referentId', 'statusChangedAt', 'createdAt'],
    showProperties: [
      'candidateId', 'offerId', 'companyId', 'status', 'refusalReason', 'statusChangedAt', 'workflowId', 'history', 'referentId', 'missionOfficerId', 'createdBy', 'sentToCompanyAt',
      'message', 'screeningAnswer', 'recruiterNote', 'createdAt', 'id',
    ],
    actions: { ...READ_ONLY_ACTIONS, show: { after: withHistory(sequelize, 'application') } },
  };

  const applicationEvents: ResourceOptions = {
    navigation: { name: 'Candidatures', icon: 'Inbox' },
    titleProperty: 'displayName',
    sort: { sortBy: 'at', direction: 'desc' },
    properties: {
      displayName: DISPLAY_NAME,
      actorId: { reference: 'users' },
      // The codes in French, from the process's own labels (the history of a record says the same).
      type: { availableValues: statusValues(applicationEventLabel) },
      fromStatus: { availableValues: statusValues(PROCESSES.application.rules.statusLabel) },
      toStatus: { availableValues: statusValues(PROCESSES.application.rules.statusLabel) },
      workflow: derivedWorkflowProperty(ctx, PROCESSES.application.workflowIdPrefix, 'applicationId'),
    },
    listProperties: ['applicationId', 'seq', 'type', 'fromStatus', 'toStatus', 'actorId', 'at', 'workflow'],
    filterProperties: ['applicationId', 'type', 'toStatus', 'actorId', 'at'],
    actions: READ_ONLY_ACTIONS,
  };

  const interviews: ResourceOptions = {
    navigation: { name: 'Candidatures', icon: 'Inbox' },
    titleProperty: 'displayName',
    sort: { sortBy: 'startsAt', direction: 'desc' },
    properties: {
      displayName: DISPLAY_NAME,
      proposedBy: { reference: 'users' },
      status: { availableValues: statusValues({ PROPOSED: 'proposé', CONFIRMED: 'confirmé', CANCELLED: 'annulé', DONE: 'effectué' }) },
      mode: { availableValues: statusValues({ PHONE: 'téléphone', VIDEO: 'visio', CHAT: 'messagerie', IN_PERSON: 'en présentiel' }) },
      message: { type: 'textarea' },
      otherSlotMessage: { type: 'textarea' },
      workflow: derivedWorkflowProperty(ctx, PROCESSES.application.workflowIdPrefix, 'applicationId'),
    },
    listProperties: ['applicationId', 'round', 'startsAt', 'mode', 'status', 'workflow'],
    filterProperties: ['applicationId', 'status', 'mode', 'startsAt'],
    actions: READ_ONLY_ACTIONS,
  };

  const sponsorships: ResourceOptions = {
    navigation: { name: 'Parrainages', icon: 'Users' },
    titleProperty: 'displayName',
    sort: { sortBy: 'statusChangedAt', direction: 'desc' },
    properties: {
      displayName: DISPLAY_NAME,
      status: statusProperty(PROCESSES.sponsorship.rules.statusLabel),
      requestedBy: { reference: 'users' },
      referentId: { reference: 'users' },
      missionOfficerId: { reference: 'users' },
      sponsorId: { reference: 'users' },
      message: { type: 'textarea' },
      comment: { type: 'textarea' },
      workflowId: workflowProperty(ctx, { prefix: PROCESSES.sponsorship.workflowIdPrefix }),
      history: historyProperty(ctx),
    },
    listProperties: ['candidateId', 'companyId', 'status', 'statusChangedAt', 'sponsorId', 'workflowId'],
    filterProperties: ['candidateId', 'companyId', 'status', 'statusChangedAt'],
    showProperties: [
      'candidateId', 'companyId', 'status', 'statusChangedAt', 'workflowId', 'history', 'referentId', 'missionOfficerId', 'requestedBy', 'message', 'sponsorId',
      'comment', 'createdAt', 'id',
    ],
    actions: { ...READ_ONLY_ACTIONS, show: { after: withHistory(sequelize, 'sponsorship') } },
  };

  const outbox: ResourceOptions = {
    navigation: { name: 'Exploitation', icon: 'Mail' },
    titleProperty: 'subject',
    sort: { sortBy: 'createdAt', direction: 'desc' },
    properties: {
      status: { availableValues: statusValues({ PENDING: 'en attente', SENT: 'envoyé', FAILED: 'en échec' }) },
      textBody: { type: 'textarea' },
      lastError: { type: 'textarea' },
      htmlBody: hidden,
      ics: { type: 'textarea', ...showOnly },
      workflowId: workflowProperty(ctx),
    },
    listProperties: ['toAddress', 'subject', 'status', 'attempts', 'lastError', 'createdAt', 'workflowId'],
    filterProperties: ['status', 'toAddress', 'subject', 'workflowId', 'createdAt'],
    showProperties: ['toAddress', 'subject', 'status', 'attempts', 'lastError', 'sentAt', 'messageId', 'textBody', 'ics', 'idempotencyKey', 'workflowId', 'createdAt', 'updatedAt', 'id'],
    actions: READ_ONLY_ACTIONS,
  };

  return [
    { resource: new PgResource(Company), options: companies },
    {
      resource: new PgResource(
        CompanyMembership,
        namedBy(sequelize, `SELECT m.id, u.first_name || ' ' || u.last_name || ' — ' || c.name AS name FROM company_memberships m JOIN users u ON u.id = m.user_id JOIN companies c ON c.id = m.company_id`),
      ),
      options: memberships,
    },
    { resource: new PgResource(Offer), options: offers },
    {
      resource: new PgResource(Application, (({ describe, searches }) => ({ describe, searches: { ...searches, search: applicationSearch(sequelize) } }))(namedBy(sequelize, APPLICATION_NAMES))),
      options: applications,
    },
    {
      resource: new PgResource(ApplicationEvent, {
        describe: async (records) => {
          const rows = await sequelize.query<{ id: string; name: string }>(
            `SELECT a.id, cu.first_name || ' ' || cu.last_name AS name FROM applications a JOIN users cu ON cu.id = a.candidate_id WHERE a.id IN (:ids)`,
            { type: QueryTypes.SELECT, replacements: { ids: [...new Set(records.map((r) => String(r.params.applicationId)))] } },
          );
          const candidates = new Map(rows.map((row) => [row.id, row.name]));
          for (const r of records) {
            r.params.displayName = `${eventLabel('application', String(r.params.type))} — candidature ${de(candidates.get(String(r.params.applicationId)) ?? '?')}`;
          }
        },
        // Searched by the candidate's name (the event's label is not in the database).
        searches: {
          displayName: (text) => ({
            applicationId: { [Op.in]: literal(`(SELECT a.id FROM applications a JOIN users cu ON cu.id = a.candidate_id WHERE (cu.first_name || ' ' || cu.last_name) ILIKE ${sequelize.escape(containing(text))})`) },
          }),
        },
      }),
      options: applicationEvents,
    },
    {
      resource: new PgResource(
        Interview,
        namedBy(
          sequelize,
          `SELECT i.id, 'Entretien (tour ' || i.round || ') — ' || cu.first_name || ' ' || cu.last_name AS name
           FROM interviews i JOIN applications a ON a.id = i.application_id JOIN users cu ON cu.id = a.candidate_id`,
        ),
      ),
      options: interviews,
    },
    {
      resource: new PgResource(
        SponsorshipRequest,
        namedBy(sequelize, `SELECT s.id, u.first_name || ' ' || u.last_name || ' — ' || c.name AS name FROM sponsorship_requests s JOIN users u ON u.id = s.candidate_id JOIN companies c ON c.id = s.company_id`),
      ),
      options: sponsorships,
    },
    { resource: new PgResource(EmailOutbox), options: outbox },
  ];
}
