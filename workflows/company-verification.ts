// companyVerificationWorkflow: one per company membership, the source of truth for its state
// (PRODUCT.md, « Company verification »). The FOUNDER's process is the company's own verification
// (companies.status mirrors it); a MEMBER asking to join a verified company runs the same states; an
// INVITED colleague starts VERIFIED and is only sent their access.
//
//   PENDING_EMAIL_CONFIRMATION --confirm_email--> PENDING_ADMIN_VERIFICATION --verify--> VERIFIED
//   PENDING_ADMIN_VERIFICATION --reject(reason!)--> REJECTED
//   PENDING_EMAIL_CONFIRMATION --(one reminder, then timers.emailExpiryMs)--> EXPIRED
//
// Every action is an Update (validator = the rules of company-verification-rules.ts); its handler
// writes the projection before it returns; mails go out afterwards, from activities that retry.
import {
  allHandlersFinished,
  condition,
  defineQuery,
  defineUpdate,
  log,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createCompanyVerificationActivities } from '../activities/company-verification.js';
import type { Actor } from './application-rules.js';
import {
  type CompanyVerificationRequest,
  type MembershipKind,
  type MembershipNotice,
  type MembershipStatus,
  WAITING_FOR,
  isFinalMembership,
  nextStatus,
  refusalOf,
} from './company-verification-rules.js';
import { createLock, createNotifier, noticeActivity, projectionActivity, refusalFailure } from './process.js';
import { CompanyId, CompanyStatus, StatusChangedAt, WaitingFor } from './search-attributes.js';

type Activities = ReturnType<typeof createCompanyVerificationActivities>;

export interface CompanyVerificationTimers {
  /** After registration, one reminder with a fresh link (when still unconfirmed). */
  emailReminderMs: number;
  /** After registration, the links stop working and the request becomes EXPIRED. */
  emailExpiryMs: number;
}

export const DEFAULT_COMPANY_VERIFICATION_TIMERS: CompanyVerificationTimers = {
  emailReminderMs: 24 * 3_600_000,
  emailExpiryMs: 48 * 3_600_000,
};

export interface CompanyVerificationInput {
  membershipId: string;
  companyId: string;
  userId: string;
  kind: MembershipKind;
  /** ISO time the API created the membership (start of PENDING_EMAIL_CONFIRMATION). */
  createdAt: string;
  /** Who created it: the recruiter registering, or the colleague who invited them. */
  createdBy: Actor | null;
  timers?: Partial<CompanyVerificationTimers>;
}

export interface CompanyVerificationSnapshot {
  membershipId: string;
  companyId: string;
  kind: MembershipKind;
  status: MembershipStatus;
  statusChangedAt: string;
  /** Number of history events written so far. */
  events: number;
  /** False when the API's transaction never committed: there is nothing to verify. */
  registered: boolean;
}

export { companyVerificationWorkflowId } from './company-verification-rules.js';
export const companyTransitionUpdate = defineUpdate<CompanyVerificationSnapshot, [CompanyVerificationRequest]>('transition');
export const companySnapshotQuery = defineQuery<CompanyVerificationSnapshot>('snapshot');

const { recordMembershipCreated, recordMembershipEvent } = proxyActivities<Activities>(projectionActivity);
const { notifyMembershipEvent } = proxyActivities<Activities>(noticeActivity);

