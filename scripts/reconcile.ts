// `npm run reconcile [-- --repair] [--json] [--process application,offer,membership,sponsorship]`
//
// The workflows are the source of truth; PostgreSQL holds their projection (entity status + numbered
// history events). This command compares the two for the four processes and reports every
// difference; with --repair it mends the projection from the workflow's side.
//
// For each row of applications, offers, company_memberships and sponsorship_requests:
//   - its workflow's state: the `snapshot` query while it runs, its result once completed (both say
//     status, statusChangedAt and the number of events written so far; applications also interviews);
//   - `status`       the row's status is not the workflow's;
//   - `events-missing` fewer history events than the workflow counts (seqs listed);
//   - `events-extra` history events the workflow never counted (seq ≥ its count): the workflow's next
//                    event would take that seq and its write would be skipped — never repaired
//                    automatically (deleting history is an operator's decision);
//   - `company-status` a FOUNDER membership's company does not mirror it;
//   - `interview`    an application's interviews differ from the workflow's;
//   - `follow-up`    an application's or sponsorship request's référent or mission officer (the row's
//                    referent_id, mission_officer_id) is not the workflow's (its parties);
//   - `follow-up-pending` a live case whose workflow and row agree, but whose candidate an admin has
//                    moved to another référent (or whose référent to another mission officer) since:
//                    not handed over (api/follow-ups.ts). Saving that account in the back office
//                    finishes the hand-over; not repaired here (it is an admin's act, in their name);
//   - `workflow-missing` the row names a workflow Temporal does not know (a final row whose workflow
//                    is gone is only counted: closed workflows leave Temporal after the namespace's
//                    retention);
//   - `workflow-closed` the workflow failed or was terminated while the row is not final: nothing
//                    will move it any more;
//   - `workflow-unreachable` the workflow runs but did not answer the query (no worker?);
//   - `no-workflow`  a row that is not final and has no workflow;
//   - `row-missing`  a running workflow whose row does not exist.
// A difference is reported only if it is still there a moment later (`recheckMs`), so a transition
// in flight (projection written, workflow not yet resumed) is not mistaken for one.
//
// Repairs, from the workflow's side:
//   - missing events: the workflow's history holds the input of every projection activity that
//     completed, so the same idempotent write (writeApplicationEvent…) is run again for each missing
//     seq. Events whose input the history does not hold are reported, not invented: those the API
//     wrote itself (an offer's or a membership's first event). A *local* activity's marker keeps its
//     result, not its input: every record…Event returns the event it wrote for this (histories
//     recorded before it, with a null result, cannot be rewritten);
//   - then the row's status and status_changed_at are set from the workflow (replaying an old event
//     may have set its own status), the company mirrored, an application's interviews upserted, a
//     case's référent and mission officer set to the workflow's;
//   - an offer without a workflow gets one (as the platform does at start-up), attached in its status.
// Everything else is reported for an operator.
//
// Documents waiting for their text (api/documents/text.ts: PENDING for over a minute — the start after
// the upload was lost —, or stored before CV text existed) are counted; --repair starts their reading
// again (documentTextWorkflow, one per document, harmless if already running).
// Exit code: 0 when no difference remains (and no document waits, or all were restarted), 1 otherwise.
import { pathToFileURL } from 'node:url';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { connectTemporal } from '../config/temporal.js';
import type { Payload } from '@temporalio/common';
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow/index.js';
import { QueryTypes, type Sequelize } from 'sequelize';
import { writeApplicationCreated, writeApplicationEvent, writeInterview, type ApplicationEventRecord } from '../activities/application.js';
import { writeMembershipEvent, type MembershipEventRecord } from '../activities/company-verification.js';
import { writeOfferEvent, type OfferEventRecord } from '../activities/offer.js';
import { writeProcessEvent } from '../activities/process-events.js';
import { writeSponsorshipCreated, writeSponsorshipEvent, type SponsorshipEventRecord } from '../activities/sponsorship.js';
import { writeContactRequestCreated, writeContactRequestEvent, type ContactRequestEventRecord } from '../activities/contact-request.js';
import type { ContactRequestWorkflowInput } from '../workflows/contact-request.js';
import { pendingDocumentTexts, restartPendingDocumentTexts } from '../api/documents/text.js';
import { casesToHandOver } from '../api/follow-ups.js';
import { startProcess } from '../api/transitions.js';
import type { InterviewView } from '../workflows/application-rules.js';
import type { ApplicationWorkflowInput } from '../workflows/application.js';
import type { FollowUp } from '../workflows/follow-up.js';
import { PROCESSES, PROCESS_NAMES, isFinalStatus, parseWorkflowId, workflowIdOf, type ProcessName } from '../workflows/processes.js';
import type { SponsorshipWorkflowInput } from '../workflows/sponsorship.js';

