// Every activity the worker registers, built from the same injected dependencies.
import { createApplicationActivities } from './application.js';
import type { ActivityDeps } from './deps.js';

export type { ActivityDeps } from './deps.js';

export function createActivities(deps: ActivityDeps) {
  return {
    ...createApplicationActivities(deps),
  };
}
