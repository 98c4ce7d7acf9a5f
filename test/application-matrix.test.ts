// Every action from every state against the running platform (real Temporal, PostgreSQL, worker and
// API), on a sample of the people: the expectations come from PRODUCT.md's table (test/oracles/
// application.ts), never from the product's own rules. Every cell of that table is checked against
// the pure rules in test/rules/application.test.ts in milliseconds; here, what only the platform can
// get wrong: visibility (404), the HTTP contract, the workflow really moving, nothing moving when refused.
//
// Per cell: 404 when the actor may not see the application, 403 when they see it but their role may not
// take the action, 409 ILLEGAL_TRANSITION when the role may but the state does not allow it, 200 with the
// new status when allowed. Per state and action, one person of each outcome (rotating through the cast
// from one action to the next); every person's offered actions (GET) are checked in full. Refused cells
// share one application per state and must leave it unchanged; each allowed cell gets its own.
import { afterAll, beforeAll, describe, it, type ExpectStatic } from 'vitest';
import { REFUSAL_REASON, transition, transitionProposingSoon, untilCurrentInterviewStarted } from './drivers.js';
import { createCast, createUser, inDays, type Cast, type Person } from './fixtures.js';
import { sql, type ApiResponse } from './support.js';

import {
  ACTIONS,
  ACTORS,
  FINAL_SCENARIOS,
  MAY_ACT,
  NON_FINAL_SCENARIOS,
  START_PASSES,
  TABLE,
  after,
  expectedAllowed,
  expectedOutcome,
  sees,
  situationOf,
  type Action,
  type ActorName,
  type Expected,
  type Scenario,
  type Situation,
  type Status,
} from './oracles/application.js';

/**
 * The people tried for one action in one situation: one per expected outcome (404, 403, 409, 200),
 * starting the search at a different person for each action so the whole cast gets its turn.
 */
function sampleActors(situation: Situation, action: Action): ActorName[] {
  const start = ACTIONS.indexOf(action) % ACTORS.length;
  const rotated = [...ACTORS.slice(start), ...ACTORS.slice(0, start)];
  const byOutcome = new Map<number, ActorName>();
  for (const actor of rotated) {
    const { http } = expectedOutcome(situation, action, actor);
    if (!byOutcome.has(http)) byOutcome.set(http, actor);
  }
  return [...byOutcome.values()];
}

// ---------------------------------------------------------------------------------------------------
// The platform.

let cast: Cast;
let cells = 0;
const started = Date.now();

beforeAll(async () => {
  cast = await createCast();
  // Log everyone in once; each session is reused by every cell.
  await Promise.all(
    [cast.candidate, cast.referent, cast.missionOfficer, cast.admin, cast.recruiter, cast.colleague, cast.otherRecruiter, cast.otherReferent, cast.otherMissionOfficer, cast.otherCandidate].map((p) => p.client()),
  );
});

