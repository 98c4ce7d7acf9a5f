// applicationWorkflow: one per application, the source of truth for its state (PRODUCT.md).
// Every action is an Update: the validator refuses what the state or the caller's role forbids;
// the handler writes the projection (state + history event) before it returns; people are told
// afterwards, by activities that retry until they succeed, so no mail is silently lost.
import { proxyActivities, uuid4, workflowInfo } from '@temporalio/workflow';
import type { createApplicationActivities } from '../activities/application.js';
import type { Actor } from './actors.js';
import type { ApplicationNotice, ApplicationParties, ApplicationRulesContext, ApplicationStatus, ApplicationTransitionRequest, ContactState, InterviewView } from './application-rules.js';
import { CHANGE_FOLLOW_UP } from './follow-up.js';
import { isRefusalAction } from './refusal-reasons.js';
import { createProcessEngine, noticeActivity, noticeSender, projectionActivities, projectionActivity, type DueTimer } from './process.js';
import { patchesAtStart } from './patches.js';
import { PROCESSES } from './processes.js';

type Activities = ReturnType<typeof createApplicationActivities>;

export interface ApplicationTimers {
  referentReminderMs: number;
  referentEscalationMs: number;
  recruiterReminderMs: number;
  interviewReminderBeforeMs: number;
  /** Seed 002: a lifted application still « à contacter » after this long reminds the company's recruiters. */
  contactReminderMs: number;
}

export const DEFAULT_TIMERS: ApplicationTimers = {
  referentReminderMs: 3 * 86_400_000,
  referentEscalationMs: 7 * 86_400_000,
  recruiterReminderMs: 7 * 86_400_000,
  interviewReminderBeforeMs: 86_400_000,
  contactReminderMs: 7 * 86_400_000,
};

export interface ApplicationWorkflowInput {
  applicationId: string;
  parties: ApplicationParties;
  offerId: string | null;
  createdBy: Actor;
  message: string | null;
  screeningAnswer: string | null;
  cvDocumentId: string | null;
  /** Made to an anonymous offer (seed 002): the company sees no identity until lift_anonymity. Absent before issue #19. */
  anonymous?: boolean;
  /** ISO time the API created the application. */
  createdAt: string;
  timers?: Partial<ApplicationTimers>;
}

export interface ApplicationSnapshot {
  applicationId: string;
  status: ApplicationStatus;
  statusChangedAt: string;
  /** Number of history events written so far. */
  events: number;
  interviews: InterviewView[];
  /** Who the application involves now (the follow-up changes when an admin moves the candidate or the référent). */
  parties: ApplicationParties;
}

const application = PROCESSES.application;
const { createVideoRoom } = proxyActivities<Activities>(projectionActivity);
/** Queued for the notice queue (or told by the activity itself, in workflows older than 'notice-queue'). */
const notifyApplicationEvent = noticeSender('notifyApplicationEvent', proxyActivities<Activities>(noticeActivity).notifyApplicationEvent);

/**
 * The rules as workflows started before 'refusal-reasons' ran them: a refuse or not_hire whose only
 * problem is a missing reason passes, so that their histories replay (the API requires the reason anyway).
 */
const withoutRefusalReasons: typeof application = {
  ...application,
  rules: {
    ...application.rules,
    refusalOf(request, ...rest) {
      const refusal = application.rules.refusalOf(request, ...rest);
      const onlyReasonMissing = !request.reason && !!refusal?.fields?.length && refusal.fields.every((field) => field.field === 'reason');
      return onlyReasonMissing ? null : refusal;
    },
  },
};

type Reminder = Extract<ApplicationNotice['event'], `${string}_reminder` | 'referent_escalation'>;