export { PROCESS_NAMES, type ProcessName } from '../workflows/processes.js';

export type DifferenceKind =
  | 'status'
  | 'events-missing'
  | 'events-extra'
  | 'company-status'
  | 'interview'
  | 'follow-up'
  | 'follow-up-pending'
  | 'workflow-missing'
  | 'workflow-closed'
  | 'workflow-unreachable'
  | 'no-workflow'
  | 'row-missing';

export interface Difference {
  process: ProcessName;
  entityId: string;
  workflowId: string | null;
  kind: DifferenceKind;
  detail: string;
  database?: { status: string | null; events: number };
  workflow?: { execution: string; status: string | null; events: number | null };
  /** After --repair: what was done, and whether the difference is gone. */
  repair?: string;
  repaired?: boolean;
}

export interface ReconcileReport {
  checked: Record<ProcessName, number>;
  /** Final rows whose closed workflow Temporal no longer keeps (retention): not a difference. */
  retained: number;
  differences: Difference[];
  repaired: number;
  remaining: number;
}

export interface ReconcileOptions {
  sequelize: Sequelize;
  temporal: Client;
  /** Needed to start the workflow of an offer that has none (--repair). */
  taskQueue?: string;
  repair?: boolean;
  processes?: readonly ProcessName[];
  /** Only these entity ids (tests); also skips the scan for workflows without a row. */
  only?: readonly string[];
  concurrency?: number;
  recheckMs?: number;
  queryTimeoutMs?: number;
  log?: (line: string) => void;
}

/** What a workflow says of its entity, from the `snapshot` query or its result. */
interface Snapshot {
  exists: boolean;
  status: string | null;
  statusChangedAt: string | null;
  events: number;
  interviews?: InterviewView[];
  /** Applications and sponsorship requests: who follows the case (absent from results of older code). */
  followUp?: FollowUp;
}

interface WorkflowView {
  found: boolean;
  execution: string;
  snapshot: Snapshot | null;
  error?: string;
}

interface Row {
  id: string;
  status: string;
  workflow_id: string | null;
  events: number;
  next_seq: number;
  company_id?: string;
  kind?: string;
  company_status?: string | null;
  referent_id?: string | null;
  mission_officer_id?: string | null;
}

const hasFollowUp = (process: ProcessName) => process === 'application' || process === 'sponsorship';

const CLOSED_ABNORMALLY = new Set(['FAILED', 'TERMINATED', 'CANCELLED', 'TIMED_OUT']);

function normalise(process: ProcessName, raw: any): Snapshot {
  const exists = process === 'offer' ? raw.status !== null : process === 'membership' ? raw.registered !== false : true;
  return {
    exists,
    status: raw.status ?? null,
    statusChangedAt: raw.statusChangedAt ?? null,
    events: Number(raw.events ?? 0),
    ...(process === 'application' ? { interviews: raw.interviews ?? [] } : {}),
    ...(hasFollowUp(process) && raw.parties
      ? { followUp: { referentId: raw.parties.referentId ?? null, missionOfficerId: raw.parties.missionOfficerId ?? null } }
      : {}),
  };
}

async function readWorkflow(options: ReconcileOptions, process: ProcessName, workflowId: string): Promise<WorkflowView> {
  const { temporal } = options;
  const handle = temporal.workflow.getHandle(workflowId);
  let execution: string;
  try {
    execution = (await handle.describe()).status.name;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return { found: false, execution: 'NOT_FOUND', snapshot: null };
    throw error;
  }
  try {
    if (execution === 'COMPLETED') return { found: true, execution, snapshot: normalise(process, await handle.result()) };
    const raw = await temporal.withDeadline(Date.now() + (options.queryTimeoutMs ?? 10_000), () => handle.query<unknown>('snapshot'));
    return { found: true, execution, snapshot: normalise(process, raw) };
  } catch (error) {
    return { found: true, execution, snapshot: null, error: (error as Error).message };
  }
}

