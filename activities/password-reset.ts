// The activities of passwordResetWorkflow and passwordChangedWorkflow. The link's token is made and
// stored (hashed) in the same transaction as the outbox row (secret-mail.ts): a retried activity sends
// the first link again, never a second one, and the outbox forgets the link once it is sent.
import { randomUUID } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import type { PasswordChangedInput, PasswordResetInput } from '../workflows/password-reset.js';
import type { ActivityDeps } from './deps.js';
import { formatParisDateTime } from './ics.js';
import { createMailer, renderMail } from './mail.js';
import { letterBlocks } from './notices.js';
import { createSecretMailer, newEmailToken, tokenHashOf } from './secret-mail.js';

/** The web app's page where a reset link leads. */
export const resetPasswordUrl = (publicUrl: string, token: string) => `${publicUrl}/reinitialiser?token=${token}`;

export function createPasswordResetActivities(deps: ActivityDeps) {
  const { sequelize, config } = deps;
  const sendSecretMail = createSecretMailer(deps);
  const mailer = createMailer(deps);

  return {
    async sendPasswordResetLink(input: PasswordResetInput & { workflowId: string }): Promise<'sent' | 'no-account'> {
      const [user] = await sequelize.query<{ id: string }>(`SELECT id FROM users WHERE email = :email AND disabled_at IS NULL`, {
        type: QueryTypes.SELECT,
        replacements: { email: input.email },
      });
      if (!user) return 'no-account';
      const token = newEmailToken();
      const sent = await sendSecretMail(
        { key: `${input.workflowId}:0:${user.id}`, workflowId: input.workflowId, held: 'un lien de réinitialisation du mot de passe' },
        async (transaction) => {
          const [row] = await sequelize.query<{ email: string; first_name: string }>(`SELECT email, first_name FROM users WHERE id = :id AND disabled_at IS NULL`, {
            transaction,
            type: QueryTypes.SELECT,
            replacements: { id: user.id },
          });
          if (!row) return null;
          const until = formatParisDateTime(input.expiresAt);
          return {
            to: row.email,
            firstName: row.first_name,
            subject: 'Réinitialiser votre mot de passe Tremplin',
            paragraphs: [
              input.requestedBy
                ? `${input.requestedBy.name}, qui vous accompagne sur Tremplin, vous envoie ce lien pour choisir un nouveau mot de passe et retrouver l’accès à votre compte.`
                : 'Vous avez demandé à choisir un nouveau mot de passe pour votre compte Tremplin. Ouvrez le lien ci-dessous pour le faire.',
            ],
            details: [{ kind: 'facts', items: [['Lien valable jusqu’au', `${until} (heure de Paris), une seule fois`]] }],
            link: { label: 'Choisir un nouveau mot de passe', href: resetPasswordUrl(config.PUBLIC_URL, token) },
            closing: [
              'Une fois le nouveau mot de passe choisi, vos autres sessions ouvertes sur Tremplin sont fermées.',
              'Si vous n’avez rien demandé, ignorez ce message : votre mot de passe actuel reste valable et personne ne peut l’utiliser sans ce lien.',
            ],
          };
        },
        async (transaction) => {
          await sequelize.query(
            `INSERT INTO email_tokens (id, token_hash, purpose, user_id, workflow_id, expires_at) VALUES (:id, :hash, 'PASSWORD_RESET', :userId, :workflowId, :expiresAt)`,
            { transaction, replacements: { id: randomUUID(), hash: tokenHashOf(token), userId: user.id, workflowId: input.workflowId, expiresAt: input.expiresAt } },
          );
        },
      );
      return sent ? 'sent' : 'no-account';
    },

    async sendPasswordChangedNotice(input: PasswordChangedInput & { workflowId: string }): Promise<'sent' | 'no-account'> {
      const [user] = await sequelize.query<{ email: string; first_name: string }>(`SELECT email, first_name FROM users WHERE id = :id AND disabled_at IS NULL`, {
        type: QueryTypes.SELECT,
        replacements: { id: input.userId },
      });
      if (!user) return 'no-account';
      const { text, html } = renderMail(
        letterBlocks(
          user.first_name,
          {
            paragraphs: [
              `Le mot de passe de votre compte Tremplin a été changé le ${formatParisDateTime(input.at)} (heure de Paris), avec un lien de réinitialisation envoyé à cette adresse. Vos autres sessions ouvertes ont été fermées.`,
            ],
            closing: [
              `Si ce n’était pas vous, demandez tout de suite un nouveau lien sur ${config.PUBLIC_URL}/mot-de-passe-oublie pour reprendre la main sur votre compte, puis prévenez l’équipe de la plateforme.`,
            ],
          },
          { label: 'Se connecter à Tremplin', href: `${config.PUBLIC_URL}/connexion` },
        ),
      );
      await mailer.sendOnce({ key: input.workflowId, to: user.email, subject: 'Votre mot de passe a été changé', text, html, workflowId: input.workflowId });
      return 'sent';
    },
  };
}
