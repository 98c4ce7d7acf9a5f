// savedSearchAlertWorkflow: one run of a saved search's alert, started by its Temporal Schedule
// `saved-search-<id>` (api/cvtheque-lists/schedules.ts) every SAVED_SEARCH_ALERT_INTERVAL. One activity
// does the work (find the new matching profiles, record them, mail the recruiter once); the history
// carries the saved search's id and the outcome only, never criteria, names or profiles.
//
// Started by the Schedule, not by the API: no actor seal (workflows/seal-interceptors.ts lets this type
// through unsealed: it takes no actor, acts for nobody, and its activity reads everything it needs —
// whether the search, its author and their company still exist and are active — from the database).
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { createSavedSearchAlertActivities } from '../activities/saved-search-alert.js';
import { noticeActivity } from './process.js';

type Activities = ReturnType<typeof createSavedSearchAlertActivities>;

export interface SavedSearchAlertInput {
  savedSearchId: string;
}

const { runSavedSearchAlert } = proxyActivities<Activities>(noticeActivity);

export async function savedSearchAlertWorkflow(input: SavedSearchAlertInput): Promise<string> {
  // The run (the Schedule appends the time to the workflow id, to the second only: two triggers in one
  // second share it, hence the run id too): the batch a retried activity mails again, never twice.
  const { workflowId, runId } = workflowInfo();
  return runSavedSearchAlert({ savedSearchId: input.savedSearchId, batch: `${workflowId}/${runId}` });
}
