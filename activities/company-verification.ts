// Activities of companyVerificationWorkflow: the projection (membership status + history event, the
// company's status mirrored from its FOUNDER, the e-mail token marked used) and what people are told.
//
// Mails that carry a secret (the e-mail confirmation link, a colleague's temporary password) are made
// in one idempotent step: the secret and the outbox row are created in one transaction keyed by
// (workflow, event, recipient), so a retried activity sends the first link again, never a new one.
// Once the relay accepted such a mail, its body is removed from the outbox.
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { ForeignKeyConstraintError, QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { User } from '../models/index.js';
import { hashPassword, passwordWeakness } from '../models/passwords.js';
import type { Actor } from '../workflows/actors.js';
import {
  type MembershipEventType,
  type MembershipKind,
  type MembershipNotice,
  type MembershipParties,
  type MembershipStatus,
} from '../workflows/company-verification-rules.js';
import type { CompanyVerificationInput } from '../workflows/company-verification.js';
import { PROCESSES, workflowIdOf } from '../workflows/processes.js';
import type { ActivityDeps } from './deps.js';
import { formatParisDateTime } from './ics.js';
import { createMailer, renderMail, type MailBlock } from './mail.js';
import { createNoticeSender, noticeKeyOf, type Notice } from './notices.js';
import { writeProcessEvent } from './process-events.js';

export interface MembershipEventRecord extends MembershipParties {
  workflowId: string;
  seq: number;
  type: MembershipEventType;
  fromStatus: MembershipStatus | null;
  toStatus: MembershipStatus;
  actor: Actor | null;
  message: string | null;
  at: string;
  /** confirm_email: the link's token (its hash), marked used in the same transaction. */
  tokenHash: string | null;
}

/** SHA-256 (hex) of an e-mail token: only this is stored, the token itself only travels in the mail. */
export const tokenHashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** 32 random bytes, base64url (43 characters). */
export const newEmailToken = () => randomBytes(32).toString('base64url');

export const confirmEmailUrl = (publicUrl: string, token: string) => `${publicUrl}/api/auth/confirm-email?token=${token}`;

const SECRET_REMOVED = '[Contenu retiré de l’outbox après l’envoi : ce message contenait un lien de confirmation ou un mot de passe provisoire.]';

/** A temporary password that meets the platform's own rule (seed 004), easy to type: 4 groups of 4. */
export function temporaryPassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  for (;;) {
    const groups = Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join(''));
    const password = groups.join('-');
    if (!passwordWeakness(password)) return password;
  }
}

/**
 * The membership's status and history event, in one transaction with what the transition implies: the
 * company's status when this is its FOUNDER's process, the user's e-mail confirmed and the link used.
 */
export async function writeMembershipEvent(sequelize: Sequelize, event: MembershipEventRecord): Promise<void> {
  await writeProcessEvent(
    sequelize,
    {
      entity: 'membership',
      entityId: event.membershipId,
      seq: event.seq,
      type: event.type,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      actor: event.actor,
      message: event.message,
      at: event.at,
      data: { kind: event.kind, companyId: event.companyId },
    },
    undefined,
    async (transaction) => {
      if (event.kind === 'FOUNDER' && event.toStatus !== event.fromStatus) {
        // Only while this process is the company's current one (a later registration may have replaced it).
        await sequelize.query(
          `UPDATE companies SET status = :status, status_changed_at = :at, updated_at = now() WHERE id = :companyId AND workflow_id = :workflowId`,
          { transaction, replacements: { status: event.toStatus, at: event.at, companyId: event.companyId, workflowId: event.workflowId } },
        );
      }
      if (event.type === 'confirm_email') {
        await sequelize.query(`UPDATE users SET email_confirmed_at = coalesce(email_confirmed_at, :at), updated_at = now() WHERE id = :userId`, {
          transaction,
          replacements: { at: event.at, userId: event.userId },
        });
        if (event.tokenHash) {
          await sequelize.query(`UPDATE email_tokens SET used_at = :at WHERE token_hash = :hash AND used_at IS NULL`, {
            transaction,
            replacements: { at: event.at, hash: event.tokenHash },
          });
        }
      }
    },
  );
}

