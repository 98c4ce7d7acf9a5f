// The five durable processes, each defined once: its rules, what it waits for in each state, its
// workflow (type, id both ways), its search attributes, its projection tables and its words. The
// workflows, the API (startProcess, transitions), the back office, reconcile, chaos and the benchmark
// read this registry instead of keeping their own lists.
import type { NoticeActivity } from './notice-queue.js';
import type { SearchAttributePair } from '@temporalio/common';
import type { ApplicationWorkflowInput } from './application.js';
import { type ApplicationStatus, applicationEventLabel, applicationRules } from './application-rules.js';
import type { CompanyVerificationInput } from './company-verification.js';
import { type MembershipStatus, initialMembershipStatus, membershipEventLabel, membershipRules } from './company-verification-rules.js';
import type { OfferWorkflowInput } from './offer.js';
import { type OfferStatus, offerEventLabel, offerRules } from './offer-rules.js';
import * as attributes from './search-attributes.js';
import type { WaitingFor } from './search-attributes.js';
import type { SponsorshipWorkflowInput } from './sponsorship.js';
import { type SponsorshipStatus, sponsorshipEventLabel, sponsorshipRules } from './sponsorship-rules.js';
import type { ContactRequestWorkflowInput } from './contact-request.js';
import { type ContactRequestStatus, contactRequestEventLabel, contactRequestRules } from './contact-request-rules.js';

export const PROCESS_NAMES = ['application', 'offer', 'membership', 'sponsorship', 'contactRequest'] as const;
export type ProcessName = (typeof PROCESS_NAMES)[number];

/** The rules every process exposes (process-rules.ts `defineRules`), seen without their types. */
interface AnyRules {
  statuses: readonly string[];
  finalStatuses: readonly string[];
  actions: readonly string[];
  statusLabel: Record<string, string>;
  isFinal(status: string): boolean;
}

/** Where a process keeps its entity and its history, and which columns a transition may set. */
export interface Projection {
  table: string;
  events: string;
  key: string;
  columns: readonly string[];
  /** The activities that write events: `npm run reconcile` rewrites a lost event from their input. */
  recorders: readonly string[];
}

export interface ProcessDefinition<Name extends ProcessName, Status extends string, Input, Rules extends AnyRules> {
  name: Name;
  rules: Rules;
  /** What the case waits for in each state (search attribute WaitingFor). */
  waitingFor: Record<Status, WaitingFor>;
  workflowType: string;
  /** `<prefix><entity id>`: one workflow per entity. */
  workflowIdPrefix: string;
  entityIdOf(input: Input): string;
  /** The state the process starts in; `seen` is what the caller read (an offer adopted in its status). */
  initialStatus(input: Input, seen?: Status): Status;
  /** The search attribute holding the status (e.g. ApplicationStatus). */
  statusAttribute: attributes.StatusKey;
  /** The ids an operator filters on, fixed for the workflow's life. */
  idAttributes(input: Input): SearchAttributePair[];
  projection: Projection;
  /** API path segment (`/api/<route>/:id/transitions`) and the web page of one entity. */
  route: string;
  webPath: string;
  /** The entity in French, for operators' tools (« candidature »). */
  label: string;
  /** Its notice activity: what the notice queue's drainer runs on its queued notices (workflows/notice-queue.ts). */
  noticeActivity: NoticeActivity;
}

const define = <Name extends ProcessName, Status extends string, Input, Rules extends AnyRules>(d: ProcessDefinition<Name, Status, Input, Rules>) => d;

const optional = (key: typeof attributes.CompanyId, value: string | null | undefined): SearchAttributePair[] => (value ? [{ key, value }] : []);

