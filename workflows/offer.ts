// offerModerationWorkflow: one per offer, the source of truth for its status (PRODUCT.md). The offer's
// fields are edited by the API (in DRAFT or REJECTED only); the workflow owns the status: every action
// is an Update whose validator refuses what the state or the caller's role forbids, whose handler
// writes the projection (status + history event) before it returns; people are told afterwards.
// A published offer goes offline by a durable timer (EXPIRED), unless archived first.
//
// Operators: the offers waiting for moderation are `OfferStatus='PENDING_MODERATION'` in the Temporal
// UI; those waiting for more than a day, `OfferStatus='PENDING_MODERATION' AND StatusChangedAt < '<ISO>'`.
// (The dev server's SQLite visibility refuses ORDER BY; on Elasticsearch visibility, append
// `ORDER BY StatusChangedAt` for oldest first. The API's moderation queue is sorted either way.)
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  defineQuery,
  defineUpdate,
  log,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createOfferActivities } from '../activities/offer.js';
import {
  DEFAULT_PUBLICATION_MS,
  type OfferNotice,
  type OfferParties,
  type OfferStatus,
  type OfferTransitionRequest,
  allowedOfferActions,
  isOfferFinal,
  nextOfferStatus,
  offerRefusalOf,
} from './offer-rules.js';
import { createLock, createNotifier, noticeActivity, projectionActivity, refusalFailure } from './process.js';
import { CompanyId, OfferId, OfferStatus as OfferStatusKey, StatusChangedAt, WaitingFor } from './search-attributes.js';

type Activities = ReturnType<typeof createOfferActivities>;

export interface OfferWorkflowInput {
  offerId: string;
  companyId: string;
  /**
   * How long an approved offer stays online (default 60 days), unless the recruiter chose an earlier
   * end date. Tests use seconds.
   */
  publicationMs?: number;
}

export interface OfferSnapshot {
  offerId: string;
  /** null: the offer row does not exist (its creation was rolled back); the workflow ended. */
  status: OfferStatus | null;
  statusChangedAt: string | null;
  expiresAt: string | null;
  /** Number of history events written so far. */
  events: number;
}

export { offerWorkflowId } from './offer-rules.js';
export const offerTransitionUpdate = defineUpdate<OfferSnapshot, [OfferTransitionRequest]>('transition');
export const offerSnapshotQuery = defineQuery<OfferSnapshot>('snapshot');

// An offer row that is gone will not come back: NOT_FOUND fails the workflow instead of retrying forever.
const { attachOfferWorkflow, offerExpiryOnApproval, recordOfferEvent } = proxyActivities<Activities>({
  ...projectionActivity,
  retry: { ...projectionActivity.retry, nonRetryableErrorTypes: ['NOT_FOUND'] },
});
const { notifyOfferEvent } = proxyActivities<Activities>(noticeActivity);

/** What the offer waits for next, for an operator's queries. */
const WAITING_FOR: Record<OfferStatus, string> = {
  DRAFT: 'RECRUITER',
  REJECTED: 'RECRUITER',
  PENDING_MODERATION: 'ADMIN',
  PUBLISHED: 'EXPIRY',
  EXPIRED: 'NOBODY',
  ARCHIVED: 'NOBODY',
};

