// offerInvitationWorkflow (issue #18, item 5): sends an offer's invitations to apply in batches, at a
// rate the input sets (OFFER_INVITATION_BATCH_SIZE per OFFER_INVITATION_PAUSE). One run per offer at a
// time (id `offer-invitations-<offerId>`): the API records the invitations (offer_invitations, PENDING)
// then signals-with-start `invitationsRecorded`, so a second request joins the running run and a
// later one starts a new run once this one closed.
//
// Not a « process » of the registry (workflows/processes.ts): it has no states people act on, no
// Updates, no projection of its own — the rows are the state, and each batch's activity reads and
// writes them. Each batch checks the offer first: archived or expired, the rows left are SKIPPED and
// the run ends (so the offer's archive or expiry stops it within one pause, with no change to the
// offer's workflow). The history carries the offer's id and counts only, never who is invited.
//
// Started by the API with the recruiter's seal (config/temporal.ts seals signal-with-start as a start).
// The activity's retries are bounded: a relay refusing for about an hour fails the run, visibly in the
// Temporal UI; its rows stay PENDING and the next invitation to the offer starts a run that sends them.
import { defineSignal, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import type { createOfferInvitationActivities } from '../activities/offer-invitation.js';
import { noticeActivity } from './process.js';

type Activities = ReturnType<typeof createOfferInvitationActivities>;

export interface OfferInvitationInput {
  offerId: string;
  /** Invitations per batch (OFFER_INVITATION_BATCH_SIZE). */
  batchSize: number;
  /** The pause between two batches (OFFER_INVITATION_PAUSE; tests: seconds). */
  pauseMs: number;
}

export interface OfferInvitationResult {
  sent: number;
  skipped: number;
  batches: number;
  /** Why the run ended: nothing left to send, or the offer is closed or back in moderation. */
  ended: 'done' | 'offer-closed' | 'offer-unpublished';
}

/** New invitations were recorded for the offer (no payload: the rows are in PostgreSQL). */
export const invitationsRecordedSignal = defineSignal('invitationsRecorded');

export const offerInvitationWorkflowId = (offerId: string) => `offer-invitations-${offerId}`;

const { sendOfferInvitationBatch } = proxyActivities<Activities>({
  ...noticeActivity,
  startToCloseTimeout: '5 minutes',
  retry: { ...noticeActivity.retry, maximumAttempts: 20 },
});

export async function offerInvitationWorkflow(input: OfferInvitationInput): Promise<OfferInvitationResult> {
  let recorded = false;
  setHandler(invitationsRecordedSignal, () => {
    recorded = true;
  });
  const { workflowId, runId } = workflowInfo();
  const total: OfferInvitationResult = { sent: 0, skipped: 0, batches: 0, ended: 'done' };
  for (;;) {
    recorded = false;
    const batch = await sendOfferInvitationBatch({ offerId: input.offerId, workflowId, batch: `${runId}/${++total.batches}`, batchSize: input.batchSize });
    total.sent += batch.sent;
    total.skipped += batch.skipped;
    if (batch.outcome !== 'sent') return { ...total, ended: batch.outcome };
    // Rows recorded after the batch read the count arrive with a signal: the server refuses to close a
    // run with a signal it has not handled, so this loop sees it and goes on.
    if (batch.remaining === 0 && !recorded) return total;
    await sleep(input.pauseMs);
  }
}