async function loadRows(sequelize: Sequelize, process: ProcessName, only?: readonly string[]): Promise<Row[]> {
  const { table, events, key } = PROCESSES[process].projection;
  if (only && only.length === 0) return [];
  const membership = process === 'membership';
  return sequelize.query<Row>(
    `SELECT e.id, e.status, e.workflow_id,
       (SELECT count(*) FROM ${events} v WHERE v.${key} = e.id)::int AS events,
       (SELECT coalesce(max(v.seq) + 1, 0) FROM ${events} v WHERE v.${key} = e.id)::int AS next_seq
       ${membership ? `, e.kind, e.company_id, (SELECT c.status FROM companies c WHERE c.id = e.company_id AND c.workflow_id = e.workflow_id) AS company_status` : ''}
       ${hasFollowUp(process) ? ', e.referent_id, e.mission_officer_id' : ''}
     FROM ${table} e ${only ? 'WHERE e.id IN (:only)' : ''} ORDER BY e.id`,
    { type: QueryTypes.SELECT, replacements: only ? { only: [...only] } : {} },
  );
}

async function loadRow(sequelize: Sequelize, process: ProcessName, id: string): Promise<Row | undefined> {
  return (await loadRows(sequelize, process, [id]))[0];
}

async function seqsOf(sequelize: Sequelize, process: ProcessName, id: string): Promise<number[]> {
  const { events, key } = PROCESSES[process].projection;
  const rows = await sequelize.query<{ seq: number }>(`SELECT seq FROM ${events} WHERE ${key} = :id ORDER BY seq`, { type: QueryTypes.SELECT, replacements: { id } });
  return rows.map((r) => Number(r.seq));
}

async function interviewsOf(sequelize: Sequelize, applicationId: string) {
  return sequelize.query<{ id: string; status: string; ics_sequence: number }>(
    `SELECT id, status, ics_sequence FROM interviews WHERE application_id = :applicationId ORDER BY round`,
    { type: QueryTypes.SELECT, replacements: { applicationId } },
  );
}

