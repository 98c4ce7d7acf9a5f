// Who is told about a recruiter's place in a company: the registrant gets the link that confirms their
// e-mail address (or, invited by a colleague, a temporary password), the admins are asked to verify
// once the address is confirmed, and the registrant learns the decision. What they read is in
// company-verification-copy.ts, how it is sent in notices.ts and secret-mail.ts.
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { QueryTypes, type Transaction } from 'sequelize';
import type { MembershipEventType, MembershipKind, MembershipNotice } from '../workflows/company-verification-rules.js';
import { MEMBERSHIP_COPY, MEMBERSHIP_PAGE_LABEL, confirmationLetter, invitationLetter, type UnaddressedLetter } from './company-verification-copy.js';
import type { ActivityDeps } from './deps.js';
import { createNotifier, noticeKeyOf, type Route, type RoutingTable } from './notices.js';
import { activeAdmins, type Person, type Recipient } from './people.js';
import { createSecretMailer, newEmailToken, newTemporaryPassword, tokenHashOf } from './secret-mail.js';

/** `registrant`: the person whose place in the company this process verifies (registered, asked to join, or invited). */
export type MembershipAudience = 'registrant' | 'admin';

export interface MembershipContext {
  notice: MembershipNotice;
  publicUrl: string;
  membershipId: string;
  kind: MembershipKind;
  companyId: string;
  companyName: string;
  siren: string;
  siret: string | null;
  city: string | null;
  registrant: Person;
  registrantDisabled: boolean;
  /** Who invited the registrant, when a colleague did. */
  inviterName: string | null;
}

const CONDITIONS = {
  awaitsEmailConfirmation: (ctx: MembershipContext) => ctx.notice.status === 'PENDING_EMAIL_CONFIRMATION',
};

/** A mail carrying a secret, sent instead of a notice (no in-app notification: the account cannot sign in yet). */
type Secret = 'confirmationLink' | 'temporaryPassword';
type MembershipRoute = Route<MembershipAudience, keyof typeof CONDITIONS> & { secret?: Secret };

const CONFIRMATION_LINK: MembershipRoute = { to: 'registrant', when: 'awaitsEmailConfirmation', secret: 'confirmationLink' };

export const MEMBERSHIP_ROUTES: RoutingTable<MembershipEventType, MembershipAudience, keyof typeof CONDITIONS, MembershipRoute> = {
  registered: [CONFIRMATION_LINK],
  email_reminder: [CONFIRMATION_LINK],
  invited: [{ to: 'registrant', secret: 'temporaryPassword' }],
  confirm_email: [{ to: 'admin' }],
  verify: [{ to: 'registrant' }],
  reject: [{ to: 'registrant' }],
  expire: [],
};

/** How long a confirmation link works when the workflow did not say. */
const LINK_VALIDITY_MS = 48 * 3_600_000;

export const confirmEmailUrl = (publicUrl: string, token: string) => `${publicUrl}/api/auth/confirm-email?token=${token}`;

/** The web app's page of a company. */
const companyPage = (companyId: string) => `/entreprises/${companyId}`;

