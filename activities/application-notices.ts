// Who is told about an event of an application (see PRODUCT.md for the process and the people
// involved); what they read is in application-copy.ts, how it is sent in notices.ts.
import { ApplicationFailure } from '@temporalio/common';
import type { Sequelize } from 'sequelize';
import { readAccommodations } from '../api/accommodations/service.js';
import { threadPage } from '../workflows/message-rules.js';
import { Interview } from '../models/index.js';
import { preparedQuery } from '../models/prepared.js';
import type { ApplicationAudience, ApplicationEventType, ApplicationNotice, InterviewView } from '../workflows/application-rules.js';
import { APPLICATION_COPY, APPLICATION_PAGE_LABEL, applicationTopic, interviewDetails, interviewTitle, type ApplicationDraft } from './application-copy.js';
import { ACCOMMODATION_EVENTS, accommodationBlocks, type AccommodationsAtSend } from './accommodation-copy.js';
import type { ActivityDeps } from './deps.js';
import { interviewEndsAt, interviewIcs } from './ics.js';
import { createVideoRoom, jitsiJoinUrl, type VideoRoom } from './jitsi.js';
import { createNotifier, type NoticeProcess, type Route, type RoutingTable } from './notices.js';
import { activeAdmins, actorNameOf, activeRecruiters, candidateNameFor, candidateTextFor, loadPeople, type CandidateNaming, type Person, type Recipient } from './people.js';
import { candidateAsSeenBy, identityHidden } from '../workflows/candidate-identity.js';

/** How a person relates to the application (shared with the web app, which names the message's readers). */
export type { ApplicationAudience };

export interface ApplicationContext extends CandidateNaming {
  notice: ApplicationNotice;
  applicationId: string;
  applicationMessage: string | null;
  /** The application was made by the candidate's référent for them (its message is the référent's words). */
  madeByReferent: boolean;
  /** Since when the application waits in its current status (reminders). */
  statusChangedAt: Date;
  sentToCompany: boolean;
  /** Recipients: null when absent or disabled. */
  candidate: Person | null;
  referent: Person | null;
  /** The référent's name for the wording, even when the account is disabled. */
  referentName: string | null;
  missionOfficer: Person | null;
  recruiters: Person[];
  proposer: Person | null;
  /** Who acted, by name, when the wording names them (a mission officer acting for a référent…). */
  actorName: string | null;
  companyName: string;
  offerTitle: string | null;
  interview: InterviewView | null;
  /** The candidate's accommodation needs, read at send time for the interview's mails only (null otherwise or none). */
  accommodations: AccommodationsAtSend | null;
}

const CONDITIONS = {
  waitsForReferent: (ctx: ApplicationContext) => ctx.notice.status === 'PENDING_REFERENT_VALIDATION',
  waitsForRecruiter: (ctx: ApplicationContext) => ctx.notice.status === 'PENDING_RECRUITER',
  waitsForSomeone: (ctx: ApplicationContext) => ['PENDING_REFERENT_VALIDATION', 'PENDING_RECRUITER'].includes(ctx.notice.status),
  interviewCancelled: (ctx: ApplicationContext) => ctx.notice.interview?.status === 'CANCELLED',
  /** The candidate did not act themselves (their référent withdrew for them…). */
  actedForCandidate: (ctx: ApplicationContext) => !!ctx.notice.actor && ctx.notice.actor.id !== ctx.candidate?.id,
  sentToCompany: (ctx: ApplicationContext) => ctx.sentToCompany,
};
type Condition = keyof typeof CONDITIONS;
type ApplicationRoute = Route<ApplicationAudience, Condition>;

/** The recruiter who proposed the interview, or the whole company when that account is gone. */
const INTERVIEWER: ApplicationRoute = { to: 'proposer', orElse: 'recruiter' };
const CANDIDATE_AND_REFERENT: readonly ApplicationRoute[] = [{ to: 'candidate' }, { to: 'referent' }];
const BOTH_SIDES_OF_THE_INTERVIEW: readonly ApplicationRoute[] = [...CANDIDATE_AND_REFERENT, INTERVIEWER];

