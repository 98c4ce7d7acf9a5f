// The cheapest Update Temporal can run: no projection, no activity, no mail. `npm run bench` times it
// on the same dev server as the transitions, so the report shows which part of a transition's cost is
// the Update round trip itself, and what bounds throughput on this machine whatever our code does.
import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

export const touch = defineUpdate<number, []>('touch');

export async function floorWorkflow(): Promise<void> {
  let touched = 0;
  setHandler(touch, () => ++touched);
  // Kept open like an application waiting for its next action; the bench terminates it.
  await condition(() => false);
}