export async function companyVerificationWorkflow(input: CompanyVerificationInput): Promise<CompanyVerificationSnapshot> {
  const timers = { ...DEFAULT_COMPANY_VERIFICATION_TIMERS, ...input.timers };
  const workflowId = workflowInfo().workflowId;
  const parties = { membershipId: input.membershipId, companyId: input.companyId, userId: input.userId, kind: input.kind };
  let status: MembershipStatus = input.kind === 'INVITED' ? 'VERIFIED' : 'PENDING_EMAIL_CONFIRMATION';
  let statusChangedAt = new Date(input.createdAt);
  let events = 0;
  let registered = true;
  const { exclusive, release } = createLock();
  let reminderSent = false;
  const linkExpiresAt = new Date(Date.parse(input.createdAt) + timers.emailExpiryMs).toISOString();

  const snapshot = (): CompanyVerificationSnapshot => ({
    membershipId: input.membershipId,
    companyId: input.companyId,
    kind: input.kind,
    status,
    statusChangedAt: statusChangedAt.toISOString(),
    events,
    registered,
  });

  const pushSearchAttributes = () =>
    upsertSearchAttributes([
      { key: CompanyStatus, value: status },
      { key: StatusChangedAt, value: statusChangedAt },
      { key: WaitingFor, value: WAITING_FOR[status] },
    ]);

  const { notify, allTold } = createNotifier((notice: Omit<MembershipNotice, 'workflowId' | 'membershipId'>) =>
    notifyMembershipEvent({ ...notice, workflowId, membershipId: input.membershipId }),
  );

  const refuseIfIllegal = (request: CompanyVerificationRequest) => {
    const refusal = refusalOf(request, status, parties);
    if (refusal) throw refusalFailure(refusal);
  };

  /** Writes one event (and the new status) to PostgreSQL, then moves the workflow's own state. */
  const record = async (type: MembershipNotice['event'], to: MembershipStatus, actor: Actor | null, message: string | null, tokenHash: string | null = null) => {
    const at = new Date();
    const seq = events;
    await recordMembershipEvent({
      ...parties,
      workflowId,
      seq,
      type,
      fromStatus: status,
      toStatus: to,
      actor,
      message,
      at: at.toISOString(),
      tokenHash,
    });
    events = seq + 1;
    if (to !== status) {
      status = to;
      statusChangedAt = at;
    }
    pushSearchAttributes();
    return seq;
  };

  setHandler(companySnapshotQuery, snapshot);
  setHandler(
    companyTransitionUpdate,
    (request) =>
      exclusive(async () => {
        refuseIfIllegal(request); // again: the expiry or another update may have moved the state meanwhile
        const message = request.action === 'reject' ? request.reason!.trim() : null;
        const seq = await record(request.action, nextStatus(request.action), request.actor, message, request.tokenHash ?? null);
        notify({ seq, event: request.action, status, actor: request.actor, message, linkExpiresAt: null });
        return snapshot();
      }),
    { validator: refuseIfIllegal },
  );

  // The API wrote the membership and its first event with the workflow's start, in one transaction.
  // Null: that transaction never committed (the API crashed or Temporal answered too late): nothing to do.
  const written = await recordMembershipCreated(input);
  if (written === null) {
    registered = false;
    log.warn('membership not found: registration rolled back, nothing to verify');
    return snapshot();
  }
  events = written;
  release();
  upsertSearchAttributes([{ key: CompanyId, value: input.companyId }]);
  pushSearchAttributes();
  notify({
    seq: 0,
    event: input.kind === 'INVITED' ? 'invited' : 'registered',
    status,
    actor: input.createdBy,
    message: null,
    linkExpiresAt: input.kind === 'INVITED' ? null : linkExpiresAt,
  });

  const createdAt = Date.parse(input.createdAt);
  while (!isFinalMembership(status)) {
    if (status !== 'PENDING_EMAIL_CONFIRMATION') {
      // Waiting for an admin: no timer, the next Update wakes us.
      const seen = events;
      await condition(() => events !== seen);
      continue;
    }
    const remindAt = createdAt + timers.emailReminderMs;
    const expireAt = createdAt + timers.emailExpiryMs;
    const reminderDue = !reminderSent && remindAt < expireAt;
    const next = reminderDue ? remindAt : expireAt;
    const seen = events;
    const moved = await condition(() => events !== seen, Math.max(next - Date.now(), 1));
    if (moved) continue;
    await exclusive(async () => {
      if (status !== 'PENDING_EMAIL_CONFIRMATION') return; // confirmed just in time
      if (reminderDue) {
        reminderSent = true;
        const seq = await record('email_reminder', status, null, null);
        notify({ seq, event: 'email_reminder', status, actor: null, message: null, linkExpiresAt });
      } else {
        await record('expire', 'EXPIRED', null, 'Adresse e-mail non confirmée dans le délai : la demande a expiré.');
      }
    });
  }

  await condition(() => allTold() && allHandlersFinished());
  return snapshot();
}
