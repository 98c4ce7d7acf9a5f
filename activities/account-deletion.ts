// The steps of accountDeletionWorkflow, each small and idempotent: a retry (or a worker restarted
// midway) finds its work done and does nothing twice. Cases are closed through their own workflows
// (sealed Updates on the person's behalf, with a fixed update id so Temporal answers a retry with
// the first outcome), never by writing their rows.
import { ApplicationFailure } from '@temporalio/common';
import { QueryTypes } from 'sequelize';
import { DocumentStorage } from '../api/documents/storage.js';
import { HttpError } from '../api/errors.js';
import { executeTransition } from '../api/transitions.js';
import { deletionBlockerOf } from '../models/account-deletion.js';
import {
  DELETED_FIRST_NAME,
  DELETED_LAST_NAME,
  DELETION_BLOCKERS,
  accountDeletionWorkflowId,
  deletedEmailOf,
  type AccountDeletionStatus,
} from '../workflows/account-deletion-rules.js';
import type { Actor, Role } from '../workflows/actors.js';
import { applicationRules } from '../workflows/application-rules.js';
import { WITHDRAW_SPONSORSHIP } from '../workflows/sponsorship-rules.js';
import type { ActivityDeps } from './deps.js';
import { formatParisDateTime } from './ics.js';
import { createMailer, renderMail } from './mail.js';
import { letterBlocks } from './notices.js';

/** The mails of a deletion: asked (with its date and how to cancel), cancelled, refused when due, done. */
export type DeletionMailKind = 'scheduled' | 'cancelled' | 'blocked' | 'done';

/** Where the person manages their account (« Supprimer mon compte », « Annuler la suppression »). */
export const ACCOUNT_PAGE = '/compte';

const APPLICATION_FINALS = [...applicationRules.finalStatuses];