/** Compares one row with its workflow. */
async function evaluate(options: ReconcileOptions, process: ProcessName, row: Row): Promise<{ differences: Difference[]; retained: boolean }> {
  const final = isFinalStatus(process, row.status);
  const base = { process, entityId: row.id, workflowId: row.workflow_id, database: { status: row.status, events: row.events } };
  if (!row.workflow_id) {
    if (final) return { differences: [], retained: false };
    return { differences: [{ ...base, kind: 'no-workflow', detail: `status ${row.status} is not final and no workflow drives it` }], retained: false };
  }
  const view = await readWorkflow(options, process, row.workflow_id);
  if (!view.found) {
    if (final) return { differences: [], retained: true };
    return { differences: [{ ...base, kind: 'workflow-missing', detail: `status ${row.status}: workflow ${row.workflow_id} does not exist` }], retained: false };
  }
  const snapshot = view.snapshot;
  const workflow = { execution: view.execution, status: snapshot?.status ?? null, events: snapshot?.events ?? null };
  const differences: Difference[] = [];
  if (CLOSED_ABNORMALLY.has(view.execution) && !final) {
    differences.push({ ...base, workflow, kind: 'workflow-closed', detail: `workflow ${view.execution} while the row is ${row.status}` });
  }
  if (!snapshot) {
    if (view.execution === 'RUNNING') {
      differences.push({ ...base, workflow, kind: 'workflow-unreachable', detail: `snapshot query failed: ${view.error ?? 'no answer'}` });
    }
    return { differences, retained: false };
  }
  if (!snapshot.exists) {
    differences.push({ ...base, workflow, kind: 'workflow-closed', detail: 'the workflow found no row when it started and ended; the row came later' });
    return { differences, retained: false };
  }
  if (snapshot.status !== row.status) {
    differences.push({ ...base, workflow, kind: 'status', detail: `database ${row.status}, workflow ${snapshot.status}` });
  }
  if (row.events < snapshot.events) {
    const present = new Set(await seqsOf(options.sequelize, process, row.id));
    const missing = Array.from({ length: snapshot.events }, (_, seq) => seq).filter((seq) => !present.has(seq));
    differences.push({ ...base, workflow, kind: 'events-missing', detail: `workflow counts ${snapshot.events} events, database has ${row.events}; missing seq ${missing.join(', ')}` });
  }
  if (row.next_seq > snapshot.events) {
    const extra = (await seqsOf(options.sequelize, process, row.id)).filter((seq) => seq >= snapshot.events);
    differences.push({ ...base, workflow, kind: 'events-extra', detail: `seq ${extra.join(', ')} in the database, unknown to the workflow (it counts ${snapshot.events})` });
  }
  if (process === 'membership' && row.kind === 'FOUNDER' && row.company_status != null && row.company_status !== snapshot.status) {
    differences.push({ ...base, workflow, kind: 'company-status', detail: `company ${row.company_id} is ${row.company_status}, its founder's workflow ${snapshot.status}` });
  }
  if (process === 'application' && snapshot.interviews) {
    const rows = await interviewsOf(options.sequelize, row.id);
    const mine = rows.map((r) => `${r.id}:${r.status}:${r.ics_sequence}`).join(' ');
    const theirs = snapshot.interviews.map((i) => `${i.id}:${i.status}:${i.icsSequence}`).join(' ');
    if (mine !== theirs) differences.push({ ...base, workflow, kind: 'interview', detail: `database [${mine}], workflow [${theirs}]` });
  }
  const followUp = snapshot.followUp;
  if (followUp && ((row.referent_id ?? null) !== followUp.referentId || (row.mission_officer_id ?? null) !== followUp.missionOfficerId)) {
    differences.push({
      ...base,
      workflow,
      kind: 'follow-up',
      detail: `database référent ${row.referent_id ?? 'none'} / mission officer ${row.mission_officer_id ?? 'none'}, workflow ${followUp.referentId ?? 'none'} / ${followUp.missionOfficerId ?? 'none'}`,
    });
  }
  return { differences, retained: false };
}

// ---- Repairs ----

interface RecordedWrite {
  activity: string;
  input: any;
}

/** Recorders whose input is the workflow's own (its start's): a local one's marker need not repeat it. */
const WRITTEN_FROM_INPUT = new Set(['recordApplicationCreated', 'recordSponsorshipCreated', 'recordContactRequestCreated']);

/** The projection writes the workflow completed, read back from its history with their inputs. */
async function recordedWrites(options: ReconcileOptions, process: ProcessName, workflowId: string): Promise<RecordedWrite[]> {
  const history = await options.temporal.workflow.getHandle(workflowId).fetchHistory();
  // Payloads are encrypted (config/temporal.ts): decoded with the client's codec, then converted.
  const dataConverter = options.temporal.options.loadedDataConverter;
  const valueAt = <T>(payloads: Payload[] | null | undefined) => decodeFromPayloadsAtIndex<T>(dataConverter, 0, payloads);
  const scheduled = new Map<string, RecordedWrite>();
  const completed: RecordedWrite[] = [];
  const startInput = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads;
  for (const event of history.events ?? []) {
    // A local activity leaves a marker with its type and result: each record…Event returns the event it
    // wrote; a record…Created wrote what the workflow's own input says.
    const marker = event.markerRecordedEventAttributes;
    if (marker?.markerName === 'core_local_activity' && marker.details?.data?.payloads) {
      const data = await valueAt<{ activity_type?: string }>(marker.details.data.payloads);
      const type = data?.activity_type ?? '';
      if (!PROCESSES[process].projection.recorders.includes(type)) continue;
      const result = marker.details.result?.payloads?.length ? await valueAt<unknown>(marker.details.result.payloads) : null;
      if (WRITTEN_FROM_INPUT.has(type) && startInput) completed.push({ activity: type, input: await valueAt(startInput) });
      else if (result && typeof result === 'object') completed.push({ activity: type, input: result });
      continue;
    }
    const attributes = event.activityTaskScheduledEventAttributes;
    if (attributes && PROCESSES[process].projection.recorders.includes(attributes.activityType?.name ?? '')) {
      scheduled.set(String(event.eventId), { activity: attributes.activityType!.name!, input: await valueAt(attributes.input?.payloads) });
    }
    const done = event.activityTaskCompletedEventAttributes;
    if (done) {
      const write = scheduled.get(String(done.scheduledEventId));
      if (write) completed.push(write);
    }
  }
  return completed;
}

