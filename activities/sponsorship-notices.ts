// Who is told about an event of a sponsorship request: the company's recruiters while it waits, the
// candidate, their référent and the sponsor once answered. What they read is in sponsorship-copy.ts,
// how it is sent in notices.ts.
import { ApplicationFailure } from '@temporalio/common';
import { QueryTypes } from 'sequelize';
import type { SponsorshipAudience, SponsorshipEventType, SponsorshipNotice } from '../workflows/sponsorship-rules.js';
import type { ActivityDeps } from './deps.js';
import { createNotifier, type RoutingTable } from './notices.js';
import { activeRecruiters, actorNameOf, loadPeople, type CandidateNaming, type Person } from './people.js';
import { SPONSORSHIP_COPY, SPONSORSHIP_PAGE_LABEL, sponsorshipTopic } from './sponsorship-copy.js';

export type { SponsorshipAudience };

export interface SponsorshipContext extends CandidateNaming {
  notice: SponsorshipNotice;
  companyId: string;
  companyName: string;
  requestMessage: string;
  createdAt: Date;
  /** Recipients: null when absent or disabled. */
  candidate: Person | null;
  referent: Person | null;
  sponsor: Person | null;
  /** Contacts for the wording, even when an account is disabled. */
  candidateInfo: Person | null;
  referentInfo: Person | null;
  sponsorInfo: Person | null;
  requestedByReferent: boolean;
  actorName: string | null;
}

export const SPONSORSHIP_ROUTES: RoutingTable<SponsorshipEventType, SponsorshipAudience, never> = {
  created: [{ to: 'recruiter' }],
  reminder: [{ to: 'recruiter' }],
  accept: [{ to: 'candidate' }, { to: 'referent' }, { to: 'sponsor' }],
  refuse: [{ to: 'candidate' }, { to: 'referent' }],
  // Handed over to another référent (the workflow sends no notice for a new mission officer alone).
  change_follow_up: [{ to: 'referent' }, { to: 'candidate' }],
  // The candidate's account is being deleted: the company stops waiting for nothing.
  withdraw: [{ to: 'recruiter' }],
};

async function loadContext(sequelize: ActivityDeps['sequelize'], notice: SponsorshipNotice): Promise<SponsorshipContext> {
  const [request] = await sequelize.query<Record<string, any>>(
    `SELECT s.*, c.name AS company_name FROM sponsorship_requests s JOIN companies c ON c.id = s.company_id WHERE s.id = :id`,
    { type: QueryTypes.SELECT, replacements: { id: notice.sponsorshipId } },
  );
  if (!request) {
    // Written before any notice is sent: a missing row is a bug, retrying would not bring it back.
    throw ApplicationFailure.nonRetryable(`Demande de parrainage ${notice.sponsorshipId} introuvable`, 'NOT_FOUND');
  }
  const sponsorId: string | null = notice.sponsorId ?? request.sponsor_id ?? null;
  const people = await loadPeople([request.candidate_id, request.referent_id, sponsorId, notice.actor?.id]);
  return {
    notice,
    companyId: request.company_id,
    companyName: request.company_name,
    requestMessage: request.message,
    createdAt: new Date(request.created_at),
    candidate: people.active(request.candidate_id),
    referent: people.active(request.referent_id),
    sponsor: people.active(sponsorId),
    candidateInfo: people.any(request.candidate_id),
    candidateName: people.any(request.candidate_id)?.name ?? null,
    referentInfo: people.any(request.referent_id),
    sponsorInfo: people.any(sponsorId),
    requestedByReferent: !!request.referent_id && request.requested_by === request.referent_id,
    actorName: actorNameOf(people, notice.actor),
  };
}

/** The web app's page of a request. */
const sponsorshipPage = (sponsorshipId: string) => `/parrainages/${sponsorshipId}`;

export function createSponsorshipNotices(deps: ActivityDeps) {
  const notifySponsorshipEvent = createNotifier(
    deps,
    {
      noun: 'parrainage',
      entityType: 'sponsorship',
      pageLabel: SPONSORSHIP_PAGE_LABEL,
      routes: SPONSORSHIP_ROUTES,
      conditions: {},
      audiences: {
        candidate: (ctx: SponsorshipContext) => ctx.candidate,
        referent: (ctx) => ctx.referent,
        sponsor: (ctx) => ctx.sponsor,
        recruiter: (ctx) => activeRecruiters(ctx.companyId),
      },
      copy: SPONSORSHIP_COPY,
    },
    async (notice: SponsorshipNotice) => {
      const ctx = await loadContext(deps.sequelize, notice);
      return { ctx, entityId: notice.sponsorshipId, page: sponsorshipPage(notice.sponsorshipId), topic: sponsorshipTopic(ctx) };
    },
  );
  return { notifySponsorshipEvent };
}
