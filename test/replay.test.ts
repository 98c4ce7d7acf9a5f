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
import { applicationWorkflowId } from '../workflows/application-rules.js';
import { companyVerificationWorkflowId } from '../workflows/company-verification-rules.js';
import { offerWorkflowId } from '../workflows/offer-rules.js';
import { sponsorshipWorkflowId } from '../workflows/sponsorship-rules.js';

const HISTORIES = new URL('./histories/', import.meta.url);

interface RecordedHistory {
  events: Array<Record<string, any>>;
}

/** Histories carry no workflow id; the entity's id is in the workflow's input. */
function workflowIdOf(json: RecordedHistory): string {
  const payload = json.events[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0]?.data;
  const input = payload ? (JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as Record<string, string>) : {};
  if (input.applicationId) return applicationWorkflowId(input.applicationId);
  if (input.offerId) return offerWorkflowId(input.offerId);
  if (input.sponsorshipId) return sponsorshipWorkflowId(input.sponsorshipId);
  if (input.membershipId) return companyVerificationWorkflowId(input.membershipId);
  return 'replay';
}

const History = temporal.api.history.v1.History;
const historyFromRecord = (json: RecordedHistory) => History.fromObject(json);

async function loadHistories() {
  const files = (await readdir(HISTORIES)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (file) => {
      const json = JSON.parse(await readFile(new URL(file, HISTORIES), 'utf8')) as RecordedHistory;
      return { file, json, workflowId: workflowIdOf(json), history: historyFromRecord(json) };
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
  const replayer = Worker.runReplayHistories({ workflowBundle: { codePath: inject('workflowBundlePath') } }, histories);
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
      if (!file.includes('reminded-expired')) expect(types, file).toContain('EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED');
    }
    // Every process has histories.
    for (const prefix of ['application-', 'offer-', 'sponsorship-', 'company-verification-']) {
      expect(histories.some(({ workflowId }) => workflowId.startsWith(prefix)), prefix).toBe(true);
    }
    // Both sides of the 'projection-local-activities' patch: remote projection activities (recorded
    // before it) and local ones (RECORD_PREFIX=local-projection-).
    const local = histories.filter(({ json }) => json.events.some((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity'));
    expect(local.length).toBeGreaterThan(0);
    expect(local.length).toBeLessThan(histories.length);
    const results = await replay(histories);
    expect(results).toEqual(histories.map(({ workflowId }) => ({ workflowId, error: null })));
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
