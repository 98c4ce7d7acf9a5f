// What a history's markers say, read the same way from a recorded file (test/histories/) and from a
// live workflow: `History.toJSON()` of @temporalio/proto (enum names, bytes in base64; see
// test/replay.test.ts for why not the SDK's own history JSON).
import { temporal } from '@temporalio/proto';
import type { HistoryEvent } from './drivers.js';
import { BASELINE_PATCHES, PATCH_BASELINE } from '../workflows/patches.js';

export interface RecordedHistory {
  events: Array<Record<string, any>>;
}

/** A live history (drivers.ts `workflowHistoryOf`) in the form of a recorded one. */
export const recordedOf = (events: HistoryEvent[]): RecordedHistory => temporal.api.history.v1.History.fromObject({ events }).toJSON() as RecordedHistory;

const isLocalActivity = (e: Record<string, any>) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity';

/** The ids its core_patch markers record, in order. */
export function patchMarkersOf(json: RecordedHistory): string[] {
  return json.events
    .filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch')
    .map((e) => JSON.parse(Buffer.from(e.markerRecordedEventAttributes.details['patch-data'].payloads[0].data, 'base64').toString('utf8')).id as string);
}

/** The ids of the patches a history went through: its markers, the baseline's standing for those it holds (workflows/patches.ts). */
export function patchesOf(json: RecordedHistory): string[] {
  return patchMarkersOf(json).flatMap((id) => (id === PATCH_BASELINE ? [id, ...BASELINE_PATCHES] : [id]));
}

/** How many local activities' results it records. */
export const localActivitiesOf = (json: RecordedHistory): number => json.events.filter(isLocalActivity).length;

/** Its local activities in order, by type, `(failed)` after those whose result is a failure. */
export const localActivityTypesOf = (json: RecordedHistory): string[] =>
  json.events.filter(isLocalActivity).map((e) => {
    const { details, failure } = e.markerRecordedEventAttributes;
    const type = JSON.parse(Buffer.from(details.data.payloads[0].data, 'base64').toString('utf8')).activity_type as string;
    return failure ? `${type}(failed)` : type;
  });

/** Where its first local activity's marker is (its first write), -1 when none. */
const firstWriteAt = (json: RecordedHistory): number => json.events.findIndex(isLocalActivity);

/**
 * The patches it first met after its first write: none once they are decided at the start
 * (workflows/process.ts, decidePatchesAtStart). Null when it has no write.
 */
export function patchesAfterFirstWrite(json: RecordedHistory): string[] | null {
  const at = firstWriteAt(json);
  return at < 0 ? null : patchesOf({ events: json.events.slice(at) });
}

/** The code after its first write ran: a search-attribute upsert follows that write's marker (the engine's `started`). */
export function codeAfterFirstWriteRan(json: RecordedHistory): boolean {
  const at = firstWriteAt(json);
  return at >= 0 && json.events.slice(at + 1).some((e) => e.eventType === 'EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES');
}

/** Its first task split by a query: that task ended on its first write's marker (the code after it ran in the next). */
export function firstWriteEndsItsTask(json: RecordedHistory): boolean {
  const at = firstWriteAt(json);
  return at >= 0 && json.events[at + 1]?.eventType === 'EVENT_TYPE_WORKFLOW_TASK_SCHEDULED';
}
