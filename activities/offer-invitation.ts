// The activity of offerInvitationWorkflow (issue #18, item 5): one batch of an offer's invitations to
// apply. Each call claims at most `batchSize` PENDING rows for its batch (a retry of the same batch
// finds them claimed and claims no more: the rate limit holds across retries), tells each candidate
// through their preferences (kind `offer_invitation`: e-mail and in-app), then marks them SENT.
//
// Once per (offer, candidate): the row's primary key, and the mail and notification keyed by
// `offer-invitation:<offerId>:<candidateId>` — a batch retried after a crash between the mail and the
// row's update sends nothing twice (the outbox answers « already sent »), whatever run or batch it is.
//
// Before each batch the offer is read: archived or expired (or past its expiry date), every row still
// PENDING becomes SKIPPED (OFFER_CLOSED) and the run ends; back in moderation (edited) the rows stay
// PENDING and the run ends — the next invitation to that offer, once published again, sends them.
// At sending time a candidate who left the CVthèque, or already applied to the offer, is SKIPPED.
import { QueryTypes, type Transaction } from 'sequelize';
import { VISIBLE_PROFILE } from '../api/cvtheque-lists/service.js';
import { de } from '../workflows/glossary.js';
import type { ActivityDeps } from './deps.js';
import { composeNotice, createNoticeSender, type Notice } from './notices.js';
import { personOf } from './people.js';

export interface SendInvitationBatchInput {
  offerId: string;
  /** The workflow's id, for the outbox rows. */
  workflowId: string;
  /** This batch, unique over every run of the offer's workflow (`<runId>/<n>`): what a retry shares. */
  batch: string;
  batchSize: number;
}

export type BatchOutcome = 'sent' | 'offer-closed' | 'offer-unpublished';

export interface BatchResult {
  outcome: BatchOutcome;
  sent: number;
  skipped: number;
  /** Rows of the offer still PENDING after this batch. */
  remaining: number;
}

/** The notification kind, and the preference kind that says how a candidate hears of it. */
export const OFFER_INVITATION_KIND = 'offer_invitation';

export const invitationKeyOf = (offerId: string, candidateId: string) => `offer-invitation:${offerId}:${candidateId}`;
export const offerPage = (offerId: string) => `/offres/${offerId}`;

interface OfferRow {
  id: string;
  title: string;
  status: string;
  closed: boolean;
  company_name: string;
  city: string;
}

interface ClaimedRow {
  candidate_id: string;
  first_name: string;
  last_name: string;
  email: string;
  visible: boolean;
  applied: boolean;
}

