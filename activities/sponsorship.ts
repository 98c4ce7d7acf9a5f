// Activities of sponsorshipWorkflow: the projection (request row + numbered history, idempotent by
// (request, seq)) and telling people (sponsorship-notices.ts).
import { ApplicationFailure } from '@temporalio/common';
import { UniqueConstraintError, type Sequelize, type Transaction } from 'sequelize';
import type { Actor } from '../workflows/actors.js';
import type { FollowUp } from '../workflows/follow-up.js';
import { workflowIdOf } from '../workflows/processes.js';
import {
  type SponsorshipEventType,
  type SponsorshipStatus,
} from '../workflows/sponsorship-rules.js';
import type { SponsorshipWorkflowInput } from '../workflows/sponsorship.js';
import type { NoticeWithEvent } from '../workflows/notice-queue.js';
import type { ActivityDeps } from './deps.js';
import { asRecorded, createdWithNotice, insertProcessEvent, writeProcessEvent, type WrittenBy } from './process-events.js';
import { createSponsorshipNotices } from './sponsorship-notices.js';

export interface SponsorshipEventRecord extends WrittenBy {
  sponsorshipId: string;
  seq: number;
  type: SponsorshipEventType;
  fromStatus: SponsorshipStatus | null;
  toStatus: SponsorshipStatus | null;
  actor: Actor | null;
  message: string | null;
  at: string;
  /** accept: the sponsor chosen, written to the request with the event. */
  sponsorId: string | null;
  /** refuse: the comment, written to the request with the event. */
  comment: string | null;
  /** change_follow_up: the référent and mission officer who follow the request from now on. */
  followUp?: FollowUp | null;
}

/**
 * Inserts the request and its first event unless already there; returns how many events that is.
 * A second PENDING request for the same candidate and company is refused by a partial unique index
 * (UniqueConstraintError: the API answers 409).
 */
export async function writeSponsorshipCreated(sequelize: Sequelize, input: SponsorshipWorkflowInput, transaction?: Transaction): Promise<number> {
  const { parties } = input;
  await sequelize.query(
    `INSERT INTO sponsorship_requests (id, candidate_id, company_id, referent_id, mission_officer_id, requested_by, message, status,
       status_changed_at, workflow_id, created_at, updated_at)
     VALUES (:id, :candidateId, :companyId, :referentId, :missionOfficerId, :requestedBy, :message, 'PENDING', :at, :workflowId, :at, :at)
     ON CONFLICT (id) DO NOTHING`,
    {
      transaction,
      replacements: {
        id: input.sponsorshipId,
        candidateId: parties.candidateId,
        companyId: parties.companyId,
        referentId: parties.referentId,
        missionOfficerId: parties.referentId ? parties.missionOfficerId : null,
        requestedBy: input.createdBy.id,
        message: input.message,
        at: input.createdAt,
        workflowId: workflowIdOf('sponsorship', input.sponsorshipId),
      },
    },
  );
  await insertProcessEvent(
    sequelize,
    {
      entity: 'sponsorship',
      entityId: input.sponsorshipId,
      seq: 0,
      type: 'created',
      fromStatus: null,
      toStatus: 'PENDING',
      actor: input.createdBy,
      message: input.message,
      at: input.createdAt,
    },
    transaction,
  );
  return 1;
}

/** State (+ sponsor or comment) and history event in one transaction. */
export async function writeSponsorshipEvent(sequelize: Sequelize, event: SponsorshipEventRecord): Promise<void> {
  const { sponsorshipId, sponsorId, comment, followUp, ...rest } = event;
  const changes: Record<string, string | null> = {};
  if (sponsorId) changes.sponsor_id = sponsorId;
  if (comment) changes.comment = comment;
  if (followUp) {
    // Who follows it, as the workflow has it from now on: the API's visibility reads these.
    changes.referent_id = followUp.referentId;
    changes.mission_officer_id = followUp.missionOfficerId;
  }
  await writeProcessEvent(sequelize, {
    ...rest,
    entity: 'sponsorship',
    entityId: sponsorshipId,
    changes,
    data: sponsorId ? { sponsorId } : followUp ? { followUp } : undefined,
  });
}

export function createSponsorshipActivities(deps: ActivityDeps) {
  const { sequelize } = deps;
  const notices = createSponsorshipNotices(deps);

  return {
    /** Writes the request again (the API wrote it: a no-op) and queues its first notice (patched 'notice-with-event'). */
    async recordSponsorshipCreated(input: SponsorshipWorkflowInput, notice?: NoticeWithEvent | null): Promise<number> {
      try {
        return await createdWithNotice(sequelize, notice, (transaction) => writeSponsorshipCreated(sequelize, input, transaction));
      } catch (error) {
        // Only when the API's transaction was rolled back after the start and another pending request
        // for the same candidate and company was created since: this one never existed for anybody.
        if (error instanceof UniqueConstraintError) {
          throw ApplicationFailure.nonRetryable('Une autre demande de parrainage est déjà en attente pour ce candidat et cette entreprise.', 'DUPLICATE_PENDING');
        }
        throw error;
      }
    },
    /** Returns the event it wrote: a local activity's marker keeps it, for `npm run reconcile`. */
    async recordSponsorshipEvent(event: SponsorshipEventRecord): Promise<SponsorshipEventRecord> {
      await writeSponsorshipEvent(sequelize, event);
      return asRecorded(event);
    },
    notifySponsorshipEvent: notices.notifySponsorshipEvent,
  };
}
