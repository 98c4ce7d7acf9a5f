// Search attributes an operator filters on in the Temporal UI. Registered by the dev server at start
// (scripts/services/temporal-server.ts) and kept current by every workflow at each transition.
import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair } from '@temporalio/common';

export const ApplicationStatus = defineSearchAttributeKey('ApplicationStatus', SearchAttributeType.KEYWORD);
export const OfferStatus = defineSearchAttributeKey('OfferStatus', SearchAttributeType.KEYWORD);
export const CompanyStatus = defineSearchAttributeKey('CompanyStatus', SearchAttributeType.KEYWORD);
export const SponsorshipStatus = defineSearchAttributeKey('SponsorshipStatus', SearchAttributeType.KEYWORD);
/**
 * A CVthèque contact request (contactRequestWorkflow): PENDING, ACCEPTED, DECLINED, EXPIRED or
 * CANCELLED. A keyword list holding its one status: a namespace of the Temporal dev server takes 10
 * keyword attributes at most and the ten are taken. Queried the same way (`ContactRequestStatus = 'PENDING'`).
 */
export const ContactRequestStatus = defineSearchAttributeKey('ContactRequestStatus', SearchAttributeType.KEYWORD_LIST);
/** An account's deletion (accountDeletionWorkflow): SCHEDULED, IN_PROGRESS, CANCELLED or DONE. */
export const AccountDeletionStatus = defineSearchAttributeKey('AccountDeletionStatus', SearchAttributeType.KEYWORD);
export const CompanyId = defineSearchAttributeKey('CompanyId', SearchAttributeType.KEYWORD);
export const ReferentId = defineSearchAttributeKey('ReferentId', SearchAttributeType.KEYWORD);
export const CandidateId = defineSearchAttributeKey('CandidateId', SearchAttributeType.KEYWORD);
export const OfferId = defineSearchAttributeKey('OfferId', SearchAttributeType.KEYWORD);
/** When the entity entered its current status: "waiting for more than N days" queries use it. */
export const StatusChangedAt = defineSearchAttributeKey('StatusChangedAt', SearchAttributeType.DATETIME);
/** What the case waits for next: one of WAITING_FOR, in words an operator types in a query. */
export const WaitingFor = defineSearchAttributeKey('WaitingFor', SearchAttributeType.KEYWORD);

/** The attribute holding a process's status: a keyword, or a keyword list of one (ContactRequestStatus). */
export type StatusKey = typeof ApplicationStatus | typeof ContactRequestStatus;

/** The pair setting a process's status attribute, whatever its type. */
export const statusPair = (key: StatusKey, status: string): SearchAttributePair =>
  (key.type === SearchAttributeType.KEYWORD_LIST ? { key, value: [status] } : { key, value: status }) as SearchAttributePair;

/** Who or what a case waits for (NOBODY once it is over). */
export const WAITING_FOR = ['REFERENT', 'RECRUITER', 'INTERVIEW', 'ADMIN', 'EMAIL', 'EXPIRY', 'CANDIDATE', 'NOBODY'] as const;
export type WaitingFor = (typeof WAITING_FOR)[number];

export const allSearchAttributes = [
  ApplicationStatus,
  OfferStatus,
  CompanyStatus,
  SponsorshipStatus,
  ContactRequestStatus,
  AccountDeletionStatus,
  CompanyId,
  ReferentId,
  CandidateId,
  OfferId,
  StatusChangedAt,
  WaitingFor,
];
