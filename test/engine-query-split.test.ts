// A query that reaches a workflow task while a local activity's result waits for the workflow splits the
// task: sdk-core completes it with the activity's marker and forces another, where the code after the
// result runs. A replay runs that code in the first task, before it knows the second's patch markers: a
// patch met there for the first time (a notice after the first write) took the old path and the history
// no longer replayed — the workflow stuck once out of the worker's cache (workflows/process.ts,
// decidePatchesAtStart). Here, applications are queried as they start, on the platform's busy worker,
// until some tasks split; each must have decided its patches in its first task, before any local
// activity, and replay: a query on the closed workflow replays it on the worker.
import { beforeAll, describe, expect, it } from 'vitest';
import { act, snapshotOf, startApplication, workflowHistoryOf } from './drivers.js';
import { createCast, type Cast } from './fixtures.js';
import { codeAfterFirstWriteRan, firstWriteEndsItsTask, patchMarkersOf, patchesAfterFirstWrite, patchesOf, recordedOf } from './history-markers.js';
import { PATCH_BASELINE } from '../workflows/patches.js';
import { eventually, temporalClient } from './support.js';

const BATCH = 30;
const MOST_BATCHES = 10;

let cast: Cast;
beforeAll(async () => {
  cast = await createCast();
});

/** An application started and queried at once, three times, as a page would while it is created. */
async function startedWhileQueried() {
  const started = await startApplication(cast, { waitForRow: false });
  const handle = (await temporalClient()).workflow.getHandle(started.workflowId);
  await Promise.all([1, 2, 3].map(() => handle.query('snapshot').catch(() => null)));
  return started;
}

/** Its history, once the code after its first write ran (`started`: the case's search attributes). */
const historyOnceStarted = (workflowId: string) =>
  eventually(async () => {
    const history = recordedOf(await workflowHistoryOf(workflowId));
    return codeAfterFirstWriteRan(history) && history;
  }, 20_000, `${workflowId}: started`);

describe('a workflow queried as it starts', () => {
  it('decides its patches in its first task, before any local activity: a task split by a query replays', { timeout: 300_000 }, async () => {
    const split: Array<Awaited<ReturnType<typeof startApplication>>> = [];
    let whole: Awaited<ReturnType<typeof startApplication>> | null = null;
    for (let batch = 0; batch < MOST_BATCHES && split.length === 0; batch++) {
      const started = await Promise.all(Array.from({ length: BATCH }, startedWhileQueried));
      for (const application of started) {
        const history = await historyOnceStarted(application.workflowId);
        // Every patch before the first write: none is met for the first time after a local activity.
        expect(patchesAfterFirstWrite(history), application.workflowId).toEqual([]);
        expect(patchesOf(history), application.workflowId).toEqual(expect.arrayContaining(['patches-at-start', 'notice-queue', 'adopt-held', 'interview-reminder-skips-late-proposals', 'notice-with-event']));
        // All of them told by one marker (workflows/patches.ts), not one marker and one upsert each.
        expect(patchMarkersOf(history), application.workflowId).toEqual([PATCH_BASELINE]);
        // Split: the task ended on the first write's marker; what followed it ran in the next task.
        if (firstWriteEndsItsTask(history)) split.push(application);
        else whole ??= application;
      }
    }
    expect(split.length, `no task split by a query in ${MOST_BATCHES} batches of ${BATCH}`).toBeGreaterThan(0);
    // Closed, each is out of the worker's cache: the query replays its whole history there.
    for (const application of [...split, ...(whole ? [whole] : [])]) {
      await act('application', application.candidate, application.id, { action: 'withdraw' }, 'WITHDRAWN');
      const handle = (await temporalClient()).workflow.getHandle(application.workflowId);
      await eventually(async () => (await handle.describe()).status.name === 'COMPLETED', 20_000, `${application.workflowId} closed`);
      expect(await snapshotOf(application.workflowId), application.workflowId).toMatchObject({ status: 'WITHDRAWN', events: 2 });
    }
  });
});
