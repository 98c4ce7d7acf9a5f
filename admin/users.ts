// Accounts in the back office: the admin creates référent, mission officer, recruiter and candidate
// accounts (and other admins), with a password hashed like every other one (never shown, never
// stored in clear), disables and re-enables them, and never deletes them. The rules that depend on
// the role (a recruiter belongs to one verified company, a référent to a mission officer, a candidate
// has at most one référent) are checked here with a readable message before the database's own checks,
// whose refusals are worded too.
import { randomUUID } from 'node:crypto';
import {
  ValidationError,
  type ActionContext,
  type ActionRequest,
  type ActionResponse,
  type BaseRecord,
  type BaseResource,
  type CurrentAdmin,
  type RecordActionResponse,
  type ResourceWithOptions,
} from 'adminjs';
import { DatabaseError, ForeignKeyConstraintError, Op, QueryTypes, UniqueConstraintError, type Sequelize, type Transaction } from 'sequelize';
import { z } from 'zod';
import { formatParisDateTime } from '../activities/ics.js';
import { insertProcessEvent } from '../activities/process-events.js';
import { actorOf } from '../api/auth.js';
import { HttpError } from '../api/errors.js';
import { describeFollowUpReport, type followUpService } from '../api/follow-ups.js';
import type { Logger } from '../config/logger.js';
import { CandidateProfile, Company, ROLES, User, type Role } from '../models/index.js';
import { endSessions } from '../models/credentials.js';
import { hashPassword, passwordWeakness } from '../models/passwords.js';
import { NAME_MAX_LENGTH, nameProblem } from '../models/person-name.js';
import { accountDeletionStatusLabel, type AccountDeletionStatus } from '../workflows/account-deletion-rules.js';
import { PgResource, containing } from './resource-adapter.js';
import { DISPLAY_NAME } from './resources.js';
import { adminActor, recordAction, type AdminAction } from './transitions.js';

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: 'Administrateur',
  MISSION_OFFICER: 'Chargé de mission',
  REFERENT: 'Référent',
  RECRUITER: 'Recruteur',
  CANDIDATE: 'Candidat',
};

type Errors = Record<string, { message: string }>;

const EDITABLE_ON_UPDATE = ['email', 'firstName', 'lastName', 'phone', 'jobTitle', 'missionOfficerId', 'referentId', 'password', 'mustChangePassword'] as const;

/** A text field of the form: trimmed, '' as absent. */
const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);
const emailSchema = z.string().max(320).email();
const PHONE = /^\+?[0-9][0-9 .()-]{5,24}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface UserInput {
  email: string | null;
  role: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  jobTitle: string | null;
  companyId: string | null;
  missionOfficerId: string | null;
  referentId: string | null;
  password: string | null;
  mustChangePassword: boolean;
}

function inputOf(payload: Record<string, unknown>): UserInput {
  return {
    email: text(payload.email)?.toLowerCase() ?? null,
    role: text(payload.role),
    firstName: text(payload.firstName),
    lastName: text(payload.lastName),
    phone: text(payload.phone),
    jobTitle: text(payload.jobTitle),
    companyId: text(payload.companyId),
    missionOfficerId: text(payload.missionOfficerId),
    referentId: text(payload.referentId),
    password: typeof payload.password === 'string' && payload.password !== '' ? payload.password : null,
    mustChangePassword: payload.mustChangePassword === true || payload.mustChangePassword === 'true',
  };
}

async function activeUserWithRole(id: string, role: Role): Promise<boolean> {
  if (!UUID.test(id)) return false;
  const user = await User.findByPk(id);
  return Boolean(user && user.role === role && !user.disabledAt);
}

