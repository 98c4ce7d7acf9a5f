// Replays the recorded histories of test/histories/ against today's workflow code: a change that would
// break the applications running in production (nondeterminism) fails here, before it is deployed.
//
// Re-record them with `npm run record-histories` (test/record-histories.ts drives fresh applications
// through representative paths on the test harness and writes each finished workflow's history).
//
// The files hold `History.toJSON()` of @temporalio/proto (protobufjs JSON: enum names, int64 and
// timestamps' seconds as strings, bytes in base64), read back with `History.fromObject`. Not the
// ProtoJSON of `temporal workflow show --output json`: @temporalio/common's historyToJSON and
// historyFromJSON throw "type must be a Type" in this install, whose @temporalio/common and
// @temporalio/proto each carry their own copy of protobufjs 8 (`npm ls protobufjs`).
import { readFile, readdir } from 'node:fs/promises';
import { temporal } from '@temporalio/proto';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { describe, expect, inject, it } from 'vitest';
import { ENCRYPTED_ENCODING, dataConverter, payloadFromJson, type JsonPayload } from '../config/temporal.js';
import { allProcesses, workflowIdOf } from '../workflows/processes.js';
import { firstWriteEndsItsTask, localActivitiesOf, localActivityTypesOf, patchMarkersOf, patchesAfterFirstWrite, patchesOf, type RecordedHistory } from './history-markers.js';
import { PATCH_BASELINE } from '../workflows/patches.js';
import { decodePayloads, platformConfig } from './support.js';

const HISTORIES = new URL('./histories/', import.meta.url);

/** A recorded payload's value: histories recorded since payloads are encrypted are decrypted with the run's keys. */
async function valueOf(payload: JsonPayload | undefined): Promise<any> {
  if (!payload?.data) return undefined;
  const [plain] = await decodePayloads([payloadFromJson(payload)]);
  return JSON.parse(Buffer.from(plain!.data!).toString('utf8'));
}

const isEncrypted = (json: RecordedHistory) =>
  Buffer.from(json.events[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0]?.metadata?.encoding ?? '', 'base64').toString() === ENCRYPTED_ENCODING;

/** Histories carry no workflow id: the process is the workflow type, the entity's id is in the input. */
async function workflowIdOfHistory(json: RecordedHistory): Promise<string> {
  const started = json.events[0]?.workflowExecutionStartedEventAttributes;
  const process = allProcesses().find((p) => p.workflowType === started?.workflowType?.name);
  const input = await valueOf(started?.input?.payloads?.[0]);
  if (!process || !input) return 'replay';
  return workflowIdOf(process.name, (process.entityIdOf as (input: unknown) => string)(input));
}

const History = temporal.api.history.v1.History;

const historyFromRecord = (json: RecordedHistory) => History.fromObject(json);

/** Each interview a history marks done: whether before the start of the interview proposed last. */
async function markedDoneBeforeStart(json: RecordedHistory): Promise<boolean[]> {
  let startsAt = Number.NaN;
  const marked: boolean[] = [];
  for (const event of json.events) {
    const payload = event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.args?.payloads?.[0];
    if (!payload) continue;
    const request = await valueOf(payload);
    // A moved interview (reschedule_interview, issue #16) starts at its new time.
    if (request?.action === 'propose_interview' || request?.action === 'reschedule_interview') startsAt = Date.parse(request.startsAt);
    if (request?.action === 'mark_interview_done') marked.push(Number(event.eventTime.seconds) * 1000 + Math.floor((event.eventTime.nanos ?? 0) / 1e6) < startsAt);
  }
  return marked;
}

async function loadHistories() {
  const files = (await readdir(HISTORIES)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (file) => {
      const json = JSON.parse(await readFile(new URL(file, HISTORIES), 'utf8')) as RecordedHistory;
      return { file, json, workflowId: await workflowIdOfHistory(json), history: historyFromRecord(json) };
    }),
  );
}