export const APPLICATION_ROUTES: RoutingTable<ApplicationEventType, ApplicationAudience, Condition> = {
  created: [
    { to: 'referent', when: 'waitsForReferent' },
    { to: 'recruiter', when: 'waitsForRecruiter' },
    { to: 'candidate', when: 'waitsForSomeone' },
  ],
  validate: [{ to: 'candidate' }, { to: 'recruiter' }],
  reject: CANDIDATE_AND_REFERENT,
  not_hire: CANDIDATE_AND_REFERENT,
  accept: CANDIDATE_AND_REFERENT,
  hire: CANDIDATE_AND_REFERENT,
  refuse: [...CANDIDATE_AND_REFERENT, { ...INTERVIEWER, when: 'interviewCancelled' }],
  propose_interview: BOTH_SIDES_OF_THE_INTERVIEW,
  cancel_interview: BOTH_SIDES_OF_THE_INTERVIEW,
  interview_reminder: BOTH_SIDES_OF_THE_INTERVIEW,
  confirm_interview: [INTERVIEWER, { to: 'referent' }],
  // A moved interview: the same people as its proposal, with the updated invitation.
  reschedule_interview: BOTH_SIDES_OF_THE_INTERVIEW,
  // Who sets the new time, and the référent who helps the candidate.
  request_other_slot: [INTERVIEWER, { to: 'referent' }],
  mark_interview_done: [{ to: 'candidate' }],
  withdraw: [
    // The candidate is told when someone else withdrew for them, or to take the interview off their calendar.
    { to: 'candidate', when: 'interviewCancelled' },
    { to: 'candidate', when: 'actedForCandidate' },
    { to: 'referent' },
    { ...INTERVIEWER, when: 'interviewCancelled' },
    { to: 'recruiter', when: 'sentToCompany' },
  ],
  referent_reminder: [{ to: 'referent' }],
  // The référent's mission officer, or the platform's admins when there is none.
  referent_escalation: [{ to: 'missionOfficer', orElse: 'admin' }],
  recruiter_reminder: [{ to: 'recruiter' }],
  // Seed 002: the candidate's side learns their identity was shared; the company is reminded of its commitment.
  lift_anonymity: CANDIDATE_AND_REFERENT,
  mark_contacted: [],
  contact_reminder: [{ to: 'recruiter' }],
  referent_skipped: [],
  // Handed over to another référent (the workflow sends no notice for a new mission officer alone).
  change_follow_up: [{ to: 'referent' }, { to: 'candidate' }],
};

/** Who gets the interview's calendar invitation with their mail, and which one. */
const INVITED: readonly ApplicationAudience[] = ['candidate', 'referent', 'proposer'];
/** REQUEST when proposed; CANCEL when the event called the interview off. */
const INVITATION_METHOD: Partial<Record<ApplicationEventType, 'REQUEST' | 'CANCEL'>> = {
  propose_interview: 'REQUEST',
  // Same UID, SEQUENCE+1: calendars move the event they hold.
  reschedule_interview: 'REQUEST',
  cancel_interview: 'CANCEL',
  refuse: 'CANCEL',
  withdraw: 'CANCEL',
};

function invitationMethod(ctx: ApplicationContext, audience: ApplicationAudience): 'REQUEST' | 'CANCEL' | null {
  const method = INVITATION_METHOD[ctx.notice.event];
  if (!method || !INVITED.includes(audience) || !ctx.interview) return null;
  return method === 'REQUEST' || ctx.interview.status === 'CANCELLED' ? method : null;
}

const INTERVIEW_EVENTS: readonly ApplicationEventType[] = [
  'propose_interview',
  'confirm_interview',
  'reschedule_interview',
  'request_other_slot',
  'cancel_interview',
  'mark_interview_done',
  'interview_reminder',
];

const interviewView = (row: Interview): InterviewView => ({
  id: row.id,
  round: row.round,
  startsAt: new Date(row.startsAt).toISOString(),
  durationMinutes: row.durationMinutes,
  mode: row.mode,
  location: row.location,
  message: row.message,
  status: row.status,
  videoRoom: row.videoRoom,
  videoUrl: row.videoUrl,
  proposedBy: row.proposedBy ?? '',
  icsSequence: row.icsSequence,
  otherSlotRequest: row.otherSlotRequestedAt && row.otherSlotMessage ? { at: new Date(row.otherSlotRequestedAt).toISOString(), message: row.otherSlotMessage } : null,
});

