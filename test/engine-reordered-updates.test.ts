// Two Updates racing when a workflow task is lost after its local projection write: the retried task
// may bring them back in the other order. Here the loss is injected where it happens (a worker of this
// file, real activities, the write of the Update that ran first in the lost task put in the database
// just before the other's), and the engine must give the first its turn back: it answers 200, the
// other 409 with the state it left, one event, database and workflow agree — instead of a workflow task
// failing until an operator steps in (npm run chaos -- --freeze-mid-race provokes the real thing).
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createActivities } from '../activities/index.js';
import type { ApplicationEventRecord } from '../activities/application.js';
import { createMailTransport } from '../activities/mail.js';
import { startProcess } from '../api/transitions.js';
import { loadConfig } from '../config/env.js';
import { createLogger } from '../config/logger.js';
import { createDatabase } from '../models/index.js';
import { reconcile } from '../scripts/reconcile.js';
import { createWorker } from '../scripts/services/worker.js';
import type { ApplicationWorkflowInput } from '../workflows/application.js';
import { workflowIdOf } from '../workflows/processes.js';
import { eventsOf, rowOf, snapshotOf, transition, workflowHistoryOf } from './drivers.js';
import { createCast, createUser, type Cast } from './fixtures.js';
import { eventually, temporalClient } from './support.js';

const TASK_QUEUE = `tremplin-reorder-${randomBytes(4).toString('hex')}`;
const sequelize = createDatabase(inject('databaseUrl'), { poolMax: 4 });
let cast: Cast;
let stopWorker: () => Promise<void>;
/** The applications where this file put a lost write in place of another's (once each). */
const injected: string[] = [];

beforeAll(async () => {
  cast = await createCast();
  const config = loadConfig({ ...process.env, PUBLIC_URL: inject('apiUrl') });
  const real = createActivities({ sequelize, config, logger: createLogger('error', 'reorder-test'), mailTransport: createMailTransport(inject('smtpUrl')) });
  const activities = {
    ...real,
    /**
     * An accept written while the other recruiter's accept waits for its turn: as if the workflow task
     * where that one ran first had been lost after its write — its event is already in the database.
     */
    async recordApplicationEvent(event: ApplicationEventRecord) {
      const first = event.waitingUpdates?.[0];
      if (event.type === 'accept' && first && !injected.includes(event.applicationId)) {
        injected.push(event.applicationId);
        const other = event.actor?.id === cast.recruiter.id ? cast.colleague : cast.recruiter;
        await real.recordApplicationEvent({ ...event, actor: { id: other.id, role: 'RECRUITER', companyId: cast.company.id }, updateId: first, waitingUpdates: [] });
      }
      return real.recordApplicationEvent(event);
    },
  };
  const { worker, connection } = await createWorker({
    address: inject('temporalAddress'),
    namespace: inject('temporalNamespace'),
    taskQueue: TASK_QUEUE,
    activities,
    logger: createLogger('error', 'reorder-worker'),
    config,
    workflowBundle: { codePath: inject('workflowBundlePath') },
  });
  const running = worker.run();
  stopWorker = async () => {
    worker.shutdown();
    await running;
    await connection.close();
  };
});

afterAll(async () => {
  await stopWorker?.();
  await sequelize.close();
});

/** A candidate without référent applies on this file's queue: PENDING_RECRUITER at once. */
async function application(): Promise<string> {
  const candidate = await createUser('CANDIDATE', { referentId: null });
  const id = randomUUID();
  const input: ApplicationWorkflowInput = {
    applicationId: id,
    parties: { candidateId: candidate.id, companyId: cast.company.id, referentId: null, missionOfficerId: null },
    offerId: cast.company.offerId,
    createdBy: { id: candidate.id, role: 'CANDIDATE' },
    message: null,
    screeningAnswer: null,
    cvDocumentId: null,
    createdAt: new Date().toISOString(),
  };
  await startProcess(await temporalClient(), TASK_QUEUE, 'application', input);
  await eventually(async () => (await snapshotOf<{ events: number }>(workflowIdOf('application', id))).events === 2, 15_000, 'application started');
  return id;
}

describe('racing Updates brought back in the other order', () => {
  it('gives the Update whose event holds the place its turn back: one 200, one 409, one event, everyone agrees', { timeout: 180_000 }, async () => {
    const [recruiter, colleague] = await Promise.all([cast.recruiter.client(), cast.colleague.client()]);
    const checked: string[] = [];
    // The two Updates must reach the workflow together for one to wait while the other writes.
    for (let round = 0; round < 12 && injected.length < 3; round++) {
      const id = await application();
      const before = injected.length;
      const answers = await Promise.all([
        transition('application', recruiter, id, { action: 'accept' }, { timeoutMs: 60_000 }),
        transition('application', colleague, id, { action: 'accept' }, { timeoutMs: 60_000 }),
      ]);
      if (injected.length === before) continue; // they did not overlap: nothing was injected
      checked.push(id);
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses, JSON.stringify(answers.map((a) => a.body))).toEqual([200, 409]);
      const loser = answers.find((a) => a.status === 409)!;
      expect(loser.body.error).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { status: 'ACCEPTED' } });
      // The winner is the one whose write was in place: its actor is the accept's, once.
      const winner = answers[0]!.status === 200 ? cast.recruiter : cast.colleague;
      const accepts = (await eventsOf('application', id)).filter((e) => e.type === 'accept');
      expect(accepts.map((e) => e.actorId)).toEqual([winner.id]);
      expect((await rowOf('application', id)).status).toBe('ACCEPTED');
      const snapshot = await snapshotOf<{ status: string; events: number }>(workflowIdOf('application', id));
      expect(snapshot).toMatchObject({ status: 'ACCEPTED', events: (await eventsOf('application', id)).length });
      // The workflow went on: no failed workflow task.
      const history = await workflowHistoryOf(workflowIdOf('application', id));
      expect(history.filter((e) => e.workflowTaskFailedEventAttributes).map((e) => e.workflowTaskFailedEventAttributes?.failure?.message)).toEqual([]);
    }
    expect(checked.length, 'the two Updates overlapped in the workflow at least once').toBeGreaterThan(0);
    const report = await reconcile({ sequelize, temporal: await temporalClient(), only: checked, processes: ['application'], recheckMs: 500 });
    expect(report.differences).toEqual([]);
  });
});
