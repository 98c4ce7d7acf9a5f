// Activities of applicationWorkflow. The projection writes are idempotent by construction: the event's
// (application, seq) is unique, so a retried activity finds its own row and changes nothing twice.
import type { Sequelize, Transaction } from 'sequelize';
import type { ApplicationWorkflowInput } from '../workflows/application.js';
import type { Actor } from '../workflows/actors.js';
import type { ApplicationEventType, ApplicationStatus, InterviewView } from '../workflows/application-rules.js';
import type { FollowUp } from '../workflows/follow-up.js';
import type { RefusalReasonCode } from '../workflows/refusal-reasons.js';
import { PROCESSES, workflowIdOf } from '../workflows/processes.js';
import type { NoticeWithEvent } from '../workflows/notice-queue.js';
import { createApplicationNotices } from './application-notices.js';
import type { ActivityDeps } from './deps.js';
import { asRecorded, createdWithNotice, insertProcessEvent, writeProcessEvent, type WrittenBy } from './process-events.js';

export interface ApplicationEventRecord extends WrittenBy {
  applicationId: string;
  seq: number;
  type: ApplicationEventType;
  fromStatus: ApplicationStatus | null;
  toStatus: ApplicationStatus | null;
  actor: Actor | null;
  message: string | null;
  at: string;
  /** The interview this event created or changed, written with it. */
  interview: InterviewView | null;
  /** The application reaches the company's recruiters with this event. */
  sentToCompany: boolean;
  /** change_follow_up: the référent and mission officer who follow the application from now on. */
  followUp?: FollowUp | null;
  /** refuse, not_hire: why, in the event's data (`data->>'reason'`, read by the statistics) and on the application. */
  refusalReason?: RefusalReasonCode | null;
  /** lift_anonymity, mark_contacted (seed 002): the contact stage after the event; the lift also records who shared the identity, and when. */
  contact?: { stage: 'TO_CONTACT' | 'CONTACTED'; identityShared: boolean } | null;
}

/** Inserts the application and its first events unless already there; returns how many events that is. */
export async function writeApplicationCreated(
  sequelize: Sequelize,
  input: ApplicationWorkflowInput,
  transaction?: Transaction,
): Promise<number> {
  const { parties } = input;
  const status = PROCESSES.application.initialStatus(input);
  await sequelize.query(
    `INSERT INTO applications (id, candidate_id, company_id, offer_id, referent_id, mission_officer_id, created_by, status, status_changed_at,
       message, screening_answer, cv_document_id, sent_to_company_at, workflow_id, anonymous, created_at, updated_at)
     VALUES (:id, :candidateId, :companyId, :offerId, :referentId, :missionOfficerId, :createdBy, :status, :at,
       :message, :screeningAnswer, :cvDocumentId, :sentToCompanyAt, :workflowId, :anonymous, :at, :at)
     ON CONFLICT (id) DO NOTHING`,
    {
      transaction,
      replacements: {
        id: input.applicationId,
        candidateId: parties.candidateId,
        companyId: parties.companyId,
        offerId: input.offerId,
        referentId: parties.referentId,
        missionOfficerId: parties.referentId ? parties.missionOfficerId : null,
        createdBy: input.createdBy.id,
        status,
        at: input.createdAt,
        message: input.message,
        screeningAnswer: input.screeningAnswer,
        cvDocumentId: input.cvDocumentId,
        sentToCompanyAt: parties.referentId ? null : input.createdAt,
        workflowId: workflowIdOf('application', input.applicationId),
        anonymous: input.anonymous ?? false,
      },
    },
  );
  const events: Array<Omit<ApplicationEventRecord, 'applicationId' | 'interview' | 'sentToCompany'>> = [
    { seq: 0, type: 'created', fromStatus: null, toStatus: status, actor: input.createdBy, message: input.message, at: input.createdAt },
  ];
  if (!parties.referentId) {
    // PRODUCT.md: without a référent the validation step is skipped, and the history says so.
    events.push({
      seq: 1,
      type: 'referent_skipped',
      fromStatus: status,
      toStatus: status,
      actor: null,
      message: 'Candidat sans référent : la candidature est transmise directement au recruteur.',
      at: input.createdAt,
    });
  }
  for (const event of events) {
    await insertProcessEvent(sequelize, { ...event, entity: 'application', entityId: input.applicationId }, transaction);
  }
  return events.length;
}