export async function applicationWorkflow(input: ApplicationWorkflowInput): Promise<ApplicationSnapshot> {
  const patches = patchesAtStart();
  // Local since 'projection-local-activities' (npm run bench then: Temporal CPU per transition −40 %).
  const { recordApplicationCreated, recordApplicationEvent } = projectionActivities<Activities>(patches);
  // An interview may be marked done only once its start has passed (application-rules.ts `notYet`).
  // Patched, once, at the start: workflows started before let it be marked done any time, and their
  // handlers' re-check must rule as their validators did when they ran.
  const doneOnlyAfterStart = patches.has('interview-done-after-start');
  // refuse and not_hire need a reason (workflows/refusal-reasons.ts). Patched, once, at the start:
  // workflows started before recorded them without one, and their handlers' re-check must pass again.
  const refusalReasons = patches.has('refusal-reasons');
  // Anonymous applications (seed 002): lift_anonymity and mark_contacted, and the reminder of a
  // commitment to contact. Patched, once, at the start: a workflow started before knows no anonymity.
  const anonymity = patches.has('anonymous-applications');
  const timers = { ...DEFAULT_TIMERS, ...input.timers };
  const { parties } = input;
  const workflowId = workflowInfo().workflowId;
  let interviews: InterviewView[] = [];
  const currentInterview = () => interviews.at(-1) ?? null;
  /** Where an anonymous application stands with the company, and since when (its reminder counts from there). */
  let contact: ContactState | null = anonymity && input.anonymous ? 'HIDDEN' : null;
  let contactSince = 0;
  /** What the rules read beyond the status. */
  const rulesContext = (): ApplicationRulesContext => {
    const interview = currentInterview();
    return { interview: interview && !doneOnlyAfterStart ? { ...interview, markableBeforeStart: true } : interview, contact };
  };
  /** Reminders already sent, keyed by kind and the period (or interview) they belong to. */
  const remindersSent = new Set<string>();
  /** When the current interview was last moved (reschedule_interview): its reminder window starts over. */
  let rescheduledAt = 0;

  const engine = createProcessEngine({
    process: refusalReasons ? application : withoutRefusalReasons,
    parties,
    status: application.initialStatus(input),
    statusChangedAt: new Date(input.createdAt),
    idAttributes: application.idAttributes(input),
    context: rulesContext,
    notices: notifyApplicationEvent((notice: Omit<ApplicationNotice, 'workflowId' | 'applicationId'>) => ({ ...notice, workflowId, applicationId: input.applicationId })),
    patches,
    latePatches: ['interview-reminder-skips-late-proposals'],
  });
  const { state } = engine;

  const snapshot = (): ApplicationSnapshot => ({
    applicationId: input.applicationId,
    status: state.status,
    statusChangedAt: state.statusChangedAt.toISOString(),
    events: state.events,
    interviews,
    parties: { ...parties },
  });

  engine.onTransition(snapshot, async (request: ApplicationTransitionRequest, at) => {
    if (request.action === CHANGE_FOLLOW_UP) return changeFollowUp(request, at);
    const from = state.status;
    const to = application.rules.nextStatus(request.action, from);
    const message = request.message?.trim() || null;
    const reason = isRefusalAction(request.action) ? (request.reason ?? null) : null;
    // lift_anonymity: contact now (CONTACTED) or later (TO_CONTACT); mark_contacted: TO_CONTACT → CONTACTED.
    const nextContact = request.action === 'lift_anonymity' ? (request.contactNow ? 'CONTACTED' : 'TO_CONTACT') : request.action === 'mark_contacted' ? 'CONTACTED' : null;
    // Work on a copy; the workflow's interviews change only once the projection is written.
    let nextInterviews = interviews.map((i) => ({ ...i }));
    const current = nextInterviews.at(-1);
    let interview: InterviewView | null = null;
    // Run again for a lost task (workflows/process.ts, Held): the interview's id and room its write gave.
    const decided = engine.adopted<{ interviewId: string; video: { room: string; url: string } | null }>();
    const newRoom = async (interviewId: string) => {
      const video = decided && 'video' in decided ? decided.video! : await createVideoRoom({ applicationId: input.applicationId, interviewId });
      engine.keep({ video });
      return video;
    };
    switch (request.action) {
      case 'propose_interview': {
        const id = decided?.interviewId ?? uuid4();
        engine.keep({ interviewId: id });
        const video = request.mode === 'VIDEO' ? await newRoom(id) : null;
        interview = {
          id,
          round: nextInterviews.length + 1,
          startsAt: new Date(request.startsAt!).toISOString(),
          durationMinutes: request.durationMinutes!,
          mode: request.mode!,
          location: request.location?.trim() || null,
          message,
          status: 'PROPOSED',
          videoRoom: video?.room ?? null,
          videoUrl: video?.url ?? null,
          proposedBy: request.actor.id,
          icsSequence: 0,
        };
        nextInterviews = [...nextInterviews, interview];
        break;
      }
      case 'confirm_interview':
        // Confirmed after asking for another time: the candidate takes this time after all.
        interview = Object.assign(current!, { status: 'CONFIRMED' as const, ...(current!.otherSlotRequest ? { otherSlotRequest: null } : {}) });
        break;
      case 'reschedule_interview': {
        // The same interview (id, round, calendar UID) at its new time: SEQUENCE+1 updates everyone's
        // calendar; proposed again, the candidate confirms the new time. A room only while it is VIDEO.
        const video =
          request.mode === 'VIDEO'
            ? current!.videoRoom
              ? { room: current!.videoRoom, url: current!.videoUrl }
              : await newRoom(current!.id)
            : null;
        interview = Object.assign(current!, {
          startsAt: new Date(request.startsAt!).toISOString(),
          durationMinutes: request.durationMinutes!,
          mode: request.mode!,
          location: request.location?.trim() || null,
          message: message ?? current!.message,
          status: 'PROPOSED' as const,
          videoRoom: video?.room ?? null,
          videoUrl: video?.url ?? null,
          icsSequence: current!.icsSequence + 1,
          otherSlotRequest: null,
        });
        break;
      }
      case 'request_other_slot':
        interview = Object.assign(current!, { otherSlotRequest: { at: at.toISOString(), message: message! } });
        break;
      case 'mark_interview_done':
        interview = Object.assign(current!, { status: 'DONE' as const });
        break;
      case 'cancel_interview':
      case 'refuse':
      case 'withdraw':
        // Leaving the process also calls off an interview still planned.
        if (current && (current.status === 'PROPOSED' || current.status === 'CONFIRMED') && from === 'INTERVIEW_PROPOSED') {
          interview = Object.assign(current, { status: 'CANCELLED' as const, icsSequence: current.icsSequence + 1 });
        }
        break;
    }
    await engine.record(
      { type: request.action, to, at },
      ({ seq, writtenBy }) =>
        recordApplicationEvent({
          ...writtenBy,
          applicationId: input.applicationId,
          seq,
          type: request.action,
          fromStatus: from,
          toStatus: to,
          actor: request.actor,
          message,
          at: at.toISOString(),
          interview,
          sentToCompany: to === 'PENDING_RECRUITER',
          ...(reason ? { refusalReason: reason } : {}),
          ...(nextContact ? { contact: { stage: nextContact, identityShared: request.action === 'lift_anonymity' } } : {}),
        }),
      {
        moved: () => {
          interviews = nextInterviews;
          if (request.action === 'reschedule_interview') rescheduledAt = at.getTime();
          if (nextContact) {
            contact = nextContact;
            contactSince = at.getTime();
          }
        },
        notice: ({ seq }) => ({
          seq,
          event: request.action,
          status: to,
          actor: request.actor,
          message,
          interview,
          ...(reason ? { reason } : {}),
          ...(nextContact ? { contact: nextContact } : {}),
        }),
      },
    );
  });

  const changeFollowUp = (request: ApplicationTransitionRequest, at: Date) =>
    engine.changeFollowUp(
      request,
      at,
      ({ seq, from, writtenBy }, { followUp, message }) =>
        recordApplicationEvent({
          ...writtenBy,
          applicationId: input.applicationId,
          seq,
          type: CHANGE_FOLLOW_UP,
          fromStatus: from,
          toStatus: from,
          actor: request.actor,
          message,
          at: at.toISOString(),
          interview: null,
          sentToCompany: false,
          followUp,
        }),
      ({ seq, to }, message) => ({ seq, event: CHANGE_FOLLOW_UP, status: to, actor: request.actor, message, interview: null }),
    );

  // The API wrote the application and its first events; writing them again is a no-op, and makes the
  // workflow whole even if the API crashed between starting it and committing.
  const created = { seq: 0, event: 'created' as const, status: state.status, actor: input.createdBy, message: input.message, interview: null };
  const events = await recordApplicationCreated(input, engine.createdNotice(created));
  engine.started({ events }, created);

  /** The next reminder due in the current state, if any. */
  const nextReminder = (): DueTimer | null => {
    const since = state.statusChangedAt.getTime();
    const due: Array<{ kind: Reminder; key: string; at: number }> = [];
    if (state.status === 'PENDING_REFERENT_VALIDATION') {
      due.push({ kind: 'referent_reminder', key: `referent_reminder:${since}`, at: since + timers.referentReminderMs });
      due.push({ kind: 'referent_escalation', key: `referent_escalation:${since}`, at: since + timers.referentEscalationMs });
    } else if (state.status === 'PENDING_RECRUITER') {
      due.push({ kind: 'recruiter_reminder', key: `recruiter_reminder:${since}`, at: since + timers.recruiterReminderMs });
    } else if (state.status === 'INTERVIEW_PROPOSED') {
      const interview = currentInterview();
      if (interview && Date.parse(interview.startsAt) > Date.now()) {
        const at = Date.parse(interview.startsAt) - timers.interviewReminderBeforeMs;
        // Proposed inside the reminder window: the invitation itself is the reminder, a second mail
        // right behind it would be noise. Patched: histories recorded before this still replay.
        const proposedInsideWindow = at <= Math.max(state.statusChangedAt.getTime(), rescheduledAt);
        if (!(proposedInsideWindow && patches.has('interview-reminder-skips-late-proposals'))) {
          // A moved interview (icsSequence > 0 while planned) is reminded of its new start, even when
          // its old start was reminded already. Only moved interviews get the new key, and no recorded
          // history holds one: no patch — one would re-key the reminders running workflows already
          // sent, and send them twice.
          const moved = interview.icsSequence > 0 ? `@${interview.startsAt}` : '';
          due.push({ kind: 'interview_reminder', key: `interview_reminder:${interview.id}${moved}`, at });
        }
      }
    }
    // A commitment to contact not yet kept: the company's recruiters are reminded once.
    if (contact === 'TO_CONTACT') due.push({ kind: 'contact_reminder', key: `contact_reminder:${contactSince}`, at: contactSince + timers.contactReminderMs });
    const first = due.filter((d) => !remindersSent.has(d.key)).sort((a, b) => a.at - b.at)[0];
    return first ? { key: first.key, at: first.at, fire: () => remind(first.kind, first.key) } : null;
  };

  /** A reminder is an event of the history: no status change, no search attribute to move. */
  const remind = async (kind: Reminder, key: string) => {
    await engine.record(
      { type: kind, to: state.status, searchAttributes: false },
      ({ seq, from, at, writtenBy }) =>
        recordApplicationEvent({
          ...writtenBy,
          applicationId: input.applicationId,
          seq,
          type: kind,
          fromStatus: from,
          toStatus: from,
          actor: null,
          message: null,
          at: at.toISOString(),
          interview: null,
          sentToCompany: false,
        }),
      {
        moved: () => remindersSent.add(key),
        notice: ({ seq, to }) => ({ seq, event: kind, status: to, actor: null, message: null, interview: kind === 'interview_reminder' ? currentInterview() : null }),
      },
    );
  };

  await engine.runTimers(nextReminder);
  await engine.finished();
  return snapshot();
}