/** Runs again, for each missing seq, the write its activity did. Returns the seqs rewritten and those it could not find. */
async function replayMissingEvents(options: ReconcileOptions, process: ProcessName, row: Row, missing: number[]): Promise<{ replayed: number[]; notFound: number[] }> {
  const { sequelize } = options;
  const writes = await recordedWrites(options, process, row.workflow_id!);
  const replayed: number[] = [];
  const wanted = new Set(missing);
  for (const write of writes) {
    switch (write.activity) {
      case 'recordApplicationCreated': {
        const input = write.input as ApplicationWorkflowInput;
        const seqs = input.parties.referentId ? [0] : [0, 1];
        if (!seqs.some((seq) => wanted.has(seq))) break;
        await sequelize.transaction((transaction) => writeApplicationCreated(sequelize, input, transaction));
        replayed.push(...seqs.filter((seq) => wanted.has(seq)));
        break;
      }
      case 'recordApplicationEvent': {
        const event = write.input as ApplicationEventRecord;
        if (!wanted.has(event.seq)) break;
        await writeApplicationEvent(sequelize, event);
        replayed.push(event.seq);
        break;
      }
      case 'recordOfferEvent': {
        const event = write.input as OfferEventRecord;
        if (!wanted.has(event.seq)) break;
        // An edit writes its fields with its event.
        await writeOfferEvent(sequelize, event);
        replayed.push(event.seq);
        break;
      }
      case 'recordMembershipEvent': {
        const event = write.input as MembershipEventRecord;
        if (!wanted.has(event.seq)) break;
        await writeMembershipEvent(sequelize, event);
        replayed.push(event.seq);
        break;
      }
      case 'recordSponsorshipCreated': {
        if (!wanted.has(0)) break;
        await sequelize.transaction((transaction) => writeSponsorshipCreated(sequelize, write.input as SponsorshipWorkflowInput, transaction));
        replayed.push(0);
        break;
      }
      case 'recordSponsorshipEvent': {
        const event = write.input as SponsorshipEventRecord;
        if (!wanted.has(event.seq)) break;
        await writeSponsorshipEvent(sequelize, event);
        replayed.push(event.seq);
        break;
      }
      case 'recordContactRequestCreated': {
        // The row (with its message) is the API's; only the first event can be written again.
        if (!wanted.has(0)) break;
        await sequelize.transaction((transaction) => writeContactRequestCreated(sequelize, write.input as ContactRequestWorkflowInput, null, transaction));
        replayed.push(0);
        break;
      }
      case 'recordContactRequestEvent': {
        const event = write.input as ContactRequestEventRecord;
        if (!wanted.has(event.seq)) break;
        await writeContactRequestEvent(sequelize, event);
        replayed.push(event.seq);
        break;
      }
    }
  }
  const done = new Set(replayed);
  return { replayed: [...done].sort((a, b) => a - b), notFound: missing.filter((seq) => !done.has(seq)) };
}

