// The activity of candidateAccountWorkflow: the invitation of a candidate whose account a référent
// created. The temporary password and the outbox row are made in one transaction keyed by the
// workflow, so a retried activity sends the first password again, never a new one; once the relay
// accepted the mail, its body (which holds the password) is removed from the outbox.
import { randomUUID } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import { hashPassword } from '../models/passwords.js';
import { candidateAccountLock, type CandidateAccountInput } from '../workflows/candidate-account.js';
import { temporaryPassword } from './company-verification.js';
import type { ActivityDeps } from './deps.js';
import { createMailer, renderMail } from './mail.js';
import { noticeKeyOf } from './notices.js';

const SECRET_REMOVED = '[Contenu retiré de l’outbox après l’envoi : ce message contenait un mot de passe provisoire.]';

export function createCandidateAccountActivities(deps: ActivityDeps) {
  const { sequelize, config } = deps;
  const mailer = createMailer(deps);

  return {
    async sendCandidateInvitation(input: CandidateAccountInput & { workflowId: string }): Promise<'sent' | 'no-account'> {
      const key = noticeKeyOf(input.workflowId, 0, input.userId);
      const password = temporaryPassword();
      const passwordHash = await hashPassword(password);
      const mail = await sequelize.transaction(async (transaction) => {
        // The API holds this lock until its transaction ends: the account is then committed, or gone.
        await sequelize.query(`SELECT pg_advisory_xact_lock(hashtext(:lock))`, { transaction, replacements: { lock: candidateAccountLock(input.userId) } });
        const [row] = await sequelize.query<{ email: string; first_name: string; referent_first_name: string | null; referent_last_name: string | null; referent_email: string | null }>(
          `SELECT u.email, u.first_name, r.first_name AS referent_first_name, r.last_name AS referent_last_name, r.email AS referent_email
           FROM users u LEFT JOIN users r ON r.id = :referentId
           WHERE u.id = :userId AND u.role = 'CANDIDATE' AND u.disabled_at IS NULL`,
          { transaction, type: QueryTypes.SELECT, replacements: { userId: input.userId, referentId: input.referentId } },
        );
        if (!row) return null;
        const referent = row.referent_first_name ? `${row.referent_first_name} ${row.referent_last_name ?? ''}`.trim() : 'Votre référent';
        const subject = 'Votre compte Tremplin est prêt';
        const { text, html } = renderMail([
          { kind: 'paragraph', text: `Bonjour ${row.first_name},` },
          {
            kind: 'paragraph',
            text: `${referent}, qui vous accompagne dans votre recherche d’emploi, vous a créé un compte candidat sur Tremplin, la plateforme de recrutement inclusif. Vous pourrez y consulter des offres d’emploi, déposer votre CV, candidater et suivre vos candidatures et vos entretiens.`,
          },
          { kind: 'facts', items: [['Identifiant', row.email], ['Mot de passe provisoire', password]] },
          { kind: 'link', label: 'Se connecter à Tremplin', href: `${config.PUBLIC_URL}/connexion` },
          {
            kind: 'paragraph',
            text: 'À votre première connexion, vous choisirez votre propre mot de passe (12 caractères au moins, avec une majuscule, une minuscule, un chiffre et un caractère spécial).',
          },
          ...(row.referent_email
            ? [{ kind: 'paragraph' as const, text: `Une question ? ${referent} peut vous aider : ${row.referent_email}.` }]
            : []),
          { kind: 'paragraph', text: 'L’équipe Tremplin' },
        ]);
        const created = await sequelize.query(
          `INSERT INTO email_outbox (id, idempotency_key, to_address, subject, text_body, html_body, workflow_id, status)
           VALUES (:id, :key, :to, :subject, :text, :html, :workflowId, 'PENDING')
           ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
          { transaction, type: QueryTypes.SELECT, replacements: { id: randomUUID(), key, to: row.email, subject, text, html, workflowId: input.workflowId } },
        );
        // Only the attempt that made the outbox row sets the password it holds.
        if (created.length > 0) {
          await sequelize.query(`UPDATE users SET password_hash = :hash, must_change_password = true, updated_at = now() WHERE id = :id`, {
            transaction,
            replacements: { hash: passwordHash, id: input.userId },
          });
        }
        return { to: row.email, subject, text, html };
      });
      if (!mail) return 'no-account';
      // sendOnce sends what the outbox holds (the first password), whatever this attempt composed.
      await mailer.sendOnce({ key, ...mail, workflowId: input.workflowId });
      await sequelize.query(`UPDATE email_outbox SET text_body = :removed, html_body = NULL, updated_at = now() WHERE idempotency_key = :key AND status = 'SENT'`, {
        replacements: { key, removed: SECRET_REMOVED },
      });
      return 'sent';
    },
  };
}
