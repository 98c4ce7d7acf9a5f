// The operator's dashboard: what waits for them (companies and recruiters to verify, offers to
// moderate, oldest first, with their age), applications waiting for a référent beyond the reminder
// delay, and activities failing (mails the outbox could not send, notices the notice queue could not
// tell yet, and the workflows' pending activities in error as Temporal describes them). Each item links to its record and its workflow.
import type { Client } from '@temporalio/client';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { Config } from '../config/env.js';
import type { Logger } from '../config/logger.js';
import { PROCESSES, parseWorkflowId, processOfNoticeActivity, workflowIdOf } from '../workflows/processes.js';

export interface DashboardDeps {
  sequelize: Sequelize;
  temporal: Client;
  config: Config;
  logger: Logger;
  rootPath: string;
}

const LIMIT = 50;
/** Workflows described per dashboard load (one RPC each), and how long to wait for them. */
const DESCRIBE_LIMIT = 20;
const DESCRIBE_TIMEOUT_MS = 3_000;

/** "3 j 4 h", "5 h 10 min", "12 min", "quelques secondes". */
export function formatAge(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return hours ? `${days} j ${hours} h` : `${days} j`;
  if (hours > 0) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  if (minutes > 0) return `${minutes} min`;
  return 'quelques secondes';
}

/** Which record a workflow id belongs to (the processes' ids, from their registry). */
export function recordOfWorkflow(workflowId: string): { resourceId: string; id: string } | null {
  const parsed = parseWorkflowId(workflowId);
  return parsed ? { resourceId: PROCESSES[parsed.process].projection.table, id: parsed.entityId } : null;
}