/** Every rule of an account, worded for the form; `existing` when the account is being modified. */
async function validate(input: UserInput, existing: User | null): Promise<Errors> {
  const errors: Errors = {};
  const role = (existing?.role ?? input.role) as Role | null;
  if (!input.email) errors.email = { message: 'L’adresse e-mail est obligatoire.' };
  else if (!emailSchema.safeParse(input.email).success) errors.email = { message: 'Adresse e-mail invalide.' };
  else {
    const taken = await User.findOne({ where: { email: input.email } });
    if (taken && taken.id !== existing?.id) errors.email = { message: 'Un compte existe déjà avec cette adresse e-mail.' };
  }
  if (existing) {
    if (input.role && input.role !== existing.role) {
      errors.role = { message: 'Le rôle d’un compte ne change pas : désactivez ce compte et créez-en un autre avec le bon rôle.' };
    }
    if ((input.companyId ?? null) !== (existing.companyId ?? null)) {
      errors.companyId = { message: 'L’entreprise d’un recruteur ne change pas ici : créez-lui un compte dans l’autre entreprise.' };
    }
  } else if (!role || !(ROLES as readonly string[]).includes(role)) {
    errors.role = { message: `Choisissez un rôle : ${Object.values(ROLE_LABELS).join(', ')}.` };
  }
  // The same rule as the API's (models/person-name.ts): a name is shown, mailed and put in calendar invitations.
  const nameError = (label: string, value: string) => {
    const problem = value.length > NAME_MAX_LENGTH ? `${NAME_MAX_LENGTH} caractères au plus` : nameProblem(value);
    return problem ? { message: `${label} : ${problem}.` } : null;
  };
  const firstNameError = input.firstName ? nameError('Prénom', input.firstName) : { message: 'Le prénom est obligatoire.' };
  if (firstNameError) errors.firstName = firstNameError;
  const lastNameError = input.lastName ? nameError('Nom', input.lastName) : { message: 'Le nom est obligatoire.' };
  if (lastNameError) errors.lastName = lastNameError;
  if (input.phone && !PHONE.test(input.phone)) errors.phone = { message: 'Numéro de téléphone attendu (ex. 04 72 00 00 00 ou +33 4 72 00 00 00).' };
  if (input.jobTitle && input.jobTitle.length > 200) errors.jobTitle = { message: '200 caractères au plus.' };
  if (!existing && !input.password) errors.password = { message: 'Choisissez un mot de passe (12 caractères au moins, avec majuscule, minuscule, chiffre et caractère spécial).' };
  else if (input.password) {
    const weakness = passwordWeakness(input.password);
    if (weakness) errors.password = { message: `Mot de passe trop faible : ${weakness}.` };
  }

  if (!existing && role && !errors.role) {
    if (role === 'RECRUITER') {
      if (!input.companyId) errors.companyId = { message: 'Un recruteur appartient à une entreprise : choisissez-la.' };
      else {
        const company = UUID.test(input.companyId) ? await Company.findByPk(input.companyId) : null;
        if (!company) errors.companyId = { message: 'Entreprise introuvable.' };
        else if (company.status !== 'VERIFIED') {
          errors.companyId = { message: `L’entreprise ${company.name} n’est pas vérifiée (${company.status}) : vérifiez d’abord son inscription.` };
        }
      }
    } else if (input.companyId) {
      errors.companyId = { message: 'Seuls les recruteurs appartiennent à une entreprise : laissez ce champ vide, ou choisissez le rôle Recruteur.' };
    }
  }
  if (role && role !== 'REFERENT' && input.missionOfficerId) {
    errors.missionOfficerId = { message: 'Seuls les référents sont rattachés à un chargé de mission : laissez ce champ vide.' };
  } else if (input.missionOfficerId && !(await activeUserWithRole(input.missionOfficerId, 'MISSION_OFFICER'))) {
    errors.missionOfficerId = { message: 'Choisissez un compte actif de chargé de mission.' };
  }
  if (role && role !== 'CANDIDATE' && input.referentId) {
    errors.referentId = { message: 'Seuls les candidats ont un référent : laissez ce champ vide.' };
  } else if (input.referentId && !(await activeUserWithRole(input.referentId, 'REFERENT'))) {
    errors.referentId = { message: 'Choisissez un compte actif de référent.' };
  }
  return errors;
}