/**
 * Writes the membership row as the API did (a no-op once it committed: the insert waits for the API's
 * transaction, then finds the row). Returns the number of history events, or null when the API's
 * transaction rolled back (its user and company do not exist): there is nothing to verify.
 */
export async function writeMembershipCreated(sequelize: Sequelize, input: CompanyVerificationInput): Promise<number | null> {
  const status = PROCESSES.membership.initialStatus(input);
  try {
    await sequelize.query(
      `INSERT INTO company_memberships (id, company_id, user_id, kind, status, status_changed_at, workflow_id, invited_by, created_at, updated_at)
       VALUES (:id, :companyId, :userId, :kind, :status, :at, :workflowId, :invitedBy, :at, :at)
       ON CONFLICT (id) DO NOTHING`,
      {
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
  } catch (error) {
    if (error instanceof ForeignKeyConstraintError) return null;
    throw error;
  }
  const [{ count }] = await sequelize.query<{ count: string }>(`SELECT count(*) AS count FROM membership_events WHERE membership_id = :id`, {
    type: QueryTypes.SELECT,
    replacements: { id: input.membershipId },
  });
  return Number(count);
}

interface MembershipContext {
  membershipId: string;
  kind: MembershipKind;
  companyId: string;
  companyName: string;
  siren: string;
  siret: string | null;
  city: string | null;
  user: { id: string; firstName: string; lastName: string; email: string; jobTitle: string | null; phone: string | null; disabled: boolean };
  invitedBy: { firstName: string; lastName: string } | null;
}

export function createCompanyVerificationActivities(deps: ActivityDeps) {
  const { sequelize, config, logger } = deps;
  const mailer = createMailer(deps);
  const sendNotices = createNoticeSender(deps);
  const platformLink = `${config.PUBLIC_URL}/`;
  const companyLink = (companyId: string) => `/entreprises/${companyId}`;

  async function loadContext(membershipId: string): Promise<MembershipContext> {
    const [row] = await sequelize.query<Record<string, any>>(
      `SELECT m.id, m.kind, m.company_id, c.name AS company_name, c.siren, c.siret, c.city,
              u.id AS user_id, u.first_name, u.last_name, u.email, u.job_title, u.phone, u.disabled_at,
              i.first_name AS inviter_first_name, i.last_name AS inviter_last_name
       FROM company_memberships m
       JOIN companies c ON c.id = m.company_id
       JOIN users u ON u.id = m.user_id
       LEFT JOIN users i ON i.id = m.invited_by
       WHERE m.id = :membershipId`,
      { type: QueryTypes.SELECT, replacements: { membershipId } },
    );
    // Written before any notice is sent: a missing row is a bug, retrying would not bring it back.
    if (!row) throw ApplicationFailure.nonRetryable(`Adhésion ${membershipId} introuvable`, 'NOT_FOUND');
    return {
      membershipId,
      kind: row.kind,
      companyId: row.company_id,
      companyName: row.company_name,
      siren: row.siren,
      siret: row.siret,
      city: row.city,
      user: {
        id: row.user_id,
        firstName: row.first_name,
        lastName: row.last_name,
        email: row.email,
        jobTitle: row.job_title,
        phone: row.phone,
        disabled: row.disabled_at != null,
      },
      invitedBy: row.inviter_first_name ? { firstName: row.inviter_first_name, lastName: row.inviter_last_name } : null,
    };
  }

  /**
   * A mail carrying a secret: the secret is applied (`apply`) only by the attempt that creates the
   * outbox row, in the same transaction; every later attempt sends that row as it is.
   */
  async function sendWithSecret(
    key: string,
    to: string,
    workflowId: string,
    compose: () => { subject: string; blocks: MailBlock[] },
    apply: (transaction: Transaction) => Promise<void>,
  ): Promise<void> {
    const { subject, blocks } = compose();
    const { text, html } = renderMail(blocks);
    await sequelize.transaction(async (transaction) => {
      const created = await sequelize.query(
        `INSERT INTO email_outbox (id, idempotency_key, to_address, subject, text_body, html_body, workflow_id, status)
         VALUES (:id, :key, :to, :subject, :text, :html, :workflowId, 'PENDING')
         ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
        { transaction, type: QueryTypes.SELECT, replacements: { id: randomUUID(), key, to, subject, text, html, workflowId } },
      );
      if (created.length > 0) await apply(transaction);
    });
    // The row exists: sendOnce sends what it holds (the first secret), whatever this attempt composed.
    await mailer.sendOnce({ key, to, subject, text, html, workflowId });
    await sequelize.query(`UPDATE email_outbox SET text_body = :removed, html_body = NULL, updated_at = now() WHERE idempotency_key = :key AND status = 'SENT'`, {
      replacements: { key, removed: SECRET_REMOVED },
    });
  }

  const companyFacts = (ctx: MembershipContext): MailBlock => ({
    kind: 'facts',
    items: [
      ['Entreprise', ctx.companyName],
      ['SIREN', ctx.siren],
      ...(ctx.siret ? [['SIRET', ctx.siret] as [string, string]] : []),
      ...(ctx.city ? [['Ville', ctx.city] as [string, string]] : []),
    ],
  });

  async function sendConfirmationLink(ctx: MembershipContext, notice: MembershipNotice): Promise<void> {
    const key = noticeKeyOf(notice.workflowId, notice.seq, ctx.user.id);
    const token = newEmailToken();
    const expiresAt = notice.linkExpiresAt ?? new Date(Date.now() + 48 * 3_600_000).toISOString();
    const until = formatParisDateTime(expiresAt);
    const reminder = notice.event === 'email_reminder';
    const what = ctx.kind === 'FOUNDER' ? `l’inscription de l’entreprise ${ctx.companyName}` : `votre demande pour rejoindre l’espace recruteur de ${ctx.companyName}`;
    const next =
      ctx.kind === 'FOUNDER'
        ? 'Ensuite, l’équipe de la plateforme vérifiera votre entreprise avant d’activer votre compte : vous recevrez un e-mail dès que ce sera fait.'
        : 'Ensuite, l’équipe de la plateforme vérifiera que vous appartenez bien à l’entreprise avant d’activer votre compte : vous recevrez un e-mail dès que ce sera fait.';
    await sendWithSecret(
      key,
      ctx.user.email,
      notice.workflowId,
      () => ({
        subject: reminder ? `Rappel : confirmez votre adresse e-mail — ${ctx.companyName}` : `Confirmez votre adresse e-mail — ${ctx.companyName}`,
        blocks: [
          { kind: 'paragraph', text: `Bonjour ${ctx.user.firstName},` },
          {
            kind: 'paragraph',
            text: reminder
              ? `Votre demande (${what}) attend toujours la confirmation de votre adresse e-mail. Sans confirmation avant le ${until} (heure de Paris), elle expirera.`
              : `Nous avons bien reçu ${ctx.kind === 'FOUNDER' ? `votre demande d’inscription de l’entreprise ${ctx.companyName}` : what} sur Tremplin. Pour la poursuivre, confirmez votre adresse e-mail.`,
          },
          companyFacts(ctx),
          { kind: 'link', label: 'Confirmer mon adresse e-mail', href: confirmEmailUrl(config.PUBLIC_URL, token) },
          { kind: 'paragraph', text: `Ce lien ne fonctionne qu’une fois, jusqu’au ${until} (heure de Paris).` },
          { kind: 'paragraph', text: next },
          { kind: 'paragraph', text: 'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : sans confirmation, elle expirera d’elle-même.' },
          { kind: 'paragraph', text: 'L’équipe Tremplin' },
        ],
      }),
      async (transaction) => {
        await sequelize.query(
          `INSERT INTO email_tokens (id, token_hash, purpose, user_id, workflow_id, expires_at) VALUES (:id, :hash, 'CONFIRM_EMAIL', :userId, :workflowId, :expiresAt)`,
          { transaction, replacements: { id: randomUUID(), hash: tokenHashOf(token), userId: ctx.user.id, workflowId: notice.workflowId, expiresAt } },
        );
      },
    );
  }

  async function sendInvitation(ctx: MembershipContext, notice: MembershipNotice): Promise<void> {
    const key = noticeKeyOf(notice.workflowId, notice.seq, ctx.user.id);
    const password = temporaryPassword();
    const passwordHash = await hashPassword(password);
    const inviter = ctx.invitedBy ? `${ctx.invitedBy.firstName} ${ctx.invitedBy.lastName}` : 'Un collègue';
    await sendWithSecret(
      key,
      ctx.user.email,
      notice.workflowId,
      () => ({
        subject: `Votre accès recruteur Tremplin — ${ctx.companyName}`,
        blocks: [
          { kind: 'paragraph', text: `Bonjour ${ctx.user.firstName},` },
          {
            kind: 'paragraph',
            text: `${inviter} vous a créé un compte recruteur pour ${ctx.companyName} sur Tremplin : vous pouvez y publier des offres d’emploi et suivre les candidatures de votre entreprise.`,
          },
          { kind: 'facts', items: [['Identifiant', ctx.user.email], ['Mot de passe provisoire', password]] },
          { kind: 'link', label: 'Se connecter à Tremplin', href: platformLink },
          { kind: 'paragraph', text: 'À votre première connexion, vous choisirez votre propre mot de passe (12 caractères au moins, avec une majuscule, une minuscule, un chiffre et un caractère spécial).' },
          { kind: 'paragraph', text: 'L’équipe Tremplin' },
        ],
      }),
      async (transaction) => {
        await sequelize.query(`UPDATE users SET password_hash = :hash, must_change_password = true, updated_at = now() WHERE id = :id`, {
          transaction,
          replacements: { hash: passwordHash, id: ctx.user.id },
        });
      },
    );
  }

  interface Draft {
    subject: string;
    /** In-app title. */
    title: string;
    body: string[];
    quote?: { label: string; text: string } | null;
    facts?: MailBlock | null;
    link: { label: string; href: string };
    /** Where the in-app notification leads, in the web app. */
    appLink: string;
  }

  /** One person's mail and in-app notification for one event, both keyed by (workflow, event, person). */
  function noticeFor(ctx: MembershipContext, notice: MembershipNotice, person: { id: string; email: string; firstName: string }, draft: Draft): Notice {
    const key = noticeKeyOf(notice.workflowId, notice.seq, person.id);
    const { text, html } = renderMail([
      { kind: 'paragraph', text: `Bonjour ${person.firstName},` },
      ...draft.body.map((text): MailBlock => ({ kind: 'paragraph', text })),
      ...(draft.quote ? [{ kind: 'quote' as const, ...draft.quote }] : []),
      ...(draft.facts ? [draft.facts] : []),
      { kind: 'link', ...draft.link },
      { kind: 'paragraph', text: 'L’équipe Tremplin' },
    ]);
    return {
      mail: { key, to: person.email, subject: draft.subject, text, html, workflowId: notice.workflowId },
      notification: {
        id: randomUUID(),
        userId: person.id,
        idempotencyKey: key,
        kind: `company.${notice.event}`,
        title: draft.title,
        body: [draft.body[0], draft.quote ? `${draft.quote.label} « ${draft.quote.text} »` : null].filter(Boolean).join('\n'),
        link: draft.appLink,
        entityType: 'company',
        entityId: ctx.companyId,
      },
    };
  }

  async function adminsToVerify(ctx: MembershipContext, notice: MembershipNotice): Promise<Notice[]> {
    const admins = await User.findAll({ where: { role: 'ADMIN', disabledAt: null }, order: [['createdAt', 'ASC']] });
    const founder = ctx.kind === 'FOUNDER';
    const requester = `${ctx.user.firstName} ${ctx.user.lastName}`;
    const title = founder ? `Entreprise à vérifier : ${ctx.companyName}` : `Demande d’adhésion à vérifier : ${requester} (${ctx.companyName})`;
    return admins.map((admin) =>
      noticeFor(ctx, notice, admin, {
          subject: `${title} (SIREN ${ctx.siren})`,
        title,
        body: [
          founder
            ? `${requester} a inscrit l’entreprise ${ctx.companyName} et confirmé son adresse e-mail. L’entreprise attend votre vérification avant que son compte recruteur soit activé.`
            : `${requester} demande à rejoindre l’espace recruteur de ${ctx.companyName}, entreprise déjà vérifiée, et a confirmé son adresse e-mail. Vérifiez qu’il ou elle appartient bien à l’entreprise.`,
          'Vérifiez le SIREN et les coordonnées, puis validez (verify) ou refusez en indiquant le motif (reject).',
        ],
        facts: {
          kind: 'facts',
          items: [
            ['Entreprise', ctx.companyName],
            ['SIREN', ctx.siren],
            ...(ctx.siret ? [['SIRET', ctx.siret] as [string, string]] : []),
            ...(ctx.city ? [['Ville', ctx.city] as [string, string]] : []),
            ['Demandeur', `${requester}${ctx.user.jobTitle ? `, ${ctx.user.jobTitle}` : ''}`],
            ['E-mail', ctx.user.email],
            ...(ctx.user.phone ? [['Téléphone', ctx.user.phone] as [string, string]] : []),
            ['Demande n°', ctx.membershipId],
          ],
        },
        link: { label: 'Ouvrir l’entreprise dans le back-office', href: `${config.PUBLIC_URL}/admin/resources/companies/records/${ctx.companyId}/show` },
        appLink: companyLink(ctx.companyId),
      }),
    );
  }

  function toRecruiter(ctx: MembershipContext, notice: MembershipNotice): Notice[] {
    if (ctx.user.disabled) return [];
    const founder = ctx.kind === 'FOUNDER';
    if (notice.event === 'verify') {
      return [
        noticeFor(ctx, notice, ctx.user, {
          subject: `Votre compte recruteur est activé — ${ctx.companyName}`,
          title: 'Compte recruteur activé',
          body: [
            founder
              ? `L’équipe de la plateforme a vérifié votre entreprise, ${ctx.companyName}. Votre compte recruteur est activé.`
              : `L’équipe de la plateforme a confirmé que vous faites partie de ${ctx.companyName}. Votre compte recruteur est activé.`,
            'Connectez-vous avec votre adresse e-mail et le mot de passe choisi à l’inscription pour publier vos offres.',
          ],
          link: { label: 'Se connecter à Tremplin', href: platformLink },
          appLink: companyLink(ctx.companyId),
        }),
      ];
    }
    if (notice.event === 'reject') {
      return [
        noticeFor(ctx, notice, ctx.user, {
          subject: `Votre demande d’inscription n’a pas été acceptée — ${ctx.companyName}`,
          title: 'Demande d’inscription refusée',
          body: [
            founder
              ? `L’équipe de la plateforme n’a pas pu valider l’inscription de l’entreprise ${ctx.companyName}.`
              : `L’équipe de la plateforme n’a pas pu valider votre demande pour rejoindre ${ctx.companyName}.`,
            'Pour toute question, ou pour apporter un justificatif, répondez à ce message.',
          ],
          quote: notice.message ? { label: 'Motif :', text: notice.message } : null,
          link: { label: 'Tremplin', href: platformLink },
          appLink: companyLink(ctx.companyId),
        }),
      ];
    }
    return [];
  }

  async function notifyMembershipEvent(notice: MembershipNotice): Promise<void> {
    const ctx = await loadContext(notice.membershipId);
    switch (notice.event) {
      case 'registered':
      case 'email_reminder':
        if (notice.status === 'PENDING_EMAIL_CONFIRMATION' && !ctx.user.disabled) await sendConfirmationLink(ctx, notice);
        break;
      case 'invited':
        if (!ctx.user.disabled) await sendInvitation(ctx, notice);
        break;
      case 'confirm_email':
        await sendNotices(await adminsToVerify(ctx, notice), `${notice.event} (seq ${notice.seq})`);
        break;
      case 'verify':
      case 'reject':
        await sendNotices(toRecruiter(ctx, notice), `${notice.event} (seq ${notice.seq})`);
        break;
      case 'expire':
        break;
    }
    logger.debug({ workflowId: notice.workflowId, seq: notice.seq, event: notice.event }, 'membership event told');
  }

  return {
    async recordMembershipCreated(input: CompanyVerificationInput): Promise<number | null> {
      return writeMembershipCreated(sequelize, input);
    },
    async recordMembershipEvent(event: MembershipEventRecord): Promise<void> {
      await writeMembershipEvent(sequelize, event);
    },
    notifyMembershipEvent,
  };
}
