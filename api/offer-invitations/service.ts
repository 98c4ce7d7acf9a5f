// Invitations to apply (issue #18, item 5; seed 002: « vous faites partir une invitation aux candidats
// qui ont les compétences pour votre poste ET qui répondent à vos critères. Ils sont libres de
// candidater ou non »).
//
// Who: the recruiters of the offer's company (account, membership and company active) invite, for a
// PUBLISHED offer, and read its counts; admins read the counts (support). Another company's offer is
// a 404, as for anything one may not see; every other role: 403. The candidates read their own
// invitations and decline them.
//
// Privacy: recipients are CVthèque profiles (consent given, account enabled); any other id — unknown,
// withdrawn, not a candidate — is « skipped » in the answer's counts, never an error that tells who
// exists. The company reads counts only: never who declined (profiles stay anonymous until a contact
// request is accepted).
//
// « Applied » is derived (migrations/0033): an invitation SENT or DECLINED whose candidate has an
// application to the offer counts as APPLIED.
import type { Client } from '@temporalio/client';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { z } from 'zod';
import type { Config } from '../../config/env.js';
import type { Logger } from '../../config/logger.js';
import type { User } from '../../models/index.js';
import { invitationsRecordedSignal, offerInvitationWorkflow, offerInvitationWorkflowId } from '../../workflows/offer-invitation.js';
import { activeRecruiterCompany, VISIBLE_PROFILE } from '../cvtheque-lists/service.js';
import { HttpError, notFound } from '../errors.js';
import type { inviteBody } from './schemas.js';

interface Deps {
  sequelize: Sequelize;
  temporal: Client;
  config: Pick<Config, 'TEMPORAL_TASK_QUEUE' | 'OFFER_INVITATION_BATCH_SIZE' | 'OFFER_INVITATION_PAUSE'>;
  logger: Logger;
}

const RECRUITERS_ONLY = 'Inviter des candidats est réservé aux recruteurs d’une entreprise vérifiée.';
const CANDIDATES_ONLY = 'Réservé aux candidats.';

/** The status the candidate and the counts read: APPLIED once they applied to the offer. */
const EFFECTIVE_STATUS = `CASE WHEN i.status IN ('SENT', 'DECLINED') AND EXISTS (
    SELECT 1 FROM applications a WHERE a.offer_id = i.offer_id AND a.candidate_id = i.candidate_id) THEN 'APPLIED' ELSE i.status END`;

interface OfferRow {
  id: string;
  company_id: string;
  status: string;
}