export const PROCESSES = {
  application: define<'application', ApplicationStatus, ApplicationWorkflowInput, typeof applicationRules>({
    name: 'application',
    rules: applicationRules,
    waitingFor: {
      PENDING_REFERENT_VALIDATION: 'REFERENT',
      PENDING_RECRUITER: 'RECRUITER',
      ACCEPTED: 'RECRUITER',
      INTERVIEW_PROPOSED: 'INTERVIEW',
      INTERVIEW_DONE: 'RECRUITER',
      REJECTED_BY_REFERENT: 'NOBODY',
      HIRED: 'NOBODY',
      NOT_HIRED: 'NOBODY',
      REFUSED: 'NOBODY',
      WITHDRAWN: 'NOBODY',
    },
    workflowType: 'applicationWorkflow',
    workflowIdPrefix: 'application-',
    entityIdOf: (input) => input.applicationId,
    // Without a référent the validation step is skipped (PRODUCT.md).
    initialStatus: (input) => (input.parties.referentId ? 'PENDING_REFERENT_VALIDATION' : 'PENDING_RECRUITER'),
    statusAttribute: attributes.ApplicationStatus,
    idAttributes: ({ parties, offerId }) => [
      { key: attributes.CompanyId, value: parties.companyId },
      { key: attributes.CandidateId, value: parties.candidateId },
      ...optional(attributes.ReferentId, parties.referentId),
      ...optional(attributes.OfferId, offerId),
    ],
    projection: { table: 'applications', events: 'application_events', key: 'application_id', columns: ['sent_to_company_at', 'referent_id', 'mission_officer_id', 'refusal_reason', 'contact_stage', 'identity_shared_at', 'identity_shared_by'], recorders: ['recordApplicationCreated', 'recordApplicationEvent'] },
    route: 'applications',
    webPath: '/candidatures/',
    label: 'candidature',
    noticeActivity: 'notifyApplicationEvent',
  }),
  offer: define<'offer', OfferStatus, OfferWorkflowInput, typeof offerRules>({
    name: 'offer',
    rules: offerRules,
    waitingFor: { DRAFT: 'RECRUITER', REJECTED: 'RECRUITER', PENDING_MODERATION: 'ADMIN', PUBLISHED: 'EXPIRY', EXPIRED: 'NOBODY', ARCHIVED: 'NOBODY' },
    workflowType: 'offerModerationWorkflow',
    workflowIdPrefix: 'offer-',
    entityIdOf: (input) => input.offerId,
    // The API writes the offer (DRAFT) before its workflow, which reads the status the row has.
    initialStatus: (_input, seen) => seen ?? 'DRAFT',
    statusAttribute: attributes.OfferStatus,
    idAttributes: ({ companyId, offerId }) => [
      { key: attributes.CompanyId, value: companyId },
      { key: attributes.OfferId, value: offerId },
    ],
    projection: { table: 'offers', events: 'offer_events', key: 'offer_id', columns: ['published_at', 'expires_at'], recorders: ['recordOfferEvent'] },
    route: 'offers',
    webPath: '/offres/',
    label: 'offre',
    noticeActivity: 'notifyOfferEvent',
  }),
  membership: define<'membership', MembershipStatus, CompanyVerificationInput, typeof membershipRules>({
    name: 'membership',
    rules: membershipRules,
    waitingFor: { PENDING_EMAIL_CONFIRMATION: 'EMAIL', PENDING_ADMIN_VERIFICATION: 'ADMIN', VERIFIED: 'NOBODY', REJECTED: 'NOBODY', EXPIRED: 'NOBODY' },
    workflowType: 'companyVerificationWorkflow',
    workflowIdPrefix: 'company-verification-',
    entityIdOf: (input) => input.membershipId,
    initialStatus: (input) => initialMembershipStatus(input.kind),
    statusAttribute: attributes.CompanyStatus,
    idAttributes: ({ companyId }) => [{ key: attributes.CompanyId, value: companyId }],
    projection: { table: 'company_memberships', events: 'membership_events', key: 'membership_id', columns: [], recorders: ['recordMembershipEvent'] },
    route: 'companies',
    webPath: '/entreprise/',
    label: 'vérification d’entreprise',
    noticeActivity: 'notifyMembershipEvent',
  }),
  sponsorship: define<'sponsorship', SponsorshipStatus, SponsorshipWorkflowInput, typeof sponsorshipRules>({
    name: 'sponsorship',
    rules: sponsorshipRules,
    waitingFor: { PENDING: 'RECRUITER', ACCEPTED: 'NOBODY', REFUSED: 'NOBODY', WITHDRAWN: 'NOBODY' },
    workflowType: 'sponsorshipWorkflow',
    workflowIdPrefix: 'sponsorship-',
    entityIdOf: (input) => input.sponsorshipId,
    initialStatus: () => 'PENDING',
    statusAttribute: attributes.SponsorshipStatus,
    idAttributes: ({ parties }) => [
      { key: attributes.CompanyId, value: parties.companyId },
      { key: attributes.CandidateId, value: parties.candidateId },
      ...optional(attributes.ReferentId, parties.referentId),
    ],
    projection: { table: 'sponsorship_requests', events: 'sponsorship_events', key: 'sponsorship_id', columns: ['sponsor_id', 'comment', 'referent_id', 'mission_officer_id'], recorders: ['recordSponsorshipCreated', 'recordSponsorshipEvent'] },
    route: 'sponsorships',
    webPath: '/parrainages/',
    label: 'demande de parrainage',
    noticeActivity: 'notifySponsorshipEvent',
  }),
  contactRequest: define<'contactRequest', ContactRequestStatus, ContactRequestWorkflowInput, typeof contactRequestRules>({
    name: 'contactRequest',
    rules: contactRequestRules,
    waitingFor: { PENDING: 'CANDIDATE', ACCEPTED: 'NOBODY', DECLINED: 'NOBODY', EXPIRED: 'NOBODY', CANCELLED: 'NOBODY' },
    workflowType: 'contactRequestWorkflow',
    workflowIdPrefix: 'contact-request-',
    entityIdOf: (input) => input.contactRequestId,
    initialStatus: () => 'PENDING',
    statusAttribute: attributes.ContactRequestStatus,
    idAttributes: ({ parties }) => [
      { key: attributes.CompanyId, value: parties.companyId },
      { key: attributes.CandidateId, value: parties.candidateId },
      ...optional(attributes.ReferentId, parties.referentId),
    ],
    projection: {
      table: 'contact_requests',
      events: 'contact_request_events',
      key: 'contact_request_id',
      columns: ['decided_at', 'decided_by'],
      recorders: ['recordContactRequestCreated', 'recordContactRequestEvent'],
    },
    route: 'contact-requests',
    webPath: '/contacts/',
    label: 'demande de contact (CVthèque)',
    noticeActivity: 'notifyContactRequestEvent',
  }),
} as const;

