// Recruiter registration (company + user + membership + workflow, all or nothing), e-mail confirmation
// by link, company verification by admins (Updates to the membership's workflow) and colleagues.
import { de } from '../../workflows/glossary.js';
import { randomBytes, randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { QueryTypes, UniqueConstraintError, type Sequelize, type Transaction } from 'sequelize';
import type { z } from 'zod';
import { tokenHashOf } from '../../activities/secret-mail.js';
import { insertProcessEvent, readProcessHistory } from '../../activities/process-events.js';
import type { Config } from '../../config/env.js';
import type { User } from '../../models/index.js';
import { hashPassword } from '../../models/passwords.js';
import type { Actor } from '../../workflows/actors.js';
import { membershipRules, type MembershipAction, type MembershipKind, type MembershipParties, type MembershipStatus } from '../../workflows/company-verification-rules.js';
import type { CompanyVerificationInput } from '../../workflows/company-verification.js';
import { PROCESSES, workflowIdOf } from '../../workflows/processes.js';
import { signUpAttemptWorkflow, signUpAttemptWorkflowId } from '../../workflows/sign-up-attempt.js';
import { actorOf } from '../auth.js';
import { HttpError, invalidField, notFound } from '../errors.js';
import { executeTransition, sendAgainIfWritten, startProcess } from '../transitions.js';
import type {
  companyTransitionBody,
  inviteColleagueBody,
  listCompaniesQuery,
  pageQuery,
  registerRecruiterBody,
} from './schemas.js';

interface Deps {
  sequelize: Sequelize;
  temporal: Client;
  config: Config;
}

interface CompanyRow {
  id: string;
  siren: string;
  siret: string | null;
  name: string;
  sector: string | null;
  size: string | null;
  address: string | null;
  postal_code: string | null;
  city: string | null;
  status: MembershipStatus;
  status_changed_at: Date;
  created_at: Date;
  workflow_id: string | null;
}

interface MembershipRow {
  id: string;
  company_id: string;
  user_id: string;
  kind: MembershipKind;
  status: MembershipStatus;
  status_changed_at: Date;
  created_at: Date;
  workflow_id: string | null;
  first_name: string;
  last_name: string;
  email: string;
  job_title: string | null;
  phone: string | null;
  email_confirmed_at: Date | null;
}

const SELECT_MEMBERSHIP = `
  SELECT m.id, m.company_id, m.user_id, m.kind, m.status, m.status_changed_at, m.created_at, m.workflow_id,
         u.first_name, u.last_name, u.email, u.job_title, u.phone, u.email_confirmed_at
  FROM company_memberships m JOIN users u ON u.id = m.user_id`;

/** What the e-mail link answers: the page (or JSON) tells a person where they stand. */
export interface ConfirmEmailOutcome {
  httpStatus: 200 | 400 | 410;
  outcome: 'CONFIRMED' | 'ALREADY_CONFIRMED' | 'INVALID' | 'EXPIRED';
  membershipStatus: MembershipStatus | null;
  title: string;
  message: string;
}

const partiesOf = (m: Pick<MembershipRow, 'id' | 'company_id' | 'user_id' | 'kind'>): MembershipParties => ({
  membershipId: m.id,
  companyId: m.company_id,
  userId: m.user_id,
  kind: m.kind,
});

const iso = (value: Date | string) => new Date(value).toISOString();

export function companyService({ sequelize, temporal, config }: Deps) {
  async function companyRow(id: string, transaction?: Transaction): Promise<CompanyRow | undefined> {
    const [row] = await sequelize.query<CompanyRow>(`SELECT * FROM companies WHERE id = :id`, { type: QueryTypes.SELECT, replacements: { id }, transaction });
    return row;
  }

  /** Admins see every company; a recruiter sees their own; everybody else sees none (404). */
  async function findVisible(user: User, id: string): Promise<CompanyRow> {
    const visible = user.role === 'ADMIN' || (user.role === 'RECRUITER' && user.companyId === id);
    const row = visible ? await companyRow(id) : undefined;
    if (!row) throw notFound('Entreprise');
    return row;
  }

  /** The company's own process: the FOUNDER membership its workflow_id names. */
  async function founderOf(company: CompanyRow): Promise<MembershipRow | undefined> {
    if (!company.workflow_id) return undefined;
    const [row] = await sequelize.query<MembershipRow>(`${SELECT_MEMBERSHIP} WHERE m.workflow_id = :workflowId AND m.company_id = :companyId`, {
      type: QueryTypes.SELECT,
      replacements: { workflowId: company.workflow_id, companyId: company.id },
    });
    return row;
  }

  async function membershipView(user: User, m: MembershipRow) {
    return {
      id: m.id,
      kind: m.kind,
      status: m.status,
      statusChangedAt: iso(m.status_changed_at),
      createdAt: iso(m.created_at),
      user: {
        id: m.user_id,
        firstName: m.first_name,
        lastName: m.last_name,
        email: m.email,
        jobTitle: m.job_title,
        phone: m.phone,
        emailConfirmed: m.email_confirmed_at != null,
      },
      history: await readProcessHistory(sequelize, 'membership', m.id),
      allowedActions: membershipRules.allowedActions(m.status, actorOf(user), partiesOf(m)),
      workflowId: m.workflow_id,
    };
  }

  async function view(user: User, company: CompanyRow) {
    const founder = await founderOf(company);
    const pending = await sequelize.query<MembershipRow>(
      `${SELECT_MEMBERSHIP} WHERE m.company_id = :companyId AND m.status IN ('PENDING_EMAIL_CONFIRMATION', 'PENDING_ADMIN_VERIFICATION')
       ORDER BY m.status_changed_at, m.id`,
      { type: QueryTypes.SELECT, replacements: { companyId: company.id } },
    );
    return {
      id: company.id,
      siren: company.siren,
      siret: company.siret,
      name: company.name,
      sector: company.sector,
      size: company.size,
      address: company.address,
      postalCode: company.postal_code,
      city: company.city,
      status: company.status,
      statusChangedAt: iso(company.status_changed_at),
      createdAt: iso(company.created_at),
      history: founder ? await readProcessHistory(sequelize, 'membership', founder.id) : [],
      allowedActions: founder && company.status !== 'VERIFIED' ? membershipRules.allowedActions(founder.status, actorOf(user), partiesOf(founder)) : [],
      pendingMemberships: await Promise.all(pending.map((m) => membershipView(user, m))),
      workflowId: company.workflow_id,
    };
  }

  async function membershipOutcome(membershipId: string): Promise<ConfirmEmailOutcome> {
    const [m] = await sequelize.query<{ status: MembershipStatus; kind: MembershipKind }>(`SELECT status, kind FROM company_memberships WHERE id = :id`, {
      type: QueryTypes.SELECT,
      replacements: { id: membershipId },
    });
    return outcomeOfStatus(m?.status ?? 'EXPIRED', m?.kind ?? 'FOUNDER');
  }

  /**
   * What a registration answers: the same words whether the address was free (a confirmation mail) or
   * already had an account (a mail telling its owner), so the answer never says which.
   */
  function registrationAnswer(r: { companyId: string; userId: string; membershipId: string; kind: MembershipKind; email: string }) {
    return {
      companyId: r.companyId,
      userId: r.userId,
      membershipId: r.membershipId,
      status: 'PENDING_EMAIL_CONFIRMATION' as const,
      message: `Demande enregistrée. Si l’adresse ${r.email} peut être utilisée, un e-mail de confirmation vous y attend : cliquez sur le lien qu’il contient. ${
        r.kind === 'FOUNDER'
          ? 'L’équipe de la plateforme vérifiera ensuite votre entreprise avant d’activer votre compte.'
          : 'L’équipe de la plateforme vérifiera ensuite que vous appartenez bien à l’entreprise avant d’activer votre compte.'
      } Si vous avez déjà un compte avec cette adresse, l’e-mail que vous recevrez vous explique comment vous connecter.`,
    };
  }

  /** Tells the owner of an address someone tried to sign up with (at most once an hour: the workflow id). */
  async function tellOwnerOfSignUpAttempt(userId: string): Promise<void> {
    const at = new Date();
    try {
      await temporal.workflow.start(signUpAttemptWorkflow, {
        workflowId: signUpAttemptWorkflowId(userId, at),
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        args: [{ userId, at: at.toISOString() }],
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  /** A membership written by an earlier run of the same request (ids derived from its Idempotency-Key). */
  async function earlierMembership(ids: { userId: string; membershipId: string } | undefined) {
    if (!ids) return undefined;
    const [row] = await sequelize.query<{ company_id: string; kind: MembershipKind }>(
      `SELECT company_id, kind FROM company_memberships WHERE id = :membershipId AND user_id = :userId`,
      { type: QueryTypes.SELECT, replacements: ids },
    );
    return row;
  }

  return {
    /** `ids`: derived from the request's Idempotency-Key — a retry finds the registration it made and answers it. */
    async registerRecruiter(body: z.output<typeof registerRecruiterBody>, ids?: { userId: string; membershipId: string; companyId: string }) {
      const { company: c, user: u } = body;
      const again = async () => {
        const earlier = await earlierMembership(ids);
        return earlier && registrationAnswer({ companyId: earlier.company_id, userId: ids!.userId, membershipId: ids!.membershipId, kind: earlier.kind, email: u.email });
      };
      const earlier = await again();
      if (earlier) return earlier;
      const passwordHash = await hashPassword(u.password);
      const createdAt = new Date().toISOString();
      const membershipId = ids?.membershipId ?? randomUUID();
      const userId = ids?.userId ?? randomUUID();
      const workflowId = workflowIdOf('membership', membershipId);
      let companyId = '';
      let kind: MembershipKind = 'FOUNDER';
      /** The account that already holds this address: nothing is written, its owner is told. */
      let takenBy: string | null = null;
      try {
        // Rows and workflow together: if Temporal refuses the start, nothing is written.
        await sequelize.transaction(async (transaction) => {
          const q = <T extends object>(sql: string, replacements: Record<string, unknown>) =>
            sequelize.query<T>(sql, { transaction, type: QueryTypes.SELECT, replacements });
          const [taken] = await q<{ id: string; role: string; membership_status: string | null; email_confirmed_at: Date | null }>(
            `SELECT u.id, u.role, u.email_confirmed_at, m.status AS membership_status
             FROM users u LEFT JOIN company_memberships m ON m.user_id = u.id WHERE u.email = :email FOR UPDATE OF u`,
            { email: u.email },
          );
          // The company decides first, the same way whoever's address it is.
          const [existing] = await q<{ id: string; status: MembershipStatus }>(`SELECT id, status FROM companies WHERE siren = :siren FOR UPDATE`, { siren: c.siren });
          if (existing && existing.status !== 'VERIFIED' && existing.status !== 'REJECTED' && existing.status !== 'EXPIRED') {
            throw new HttpError(
              'CONFLICT',
              `Une inscription de l’entreprise de SIREN ${c.siren} est déjà en cours de vérification. Une fois l’entreprise vérifiée, vous pourrez demander à la rejoindre en vous inscrivant avec le même SIREN.`,
            );
          }
          companyId = existing?.id ?? ids?.companyId ?? randomUUID();
          kind = existing?.status === 'VERIFIED' ? 'MEMBER' : 'FOUNDER';
          if (taken) {
            // A sign-up that expired without its e-mail ever being confirmed holds nothing: it gives way.
            const abandoned = taken.role === 'RECRUITER' && taken.membership_status === 'EXPIRED' && !taken.email_confirmed_at;
            if (!abandoned) {
              takenBy = taken.id;
              return;
            }
            await sequelize.query(`DELETE FROM users WHERE id = :id`, { transaction, replacements: { id: taken.id } });
          }
          if (kind === 'FOUNDER') requireCompanyFields(c);
          const fields = {
            name: c.name,
            siret: c.siret,
            sector: c.sector,
            size: c.size,
            address: c.address,
            postalCode: c.postalCode,
            city: c.city,
            at: createdAt,
            workflowId,
          };
          if (!existing) {
            await sequelize.query(
              `INSERT INTO companies (id, siren, siret, name, sector, size, address, postal_code, city, status, status_changed_at, workflow_id, created_at, updated_at)
               VALUES (:id, :siren, :siret, :name, :sector, :size, :address, :postalCode, :city, 'PENDING_EMAIL_CONFIRMATION', :at, :workflowId, :at, :at)`,
              { transaction, replacements: { ...fields, id: companyId, siren: c.siren } },
            );
          } else if (existing.status !== 'VERIFIED') {
            // A new attempt at a company whose registration failed: it starts over, with this founder.
            // (A company already verified: this person asks to join it; the company is left as it is.)
            await sequelize.query(
              `UPDATE companies SET name = :name, siret = coalesce(:siret, siret), sector = :sector, size = :size, address = :address,
                 postal_code = :postalCode, city = :city, status = 'PENDING_EMAIL_CONFIRMATION', status_changed_at = :at,
                 workflow_id = :workflowId, updated_at = :at
               WHERE id = :id`,
              { transaction, replacements: { ...fields, id: companyId } },
            );
          }
          await sequelize.query(
            `INSERT INTO users (id, email, password_hash, role, first_name, last_name, phone, job_title, company_id, terms_version, terms_accepted_at, created_at, updated_at)
             VALUES (:id, :email, :passwordHash, 'RECRUITER', :firstName, :lastName, :phone, :jobTitle, :companyId, :termsVersion, :at, :at, :at)`,
            {
              transaction,
              replacements: {
                id: userId,
                email: u.email,
                passwordHash,
                firstName: u.firstName,
                lastName: u.lastName,
                phone: u.phone,
                jobTitle: u.jobTitle,
                companyId,
                termsVersion: body.acceptedTermsVersion,
                at: createdAt,
              },
            },
          );
          const actor: Actor = { id: userId, role: 'RECRUITER', companyId, name: `${u.firstName} ${u.lastName}` };
          const input: CompanyVerificationInput = { membershipId, companyId, userId, kind, createdAt, createdBy: actor };
          await writeMembershipRows(sequelize, transaction, input, {
            type: 'registered',
            message: null,
            data: { kind, siren: c.siren, siret: c.siret },
          });
          await startProcess(temporal, config.TEMPORAL_TASK_QUEUE, 'membership', input);
        });
      } catch (error) {
        // The same request, retried while its first run was committing (its user or company is now
        // taken): the first answer.
        if (ids && (error instanceof UniqueConstraintError || error instanceof HttpError)) {
          const earlier = await again();
          if (earlier) return earlier;
        }
        if (error instanceof UniqueConstraintError && /email/i.test(JSON.stringify(error.fields ?? {}))) {
          // Another sign-up with this address committed first: its owner is told, like any taken address.
          const [holder] = await sequelize.query<{ id: string }>(`SELECT id FROM users WHERE email = :email`, { type: QueryTypes.SELECT, replacements: { email: u.email } });
          takenBy = holder?.id ?? null;
          if (!takenBy) throw new HttpError('CONFLICT', 'Cette inscription vient d’être faite en même temps qu’une autre : réessayez dans un instant.');
        } else if (error instanceof UniqueConstraintError) {
          // Two sign-ups at once for the same SIREN: the second one is told to retry.
          throw new HttpError('CONFLICT', 'Cette entreprise vient d’être inscrite : réessayez dans un instant.');
        } else {
          throw error;
        }
      }
      // The answer a new address gets, with ids that name nothing (the caller may not tell the difference).
      if (takenBy) await tellOwnerOfSignUpAttempt(takenBy);
      return registrationAnswer({ companyId, userId, membershipId, kind, email: u.email });
    },

    /**
     * What the sign-up form needs to know of a SIREN: whether to ask for the company (new), to offer
     * joining it (verified: its name, public like its SIREN), or to wait (a sign-up being verified).
     */
    async lookup(siren: string) {
      const [row] = await sequelize.query<{ name: string; status: MembershipStatus }>(`SELECT name, status FROM companies WHERE siren = :siren`, {
        type: QueryTypes.SELECT,
        replacements: { siren },
      });
      if (row?.status === 'VERIFIED') {
        return { siren, status: 'REGISTERED' as const, name: row.name, message: `Cette entreprise est déjà inscrite sur Tremplin (${row.name}) : demandez à la rejoindre.` };
      }
      if (row && row.status !== 'REJECTED' && row.status !== 'EXPIRED') {
        return {
          siren,
          status: 'PENDING' as const,
          name: null,
          message: 'Une inscription de cette entreprise est en cours de vérification. Une fois l’entreprise vérifiée, vous pourrez demander à la rejoindre avec ce même numéro.',
        };
      }
      return { siren, status: 'NEW' as const, name: null, message: 'Cette entreprise n’est pas encore sur Tremplin : présentez-la ci-dessous.' };
    },

    async confirmEmail(token: string | undefined): Promise<ConfirmEmailOutcome> {
      if (!token || !/^[A-Za-z0-9_-]{20,200}$/.test(token)) return INVALID_LINK;
      const tokenHash = tokenHashOf(token);
      const [row] = await sequelize.query<{ user_id: string; expires_at: Date; used_at: Date | null; membership_id: string; company_id: string; status: MembershipStatus; kind: MembershipKind; workflow_id: string }>(
        `SELECT t.user_id, t.expires_at, t.used_at, m.id AS membership_id, m.company_id, m.status, m.kind, m.workflow_id
         FROM email_tokens t JOIN company_memberships m ON m.workflow_id = t.workflow_id AND m.user_id = t.user_id
         WHERE t.token_hash = :tokenHash AND t.purpose = 'CONFIRM_EMAIL'`,
        { type: QueryTypes.SELECT, replacements: { tokenHash } },
      );
      if (!row) return INVALID_LINK;
      if (row.status !== 'PENDING_EMAIL_CONFIRMATION') return outcomeOfStatus(row.status, row.kind);
      if (row.used_at) return outcomeOfStatus('PENDING_ADMIN_VERIFICATION', row.kind);
      if (new Date(row.expires_at).getTime() <= Date.now()) return outcomeOfStatus('EXPIRED', row.kind);
      const actor: Actor = { id: row.user_id, role: 'RECRUITER', companyId: row.company_id };
      try {
        await executeTransition(
          temporal,
          row.workflow_id,
          { action: 'confirm_email', actor, tokenHash },
          async () => new HttpError('ILLEGAL_TRANSITION', 'closed'),
          undefined,
          sequelize, // a request that ended right after this Update wrote its event: confirmed all the same
        );
      } catch (error) {
        // The state moved meanwhile (another link of the same request, or the expiry): say where it stands.
        if (error instanceof HttpError && error.code === 'ILLEGAL_TRANSITION') return membershipOutcome(row.membership_id);
        throw error;
      }
      return {
        httpStatus: 200,
        outcome: 'CONFIRMED',
        membershipStatus: 'PENDING_ADMIN_VERIFICATION',
        title: 'Adresse e-mail confirmée',
        message:
          row.kind === 'FOUNDER'
            ? 'Merci, votre adresse e-mail est confirmée. L’équipe de la plateforme va maintenant vérifier votre entreprise : vous recevrez un e-mail dès que votre compte recruteur sera activé. Vous pourrez alors vous connecter.'
            : 'Merci, votre adresse e-mail est confirmée. L’équipe de la plateforme va maintenant vérifier que vous appartenez bien à l’entreprise : vous recevrez un e-mail dès que votre compte recruteur sera activé. Vous pourrez alors vous connecter.',
      };
    },

    async get(user: User, id: string) {
      return view(user, await findVisible(user, id));
    },

    async list(user: User, query: z.output<typeof listCompaniesQuery>) {
      if (user.role !== 'ADMIN') throw new HttpError('FORBIDDEN', 'La liste des entreprises et des demandes à vérifier est réservée aux administrateurs de la plateforme.');
      const replacements: Record<string, unknown> = { limit: query.pageSize, offset: (query.page - 1) * query.pageSize };
      let where = 'TRUE';
      let waitingSince = 'c.status_changed_at';
      // `status=` (an empty list) filters nothing, as no parameter: `IN ()` is no SQL.
      if (query.status?.length) {
        // A company in this status, or with a membership request in it (a recruiter asking to join).
        replacements.statuses = query.status;
        where = `(c.status IN (:statuses) OR EXISTS (SELECT 1 FROM company_memberships m WHERE m.company_id = c.id AND m.status IN (:statuses)))`;
        waitingSince = `coalesce((SELECT min(m.status_changed_at) FROM company_memberships m WHERE m.company_id = c.id AND m.status IN (:statuses)), c.status_changed_at)`;
      }
      const order = (query.sort ?? (query.status?.length ? 'oldest' : 'newest')) === 'oldest' ? 'waiting_since ASC' : 'c.created_at DESC';
      const [rows, [{ total }]] = await Promise.all([
        sequelize.query<CompanyRow & { waiting_since: Date }>(
          `SELECT c.*, ${waitingSince} AS waiting_since FROM companies c WHERE ${where} ORDER BY ${order}, c.id LIMIT :limit OFFSET :offset`,
          { type: QueryTypes.SELECT, replacements },
        ),
        sequelize.query<{ total: string }>(`SELECT count(*) AS total FROM companies c WHERE ${where}`, { type: QueryTypes.SELECT, replacements }),
      ]);
      const pending = rows.length
        ? await sequelize.query<MembershipRow>(
            `${SELECT_MEMBERSHIP} WHERE m.company_id IN (:ids) AND m.status IN ('PENDING_EMAIL_CONFIRMATION', 'PENDING_ADMIN_VERIFICATION') ORDER BY m.status_changed_at`,
            { type: QueryTypes.SELECT, replacements: { ids: rows.map((r) => r.id) } },
          )
        : [];
      const now = Date.now();
      return {
        items: rows.map((c) => ({
          id: c.id,
          siren: c.siren,
          name: c.name,
          city: c.city,
          status: c.status,
          statusChangedAt: iso(c.status_changed_at),
          createdAt: iso(c.created_at),
          waitingSince: query.status ? iso(c.waiting_since) : null,
          waitingDays: query.status ? Math.floor((now - new Date(c.waiting_since).getTime()) / 86_400_000) : null,
          pendingMemberships: pending
            .filter((m) => m.company_id === c.id)
            .map((m) => ({
              id: m.id,
              kind: m.kind,
              status: m.status,
              statusChangedAt: iso(m.status_changed_at),
              user: { id: m.user_id, firstName: m.first_name, lastName: m.last_name, email: m.email, jobTitle: m.job_title, phone: m.phone, emailConfirmed: m.email_confirmed_at != null },
            })),
        })),
        total: Number(total),
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    /** `updateId`: derived from an Idempotency-Key — Temporal answers a repeated one with the first outcome. */
    async transition(user: User, id: string, body: z.output<typeof companyTransitionBody>, updateId?: string) {
      const company = await findVisible(user, id);
      if (user.role !== 'ADMIN') {
        throw new HttpError('FORBIDDEN', `L’action « ${body.action} » est réservée à un administrateur de la plateforme.`, { status: company.status, allowedActions: [] });
      }
      const target = await targetMembership(company, body.membershipId);
      const closed = (status: MembershipStatus) =>
        new HttpError(
          'ILLEGAL_TRANSITION',
          `L’action « ${body.action} » est impossible : ${target.kind === 'FOUNDER' ? 'l’inscription de l’entreprise' : 'la demande d’adhésion'} est close, ${membershipRules.statusLabel[status]} (${status}).`,
          { status, allowedActions: [] },
        );
      const action: MembershipAction = body.action;
      const request = { action, actor: actorOf(user), reason: body.action === 'reject' ? (body.reason ?? null) : null };
      const closedNow = async () => {
        const [now] = await sequelize.query<{ status: MembershipStatus }>(`SELECT status FROM company_memberships WHERE id = :id`, {
          type: QueryTypes.SELECT,
          replacements: { id: target.id },
        });
        return closed(now?.status ?? target.status);
      };
      if (membershipRules.isFinal(target.status) || !target.workflow_id) {
        // Closed by this very request, retried after its answer was lost?
        if (target.workflow_id && (await sendAgainIfWritten(temporal, sequelize, target.workflow_id, request, closedNow, updateId))) return view(user, (await companyRow(id))!);
        throw closed(target.status);
      }
      await executeTransition(temporal, target.workflow_id, request, closedNow, updateId, sequelize);
      return view(user, (await companyRow(id))!);
    },

    /** `ids`: derived from the request's Idempotency-Key — a retry finds the colleague it invited and answers them. */
    async inviteColleague(user: User, body: z.output<typeof inviteColleagueBody>, ids?: { userId: string; membershipId: string }) {
      const inviter = await verifiedRecruiter(user);
      const again = async () => ((await earlierMembership(ids)) ? (await colleagues(inviter.companyId, { userId: ids!.userId }))[0] : undefined);
      const earlier = await again();
      if (earlier) return earlier;
      const userId = ids?.userId ?? randomUUID();
      const membershipId = ids?.membershipId ?? randomUUID();
      const createdAt = new Date().toISOString();
      // Unusable until the invitation activity sets the temporary password it mails (with the mail, once).
      const placeholder = await hashPassword(randomBytes(32).toString('base64url'));
      const actor = actorOf(user);
      const input: CompanyVerificationInput = { membershipId, companyId: inviter.companyId, userId, kind: 'INVITED', createdAt, createdBy: actor };
      try {
        await sequelize.transaction(async (transaction) => {
          await sequelize.query(
            `INSERT INTO users (id, email, password_hash, role, first_name, last_name, phone, job_title, company_id, must_change_password, created_at, updated_at)
             VALUES (:id, :email, :placeholder, 'RECRUITER', :firstName, :lastName, :phone, :jobTitle, :companyId, true, :at, :at)`,
            {
              transaction,
              replacements: { id: userId, email: body.email, placeholder, firstName: body.firstName, lastName: body.lastName, phone: body.phone, jobTitle: body.jobTitle, companyId: inviter.companyId, at: createdAt },
            },
          );
          await writeMembershipRows(sequelize, transaction, input, {
            type: 'invited',
            message: `Invitation ${de(`${user.firstName} ${user.lastName}`)}, dont le compte recruteur de l’entreprise est vérifié : compte actif dès la création.`,
            data: { kind: 'INVITED' },
          });
          await startProcess(temporal, config.TEMPORAL_TASK_QUEUE, 'membership', input);
        });
      } catch (error) {
        if (error instanceof UniqueConstraintError) {
          // The same request, retried while its first run was committing: the first answer.
          const earlier = await again();
          if (earlier) return earlier;
          const taken = 'Un compte existe déjà avec cette adresse e-mail : votre collègue peut se connecter avec, ou utilisez une autre adresse.';
          throw new HttpError('CONFLICT', taken, { fields: [{ field: 'email', message: taken }] });
        }
        throw error;
      }
      const [created] = await colleagues(inviter.companyId, { userId });
      return created!;
    },

    async listColleagues(user: User, query: z.output<typeof pageQuery>) {
      const { companyId } = await verifiedRecruiter(user);
      const all = await colleagues(companyId);
      const start = (query.page - 1) * query.pageSize;
      return { items: all.slice(start, start + query.pageSize), total: all.length, page: query.page, pageSize: query.pageSize };
    },
  };

  /** The recruiter's own company, when both their membership and the company are verified; 403 otherwise. */
  async function verifiedRecruiter(user: User): Promise<{ companyId: string }> {
    if (user.role !== 'RECRUITER' || !user.companyId) throw new HttpError('FORBIDDEN', 'Réservé aux recruteurs d’une entreprise vérifiée.');
    const [row] = await sequelize.query<{ status: string; company_status: string }>(
      `SELECT m.status, c.status AS company_status FROM company_memberships m JOIN companies c ON c.id = m.company_id WHERE m.user_id = :userId`,
      { type: QueryTypes.SELECT, replacements: { userId: user.id } },
    );
    if (row?.status !== 'VERIFIED' || row.company_status !== 'VERIFIED') throw new HttpError('FORBIDDEN', 'Réservé aux recruteurs d’une entreprise vérifiée.');
    return { companyId: user.companyId };
  }

  async function colleagues(companyId: string, only: { userId?: string } = {}) {
    const rows = await sequelize.query<Record<string, any>>(
      `SELECT u.id, u.email, u.first_name, u.last_name, u.job_title, u.phone, u.must_change_password, u.created_at,
              m.id AS membership_id, m.kind, m.status, i.id AS inviter_id, i.first_name AS inviter_first_name, i.last_name AS inviter_last_name
       FROM company_memberships m JOIN users u ON u.id = m.user_id LEFT JOIN users i ON i.id = m.invited_by
       WHERE m.company_id = :companyId AND m.status IN ('PENDING_EMAIL_CONFIRMATION', 'PENDING_ADMIN_VERIFICATION', 'VERIFIED')
         AND u.disabled_at IS NULL ${only.userId ? 'AND u.id = :userId' : ''}
       ORDER BY u.created_at, u.id`,
      { type: QueryTypes.SELECT, replacements: { companyId, userId: only.userId ?? null } },
    );
    return rows.map((r) => ({
      id: r.id as string,
      email: r.email as string,
      firstName: r.first_name as string,
      lastName: r.last_name as string,
      jobTitle: r.job_title as string | null,
      phone: r.phone as string | null,
      membership: { id: r.membership_id as string, kind: r.kind as MembershipKind, status: r.status as MembershipStatus },
      invitedBy: r.inviter_id ? { id: r.inviter_id as string, firstName: r.inviter_first_name as string, lastName: r.inviter_last_name as string } : null,
      mustChangePassword: r.must_change_password as boolean,
      createdAt: iso(r.created_at),
    }));
  }

  /**
   * Which request an admin acts on: the one named by membershipId; otherwise, while the company is not
   * verified, its own registration; a verified company's member requests must be named.
   */
  async function targetMembership(company: CompanyRow, membershipId: string | undefined): Promise<MembershipRow> {
    if (membershipId) {
      const [row] = await sequelize.query<MembershipRow>(`${SELECT_MEMBERSHIP} WHERE m.id = :membershipId AND m.company_id = :companyId`, {
        type: QueryTypes.SELECT,
        replacements: { membershipId, companyId: company.id },
      });
      if (!row) throw invalidField('membershipId', 'aucune demande de cette entreprise ne porte cet identifiant.');
      return row;
    }
    if (company.status !== 'VERIFIED') {
      const founder = await founderOf(company);
      if (!founder) throw new HttpError('ILLEGAL_TRANSITION', `Aucune vérification en cours pour cette entreprise (${company.status}).`, { status: company.status, allowedActions: [] });
      return founder;
    }
    const waiting = await sequelize.query<{ id: string }>(
      `SELECT id FROM company_memberships WHERE company_id = :companyId AND status IN ('PENDING_EMAIL_CONFIRMATION', 'PENDING_ADMIN_VERIFICATION') ORDER BY status_changed_at`,
      { type: QueryTypes.SELECT, replacements: { companyId: company.id } },
    );
    if (waiting.length === 0) {
      throw new HttpError('ILLEGAL_TRANSITION', 'L’entreprise est déjà vérifiée (VERIFIED) et aucune demande d’adhésion n’attend de vérification.', {
        status: 'VERIFIED',
        allowedActions: [],
      });
    }
    throw new HttpError(
      'VALIDATION_FAILED',
      `membershipId : l’entreprise est déjà vérifiée ; indiquez la demande d’adhésion à traiter (en cours : ${waiting.map((w) => w.id).join(', ')}).`,
    );
  }
}

const COMPANY_FIELDS = ['name', 'sector', 'size', 'address', 'postalCode', 'city'] as const;

/** A new company (or one whose sign-up failed, starting over) needs its details: each missing one named. */
function requireCompanyFields(company: Partial<Record<(typeof COMPANY_FIELDS)[number], string>>): void {
  const missing = COMPANY_FIELDS.filter((field) => !company[field]);
  if (missing.length === 0) return;
  const fields = missing.map((field) => ({ field: `company.${field}`, message: 'Obligatoire pour inscrire une nouvelle entreprise.' }));
  throw new HttpError('VALIDATION_FAILED', `${fields.map((f) => f.field).join(', ')} : obligatoire pour inscrire une nouvelle entreprise.`, { fields });
}

/** The membership row, the company's pointer to its process (FOUNDER) and the first history event. */
async function writeMembershipRows(
  sequelize: Sequelize,
  transaction: Transaction,
  input: CompanyVerificationInput,
  first: { type: 'registered' | 'invited'; message: string | null; data: Record<string, unknown> },
): Promise<void> {
  const status = PROCESSES.membership.initialStatus(input);
  await sequelize.query(
    `INSERT INTO company_memberships (id, company_id, user_id, kind, status, status_changed_at, workflow_id, invited_by, created_at, updated_at)
     VALUES (:id, :companyId, :userId, :kind, :status, :at, :workflowId, :invitedBy, :at, :at)`,
    {
      transaction,
      replacements: {
        id: input.membershipId,
        companyId: input.companyId,
        userId: input.userId,
        kind: input.kind,
        status,
        at: input.createdAt,
        workflowId: workflowIdOf('membership', input.membershipId),
        invitedBy: input.kind === 'INVITED' ? (input.createdBy?.id ?? null) : null,
      },
    },
  );
  await insertProcessEvent(
    sequelize,
    {
      entity: 'membership',
      entityId: input.membershipId,
      seq: 0,
      type: first.type,
      fromStatus: null,
      toStatus: status,
      actor: input.createdBy,
      message: first.message,
      at: input.createdAt,
      data: first.data,
    },
    transaction,
  );
}

const INVALID_LINK: ConfirmEmailOutcome = {
  httpStatus: 400,
  outcome: 'INVALID',
  membershipStatus: null,
  title: 'Lien de confirmation invalide',
  message:
    'Ce lien de confirmation n’est pas valide : il est peut-être incomplet. Copiez l’adresse complète reçue par e-mail dans votre navigateur, ou inscrivez-vous à nouveau.',
};

/** Where a request stands, worded for the person who clicked a link of it. */
function outcomeOfStatus(status: MembershipStatus, kind: MembershipKind): ConfirmEmailOutcome {
  switch (status) {
    case 'EXPIRED':
      return {
        httpStatus: 410,
        outcome: 'EXPIRED',
        membershipStatus: 'EXPIRED',
        title: 'Lien expiré',
        message:
          'Ce lien de confirmation a expiré : l’adresse e-mail devait être confirmée dans les 48 heures suivant l’inscription. Inscrivez-vous à nouveau pour recevoir un nouveau lien.',
      };
    case 'PENDING_EMAIL_CONFIRMATION':
    case 'PENDING_ADMIN_VERIFICATION':
      return {
        httpStatus: 200,
        outcome: 'ALREADY_CONFIRMED',
        membershipStatus: 'PENDING_ADMIN_VERIFICATION',
        title: 'Adresse e-mail déjà confirmée',
        message: `Votre adresse e-mail est déjà confirmée. L’équipe de la plateforme vérifie maintenant ${
          kind === 'FOUNDER' ? 'votre entreprise' : 'que vous appartenez bien à l’entreprise'
        } : vous recevrez un e-mail dès que votre compte recruteur sera activé.`,
      };
    case 'VERIFIED':
      return {
        httpStatus: 200,
        outcome: 'ALREADY_CONFIRMED',
        membershipStatus: 'VERIFIED',
        title: 'Adresse e-mail déjà confirmée',
        message: 'Votre adresse e-mail est déjà confirmée et votre compte recruteur est activé : vous pouvez vous connecter.',
      };
    case 'REJECTED':
      return {
        httpStatus: 200,
        outcome: 'ALREADY_CONFIRMED',
        membershipStatus: 'REJECTED',
        title: 'Adresse e-mail déjà confirmée',
        message: 'Votre adresse e-mail est déjà confirmée. Votre demande d’inscription a ensuite été refusée : le motif vous a été envoyé par e-mail.',
      };
  }
}