export function offerInvitationService(deps: Deps) {
  const { sequelize, temporal, config, logger } = deps;
  const select = <T extends object>(sql: string, replacements: Record<string, unknown>) => sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements });
  const findOffer = async (id: string) => (await select<OfferRow>(`SELECT id, company_id, status FROM offers WHERE id = :id`, { id }))[0];

  /** The offer, for a recruiter of its company (404 for another company's, as if it did not exist). */
  async function ownOffer(user: User, offerId: string, readOnlyForAdmins: boolean): Promise<OfferRow> {
    if (user.role === 'ADMIN' && readOnlyForAdmins) {
      const offer = await findOffer(offerId);
      if (!offer) throw notFound('Offre');
      return offer;
    }
    if (user.role !== 'RECRUITER') throw new HttpError('FORBIDDEN', RECRUITERS_ONLY);
    const companyId = await activeRecruiterCompany(sequelize, user.id);
    if (!companyId) throw new HttpError('FORBIDDEN', RECRUITERS_ONLY);
    const offer = await findOffer(offerId);
    if (!offer || offer.company_id !== companyId) throw notFound('Offre');
    return offer;
  }

  /** Signal-with-start: joins the running run, or starts one (the previous one closed). */
  async function startSending(offerId: string): Promise<void> {
    await temporal.workflow.signalWithStart(offerInvitationWorkflow, {
      workflowId: offerInvitationWorkflowId(offerId),
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      args: [{ offerId, batchSize: config.OFFER_INVITATION_BATCH_SIZE, pauseMs: config.OFFER_INVITATION_PAUSE }],
      signal: invitationsRecordedSignal,
      signalArgs: [],
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    });
  }

  return {
    /** `body` is parsed once the caller and the offer's state are known to allow it: who, state, then what. */
    async invite(user: User, offerId: string, body: () => z.output<typeof inviteBody>) {
      const offer = await ownOffer(user, offerId, false);
      if (offer.status !== 'PUBLISHED') {
        throw new HttpError('ILLEGAL_TRANSITION', 'On n’invite à candidater qu’à une offre publiée.', { status: offer.status });
      }
      const { candidateIds } = body();
      // One statement: the distinct ids asked, those in the CVthèque, and the rows new to this offer
      // (the primary key keeps one per candidate, two requests at once included).
      const [counts] = await select<{ asked: string; visible: string; inserted: string; pending: string }>(
        `WITH asked AS (SELECT DISTINCT unnest(ARRAY[:ids]::uuid[]) AS id),
         visible AS (
           SELECT a.id FROM asked a JOIN users u ON u.id = a.id AND u.role = 'CANDIDATE'
           JOIN candidate_profiles p ON p.user_id = u.id WHERE ${VISIBLE_PROFILE}),
         inserted AS (
           INSERT INTO offer_invitations (offer_id, candidate_id, invited_by)
           SELECT :offerId, id, :userId FROM visible ORDER BY id ON CONFLICT (offer_id, candidate_id) DO NOTHING RETURNING candidate_id)
         SELECT (SELECT count(*) FROM asked) AS asked, (SELECT count(*) FROM visible) AS visible, (SELECT count(*) FROM inserted) AS inserted,
                (SELECT count(*) FROM offer_invitations WHERE offer_id = :offerId AND status = 'PENDING') AS pending`,
        { ids: candidateIds, offerId, userId: user.id },
      );
      const answer = {
        requested: Number(counts!.asked),
        invited: Number(counts!.inserted),
        alreadyInvited: Number(counts!.visible) - Number(counts!.inserted),
        skipped: Number(counts!.asked) - Number(counts!.visible),
      };
      // Rows still PENDING (these, or an earlier request's whose start failed): the run sends them.
      if (answer.invited > 0 || Number(counts!.pending) > 0) {
        try {
          await startSending(offerId);
        } catch (err) {
          logger.error({ err, offerId }, 'offer invitations recorded, their sending not started');
          throw new HttpError('SERVICE_UNAVAILABLE', 'Invitations enregistrées, mais leur envoi n’a pas pu démarrer : renvoyez la même demande dans un instant (personne ne sera invité deux fois).');
        }
      }
      return answer;
    },

    async counts(user: User, offerId: string) {
      const offer = await ownOffer(user, offerId, true);
      const rows = await select<{ status: string; n: string }>(
        `SELECT ${EFFECTIVE_STATUS} AS status, count(*) AS n FROM offer_invitations i WHERE i.offer_id = :offerId GROUP BY 1`,
        { offerId: offer.id },
      );
      const of = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
      return {
        offerId: offer.id,
        invited: rows.reduce((sum, r) => sum + Number(r.n), 0),
        pending: of('PENDING'),
        sent: of('SENT'),
        declined: of('DECLINED'),
        applied: of('APPLIED'),
        skipped: of('SKIPPED'),
      };
    },

    /** The candidate's invitations that reached them, newest first (the last 200). */
    async mine(user: User) {
      if (user.role !== 'CANDIDATE') throw new HttpError('FORBIDDEN', CANDIDATES_ONLY);
      const rows = await select<{
        offer_id: string;
        status: 'SENT' | 'DECLINED' | 'APPLIED';
        sent_at: Date;
        declined_at: Date | null;
        title: string;
        offer_status: string;
        city: string;
        company_id: string;
        company_name: string;
      }>(
        `SELECT i.offer_id, ${EFFECTIVE_STATUS} AS status, i.sent_at, i.declined_at,
                o.title, o.status AS offer_status, o.city, c.id AS company_id, c.name AS company_name
         FROM offer_invitations i JOIN offers o ON o.id = i.offer_id JOIN companies c ON c.id = o.company_id
         WHERE i.candidate_id = :userId AND i.status IN ('SENT', 'DECLINED')
         ORDER BY i.sent_at DESC, i.offer_id LIMIT 200`,
        { userId: user.id },
      );
      return {
        items: rows.map((r) => ({
          offerId: r.offer_id,
          status: r.status,
          sentAt: new Date(r.sent_at).toISOString(),
          declinedAt: r.declined_at ? new Date(r.declined_at).toISOString() : null,
          offer: { id: r.offer_id, title: r.title, status: r.offer_status, city: r.city, company: { id: r.company_id, name: r.company_name } },
        })),
      };
    },

    /** Idempotent: declining twice is still 204. An invitation never sent to them (or none): 404. */
    async decline(user: User, offerId: string): Promise<void> {
      if (user.role !== 'CANDIDATE') throw new HttpError('FORBIDDEN', CANDIDATES_ONLY);
      const [row] = await select<{ status: string }>(
        `UPDATE offer_invitations SET status = 'DECLINED', declined_at = coalesce(declined_at, now())
         WHERE offer_id = :offerId AND candidate_id = :userId AND status IN ('SENT', 'DECLINED') RETURNING status`,
        { offerId, userId: user.id },
      );
      if (!row) throw notFound('Invitation');
    },
  };
}