export async function offerModerationWorkflow(input: OfferWorkflowInput): Promise<OfferSnapshot> {
  const publicationMs = input.publicationMs ?? DEFAULT_PUBLICATION_MS;
  const parties: OfferParties = { companyId: input.companyId };
  const workflowId = workflowInfo().workflowId;
  // Held until the offer is attached: updates that arrive meanwhile wait, then are checked against
  // the status the offer really has.
  const { exclusive, release } = createLock();
  /** False until the offer's row is read; `gone` when there is no row (a creation rolled back). */
  let attachedYet = false;
  let gone = false;
  let status: OfferStatus = 'DRAFT';
  let statusChangedAt = new Date(workflowInfo().startTime);
  let expiresAt: Date | null = null;
  let events = 0;

  const snapshot = (): OfferSnapshot => ({
    offerId: input.offerId,
    status,
    statusChangedAt: statusChangedAt.toISOString(),
    expiresAt: expiresAt?.toISOString() ?? null,
    events,
  });

  const pushSearchAttributes = () =>
    upsertSearchAttributes([
      { key: OfferStatusKey, value: status },
      { key: StatusChangedAt, value: statusChangedAt },
      { key: WaitingFor, value: WAITING_FOR[status] },
    ]);

  const { notify, allTold } = createNotifier((notice: Omit<OfferNotice, 'workflowId' | 'offerId'>) =>
    notifyOfferEvent({ ...notice, workflowId, offerId: input.offerId }),
  );

  const refuseIfIllegal = (request: OfferTransitionRequest) => {
    if (!attachedYet) return; // the handler checks, once the offer is attached
    const refusal = offerRefusalOf(request, status, parties);
    if (refusal) throw refusalFailure(refusal);
  };

  setHandler(offerSnapshotQuery, snapshot);
  setHandler(
    offerTransitionUpdate,
    (request) =>
      exclusive(async () => {
        if (gone) throw ApplicationFailure.create({ type: 'NOT_FOUND', message: 'Offre introuvable.', nonRetryable: true });
        refuseIfIllegal(request); // again: another update may have moved the state meanwhile
        const at = new Date();
        const from = status;
        const to = nextOfferStatus(request.action);
        const reason = request.reason?.trim() || null;
        let nextExpiresAt = expiresAt;
        const changes: Record<string, string | null> = {};
        if (request.action === 'approve') {
          // The end date the recruiter chose is a field of the offer: read where the fields live.
          const expiry = await offerExpiryOnApproval({ offerId: input.offerId, at: at.toISOString(), publicationMs });
          if ('refusal' in expiry) {
            throw refusalFailure({ code: 'ILLEGAL_TRANSITION', message: expiry.refusal, status, allowedActions: allowedOfferActions(status, request.actor, parties) });
          }
          nextExpiresAt = new Date(expiry.expiresAt);
          changes.published_at = at.toISOString();
          changes.expires_at = expiry.expiresAt;
        }
        const seq = events;
        await recordOfferEvent({
          offerId: input.offerId,
          seq,
          type: request.action,
          fromStatus: from,
          toStatus: to,
          actor: request.actor,
          message: reason,
          at: at.toISOString(),
          changes,
        });
        events = seq + 1;
        status = to;
        statusChangedAt = at;
        expiresAt = nextExpiresAt;
        pushSearchAttributes();
        notify({ seq, event: request.action, status, actor: request.actor, message: reason });
        return snapshot();
      }),
    { validator: refuseIfIllegal },
  );

  // Handlers are set before the first await: an update that arrives with the start is not lost.
  // The API wrote the offer (DRAFT) before starting this workflow; an offer that existed before its
  // workflow (the demo data, a row made in the back office) is taken over in the status it has.
  const attached = await attachOfferWorkflow({ offerId: input.offerId, workflowId, publicationMs });
  if (!attached) {
    log.warn('offer row not found: its creation was rolled back; nothing to run', { offerId: input.offerId });
    gone = true;
    release();
    await condition(allHandlersFinished);
    return { offerId: input.offerId, status: null, statusChangedAt: null, expiresAt: null, events: 0 };
  }
  status = attached.status;
  statusChangedAt = new Date(attached.statusChangedAt);
  expiresAt = attached.expiresAt ? new Date(attached.expiresAt) : null;
  events = attached.events;
  attachedYet = true;
  release();
  upsertSearchAttributes([
    { key: CompanyId, value: input.companyId },
    { key: OfferId, value: input.offerId },
  ]);
  pushSearchAttributes();

  while (!isOfferFinal(status)) {
    const seenEvents = events;
    const changed = () => events !== seenEvents || isOfferFinal(status);
    if (status !== 'PUBLISHED' || !expiresAt) {
      await condition(changed);
      continue;
    }
    // Durable: the timer survives worker restarts; a transition (archive) wakes the loop first.
    const moved = await condition(changed, Math.max(expiresAt.getTime() - Date.now(), 1));
    if (moved) continue;
    await exclusive(async () => {
      if (status !== 'PUBLISHED' || events !== seenEvents) return; // archived meanwhile
      const at = new Date();
      const seq = events;
      await recordOfferEvent({
        offerId: input.offerId,
        seq,
        type: 'expired',
        fromStatus: status,
        toStatus: 'EXPIRED',
        actor: null,
        message: null,
        at: at.toISOString(),
        changes: {},
      });
      events = seq + 1;
      status = 'EXPIRED';
      statusChangedAt = at;
      pushSearchAttributes();
      notify({ seq, event: 'expired', status, actor: null, message: null });
    });
  }

  await condition(() => allTold() && allHandlersFinished());
  return snapshot();
}
