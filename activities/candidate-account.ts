// The activity of candidateAccountWorkflow: the invitation of a candidate whose account a référent
// created, with a temporary password (secret-mail.ts: a retried activity sends the first password
// again, never a new one, and the outbox forgets it once sent).
import { QueryTypes } from 'sequelize';
import { candidateAccountLock, type CandidateAccountInput } from '../workflows/candidate-account.js';
import type { ActivityDeps } from './deps.js';
import { noticeKeyOf } from './notices.js';
import { CHOOSE_YOUR_PASSWORD, createSecretMailer, credentials, newTemporaryPassword } from './secret-mail.js';

export function createCandidateAccountActivities(deps: ActivityDeps) {
  const { sequelize, config } = deps;
  const sendSecretMail = createSecretMailer(deps);

  return {
    async sendCandidateInvitation(input: CandidateAccountInput & { workflowId: string }): Promise<'sent' | 'no-account'> {
      // Only the attempt that makes the outbox row sets the password it holds.
      const { password, apply } = await newTemporaryPassword(sequelize, input.userId);
      const sent = await sendSecretMail(
        { key: noticeKeyOf(input.workflowId, 0, input.userId), workflowId: input.workflowId, held: 'un mot de passe provisoire' },
        async (transaction) => {
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
          return {
            to: row.email,
            firstName: row.first_name,
            subject: 'Votre compte Tremplin est prêt',
            paragraphs: [
              `${referent}, qui vous accompagne dans votre recherche d’emploi, vous a créé un compte candidat sur Tremplin, la plateforme de recrutement inclusif. Vous pourrez y consulter des offres d’emploi, déposer votre CV, candidater et suivre vos candidatures et vos entretiens.`,
            ],
            details: [credentials(row.email, password)],
            link: { label: 'Se connecter à Tremplin', href: `${config.PUBLIC_URL}/connexion` },
            closing: [CHOOSE_YOUR_PASSWORD, ...(row.referent_email ? [`Une question ? ${referent} peut vous aider : ${row.referent_email}.`] : [])],
          };
        },
        apply,
      );
      return sent ? 'sent' : 'no-account';
    },
  };
}