afterAll(() => {
  console.log(`application matrix: ${cells} cells checked in ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

interface Application {
  id: string;
  candidate: Person;
}

function personOf(actor: ActorName, application: Application): Person {
  if (actor === 'candidate') return application.candidate;
  if (actor === 'siblingCandidate') return cast.candidate;
  return cast[actor];
}

/** A valid request for the action: a message when one is required, a future interview for propose_interview. */
function bodyFor(action: Action, label: string): Record<string, unknown> {
  if (action === 'propose_interview' || action === 'reschedule_interview') {
    return { action, startsAt: inDays(4), durationMinutes: 45, mode: 'PHONE', message: `Entretien (${label})` };
  }
  if (!TABLE[action].message) return { action };
  return { action, message: `Motif : ${label}`, ...(TABLE[action].reason ? { reason: REFUSAL_REASON } : {}) };
}

/** Who does each setup step: the cast's référent, the cast's recruiter, or the candidate. */
function setupActor(action: Action): ActorName {
  return ({ referent: 'referent', recruiter: 'recruiter', candidate: 'candidate' } as const)[TABLE[action].party];
}

/**
 * A fresh candidate of the cast's référent applies to the cast's offer, then the scenario's legal steps;
 * an interview whose start the scenario waits for starts in a moment.
 */
async function reach(expect: ExpectStatic, scenario: Scenario): Promise<Application> {
  const candidate = await createUser('CANDIDATE', { referentId: cast.referent.id });
  const created = await (await candidate.client()).post('/api/applications', { offerId: cast.company.offerId, message: 'Je suis très motivé.' });
  expect(created.status, `apply for ${scenario.name}: ${JSON.stringify(created.body)}`).toBe(201);
  expect(created.body.status).toBe('PENDING_REFERENT_VALIDATION');
  const application: Application = { id: created.body.id, candidate };
  let situation = situationOf([]);
  for (const [index, step] of scenario.steps.entries()) {
    situation = after(situation, step);
    if (step === START_PASSES) {
      await untilCurrentInterviewStarted(application.id);
      continue;
    }
    const startsSoon = step === 'propose_interview' && scenario.steps.indexOf(START_PASSES, index) > index;
    const actor = personOf(setupActor(step), application);
    const response = startsSoon
      ? await transitionProposingSoon(actor, application.id, { message: `Entretien (setup ${scenario.name})` })
      : await transition('application', actor, application.id, bodyFor(step, `setup ${scenario.name}`));
    expect(response.status, `setup ${scenario.name}, ${step}: ${JSON.stringify(response.body)}`).toBe(200);
    expect(response.body.status, `setup ${scenario.name}, ${step}`).toBe(situation.status);
  }
  return application;
}

/** The application as both the API (admin's view) and the database have it. */
async function stateOf(id: string) {
  const view = await (await cast.admin.client()).get(`/api/applications/${id}`);
  const [row] = await sql<{ status: string }>('SELECT status FROM applications WHERE id = $1', [id]);
  const [events] = await sql<{ n: number }>('SELECT count(*)::int AS n FROM application_events WHERE application_id = $1', [id]);
  const interviews = await sql<{ status: string }>('SELECT status FROM interviews WHERE application_id = $1 ORDER BY round', [id]);
  return {
    apiStatus: view.body.status as string,
    apiHistory: (view.body.history as unknown[]).length,
    apiInterviews: (view.body.interviews as Array<{ status: string }>).map((i) => i.status),
    dbStatus: row?.status,
    dbEvents: events?.n,
    dbInterviews: interviews.map((i) => i.status),
  };
}

const describeError = (response: ApiResponse) => JSON.stringify(response.body?.error ?? response.body?.status ?? response.body);

/** Checks one refused cell: the HTTP status, the error code and, for 409, the details. */
function checkRefused(expect: ExpectStatic, label: string, response: ApiResponse, expected: Expected, situation: Situation, actor: ActorName) {
  cells++;
  expect.soft(response.status, `${label} → ${describeError(response)}`).toBe(expected.http);
  if (response.status !== expected.http) return;
  const error = response.body?.error;
  if (expected.http === 404) expect.soft(error?.code, label).toBe('NOT_FOUND');
  if (expected.http === 403) expect.soft(error?.code, label).toBe('FORBIDDEN');
  if (expected.http === 409) {
    expect.soft(error?.code, label).toBe('ILLEGAL_TRANSITION');
    expect.soft(error?.details?.status, `${label}: details.status`).toBe(situation.status);
    expect.soft([...(error?.details?.allowedActions ?? [])].sort(), `${label}: details.allowedActions`).toEqual(expectedAllowed(situation, actor));
  }
}

/** All refused cells of one scenario on one application, then: nothing moved. */
async function refusedCells(expect: ExpectStatic, scenario: Scenario) {
  const situation = situationOf(scenario.steps);
  const application = await reach(expect, scenario);
  const before = await stateOf(application.id);
  expect(before.apiStatus, scenario.name).toBe(situation.status);
  expect(before.dbStatus, scenario.name).toBe(situation.status);
  expect(before.apiHistory, scenario.name).toBe(scenario.steps.filter((step) => step !== START_PASSES).length + 1);

  // What each visible actor is offered matches the table before anyone tries anything.
  for (const actor of ACTORS) {
    const view = await (await personOf(actor, application).client()).get(`/api/applications/${application.id}`);
    const label = `${scenario.name} · GET by ${actor}`;
    cells++;
    if (!sees(actor, situation.sent)) {
      expect.soft(view.status, label).toBe(404);
      continue;
    }
    expect.soft(view.status, label).toBe(200);
    expect.soft([...(view.body?.allowedActions ?? [])].sort(), `${label}: allowedActions`).toEqual(expectedAllowed(situation, actor));
  }

  // Refused attempts change nothing, so each action's actors may try at the same time.
  let refused = 0;
  for (const action of ACTIONS) {
    await Promise.all(
      sampleActors(situation, action).map(async (actor) => {
        const expected = expectedOutcome(situation, action, actor);
        if (expected.http === 200) return; // its own application: allowedCell
        const label = `${scenario.name} · ${action} by ${actor}`;
        const response = await transition('application', personOf(actor, application), application.id, bodyFor(action, label));
        checkRefused(expect, label, response, expected, situation, actor);
        refused++;
      }),
    );
  }
  expect(refused, `${scenario.name}: refused cells`).toBeGreaterThan(0);

  const now = await stateOf(application.id);
  expect(now, `${scenario.name}: unchanged after ${refused} refused attempts`).toEqual(before);
}

/** One allowed cell on an application of its own: 200, the new status, the history, what the actor may do next. */
async function allowedCell(expect: ExpectStatic, scenario: Scenario, action: Action, actor: ActorName) {
  const situation = situationOf(scenario.steps);
  const next = after(situation, action);
  const label = `${scenario.name} · ${action} by ${actor}`;
  const application = await reach(expect, scenario);
  const before = await stateOf(application.id);
  const body = bodyFor(action, label);
  const person = personOf(actor, application);
  const response = await transition('application', person, application.id, body);
  cells++;
  expect.soft(response.status, `${label} → ${describeError(response)}`).toBe(200);
  if (response.status !== 200) return;
  expect.soft(response.body.status, `${label}: status`).toBe(next.status);
  expect.soft([...response.body.allowedActions].sort(), `${label}: allowedActions next`).toEqual(expectedAllowed(next, actor));
  const last = response.body.history.at(-1);
  expect.soft(response.body.history.length, `${label}: history length`).toBe(before.apiHistory + 1);
  expect.soft(last?.type, `${label}: last event`).toBe(action);
  expect.soft(last?.actor?.id, `${label}: last event's actor`).toBe(person.id);
  if (TABLE[action].message) expect.soft(last?.message, `${label}: message`).toBe(body.message);
  if (action === 'confirm_interview') expect.soft(response.body.interviews.at(-1)?.status, `${label}: interview`).toBe('CONFIRMED');
  if (action === 'propose_interview') expect.soft(response.body.interviews.at(-1)?.status, `${label}: interview`).toBe('PROPOSED');
  const [row] = await sql<{ status: string }>('SELECT status FROM applications WHERE id = $1', [application.id]);
  expect.soft(row?.status, `${label}: database status`).toBe(next.status);
}

// ---------------------------------------------------------------------------------------------------

/** Room for a loaded machine: these tests run side by side and each makes a hundred-odd requests. */
const SLOW = { timeout: 120_000 };

describe.concurrent('every action from every state, by every role', () => {
  for (const scenario of NON_FINAL_SCENARIOS) {
    it(`${scenario.name}: refused cells answer 404/403/409 and change nothing`, SLOW, async ({ expect }) => {
      await refusedCells(expect, scenario);
    });

    it(`${scenario.name}: each allowed cell moves the application as the table says`, SLOW, async ({ expect }) => {
      const situation = situationOf(scenario.steps);
      const allowed = ACTIONS.flatMap((action) =>
        sampleActors(situation, action)
          .filter((actor) => expectedOutcome(situation, action, actor).http === 200)
          .map((actor) => [action, actor] as const),
      );
      expect(allowed.length, scenario.name).toBeGreaterThan(0);
      await Promise.all(allowed.map(([action, actor]) => allowedCell(expect, scenario, action, actor)));
    });
  }

  for (const scenario of FINAL_SCENARIOS) {
    it(`${scenario.name} (final): every action by anyone who sees it is a 409, by anyone else a 404`, SLOW, async ({ expect }) => {
      await refusedCells(expect, scenario);
    });
  }

  it('confirm_interview on an already confirmed interview is a 409 for the candidate and their référent', SLOW, async ({ expect }) => {
    const scenario = NON_FINAL_SCENARIOS.find((s) => s.name === 'INTERVIEW_PROPOSED (interview confirmed)')!;
    const application = await reach(expect, scenario);
    const before = await stateOf(application.id);
    expect(before.apiInterviews).toEqual(['CONFIRMED']);
    for (const actor of ['candidate', 'referent'] as const) {
      const response = await transition('application', personOf(actor, application), application.id, { action: 'confirm_interview' });
      cells++;
      expect(response.status, `confirm again by ${actor}: ${describeError(response)}`).toBe(409);
      expect(response.body.error.code).toBe('ILLEGAL_TRANSITION');
      expect(response.body.error.details.status).toBe('INTERVIEW_PROPOSED');
      expect(response.body.error.details.allowedActions).not.toContain('confirm_interview');
    }
    expect(await stateOf(application.id)).toEqual(before);
  });

  it('refuses a transition without its required message, or with a past interview, as 400 VALIDATION_FAILED', SLOW, async ({ expect }) => {
    const byStatus = new Map<Status, Application>();
    const scenarios = NON_FINAL_SCENARIOS.filter((s) => s.name === situationOf(s.steps).status); // one per status
    await Promise.all(scenarios.map(async (s) => byStatus.set(situationOf(s.steps).status, await reach(expect, s))));
    const befores = new Map(await Promise.all([...byStatus].map(async ([status, a]) => [status, await stateOf(a.id)] as const)));

    const checkInvalid = async (label: string, status: Status, actor: ActorName, body: Record<string, unknown>, field: RegExp) => {
      const application = byStatus.get(status)!;
      const response = await transition('application', personOf(actor, application), application.id, body);
      cells++;
      expect.soft(response.status, `${label} → ${describeError(response)}`).toBe(400);
      expect.soft(response.body?.error?.code, label).toBe('VALIDATION_FAILED');
      expect.soft(response.body?.error?.message, label).toMatch(field);
    };

    for (const action of ACTIONS.filter((a) => TABLE[a].message)) {
      for (const status of TABLE[action].from) {
        for (const actor of MAY_ACT[TABLE[action].party]) {
          const reason = TABLE[action].reason ? { reason: REFUSAL_REASON } : {};
          await checkInvalid(`${status} · ${action} by ${actor} without a message`, status, actor, { action, ...reason }, /message/);
          await checkInvalid(`${status} · ${action} by ${actor} with a blank message`, status, actor, { action, ...reason, message: '   ' }, /message/);
        }
      }
    }
    for (const status of TABLE.propose_interview.from) {
      for (const actor of MAY_ACT.recruiter) {
        const past = { action: 'propose_interview', startsAt: inDays(-1), durationMinutes: 45, mode: 'PHONE' };
        await checkInvalid(`${status} · propose_interview by ${actor} in the past`, status, actor, past, /startsAt/);
      }
    }
    for (const [status, application] of byStatus) {
      expect(await stateOf(application.id), `${status}: unchanged after the invalid requests`).toEqual(befores.get(status));
    }
  });
});