export type Processes = typeof PROCESSES;
export type InputOf<Name extends ProcessName> = Processes[Name] extends ProcessDefinition<Name, string, infer Input, AnyRules> ? Input : never;

export const processOf = <Name extends ProcessName>(name: Name): Processes[Name] => PROCESSES[name];
export const allProcesses = (): Array<Processes[ProcessName]> => PROCESS_NAMES.map((name) => PROCESSES[name]);

/** The process whose notices a queued notice's activity tells (the notice queue's rows name it). */
export const processOfNoticeActivity = (activity: string) => allProcesses().find((p) => p.noticeActivity === activity) ?? null;

/** Whether a status (read as text, e.g. from a row) ends its process. */
export const isFinalStatus = (name: ProcessName, status: string | null) => status !== null && (PROCESSES[name].rules.finalStatuses as readonly string[]).includes(status);

/** The workflow id of an entity. */
const EVENT_LABELS: Record<ProcessName, Record<string, string>> = {
  application: applicationEventLabel,
  offer: offerEventLabel,
  membership: membershipEventLabel,
  sponsorship: sponsorshipEventLabel,
  contactRequest: contactRequestEventLabel,
};

/** An event of a process's history in French; an event no label knows yet, as it is. */
export const eventLabel = (name: ProcessName, type: string) => EVENT_LABELS[name][type] ?? type;

export const workflowIdOf = (name: ProcessName, entityId: string) => `${PROCESSES[name].workflowIdPrefix}${entityId}`;

/** The process and entity of a workflow id, or null for another workflow (candidate accounts, schedules…). */
export function parseWorkflowId(workflowId: string): { process: ProcessName; entityId: string } | null {
  for (const name of PROCESS_NAMES) {
    const prefix = PROCESSES[name].workflowIdPrefix;
    const rest = workflowId.startsWith(prefix) ? workflowId.slice(prefix.length) : null;
    if (rest && /^[0-9a-f-]{36}$/.test(rest)) return { process: name, entityId: rest };
  }
  return null;
}

/** The search attributes a process's workflow starts with (before its first upsert). */
export function initialSearchAttributes<Name extends ProcessName>(name: Name, input: InputOf<Name>, seen?: string, at = new Date()): SearchAttributePair[] {
  const process = PROCESSES[name] as unknown as ProcessDefinition<Name, string, InputOf<Name>, AnyRules>;
  const status = process.initialStatus(input, seen);
  return [
    attributes.statusPair(process.statusAttribute, status),
    { key: attributes.StatusChangedAt, value: at },
    { key: attributes.WaitingFor, value: process.waitingFor[status]! },
    ...process.idAttributes(input),
  ];
}
