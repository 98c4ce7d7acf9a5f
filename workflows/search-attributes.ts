// Search attributes an operator filters on in the Temporal UI. Registered by the dev server at start
// (scripts/services/temporal-server.ts) and kept current by every workflow at each transition.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const ApplicationStatus = defineSearchAttributeKey('ApplicationStatus', SearchAttributeType.KEYWORD);
export const OfferStatus = defineSearchAttributeKey('OfferStatus', SearchAttributeType.KEYWORD);
export const CompanyStatus = defineSearchAttributeKey('CompanyStatus', SearchAttributeType.KEYWORD);
export const SponsorshipStatus = defineSearchAttributeKey('SponsorshipStatus', SearchAttributeType.KEYWORD);
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

/** Who or what a case waits for (NOBODY once it is over). */
export const WAITING_FOR = ['REFERENT', 'RECRUITER', 'INTERVIEW', 'ADMIN', 'EMAIL', 'EXPIRY', 'NOBODY'] as const;
export type WaitingFor = (typeof WAITING_FOR)[number];

export const allSearchAttributes = [
  ApplicationStatus,
  OfferStatus,
  CompanyStatus,
  SponsorshipStatus,
  AccountDeletionStatus,
  CompanyId,
  ReferentId,
  CandidateId,
  OfferId,
  StatusChangedAt,
  WaitingFor,
];
