// The activities of candidateAccountWorkflow and referentAccountWorkflow: the invitation of a person
// whose account someone else created, with a temporary password (secret-mail.ts: a retried activity
// sends the first password again, never a new one, and the outbox forgets it once sent).
import { QueryTypes, type Transaction } from 'sequelize';
import type { Role } from '../workflows/actors.js';
import { candidateAccountLock, type CandidateAccountInput, type ReferentAccountInput } from '../workflows/candidate-account.js';
import type { ActivityDeps } from './deps.js';
import { noticeKeyOf } from './notices.js';
import { CHOOSE_YOUR_PASSWORD, createSecretMailer, credentials, newTemporaryPassword, type SecretLetter } from './secret-mail.js';

interface Invited {
  email: string;
  first_name: string;
  by_first_name: string | null;
  by_last_name: string | null;
  by_email: string | null;
}

export function createCandidateAccountActivities(deps: ActivityDeps) {
  const { sequelize, config } = deps;
  const sendSecretMail = createSecretMailer(deps);

  /**
   * One invitation: the account (`role`, still active) and who created it, read once the API's
   * transaction ended; `write` makes the letter from them and the password.
   */
  async function invite(
    input: { userId: string; workflowId: string },
    role: Role,
    by: string,
    write: (row: Invited, byName: string | null, password: string) => Omit<SecretLetter, 'to' | 'firstName' | 'link'>,
  ): Promise<'sent' | 'no-account'> {
    // Only the attempt that makes the outbox row sets the password it holds.
    const { password, apply } = await newTemporaryPassword(sequelize, input.userId);
    const sent = await sendSecretMail(
      { key: noticeKeyOf(input.workflowId, 0, input.userId), workflowId: input.workflowId, held: 'un mot de passe provisoire' },
      async (transaction: Transaction) => {
        // The API holds this lock until its transaction ends: the account is then committed, or gone.
        await sequelize.query(`SELECT pg_advisory_xact_lock(hashtext(:lock))`, { transaction, replacements: { lock: candidateAccountLock(input.userId) } });
        const [row] = await sequelize.query<Invited>(
          `SELECT u.email, u.first_name, b.first_name AS by_first_name, b.last_name AS by_last_name, b.email AS by_email
           FROM users u LEFT JOIN users b ON b.id = :by
           WHERE u.id = :userId AND u.role = :role AND u.disabled_at IS NULL`,
          { transaction, type: QueryTypes.SELECT, replacements: { userId: input.userId, by, role } },
        );
        if (!row) return null;
        const byName = row.by_first_name ? `${row.by_first_name} ${row.by_last_name ?? ''}`.trim() : null;
        return {
          to: row.email,
          firstName: row.first_name,
          link: { label: 'Se connecter à Tremplin', href: `${config.PUBLIC_URL}/connexion` },
          ...write(row, byName, password),
        };
      },
      apply,
    );
    return sent ? 'sent' : 'no-account';
  }

  return {
    async sendCandidateInvitation(input: CandidateAccountInput & { workflowId: string }): Promise<'sent' | 'no-account'> {
      return invite(input, 'CANDIDATE', input.referentId, (row, byName, password) => {
        const referent = byName ?? 'Votre référent';
        return {
          subject: 'Votre compte Tremplin est prêt',
          paragraphs: [
            `${referent}, qui vous accompagne dans votre recherche d’emploi, vous a créé un compte candidat sur Tremplin, la plateforme de recrutement inclusif. Vous pourrez y consulter des offres d’emploi, déposer votre CV, candidater et suivre vos candidatures et vos entretiens.`,
          ],
          details: [credentials(row.email, password)],
          closing: [CHOOSE_YOUR_PASSWORD, ...(row.by_email ? [`Une question ? ${referent} peut vous aider : ${row.by_email}.`] : [])],
        };
      });
    },

    async sendReferentInvitation(input: ReferentAccountInput & { workflowId: string }): Promise<'sent' | 'no-account'> {
      return invite(input, 'REFERENT', input.createdBy, (row, byName, password) => ({
        subject: 'Votre compte référent Tremplin est prêt',
        paragraphs: [
          `${byName ?? 'L’équipe de la plateforme'} vous a créé un compte référent sur Tremplin, la plateforme de recrutement inclusif. Vous pourrez y créer les comptes des candidats que vous accompagnez, valider leurs candidatures avant leur envoi aux entreprises et suivre leurs entretiens.`,
        ],
        details: [credentials(row.email, password)],
        closing: [CHOOSE_YOUR_PASSWORD, ...(row.by_email ? [`Une question ? ${byName ?? 'Votre chargé de mission'} peut vous aider : ${row.by_email}.`] : [])],
      }));
    },
  };
}
