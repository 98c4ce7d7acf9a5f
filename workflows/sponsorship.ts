// sponsorshipWorkflow: one per sponsorship request, the source of truth for its state (PRODUCT.md).
// Built like applicationWorkflow: each action is an Update whose validator refuses what the role, the
// state or the fields forbid; the handler writes the projection before it returns; people are told
// afterwards by activities that retry until they succeed. The recruiters are reminded once if the
// request still waits after the reminder delay (7 days by default).
import {
  allHandlersFinished,
  condition,
  defineQuery,
  defineUpdate,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createSponsorshipActivities } from '../activities/sponsorship.js';
import type { Actor } from './application-rules.js';
import { createLock, createNotifier, noticeActivity, projectionActivity, refusalFailure } from './process.js';
import { CandidateId, CompanyId, ReferentId, SponsorshipStatus as SponsorshipStatusKey, StatusChangedAt, WaitingFor } from './search-attributes.js';
import {
  type SponsorshipNotice,
  type SponsorshipParties,
  type SponsorshipStatus,
  type SponsorshipTransitionRequest,
  SPONSORSHIP_RULES,
  isSponsorshipFinal,
  sponsorshipRefusalOf,
} from './sponsorship-rules.js';

type Activities = ReturnType<typeof createSponsorshipActivities>;

export interface SponsorshipTimers {
  /** Time in PENDING after which the company's recruiters are reminded, once. */
  reminderMs: number;
}

export const DEFAULT_SPONSORSHIP_TIMERS: SponsorshipTimers = { reminderMs: 7 * 86_400_000 };

export interface SponsorshipWorkflowInput {
  sponsorshipId: string;
  parties: SponsorshipParties;
  /** The candidate, or their référent. */
  createdBy: Actor;
  message: string;
  /** ISO time the API created the request. */
  createdAt: string;
  timers?: Partial<SponsorshipTimers>;
}

export interface SponsorshipSnapshot {
  sponsorshipId: string;
  status: SponsorshipStatus;
  statusChangedAt: string;
  /** Number of history events written so far. */
  events: number;
  sponsorId: string | null;
  reminderSent: boolean;
}

export { sponsorshipWorkflowId } from './sponsorship-rules.js';
export const sponsorshipTransitionUpdate = defineUpdate<SponsorshipSnapshot, [SponsorshipTransitionRequest]>('transition');
export const sponsorshipSnapshotQuery = defineQuery<SponsorshipSnapshot>('snapshot');

const { recordSponsorshipCreated, recordSponsorshipEvent } = proxyActivities<Activities>(projectionActivity);
const { notifySponsorshipEvent } = proxyActivities<Activities>(noticeActivity);

export async function sponsorshipWorkflow(input: SponsorshipWorkflowInput): Promise<SponsorshipSnapshot> {
  const timers = { ...DEFAULT_SPONSORSHIP_TIMERS, ...input.timers };
  const { parties } = input;
  const workflowId = workflowInfo().workflowId;
  let status: SponsorshipStatus = 'PENDING';
  let statusChangedAt = new Date(input.createdAt);
  let sponsorId: string | null = null;
  let events = 0;
  let reminderSent = false;
  // Held until the creation is recorded, so no update numbers its event before it.
  const { exclusive, release } = createLock();

  const snapshot = (): SponsorshipSnapshot => ({
    sponsorshipId: input.sponsorshipId,
    status,
    statusChangedAt: statusChangedAt.toISOString(),
    events,
    sponsorId,
    reminderSent,
  });

  const pushSearchAttributes = () =>
    upsertSearchAttributes([
      { key: SponsorshipStatusKey, value: status },
      { key: StatusChangedAt, value: statusChangedAt },
      { key: WaitingFor, value: status === 'PENDING' ? 'RECRUITER' : 'NOBODY' },
    ]);

  const { notify, allTold } = createNotifier((notice: Omit<SponsorshipNotice, 'workflowId' | 'sponsorshipId'>) =>
    notifySponsorshipEvent({ ...notice, workflowId, sponsorshipId: input.sponsorshipId }),
  );

  const refuseIfIllegal = (request: SponsorshipTransitionRequest) => {
    const refusal = sponsorshipRefusalOf(request, status, parties);
    if (refusal) throw refusalFailure(refusal);
  };

  setHandler(sponsorshipSnapshotQuery, snapshot);
  setHandler(
    sponsorshipTransitionUpdate,
    (request) =>
      exclusive(async () => {
        refuseIfIllegal(request); // again: another update may have moved the state meanwhile
        const at = new Date();
        const from = status;
        const to = SPONSORSHIP_RULES[request.action].to;
        const chosenSponsor = request.action === 'accept' ? request.sponsorUserId! : null;
        const comment = request.action === 'refuse' ? request.comment!.trim() : null;
        const seq = events;
        await recordSponsorshipEvent({
          sponsorshipId: input.sponsorshipId,
          seq,
          type: request.action,
          fromStatus: from,
          toStatus: to,
          actor: request.actor,
          message: comment,
          at: at.toISOString(),
          sponsorId: chosenSponsor,
          comment,
        });
        events = seq + 1;
        status = to;
        statusChangedAt = at;
        if (chosenSponsor) sponsorId = chosenSponsor;
        pushSearchAttributes();
        notify({ seq, event: request.action, status, actor: request.actor, message: comment, sponsorId });
        return snapshot();
      }),
    { validator: refuseIfIllegal },
  );

  // The API wrote the request and its first event; writing them again is a no-op, and makes the
  // workflow whole even if the API crashed between starting it and committing.
  events = await recordSponsorshipCreated(input);
  release();
  upsertSearchAttributes([
    { key: CompanyId, value: parties.companyId },
    { key: CandidateId, value: parties.candidateId },
    ...(parties.referentId ? [{ key: ReferentId, value: parties.referentId }] : []),
  ]);
  pushSearchAttributes();
  notify({ seq: 0, event: 'created', status, actor: input.createdBy, message: input.message, sponsorId: null });

  // One reminder to the recruiters if nobody answered in time; then wait for the answer as long as it takes.
  const answered = () => isSponsorshipFinal(status);
  const remindAt = new Date(input.createdAt).getTime() + timers.reminderMs;
  if (!(await condition(answered, Math.max(remindAt - Date.now(), 1)))) {
    await exclusive(async () => {
      if (answered()) return; // an answer got there first
      const seq = events;
      await recordSponsorshipEvent({
        sponsorshipId: input.sponsorshipId,
        seq,
        type: 'reminder',
        fromStatus: status,
        toStatus: status,
        actor: null,
        message: null,
        at: new Date().toISOString(),
        sponsorId: null,
        comment: null,
      });
      events = seq + 1;
      reminderSent = true;
      notify({ seq, event: 'reminder', status, actor: null, message: null, sponsorId: null });
    });
    await condition(answered);
  }

  await condition(() => allTold() && allHandlersFinished());
  return snapshot();
}