/** State + history event (+ interview) in one transaction: readers never see one without the other. */
export async function writeApplicationEvent(sequelize: Sequelize, event: ApplicationEventRecord): Promise<void> {
  const { applicationId, interview, sentToCompany, followUp, refusalReason, contact, ...rest } = event;
  await writeProcessEvent(
    sequelize,
    {
      ...rest,
      entity: 'application',
      entityId: applicationId,
      changes: {
        // The application reaches the company once, at the first time it is sent there.
        ...(sentToCompany ? { sent_to_company_at: event.at } : {}),
        // Who follows it, as the workflow has it from now on: the API's visibility and buttons read these.
        ...(followUp ? { referent_id: followUp.referentId, mission_officer_id: followUp.missionOfficerId } : {}),
        ...(refusalReason ? { refusal_reason: refusalReason } : {}),
        ...(contact ? { contact_stage: contact.stage } : {}),
        ...(contact?.identityShared ? { identity_shared_at: event.at, identity_shared_by: event.actor?.id ?? null } : {}),
      },
      data: followUp ? { followUp } : refusalReason ? { reason: refusalReason } : contact ? { contact: contact.stage } : undefined,
    },
    undefined,
    // Without an interview, the event and the status are one statement (writeProcessEvent).
    interview ? (transaction) => writeInterview(sequelize, applicationId, interview, event.at, transaction) : undefined,
  );
}

/**
 * The interview as the workflow has it, whole: a moved one (reschedule_interview) changes its time,
 * mode, place and room too. Reconcile writes it from the workflow's snapshot the same way.
 */
export async function writeInterview(sequelize: Sequelize, applicationId: string, interview: InterviewView, at: string, transaction?: Transaction): Promise<void> {
  await sequelize.query(
    `INSERT INTO interviews AS i (id, application_id, round, starts_at, duration_minutes, mode, location, message, status,
       video_room, video_url, proposed_by, ics_sequence, other_slot_requested_at, other_slot_message, created_at, updated_at)
     VALUES (:id, :applicationId, :round, :startsAt, :durationMinutes, :mode, :location, :message, :status,
       :videoRoom, :videoUrl, :proposedBy, :icsSequence, :otherSlotAt, :otherSlotMessage, :at, :at)
     ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, ics_sequence = EXCLUDED.ics_sequence, starts_at = EXCLUDED.starts_at,
       duration_minutes = EXCLUDED.duration_minutes, mode = EXCLUDED.mode, location = EXCLUDED.location, message = EXCLUDED.message,
       video_room = EXCLUDED.video_room, video_url = EXCLUDED.video_url, other_slot_requested_at = EXCLUDED.other_slot_requested_at,
       other_slot_message = EXCLUDED.other_slot_message, updated_at = EXCLUDED.updated_at
     WHERE (i.status, i.ics_sequence, i.other_slot_requested_at) IS DISTINCT FROM (EXCLUDED.status, EXCLUDED.ics_sequence, EXCLUDED.other_slot_requested_at)`,
    {
      transaction,
      replacements: {
        ...interview,
        applicationId,
        at,
        otherSlotAt: interview.otherSlotRequest?.at ?? null,
        otherSlotMessage: interview.otherSlotRequest?.message ?? null,
      },
    },
  );
}

export function createApplicationActivities(deps: ActivityDeps) {
  const notices = createApplicationNotices(deps);
  return {
    /** Writes the application again (the API wrote it: a no-op) and queues its first notice (patched 'notice-with-event'). */
    async recordApplicationCreated(input: ApplicationWorkflowInput, notice?: NoticeWithEvent | null): Promise<number> {
      return createdWithNotice(deps.sequelize, notice, (transaction) => writeApplicationCreated(deps.sequelize, input, transaction));
    },
    /**
     * Returns what it wrote: run as a local activity, its marker in the workflow's history keeps its
     * result, not its input, and `npm run reconcile` rewrites a lost event from it.
     */
    async recordApplicationEvent(event: ApplicationEventRecord): Promise<ApplicationEventRecord> {
      await writeApplicationEvent(deps.sequelize, event);
      return asRecorded(event);
    },
    createVideoRoom: notices.createVideoRoom,
    notifyApplicationEvent: notices.notifyApplicationEvent,
  };
}