/** What a notice reads of its application's row. */
interface ApplicationCase {
  id: string;
  candidateId: string;
  referentId: string | null;
  missionOfficerId: string | null;
  companyId: string;
  createdBy: string | null;
  message: string | null;
  statusChangedAt: Date;
  sentToCompanyAt: Date | null;
  anonymous: boolean;
  identitySharedAt: Date | null;
  candidateNumber: number;
  companyName: string;
  offerTitle: string | null;
}

async function loadContext(notice: ApplicationNotice, sequelize: Sequelize): Promise<ApplicationContext> {
  // Its company's name and its offer's title in the same statement, prepared (issue #20: a notice's statements).
  const [application] = await preparedQuery<ApplicationCase>(
    sequelize,
    `SELECT a.id, a.candidate_id AS "candidateId", a.referent_id AS "referentId", a.mission_officer_id AS "missionOfficerId",
            a.company_id AS "companyId", a.created_by AS "createdBy", a.message, a.status_changed_at AS "statusChangedAt",
            a.sent_to_company_at AS "sentToCompanyAt", a.anonymous, a.identity_shared_at AS "identitySharedAt",
            a.candidate_number AS "candidateNumber", c.name AS "companyName", o.title AS "offerTitle"
       FROM applications a JOIN companies c ON c.id = a.company_id LEFT JOIN offers o ON o.id = a.offer_id
      WHERE a.id = :id`,
    { id: notice.applicationId },
  );
  if (!application) {
    // Written before any notice is sent: a missing row is a bug, retrying would not bring it back.
    throw ApplicationFailure.nonRetryable(`Candidature ${notice.applicationId} introuvable`, 'NOT_FOUND');
  }
  let interview = notice.interview;
  if (!interview && INTERVIEW_EVENTS.includes(notice.event)) {
    const latest = await Interview.findOne({ where: { applicationId: application.id }, order: [['round', 'DESC']] });
    interview = latest ? interviewView(latest) : null;
  }
  const [people, recruiters, accommodations] = await Promise.all([
    loadPeople([application.candidateId, application.referentId, application.missionOfficerId, notice.actor?.id, interview?.proposedBy]),
    activeRecruiters(application.companyId),
    ACCOMMODATION_EVENTS.includes(notice.event) ? readAccommodations(sequelize, application.candidateId) : null,
  ]);
  return {
    notice,
    applicationId: application.id,
    applicationMessage: application.message ?? null,
    madeByReferent: application.createdBy != null && application.createdBy !== application.candidateId && application.createdBy === application.referentId,
    statusChangedAt: new Date(application.statusChangedAt),
    sentToCompany: application.sentToCompanyAt != null,
    candidate: people.active(application.candidateId),
    referent: people.active(application.referentId),
    candidateName: people.any(application.candidateId)?.name ?? null,
    anonymity: { anonymous: application.anonymous ?? false, identitySharedAt: application.identitySharedAt ?? null, candidateNumber: application.candidateNumber },
    candidateIdentity: identityOf(people.any(application.candidateId)),
    referentName: people.any(application.referentId)?.name ?? null,
    // The mission officer the workflow knows (the row follows its `change_follow_up`): the one who may act.
    missionOfficer: people.active(application.missionOfficerId, 'MISSION_OFFICER'),
    recruiters,
    proposer: people.active(interview?.proposedBy),
    actorName: actorNameOf(people, notice.actor),
    companyName: application.companyName,
    offerTitle: application.offerTitle,
    interview,
    accommodations: accommodations && { needs: accommodations.needs, details: accommodations.details, shared: accommodations.shared_consent_at != null },
  };
}

/** A person's name and contacts as workflows/candidate-identity.ts reads them. */
const identityOf = (person: Person | null) =>
  person && { id: person.id, firstName: person.firstName, lastName: person.name.slice(person.firstName.length).trim(), email: person.email, phone: person.phone };

/** The web app's page of an application. */
const applicationPage = (applicationId: string) => `/candidatures/${applicationId}`;

