// offerModerationWorkflow: one per offer, the source of truth for its status (PRODUCT.md). The offer's
// fields are edited by the API (in DRAFT or REJECTED only); the workflow owns the status: every action
// is an Update whose validator refuses what the state or the caller's role forbids, whose handler
// writes the projection (status + history event) before it returns; people are told afterwards.
// A published offer goes offline by a durable timer (EXPIRED), unless archived first. A published
// offer edited (`edit`) goes back to moderation with its expiry kept: the timer keeps running, so an
// offer still in moderation (or refused) at its end expires there and never comes back; approved in
// time, it is published again until the same end.
//
// Operators: the offers waiting for moderation are `OfferStatus='PENDING_MODERATION'` in the Temporal
// UI; those waiting for more than a day, `OfferStatus='PENDING_MODERATION' AND StatusChangedAt < '<ISO>'`.
// (The dev server's SQLite visibility refuses ORDER BY; on Elasticsearch visibility, append
// `ORDER BY StatusChangedAt` for oldest first. The API's moderation queue is sorted either way.)
import { ApplicationFailure, log, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { createOfferActivities } from '../activities/offer.js';
import { DEFAULT_PUBLICATION_MS, offerEditSummary, type OfferNotice, type OfferStatus, type OfferTransitionRequest } from './offer-rules.js';
import { createProcessEngine, noticeActivity, noticeSender, projectionActivities } from './process.js';
import { patchesAtStart } from './patches.js';
import { PROCESSES } from './processes.js';

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

const offer = PROCESSES.offer;
/** Queued for the notice queue (or told by the activity itself, in workflows older than 'notice-queue'). */
const notifyOfferEvent = noticeSender('notifyOfferEvent', proxyActivities<Activities>(noticeActivity).notifyOfferEvent);

export async function offerModerationWorkflow(input: OfferWorkflowInput): Promise<OfferSnapshot> {
  const patches = patchesAtStart();
  // Local since 'projection-local-activities', as the application's: an approval was three workflow tasks
  // and two activity tasks, it is one workflow task (the expiry is a read, idempotent too).
  const { attachOfferWorkflow, offerExpiryOnApproval, recordOfferEvent } = projectionActivities<Activities>(patches);
  const publicationMs = input.publicationMs ?? DEFAULT_PUBLICATION_MS;
  const workflowId = workflowInfo().workflowId;
  /** The offer has no row (a creation rolled back): nothing to run. */
  let gone = false;
  let expiresAt: Date | null = null;
  /**
   * Edited once published: the expiry stays (the timer runs in moderation too, approve keeps it).
   * Behind 'offer-edit-published': no history before it has an edit, and none replays this path.
   */
  let editedOnline = false;
  // Updates that arrive before the offer is attached wait, then are checked against the status the
  // offer really has.
  const engine = createProcessEngine({
    process: offer,
    parties: { companyId: input.companyId },
    status: offer.initialStatus(input),
    statusChangedAt: new Date(workflowInfo().startTime),
    idAttributes: offer.idAttributes(input),
    stateKnown: false,
    notices: notifyOfferEvent((notice: Omit<OfferNotice, 'workflowId' | 'offerId'>) => ({ ...notice, workflowId, offerId: input.offerId })),
    patches,
    latePatches: ['offer-edit-published'],
  });
  const { state } = engine;
  // The chosen end date read by the approval's own write: one local activity less per approval (issue
  // #20). Decided in the first activation (a patch met after a local activity may replay wrong: see
  // decidePatchesAtStart in process.ts).
  const approveInWrite = patches.has('offer-approve-in-write');

  const snapshot = (): OfferSnapshot =>
    gone
      ? { offerId: input.offerId, status: null, statusChangedAt: null, expiresAt: null, events: 0 }
      : { offerId: input.offerId, status: state.status, statusChangedAt: state.statusChangedAt.toISOString(), expiresAt: expiresAt?.toISOString() ?? null, events: state.events };

  engine.onTransition(
    snapshot,
    async (request: OfferTransitionRequest, at) => {
      const to = offer.rules.nextStatus(request.action, state.status);
      const reason = request.reason?.trim() || null;
      let nextExpiresAt = expiresAt;
      const changes: Record<string, string | null> = {};
      const edited = request.action === 'edit' ? Object.keys(request.fields ?? {}) : null;
      const message = edited ? offerEditSummary(edited) : reason;
      const keepsExpiry = request.action === 'edit' ? patches.has('offer-edit-published') : editedOnline && !!expiresAt;
      const approval = request.action === 'approve' && !keepsExpiry;
      if (approval && !approveInWrite) {
        // The end date the recruiter chose is a field of the offer: read where the fields live.
        const expiry = await offerExpiryOnApproval({ offerId: input.offerId, at: at.toISOString(), publicationMs });
        if ('refusal' in expiry) throw engine.refusedNow(expiry.refusal);
        nextExpiresAt = new Date(expiry.expiresAt);
        changes.published_at = at.toISOString();
        changes.expires_at = expiry.expiresAt;
      }
      await engine.record(
        { type: request.action, to, at },
        async ({ seq, from, writtenBy }) => {
          const recorded = await recordOfferEvent({
            ...writtenBy,
            offerId: input.offerId,
            seq,
            type: request.action,
            fromStatus: from,
            toStatus: to,
            actor: request.actor,
            message,
            at: at.toISOString(),
            changes,
            ...(edited ? { fields: request.fields! } : {}),
            ...(approval && approveInWrite ? { approval: { publicationMs } } : {}),
          });
          if (approval && approveInWrite) nextExpiresAt = new Date(recorded.changes.expires_at!);
        },
        {
          moved: () => {
            expiresAt = nextExpiresAt;
            if (request.action === 'edit' && keepsExpiry) editedOnline = true;
          },
          notice: ({ seq, to }) => ({ seq, event: request.action, status: to, actor: request.actor, message }),
        },
      );
    },
    () => {
      if (gone) throw ApplicationFailure.create({ type: 'NOT_FOUND', message: 'Offre introuvable.', nonRetryable: true });
    },
  );

  // Handlers are set before the first await: an update that arrives with the start is not lost.
  // The API wrote the offer (DRAFT) before starting this workflow; an offer that existed before its
  // workflow (the demo data, a row made in the back office) is taken over in the status it has.
  const attached = await attachOfferWorkflow({ offerId: input.offerId, workflowId, runId: workflowInfo().runId, publicationMs });
  if (!attached) {
    log.warn('offer row not found: its creation was rolled back; nothing to run', { offerId: input.offerId });
    gone = true;
    engine.lock.release();
    await engine.finished();
    return snapshot();
  }
  expiresAt = attached.expiresAt ? new Date(attached.expiresAt) : null;
  engine.started({ events: attached.events, status: attached.status, statusChangedAt: new Date(attached.statusChangedAt) });

  // A published offer goes offline by a durable timer (it survives worker restarts); archiving wakes the
  // loop first. Edited, it keeps running in moderation: the offer expires there rather than outlive its end.
  await engine.runTimers(() =>
    (state.status === 'PUBLISHED' || editedOnline) && expiresAt
      ? {
          key: `expiry:${expiresAt.getTime()}`,
          at: expiresAt.getTime(),
          fire: async () => {
            await engine.record(
              { type: 'expired', to: 'EXPIRED' },
              ({ seq, from, at, writtenBy }) =>
                recordOfferEvent({ ...writtenBy, offerId: input.offerId, seq, type: 'expired', fromStatus: from, toStatus: 'EXPIRED', actor: null, message: null, at: at.toISOString(), changes: {} }),
              { notice: ({ seq, to }) => ({ seq, event: 'expired', status: to, actor: null, message: null }) },
            );
          },
        }
      : null,
  );

  await engine.finished();
  return snapshot();
}