let runtimeInstalled = false;
async function replay(histories: Array<{ workflowId: string; history: temporal.api.history.v1.IHistory }>) {
  if (!runtimeInstalled) {
    runtimeInstalled = true;
    // The replay worker's state changes (INFO) and the nondeterminism this file provokes on purpose (WARN)
    // are no news; the results carry the errors.
    try {
      Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } } });
    } catch {
      // already installed in this process
    }
  }
  const results: Array<{ workflowId: string; error: string | null }> = [];
  const replayer = Worker.runReplayHistories({ workflowBundle: { codePath: inject('workflowBundlePath') }, dataConverter: dataConverter(platformConfig()) }, histories);
  for await (const result of replayer) results.push({ workflowId: result.workflowId, error: result.error ? `${result.error.name}: ${result.error.message}` : null });
  return results;
}
describe('replaying recorded histories', () => {
  it('replays every history of test/histories/ without nondeterminism', { timeout: 60_000 }, async () => {
    const histories = await loadHistories();
    expect(histories.length, 'no history recorded: run npm run record-histories').toBeGreaterThanOrEqual(16);
    for (const { file, json } of histories) {
      const types = json.events.map((e) => e.eventType as string);
      expect(types.length, file).toBeGreaterThan(10);
      expect(types.at(-1), `${file} is a finished workflow`).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED');
      // Every history moves through Updates, but the one whose only moves are timers.
      // (An account deletion carried out moves by its timer alone; a message digest and offer invitations by signals.)
      if (!file.includes('reminded-expired') && !file.includes('account-deletion-done') && !file.startsWith('message-digest-') && !file.startsWith('offer-invitations-')) expect(types, file).toContain('EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED');
    }
    // A message digest: several messages signalled into one run, one mail.
    const digest = histories.find(({ file }) => file === 'message-digest-folded.json');
    expect(digest && digest.json.events.filter((e) => e.eventType === 'EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED').length, 'signals folded into the digest').toBeGreaterThanOrEqual(2);
    // Offer invitations: two requests signalled into one run, batches apart; an archive ending a run early.
    for (const name of ['offer-invitations-batched.json', 'offer-invitations-archived.json']) {
      const invitations = histories.find(({ file }) => file === name);
      expect(invitations?.json.events.filter((e) => e.eventType === 'EVENT_TYPE_ACTIVITY_TASK_COMPLETED').length, name).toBeGreaterThanOrEqual(2);
    }
    // A held Update sent again while the workflow ran it from its request, recorded when it was refused
    // by the state that run left (test/engine-reordered-updates.test.ts): both Updates failed. The code
    // now answers it with the run (an outcome, not a command), and the history still replays.
    const adopted = histories.find(({ file }) => file === 'baseline-adopted-held-update-refused-while-run.json');
    expect(adopted?.json.events.filter((e) => e.workflowExecutionUpdateCompletedEventAttributes?.outcome?.failure).length, 'two Updates refused').toBe(2);
    // Account deletions: cancelled by its Update, carried out by its timer.
    for (const name of ['account-deletion-cancelled.json', 'account-deletion-done.json']) expect(histories.some(({ file }) => file === name), name).toBe(true);
    // Every process has histories.
    for (const prefix of ['application-', 'offer-', 'sponsorship-', 'company-verification-']) {
      expect(histories.some(({ workflowId }) => workflowId.startsWith(prefix)), prefix).toBe(true);
    }
    // Both sides of the 'projection-local-activities' patch: remote projection activities (recorded
    // before it) and local ones (RECORD_PREFIX=local-projection-).
    const local = histories.filter(({ json }) => json.events.some((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity'));
    expect(local.length).toBeGreaterThan(0);
    expect(local.length).toBeLessThan(histories.length);
    // Offers too, since issue #20 (RECORD_PREFIX=local-projection- on the offer paths).
    const offerSides = histories.filter(({ workflowId }) => workflowId.startsWith('offer-') && !workflowId.startsWith('offer-invitations-')).map(({ json }) => patchesOf(json).includes('projection-local-activities'));
    expect(offerSides, 'offers on both sides of projection-local-activities').toContain(true);
    expect(offerSides).toContain(false);
    // Sponsorships, company verifications and contact requests too, since the session that moved them.
    for (const prefix of ['sponsorship-', 'company-verification-', 'contact-request-']) {
      const sides = histories.filter(({ workflowId }) => workflowId.startsWith(prefix)).map(({ json }) => patchesOf(json).includes('projection-local-activities'));
      expect(sides, `${prefix} on both sides of projection-local-activities`).toContain(true);
      expect(sides).toContain(false);
    }
    // Both sides of 'notice-queue' (issue #20), for every process with notices (RECORD_PREFIX=notice-queue-):
    // before it, each notice an activity of the workflow's own; after it, none (queued by a local activity).
    const noticeActivities = (json: RecordedHistory) =>
      json.events.filter((e) => /^notify[A-Za-z]+Event$/.test(e.activityTaskScheduledEventAttributes?.activityType?.name ?? '')).length;
    for (const prefix of ['application-', 'offer-', 'sponsorship-', 'company-verification-', 'contact-request-']) {
      const ofProcess = histories.filter(({ workflowId }) => workflowId.startsWith(prefix) && !workflowId.startsWith('offer-invitations-'));
      const queued = ofProcess.filter(({ json }) => patchesOf(json).includes('notice-queue'));
      expect(queued.length, `${prefix} after notice-queue`).toBeGreaterThan(0);
      for (const { file, json } of queued) expect(noticeActivities(json), `${file}: no notice activity`).toBe(0);
      expect(ofProcess.filter(({ json }) => !patchesOf(json).includes('notice-queue') && noticeActivities(json) > 0).length, `${prefix} before notice-queue`).toBeGreaterThan(0);
    }
    // Both sides of 'fifo-handler-lock', for every process (RECORD_PREFIX=engine-), and on the old side a
    // race where two Updates ran together under the condition lock (remote activities: their results'
    // order is in the history, so it replays; fails without the patch, see workflows/process.ts).
    for (const prefix of ['application-', 'offer-', 'sponsorship-', 'company-verification-']) {
      const ofProcess = histories.filter(({ workflowId }) => workflowId.startsWith(prefix));
      const patchedSide = ofProcess.filter(({ json }) => patchesOf(json).includes('fifo-handler-lock'));
      expect(patchedSide.length, `${prefix} after the patch`).toBeGreaterThan(0);
      expect(patchedSide.length, `${prefix} before the patch`).toBeLessThan(ofProcess.length);
    }
    // Both sides of 'interview-done-after-start' (RECORD_PREFIX=done-after-start-): before it, an interview
    // marked done ahead of its start, which must still replay as it ran; after it, only once started.
    const applications = histories.filter(({ workflowId }) => workflowId.startsWith('application-'));
    const doneBefore = await Promise.all(applications.map(async ({ json }) => ({ patched: patchesOf(json).includes('interview-done-after-start'), marked: await markedDoneBeforeStart(json) })));
    expect(doneBefore.some(({ patched, marked }) => !patched && marked.includes(true)), 'an interview marked done before its start, before the patch').toBe(true);
    expect(doneBefore.filter(({ patched, marked }) => patched && marked.length > 0).length, 'interviews marked done after the patch').toBeGreaterThan(0);
    expect(doneBefore.filter(({ patched }) => patched).flatMap(({ marked }) => marked), 'after the patch, never before the start').not.toContain(true);
    const race = histories.find(({ file }) => file === 'sponsorship-race-accept-accept.json');
    expect(race && patchesOf(race.json), 'the race recorded before the patch').not.toContain('fifo-handler-lock');
    expect(race!.json.events.filter((e) => e.workflowExecutionUpdateCompletedEventAttributes?.outcome?.success).length, 'both accepts completed').toBe(2);
    // A case handed over to another référent (change_follow_up, an Update with its search attribute
    // upsert), for both processes that have a follow-up.
    const updateRequests = async (json: RecordedHistory): Promise<Array<{ action: string; reason?: string }>> =>
      Promise.all(json.events.flatMap((e) => {
        const input = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input;
        return input?.args?.payloads?.[0] ? [valueOf(input.args.payloads[0])] : [];
      }));
    const updateNames = async (json: RecordedHistory) => (await updateRequests(json)).map((request) => request.action);
    for (const prefix of ['application-', 'sponsorship-']) {
      const handedOver = [];
      for (const history of histories) if (history.workflowId.startsWith(prefix) && (await updateNames(history.json)).includes('change_follow_up')) handedOver.push(history);
      expect(handedOver.length, `${prefix} handed over by change_follow_up`).toBeGreaterThan(0);
    }
    // A published offer edited ('offer-edit-published'): edit → approve → expiry, edit → reject →
    // resubmit → approve, edit then expiry in moderation; the offers recorded before it still replay.
    const offers = histories.filter(({ workflowId }) => workflowId.startsWith('offer-'));
    const edited = [];
    for (const history of offers) if ((await updateNames(history.json)).includes('edit')) edited.push(history);
    expect(edited.map(({ file }) => file).sort(), 'offers edited once published').toEqual(
      [
        'approve-in-write-offer-edited-rejected-resubmitted-approved.json',
        'baseline-offer-edited-rejected-resubmitted-approved.json',
        'local-projection-offer-edited-rejected-resubmitted-approved.json',
        'notice-with-event-offer-edited-rejected-resubmitted-approved.json',
        'offer-edited-approved-expired.json',
        'offer-edited-expired-in-moderation.json',
        'offer-edited-rejected-resubmitted-approved.json',
        'patches-at-start-offer-edited-rejected-resubmitted-approved.json',
      ],
    );
    for (const { file, json } of edited) expect(patchesOf(json), file).toContain('offer-edit-published');
    expect(offers.filter(({ json }) => !patchesOf(json).includes('offer-edit-published')).length, 'offers recorded before the edit').toBeGreaterThan(0);
    // The chosen end date read by the approval's write ('offer-approve-in-write'): one local activity
    // less per approval, and an approval refused by its write (a failed marker, nothing after it moved);
    // the approvals recorded before, with their own read, still replay.
    const withLocalWrites = offers.filter(({ json }) => localActivitiesOf(json) > 0).map((history) => ({ ...history, writes: localActivityTypesOf(history.json) }));
    const inWrite = withLocalWrites.filter(({ json }) => patchesOf(json).includes('offer-approve-in-write'));
    expect(inWrite.map(({ file }) => file).sort(), 'offers recorded after the patch').toEqual([
      'approve-in-write-offer-edited-rejected-resubmitted-approved.json',
      'approve-in-write-offer-end-date-passed-then-approved.json',
      'approve-in-write-offer-published-then-archived.json',
      'baseline-offer-edited-rejected-resubmitted-approved.json',
      'baseline-offer-end-date-passed-then-approved.json',
    ]);
    for (const { file, writes } of inWrite) expect(writes.filter((w) => w.startsWith('offerExpiryOnApproval')), file).toEqual([]);
    const refusedByWrite = inWrite.filter(({ file }) => file.includes('end-date-passed'));
    expect(refusedByWrite.length).toBe(2);
    for (const { file, writes } of refusedByWrite) expect(writes, file).toContain('recordOfferEvent(failed)');
    expect(withLocalWrites.filter(({ json, writes }) => !patchesOf(json).includes('offer-approve-in-write') && writes.includes('offerExpiryOnApproval')).length, 'approvals before the patch').toBeGreaterThan(0);
    // Interviews moved (issue #16): another time asked, moved and held; reminded again after a move; two moves at once.
    const applicationActions = await Promise.all(applications.map(async (history) => ({ file: history.file, actions: await updateNames(history.json) })));
    expect(applicationActions.filter(({ actions }) => actions.includes('reschedule_interview')).map(({ file }) => file).sort(), 'interviews moved').toEqual([
      'interview-moved-reminded-again-then-refused.json',
      'interview-moved-then-hired.json',
    ]);
    expect(applicationActions.some(({ actions }) => actions.includes('request_other_slot')), 'another time asked').toBe(true);
    // Anonymous applications (issue #19): lifted for a contact later, then contacted, after the patch.
    const lifted = applicationActions.filter(({ actions }) => actions.includes('lift_anonymity') && actions.includes('mark_contacted'));
    expect(lifted.map(({ file }) => file), 'anonymity lifted, then contacted').toEqual(['anonymous-lifted-contacted-then-refused.json']);
    for (const { file } of lifted) expect(patchesOf(histories.find((h) => h.file === file)!.json), file).toContain('anonymous-applications');
    // Both sides of 'refusal-reasons' (RECORD_PREFIX=refusal-reasons-): refuse and not_hire recorded
    // without a reason still replay (the handler's re-check rules as their validator did); since, each has one.
    const refusalSides = await Promise.all(
      applications.map(async ({ json }) => ({
        patched: patchesOf(json).includes('refusal-reasons'),
        refusals: (await updateRequests(json)).filter((request) => request.action === 'refuse' || request.action === 'not_hire'),
      })),
    );
    expect(refusalSides.some(({ patched, refusals }) => !patched && refusals.length > 0 && refusals.every((r) => !r.reason)), 'refusals without a reason, before the patch').toBe(true);
    const reasoned = refusalSides.filter(({ patched }) => patched).flatMap(({ refusals }) => refusals);
    expect(new Set(reasoned.map((r) => r.action)), 'refuse and not_hire after the patch').toEqual(new Set(['refuse', 'not_hire']));
    expect(reasoned.filter((r) => !r.reason), 'after the patch, each with its reason').toEqual([]);
    // Recorded since payloads are encrypted and starts and Updates sealed, for every process: they
    // replay with the keys (the seals are not checked again on replay).
    for (const prefix of ['application-', 'offer-', 'sponsorship-', 'company-verification-']) {
      expect(histories.some(({ workflowId, json }) => workflowId.startsWith(prefix) && isEncrypted(json)), `${prefix} encrypted`).toBe(true);
    }
    // Both sides of 'patches-at-start' (RECORD_PREFIX=patches-at-start-): since, every patch is decided
    // in the first activation, before the first local activity (workflows/process.ts, decidePatchesAtStart).
    for (const prefix of ['application-', 'offer-', 'sponsorship-', 'company-verification-', 'contact-request-']) {
      const sides = histories.filter(({ workflowId }) => workflowId.startsWith(prefix)).map(({ json }) => patchesOf(json).includes('patches-at-start'));
      expect(sides, `${prefix} on both sides of patches-at-start`).toContain(true);
      expect(sides).toContain(false);
    }
    for (const { file, json } of histories.filter(({ json }) => patchesOf(json).includes('patches-at-start'))) {
      expect(patchesAfterFirstWrite(json), `${file}: patches met after a local activity`).toEqual([]);
    }
    // Both sides of 'notice-with-event' (RECORD_PREFIX=notice-with-event-): since, each event's write
    // queues its notice, so the same path records fewer local activities (no queueNotice after a write).
    for (const prefix of ['application-', 'offer-', 'sponsorship-', 'company-verification-', 'contact-request-']) {
      const sides = histories.filter(({ workflowId, json }) => workflowId.startsWith(prefix) && patchesOf(json).includes('patches-at-start')).map(({ json }) => patchesOf(json).includes('notice-with-event'));
      expect(sides, `${prefix} on both sides of notice-with-event`).toContain(true);
      expect(sides).toContain(false);
    }
    for (const { file, json } of histories.filter(({ file }) => file.startsWith('notice-with-event-'))) {
      const before = histories.find((h) => h.file === file.replace(/^notice-with-event-/, 'patches-at-start-'));
      if (before) expect(localActivitiesOf(json), `${file}: local activities against ${before.file}`).toBeLessThan(localActivitiesOf(before.json));
    }
    // Both sides of the baseline (RECORD_PREFIX=baseline-, workflows/patches.ts): since, one patch marker
    // and one TemporalChangeVersion upsert stand for every patch it holds, two events where the same
    // path recorded two per patch.
    const changeVersionUpserts = (json: RecordedHistory) =>
      json.events.filter((e) => e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields?.TemporalChangeVersion).length;
    for (const prefix of ['application-', 'offer-', 'sponsorship-', 'company-verification-', 'contact-request-']) {
      const sides = histories.filter(({ workflowId }) => workflowId.startsWith(prefix)).map(({ json }) => patchMarkersOf(json).includes(PATCH_BASELINE));
      expect(sides, `${prefix} on both sides of the baseline`).toContain(true);
      expect(sides).toContain(false);
    }
    const onBaseline = histories.filter(({ json }) => patchMarkersOf(json).includes(PATCH_BASELINE));
    expect(onBaseline.map(({ file }) => file).every((file) => file.startsWith('baseline-'))).toBe(true);
    for (const { file, json } of onBaseline) {
      expect(patchMarkersOf(json), file).toEqual([PATCH_BASELINE]);
      expect(changeVersionUpserts(json), file).toBe(1);
      expect(patchesAfterFirstWrite(json), file).toEqual([]);
      // The same path recorded by the code just before (offers: since their approval's write).
      const before = ['approve-in-write-', 'notice-with-event-'].map((prefix) => histories.find((h) => h.file === file.replace(/^baseline-/, prefix))).find(Boolean);
      if (before) {
        const patchesBefore = patchMarkersOf(before.json).length;
        expect(changeVersionUpserts(before.json), before.file).toBe(patchesBefore);
        expect(json.events.length, `${file} against ${before.file}`).toBe(before.json.events.length - 2 * (patchesBefore - 1));
      }
    }
    const results = await replay(histories);
    expect(results).toEqual(histories.map(({ workflowId }) => ({ workflowId, error: null })));
  });

  it('replays the notice drainer on both sides of notices-task-queue (its histories running, test/histories/drainer/)', { timeout: 60_000 }, async () => {
    const folder = new URL('drainer/', HISTORIES);
    const drainers = await Promise.all(
      (await readdir(folder)).filter((f) => f.endsWith('.json')).sort().map(async (file) => ({ file, json: JSON.parse(await readFile(new URL(file, folder), 'utf8')) as RecordedHistory })),
    );
    const drains = (json: RecordedHistory) => json.events.flatMap((e) => (e.activityTaskScheduledEventAttributes?.activityType?.name === 'drainNoticeQueue' ? [e.activityTaskScheduledEventAttributes] : []));
    // Before: the drain run on the workflows' own task queue; since: on the notices' own, told which queue it drains.
    const before = drainers.filter(({ json }) => !patchesOf(json).includes('notices-task-queue'));
    const after = drainers.filter(({ json }) => patchesOf(json).includes('notices-task-queue'));
    expect(before.length, 'a drainer recorded before the patch').toBeGreaterThan(0);
    expect(after.length, 'a drainer recorded after it').toBeGreaterThan(0);
    for (const { file, json } of before) for (const drain of drains(json)) expect(drain.taskQueue.name.endsWith(':notices'), file).toBe(false);
    for (const { file, json } of after) {
      expect(drains(json).length, file).toBeGreaterThan(0);
      for (const drain of drains(json)) {
        expect(drain.taskQueue.name.endsWith(':notices'), file).toBe(true);
        expect(await valueOf(drain.input.payloads[0]), file).toEqual({ taskQueue: drain.taskQueue.name.replace(/:notices$/, '') });
      }
    }
    const histories = drainers.map(({ json }) => ({ workflowId: 'notice-queue:replay', history: historyFromRecord(json) }));
    expect(await replay(histories)).toEqual(histories.map(() => ({ workflowId: 'notice-queue:replay', error: null })));
  });

  it('replays a first task split by a query once the patches are decided at start; before, the split history does not replay (test/histories/query-split/)', async () => {
    // A query answered while the first write's result waited: the task ended on that write's marker, and
    // the code after it (the first notice, its patch) ran in the next (workflows/process.ts, decidePatchesAtStart).
    const folder = new URL('query-split/', HISTORIES);
    const load = async (file: string) => JSON.parse(await readFile(new URL(file, folder), 'utf8')) as RecordedHistory;
    const [before, after] = await Promise.all([load('before-patches-at-start.json'), load('after-patches-at-start.json')]);
    for (const json of [before, after]) expect(firstWriteEndsItsTask(json)).toBe(true);
    expect(patchesOf(before)).not.toContain('patches-at-start');
    expect(patchesOf(after)).toContain('patches-at-start');
    const [old, decided] = await replay([before, after].map((json) => ({ workflowId: 'application:query-split', history: historyFromRecord(json) })));
    // The SDK's own hazard (sdk-core 1.24): if this ever replays, the hazard is gone upstream.
    expect(old!.error).toMatch(/patch marker encountered for change notice-queue/);
    expect(decided!.error).toBeNull();
  });

  it('would notice a history the code no longer matches', async () => {
    // The same history, as if an older version had called another activity first: replay must refuse it.
    const [first] = await loadHistories();
    const json = structuredClone(first!.json);
    const scheduled = json.events.find((e) => e.activityTaskScheduledEventAttributes);
    scheduled!.activityTaskScheduledEventAttributes.activityType.name = 'recordSomethingElse';
    const [result] = await replay([{ workflowId: first!.workflowId, history: historyFromRecord(json) }]);
    expect(result!.error).toMatch(/DeterminismViolationError|nondetermin/i);
  });
});