export function createApplicationNotices(deps: ActivityDeps) {
  const { config, logger } = deps;

  async function joinUrlFor(ctx: ApplicationContext, interview: InterviewView, { person, audience }: Recipient<ApplicationAudience>): Promise<string | null> {
    // No token for a room nobody should join any more; the plain URL still identifies the event.
    if (interview.mode !== 'VIDEO' || !interview.videoRoom || interview.status === 'CANCELLED') return interview.videoUrl;
    return jitsiJoinUrl(config, interview.videoRoom, { ...roomIdentityOf(ctx, person, audience), moderator: audience === 'proposer' || audience === 'recruiter' }, interviewEndsAt(interview));
  }

  /** Who one is in the video room, as the others there read it: an anonymous candidate by their number. */
  function roomIdentityOf(ctx: ApplicationContext, person: Person, audience: ApplicationAudience) {
    if (audience !== 'candidate' || !ctx.anonymity || !identityHidden({ audience: 'recruiter' }, ctx.anonymity)) return { id: person.id, name: person.name, email: person.email };
    return { id: person.id, name: candidateNameFor({ person, audience: 'recruiter' }, ctx), email: '' };
  }

  /** The interview, as this reader's mail shows it: details with their own join link, and the invitation. */
  async function withInterview(ctx: ApplicationContext, reader: Recipient<ApplicationAudience>, draft: ApplicationDraft) {
    const { interview } = ctx;
    const method = invitationMethod(ctx, reader.audience);
    if (!interview || !(draft.showInterview || method)) return draft;
    // A CHAT interview is held in the application's thread, live (workflows/message-rules.ts).
    const joinUrl = interview.mode === 'CHAT' ? `${config.PUBLIC_URL}${threadPage(ctx.applicationId)}` : await joinUrlFor(ctx, interview, reader);
    // An anonymous candidate is no attendee of the company's invitation: their address would name them.
    const candidate = ctx.candidate && ctx.candidateIdentity && ctx.anonymity && candidateAsSeenBy({ audience: reader.audience }, ctx.anonymity, ctx.candidateIdentity);
    const attendee = candidate?.email ? { name: candidate.name, email: candidate.email } : null;
    return {
      ...draft,
      details: draft.showInterview ? interviewDetails(interview, joinUrl) : draft.details,
      invitation: method
        ? {
            method,
            content: interviewIcs({
              interview,
              method,
              title: interviewTitle(ctx, reader),
              organizer: ctx.proposer ?? { name: ctx.companyName, email: config.MAIL_FROM.match(/<([^>]+)>/)?.[1] ?? config.MAIL_FROM },
              attendees: [attendee, ctx.referent].filter((p): p is { name: string; email: string } => !!p),
              joinUrl: joinUrl ?? undefined,
            }),
          }
        : undefined,
    };
  }

  const process: NoticeProcess<ApplicationEventType, ApplicationAudience, Condition, ApplicationContext, ApplicationDraft> = {
    noun: 'candidature',
    entityType: 'application',
    pageLabel: APPLICATION_PAGE_LABEL,
    routes: APPLICATION_ROUTES,
    conditions: CONDITIONS,
    audiences: {
      candidate: (ctx) => ctx.candidate,
      referent: (ctx) => ctx.referent,
      recruiter: (ctx) => ctx.recruiters,
      proposer: (ctx) => ctx.proposer,
      missionOfficer: (ctx) => ctx.missionOfficer,
      admin: () => activeAdmins(),
    },
    copy: APPLICATION_COPY,
    complete: async (ctx, reader, draft) => {
      const completed = await withInterview(ctx, reader, draft);
      if (!ACCOMMODATION_EVENTS.includes(ctx.notice.event)) return completed;
      // The precisions are the candidate's own words: a signature in them would name an anonymous candidate.
      const accommodations = ctx.accommodations && { ...ctx.accommodations, details: candidateTextFor(reader, ctx, ctx.accommodations.details) };
      const needs = accommodationBlocks(accommodations, reader.audience, { candidateName: candidateNameFor(reader, ctx), company: ctx.companyName });
      return needs.length ? { ...completed, details: [...(completed.details ?? []), ...needs] } : completed;
    },
  };

  const notifyApplicationEvent = createNotifier(deps, process, async (notice: ApplicationNotice) => {
    const ctx = await loadContext(notice, deps.sequelize);
    return { ctx, entityId: ctx.applicationId, page: applicationPage(ctx.applicationId), topic: applicationTopic(ctx) };
  });

  /**
   * A new room per call: a retry that makes another one is harmless, since only the result the
   * workflow records is ever used.
   */
  async function createVideoRoomActivity(input: { applicationId: string; interviewId: string }): Promise<VideoRoom> {
    const room = createVideoRoom(config);
    logger.info({ applicationId: input.applicationId, interviewId: input.interviewId, room: room.room }, 'video room created');
    return room;
  }

  return { notifyApplicationEvent, createVideoRoom: createVideoRoomActivity };
}