export function dashboardHandler(deps: DashboardDeps) {
  const { sequelize, temporal, config, logger, rootPath } = deps;
  const temporalUrl = (workflowId: string | null) =>
    workflowId ? `${config.TEMPORAL_UI_URL}/namespaces/${encodeURIComponent(config.TEMPORAL_NAMESPACE)}/workflows/${encodeURIComponent(workflowId)}` : null;
  const recordUrl = (resourceId: string, id: string) => `${rootPath}/resources/${resourceId}/records/${id}/show`;
  const select = <T extends object>(sql: string, replacements: Record<string, unknown> = {}) =>
    sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements: { limit: LIMIT, ...replacements } });

  async function failingActivities(now: number) {
    const mails = await select<{ id: string; to_address: string; subject: string; attempts: number; last_error: string | null; workflow_id: string | null; since: Date }>(
      `SELECT id, to_address, subject, attempts, last_error, workflow_id, updated_at AS since FROM email_outbox
       WHERE status = 'FAILED' ORDER BY created_at LIMIT :limit`,
    );
    const items = mails.map((m) => ({
      key: `mail-${m.id}`,
      kind: 'MAIL',
      kindLabel: 'E-mail non envoyé',
      detail: `${m.subject} → ${m.to_address}`,
      attempts: m.attempts,
      lastError: m.last_error,
      since: new Date(m.since).toISOString(),
      age: formatAge(now - new Date(m.since).getTime()),
      workflowId: m.workflow_id,
      recordUrl: recordUrl('email_outbox', m.id),
      temporalUrl: temporalUrl(m.workflow_id),
    }));
    // Notices the queue could not tell yet (workflows/notice-queue.ts): retried with a backoff, with their error.
    const notices = await select<{ id: string; activity: string; workflow_id: string; seq: number; attempts: number; last_error: string; since: Date }>(
      `SELECT id, activity, workflow_id, seq, attempts, last_error, created_at AS since FROM notice_queue
       WHERE last_error IS NOT NULL ORDER BY created_at LIMIT :limit`,
    );
    for (const n of notices) {
      const record = recordOfWorkflow(n.workflow_id);
      items.push({
        key: `notice-${n.id}`,
        kind: 'NOTICE',
        kindLabel: `Notification en échec (${processOfNoticeActivity(n.activity)?.label ?? n.activity})`,
        detail: `${n.workflow_id}, événement ${n.seq}`,
        attempts: n.attempts,
        lastError: n.last_error,
        since: new Date(n.since).toISOString(),
        age: formatAge(now - new Date(n.since).getTime()),
        workflowId: n.workflow_id,
        recordUrl: record ? recordUrl(record.resourceId, record.id) : recordUrl('notice_queue', n.id),
        temporalUrl: temporalUrl(n.workflow_id),
      });
    }
    // The workflows behind those mails: Temporal says which activity retries, how often, and why
    // (a notice activity of a workflow older than the notice queue, a video room…).
    const workflowIds = [...new Set(mails.map((m) => m.workflow_id).filter((w): w is string => Boolean(w)))].slice(0, DESCRIBE_LIMIT);
    const described = await Promise.allSettled(
      workflowIds.map((workflowId) =>
        Promise.race([
          temporal.workflow.getHandle(workflowId).describe(),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error('describe timed out')), DESCRIBE_TIMEOUT_MS).unref()),
        ]).then((description) => ({ workflowId, description })),
      ),
    );
    for (const result of described) {
      if (result.status === 'rejected') {
        logger.warn({ err: result.reason }, 'dashboard: a workflow could not be described');
        continue;
      }
      const { workflowId, description } = result.value;
      for (const activity of description.raw.pendingActivities ?? []) {
        if (!activity.lastFailure && (activity.attempt ?? 0) <= 1) continue;
        const record = recordOfWorkflow(workflowId);
        const lastAttempt = activity.lastStartedTime?.seconds ? Number(activity.lastStartedTime.seconds) * 1000 : now;
        items.push({
          key: `activity-${workflowId}-${activity.activityId}`,
          kind: 'ACTIVITY',
          kindLabel: `Activité ${activity.activityType?.name ?? ''} en échec`,
          detail: workflowId,
          attempts: activity.attempt ?? 0,
          lastError: activity.lastFailure?.message ?? null,
          since: new Date(lastAttempt).toISOString(),
          age: formatAge(now - lastAttempt),
          workflowId,
          recordUrl: record ? recordUrl(record.resourceId, record.id) : `${rootPath}/resources/email_outbox`,
          temporalUrl: temporalUrl(workflowId),
        });
      }
    }
    return items;
  }

  return async () => {
    const now = Date.now();
    const [toVerify, toModerate, waitingReferent, failing] = await Promise.all([
      select<{ id: string; kind: string; company_id: string; company_name: string; siren: string; first_name: string; last_name: string; email: string; workflow_id: string | null; since: Date }>(
        `SELECT m.id, m.kind, m.company_id, c.name AS company_name, c.siren, u.first_name, u.last_name, u.email, m.workflow_id, m.status_changed_at AS since
         FROM company_memberships m JOIN companies c ON c.id = m.company_id JOIN users u ON u.id = m.user_id
         WHERE m.status = 'PENDING_ADMIN_VERIFICATION' ORDER BY m.status_changed_at, m.id LIMIT :limit`,
      ),
      select<{ id: string; title: string; company_name: string; contract_type: string; city: string; workflow_id: string | null; since: Date }>(
        `SELECT o.id, o.title, c.name AS company_name, o.contract_type, o.city, o.workflow_id, o.status_changed_at AS since
         FROM offers o JOIN companies c ON c.id = o.company_id
         WHERE o.status = 'PENDING_MODERATION' ORDER BY o.status_changed_at, o.id LIMIT :limit`,
      ),
      select<{ id: string; workflow_id: string; since: Date; candidate: string; referent: string | null; offer_title: string | null; company_name: string }>(
        `SELECT a.id, a.workflow_id, a.status_changed_at AS since, cu.first_name || ' ' || cu.last_name AS candidate,
                r.first_name || ' ' || r.last_name AS referent, o.title AS offer_title, c.name AS company_name
         FROM applications a JOIN users cu ON cu.id = a.candidate_id JOIN companies c ON c.id = a.company_id
         LEFT JOIN users r ON r.id = a.referent_id LEFT JOIN offers o ON o.id = a.offer_id
         WHERE a.status = 'PENDING_REFERENT_VALIDATION' AND a.status_changed_at < now() - make_interval(secs => :delaySeconds)
         ORDER BY a.status_changed_at, a.id LIMIT :limit`,
        { delaySeconds: config.REFERENT_REMINDER_AFTER / 1000 },
      ),
      failingActivities(now),
    ]);
    const age = (since: Date) => ({ since: new Date(since).toISOString(), age: formatAge(now - new Date(since).getTime()), ageMs: now - new Date(since).getTime() });
    return {
      generatedAt: new Date(now).toISOString(),
      referentReminderAfter: formatAge(config.REFERENT_REMINDER_AFTER),
      companiesToVerify: toVerify.map((m) => ({
        key: m.id,
        membershipId: m.id,
        companyId: m.company_id,
        companyName: m.company_name,
        siren: m.siren,
        kind: m.kind,
        kindLabel: m.kind === 'FOUNDER' ? 'Inscription de l’entreprise' : 'Demande d’adhésion',
        requester: `${m.first_name} ${m.last_name}`,
        requesterEmail: m.email,
        ...age(m.since),
        workflowId: m.workflow_id,
        recordUrl: m.kind === 'FOUNDER' ? recordUrl('companies', m.company_id) : recordUrl('company_memberships', m.id),
        temporalUrl: temporalUrl(m.workflow_id),
      })),
      offersToModerate: toModerate.map((o) => ({
        key: o.id,
        offerId: o.id,
        title: o.title,
        companyName: o.company_name,
        contractType: o.contract_type,
        city: o.city,
        ...age(o.since),
        workflowId: o.workflow_id ?? workflowIdOf('offer', o.id),
        recordUrl: recordUrl('offers', o.id),
        temporalUrl: temporalUrl(o.workflow_id ?? workflowIdOf('offer', o.id)),
      })),
      applicationsWaitingReferent: waitingReferent.map((a) => ({
        key: a.id,
        applicationId: a.id,
        candidate: a.candidate,
        referent: a.referent ?? '—',
        offerTitle: a.offer_title ?? 'Candidature spontanée',
        companyName: a.company_name,
        ...age(a.since),
        workflowId: a.workflow_id,
        recordUrl: recordUrl('applications', a.id),
        temporalUrl: temporalUrl(a.workflow_id),
      })),
      failingActivities: failing,
    };
  };
}