export function createOfferInvitationActivities(deps: ActivityDeps) {
  const { sequelize, config, logger } = deps;
  const sendNotices = createNoticeSender(deps);
  const select = <T extends object>(sql: string, replacements: Record<string, unknown>, transaction?: Transaction) =>
    sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements, transaction });
  const remainingOf = async (offerId: string) =>
    Number((await select<{ n: string }>(`SELECT count(*) AS n FROM offer_invitations WHERE offer_id = :offerId AND status = 'PENDING'`, { offerId }))[0]!.n);
  // What the batch did, read from its rows rather than from this attempt's work: a retry after a crash
  // between the rows' update and the answer to Temporal finds them SENT and must still count them.
  const doneIn = async (offerId: string, batch: string) => {
    const [row] = await select<{ sent: string; skipped: string }>(
      `SELECT count(*) FILTER (WHERE status = 'SENT') AS sent, count(*) FILTER (WHERE status = 'SKIPPED') AS skipped
       FROM offer_invitations WHERE offer_id = :offerId AND batch = :batch`,
      { offerId, batch },
    );
    return { sent: Number(row!.sent), skipped: Number(row!.skipped) };
  };

  return {
    async sendOfferInvitationBatch(input: SendInvitationBatchInput): Promise<BatchResult> {
      const { offerId, batch } = input;
      const [offer] = await select<OfferRow>(
        `SELECT o.id, o.title, o.status, o.city, c.name AS company_name,
                (o.status IN ('EXPIRED', 'ARCHIVED') OR o.expires_at <= now()) AS closed
         FROM offers o JOIN companies c ON c.id = o.company_id WHERE o.id = :offerId`,
        { offerId },
      );
      if (!offer || offer.closed) {
        // A PENDING row's earlier batch is a claim that was never sent: this batch takes it over.
        await sequelize.query(
          `UPDATE offer_invitations SET status = 'SKIPPED', skip_reason = 'OFFER_CLOSED', batch = :batch
           WHERE offer_id = :offerId AND status = 'PENDING'`,
          { replacements: { offerId, batch } },
        );
        return { outcome: 'offer-closed', sent: 0, skipped: (await doneIn(offerId, batch)).skipped, remaining: 0 };
      }
      if (offer.status !== 'PUBLISHED') return { outcome: 'offer-unpublished', sent: 0, skipped: 0, remaining: await remainingOf(offerId) };

      // Claim this batch's rows once: a retry finds them (SENT or not) and claims nothing more. A row a
      // failed run claimed and never sent is claimed again by the next run.
      await sequelize.transaction(async (transaction) => {
        const [claimed] = await select<{ n: string }>(`SELECT count(*) AS n FROM offer_invitations WHERE offer_id = :offerId AND batch = :batch`, { offerId, batch }, transaction);
        if (Number(claimed!.n) > 0) return;
        await sequelize.query(
          `UPDATE offer_invitations SET batch = :batch
           WHERE (offer_id, candidate_id) IN (
             SELECT offer_id, candidate_id FROM offer_invitations
             WHERE offer_id = :offerId AND status = 'PENDING' AND (batch IS NULL OR split_part(batch, '/', 1) <> split_part(:batch, '/', 1))
             ORDER BY created_at, candidate_id LIMIT :size FOR UPDATE SKIP LOCKED)`,
          { replacements: { offerId, batch, size: input.batchSize }, transaction },
        );
      });

      const rows = await select<ClaimedRow>(
        `SELECT i.candidate_id, u.first_name, u.last_name, u.email,
                (p.user_id IS NOT NULL AND ${VISIBLE_PROFILE}) AS visible,
                EXISTS (SELECT 1 FROM applications a WHERE a.offer_id = i.offer_id AND a.candidate_id = i.candidate_id) AS applied
         FROM offer_invitations i JOIN users u ON u.id = i.candidate_id
         LEFT JOIN candidate_profiles p ON p.user_id = i.candidate_id
         WHERE i.offer_id = :offerId AND i.batch = :batch AND i.status = 'PENDING'
         ORDER BY i.created_at, i.candidate_id`,
        { offerId, batch },
      );
      const skip = async (reason: 'NOT_VISIBLE' | 'ALREADY_APPLIED', ids: string[]) => {
        if (!ids.length) return;
        await sequelize.query(
          `UPDATE offer_invitations SET status = 'SKIPPED', skip_reason = :reason
           WHERE offer_id = :offerId AND candidate_id IN (:ids) AND status = 'PENDING'`,
          { replacements: { reason, offerId, ids } },
        );
      };
      await skip('NOT_VISIBLE', rows.filter((r) => !r.visible).map((r) => r.candidate_id));
      await skip('ALREADY_APPLIED', rows.filter((r) => r.visible && r.applied).map((r) => r.candidate_id));
      const told = rows.filter((r) => r.visible && !r.applied);

      const topic = `« ${offer.title} » (${offer.company_name})`;
      const notices = told.map((row): Notice => {
        const person = personOf({ id: row.candidate_id, firstName: row.first_name, lastName: row.last_name, email: row.email, phone: null, jobTitle: null });
        const composed = composeNotice(
          config.PUBLIC_URL,
          person,
          {
            headline: `${offer.company_name} vous invite à candidater`,
            subject: `Invitation à candidater — ${topic}`,
            paragraphs: [
              `Votre profil dans la CVthèque correspond à une offre ${de(offer.company_name)}, qui vous invite à y candidater : « ${offer.title} » (${offer.city}).`,
              'Vous êtes libre de candidater ou non. Sur la page de l’offre, « Postuler » envoie votre candidature ; « Décliner » indique à l’entreprise que l’offre ne vous intéresse pas, sans autre explication.',
            ],
            closing: ['Pour ne plus recevoir ces e-mails, changez vos préférences de notification (« Invitations à candidater »).'],
          },
          { workflowId: input.workflowId, seq: 0, kind: OFFER_INVITATION_KIND, entityType: 'offer', entityId: offer.id, topic, page: offerPage(offer.id), pageLabel: 'Voir l’offre (Postuler ou Décliner)' },
        );
        // One key per (offer, candidate), not per event: sent once, whichever run or batch tries again.
        const key = invitationKeyOf(offer.id, row.candidate_id);
        return { mail: composed.mail && { ...composed.mail, key }, notification: { ...composed.notification, idempotencyKey: key } };
      });
      await sendNotices(notices, OFFER_INVITATION_KIND, `invitations à l’offre ${offer.id} (lot ${batch})`);
      if (told.length) {
        await sequelize.query(
          `UPDATE offer_invitations SET status = 'SENT', sent_at = now() WHERE offer_id = :offerId AND candidate_id IN (:ids) AND status = 'PENDING'`,
          { replacements: { offerId, ids: told.map((r) => r.candidate_id) } },
        );
      }
      const done = await doneIn(offerId, batch);
      // Counts only: who was invited stays in the database, out of logs and histories.
      logger.info({ workflowId: input.workflowId, batch, ...done }, 'offer invitations: batch sent');
      return { outcome: 'sent', ...done, remaining: await remainingOf(offerId) };
    },
  };
}
