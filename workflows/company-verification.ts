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
import { log, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { createCompanyVerificationActivities } from '../activities/company-verification.js';
import type { Actor } from './actors.js';
import type { MembershipEventType, MembershipKind, MembershipNotice, MembershipStatus, MembershipTransitionRequest } from './company-verification-rules.js';
import { createProcessEngine, noticeActivity, noticeSender, projectionActivities } from './process.js';
import { patchesAtStart } from './patches.js';
import { PROCESSES } from './processes.js';

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

const membership = PROCESSES.membership;
/** Queued for the notice queue (or told by the activity itself, in workflows older than 'notice-queue'). */
const notifyMembershipEvent = noticeSender('notifyMembershipEvent', proxyActivities<Activities>(noticeActivity).notifyMembershipEvent);

export async function companyVerificationWorkflow(input: CompanyVerificationInput): Promise<CompanyVerificationSnapshot> {
  const patches = patchesAtStart();
  // Local since 'projection-local-activities' (workflows/process.ts `projectionActivities`).
  const { recordMembershipCreated, recordMembershipEvent } = projectionActivities<Activities>(patches);
  const timers = { ...DEFAULT_COMPANY_VERIFICATION_TIMERS, ...input.timers };
  const workflowId = workflowInfo().workflowId;
  const parties = { membershipId: input.membershipId, companyId: input.companyId, userId: input.userId, kind: input.kind };
  let registered = true;
  let reminderSent = false;
  const linkExpiresAt = new Date(Date.parse(input.createdAt) + timers.emailExpiryMs).toISOString();

  const engine = createProcessEngine({
    process: membership,
    parties,
    status: membership.initialStatus(input),
    statusChangedAt: new Date(input.createdAt),
    idAttributes: membership.idAttributes(input),
    notices: notifyMembershipEvent((notice: Omit<MembershipNotice, 'workflowId' | 'membershipId'>) => ({ ...notice, workflowId, membershipId: input.membershipId })),
    patches,
  });
  const { state } = engine;

  const snapshot = (): CompanyVerificationSnapshot => ({
    membershipId: input.membershipId,
    companyId: input.companyId,
    kind: input.kind,
    status: state.status,
    statusChangedAt: state.statusChangedAt.toISOString(),
    events: state.events,
    registered,
  });

  /** One event of this membership (every one moves the search attributes, reminders included), told when `told`. */
  const record = (
    event: { type: MembershipEventType; to: MembershipStatus; actor: Actor | null; message: string | null; tokenHash?: string | null; at?: Date },
    told: { linkExpiresAt: string | null } | null,
  ) =>
    engine.record(
      { type: event.type, to: event.to, at: event.at },
      ({ seq, from, at, writtenBy }) =>
        recordMembershipEvent({ ...writtenBy, ...parties, workflowId, seq, type: event.type, fromStatus: from, toStatus: event.to, actor: event.actor, message: event.message, at: at.toISOString(), tokenHash: event.tokenHash ?? null }),
      told ? { notice: ({ seq, to }) => ({ seq, event: event.type, status: to, actor: event.actor, message: event.message, linkExpiresAt: told.linkExpiresAt }) } : {},
    );

  engine.onTransition(snapshot, async (request: MembershipTransitionRequest, at) => {
    const message = request.action === 'reject' ? request.reason!.trim() : null;
    const to = membership.rules.nextStatus(request.action, state.status);
    await record({ type: request.action, to, actor: request.actor, message, tokenHash: request.tokenHash, at }, { linkExpiresAt: null });
  });

  // The API wrote the membership and its first event with the workflow's start, in one transaction.
  // Null: that transaction never committed (the API crashed or Temporal answered too late): nothing to do.
  const created = {
    seq: 0,
    event: input.kind === 'INVITED' ? ('invited' as const) : ('registered' as const),
    status: state.status,
    actor: input.createdBy,
    message: null,
    linkExpiresAt: input.kind === 'INVITED' ? null : linkExpiresAt,
  };
  const written = await recordMembershipCreated(input, engine.createdNotice(created));
  if (written === null) {
    registered = false;
    log.warn('membership not found: registration rolled back, nothing to verify');
    return snapshot();
  }
  engine.started({ events: written }, created);

  // Waiting for the e-mail confirmation: one reminder (with a fresh link), then expiry. Waiting for an
  // admin: no timer, the next Update moves it.
  const createdAt = Date.parse(input.createdAt);
  await engine.runTimers(() => {
    if (state.status !== 'PENDING_EMAIL_CONFIRMATION') return null;
    const remindAt = createdAt + timers.emailReminderMs;
    const expireAt = createdAt + timers.emailExpiryMs;
    if (!reminderSent && remindAt < expireAt) {
      return {
        key: 'email_reminder',
        at: remindAt,
        fire: async () => {
          reminderSent = true;
          await record({ type: 'email_reminder', to: state.status, actor: null, message: null }, { linkExpiresAt });
        },
      };
    }
    return {
      key: 'expire',
      at: expireAt,
      fire: async () => {
        await record({ type: 'expire', to: 'EXPIRED', actor: null, message: 'Adresse e-mail non confirmée dans le délai : la demande a expiré.' }, null);
      },
    };
  });

  await engine.finished();
  return snapshot();
}
