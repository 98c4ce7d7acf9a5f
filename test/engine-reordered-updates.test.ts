// A workflow task lost after its local projection write. Here the loss is injected where it happens
// (a worker of this file, real activities, the lost task's write put in the database just before the
// retried task runs), and the engine must go on as if the lost task had never run:
// - two Updates racing, brought back in the other order by the retried task: the first gets its turn
//   back; it answers 200, the other 409 with the state it left, one event, database and workflow agree —
//   instead of a workflow task failing until an operator steps in (npm run chaos -- --freeze-mid-race
//   provokes the real thing);
// - an Update in the first task of its workflow, with the read that starts the workflow (an offer's
//   attach, a membership's creation): the retried task reads the entity as the lost one did, not as the
//   lost write left it, so the Update runs again from there and finds its event — not a 409 from the
//   state it led to, nor its event written twice (what chaos met in CI).
import { randomBytes, randomUUID } from 'node:crypto';
import { WorkflowUpdateStage } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createActivities } from '../activities/index.js';
import { writeApplicationEvent, type ApplicationEventRecord } from '../activities/application.js';
import { writeMembershipCreated } from '../activities/company-verification.js';
import { insertProcessEvent, writeProcessEvent } from '../activities/process-events.js';
import { createMailTransport } from '../activities/mail.js';
import { isWorkflowClosed, refusalError, sendAgainIfWritten, startProcess } from '../api/transitions.js';
import { HttpError } from '../api/errors.js';
import { loadConfig } from '../config/env.js';
import { createLogger } from '../config/logger.js';
import { createDatabase } from '../models/index.js';
import { reconcile } from '../scripts/reconcile.js';
import { createWorker } from '../scripts/services/worker.js';
import type { ApplicationWorkflowInput } from '../workflows/application.js';
import type { OfferSnapshot } from '../workflows/offer.js';
import { transitionUpdate } from '../workflows/process.js';
import { workflowIdOf } from '../workflows/processes.js';
import { eventsOf, rowOf, snapshotOf, transition, within, workflowHistoryOf } from './drivers.js';
import { createCast, createUser, insertPublishedOffer, type Cast } from './fixtures.js';
import { eventually, sql, temporalClient } from './support.js';

const TASK_QUEUE = `tremplin-reorder-${randomBytes(4).toString('hex')}`;
const sequelize = createDatabase(inject('databaseUrl'), { poolMax: 4 });
let cast: Cast;
let stopWorker: () => Promise<void>;
/** The applications where this file put a lost write in place of another's (once each). */
const injected: string[] = [];
/** Writes held back until the test lets them go, by the Update they write for: a slow database under that one write. */
const slowWrites = new Map<string, { reached: () => void; go: Promise<void> }>();
/** Offers whose first workflow task is lost after the archive it ran wrote its event (by that Update). */
const lostFirstTask = new Map<string, { updateId: string; actor: { id: string; role: 'RECRUITER'; companyId: string } }>();

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
      const slow = event.updateId ? slowWrites.get(event.updateId) : undefined;
      if (slow) {
        slow.reached();
        await slow.go;
      }
      const first = event.waitingUpdates?.[0];
      if (event.type === 'accept' && first && !injected.includes(event.applicationId)) {
        injected.push(event.applicationId);
        const other = event.actor?.id === cast.recruiter.id ? cast.colleague : cast.recruiter;
        await real.recordApplicationEvent({ ...event, actor: { id: other.id, role: 'RECRUITER', companyId: cast.company.id }, updateId: first, waitingUpdates: [] });
      }
      return real.recordApplicationEvent(event);
    },
    /**
     * The first task attached the offer and ran the archive sent with the start, which wrote its event;
     * then the task was lost. The retried task attaches again: what it finds is what is returned.
     */
    async attachOfferWorkflow(input: Parameters<typeof real.attachOfferWorkflow>[0]) {
      const lost = lostFirstTask.get(input.offerId);
      if (!lost) return real.attachOfferWorkflow(input);
      lostFirstTask.delete(input.offerId);
      const first = (await real.attachOfferWorkflow(input))!;
      await real.recordOfferEvent({
        updateId: lost.updateId,
        waitingUpdates: [],
        offerId: input.offerId,
        seq: first.events,
        type: 'archive',
        fromStatus: first.status,
        toStatus: 'ARCHIVED',
        actor: lost.actor,
        message: null,
        at: new Date().toISOString(),
        changes: {},
      });
      return real.attachOfferWorkflow(input);
    },
  };
  const created = await createWorker({
    address: inject('temporalAddress'),
    namespace: inject('temporalNamespace'),
    taskQueue: TASK_QUEUE,
    activities,
    logger: createLogger('error', 'reorder-worker'),
    config,
    workflowBundle: { codePath: inject('workflowBundlePath') },
  });
  const running = created.run();
  stopWorker = async () => {
    created.shutdown();
    await running;
    await created.connection.close();
  };
});

