// contactRequestWorkflow: one per CVthèque contact request, the source of truth for its state. Built
// like the other processes on the engine of process.ts: each answer is the `transition` Update, its
// validator refuses what the rules forbid, the handler (under the engine's FIFO lock) writes the
// projection before the state moves, people are told afterwards by an activity that retries. Timers
// from the input: a reminder to the candidate and their référent after `reminderMs`, EXPIRED after
// `expiresMs`. The input and the history hold ids and times only: the message is in PostgreSQL.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { createContactRequestActivities } from '../activities/contact-request.js';
import type { Actor } from './actors.js';
import type { ContactRequestNotice, ContactRequestParties, ContactRequestStatus, ContactRequestTransitionRequest } from './contact-request-rules.js';
import { createProcessEngine, noticeActivity, noticeSender, projectionActivities, type EventSlot } from './process.js';
import { patchesAtStart } from './patches.js';
import { PROCESSES } from './processes.js';

type Activities = ReturnType<typeof createContactRequestActivities>;

export interface ContactRequestTimers {
  /** Time in PENDING after which the candidate and their référent are reminded, once. */
  reminderMs: number;
  /** Time in PENDING after which the request expires. */
  expiresMs: number;
}

export const DEFAULT_CONTACT_REQUEST_TIMERS: ContactRequestTimers = { reminderMs: 5 * 86_400_000, expiresMs: 15 * 86_400_000 };

export interface ContactRequestWorkflowInput {
  contactRequestId: string;
  parties: ContactRequestParties;
  /** The recruiter who asked (id, role, company: no name). */
  createdBy: Actor;
  /** ISO time the API created the request. */
  createdAt: string;
  timers: ContactRequestTimers;
}

export interface ContactRequestSnapshot {
  contactRequestId: string;
  status: ContactRequestStatus;
  statusChangedAt: string;
  events: number;
  reminderSent: boolean;
}

const contactRequest = PROCESSES.contactRequest;
/** Queued for the notice queue (or told by the activity itself, in workflows older than 'notice-queue'). */
const notifyContactRequestEvent = noticeSender('notifyContactRequestEvent', proxyActivities<Activities>(noticeActivity).notifyContactRequestEvent);

export async function contactRequestWorkflow(input: ContactRequestWorkflowInput): Promise<ContactRequestSnapshot> {
  const patches = patchesAtStart();
  // Local since 'projection-local-activities' (workflows/process.ts `projectionActivities`).
  const { recordContactRequestCreated, recordContactRequestEvent } = projectionActivities<Activities>(patches);
  const workflowId = workflowInfo().workflowId;
  let reminderSent = false;

  const engine = createProcessEngine({
    process: contactRequest,
    parties: input.parties,
    status: contactRequest.initialStatus(input),
    statusChangedAt: new Date(input.createdAt),
    idAttributes: contactRequest.idAttributes(input),
    notices: notifyContactRequestEvent((notice: Omit<ContactRequestNotice, 'workflowId' | 'contactRequestId'>) => ({ ...notice, workflowId, contactRequestId: input.contactRequestId })),
    patches,
  });
  const { state } = engine;

  const snapshot = (): ContactRequestSnapshot => ({
    contactRequestId: input.contactRequestId,
    status: state.status,
    statusChangedAt: state.statusChangedAt.toISOString(),
    events: state.events,
    reminderSent,
  });

  const write = (type: ContactRequestNotice['event'], to: ContactRequestStatus, actor: Actor | null) =>
    ({ seq, from, at, writtenBy }: EventSlot<ContactRequestStatus>) =>
      recordContactRequestEvent({ ...writtenBy, contactRequestId: input.contactRequestId, seq, type, fromStatus: from, toStatus: to, actor, at: at.toISOString() });

  engine.onTransition(snapshot, async (request: ContactRequestTransitionRequest, at) => {
    const to = contactRequest.rules.nextStatus(request.action, state.status);
    await engine.record({ type: request.action, to, at }, write(request.action, to, request.actor), {
      notice: ({ seq, to }) => ({ seq, event: request.action, status: to, actor: request.actor }),
    });
  });

  // The API wrote the request and its first event; writing them again is a no-op.
  const created = { seq: 0, event: 'created' as const, status: state.status, actor: input.createdBy };
  const events = await recordContactRequestCreated(input, engine.createdNotice(created));
  engine.started({ events }, created);

  const createdAt = new Date(input.createdAt).getTime();
  await engine.runTimers(() =>
    !reminderSent && input.timers.reminderMs < input.timers.expiresMs
      ? {
          key: 'reminder',
          at: createdAt + input.timers.reminderMs,
          fire: async () => {
            await engine.record({ type: 'reminder', to: state.status, searchAttributes: false }, write('reminder', state.status, null), {
              moved: () => (reminderSent = true),
              notice: ({ seq, to }) => ({ seq, event: 'reminder', status: to, actor: null }),
            });
          },
        }
      : {
          key: 'expire',
          at: createdAt + input.timers.expiresMs,
          fire: async () => {
            await engine.record({ type: 'expire', to: 'EXPIRED' }, write('expire', 'EXPIRED', null), {
              notice: ({ seq }) => ({ seq, event: 'expire', status: 'EXPIRED', actor: null }),
            });
          },
        },
  );

  await engine.finished();
  return snapshot();
}