/** The row's status (and what mirrors it) as the workflow has it. */
async function setFromWorkflow(options: ReconcileOptions, process: ProcessName, row: Row, snapshot: Snapshot): Promise<string[]> {
  const { sequelize } = options;
  const { table } = PROCESSES[process].projection;
  const done: string[] = [];
  await sequelize.transaction(async (transaction) => {
    const changed = await sequelize.query(
      `UPDATE ${table} SET status = :status, status_changed_at = coalesce(:at, status_changed_at), updated_at = now()
       WHERE id = :id AND (status <> :status OR status_changed_at IS DISTINCT FROM coalesce(:at, status_changed_at)) RETURNING id`,
      { transaction, type: QueryTypes.SELECT, replacements: { id: row.id, status: snapshot.status, at: snapshot.statusChangedAt } },
    );
    if (changed.length) done.push(`status set to ${snapshot.status}`);
    if (process === 'membership' && row.kind === 'FOUNDER') {
      const mirrored = await sequelize.query(
        `UPDATE companies SET status = :status, status_changed_at = coalesce(:at, status_changed_at), updated_at = now()
         WHERE id = :companyId AND workflow_id = :workflowId AND status <> :status RETURNING id`,
        { transaction, type: QueryTypes.SELECT, replacements: { status: snapshot.status, at: snapshot.statusChangedAt, companyId: row.company_id, workflowId: row.workflow_id } },
      );
      if (mirrored.length) done.push(`company ${row.company_id} set to ${snapshot.status}`);
    }
    if (snapshot.followUp) {
      const moved = await sequelize.query(
        `UPDATE ${table} SET referent_id = :referentId, mission_officer_id = :missionOfficerId, updated_at = now()
         WHERE id = :id AND (referent_id IS DISTINCT FROM :referentId OR mission_officer_id IS DISTINCT FROM :missionOfficerId) RETURNING id`,
        { transaction, type: QueryTypes.SELECT, replacements: { id: row.id, ...snapshot.followUp } },
      );
      if (moved.length) done.push(`référent ${snapshot.followUp.referentId ?? 'none'} and mission officer ${snapshot.followUp.missionOfficerId ?? 'none'} set from the workflow`);
    }
    if (process === 'application' && snapshot.interviews) {
      for (const interview of snapshot.interviews) {
        await writeInterview(sequelize, row.id, interview, new Date().toISOString(), transaction);
      }
    }
  });
  return done;
}

async function repairEntity(options: ReconcileOptions, process: ProcessName, differences: Difference[]): Promise<void> {
  const first = differences[0]!;
  const row = await loadRow(options.sequelize, process, first.entityId);
  const notes: string[] = [];
  const kinds = new Set(differences.map((d) => d.kind));
  if (row && kinds.has('no-workflow') && process === 'offer') {
    if (options.taskQueue) {
      const [offer] = await options.sequelize.query<{ company_id: string }>(`SELECT company_id FROM offers WHERE id = :id`, {
        type: QueryTypes.SELECT,
        replacements: { id: row.id },
      });
      await startProcess(options.temporal, options.taskQueue, 'offer', { offerId: row.id, companyId: offer!.company_id }, row.status);
      // Its first activity binds the row to it (offers.workflow_id): wait a little for that.
      for (let waited = 0; waited < 15_000; waited += 250) {
        if ((await loadRow(options.sequelize, process, row.id))?.workflow_id) break;
        await sleep(250);
      }
      notes.push('offer workflow started');
    } else notes.push('no task queue given: offer workflow not started');
  }
  const fromWorkflow = ['status', 'events-missing', 'company-status', 'interview', 'follow-up'] as const;
  if (row?.workflow_id && fromWorkflow.some((kind) => kinds.has(kind))) {
    const view = await readWorkflow(options, process, row.workflow_id);
    if (view.snapshot?.exists) {
      if (kinds.has('events-missing')) {
        const present = new Set(await seqsOf(options.sequelize, process, row.id));
        const missing = Array.from({ length: view.snapshot.events }, (_, seq) => seq).filter((seq) => !present.has(seq));
        const { replayed, notFound } = await replayMissingEvents(options, process, row, missing);
        if (replayed.length) notes.push(`events ${replayed.join(', ')} rewritten from the workflow's history`);
        if (notFound.length) {
          notes.push(`events ${notFound.join(', ')} cannot be rewritten: the workflow's history does not hold their input (written by the API, or by a local activity): left missing`);
        }
      }
      notes.push(...(await setFromWorkflow(options, process, row, view.snapshot)));
    } else notes.push('the workflow did not answer: nothing repaired');
  }
  // What is left after the repair, entity by entity.
  const after = row ? await loadRow(options.sequelize, process, row.id) : undefined;
  const left = after ? (await evaluate(options, process, after)).differences : [];
  if (after && kinds.has('follow-up-pending')) left.push(...(await pendingHandOvers(options, process, [after.id])));
  for (const difference of differences) {
    const still = left.some((d) => d.kind === difference.kind);
    difference.repaired = !still;
    difference.repair = notes.length ? notes.join('; ') : still ? 'not repairable automatically: for an operator' : 'gone';
  }
}

// ---- The run ----

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await fn(items[index]!);
      }
    }),
  );
  return results;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Live cases the accounts say should be followed by someone else than their row (and workflow) say. */