/** The database's own refusals (constraints of migration 0001), worded for the form. */
function databaseErrors(error: unknown): Errors | null {
  if (error instanceof UniqueConstraintError) return { email: { message: 'Un compte existe déjà avec cette adresse e-mail.' } };
  if (error instanceof ForeignKeyConstraintError) {
    const detail = String((error.parent as { detail?: string } | undefined)?.detail ?? '');
    const field = /company_id/.test(detail) ? 'companyId' : /mission_officer_id/.test(detail) ? 'missionOfficerId' : 'referentId';
    return { [field]: { message: 'Ce compte lié n’existe pas (ou plus).' } };
  }
  if (error instanceof DatabaseError) {
    const constraint = String((error.parent as { constraint?: string } | undefined)?.constraint ?? '');
    if (constraint === 'users_recruiter_has_company') return { companyId: { message: 'Un recruteur appartient à une entreprise : choisissez-la.' } };
    if (constraint === 'users_only_recruiters_in_company') return { companyId: { message: 'Seuls les recruteurs appartiennent à une entreprise.' } };
    if (constraint === 'users_email_check') return { email: { message: 'Adresse e-mail invalide.' } };
    if (constraint === 'users_role_check') return { role: { message: 'Rôle inconnu.' } };
  }
  return null;
}

function refuse(resource: BaseResource, currentAdmin: CurrentAdmin | undefined, params: Record<string, unknown>, errors: Errors, id?: string): RecordActionResponse {
  const record = resource.build({ ...params, ...(id ? { id } : {}), password: '' });
  record.errors = errors;
  return { record: record.toJSON(currentAdmin), notice: { message: 'Certains champs sont à corriger : voir ci-dessous', type: 'error' } };
}

/** A record's params as the form sent them, without the password. */
const echo = (payload: Record<string, unknown>) => Object.fromEntries(Object.entries(payload).filter(([k]) => k !== 'password'));

async function referentOf(userId: string): Promise<string | null> {
  return (await CandidateProfile.findByPk(userId))?.referentId ?? null;
}

