// A projection write the database refuses for good is a bug to see, not to retry forever: the history
// event the workflow would write already holds another event (what the old lock let two handlers do).
// The transition answers 503 in bounded time, nothing moves (row, workflow, search attributes), the
// workflow task fails in the Temporal UI with the reason, the history does not grow while it waits,
// and once an operator repairs the data the workflow goes on by itself.
import { describe, expect, inject, it } from 'vitest';
import { insertProcessEvent } from '../activities/process-events.js';
import { createDatabase } from '../models/index.js';
import { reconcile } from '../scripts/reconcile.js';
import { workflowIdOf } from '../workflows/processes.js';
import { ApplicationStatus } from '../workflows/search-attributes.js';
import { act, eventsOf, rowOf, snapshotOf, transition, workflowHistoryOf } from './drivers.js';
import { createCast } from './fixtures.js';
import { eventually, sql, temporalClient } from './support.js';

describe('a projection write the database refuses', () => {
  it('answers 503 in bounded time, moves nothing, shows the failure to operators, and resumes once repaired', { timeout: 180_000 }, async () => {
    const cast = await createCast();
    const created = await (await cast.loneCandidate.client()).post('/api/applications', { offerId: cast.company.offerId, message: 'Bonjour.' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const workflowId = workflowIdOf('application', id);
    expect((await rowOf('application', id)).status).toBe('PENDING_RECRUITER');
    const seq = (await eventsOf('application', id)).length; // created, referent_skipped
    await eventually(async () => (await snapshotOf<{ events: number }>(workflowId)).events === seq, 15_000, 'workflow started');

    // Someone else's event where the workflow's next one goes.
    await sql(`INSERT INTO application_events (application_id, seq, type, from_status, to_status, at) VALUES ($1, $2, 'withdraw', 'PENDING_RECRUITER', 'WITHDRAWN', now())`, [id, seq]);

    const started = Date.now();
    const refused = await transition('application', cast.recruiter, id, { action: 'accept' }, { timeoutMs: 60_000 });
    expect(refused.status, JSON.stringify(refused.body)).toBe(503);
    expect(refused.body.error.code).toBe('SERVICE_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(45_000);

    // Nothing moved: the row, and the workflow (its status search attribute, its events).
    expect((await rowOf('application', id)).status).toBe('PENDING_RECRUITER');
    const handle = (await temporalClient()).workflow.getHandle(workflowId);
    expect((await handle.describe()).typedSearchAttributes.get(ApplicationStatus)).toBe('PENDING_RECRUITER');

    // Operators see why, and the history does not grow while the task is retried (the retries of a
    // failing workflow task are not written to it; before, a retried local activity added timers).
    const events = await workflowHistoryOf(workflowId);
    const failure = events.find((e) => e.workflowTaskFailedEventAttributes)?.workflowTaskFailedEventAttributes?.failure?.message ?? '';
    expect(failure).toMatch(/Écriture de l’événement \d+ \(accept\) impossible/);
    expect(failure).toMatch(/déjà « withdraw »/);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const settled = (await workflowHistoryOf(workflowId)).length;
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    expect((await workflowHistoryOf(workflowId)).length - settled, 'events added in 10 s while the task fails').toBeLessThanOrEqual(1);

    // The operator removes the stray event: the workflow takes the action it was sent, or a new one.
    await sql(`DELETE FROM application_events WHERE application_id = $1 AND seq = $2`, [id, seq]);
    const moved = await eventually(
      async () => {
        const row = await rowOf('application', id);
        if (row.status === 'ACCEPTED') return row;
        const retry = await transition('application', cast.recruiter, id, { action: 'accept' }, { timeoutMs: 40_000 });
        return retry.status === 200 ? rowOf('application', id) : null;
      },
      90_000,
      'the application accepted once repaired',
    );
    expect(moved.status).toBe('ACCEPTED');
    await act('application', cast.recruiter, id, { action: 'refuse', reason: 'POSTE_POURVU', message: 'Le poste est pourvu.' }, 'REFUSED');
    const sequelize = createDatabase(inject('databaseUrl'), { poolMax: 2 });
    try {
      const report = await reconcile({ sequelize, temporal: await temporalClient(), only: [id], processes: ['application'], recheckMs: 500 });
      expect(report.differences).toEqual([]);
    } finally {
      await sequelize.close();
    }
  });

  it('keeps whose event each is: a retry of the same Update, another Update waiting to run again (PLACE_TAKEN), or a conflict', async () => {
    const cast = await createCast();
    const created = await (await cast.loneCandidate.client()).post('/api/applications', { offerId: cast.company.offerId, message: 'Bonjour.' });
    const id = created.body.id as string;
    await act('application', cast.recruiter, id, { action: 'accept' }, 'ACCEPTED');
    // The engine writes the Update's id with each action's event, none with the creation's.
    const rows = await sql<{ type: string; update_id: string | null }>(`SELECT type, update_id FROM application_events WHERE application_id = $1 ORDER BY seq`, [id]);
    expect(rows.map((r) => [r.type, r.update_id !== null])).toEqual([
      ['created', false],
      ['referent_skipped', false],
      ['accept', true],
    ]);

    const sequelize = createDatabase(inject('databaseUrl'), { poolMax: 2 });
    try {
      const seq = rows.length;
      const event = { entity: 'application' as const, entityId: id, seq, type: 'refuse', fromStatus: 'ACCEPTED', toStatus: 'REFUSED', actor: { id: cast.recruiter.id, role: 'RECRUITER' as const }, message: 'Non.', at: new Date().toISOString() };
      // Written by a workflow task that was lost: the Update "first" wrote it.
      expect(await insertProcessEvent(sequelize, { ...event, updateId: 'first' })).toBe(true);
      // "first" runs again: its own event, a retry.
      expect(await insertProcessEvent(sequelize, { ...event, updateId: 'first' })).toBe(false);
      // "second" came back before it while "first" waits: the place is first's, which goes first.
      const placeTaken = await insertProcessEvent(sequelize, { ...event, type: 'withdraw', toStatus: 'WITHDRAWN', updateId: 'second', waitingUpdates: ['first'] }).catch((e) => e);
      expect(placeTaken).toMatchObject({ type: 'PLACE_TAKEN', nonRetryable: true, details: ['first'] });
      // "first" is not waiting here (dropped, or not brought back yet): another action is held back — its
      // Update refused for now, the workflow task not failed, so that "first" can come again…
      const held = await insertProcessEvent(sequelize, { ...event, type: 'withdraw', toStatus: 'WITHDRAWN', updateId: 'second', waitingUpdates: [] }).catch((e) => e);
      expect(held).toMatchObject({ type: 'PLACE_HELD', nonRetryable: true, details: ['first', null, expect.any(String)] });
      // …and so is a timer's write (no Update): the workflow runs "first" before it (its reminder, due
      // meanwhile, would otherwise fail the workflow task for good: engine-reordered-updates.test.ts)…
      const heldFromTimer = await insertProcessEvent(sequelize, { ...event, type: 'recruiter_reminder', toStatus: 'ACCEPTED', actor: null, updateId: null, waitingUpdates: [] }).catch((e) => e);
      expect(heldFromTimer).toMatchObject({ type: 'PLACE_HELD', nonRetryable: true, details: ['first', null, expect.any(String)] });
      // …while another event at a place no Update wrote (the creation's) is a conflict to show.
      const conflict = await insertProcessEvent(sequelize, { ...event, seq: 0, type: 'withdraw', toStatus: 'WITHDRAWN', updateId: 'second', waitingUpdates: [] }).catch((e) => e);
      expect(conflict).toMatchObject({ type: 'PROJECTION_CONFLICT', nonRetryable: true });
      // …while the same action by the same person is that request sent again: it takes the event over.
      expect(await insertProcessEvent(sequelize, { ...event, updateId: 'again', waitingUpdates: [] })).toBe(false);
      expect((await sql(`SELECT update_id FROM application_events WHERE application_id = $1 AND seq = $2`, [id, seq]))[0].update_id).toBe('again');
      // Someone else's same action is not a retry of this one: held back too.
      const other = await insertProcessEvent(sequelize, { ...event, actor: { id: cast.colleague.id, role: 'RECRUITER' }, updateId: 'third', waitingUpdates: [] }).catch((e) => e);
      expect(other).toMatchObject({ type: 'PLACE_HELD', details: ['again', null, expect.any(String)] });
    } finally {
      await sql(`DELETE FROM application_events WHERE application_id = $1 AND update_id IN ('first', 'again')`, [id]);
      await sequelize.close();
    }
  });
});