export function createAccountDeletionActivities(deps: ActivityDeps) {
  const { sequelize, config, logger } = deps;
  const mailer = createMailer(deps);
  // Where the API keeps documents (config DATA_DIR, same default).
  const storage = new DocumentStorage(config.DATA_DIR ?? '.data');

  /** The person as the cases' workflows see them: the candidate, under the name their account now has. */
  const personAsActor = (userId: string): Actor => ({ id: userId, role: 'CANDIDATE', companyId: null, name: `${DELETED_FIRST_NAME} ${DELETED_LAST_NAME}` });

  /** Sends the closing action to a case's workflow; a case already closed (by anyone) is done too. */
  async function closeCase(workflowId: string, request: Record<string, unknown> & { action: string; actor: Actor }, updateId: string): Promise<'closed' | 'already-closed'> {
    if (!deps.temporal) throw ApplicationFailure.nonRetryable('Pas de client Temporal pour fermer les dossiers (ActivityDeps.temporal)', 'MISCONFIGURED');
    try {
      await executeTransition(deps.temporal, workflowId, request, async () => new HttpError('ILLEGAL_TRANSITION', 'déjà close'), updateId);
      return 'closed';
    } catch (error) {
      if (error instanceof HttpError && error.code === 'ILLEGAL_TRANSITION') return 'already-closed';
      // Refused for who it is or its fields: a bug to see in the Temporal UI, not to retry forever.
      if (error instanceof HttpError && (error.code === 'FORBIDDEN' || error.code === 'VALIDATION_FAILED')) {
        throw ApplicationFailure.nonRetryable(error.message, error.code);
      }
      throw error;
    }
  }

  return {
    /** The projection of the deletion (account_deletions): one row per account, its latest request. */
    async recordDeletionState(input: { userId: string; requestedAt: string; dueAt?: string; status: AccountDeletionStatus; reason: string | null }): Promise<void> {
      if (input.status === 'SCHEDULED') {
        await sequelize.query(
          `INSERT INTO account_deletions (user_id, status, requested_at, due_at, workflow_id) VALUES (:userId, 'SCHEDULED', :requestedAt, :dueAt, :workflowId)
           ON CONFLICT (user_id) DO UPDATE SET status = 'SCHEDULED', requested_at = EXCLUDED.requested_at, due_at = EXCLUDED.due_at, reason = NULL, status_changed_at = now()
           WHERE account_deletions.requested_at < EXCLUDED.requested_at`,
          { replacements: { ...input, workflowId: accountDeletionWorkflowId(input.userId) } },
        );
        return;
      }
      await sequelize.query(
        `UPDATE account_deletions SET status = :status, reason = :reason, status_changed_at = now()
         WHERE user_id = :userId AND requested_at = :requestedAt AND status <> :status`,
        { replacements: input },
      );
    },

    /**
     * The grace period is over: checks again that the account may go (a référent given candidates
     * meanwhile, the last admin), then disables it and ends its sessions, in one transaction.
     */
    async beginAccountDeletion(input: { userId: string; requestedAt: string }): Promise<{ blocked: string | null }> {
      return sequelize.transaction(async (transaction) => {
        const [user] = await sequelize.query<{ id: string; role: Role }>(`SELECT id, role FROM users WHERE id = :userId FOR UPDATE`, {
          transaction,
          type: QueryTypes.SELECT,
          replacements: input,
        });
        if (!user) throw ApplicationFailure.nonRetryable(`Compte ${input.userId} introuvable`, 'NOT_FOUND');
        const blocker = await deletionBlockerOf(sequelize, user, transaction);
        const status: AccountDeletionStatus = blocker ? 'CANCELLED' : 'IN_PROGRESS';
        const reason = blocker ? DELETION_BLOCKERS[blocker] : null;
        await sequelize.query(
          `UPDATE account_deletions SET status = :status, reason = :reason, status_changed_at = now() WHERE user_id = :userId AND requested_at = :requestedAt`,
          { transaction, replacements: { ...input, status, reason } },
        );
        if (!blocker) {
          await sequelize.query(`UPDATE users SET disabled_at = coalesce(disabled_at, now()) WHERE id = :userId`, { transaction, replacements: input });
          await sequelize.query(`DELETE FROM http_sessions WHERE sess->>'userId' = :userId`, { transaction, replacements: input });
        }
        return { blocked: reason };
      });
    },

    /** What is still live of the candidate's: applications not final, sponsorship requests pending. */
    async liveCasesOf(input: { userId: string }): Promise<{ applications: string[]; sponsorships: string[] }> {
      const applications = await sequelize.query<{ id: string }>(
        `SELECT id FROM applications WHERE candidate_id = :userId AND status NOT IN (:finals) ORDER BY created_at`,
        { type: QueryTypes.SELECT, replacements: { ...input, finals: APPLICATION_FINALS } },
      );
      const sponsorships = await sequelize.query<{ id: string }>(
        `SELECT id FROM sponsorship_requests WHERE candidate_id = :userId AND status = 'PENDING' ORDER BY created_at`,
        { type: QueryTypes.SELECT, replacements: input },
      );
      return { applications: applications.map((a) => a.id), sponsorships: sponsorships.map((s) => s.id) };
    },

    /** Withdraws one live application through its workflow (the `withdraw` Update, as the candidate). */
    async withdrawApplication(input: { userId: string; applicationId: string }): Promise<'closed' | 'already-closed'> {
      const [row] = await sequelize.query<{ workflow_id: string }>(`SELECT workflow_id FROM applications WHERE id = :applicationId AND candidate_id = :userId`, {
        type: QueryTypes.SELECT,
        replacements: input,
      });
      if (!row) return 'already-closed';
      return closeCase(row.workflow_id, { action: 'withdraw', actor: personAsActor(input.userId), message: null }, `account-deletion-withdraw-${input.userId}`);
    },

    /** Closes one pending sponsorship request through its workflow (the internal `withdraw`). */
    async withdrawSponsorship(input: { userId: string; sponsorshipId: string }): Promise<'closed' | 'already-closed'> {
      const [row] = await sequelize.query<{ workflow_id: string | null }>(
        `SELECT workflow_id FROM sponsorship_requests WHERE id = :sponsorshipId AND candidate_id = :userId`,
        { type: QueryTypes.SELECT, replacements: input },
      );
      if (!row?.workflow_id) return 'already-closed';
      return closeCase(row.workflow_id, { action: WITHDRAW_SPONSORSHIP, actor: personAsActor(input.userId) }, `account-deletion-withdraw-${input.userId}`);
    },

    /** The candidate's documents: rows first (never served again), then the files (the sweep takes any left). */
    async deleteAccountDocuments(input: { userId: string }): Promise<number> {
      const rows = await sequelize.query<{ storage_key: string }>(`DELETE FROM documents WHERE candidate_id = :userId RETURNING storage_key`, {
        type: QueryTypes.SELECT,
        replacements: input,
      });
      for (const { storage_key: key } of rows) {
        await storage.remove(key).catch((err: unknown) => logger.warn({ err, key }, 'document file not removed; the sweep will'));
      }
      return rows.length;
    },

    /** One mail per request and kind (outbox key), to the address the account has before it is anonymised. */
    async sendDeletionMail(input: { userId: string; workflowId: string; requestedAt: string; kind: DeletionMailKind; dueAt: string; reason?: string | null }): Promise<'sent' | 'no-account'> {
      const [user] = await sequelize.query<{ email: string; first_name: string }>(`SELECT email, first_name FROM users WHERE id = :userId AND deleted_at IS NULL`, {
        type: QueryTypes.SELECT,
        replacements: input,
      });
      if (!user) return 'no-account';
      const due = formatParisDateTime(input.dueAt);
      const account = { label: 'Gérer mon compte', href: `${config.PUBLIC_URL}${ACCOUNT_PAGE}` };
      const letters: Record<DeletionMailKind, { subject: string; paragraphs: string[]; closing?: string[] }> = {
        scheduled: {
          subject: 'Suppression de votre compte Tremplin programmée',
          paragraphs: [
            `Vous avez demandé la suppression de votre compte Tremplin. Elle aura lieu le ${due} (heure de Paris).`,
            'Ce jour-là, vos candidatures en cours seront retirées, vos demandes de parrainage en attente retirées, vos documents supprimés, et vos données personnelles (nom, adresse e-mail, téléphone, profil) effacées. L’historique des candidatures reste pour les entreprises et les référents concernés, au nom de « Compte supprimé ».',
            'D’ici là, votre compte reste ouvert. Vous pouvez annuler la suppression : connectez-vous, puis choisissez « Annuler la suppression » dans votre compte.',
          ],
          closing: ['Si vous n’avez pas demandé cette suppression, connectez-vous pour l’annuler, puis changez votre mot de passe.'],
        },
        cancelled: {
          subject: 'Suppression de votre compte Tremplin annulée',
          paragraphs: ['La suppression de votre compte Tremplin est annulée. Votre compte reste ouvert, rien n’a été effacé.'],
        },
        blocked: {
          subject: 'Votre compte Tremplin n’a pas pu être supprimé',
          paragraphs: [`La suppression de votre compte Tremplin, prévue le ${due}, n’a pas pu avoir lieu. ${input.reason ?? ''}`.trim(), 'Votre compte reste ouvert.'],
        },
        done: {
          subject: 'Votre compte Tremplin est supprimé',
          paragraphs: [
            'Comme vous l’avez demandé, votre compte Tremplin est supprimé : vos candidatures en cours sont retirées, vos documents supprimés, et vos données personnelles effacées. Vous ne pourrez plus vous connecter.',
            'Ce message est le dernier que vous recevrez de Tremplin à cette adresse.',
          ],
        },
      };
      const letter = letters[input.kind];
      const blocks = letterBlocks(user.first_name, { paragraphs: letter.paragraphs, closing: letter.closing }, account);
      // No link to an account that is gone.
      const { text, html } = renderMail(input.kind === 'done' ? blocks.filter((b) => b.kind !== 'link') : blocks);
      await mailer.sendOnce({ key: `${input.workflowId}:${input.requestedAt}:${input.kind}`, to: user.email, subject: letter.subject, text, html, workflowId: input.workflowId });
      return 'sent';
    },

    /**
     * Personal data erased in place: the row stays (history events, offers and cases keep their
     * author, now « Compte supprimé »), the address becomes one that can never be delivered, the
     * password one that nothing matches. The outbox forgets the address too.
     */
    async anonymiseAccount(input: { userId: string }): Promise<void> {
      await sequelize.transaction(async (transaction) => {
        const [user] = await sequelize.query<{ email: string; deleted_at: Date | null }>(`SELECT email, deleted_at FROM users WHERE id = :userId FOR UPDATE`, {
          transaction,
          type: QueryTypes.SELECT,
          replacements: input,
        });
        if (!user || user.deleted_at) return;
        const placeholder = deletedEmailOf(input.userId);
        await sequelize.query(
          `UPDATE users SET first_name = :firstName, last_name = :lastName, email = :placeholder, phone = NULL, job_title = NULL,
             video_interviews = false, directory_function = NULL, directory_establishment = NULL, directory_department = NULL, directory_consent_at = NULL,
             password_hash = '!compte-supprime', must_change_password = false,
             disabled_at = coalesce(disabled_at, now()), deleted_at = now(), updated_at = now()
           WHERE id = :userId`,
          { transaction, replacements: { ...input, placeholder, firstName: DELETED_FIRST_NAME, lastName: DELETED_LAST_NAME } },
        );
        // The CVthèque profile blanked too; its two consents withdrawn, each withdrawal logged (the
        // log keeps that a consent was given and then withdrawn, nothing of the profile itself).
        await sequelize.query(
          `INSERT INTO profile_consents (candidate_id, consent, granted, recorded_by)
           SELECT p.user_id, c.consent, false, :userId FROM candidate_profiles p
             CROSS JOIN LATERAL (VALUES ('CVTHEQUE', p.cvtheque_visible_at), ('RQTH', p.rqth_shared_at)) AS c(consent, at)
            WHERE p.user_id = :userId AND c.at IS NOT NULL`,
          { transaction, replacements: input },
        );
        await sequelize.query(
          `UPDATE candidate_profiles SET headline = NULL, postal_code = NULL, city = NULL, rqth = false,
             summary = NULL, metiers = '{}', skills = '{}', soft_skills = '{}', experiences = '[]', experience_months = 0, diplomas = '[]',
             education_level = NULL, languages = '[]', language_codes = '{}', driving_licences = '{}', contract_types = '{}',
             working_times = '{}', remote = NULL, available_from = NULL, commune_insee = NULL,
             cvtheque_visible_at = NULL, rqth_shared_at = NULL, updated_at = now()
           WHERE user_id = :userId`,
          { transaction, replacements: input },
        );
        await sequelize.query(`DELETE FROM candidate_places WHERE candidate_id = :userId`, { transaction, replacements: input });
        await sequelize.query(`UPDATE email_outbox SET to_address = :placeholder WHERE to_address = :email`, { transaction, replacements: { placeholder, email: user.email } });
        // What sign-in kept of the address (failed attempts, devices that signed in).
        await sequelize.query(`DELETE FROM sign_in_throttle WHERE email = :email`, { transaction, replacements: { email: user.email } });
        await sequelize.query(`DELETE FROM known_devices WHERE email = :email`, { transaction, replacements: { email: user.email } });
        await sequelize.query(`DELETE FROM notifications WHERE user_id = :userId`, { transaction, replacements: input });
        // Health-related (accommodation needs for interviews): nothing of it stays.
        await sequelize.query(`DELETE FROM candidate_accommodations WHERE candidate_id = :userId`, { transaction, replacements: input });
        await sequelize.query(`DELETE FROM http_sessions WHERE sess->>'userId' = :userId`, { transaction, replacements: input });
      });
    },
  };
}