async function pendingHandOvers(options: ReconcileOptions, process: ProcessName, only?: readonly string[]): Promise<Difference[]> {
  if (!hasFollowUp(process)) return [];
  const cases = (await casesToHandOver(options.sequelize, undefined, only)).filter((c) => c.process === process);
  const who = (f: FollowUp) => `référent ${f.referentId ?? 'none'} / mission officer ${f.missionOfficerId ?? 'none'}`;
  return cases.map((c) => ({
    process,
    entityId: c.id,
    workflowId: c.workflowId,
    kind: 'follow-up-pending' as const,
    detail: `followed by ${who(c.current)}, its candidate's accounts say ${who(c.wanted)}: not handed over (save the candidate's or the référent's account in the back office)`,
  }));
}

/** Running workflows of a process whose row does not exist. */
async function workflowsWithoutRow(options: ReconcileOptions, process: ProcessName): Promise<Difference[]> {
  const def = PROCESSES[process];
  const { table } = PROCESSES[process].projection;
  const running: string[] = [];
  for await (const execution of options.temporal.workflow.list({ query: `WorkflowType='${def.workflowType}' AND ExecutionStatus='Running'` })) {
    running.push(execution.workflowId);
  }
  const ids = running.flatMap((w) => {
    const parsed = parseWorkflowId(w);
    return parsed?.process === process ? [parsed.entityId] : [];
  });
  if (!ids.length) return [];
  const present = await options.sequelize.query<{ id: string }>(`SELECT id FROM ${table} WHERE id IN (:ids)`, { type: QueryTypes.SELECT, replacements: { ids } });
  const known = new Set(present.map((r) => r.id));
  return ids
    .filter((id) => !known.has(id))
    .map((id) => ({ process, entityId: id, workflowId: workflowIdOf(process, id), kind: 'row-missing' as const, detail: 'the workflow runs but its row does not exist' }));
}

export async function reconcile(options: ReconcileOptions): Promise<ReconcileReport> {
  const log = options.log ?? (() => undefined);
  const processes = options.processes ?? PROCESS_NAMES;
  const concurrency = options.concurrency ?? 8;
  const checked = Object.fromEntries(PROCESS_NAMES.map((p) => [p, 0])) as Record<ProcessName, number>;
  let retained = 0;
  let suspects: Array<{ process: ProcessName; id: string }> = [];
  let orphanSuspects: Difference[] = [];

  for (const process of processes) {
    const rows = await loadRows(options.sequelize, process, options.only);
    checked[process] = rows.length;
    const results = await mapLimit(rows, concurrency, (row) => evaluate(options, process, row));
    results.forEach((result, index) => {
      if (result.retained) retained++;
      if (result.differences.length) suspects.push({ process, id: rows[index]!.id });
    });
    if (!options.only) orphanSuspects.push(...(await workflowsWithoutRow(options, process)));
    // Cases not handed over, unless their row already differs from the workflow (reported above).
    for (const pending of await pendingHandOvers(options, process, options.only)) {
      if (!suspects.some((s) => s.process === process && s.id === pending.entityId)) suspects.push({ process, id: pending.entityId });
    }
    log(`${process}: ${rows.length} rows checked`);
  }

  // A difference must still be there a moment later: a transition in flight is not one.
  const differences: Difference[] = [];
  if (suspects.length || orphanSuspects.length) await sleep(options.recheckMs ?? 3_000);
  for (const { process, id } of suspects) {
    const row = await loadRow(options.sequelize, process, id);
    if (!row) continue;
    const found = (await evaluate(options, process, row)).differences;
    differences.push(...found);
    if (!found.some((d) => d.kind === 'follow-up')) differences.push(...(await pendingHandOvers(options, process, [id])));
  }
  for (const process of processes) {
    if (!orphanSuspects.some((d) => d.process === process)) continue;
    const now = new Set((await workflowsWithoutRow(options, process)).map((d) => d.entityId));
    differences.push(...orphanSuspects.filter((d) => d.process === process && now.has(d.entityId)));
  }
  suspects = [];
  orphanSuspects = [];

  if (options.repair) {
    const byEntity = new Map<string, Difference[]>();
    for (const difference of differences) {
      const key = `${difference.process}:${difference.entityId}`;
      byEntity.set(key, [...(byEntity.get(key) ?? []), difference]);
    }
    for (const group of byEntity.values()) await repairEntity(options, group[0]!.process, group);
  }
  const repaired = differences.filter((d) => d.repaired).length;
  return { checked, retained, differences, repaired, remaining: differences.length - repaired };
}

