// Mails that carry a secret (an e-mail confirmation link, a temporary password), made in one idempotent
// step: the secret and the outbox row are created in one transaction keyed by (workflow, event,
// recipient), so a retried activity sends the first secret again, never a new one. Once the relay
// accepted such a mail, its body is removed from the outbox.
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { hashPassword, passwordWeakness } from '../models/passwords.js';
import type { ActivityDeps } from './deps.js';
import { createMailer, renderMail, type MailBlock } from './mail.js';
import { letterBlocks, type Letter } from './notices.js';

/** SHA-256 (hex) of an e-mail token: only this is stored, the token itself only travels in the mail. */
export const tokenHashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** 32 random bytes, base64url (43 characters). */
export const newEmailToken = () => randomBytes(32).toString('base64url');

/** A temporary password that meets the platform's own rule (seed 004), easy to type: 4 groups of 4. */
function temporaryPassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  for (;;) {
    const groups = Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join(''));
    const password = groups.join('-');
    if (!passwordWeakness(password)) return password;
  }
}

/** A fresh temporary password for a user, and what sets it: applied only with the mail that carries it. */
export async function newTemporaryPassword(sequelize: Sequelize, userId: string) {
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  return {
    password,
    apply: async (transaction: Transaction) => {
      await sequelize.query(`UPDATE users SET password_hash = :hash, must_change_password = true, updated_at = now() WHERE id = :id`, {
        transaction,
        replacements: { hash: passwordHash, id: userId },
      });
    },
  };
}

// ---- What a temporary password comes with, in every mail that gives one ----

export const credentials = (email: string, password: string): MailBlock => ({
  kind: 'facts',
  items: [
    ['Identifiant', email],
    ['Mot de passe provisoire', password],
  ],
});

export const CHOOSE_YOUR_PASSWORD =
  'À votre première connexion, vous choisirez votre propre mot de passe (12 caractères au moins, avec une majuscule, une minuscule, un chiffre et un caractère spécial).';

/** A letter with a secret in it, and where it goes. */
export interface SecretLetter extends Letter {
  to: string;
  firstName: string;
  subject: string;
  link: { label: string; href: string };
}

export function createSecretMailer(deps: ActivityDeps) {
  const { sequelize } = deps;
  const mailer = createMailer(deps);

  /**
   * `write` composes the mail inside the transaction (it may lock and read what it needs; null: there
   * is nobody to send it to); only the attempt that creates the outbox row applies the secret
   * (`apply`), in the same transaction. `held` says, in the scrubbed outbox row, what the mail held.
   * False when nothing was sent.
   */
  return async function sendSecretMail(
    mail: { key: string; workflowId: string; held: string },
    write: (transaction: Transaction) => Promise<SecretLetter | null>,
    apply: (transaction: Transaction) => Promise<void>,
  ): Promise<boolean> {
    const { key, workflowId } = mail;
    const composed = await sequelize.transaction(async (transaction) => {
      const letter = await write(transaction);
      if (!letter) return null;
      const { text, html } = renderMail(letterBlocks(letter.firstName, letter, letter.link));
      const created = await sequelize.query(
        `INSERT INTO email_outbox (id, idempotency_key, to_address, subject, text_body, html_body, workflow_id, status)
         VALUES (:id, :key, :to, :subject, :text, :html, :workflowId, 'PENDING')
         ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
        { transaction, type: QueryTypes.SELECT, replacements: { id: randomUUID(), key, to: letter.to, subject: letter.subject, text, html, workflowId } },
      );
      if (created.length > 0) await apply(transaction);
      return { to: letter.to, subject: letter.subject, text, html };
    });
    if (!composed) return false;
    // The row exists: sendOnce sends what it holds (the first secret), whatever this attempt composed.
    await mailer.sendOnce({ key, ...composed, workflowId });
    await sequelize.query(`UPDATE email_outbox SET text_body = :removed, html_body = NULL, updated_at = now() WHERE idempotency_key = :key AND status = 'SENT'`, {
      replacements: { key, removed: `[Contenu retiré de l’outbox après l’envoi : ce message contenait ${mail.held}.]` },
    });
    return true;
  };
}
