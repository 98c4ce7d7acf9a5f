// Password reset: a request starts passwordResetWorkflow whatever the address (the same answer, the same
// work: nothing tells whether the address has an account), which mails a single-use link if it does;
// confirming the link sets the new password, spends every live link of the account, ends its sessions,
// lifts its sign-in throttling, and starts passwordChangedWorkflow (the mail « mot de passe changé »).
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { QueryTypes, type Sequelize } from 'sequelize';
import { tokenHashOf } from '../../activities/secret-mail.js';
import type { Config } from '../../config/env.js';
import { hashPassword } from '../../models/passwords.js';
import {
  passwordChangedWorkflow,
  passwordChangedWorkflowId,
  passwordResetWorkflow,
  passwordResetWorkflowId,
  type PasswordResetInput,
} from '../../workflows/password-reset.js';
import { invalidField } from '../errors.js';

interface Deps {
  sequelize: Sequelize;
  temporal: Client;
  config: Config;
}

/** « 1 heure », « 30 minutes »: how long a link works, as the answer and the page say it. */
export function validityLabel(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes >= 60 && minutes % 60 === 0) return minutes === 60 ? '1 heure' : `${minutes / 60} heures`;
  if (minutes >= 1) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  return `${Math.round(ms / 1000)} secondes`;
}

/** Starts the workflow that mails a reset link to `email` if an active account has it (one per request). */
export async function startPasswordReset(deps: Pick<Deps, 'temporal' | 'config'>, email: string, requestedBy: PasswordResetInput['requestedBy']): Promise<void> {
  const now = Date.now();
  const input: PasswordResetInput = {
    email,
    requestedAt: new Date(now).toISOString(),
    expiresAt: new Date(now + deps.config.PASSWORD_RESET_TTL).toISOString(),
    requestedBy,
  };
  await deps.temporal.workflow.start(passwordResetWorkflow, { workflowId: passwordResetWorkflowId(randomUUID()), taskQueue: deps.config.TEMPORAL_TASK_QUEUE, args: [input] });
}

/** What a token may be: 43 base64url characters (newEmailToken), loosely. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,200}$/;

const ASK_AGAIN = 'Demandez un nouveau lien depuis « Mot de passe oublié ? » sur la page de connexion.';

export function passwordResetService({ sequelize, temporal, config }: Deps) {
  return {
    /** The same answer for every address: the message names the address typed, nothing else. */
    async request(email: string) {
      await startPasswordReset({ temporal, config }, email, null);
      return {
        message: `Si un compte Tremplin utilise l’adresse ${email}, un e-mail vient d’y être envoyé avec un lien pour choisir un nouveau mot de passe. Le lien est valable ${validityLabel(config.PASSWORD_RESET_TTL)}, une seule fois. Rien reçu d’ici quelques minutes ? Vérifiez vos courriers indésirables et l’adresse saisie.`,
      };
    },

    async confirm(token: string, password: string) {
      if (!TOKEN_SHAPE.test(token)) throw invalidField('token', `ce lien n’est pas valide : il est peut-être incomplet. ${ASK_AGAIN}`, { token: 'INVALID' });
      const tokenHash = tokenHashOf(token);
      const passwordHash = await hashPassword(password);
      await sequelize.transaction(async (transaction) => {
        // Spent here, at once: of two requests with the same link, the second finds it used (row lock).
        const [spent] = await sequelize.query<{ id: string; user_id: string; email: string }>(
          `UPDATE email_tokens t SET used_at = now() FROM users u
           WHERE t.token_hash = :tokenHash AND t.purpose = 'PASSWORD_RESET' AND t.used_at IS NULL AND t.expires_at > now()
             AND u.id = t.user_id AND u.disabled_at IS NULL
           RETURNING t.id, t.user_id, u.email`,
          { transaction, type: QueryTypes.SELECT, replacements: { tokenHash } },
        );
        if (!spent) {
          const [known] = await sequelize.query<{ used_at: Date | null; expired: boolean }>(
            `SELECT used_at, expires_at <= now() AS expired FROM email_tokens WHERE token_hash = :tokenHash AND purpose = 'PASSWORD_RESET'`,
            { transaction, type: QueryTypes.SELECT, replacements: { tokenHash } },
          );
          if (known?.used_at) throw invalidField('token', `ce lien a déjà servi : un lien de réinitialisation ne fonctionne qu’une fois. ${ASK_AGAIN}`, { token: 'USED' });
          if (known?.expired) throw invalidField('token', `ce lien a expiré : il était valable ${validityLabel(config.PASSWORD_RESET_TTL)}. ${ASK_AGAIN}`, { token: 'EXPIRED' });
          throw invalidField('token', `ce lien n’est pas valide : il est peut-être incomplet. ${ASK_AGAIN}`, { token: 'INVALID' });
        }
        const replacements = { userId: spent.user_id, email: spent.email, passwordHash };
        await sequelize.query(`UPDATE users SET password_hash = :passwordHash, must_change_password = false, updated_at = now() WHERE id = :userId`, { transaction, replacements });
        // The account's other links stop working, its sessions end (a stolen cookie with them), and the
        // sign-in throttling of the address is lifted: whoever holds the mailbox is its owner.
        await sequelize.query(`UPDATE email_tokens SET used_at = now() WHERE user_id = :userId AND purpose = 'PASSWORD_RESET' AND used_at IS NULL`, { transaction, replacements });
        await sequelize.query(`DELETE FROM http_sessions WHERE sess->>'userId' = :userId`, { transaction, replacements });
        await sequelize.query(`UPDATE sign_in_throttle SET failures = 0, locked_until = NULL WHERE email = :email`, { transaction, replacements });
        // In the transaction: if Temporal refuses, the link is not spent and the person can try again.
        await temporal.workflow.start(passwordChangedWorkflow, {
          workflowId: passwordChangedWorkflowId(spent.id),
          taskQueue: config.TEMPORAL_TASK_QUEUE,
          args: [{ userId: spent.user_id, at: new Date().toISOString() }],
        });
      });
      return { message: 'Votre mot de passe est changé. Connectez-vous avec votre adresse e-mail et ce nouveau mot de passe.' };
    },
  };
}
