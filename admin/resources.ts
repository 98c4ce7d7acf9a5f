// The back office's resources: companies, requests to join them, offers, applications (with their
// history and interviews), sponsorship requests and the mail outbox. Statuses are never edited here:
// they are read-only everywhere, and state changes are the record actions of admin/transitions.ts,
// which go through the workflows. Every record with a workflow links to it in the Temporal UI.
import { ValidationError, type ActionContext, type ActionRequest, type ActionResponse, type ResourceOptions, type ResourceWithOptions } from 'adminjs';
import { QueryTypes, type Sequelize } from 'sequelize';
import { readProcessHistory, type ProcessEntity } from '../activities/process-events.js';
import { companyTransitionBody } from '../api/companies/schemas.js';
import type { companyService } from '../api/companies/service.js';
import { offerTransitionBody } from '../api/offers/schemas.js';
import type { offerService } from '../api/offers/service.js';
import type { Logger } from '../config/logger.js';
import { Application, ApplicationEvent, Company, EmailOutbox, Interview, Offer, SponsorshipRequest } from '../models/index.js';
import { CONTRACT_TYPES } from '../workflows/offer-rules.js';
import { PROCESSES } from '../workflows/processes.js';
import { CompanyMembership } from './membership-model.js';
import { PgResource } from './resource-adapter.js';
import { adminMay, parseBody, recordAction, type AdminAction } from './transitions.js';

