// sponsorshipWorkflow: one per sponsorship request, the source of truth for its state (PRODUCT.md).
// Built like applicationWorkflow: each action is an Update whose validator refuses what the role, the
// state or the fields forbid; the handler writes the projection before it returns; people are told
// afterwards by activities that retry until they succeed. The recruiters are reminded once if the
// request still waits after the reminder delay (7 days by default).
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { createSponsorshipActivities } from '../activities/sponsorship.js';
import type { Actor } from './actors.js';
import { CHANGE_FOLLOW_UP } from './follow-up.js';
import { createProcessEngine, noticeActivity, noticeSender, projectionActivities } from './process.js';
import { patchesAtStart } from './patches.js';
import { PROCESSES } from './processes.js';
import type { SponsorshipNotice, SponsorshipParties, SponsorshipStatus, SponsorshipTransitionRequest } from './sponsorship-rules.js';

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
  /** Who the request involves now (the follow-up changes when an admin moves the candidate or the référent). */
  parties: SponsorshipParties;
}

const sponsorship = PROCESSES.sponsorship;
/** Queued for the notice queue (or told by the activity itself, in workflows older than 'notice-queue'). */
const notifySponsorshipEvent = noticeSender('notifySponsorshipEvent', proxyActivities<Activities>(noticeActivity).notifySponsorshipEvent);

export async function sponsorshipWorkflow(input: SponsorshipWorkflowInput): Promise<SponsorshipSnapshot> {
  const patches = patchesAtStart();
  // Local since 'projection-local-activities' (workflows/process.ts `projectionActivities`).
  const { recordSponsorshipCreated, recordSponsorshipEvent } = projectionActivities<Activities>(patches);
  const timers = { ...DEFAULT_SPONSORSHIP_TIMERS, ...input.timers };
  const workflowId = workflowInfo().workflowId;
  let sponsorId: string | null = null;
  let reminderSent = false;

  const engine = createProcessEngine({
    process: sponsorship,
    parties: input.parties,
    status: sponsorship.initialStatus(input),
    statusChangedAt: new Date(input.createdAt),
    idAttributes: sponsorship.idAttributes(input),
    notices: notifySponsorshipEvent((notice: Omit<SponsorshipNotice, 'workflowId' | 'sponsorshipId'>) => ({ ...notice, workflowId, sponsorshipId: input.sponsorshipId })),
    patches,
  });
  const { state } = engine;

  const snapshot = (): SponsorshipSnapshot => ({
    sponsorshipId: input.sponsorshipId,
    status: state.status,
    statusChangedAt: state.statusChangedAt.toISOString(),
    events: state.events,
    sponsorId,
    reminderSent,
    parties: { ...input.parties },
  });

  engine.onTransition(snapshot, async (request: SponsorshipTransitionRequest, at) => {
    if (request.action === CHANGE_FOLLOW_UP) return changeFollowUp(request, at);
    const to = sponsorship.rules.nextStatus(request.action, state.status);
    const chosenSponsor = request.action === 'accept' ? request.sponsorUserId! : null;
    // The sponsor once this event is written: set by `moved`, and told by the notice built before the write.
    const sponsorAfter = chosenSponsor ?? sponsorId;
    const comment = request.action === 'refuse' ? request.comment!.trim() : null;
    await engine.record(
      { type: request.action, to, at },
      ({ seq, from, writtenBy }) =>
        recordSponsorshipEvent({
          ...writtenBy,
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
        }),
      {
        moved: () => (sponsorId = sponsorAfter),
        notice: ({ seq }) => ({ seq, event: request.action, status: to, actor: request.actor, message: comment, sponsorId: sponsorAfter }),
      },
    );
  });

  const changeFollowUp = (request: SponsorshipTransitionRequest, at: Date) =>
    engine.changeFollowUp(
      request,
      at,
      ({ seq, from, writtenBy }, { followUp, message }) =>
        recordSponsorshipEvent({
          ...writtenBy,
          sponsorshipId: input.sponsorshipId,
          seq,
          type: CHANGE_FOLLOW_UP,
          fromStatus: from,
          toStatus: from,
          actor: request.actor,
          message,
          at: at.toISOString(),
          sponsorId: null,
          comment: null,
          followUp,
        }),
      ({ seq, to }, message) => ({ seq, event: CHANGE_FOLLOW_UP, status: to, actor: request.actor, message, sponsorId }),
    );

  // The API wrote the request and its first event; writing them again is a no-op, and makes the
  // workflow whole even if the API crashed between starting it and committing.
  const created = { seq: 0, event: 'created' as const, status: state.status, actor: input.createdBy, message: input.message, sponsorId: null };
  const events = await recordSponsorshipCreated(input, engine.createdNotice(created));
  engine.started({ events }, created);

  // One reminder to the recruiters if nobody answered in time; then wait for the answer as long as it takes.
  const remindAt = new Date(input.createdAt).getTime() + timers.reminderMs;
  await engine.runTimers(() =>
    reminderSent
      ? null
      : {
          key: 'reminder',
          at: remindAt,
          fire: async () => {
            await engine.record(
              { type: 'reminder', to: state.status, searchAttributes: false },
              ({ seq, from, at, writtenBy }) =>
                recordSponsorshipEvent({
                  ...writtenBy,
                  sponsorshipId: input.sponsorshipId, seq, type: 'reminder', fromStatus: from, toStatus: from, actor: null, message: null, at: at.toISOString(), sponsorId: null, comment: null }),
              {
                moved: () => (reminderSent = true),
                notice: ({ seq, to }) => ({ seq, event: 'reminder', status: to, actor: null, message: null, sponsorId: null }),
              },
            );
          },
        },
  );

  await engine.finished();
  return snapshot();
}
