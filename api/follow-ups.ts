// Access follows the follow-up. A candidate is followed by one référent, a référent by one mission
// officer (candidate_profiles.referent_id, users.mission_officer_id); each live case of the candidate
// (an application, a sponsorship request) knows them in its workflow's parties and in its row
// (referent_id, mission_officer_id), and the API decides who sees a case and which buttons they get
// from that row. When an admin moves a candidate to another référent, or a référent to another
// mission officer, `syncFollowUps` hands every live case over through its workflow (the
// `change_follow_up` action, on the admin's behalf): the workflow checks it, writes the event
// (« Suivi confié à … ») and the row in one projection write, and updates its ReferentId search
// attribute; from then on the new référent (and mission officer) may act, the old ones may not.
//
// The assignment is the source, the cases follow it: syncing reads what each live case should have
// from the accounts and sends the change to those whose row differs, until none does (a second admin
// moving the same candidate meanwhile is caught up by the next round). A case whose workflow could
// not be reached is reported (`failed`): saving the account again, or `npm run reconcile -- --repair`,
// finishes the hand-over.
//
// Creating a case reads the follow-up under a share lock (`lockedFollowUpOf`), so an admin's change
// either comes before (the case starts with the new follow-up) or waits for the case's commit (and
// the sync that follows sees it).
import { de } from '../workflows/glossary.js';
import type { Client } from '@temporalio/client';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { Logger } from '../config/logger.js';
import type { Actor } from '../workflows/actors.js';
import { CHANGE_FOLLOW_UP, type FollowUp } from '../workflows/follow-up.js';
import { PROCESSES } from '../workflows/processes.js';
import { HttpError } from './errors.js';
import { executeTransition } from './transitions.js';

type CaseProcess = 'application' | 'sponsorship';

/** One live case whose row does not say what the accounts say. */
export interface FollowUpCase {
  process: CaseProcess;
  id: string;
  workflowId: string;
  candidateId: string;
  candidateName: string;
  /** « candidature à Technicien H/F (Entreprise A) », « demande de parrainage à Entreprise A ». */
  label: string;
  current: FollowUp;
  wanted: FollowUp;
}

export interface FollowUpReport {
  /** Handed over, each with the sentence its history keeps. */
  moved: Array<FollowUpCase & { message: string }>;
  /** Could not be handed over now (workflow unreachable…): for the admin to see and retry. */
  failed: Array<FollowUpCase & { reason: string }>;
}

/** Which cases to look at: one candidate's, or every candidate's of one référent (a new mission officer). */
export type FollowUpScope = { candidateId: string } | { referentId: string };

/**
 * The follow-up of a candidate, read under share locks inside the transaction that creates a case:
 * an admin's change of référent (or of the référent's mission officer) waits for that case's commit.
 */
export async function lockedFollowUpOf(sequelize: Sequelize, candidateId: string, transaction: Transaction): Promise<FollowUp> {
  const [profile] = await sequelize.query<{ referent_id: string | null }>(`SELECT referent_id FROM candidate_profiles WHERE user_id = :candidateId FOR SHARE`, {
    transaction,
    type: QueryTypes.SELECT,
    replacements: { candidateId },
  });
  if (!profile?.referent_id) return { referentId: null, missionOfficerId: null };
  const [referent] = await sequelize.query<{ mission_officer_id: string | null }>(`SELECT mission_officer_id FROM users WHERE id = :referentId FOR SHARE`, {
    transaction,
    type: QueryTypes.SELECT,
    replacements: { referentId: profile.referent_id },
  });
  return { referentId: profile.referent_id, missionOfficerId: referent?.mission_officer_id ?? null };
}

const finals = (process: CaseProcess) => [...PROCESSES[process].rules.finalStatuses];

/**
 * The live cases in scope whose row differs from the accounts: the candidate's référent now, and that
 * référent's mission officer now. `scope` absent: every live case (reconcile).
 */