afterAll(async () => {
  await stopWorker?.();
  await sequelize.close();
});

/** A candidate without référent applies on this file's queue: PENDING_RECRUITER at once. */
async function application(timers?: ApplicationWorkflowInput['timers']): Promise<string> {
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
    ...(timers ? { timers } : {}),
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

describe('an Update in the first workflow task, lost after its write', () => {
  it('an offer: the retried task attaches to the offer as the lost one found it; the archive runs again and finds its event', { timeout: 60_000 }, async () => {
    const offerId = await insertPublishedOffer(cast.company.id, 'Offre reprise après une tâche perdue');
    const workflowId = workflowIdOf('offer', offerId);
    const updateId = randomUUID();
    const actor = { id: cast.recruiter.id, role: 'RECRUITER' as const, companyId: cast.company.id };
    lostFirstTask.set(offerId, { updateId, actor });
    const temporal = await temporalClient();
    await startProcess(temporal, TASK_QUEUE, 'offer', { offerId, companyId: cast.company.id }, 'PUBLISHED');
    // Sent with the start: it waits for the attach, in the same workflow task.
    const answer = await temporal.workflow
      .getHandle(workflowId)
      .executeUpdate(transitionUpdate, { args: [{ action: 'archive', actor }], updateId })
      .then((snapshot) => ({ snapshot }), (error: Error) => ({ error: `${error.message}: ${(error.cause as Error | undefined)?.message}` }));
    expect(lostFirstTask.has(offerId), 'the loss was injected').toBe(false);
    expect(answer).toMatchObject({ snapshot: { status: 'ARCHIVED', events: 1 } });

    // One archive, the Update's, where the lost task wrote it; the row, the workflow and its end agree.
    const events = await sql<{ seq: number; type: string; update_id: string }>(`SELECT seq, type, update_id FROM offer_events WHERE offer_id = $1 ORDER BY seq`, [offerId]);
    expect(events).toEqual([{ seq: 0, type: 'archive', update_id: updateId }]);
    expect((await rowOf('offer', offerId)).status).toBe('ARCHIVED');
    expect(await temporal.workflow.getHandle(workflowId).result()).toMatchObject({ status: 'ARCHIVED', events: 1 } satisfies Partial<OfferSnapshot>);
    const history = await workflowHistoryOf(workflowId);
    expect(history.filter((e) => e.workflowTaskFailedEventAttributes).map((e) => e.workflowTaskFailedEventAttributes?.failure?.message)).toEqual([]);
    const report = await reconcile({ sequelize, temporal, only: [offerId], processes: ['offer'], recheckMs: 500 });
    expect(report.differences).toEqual([]);
  });

  it('a membership: the retried creation counts the creation\'s event, not the lost task\'s confirmation', async () => {
    const user = await createUser('RECRUITER', { companyId: cast.company.id });
    const input = { membershipId: randomUUID(), companyId: cast.company.id, userId: user.id, kind: 'MEMBER' as const, createdAt: new Date().toISOString(), createdBy: { id: user.id, role: 'RECRUITER' as const } };
    const created = { entity: 'membership' as const, entityId: input.membershipId, seq: 0, type: 'registered', fromStatus: null, toStatus: 'PENDING_EMAIL_CONFIRMATION', actor: input.createdBy, message: null, at: input.createdAt };
    try {
      // The API's transaction: the row (here by the recorder itself) and the creation's event.
      expect(await writeMembershipCreated(sequelize, input)).toBe(0);
      await insertProcessEvent(sequelize, created);
      expect(await writeMembershipCreated(sequelize, input)).toBe(1);
      // The first task ran the confirmation sent with the start, which wrote its event, and was lost.
      const confirmation = { ...created, seq: 1, type: 'confirm_email', fromStatus: 'PENDING_EMAIL_CONFIRMATION', toStatus: 'PENDING_ADMIN_VERIFICATION', updateId: randomUUID() };
      expect(await insertProcessEvent(sequelize, confirmation)).toBe(true);
      // The retried task: the workflow starts after the creation's event, so the confirmation finds its own place.
      expect(await writeMembershipCreated(sequelize, input)).toBe(1);
    } finally {
      await sql(`DELETE FROM membership_events WHERE membership_id = $1`, [input.membershipId]);
      await sql(`DELETE FROM company_memberships WHERE id = $1`, [input.membershipId]);
    }
  });
});

describe('a write whose workflow task was lost with its Update (Temporal dropped it)', () => {
  it('the same request sent again (its Idempotency-Key, its Update id) runs the Update again: it finds its event, and the workflow agrees with the database', async () => {
    const id = await application();
    const workflowId = workflowIdOf('application', id);
    const candidate = (await sql<{ candidate_id: string }>(`SELECT candidate_id FROM applications WHERE id = $1`, [id]))[0]!.candidate_id;
    const actor = { id: candidate, role: 'CANDIDATE' as const };
    const updateId = `idempotency-${randomUUID()}`;
    // What the lost task left: the withdraw written (the row closed), the workflow never told.
    await writeApplicationEvent(sequelize, { updateId, waitingUpdates: [], applicationId: id, seq: 2, type: 'withdraw', fromStatus: 'PENDING_RECRUITER', toStatus: 'WITHDRAWN', actor, message: null, at: new Date().toISOString(), interview: null, sentToCompany: false });
    expect((await rowOf('application', id)).status).toBe('WITHDRAWN');
    expect(await snapshotOf<{ status: string }>(workflowId)).toMatchObject({ status: 'PENDING_RECRUITER' });
    const temporal = await temporalClient();
    const closed = async () => new HttpError('ILLEGAL_TRANSITION', 'close');

    // Another request (another key) is not this write's: the caller answers 409 from the row, as before.
    expect(await sendAgainIfWritten(temporal, sequelize, workflowId, { action: 'withdraw', actor }, closed, `idempotency-${randomUUID()}`)).toBe(false);
    // The same request: its Update runs, finds its event, and the workflow moves where the row is.
    expect(await sendAgainIfWritten(temporal, sequelize, workflowId, { action: 'withdraw', actor }, closed, updateId)).toBe(true);
    expect(await snapshotOf<{ status: string; events: number }>(workflowId)).toMatchObject({ status: 'WITHDRAWN', events: 3 });
    const events = await sql<{ type: string; update_id: string | null }>(`SELECT type, update_id FROM application_events WHERE application_id = $1 ORDER BY seq`, [id]);
    expect(events.map((e) => e.type)).toEqual(['created', 'referent_skipped', 'withdraw']);
    expect(events[2]!.update_id).toBe(updateId);
    // Sent once more (its answer lost again): Temporal answers the first outcome, nothing is written.
    expect(await sendAgainIfWritten(temporal, sequelize, workflowId, { action: 'withdraw', actor }, closed, updateId)).toBe(true);
    expect((await eventsOf('application', id)).length).toBe(3);
    const report = await reconcile({ sequelize, temporal, only: [id], processes: ['application'], recheckMs: 500 });
    expect(report.differences).toEqual([]);
  });
});

describe('another action meets a write whose Update the workflow has not received', () => {
  /** An application pending with the recruiter, and a withdraw its lost task wrote (its Update dropped). */
  async function heldWithdraw(keptRequest: boolean, timers?: ApplicationWorkflowInput['timers']) {
    const id = await application(timers);
    const workflowId = workflowIdOf('application', id);
    const candidate = (await sql<{ candidate_id: string }>(`SELECT candidate_id FROM applications WHERE id = $1`, [id]))[0]!.candidate_id;
    const withdraw = { action: 'withdraw', actor: { id: candidate, role: 'CANDIDATE' as const } };
    const heldId = `idempotency-${randomUUID()}`;
    await writeApplicationEvent(sequelize, {
      updateId: heldId,
      waitingUpdates: [],
      ...(keptRequest ? { request: withdraw } : {}),
      applicationId: id,
      seq: 2,
      type: 'withdraw',
      fromStatus: 'PENDING_RECRUITER',
      toStatus: 'WITHDRAWN',
      actor: withdraw.actor,
      message: null,
      at: new Date().toISOString(),
      interview: null,
      sentToCompany: false,
    });
    const temporal = await temporalClient();
    const accept = { action: 'accept', actor: { id: cast.recruiter.id, role: 'RECRUITER' as const, companyId: cast.company.id } };
    return { id, workflowId, withdraw, heldId, temporal, handle: temporal.workflow.getHandle(workflowId), accept };
  }

  async function agreeOnWithdrawn(id: string, workflowId: string) {
    expect(await snapshotOf<{ status: string; events: number }>(workflowId)).toMatchObject({ status: 'WITHDRAWN', events: 3 });
    expect((await eventsOf('application', id)).map((e) => e.type)).toEqual(['created', 'referent_skipped', 'withdraw']);
    expect((await workflowHistoryOf(workflowId)).filter((e) => e.workflowTaskFailedEventAttributes)).toEqual([]);
    const report = await reconcile({ sequelize, temporal: await temporalClient(), only: [id], processes: ['application'], recheckMs: 500 });
    expect(report.differences).toEqual([]);
  }

  it('the workflow runs the held Update from the request kept with its event, then refuses the other from the state it left; the held Update, if it comes, gets that answer', async () => {
    const { id, workflowId, withdraw, heldId, temporal, handle, accept } = await heldWithdraw(true);
    const refused = await handle.executeUpdate(transitionUpdate, { args: [accept] }).catch((e: Error) => e);
    expect(refusalError(refused)).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { status: 'WITHDRAWN' } });
    await agreeOnWithdrawn(id, workflowId);
    // The withdraw's own request, sent again (its key): the workflow, final, has ended: the API answers
    // it as done (its event closed the row); while the workflow still ran, the Update got the adopted answer.
    expect(await sendAgainIfWritten(temporal, sequelize, workflowId, withdraw, async () => new HttpError('ILLEGAL_TRANSITION', 'close'), heldId)).toBe(true);
    await agreeOnWithdrawn(id, workflowId);
  });

  it('a timer meets it: the recruiters\' reminder due, its write finds the held withdraw, which the workflow runs first; no reminder, nothing fails', { timeout: 60_000 }, async () => {
    const { id, workflowId } = await heldWithdraw(true, { recruiterReminderMs: 6_000 });
    // Nobody acts: the reminder's timer is the next to write, at the place the withdraw holds.
    await eventually(async () => (await snapshotOf<{ status: string }>(workflowId)).status === 'WITHDRAWN', 30_000, 'the held withdraw run by the timer\'s turn');
    await agreeOnWithdrawn(id, workflowId);
    // The reminder was not written after it (a withdrawn application reminds nobody), now or later.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await eventsOf('application', id)).map((e) => e.type)).toEqual(['created', 'referent_skipped', 'withdraw']);
    expect(await eventually(async () => (await (await temporalClient()).workflow.getHandle(workflowId).describe()).status.name === 'COMPLETED', 15_000, 'workflow completed')).toBe(true);
  });

  it('a timer meets one written without its request (before migration 0041): the reminder waits, the held Update sent again runs, and nothing fails', { timeout: 60_000 }, async () => {
    const { id, workflowId, withdraw, heldId, handle } = await heldWithdraw(false, { recruiterReminderMs: 6_000 });
    // Past the reminder's time: the timer met the held place and waits, the task did not fail.
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    expect(await snapshotOf<{ status: string; events: number }>(workflowId)).toMatchObject({ status: 'PENDING_RECRUITER', events: 2 });
    expect((await workflowHistoryOf(workflowId)).filter((e) => e.workflowTaskFailedEventAttributes)).toEqual([]);
    // The withdraw's request sent again (its Idempotency-Key): it finds its event, the reminder is not written.
    expect(await handle.executeUpdate(transitionUpdate, { args: [withdraw], updateId: heldId })).toMatchObject({ status: 'WITHDRAWN', events: 3 });
    await agreeOnWithdrawn(id, workflowId);
  });

  it('an Update admitted while another action\'s write waits on its lost task\'s event: it runs itself once the write gives the lock back, the other finds it done and is refused, no task fails', { timeout: 90_000 }, async () => {
    const id = await application();
    const workflowId = workflowIdOf('application', id);
    const candidate = (await sql<{ candidate_id: string }>(`SELECT candidate_id FROM applications WHERE id = $1`, [id]))[0]!.candidate_id;
    const withdraw = { action: 'withdraw', actor: { id: candidate, role: 'CANDIDATE' as const } };
    const heldId = `idempotency-${randomUUID()}`;
    // The withdraw's lost task, writing: its event holds place 2, not yet committed.
    const lostWrite = await sequelize.transaction();
    await writeProcessEvent(
      sequelize,
      { entity: 'application', entityId: id, updateId: heldId, waitingUpdates: [], request: withdraw, seq: 2, type: 'withdraw', fromStatus: 'PENDING_RECRUITER', toStatus: 'WITHDRAWN', actor: withdraw.actor, message: null, at: new Date().toISOString() },
      lostWrite,
    );
    const handle = (await temporalClient()).workflow.getHandle(workflowId);
    const accept = { action: 'accept', actor: { id: cast.recruiter.id, role: 'RECRUITER' as const, companyId: cast.company.id } };
    // The recruiter's accept: its write waits on that place. Its workflow task outlives its timeout's
    // heartbeat (sdk-core completes it and takes another, the local activity still running): the
    // withdraw, sent again, is admitted in the next task, after the accept's write counted who waited.
    let accepting, withdrawing;
    try {
      accepting = await handle.startUpdate(transitionUpdate, { args: [accept], waitForStage: WorkflowUpdateStage.ACCEPTED });
      withdrawing = await handle.startUpdate(transitionUpdate, { args: [withdraw], updateId: heldId, waitForStage: WorkflowUpdateStage.ACCEPTED });
    } finally {
      await lostWrite.commit();
    }
    // The accept's write meets the withdraw's event as held (not counted among those waiting) and gives
    // the lock back to run it; the withdraw's own Update, waiting first, runs and finds its event; the
    // accept then finds it run (it failed the task for good before: « ne peut plus être reprise ») and
    // is refused from the state it left.
    const [accepted, withdrawn] = await Promise.all([accepting.result().catch((e: Error) => e), withdrawing.result().catch((e: Error) => e)]);
    expect(refusalError(accepted)).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { status: 'WITHDRAWN' } });
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', events: 3 });
    await agreeOnWithdrawn(id, workflowId);
  });

  it('the held Update sent again while the workflow runs it from its request (its write slow): answered with what that run did, not refused by the state it left', { timeout: 90_000 }, async () => {
    const { id, workflowId, withdraw, heldId, handle, accept } = await heldWithdraw(true);
    let reached = () => {};
    let go = () => {};
    const writing = new Promise<void>((resolve) => (reached = resolve));
    slowWrites.set(heldId, { reached, go: new Promise<void>((resolve) => (go = resolve)) });
    // The recruiter's accept meets the withdraw's event as held: the workflow runs the withdraw from its
    // request, and that write is slow (past its workflow task's heartbeat: sdk-core completes the task and
    // takes another, the local activity still running). The withdraw's own request, sent again (its key),
    // is admitted then: judged legal (the withdraw is not yet run), it waits for its turn behind the run.
    let accepting, withdrawing;
    try {
      accepting = await handle.startUpdate(transitionUpdate, { args: [accept], waitForStage: WorkflowUpdateStage.ACCEPTED });
      await writing;
      withdrawing = await handle.startUpdate(transitionUpdate, { args: [withdraw], updateId: heldId, waitForStage: WorkflowUpdateStage.ACCEPTED });
    } finally {
      go();
      slowWrites.delete(heldId);
    }
    const [accepted, withdrawn] = await Promise.all([accepting.result().catch((e: Error) => e), withdrawing.result().catch((e: Error) => e)]);
    // Its turn comes once the run is done: it is that run (it was refused before, from the state that run
    // left; test/histories/baseline-adopted-held-update-refused-while-run.json is that history).
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', events: 3 });
    expect(refusalError(accepted)).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { status: 'WITHDRAWN' } });
    await agreeOnWithdrawn(id, workflowId);
  });

  /** One of the company's recruiters as an action's actor. */
  const asRecruiter = (person: { id: string }) => ({ id: person.id, role: 'RECRUITER' as const, companyId: cast.company.id });
  /** An application the recruiter accepted (its workflow's handle), and a proposal of a video interview `leadMs` ahead. */
  async function acceptedApplication(leadMs: number) {
    const id = await application();
    const workflowId = workflowIdOf('application', id);
    const handle = (await temporalClient()).workflow.getHandle(workflowId);
    const recruiter = asRecruiter(cast.recruiter);
    await handle.executeUpdate(transitionUpdate, { args: [{ action: 'accept', actor: recruiter }] });
    const propose = { action: 'propose_interview', actor: recruiter, startsAt: new Date(Date.now() + leadMs).toISOString(), durationMinutes: 30, mode: 'VIDEO' };
    return { id, workflowId, handle, recruiter, propose };
  }
  /** What a proposal keeps with its request (workflows/process.ts, `keep`). */
  const keptOf = (interview: { id: string; videoRoom: string; videoUrl: string }) => ({ interviewId: interview.id, video: { room: interview.videoRoom, url: interview.videoUrl } });

  /**
   * What a lost task wrote for `propose` as the Update `updateId`: its event with the request, and the
   * interview and video room it decided (kept with the request); the workflow was never told.
   */
  async function writeLostProposal(id: string, recruiter: ReturnType<typeof asRecruiter>, propose: { startsAt: string }, updateId: string) {
    const interview = {
      id: randomUUID(),
      round: 1,
      startsAt: propose.startsAt,
      durationMinutes: 30,
      mode: 'VIDEO' as const,
      location: null,
      message: null,
      status: 'PROPOSED' as const,
      videoRoom: 'tremplin-room-of-the-lost-task',
      videoUrl: 'https://meet.example/tremplin-room-of-the-lost-task',
      proposedBy: recruiter.id,
      icsSequence: 0,
    };
    await writeApplicationEvent(sequelize, {
      updateId,
      waitingUpdates: [],
      request: { ...propose, kept: keptOf(interview) },
      applicationId: id,
      seq: 3,
      type: 'propose_interview',
      fromStatus: 'ACCEPTED',
      toStatus: 'INTERVIEW_PROPOSED',
      actor: recruiter,
      message: null,
      at: new Date().toISOString(),
      interview,
      sentToCompany: false,
    });
    return interview;
  }
  /** The workflow and the database hold the one interview of the lost task, with its room; no task failed; reconcile agrees. */
  async function agreeOnLostProposal(id: string, workflowId: string, interview: { id: string; videoRoom: string; videoUrl: string }) {
    const snapshot = await snapshotOf<{ status: string; events: number; interviews: Array<typeof interview> }>(workflowId);
    expect(snapshot).toMatchObject({ status: 'INTERVIEW_PROPOSED', events: 4 });
    expect(snapshot.interviews.map((i) => [i.id, i.videoRoom, i.videoUrl])).toEqual([[interview.id, interview.videoRoom, interview.videoUrl]]);
    expect(await sql(`SELECT id, video_room FROM interviews WHERE application_id = $1`, [id])).toEqual([{ id: interview.id, video_room: interview.videoRoom }]);
    expect((await workflowHistoryOf(workflowId)).filter((e) => e.workflowTaskFailedEventAttributes)).toEqual([]);
    const report = await reconcile({ sequelize, temporal: await temporalClient(), only: [id], processes: ['application'], recheckMs: 500 });
    expect(report.differences).toEqual([]);
  }

  it('a proposal writes with its request the interview\'s id and room it decided, what a run again for a lost task takes', { timeout: 60_000 }, async () => {
    const { id, workflowId, handle, propose } = await acceptedApplication(3_600_000);
    await handle.executeUpdate(transitionUpdate, { args: [propose] });
    const [interview] = (await snapshotOf<{ interviews: Array<{ id: string; videoRoom: string; videoUrl: string }> }>(workflowId)).interviews;
    const [written] = await sql<{ request: Record<string, unknown> }>(`SELECT request FROM application_events WHERE application_id = $1 AND seq = 3`, [id]);
    expect(written!.request).toEqual({ ...propose, kept: keptOf(interview!) });
  });

  it('a proposal whose interview has started since its lost task: run again as it was judged and decided then (the same interview, the same room), not refused by the time that passed', { timeout: 60_000 }, async () => {
    // What the lost task wrote: the recruiter's proposal of an interview starting a second later, its
    // interview and video room; the task was lost, its Update dropped, and the interview's start passes.
    const { id, workflowId, handle, recruiter, propose } = await acceptedApplication(1_000);
    const interview = await writeLostProposal(id, recruiter, propose, `idempotency-${randomUUID()}`);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    // The colleague proposes too: the workflow runs the held proposal first, then refuses this one.
    const second = { ...propose, actor: asRecruiter(cast.colleague), startsAt: new Date(Date.now() + 3_600_000).toISOString() };
    // (A workflow task failing for good would never answer.)
    const refused = await within(handle.executeUpdate(transitionUpdate, { args: [second] }), 20_000, 'the colleague\'s proposal').catch((e: Error) => e);
    expect(refusalError(refused)).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { status: 'INTERVIEW_PROPOSED' } });
    await agreeOnLostProposal(id, workflowId, interview);
  });

  it('the same proposal sent again (its Idempotency-Key, its Update id) after its lost task: the workflow takes the interview and room its event was written with, not new ones', { timeout: 60_000 }, async () => {
    const { id, workflowId, handle, recruiter, propose } = await acceptedApplication(3_600_000);
    const updateId = `idempotency-${randomUUID()}`;
    const interview = await writeLostProposal(id, recruiter, propose, updateId);
    // The person's retry: the validator lets it through (the interview is still ahead), the handler
    // decides an interview and a room anew, and its write meets its own event, written with the first.
    const answer = await within(handle.executeUpdate(transitionUpdate, { args: [propose], updateId }), 20_000, 'the proposal sent again');
    expect((answer as unknown as { interviews: Array<{ id: string }> }).interviews.map((i) => i.id)).toEqual([interview.id]);
    await agreeOnLostProposal(id, workflowId, interview);
    // Sent once more (its answer lost again): the same outcome, nothing written.
    expect(await handle.executeUpdate(transitionUpdate, { args: [propose], updateId })).toEqual(answer);
    expect((await eventsOf('application', id)).length).toBe(4);
  });

  it('the same proposal made again by the same recruiter as another request (another Update id): answered with the one its lost task wrote, not a second interview', { timeout: 60_000 }, async () => {
    const { id, workflowId, handle, recruiter, propose } = await acceptedApplication(3_600_000);
    const interview = await writeLostProposal(id, recruiter, propose, `idempotency-${randomUUID()}`);
    const again = { ...propose, startsAt: new Date(Date.now() + 7_200_000).toISOString() };
    const answer = await within(handle.executeUpdate(transitionUpdate, { args: [again] }), 20_000, 'the proposal made again');
    expect((answer as unknown as { interviews: Array<{ id: string; startsAt: string }> }).interviews.map((i) => [i.id, i.startsAt])).toEqual([[interview.id, propose.startsAt]]);
    await agreeOnLostProposal(id, workflowId, interview);
  });

  it('without its request (an event older than migration 0041): the other is refused for now (503 « réessayez »), the task does not fail, and the held Update, sent again, gets through', async () => {
    const { id, workflowId, withdraw, heldId, temporal, handle, accept } = await heldWithdraw(false);
    const held = await handle.executeUpdate(transitionUpdate, { args: [accept] }).catch((e: Error) => e);
    expect((held as Error & { cause?: { type?: string } }).cause?.type).toBe('PLACE_HELD');
    expect(refusalError(held)).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(await snapshotOf<{ status: string }>(workflowId)).toMatchObject({ status: 'PENDING_RECRUITER' });
    expect(await sendAgainIfWritten(temporal, sequelize, workflowId, withdraw, async () => new HttpError('ILLEGAL_TRANSITION', 'close'), heldId)).toBe(true);
    await agreeOnWithdrawn(id, workflowId);
    // The accept sent again finds the workflow ended: the API answers from the row (409, closed).
    expect(isWorkflowClosed(await handle.executeUpdate(transitionUpdate, { args: [accept] }).catch((e: Error) => e))).toBe(true);
  });
});
