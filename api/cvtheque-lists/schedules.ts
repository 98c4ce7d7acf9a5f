// The alert of a saved search is a Temporal Schedule `saved-search-<id>` starting savedSearchAlertWorkflow
// every SAVED_SEARCH_ALERT_INTERVAL (issue #17, item 7). Shared by the API (create, pause, unpause,
// delete with the saved search) and the alert's activity (which pauses or deletes a Schedule the
// database no longer backs). Operators find it in the Temporal UI under « Schedules » by its id, its
// company with `CompanyId = "<id>"` (a search attribute of the Schedule and of its runs; the dev
// server's 10 keyword attributes are all taken, so the saved search is named by the ids), its runs with
// `TemporalScheduledById = "saved-search-<id>"`. Its memo and its runs' input carry ids only.
//
// The database decides, the Schedule follows; the order of the two writes keeps a failure between them
// harmless and repaired by the next run (api/cvtheque-lists/service.ts, activities/saved-search-alert.ts):
//   - creation: the Schedule first (running), then the row, then pause it if the alert is off. A Schedule
//     whose row never came runs once and deletes itself;
//   - alert on: unpause first, then the row; alert off and deletion: the row first, then pause / delete.
//     A run of a Schedule whose row says « off » pauses it; whose row is gone deletes it.
import { ScheduleAlreadyRunning, ScheduleNotFoundError, type Client } from '@temporalio/client';
import { CompanyId } from '../../workflows/search-attributes.js';

export const savedSearchScheduleId = (savedSearchId: string) => `saved-search-${savedSearchId}`;
/** The runs' workflow id (Temporal appends the scheduled time to it). */
export const savedSearchAlertWorkflowId = (savedSearchId: string) => `saved-search-alert-${savedSearchId}`;

export interface ScheduleTarget {
  savedSearchId: string;
  companyId: string;
}

export function savedSearchSchedules(temporal: Client, config: { TEMPORAL_TASK_QUEUE: string; SAVED_SEARCH_ALERT_INTERVAL: number }) {
  const handle = (savedSearchId: string) => temporal.schedule.getHandle(savedSearchScheduleId(savedSearchId));
  const attributes = (target: ScheduleTarget) => [{ key: CompanyId, value: target.companyId }];

  return {
    /** Creates the Schedule, running (idempotent: one already there is unpaused). */
    async create(target: ScheduleTarget): Promise<void> {
      try {
        await temporal.schedule.create({
          scheduleId: savedSearchScheduleId(target.savedSearchId),
          spec: { intervals: [{ every: config.SAVED_SEARCH_ALERT_INTERVAL }] },
          action: {
            type: 'startWorkflow',
            workflowType: 'savedSearchAlertWorkflow',
            workflowId: savedSearchAlertWorkflowId(target.savedSearchId),
            taskQueue: config.TEMPORAL_TASK_QUEUE,
            args: [{ savedSearchId: target.savedSearchId }],
            typedSearchAttributes: attributes(target),
          },
          policies: { overlap: 'SKIP', catchupWindow: '1 hour' },
          memo: { savedSearchId: target.savedSearchId, companyId: target.companyId },
          typedSearchAttributes: attributes(target),
          state: { note: 'Alerte de recherche enregistrée (CVthèque)' },
        });
      } catch (error) {
        if (!(error instanceof ScheduleAlreadyRunning)) throw error;
        await handle(target.savedSearchId).unpause('Alerte activée');
      }
    },
    async pause(savedSearchId: string, note = 'Alerte désactivée'): Promise<void> {
      try {
        await handle(savedSearchId).pause(note);
      } catch (error) {
        if (!(error instanceof ScheduleNotFoundError)) throw error;
      }
    },
    /** Unpauses it, creating it when it is missing. */
    async resume(target: ScheduleTarget): Promise<void> {
      try {
        await handle(target.savedSearchId).unpause('Alerte activée');
      } catch (error) {
        if (!(error instanceof ScheduleNotFoundError)) throw error;
        await this.create(target);
      }
    },
    /** Deletes it; one already gone is fine. */
    async remove(savedSearchId: string): Promise<void> {
      try {
        await handle(savedSearchId).delete();
      } catch (error) {
        if (!(error instanceof ScheduleNotFoundError)) throw error;
      }
    },
    handle,
  };
}
export type SavedSearchSchedules = ReturnType<typeof savedSearchSchedules>;