export async function casesToHandOver(sequelize: Sequelize, scope?: FollowUpScope, only?: readonly string[]): Promise<FollowUpCase[]> {
  const where: string[] = [];
  const replacements: Record<string, unknown> = { applicationFinals: finals('application'), sponsorshipFinals: finals('sponsorship') };
  if (scope && 'candidateId' in scope) {
    where.push('x.candidate_id = :candidateId');
    replacements.candidateId = scope.candidateId;
  } else if (scope) {
    // Their candidates now, and the cases still with them (a candidate moved away whose cases lag).
    where.push('(p.referent_id = :referentId OR x.referent_id = :referentId)');
    replacements.referentId = scope.referentId;
  }
  if (only) {
    if (!only.length) return [];
    where.push('x.id IN (:only)');
    replacements.only = [...only];
  }
  const cases = (table: string, process: CaseProcess, finalsName: string, label: string) => `
    SELECT '${process}' AS process, x.id, x.workflow_id, x.candidate_id, cu.first_name || ' ' || cu.last_name AS candidate_name, ${label} AS label,
           x.referent_id AS current_referent, x.mission_officer_id AS current_mission_officer,
           p.referent_id AS wanted_referent, CASE WHEN p.referent_id IS NULL THEN NULL ELSE r.mission_officer_id END AS wanted_mission_officer,
           x.created_at
    FROM ${table} x
    JOIN users cu ON cu.id = x.candidate_id
    JOIN companies c ON c.id = x.company_id
    LEFT JOIN candidate_profiles p ON p.user_id = x.candidate_id
    LEFT JOIN users r ON r.id = p.referent_id
    ${table === 'applications' ? 'LEFT JOIN offers o ON o.id = x.offer_id' : ''}
    WHERE x.status NOT IN (:${finalsName}) AND x.workflow_id IS NOT NULL
      AND (x.referent_id IS DISTINCT FROM p.referent_id
           OR x.mission_officer_id IS DISTINCT FROM (CASE WHEN p.referent_id IS NULL THEN NULL ELSE r.mission_officer_id END))
      ${where.length ? `AND ${where.join(' AND ')}` : ''}`;
  const rows = await sequelize.query<Record<string, any>>(
    `${cases('applications', 'application', 'applicationFinals', `'candidature ' || coalesce('à « ' || o.title || ' »', 'spontanée') || ' (' || c.name || ')'`)}
     UNION ALL
     ${cases('sponsorship_requests', 'sponsorship', 'sponsorshipFinals', `'demande de parrainage à ' || c.name`)}
     ORDER BY created_at, id`,
    { type: QueryTypes.SELECT, replacements },
  );
  return rows.map((row) => ({
    process: row.process as CaseProcess,
    id: row.id as string,
    workflowId: row.workflow_id as string,
    candidateId: row.candidate_id as string,
    candidateName: row.candidate_name as string,
    label: row.label as string,
    current: { referentId: row.current_referent ?? null, missionOfficerId: row.current_mission_officer ?? null },
    wanted: { referentId: row.wanted_referent ?? null, missionOfficerId: row.wanted_mission_officer ?? null },
  }));
}

/** « Suivi confié à Jeanne Martin (à la place de Paul Durand) ; chargé de mission : Léa Petit. » */
async function handOverMessage(sequelize: Sequelize, current: FollowUp, wanted: FollowUp): Promise<string> {
  const ids = [current.referentId, current.missionOfficerId, wanted.referentId, wanted.missionOfficerId].filter((id): id is string => !!id);
  const rows = ids.length
    ? await sequelize.query<{ id: string; name: string }>(`SELECT id, first_name || ' ' || last_name AS name FROM users WHERE id IN (:ids)`, {
        type: QueryTypes.SELECT,
        replacements: { ids: [...new Set(ids)] },
      })
    : [];
  const name = (id: string | null) => (id ? (rows.find((r) => r.id === id)?.name ?? 'compte inconnu') : null);
  if (wanted.referentId !== current.referentId) {
    const to = name(wanted.referentId);
    const from = name(current.referentId);
    const head = to ? `Suivi confié à ${to}${from ? ` (à la place ${de(from)})` : ''}` : `Suivi retiré à ${from} : le candidat n’a plus de référent`;
    return to ? `${head} ; chargé de mission : ${name(wanted.missionOfficerId) ?? 'aucun'}.` : `${head}.`;
  }
  const mission = name(wanted.missionOfficerId);
  const before = name(current.missionOfficerId);
  return `Suivi confié au chargé de mission ${mission ?? '(aucun)'}${before ? ` (à la place ${de(before)})` : ''}, pour le référent ${name(wanted.referentId)}.`;
}

