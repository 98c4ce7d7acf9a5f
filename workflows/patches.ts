// The patches a workflow started on today's code takes, told by one marker instead of one each. sdk-core
// records every `patched()` taken as a marker and an upsert of the TemporalChangeVersion search
// attribute: an application started with its patches one by one carried twenty history events for them
// (37 in all once validated, 19 since), replayed by every cold transition (issue #20).
import { patched } from '@temporalio/workflow';

/** The marker of every patch in BASELINE_PATCHES: workflows started on the code of 2026-12-06 or later. */
export const PATCH_BASELINE = 'patches-2026-12-06';

/**
 * The patches the baseline says taken. Fixed for good: a workflow that recorded the baseline took these
 * and no others, so a later patch stays out of this list (it gets its own marker, or a later baseline
 * whose list holds this one's).
 */
export const BASELINE_PATCHES: ReadonlySet<string> = new Set([
  'projection-local-activities',
  'interview-done-after-start',
  'refusal-reasons',
  'anonymous-applications',
  'interview-reminder-skips-late-proposals',
  'offer-approve-in-write',
  'offer-edit-published',
  'notice-queue',
  'patches-at-start',
  'fifo-handler-lock',
  'notice-with-event',
  'adopt-held',
]);

/** A workflow's own view of its patches (workflow modules are shared by every workflow: no state there). */
export interface Patches {
  /** `patched(id)`, or true without a marker of its own when the workflow took the baseline and it holds `id`. */
  has(id: string): boolean;
}

/**
 * Called first, in the workflow's first activation, before any local activity: a new workflow records
 * the baseline there; a workflow started before (replaying, no such marker) asks each patch where its
 * history recorded it, as it always did.
 */
export function patchesAtStart(): Patches {
  const baseline = patched(PATCH_BASELINE);
  return { has: (id) => (baseline && BASELINE_PATCHES.has(id)) || patched(id) };
}