export function createCompanyVerificationNotices(deps: ActivityDeps) {
  const { sequelize, config } = deps;
  const sendSecretMail = createSecretMailer(deps);

  async function loadContext(notice: MembershipNotice): Promise<MembershipContext> {
    const [row] = await sequelize.query<Record<string, any>>(
      `SELECT m.id, m.kind, m.company_id, c.name AS company_name, c.siren, c.siret, c.city,
              u.id AS user_id, u.first_name, u.last_name, u.email, u.job_title, u.phone, u.disabled_at,
              i.first_name AS inviter_first_name, i.last_name AS inviter_last_name
       FROM company_memberships m
       JOIN companies c ON c.id = m.company_id
       JOIN users u ON u.id = m.user_id
       LEFT JOIN users i ON i.id = m.invited_by
       WHERE m.id = :membershipId`,
      { type: QueryTypes.SELECT, replacements: { membershipId: notice.membershipId } },
    );
    // Written before any notice is sent: a missing row is a bug, retrying would not bring it back.
    if (!row) throw ApplicationFailure.nonRetryable(`Adhésion ${notice.membershipId} introuvable`, 'NOT_FOUND');
    return {
      notice,
      publicUrl: config.PUBLIC_URL,
      membershipId: notice.membershipId,
      kind: row.kind,
      companyId: row.company_id,
      companyName: row.company_name,
      siren: row.siren,
      siret: row.siret,
      city: row.city,
      registrant: {
        id: row.user_id,
        firstName: row.first_name,
        name: `${row.first_name} ${row.last_name}`,
        email: row.email,
        phone: row.phone,
        jobTitle: row.job_title,
      },
      registrantDisabled: row.disabled_at != null,
      inviterName: row.inviter_first_name ? `${row.inviter_first_name} ${row.inviter_last_name}` : null,
    };
  }

  /**
   * Each secret and the letter that carries it. Every attempt makes a fresh one; only the attempt that
   * creates the outbox row applies it, so the one in the mail is the one that works.
   */
  const SECRETS: Record<Secret, (ctx: MembershipContext, person: Person) => Promise<{ letter: UnaddressedLetter; apply: (transaction: Transaction) => Promise<void> }>> = {
    confirmationLink: async (ctx, person) => {
      const token = newEmailToken();
      const expiresAt = ctx.notice.linkExpiresAt ?? new Date(Date.now() + LINK_VALIDITY_MS).toISOString();
      return {
        letter: confirmationLetter(ctx, confirmEmailUrl(config.PUBLIC_URL, token), expiresAt),
        apply: async (transaction) => {
          await sequelize.query(
            `INSERT INTO email_tokens (id, token_hash, purpose, user_id, workflow_id, expires_at) VALUES (:id, :hash, 'CONFIRM_EMAIL', :userId, :workflowId, :expiresAt)`,
            { transaction, replacements: { id: randomUUID(), hash: tokenHashOf(token), userId: person.id, workflowId: ctx.notice.workflowId, expiresAt } },
          );
        },
      };
    },
    temporaryPassword: async (ctx, person) => {
      const { password, apply } = await newTemporaryPassword(sequelize, person.id);
      return { letter: invitationLetter(ctx, password), apply };
    },
  };

  async function reachWithSecret(ctx: MembershipContext, { person, route }: Recipient<MembershipAudience> & { route: MembershipRoute }) {
    if (!route.secret) return false;
    const { letter, apply } = await SECRETS[route.secret](ctx, person);
    await sendSecretMail(
      { key: noticeKeyOf(ctx.notice.workflowId, ctx.notice.seq, person.id), workflowId: ctx.notice.workflowId, held: 'un lien de confirmation ou un mot de passe provisoire' },
      async () => ({ to: person.email, firstName: person.firstName, ...letter }),
      apply,
    );
    return true;
  }

  const notifyMembershipEvent = createNotifier(
    deps,
    {
      noun: 'adhésion',
      entityType: 'company',
      pageLabel: MEMBERSHIP_PAGE_LABEL,
      routes: MEMBERSHIP_ROUTES,
      conditions: CONDITIONS,
      audiences: {
        // A disabled account is told nothing: nobody reads it any more.
        registrant: (ctx: MembershipContext) => (ctx.registrantDisabled ? null : ctx.registrant),
        admin: () => activeAdmins(),
      },
      copy: MEMBERSHIP_COPY,
      reach: reachWithSecret,
    },
    async (notice: MembershipNotice) => {
      const ctx = await loadContext(notice);
      return { ctx, entityId: ctx.companyId, page: companyPage(ctx.companyId), topic: ctx.companyName };
    },
  );

  return { notifyMembershipEvent };
}