export function userResource(ctx: {
  sequelize: Sequelize;
  logger: Logger;
  components: { TransitionAction: string };
  services: { followUps: ReturnType<typeof followUpService> };
}): ResourceWithOptions {
  const { sequelize, logger } = ctx;

  /**
   * Access follows the follow-up: once a candidate's référent, or a référent's mission officer, is
   * saved, every live case of theirs is handed over through its workflow (api/follow-ups.ts). Run at
   * every save of such an account, so saving again finishes a hand-over that could not be done.
   */
  async function handOver(actor: User, account: User): Promise<{ text: string | null; failed: boolean }> {
    if (account.role !== 'CANDIDATE' && account.role !== 'REFERENT') return { text: null, failed: false };
    try {
      const report = await ctx.services.followUps.sync(actorOf(actor), account.role === 'CANDIDATE' ? { candidateId: account.id } : { referentId: account.id });
      return { text: describeFollowUpReport(report), failed: report.failed.length > 0 };
    } catch (error) {
      logger.error({ err: error, userId: account.id }, 'follow-up hand-over failed');
      return {
        text: 'Le transfert du suivi des dossiers en cours n’a pas pu se faire (base de données ou service des workflows indisponible) : enregistrez de nouveau ce compte dans un instant.',
        failed: true,
      };
    }
  }

  const create = async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<RecordActionResponse> => {
    const { resource, currentAdmin, h } = context;
    if (request.method !== 'post') throw new ValidationError({}, { message: 'La création d’un compte se fait par le formulaire.', type: 'validation' });
    const actor = await adminActor(currentAdmin);
    const payload = (request.payload ?? {}) as Record<string, unknown>;
    const input = inputOf(payload);
    const errors = await validate(input, null);
    if (Object.keys(errors).length) return refuse(resource, currentAdmin, echo(payload), errors);
    const role = input.role as Role;
    const id = randomUUID();
    const passwordHash = await hashPassword(input.password!);
    try {
      await sequelize.transaction(async (transaction: Transaction) => {
        await User.create(
          {
            id,
            email: input.email!,
            passwordHash,
            role,
            firstName: input.firstName!,
            lastName: input.lastName!,
            phone: input.phone,
            jobTitle: input.jobTitle,
            companyId: role === 'RECRUITER' ? input.companyId : null,
            missionOfficerId: role === 'REFERENT' ? input.missionOfficerId : null,
            mustChangePassword: input.mustChangePassword,
          },
          { transaction },
        );
        if (role === 'CANDIDATE') await CandidateProfile.create({ userId: id, referentId: input.referentId }, { transaction });
        if (role === 'RECRUITER') {
          // Verified at once, by the admin who created it: the recruiter is a colleague like any other.
          const membershipId = randomUUID();
          const at = new Date().toISOString();
          await sequelize.query(
            `INSERT INTO company_memberships (id, company_id, user_id, kind, status, status_changed_at, invited_by, created_at, updated_at)
             VALUES (:membershipId, :companyId, :userId, 'INVITED', 'VERIFIED', :at, :adminId, :at, :at)`,
            { transaction, replacements: { membershipId, companyId: input.companyId, userId: id, adminId: actor.id, at } },
          );
          await insertProcessEvent(
            sequelize,
            {
              entity: 'membership',
              entityId: membershipId,
              seq: 0,
              type: 'created_by_admin',
              fromStatus: null,
              toStatus: 'VERIFIED',
              actor: { id: actor.id, role: 'ADMIN', companyId: null, name: `${actor.firstName} ${actor.lastName}` },
              message: 'Compte recruteur créé par un administrateur de la plateforme dans le back-office.',
              at,
              data: { kind: 'INVITED' },
            },
            transaction,
          );
        }
      });
    } catch (error) {
      const worded = databaseErrors(error);
      if (worded) return refuse(resource, currentAdmin, echo(payload), worded);
      throw error;
    }
    logger.info({ userId: id, role, by: actor.id }, 'account created in the back office');
    const created = (await resource.findOne(id, context))!;
    return {
      record: created.toJSON(currentAdmin),
      notice: { message: `Compte ${ROLE_LABELS[role].toLowerCase()} créé pour ${input.email}.`, type: 'success' },
      redirectUrl: h.recordActionUrl({ resourceId: resource.id(), recordId: id, actionName: 'show' }),
    };
  };

  const update = async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<RecordActionResponse> => {
    const { resource, record, currentAdmin, h } = context;
    if (!record) throw new ValidationError({}, { message: 'Compte introuvable.', type: 'validation' });
    const id = String(record.id());
    if (request.method !== 'post') {
      const json = record.toJSON(currentAdmin);
      json.params.referentId = await referentOf(id);
      return { record: json };
    }
    const actor = await adminActor(currentAdmin);
    const existing = await User.findByPk(id);
    if (!existing) throw new ValidationError({}, { message: 'Compte introuvable.', type: 'validation' });
    const payload = (request.payload ?? {}) as Record<string, unknown>;
    // Only what the form may change; a status-like field (disabledAt, role…) sent by hand is refused or ignored.
    const merged: Record<string, unknown> = {
      email: existing.email,
      firstName: existing.firstName,
      lastName: existing.lastName,
      phone: existing.phone,
      jobTitle: existing.jobTitle,
      missionOfficerId: existing.missionOfficerId,
      referentId: existing.role === 'CANDIDATE' ? await referentOf(id) : null,
      mustChangePassword: existing.mustChangePassword,
      companyId: existing.companyId,
      role: existing.role,
    };
    for (const key of [...EDITABLE_ON_UPDATE, 'role', 'companyId']) if (key in payload) merged[key] = payload[key];
    const input = inputOf(merged);
    const errors = await validate(input, existing);
    if (Object.keys(errors).length) return refuse(resource, currentAdmin, { ...record.params, ...echo(payload) }, errors, id);
    try {
      await sequelize.transaction(async (transaction: Transaction) => {
        await existing.update(
          {
            email: input.email!,
            firstName: input.firstName!,
            lastName: input.lastName!,
            phone: input.phone,
            jobTitle: input.jobTitle,
            missionOfficerId: existing.role === 'REFERENT' ? input.missionOfficerId : null,
            mustChangePassword: input.mustChangePassword,
            ...(input.password ? { passwordHash: await hashPassword(input.password) } : {}),
          },
          { transaction },
        );
        if (existing.role === 'CANDIDATE') {
          await sequelize.query(
            `INSERT INTO candidate_profiles (user_id, referent_id) VALUES (:id, :referentId)
             ON CONFLICT (user_id) DO UPDATE SET referent_id = EXCLUDED.referent_id, updated_at = now()`,
            { transaction, replacements: { id, referentId: input.referentId } },
          );
        }
        // A new password ends the account's other sessions, as a change of password does in the API.
        if (input.password) await endSessions(sequelize, id, transaction);
      });
    } catch (error) {
      const worded = databaseErrors(error);
      if (worded) return refuse(resource, currentAdmin, { ...record.params, ...echo(payload) }, worded, id);
      throw error;
    }
    const handedOver = await handOver(actor, existing);
    const fresh = (await resource.findOne(id, context))!;
    const saved = input.password ? 'Compte modifié ; nouveau mot de passe enregistré.' : 'Compte modifié.';
    return {
      record: fresh.toJSON(currentAdmin),
      notice: { message: handedOver.text ? `${saved} ${handedOver.text}` : saved, type: handedOver.failed ? 'error' : 'success' },
      redirectUrl: h.recordActionUrl({ resourceId: resource.id(), recordId: id, actionName: 'show' }),
    };
  };

  const withReferent = async (response: ActionResponse) => {
    const record = response.record as { id?: string; params: Record<string, unknown>; populated: Record<string, unknown> } | undefined;
    if (record?.id && record.params.role === 'CANDIDATE') {
      const referentId = await referentOf(String(record.id));
      record.params.referentId = referentId;
      const referent = referentId ? await User.findByPk(referentId) : null;
      if (referent) {
        record.populated.referentId = { id: referent.id, title: referent.email, params: { id: referent.id, email: referent.email }, populated: {}, errors: {}, recordActions: [], bulkActions: [] };
      }
    }
    // The account's deletion, when its owner asked for one (accountDeletionWorkflow).
    if (record?.id) {
      const [deletion] = await sequelize.query<{ status: AccountDeletionStatus; due_at: Date; reason: string | null }>(
        `SELECT status, due_at, reason FROM account_deletions WHERE user_id = :id`,
        { type: QueryTypes.SELECT, replacements: { id: String(record.id) } },
      );
      record.params.accountDeletion = deletion
        ? `${accountDeletionStatusLabel[deletion.status].replace(/^./, (c) => c.toUpperCase())} (échéance : ${formatParisDateTime(deletion.due_at.toISOString())}, heure de Paris)${deletion.reason ? ` — ${deletion.reason}` : ''}`
        : 'Aucune demandée';
    }
    return response;
  };

  const self = (record: BaseRecord, currentAdmin?: CurrentAdmin) => String(record.id()) === String(currentAdmin?.id ?? '');
  const accountAction = (spec: Parameters<typeof recordAction>[0]): AdminAction => recordAction(spec, { component: ctx.components.TransitionAction, logger });

  return {
    // Named « Prénom Nom (e-mail) » wherever an account is shown or chosen (a candidate in a list of
    // applications, a référent in a form), found by any of these three when typed.
    resource: new PgResource(User, {
      describe: async (records) => {
        for (const r of records) r.params.displayName = `${r.params.firstName ?? ''} ${r.params.lastName ?? ''} (${r.params.email ?? ''})`.trim();
      },
      searches: {
        displayName: (text) => ({ [Op.or]: ['email', 'firstName', 'lastName'].map((column) => ({ [column]: { [Op.iLike]: containing(text) } })) }),
      },
    }),
    options: {
      navigation: { name: 'Comptes', icon: 'User' },
      titleProperty: 'displayName',
      sort: { sortBy: 'createdAt', direction: 'desc' },
      properties: {
        id: { isVisible: { list: false, filter: false, show: true, edit: false } },
        passwordHash: { isVisible: false },
        displayName: DISPLAY_NAME,
        password: { type: 'password', isVisible: { list: false, filter: false, show: false, edit: true }, description: 'À la création : obligatoire. En modification : laisser vide pour garder le mot de passe actuel.' },
        email: { type: 'string', isRequired: true },
        role: { isRequired: true, availableValues: Object.entries(ROLE_LABELS).map(([value, label]) => ({ value, label })) },
        firstName: { type: 'string', isRequired: true },
        lastName: { type: 'string', isRequired: true },
        phone: { type: 'string' },
        jobTitle: { type: 'string' },
        companyId: { description: 'Recruteurs seulement : une entreprise vérifiée.' },
        missionOfficerId: { reference: 'users', description: 'Référents seulement : leur chargé de mission.' },
        referentId: { type: 'reference', reference: 'users', isVisible: { list: false, filter: false, show: true, edit: true }, description: 'Candidats seulement : leur référent (facultatif).' },
        mustChangePassword: { description: 'Coché : la personne devra choisir son propre mot de passe à sa première connexion.' },
        disabledAt: { isDisabled: true, isVisible: { list: true, filter: true, show: true, edit: false } },
        lastLoginAt: { isVisible: { list: true, filter: true, show: true, edit: false } },
        createdAt: { isVisible: { list: false, filter: true, show: true, edit: false } },
        updatedAt: { isVisible: { list: false, filter: false, show: true, edit: false } },
        accountDeletion: { type: 'string', isVisible: { list: false, filter: false, show: true, edit: false }, description: 'Demandée par la personne (« Supprimer mon compte ») : suivie dans Temporal par AccountDeletionStatus.' },
      },
      listProperties: ['email', 'firstName', 'lastName', 'role', 'companyId', 'disabledAt', 'lastLoginAt'],
      filterProperties: ['email', 'lastName', 'firstName', 'role', 'companyId', 'missionOfficerId', 'disabledAt', 'lastLoginAt', 'createdAt'],
      editProperties: ['email', 'role', 'firstName', 'lastName', 'phone', 'jobTitle', 'companyId', 'missionOfficerId', 'referentId', 'password', 'mustChangePassword'],
      showProperties: [
        'email', 'role', 'firstName', 'lastName', 'phone', 'jobTitle', 'companyId', 'missionOfficerId', 'referentId', 'mustChangePassword', 'disabledAt',
        'lastLoginAt', 'createdAt', 'updatedAt', 'accountDeletion', 'id',
      ],
      actions: {
        delete: { isAccessible: false, isVisible: false },
        bulkDelete: { isAccessible: false, isVisible: false },
        new: { handler: create },
        edit: { handler: update },
        show: { after: withReferent },
        disable: accountAction({
          name: 'disable',
          icon: 'Lock',
          variant: 'danger',
          shownWhen: (r, currentAdmin) => !r.params.disabledAt && !self(r, currentAdmin),
          description: 'La personne ne pourra plus se connecter, et ses sessions en cours sont fermées. Ses données sont conservées ; le compte peut être réactivé.',
          submitLabel: 'Désactiver le compte',
          success: 'Compte désactivé : ses sessions sont fermées.',
          run: async (actor, r) => {
            const id = String(r.id());
            if (id === actor.id) throw new HttpError('FORBIDDEN', 'Vous ne pouvez pas désactiver votre propre compte.');
            await sequelize.transaction(async (transaction) => {
              const [changed] = await sequelize.query<{ id: string }>(`UPDATE users SET disabled_at = now(), updated_at = now() WHERE id = :id AND disabled_at IS NULL RETURNING id`, {
                transaction,
                type: QueryTypes.SELECT,
                replacements: { id },
              });
              if (!changed) throw new HttpError('CONFLICT', 'Ce compte est déjà désactivé.');
              await endSessions(sequelize, id, transaction);
            });
            logger.info({ userId: id, by: actor.id }, 'account disabled in the back office');
          },
        }),
        enable: accountAction({
          name: 'enable',
          icon: 'Unlock',
          variant: 'primary',
          shownWhen: (r) => Boolean(r.params.disabledAt),
          description: 'La personne pourra de nouveau se connecter avec son mot de passe.',
          submitLabel: 'Réactiver le compte',
          success: 'Compte réactivé.',
          run: async (actor, r) => {
            const id = String(r.id());
            const [changed] = await sequelize.query<{ id: string }>(
              `UPDATE users SET disabled_at = NULL, updated_at = now() WHERE id = :id AND disabled_at IS NOT NULL RETURNING id`,
              { type: QueryTypes.SELECT, replacements: { id } },
            );
            if (!changed) throw new HttpError('CONFLICT', 'Ce compte est déjà actif.');
            logger.info({ userId: id, by: actor.id }, 'account enabled in the back office');
          },
        }),
      },
    },
  };
}