export function formatReport(report: ReconcileReport, repair: boolean): string {
  const lines: string[] = [];
  const counts = PROCESS_NAMES.map((p) => `${report.checked[p]} ${p}${report.checked[p] === 1 ? '' : 's'}`).join(', ');
  lines.push(`checked: ${counts}${report.retained ? ` (${report.retained} final rows whose workflow Temporal no longer keeps)` : ''}`);
  for (const d of report.differences) {
    const repairNote = repair ? ` → ${d.repaired ? 'repaired' : 'NOT repaired'}: ${d.repair}` : '';
    lines.push(`  ${d.process} ${d.entityId} [${d.kind}] ${d.detail}${d.workflowId ? ` (${d.workflowId})` : ''}${repairNote}`);
  }
  lines.push(
    report.differences.length === 0
      ? 'no difference between the workflows and the database'
      : `${report.differences.length} difference(s)${repair ? `, ${report.repaired} repaired, ${report.remaining} remaining` : ' (run with --repair to mend them from the workflows)'}`,
  );
  return lines.join('\n');
}

/** The line about documents waiting for their text (PENDING for over a minute, or never read). */
export function formatDocumentTexts(texts: { pending: number; started: number; failed: number }, repair: boolean): string {
  if (texts.pending === 0) return 'document texts: none waiting';
  if (!repair) return `document texts: ${texts.pending} document(s) waiting for their text (run with --repair to restart their reading)`;
  return `document texts: ${texts.pending} waiting, ${texts.started} reading(s) restarted${texts.failed ? `, ${texts.failed} not restarted (Temporal?)` : ''}`;
}

// ---- Command line ----

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const repair = args.includes('--repair');
  const json = args.includes('--json');
  const processArg = args.find((a) => a.startsWith('--process='))?.split('=')[1] ?? args[args.indexOf('--process') + 1];
  const processes = args.some((a) => a.startsWith('--process'))
    ? (processArg ?? '').split(',').filter((p): p is ProcessName => (PROCESS_NAMES as readonly string[]).includes(p))
    : undefined;
  if (processes && processes.length === 0) {
    process.stderr.write(`--process: one or more of ${PROCESS_NAMES.join(', ')}\n`);
    return 2;
  }
  const { loadConfigOrExit } = await import('../config/env.js');
  const { createLogger } = await import('../config/logger.js');
  const { createDatabase } = await import('../models/index.js');
  const config = loadConfigOrExit();
  const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, 'tremplin-reconcile');
  // Without settings, the embedded services of `npm start`.
  const databaseUrl = config.DATABASE_URL ?? `postgres://postgres:tremplin@127.0.0.1:${config.POSTGRES_DEV_PORT}/tremplin`;
  const temporalAddress = config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_DEV_PORT}`;
  const sequelize = createDatabase(databaseUrl, { logger });
  const temporal = await connectTemporal(config, temporalAddress);
  try {
    const report = await reconcile({
      sequelize,
      temporal,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      repair,
      processes,
      log: json ? undefined : (line) => process.stderr.write(`${line}\n`),
    });
    // Documents whose text was never read (api/documents/text.ts): listed; with --repair, their reading restarted.
    const texts = repair
      ? await restartPendingDocumentTexts({ sequelize, temporal, taskQueue: config.TEMPORAL_TASK_QUEUE, logger })
      : { pending: (await pendingDocumentTexts(sequelize, { limit: 0 })).total, started: 0, failed: 0 };
    process.stdout.write(json ? `${JSON.stringify({ ...report, documentTexts: texts }, null, 2)}\n` : `${formatReport(report, repair)}\n${formatDocumentTexts(texts, repair)}\n`);
    return report.remaining === 0 && (repair ? texts.failed === 0 : texts.pending === 0) ? 0 : 1;
  } finally {
    await temporal.connection.close();
    await sequelize.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`reconcile: ${(error as Error).stack ?? error}\n`);
      process.exit(2);
    },
  );
}