export function followUpService({ sequelize, temporal, logger }: { sequelize: Sequelize; temporal: Client; logger: Logger }) {
  /** Sends one case its new follow-up; a refusal means the case closed or was handed over meanwhile. */
  async function handOver(actor: Actor, item: FollowUpCase): Promise<{ moved: boolean; message: string }> {
    const message = await handOverMessage(sequelize, item.current, item.wanted);
    try {
      await executeTransition(
        temporal,
        item.workflowId,
        { action: CHANGE_FOLLOW_UP, actor, followUp: item.wanted, message },
        async () => new HttpError('ILLEGAL_TRANSITION', 'Le dossier est clos.'),
        undefined,
        sequelize, // a case that ended right after this Update wrote its event: handed over all the same
      );
      return { moved: true, message };
    } catch (error) {
      if (error instanceof HttpError && error.code === 'ILLEGAL_TRANSITION') return { moved: false, message };
      throw error;
    }
  }

  return {
    /**
     * Hands every live case in scope over to the follow-up the accounts now say, as `actor` (an
     * admin). Rounds until no case in scope differs, or only those that failed remain.
     */
    async sync(actor: Actor, scope: FollowUpScope): Promise<FollowUpReport> {
      const moved = new Map<string, FollowUpCase & { message: string }>();
      const failed = new Map<string, FollowUpCase & { reason: string }>();
      /** Sent once per case and follow-up: a case the workflow refuses (closed meanwhile) is not sent again. */
      const tried = new Set<string>();
      const key = (c: FollowUpCase) => `${c.id}:${c.wanted.referentId}:${c.wanted.missionOfficerId}`;
      for (let round = 0; round < 5; round++) {
        const pending = (await casesToHandOver(sequelize, scope)).filter((c) => !failed.has(c.id) && !tried.has(key(c)));
        if (!pending.length) break;
        // A few at a time: a référent may have many cases, each one Update.
        for (let i = 0; i < pending.length; i += 8) {
          await Promise.all(
            pending.slice(i, i + 8).map(async (item) => {
              tried.add(key(item));
              try {
                const outcome = await handOver(actor, item);
                if (outcome.moved) moved.set(item.id, { ...item, message: outcome.message });
              } catch (error) {
                logger.warn({ err: error, workflowId: item.workflowId }, 'follow-up not handed over');
                failed.set(item.id, { ...item, reason: error instanceof HttpError ? error.message : 'service des workflows indisponible' });
              }
            }),
          );
        }
      }
      const report = { moved: [...moved.values()], failed: [...failed.values()] };
      if (report.moved.length || report.failed.length) {
        logger.info({ scope, by: actor.id, moved: report.moved.map((c) => c.workflowId), failed: report.failed.map((c) => c.workflowId) }, 'follow-up handed over');
      }
      return report;
    },
  };
}

/** What the admin reads: what was handed over, and what is left to retry. */
export function describeFollowUpReport(report: FollowUpReport): string | null {
  const count = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;
  const parts: string[] = [];
  if (report.moved.length) {
    const applications = report.moved.filter((c) => c.process === 'application').length;
    const sponsorships = report.moved.length - applications;
    const what = [
      applications ? count(applications, 'candidature en cours', 'candidatures en cours') : null,
      sponsorships ? count(sponsorships, 'demande de parrainage en attente', 'demandes de parrainage en attente') : null,
    ].filter(Boolean);
    parts.push(`Suivi transféré : ${what.join(' et ')} (${report.moved.map((c) => `${c.candidateName}, ${c.label}`).join(' ; ')}).`);
  }
  if (report.failed.length) {
    parts.push(
      `${count(report.failed.length, 'dossier n’a pas pu être transféré', 'dossiers n’ont pas pu être transférés')} (${report.failed
        .map((c) => `${c.candidateName}, ${c.label}`)
        .join(' ; ')}) : enregistrez de nouveau ce compte dans un instant pour terminer le transfert.`,
    );
  }
  return parts.length ? parts.join(' ') : null;
}