export interface ResourceContext {
  sequelize: Sequelize;
  logger: Logger;
  services: { companies: ReturnType<typeof companyService>; offers: ReturnType<typeof offerService> };
  components: { WorkflowLink: string; History: string; TransitionAction: string };
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

function historyProperty(ctx: ResourceContext) {
  return { type: 'textarea' as const, ...showOnly, isSortable: false, components: { show: ctx.components.History } };
}

/** Fills the virtual `history` property of a shown record from the process's history table. */
function withHistory(sequelize: Sequelize, entity: ProcessEntity, entityIdOf?: (recordId: string, params: Record<string, unknown>) => Promise<string | null>) {
  return async (response: ActionResponse, _request: ActionRequest, _context: ActionContext) => {
    const record = response.record as { id?: string; params: Record<string, unknown> } | undefined;
    if (record?.id) {
      const entityId = entityIdOf ? await entityIdOf(String(record.id), record.params) : String(record.id);
      record.params.history = JSON.stringify(entityId ? await readProcessHistory(sequelize, entity, entityId) : []);
    }
    return response;
  };
}

/** Fields an admin may correct on a company; everything else (SIREN, status, workflow) is not editable. */
const COMPANY_EDITABLE = ['name', 'sector', 'size', 'address', 'postalCode', 'city', 'description', 'website'] as const;

async function companyEditGuard(request: ActionRequest): Promise<ActionRequest> {
  if (request.method !== 'post') return request;
  const payload = (request.payload ?? {}) as Record<string, unknown>;
  const kept = Object.fromEntries(COMPANY_EDITABLE.filter((k) => k in payload).map((k) => [k, payload[k] === '' ? null : payload[k]]));
  const errors: Record<string, { message: string }> = {};
  if ('name' in kept && !String(kept.name ?? '').trim()) errors.name = { message: 'La raison sociale est obligatoire.' };
  if (kept.postalCode && !/^\d{5}$/.test(String(kept.postalCode).trim())) errors.postalCode = { message: 'Code postal à 5 chiffres attendu (ex. 69002).' };
  if (kept.website && !/^https?:\/\/\S+$/.test(String(kept.website).trim())) errors.website = { message: 'Adresse web attendue, commençant par https://' };
  if (Object.keys(errors).length) throw new ValidationError(errors, { message: 'Certains champs sont à corriger : voir ci-dessous', type: 'validation' });
  return { ...request, payload: kept };
}

export function processResources(ctx: ResourceContext): ResourceWithOptions[] {
  const { sequelize, logger, services, components } = ctx;
  const action = (spec: Parameters<typeof recordAction>[0]): AdminAction => recordAction(spec, { component: components.TransitionAction, logger });

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

  const statusProperty = (labels: Record<string, string>) => ({ ...readOnly, availableValues: statusValues(labels) });
  const stamps = { statusChangedAt: readOnly, createdAt: readOnly, updatedAt: readOnly };

  const companies: ResourceOptions = {
    navigation: { name: 'Entreprises', icon: 'Briefcase' },
    titleProperty: 'name',
    sort: { sortBy: 'createdAt', direction: 'desc' },
    properties: {
      id: { isVisible: { list: false, filter: false, show: true, edit: false } },
      status: statusProperty(PROCESSES.membership.rules.statusLabel),
      siren: readOnly,
      siret: readOnly,
      workflowId: workflowProperty(ctx),
      history: historyProperty(ctx),
      description: { type: 'textarea' },
      ...stamps,
    },
    listProperties: ['name', 'siren', 'city', 'status', 'statusChangedAt', 'workflowId'],
    filterProperties: ['name', 'siren', 'city', 'status', 'statusChangedAt', 'createdAt'],
    showProperties: ['name', 'status', 'statusChangedAt', 'workflowId', 'history', 'siren', 'siret', 'sector', 'size', 'address', 'postalCode', 'city', 'website', 'description', 'createdAt', 'id'],
    editProperties: ['name', 'sector', 'size', 'address', 'postalCode', 'city', 'website', 'description'],
    actions: {
      new: NOT_HERE,
      delete: NOT_HERE,
      bulkDelete: NOT_HERE,
      edit: { before: companyEditGuard },
      show: { after: withHistory(sequelize, 'membership', founderMembershipOf) },
      ...companyActions,
    },
  };

  const memberships: ResourceOptions = {
    navigation: { name: 'Entreprises', icon: 'Briefcase' },
    sort: { sortBy: 'statusChangedAt', direction: 'desc' },
    properties: {
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
    sort: { sortBy: 'statusChangedAt', direction: 'desc' },
    properties: {
      status: statusProperty(PROCESSES.application.rules.statusLabel),
      referentId: { reference: 'users' },
      missionOfficerId: { reference: 'users' },
      createdBy: { reference: 'users' },
      message: { type: 'textarea' },
      screeningAnswer: { type: 'textarea' },
      recruiterNote: { type: 'textarea' },
      cvDocumentId: hidden,
      workflowId: workflowProperty(ctx),
      history: historyProperty(ctx),
    },
    listProperties: ['candidateId', 'offerId', 'companyId', 'status', 'statusChangedAt', 'workflowId'],
    filterProperties: ['status', 'candidateId', 'companyId', 'offerId', 'referentId', 'statusChangedAt', 'createdAt'],
    showProperties: [
      'candidateId', 'offerId', 'companyId', 'status', 'statusChangedAt', 'workflowId', 'history', 'referentId', 'missionOfficerId', 'createdBy', 'sentToCompanyAt',
      'message', 'screeningAnswer', 'recruiterNote', 'createdAt', 'id',
    ],
    actions: { ...READ_ONLY_ACTIONS, show: { after: withHistory(sequelize, 'application') } },
  };

  const applicationEvents: ResourceOptions = {
    navigation: { name: 'Candidatures', icon: 'Inbox' },
    sort: { sortBy: 'at', direction: 'desc' },
    properties: { actorId: { reference: 'users' }, workflow: derivedWorkflowProperty(ctx, PROCESSES.application.workflowIdPrefix, 'applicationId') },
    listProperties: ['applicationId', 'seq', 'type', 'fromStatus', 'toStatus', 'actorId', 'at', 'workflow'],
    filterProperties: ['applicationId', 'type', 'toStatus', 'actorId', 'at'],
    actions: READ_ONLY_ACTIONS,
  };

  const interviews: ResourceOptions = {
    navigation: { name: 'Candidatures', icon: 'Inbox' },
    sort: { sortBy: 'startsAt', direction: 'desc' },
    properties: {
      proposedBy: { reference: 'users' },
      status: { availableValues: statusValues({ PROPOSED: 'proposé', CONFIRMED: 'confirmé', CANCELLED: 'annulé', DONE: 'effectué' }) },
      mode: { availableValues: statusValues({ PHONE: 'téléphone', VIDEO: 'visio', CHAT: 'messagerie', IN_PERSON: 'en présentiel' }) },
      message: { type: 'textarea' },
      workflow: derivedWorkflowProperty(ctx, PROCESSES.application.workflowIdPrefix, 'applicationId'),
    },
    listProperties: ['applicationId', 'round', 'startsAt', 'mode', 'status', 'workflow'],
    filterProperties: ['applicationId', 'status', 'mode', 'startsAt'],
    actions: READ_ONLY_ACTIONS,
  };

  const sponsorships: ResourceOptions = {
    navigation: { name: 'Parrainages', icon: 'Users' },
    sort: { sortBy: 'statusChangedAt', direction: 'desc' },
    properties: {
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
    { resource: new PgResource(CompanyMembership), options: memberships },
    { resource: new PgResource(Offer), options: offers },
    { resource: new PgResource(Application), options: applications },
    { resource: new PgResource(ApplicationEvent), options: applicationEvents },
    { resource: new PgResource(Interview), options: interviews },
    { resource: new PgResource(SponsorshipRequest), options: sponsorships },
    { resource: new PgResource(EmailOutbox), options: outbox },
  ];
}
