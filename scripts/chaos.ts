// `npm run chaos [-- --short] [--keep] [--freeze-mid-race]`: the platform under faults.
//
// Starts its own servers (scripts/chaos/services.ts): a dedicated embedded PostgreSQL (its own data
// directory and port — never the machine's), a Temporal dev server from the `temporal` binary with a
// persistent SQLite file, the in-process mail catcher, and the API (`npm run api`) and the worker
// (`npm run worker` with a pre-bundled workflow) as child processes. While several clients drive
// applications (and some sponsorship requests, offers and company registrations) through the HTTP
// API to their final states along varied paths (scripts/chaos/load.ts) — a share of them *contested*:
// at chosen steps two people send conflicting actions to the same entity at the same instant — it
//   - kills the worker with SIGKILL, several times, and starts another,
//   - stops and restarts the Temporal dev server (same port, same SQLite file),
//   - stops and restarts PostgreSQL (fast shutdown: sessions cut), probing the API meanwhile,
//   - makes the SMTP server refuse mail (451) for a while.
// Then it waits for the platform to settle and checks:
//   - every transition the API acknowledged (200/201) is in the database's history and counted by
//     the workflow, none twice, in order; each case's status is the same in the database, in the
//     workflow and in the client's ledger;
//   - every race: each 200 is exactly one event (matched by action *and* actor), a loser is a 409
//     naming the state the winner left, two 200s only for actions the rules allow one after the
//     other and in an order they allow, the state the one they lead to, and no 5xx outside a fault
//     window (below);
//   - every workflow is at its final state (completed), or exactly where the last acknowledged
//     transition left it (parked on purpose), with no activity pending or failing;
//   - every mail of the outbox was received by the SMTP server exactly once (Message-ID + recipient),
//     and belongs to an event of its case's history (the loser of a race tells nobody);
//   - while PostgreSQL was down the API answered 503, fast (p99 under 3.5 s, nothing hanging);
//   - `reconcile` finds no difference between the workflows and the database.
// It prints the figures and exits 0 when every check passes, 1 otherwise. A last line
// `CHAOS_RESULT {json}` carries them for test/chaos.test.ts. `--short` is the version the test suite
// runs (fewer cases, one fault of each kind); `--keep` keeps the data directory, every process's log
// and `ledger.json` (every case, every race with both sides' answers); `--freeze-mid-race` replaces
// the faults with one that loses a workflow task in the middle of a race, after its projection write
// (see freezeMidRace below and the README: racing Updates then come back in the other order).
//
// Retrying after a failure, client-side. A request that fails with a 5xx, a dropped connection or a
// timeout while a service is down is *ambiguous*: the API may have failed before the transition (a
// 503 when PostgreSQL was down as it read the application), or after it (the Update ran and the
// final read failed; Temporal accepted the Update and the connection dropped before the answer).
// Transitions are not idempotent in general — but every action of every process is refused with a
// 409 from the state it leads to (accept from ACCEPTED, confirm_interview once confirmed, …). So the
// generator sends the *same* request again until it gets an answer that is not ambiguous:
//   - 200: the first attempt had not landed (or landed nothing) and this one did — one transition;
//   - 409: for an uncontested step (one client drives the case) the first attempt landed (the
//     workflow's Update handler re-checks the rules under its lock, so even a retry racing the
//     first attempt is refused, never applied twice). The run then reads the entity and checks it
//     is in the state the action leads to, and counts the action as "landed (409 after
//     ambiguous)": neither lost nor duplicated.
// In a race a 409 on the retry says less: the other side may have won. So once both sides have a
// plain answer the run reads the entity's history — the truth — and judges each side by it: a 200
// must be its event (matched by action and actor), a 409 after an ambiguous failure with its event
// there is "landed after ambiguous", without it the side lost the race; the order and the state must
// then be what the rules give. Reading the history at that moment is sound: a first attempt that
// reached the workflow was taken before its retry (handlers take turns, first come first served) or,
// arriving after it, is refused like any action repeated from the state it leads to; one that still
// landed later would show in the final comparison of each history with the ledger.
// What counts as a fault window for a 5xx: PostgreSQL or Temporal down, or the worker dead, and the
// 15 s after (pools and connections coming back); an ambiguous answer to a race outside those is a
// finding, not something to retry quietly.
// A retry is never sent for a *creation* whose answer was lost: a second POST would make a second
// application (the first may still be written by its workflow later, which would then collide with
// the unique "one live application per offer" index). The run asks the workflow side instead
// (Temporal's visibility, by the CandidateId/OfferId search attributes the API sets at start; for
// offers, the company's list), and posts again only when no workflow was started.
import { mkdtemp, chmod, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { connectTemporal } from '../config/temporal.js';
import { bundleWorkflowCode } from '@temporalio/worker';
import { writeFile } from 'node:fs/promises';
import pg from 'pg';
import { QueryTypes, type Sequelize } from 'sequelize';
import { startMissingOfferWorkflows } from '../api/offers/service.js';
import { loadConfig } from '../config/env.js';
import { createLogger } from '../config/logger.js';
import { createDatabase } from '../models/index.js';
import { migrate } from '../models/migrate.js';
import { CHAOS_PASSWORD, seedCast, type CastPerson } from './chaos/cast.js';
import { ChaosClient, requestLog } from './chaos/http.js';
import { PROCESSES, isFinalStatus, parseWorkflowId } from '../workflows/processes.js';
import { createLoad, type CaseKind, type CaseRecord, type RaceRecord } from './chaos/load.js';
import { childRole, freePort, sleep, startChaosPostgres, startChaosTemporal, startMailCatcher, type ChildRole } from './chaos/services.js';
import { formatReport, reconcile, type ReconcileReport } from './reconcile.js';
import { workflowBundling } from './services/worker.js';

const args = process.argv.slice(2);
const short = args.includes('--short');
const keep = args.includes('--keep');
/**
 * Instead of the faults below, one of its own: as an application race leaves, watch its history and
 * freeze the worker (SIGSTOP) the moment the first event is written by the local projection activity,
 * until the workflow task times out (10 s), then kill it. The retried task may run the two Updates in
 * the other order, against a database that already holds the first one's event (README, chaos).
 */
const freezeMidRace = args.includes('--freeze-mid-race');

interface Fault {
  at: number;
  run: () => Promise<void>;
}

/**
 * The short run (test/chaos.test.ts) holds races for its faults too, as the full run holds one race in
 * three: racing Updates re-run in the other order after a lost workflow task now give each other their
 * turn back (workflows/process.ts, PLACE_TAKEN); `--freeze-mid-race` provokes that case on purpose.
 */
const SHORT_RACE_HOLD_MS = 8_000;

const MODE = short
  ? { name: 'short', companies: 2, offersPerCompany: 3, candidates: 12, concurrency: 6, loadMs: 23_000, thinkMs: [50, 300] as [number, number], parkRatio: 0.15, sideRatio: 0.3, contestedRatio: 0.5, raceHoldMs: SHORT_RACE_HOLD_MS, stepDeadlineMs: 60_000, drainMs: 75_000 }
  : { name: 'full', companies: 4, offersPerCompany: 3, candidates: 40, concurrency: 8, loadMs: 170_000, thinkMs: [150, 900] as [number, number], parkRatio: 0.12, sideRatio: 0.2, contestedRatio: 0.28, raceHoldMs: 25_000, stepDeadlineMs: 150_000, drainMs: 180_000 };

const startedAt = Date.now();
const stamp = () => `${((Date.now() - startedAt) / 1000).toFixed(1).padStart(6)} s`;
const say = (line: string) => process.stderr.write(`[chaos ${stamp()}] ${line}\n`);

const CONFIRM_LINK = /https?:\/\/\S+\/api\/auth\/confirm-email\?token=[A-Za-z0-9_-]+/;

const percentile = (values: number[], p: number) => {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};


async function main(): Promise<number> {
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn', 'chaos');
  const base = loadConfig({ ...process.env, DATABASE_URL: '', TEMPORAL_ADDRESS: '', SMTP_URL: '' });
  const dir = await mkdtemp(path.join(os.tmpdir(), `tremplin-chaos-${MODE.name}-`));
  await chmod(dir, 0o755); // as root, PostgreSQL runs as the `postgres` user, who must reach it
  const cleanups: Array<() => Promise<void>> = [];
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    for (const step of [...cleanups].reverse()) await step().catch((error) => say(`cleanup: ${(error as Error).message}`));
    if (!keep) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    else say(`data kept in ${dir}`);
  };
  // Whatever ends the run, its servers (child processes in their own groups) do not outlive it.
  let exiting = false;
  const abort = (why: string, code: number) => {
    if (exiting) return;
    exiting = true;
    say(`${why}: stopping`);
    void cleanup().finally(() => process.exit(code));
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => abort(signal, 130));
  process.on('uncaughtException', (error) => abort(`uncaught ${error.stack ?? error}`, 2));
  process.on('unhandledRejection', (error) => abort(`unhandled rejection ${(error as Error)?.stack ?? error}`, 2));
  try {
    return await run(dir, base.TEMPORAL_NAMESPACE, base.TEMPORAL_CLI_PATH, logger, cleanups);
  } finally {
    await cleanup();
  }
}

async function run(dir: string, namespace: string, cliPath: string | undefined, logger: ReturnType<typeof createLogger>, cleanups: Array<() => Promise<void>>): Promise<number> {
  say(`mode ${MODE.name}, data in ${dir}, load ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPU(s)`);
  const [pgPort, temporalPort, apiPort] = [await freePort(), await freePort(), await freePort()];
  const taskQueue = 'tremplin';

  // ---- Servers ----
  const bundlePath = process.env.CHAOS_WORKFLOW_BUNDLE;
  // Each server is stopped at the end as soon as it started, even if another one failed to.
  const started = <T>(promise: Promise<T>, stop: (value: T) => Promise<void>) =>
    promise.then((value) => {
      cleanups.push(() => stop(value));
      return value;
    });
  const settled = await Promise.allSettled([
    started(startChaosPostgres({ dataDir: dir, port: pgPort, database: 'tremplin_chaos', logger }), (server) => server.stop()),
    started(startChaosTemporal({ dbFilename: path.join(dir, 'temporal.sqlite'), port: temporalPort, namespace, cliPath }), (server) => server.stop('SIGKILL')),
    started(startMailCatcher(), (catcher) => catcher.stop()),
    bundlePath
      ? Promise.resolve(bundlePath)
      : bundleWorkflowCode({ ...workflowBundling(loadConfig(process.env)), logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: (m) => say(m) } }).then(async ({ code }) => {
          const file = path.join(dir, 'workflow-bundle.js');
          await writeFile(file, code);
          return file;
        }),
  ]);
  for (const result of settled) if (result.status === 'rejected') throw result.reason;
  const value = <T>(result: PromiseSettledResult<T>) => (result as PromiseFulfilledResult<T>).value;
  const [pgServer, temporalServer, mail, workflowBundle] = [value(settled[0]), value(settled[1]), value(settled[2]), value(settled[3])];
  say(`PostgreSQL :${pgPort}, Temporal ${temporalServer.address}, SMTP ${mail.smtpUrl}`);

  const temporal = await connectTemporal(loadConfig({ ...process.env, TEMPORAL_NAMESPACE: namespace }), temporalServer.address);
  cleanups.push(() => temporal.connection.close());
  let sequelize: Sequelize = createDatabase(pgServer.url, { logger });
  await migrate(sequelize);
  const cast = await seedCast(pgServer.url, { companies: MODE.companies, offersPerCompany: MODE.offersPerCompany, candidates: MODE.candidates });
  // As the platform does at start-up: the seeded published offers get their workflows.
  await startMissingOfferWorkflows({ sequelize, temporal, config: { TEMPORAL_TASK_QUEUE: taskQueue }, logger });
  await sequelize.close();

  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const env = {
    DATABASE_URL: pgServer.url,
    TEMPORAL_ADDRESS: temporalServer.address,
    TEMPORAL_NAMESPACE: namespace,
    TEMPORAL_TASK_QUEUE: taskQueue,
    SMTP_URL: mail.smtpUrl,
    PUBLIC_URL: apiUrl,
    LOG_LEVEL: process.env.CHAOS_CHILD_LOG_LEVEL ?? 'error',
    SEED_DEMO: 'false',
  };
  const api = childRole({
    name: 'api',
    // The full run: `npm run api` itself; the short one: the same app without the back office (faster to load).
    entry: short ? 'scripts/chaos/api.ts' : 'scripts/api.ts',
    env: { ...env, PORT: String(apiPort) },
    logFile: path.join(dir, 'api.log'),
    ready: { probe: async () => (await fetch(`${apiUrl}/api/health`, { signal: AbortSignal.timeout(3_000) })).status > 0 },
  });
  const worker = childRole({ name: 'worker', entry: 'scripts/chaos/worker.ts', env: { ...env, CHAOS_WORKFLOW_BUNDLE: workflowBundle }, logFile: path.join(dir, 'worker.log'), ready: { line: 'chaos-worker-ready' } });
  cleanups.push(() => api.stop(), () => worker.stop());
  await Promise.all([api.start(), worker.start()]);
  say('API and worker started');

  // ---- Sessions ----
  const people: CastPerson[] = [...cast.admins, ...cast.missionOfficers, ...cast.referents, ...cast.companies.flatMap((c) => c.recruiters), ...cast.candidates];
  const clients = new Map<string, ChaosClient>();
  for (let i = 0; i < people.length; i += 4) {
    await Promise.all(
      people.slice(i, i + 4).map(async (person) => {
        const client = new ChaosClient(apiUrl, person.email, 90_000);
        await client.login(person.email, CHAOS_PASSWORD);
        clients.set(person.email, client);
      }),
    );
  }
  say(`${clients.size} sessions open`);

  // ---- Supervision: a child that dies when nobody killed it is a finding, and is restarted ----
  const findings: string[] = [];
  const intentionallyDown = { api: false, worker: false };
  const startWithRetry = async (role: ChildRole) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await role.start();
        return;
      } catch (error) {
        if (attempt % 5 === 1) say(`${role.name} did not start (attempt ${attempt}): ${(error as Error).message.slice(-1500)}`);
        await sleep(1_000);
      }
    }
  };
  let supervising = true;
  const supervisor = (async () => {
    while (supervising) {
      await sleep(500);
      for (const [role, name] of [[api, 'api'], [worker, 'worker']] as const) {
        if (!supervising || role.running || intentionallyDown[name]) continue;
        findings.push(`${name} exited on its own at ${stamp()}:\n${role.output().slice(-1500)}`);
        say(`${name} exited on its own: restarting`);
        await startWithRetry(role);
      }
    }
  })();

  // ---- Faults ----
  const faultLog: string[] = [];
  // Races held for a fault (scripts/chaos/load.ts) leave when one is announced, just before it hits:
  // their Updates are in flight as the worker dies or PostgreSQL and Temporal go away.
  let faultWaiters: Array<(what: string) => void> = [];
  const nextFault = () => new Promise<string>((resolve) => faultWaiters.push(resolve));
  const announceFault = async (what: string) => {
    const waiting = faultWaiters;
    faultWaiters = [];
    for (const release of waiting) release(what);
    if (waiting.length) await sleep(40 + Math.random() * 80);
  };
  const note = (line: string) => {
    faultLog.push(`${stamp()} ${line}`);
    say(line);
  };
  const windows = {
    postgres: [] as Array<{ from: number; to: number }>,
    temporal: [] as Array<{ from: number; to: number }>,
    smtp: [] as Array<{ from: number; to: number }>,
    worker: [] as Array<{ from: number; to: number }>,
  };
  /** When the worker died: what can leave a mail sent and not recorded as such. */
  const faultTimes: Array<{ what: string; at: number }> = [];
  const counts = { workerKills: 0, temporalRestarts: 0, postgresStops: 0, smtpWindows: 0 };
  const probeClients = [clients.get(cast.candidates[0]!.email)!, clients.get(cast.companies[0]!.recruiters[0]!.email)!, clients.get(cast.referents[0]!.email)!];
  const anonymous = new ChaosClient(apiUrl, 'anonymous', 30_000);

  const killWorker = async (restartAfterMs: number, whenReady?: () => Promise<void>) => {
    intentionallyDown.worker = true;
    await announceFault('worker kill');
    await worker.kill();
    const from = Date.now();
    faultTimes.push({ what: 'worker killed', at: from });
    counts.workerKills++;
    note(`worker killed (SIGKILL)`);
    await sleep(restartAfterMs);
    if (whenReady) await whenReady();
    await startWithRetry(worker);
    intentionallyDown.worker = false;
    windows.worker.push({ from, to: Date.now() });
    note('worker started again');
  };
  const smtpRefusal = async (ms: number) => {
    await announceFault('SMTP refusal');
    mail.setRefusing(true);
    counts.smtpWindows++;
    const from = Date.now();
    note(`SMTP refuses mail for ${ms / 1000} s`);
    await sleep(ms);
    mail.setRefusing(false);
    windows.smtp.push({ from, to: Date.now() });
    note('SMTP accepts mail again');
  };
  const postgresDown = async (ms: number, during?: () => Promise<void>) => {
    await announceFault('PostgreSQL stop');
    await pgServer.stop();
    counts.postgresStops++;
    const from = Date.now();
    note(`PostgreSQL stopped for ${ms / 1000} s`);
    const end = from + ms;
    const probing = (async () => {
      while (Date.now() < end) {
        await Promise.all([
          probeClients[0]!.get('/api/applications', 15_000),
          probeClients[1]!.get('/api/me', 15_000),
          probeClients[2]!.post(`/api/applications/${randomUUID()}/transitions`, { action: 'validate' }, 15_000),
          anonymous.get('/api/health', 15_000),
          probeClients[0]!.get('/api/offers', 15_000),
          // An address of its own each time: the login limiter counts failures per address.
          anonymous.post('/api/auth/login', { email: `probe-${randomUUID()}@chaos.test`, password: CHAOS_PASSWORD }, 15_000),
        ]);
        await sleep(100);
      }
    })();
    const meanwhile = during?.(); // e.g. a worker kill: it does not hold PostgreSQL's restart back
    await probing;
    windows.postgres.push({ from, to: Date.now() });
    await pgServer.start();
    note('PostgreSQL started again');
    await meanwhile;
  };
  const temporalRestart = async (signal: 'SIGTERM' | 'SIGKILL', downMs: number) => {
    await announceFault(`Temporal stop (${signal})`);
    await temporalServer.stop(signal);
    counts.temporalRestarts++;
    const from = Date.now();
    note(`Temporal dev server stopped (${signal})`);
    const end = from + downMs;
    while (Date.now() < end) {
      await Promise.all([anonymous.get('/api/health', 15_000), sleep(250)]);
    }
    windows.temporal.push({ from, to: Date.now() });
    await temporalServer.start();
    note('Temporal dev server started again (same port, same SQLite file)');
  };

  const faults: Fault[] = freezeMidRace
    ? []
    : short
    ? [
        // One fault of each kind.
        { at: 2_500, run: () => killWorker(200) },
        { at: 6_000, run: () => smtpRefusal(5_000) },
        { at: 12_000, run: () => postgresDown(5_000) },
        { at: 20_000, run: () => temporalRestart('SIGTERM', 1_000) },
      ]
    : [
        { at: 8_000, run: () => killWorker(1_000) },
        { at: 18_000, run: () => smtpRefusal(20_000) },
        { at: 45_000, run: () => postgresDown(15_000) },
        { at: 68_000, run: () => killWorker(3_000) },
        { at: 82_000, run: () => temporalRestart('SIGTERM', 4_000) },
        // The worker dies while PostgreSQL is down, and can only start again once it is back.
        { at: 100_000, run: () => postgresDown(8_000, () => sleep(2_000).then(() => killWorker(500, async () => { while (!pgServer.up) await sleep(200); }))) },
        { at: 122_000, run: () => temporalRestart('SIGKILL', 3_000) },
        { at: 124_000, run: () => smtpRefusal(10_000) },
        { at: 140_000, run: () => killWorker(500) },
        { at: 155_000, run: () => killWorker(2_000) },
      ];

  // ---- Load ----
  // A registration is the API's transaction (the workflow of one rolled back finds no row and ends):
  // whether it landed is in the database.
  const registrations = new pg.Pool({ connectionString: pgServer.url, max: 1, connectionTimeoutMillis: 3_000 });
  registrations.on('error', () => undefined);
  cleanups.push(() => registrations.end());
  const resolveCreate = async (kind: CaseKind, keys: Record<string, string>): Promise<string | null | undefined> => {
    if (kind === 'membership') {
      const { rows } = await registrations.query<{ id: string; company_id: string }>(
        `SELECT m.id, m.company_id FROM company_memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1`,
        [keys.email],
      );
      return rows[0] ? `${rows[0].id} ${rows[0].company_id}` : null;
    }
    if (kind === 'offer') {
      const company = cast.companies.find((c) => c.id === keys.companyId)!;
      const response = await clients.get(company.recruiters[0]!.email)!.get(`/api/company/offers?q=${encodeURIComponent(keys.title!)}`, 15_000);
      if (response.status !== 200) return undefined;
      return (response.body.items as Array<{ id: string; title: string }>).find((o) => o.title === keys.title)?.id ?? null;
    }
    // Visibility is written shortly after a start: a miss counts only when it holds for a few seconds.
    const type = PROCESSES[kind].workflowType;
    const filters = Object.entries(keys).map(([key, value]) => `${key}='${value}'`).join(' AND ');
    for (let check = 0; check < 3; check++) {
      if (check) await sleep(1_000);
      for await (const execution of temporal.workflow.list({ query: `WorkflowType='${type}' AND ${filters}` })) {
        return parseWorkflowId(execution.workflowId)?.entityId ?? null;
      }
    }
    return null;
  };
  let freezing = false;
  const freezeAfterFirstWrite = async (kind: CaseKind, id: string, seq: number) => {
    // Applications only: their projection is a local activity, written inside the workflow task.
    if (freezing || kind !== 'application') return;
    freezing = true;
    const probe = new pg.Client({ connectionString: pgServer.url });
    await probe.connect();
    try {
      const { events, key } = PROCESSES[kind].projection;
      for (const until = Date.now() + 5_000; Date.now() < until; ) {
        if (!(await probe.query(`SELECT 1 FROM ${events} WHERE ${key} = $1 AND seq = $2`, [id, seq])).rowCount) continue;
        process.kill(-worker.pid!, 'SIGSTOP');
        faultTimes.push({ what: 'worker killed', at: Date.now() }); // frozen: as good as dead from now on
        note(`worker frozen (SIGSTOP) as event ${seq} of application ${id} was written, mid-race`);
        await sleep(12_000);
        await killWorker(200);
        return;
      }
    } finally {
      await probe.end();
      freezing = false;
    }
  };
  const loadStart = Date.now();
  const load = createLoad({
    cast,
    clients,
    concurrency: MODE.concurrency,
    until: loadStart + MODE.loadMs,
    thinkMs: MODE.thinkMs,
    stepDeadlineMs: MODE.stepDeadlineMs,
    parkRatio: MODE.parkRatio,
    sideRatio: MODE.sideRatio,
    contestedRatio: MODE.contestedRatio,
    raceHoldMs: MODE.raceHoldMs,
    nextFault,
    ...(freezeMidRace ? { raceSent: freezeAfterFirstWrite } : {}),
    resolveCreate,
    confirmationLink: (email) => {
      const message = mail.messages.find((m) => m.envelopeTo.includes(email) && CONFIRM_LINK.test(m.text));
      return message ? CONFIRM_LINK.exec(message.text)![0] : null;
    },
    apiUrl,
    log: say,
  });
  say(`load: ${MODE.concurrency} clients for ${MODE.loadMs / 1000} s`);
  const faultsDone = Promise.all(
    faults.map(async (fault) => {
      await sleep(Math.max(0, loadStart + fault.at - Date.now()));
      await fault.run();
    }),
  );
  await Promise.all([load.run(), faultsDone]);
  say(`load done: ${load.cases.length} cases, ${load.counters.acknowledged} acknowledged answers`);

  // ---- Settle ----
  sequelize = createDatabase(pgServer.url, { logger });
  cleanups.push(() => sequelize.close());
  const settle = await waitForSettle(sequelize, temporal, load.cases, MODE.drainMs);
  supervising = false;
  await supervisor;

  // ---- Checks ----
  const transitions = await checkTransitions(sequelize, temporal, load.cases);
  const workflows = await checkWorkflows(temporal, load.cases);
  const mails = await checkMails(sequelize, mail.messages, faultTimes);
  const [{ left: noticesLeft }] = await sequelize.query<{ left: number }>(`SELECT count(*)::int AS left FROM notice_queue`, { type: QueryTypes.SELECT });
  const strayMails = await checkMailsHaveEvents(sequelize, load.cases);
  const races = checkRaces(load.races, [...windows.postgres, ...windows.temporal, ...windows.worker]);
  const dbDown = latencyDuring(windows.postgres);
  const temporalDown = latencyDuring(windows.temporal);
  const report: ReconcileReport = await reconcile({ sequelize, temporal, taskQueue, recheckMs: 2_000 });

  // ---- Figures ----
  const byKind = (kind: CaseKind) => load.cases.filter((c) => c.kind === kind).length;
  const c = load.counters;
  const dbDownOk = (freezeMidRace && counts.postgresStops === 0) || (dbDown.count > 0 && dbDown.p99 < 3_500 && dbDown.max < 10_000 && dbDown.statuses["503"] === dbDown.count);
  const checks = {
    'no transition lost': transitions.lost === 0,
    'no transition duplicated': transitions.duplicated === 0,
    'database, workflow and ledger agree': transitions.mismatches.length === 0,
    'no unexpected answer': c.unexpected.length === 0,
    'every ambiguous request resolved': c.unresolved === 0,
    'workflows settled (final, or where their last transition left them)': workflows.problems.length === 0 && settle.settled,
    'no pending or failing activity': workflows.pendingActivities.length === 0,
    'every notice told (the notice queue empty)': noticesLeft === 0,
    'every mail sent exactly once (but for a fault in the at-least-once window)': mails.missing === 0 && mails.duplicated === 0 && mails.unsent === 0 && mails.unexpected === 0,
    'API answers 503 fast while PostgreSQL is down': dbDownOk,
    'reconcile finds no difference': report.differences.length === 0,
    'no process died on its own': findings.length === 0,
    'races: every 200 one event, every loser a 409 naming the state, an order the rules allow': races.lost === 0 && races.duplicated === 0 && races.disagreements.length === 0,
    'races: no 5xx outside a fault window': races.outsideFaults.length === 0,
    'every mail belongs to an event of its history (none for a race lost)': strayMails.stray.length === 0,
  };
  const passed = Object.values(checks).every(Boolean);
  const lines = [
    '',
    `== chaos run (${MODE.name}) — ${((Date.now() - startedAt) / 1000).toFixed(0)} s ==`,
    `faults: ${counts.workerKills} worker kills (SIGKILL), ${counts.temporalRestarts} Temporal restarts, ${counts.postgresStops} PostgreSQL stops, ${counts.smtpWindows} SMTP refusal windows`,
    ...faultLog.map((l) => `  ${l}`),
    `load: ${load.cases.length} cases (${byKind('application')} applications, ${byKind('sponsorship')} sponsorships, ${byKind('offer')} offers, ${byKind('membership')} company registrations; ${load.cases.filter((x) => x.parked).length} parked on purpose), ${MODE.concurrency} clients, ${c.requests} requests`,
    `transitions acknowledged: ${c.acknowledged} (200/201, creations included; ${c.ackAfterRetry} of them on a retry after an ambiguous failure)`,
    `ambiguous failures (5xx, connection, timeout): ${c.ambiguous}; landed before the retry (409 after ambiguous): ${c.landed409AfterAmbiguous}; unresolved: ${c.unresolved}`,
    `transitions lost: ${transitions.lost}, duplicated: ${transitions.duplicated}, cases where database/workflow/ledger disagree: ${transitions.mismatches.length}`,
    ...transitions.mismatches.slice(0, 10).map((m) => `  ${m}`),
    `races: ${races.run} in ${races.contestedCases} contested cases (two people, conflicting actions, same instant); first side won ${races.first}, second ${races.second}, both in turn ${races.both}, neither ${races.none}`,
    ...Object.entries(races.byRace).map(([name, r]) => `  ${name}: ${r.run} — ${r.sides[0]} ${r.first}, ${r.sides[1]} ${r.second}, both ${r.both}${r.none ? `, neither ${r.none}` : ''}`),
    `  sent just before a fault: ${Object.values(races.atFault).reduce((a, b) => a + b, 0)} (${Object.entries(races.atFault).map(([what, n]) => `${what} ${n}`).join(', ') || 'none'})`,
    `  sides with an ambiguous answer: ${races.ambiguousSides} (won on a retry ${races.wonAfterRetry}, landed before the lost answer ${races.landedAfterAmbiguous}, refused ${races.refusedAfterAmbiguous}, unresolved ${races.unresolvedSides}); 5xx outside a fault window: ${races.outsideFaults.length}`,
    ...races.outsideFaults.slice(0, 10).map((f) => `  ${f}`),
    `  races lost: ${races.lost}, duplicated: ${races.duplicated}, disagreements: ${races.disagreements.length}`,
    ...races.disagreements.slice(0, 10).map((d) => `  ${d}`),
    `mails of the cases' workflows: ${strayMails.checked}, for an event their history lacks: ${strayMails.stray.length}`,
    ...strayMails.stray.slice(0, 10).map((m) => `  ${m}`),
    `unexpected answers: ${c.unexpected.length}`,
    ...c.unexpected.slice(0, 10).map((u) => `  ${u.case} ${u.action}: ${u.status} ${u.body}`),
    `workflows: ${workflows.completed} completed at their final state, ${workflows.parked} running where their last transition left them, ${workflows.problems.length} not so; settled ${settle.settled ? `in ${(settle.ms / 1000).toFixed(0)} s` : 'NOT in time'}`,
    ...workflows.problems.slice(0, 10).map((p) => `  ${p}`),
    `pending activities: ${workflows.pendingActivities.length}`,
    ...workflows.pendingActivities.slice(0, 10).map((p) => `  ${p}`),
    `notices left in the notice queue: ${noticesLeft}`,
    `mails expected (outbox rows): ${mails.expected}, received by SMTP: ${mails.received}, duplicated: ${mails.duplicated + mails.duplicatedByFault} (${mails.duplicatedByFault} of them explained: the worker killed between the relay's 250 and the record of it, sent again with the same Message-ID), missing: ${mails.missing}, not SENT in the outbox: ${mails.unsent}, unknown to the outbox: ${mails.unexpected}`,
    ...mails.details.slice(0, 10).map((d) => `  ${d}`),
    `while PostgreSQL was down: ${dbDown.count} requests, statuses ${JSON.stringify(dbDown.statuses)}, p50 ${dbDown.p50} ms, p99 ${dbDown.p99} ms, max ${dbDown.max} ms (check: all 503, p99 < 3500 ms)`,
    ...dbDown.errors.map((e) => `  no answer: ${e}`),
    `while Temporal was down: ${temporalDown.count} requests, statuses ${JSON.stringify(temporalDown.statuses)}, p50 ${temporalDown.p50} ms, p99 ${temporalDown.p99} ms, max ${temporalDown.max} ms`,
    `transition latency: ${transitionLatency()}`,
    `reconcile: ${formatReport(report, false).split('\n').join('\n  ')}`,
    ...findings.map((f) => `FINDING: ${f}`),
    ...Object.entries(checks).map(([name, ok]) => `${ok ? 'ok  ' : 'FAIL'} ${name}`),
    passed ? 'PASS' : 'FAIL',
    '',
  ];
  process.stdout.write(lines.join('\n'));
  const result = {
    mode: MODE.name,
    passed,
    checks,
    seconds: Math.round((Date.now() - startedAt) / 1000),
    faults: counts,
    cases: load.cases.length,
    acknowledged: c.acknowledged,
    ambiguous: c.ambiguous,
    ackAfterRetry: c.ackAfterRetry,
    landed409AfterAmbiguous: c.landed409AfterAmbiguous,
    unresolved: c.unresolved,
    unexpected: c.unexpected.length,
    lost: transitions.lost,
    duplicated: transitions.duplicated,
    mismatches: transitions.mismatches.length,
    workflows: { completed: workflows.completed, parked: workflows.parked, problems: workflows.problems.length, pendingActivities: workflows.pendingActivities.length },
    mails: { expected: mails.expected, received: mails.received, duplicated: mails.duplicated, duplicatedByFault: mails.duplicatedByFault, missing: mails.missing, unsent: mails.unsent, unexpected: mails.unexpected },
    postgresDown: dbDown,
    temporalDown,
    reconcileDifferences: report.differences.length,
    findings: findings.length,
    races: {
      run: races.run,
      contestedCases: races.contestedCases,
      first: races.first,
      second: races.second,
      both: races.both,
      none: races.none,
      byRace: races.byRace,
      atFault: races.atFault,
      ambiguousSides: races.ambiguousSides,
      wonAfterRetry: races.wonAfterRetry,
      landedAfterAmbiguous: races.landedAfterAmbiguous,
      refusedAfterAmbiguous: races.refusedAfterAmbiguous,
      unresolvedSides: races.unresolvedSides,
      lost: races.lost,
      duplicated: races.duplicated,
      disagreements: races.disagreements.length,
      // What each disagreement was, for the test's message (the run's own output may be cut in CI's log).
      disagreementTexts: races.disagreements.slice(0, 5),
      fiveHundredsOutsideFaults: races.outsideFaults.length,
    },
    strayMails: strayMails.stray.length,
  };
  process.stdout.write(`CHAOS_RESULT ${JSON.stringify(result)}\n`);
  // With --keep, the ledgers beside the logs: every case, every race with both sides' answers.
  if (keep) await writeFile(path.join(dir, 'ledger.json'), JSON.stringify({ cases: load.cases, races: load.races }, null, 1));
  if (!passed && !keep) process.stderr.write(`worker output (tail):\n${worker.output().slice(-3000)}\napi output (tail):\n${api.output().slice(-3000)}\n`);
  return passed ? 0 : 1;
}

// ---- Settling: every case's workflow at rest, every mail out ----

async function describeCase(temporal: Client, record: CaseRecord): Promise<{ execution: string; snapshot: any | null; pending: number }> {
  const handle = temporal.workflow.getHandle(record.workflowId!);
  const description = await handle.describe();
  const execution = description.status.name;
  const pending = description.raw.pendingActivities?.length ?? 0;
  let snapshot: any = null;
  try {
    snapshot = execution === 'COMPLETED' ? await handle.result() : await temporal.withDeadline(Date.now() + 10_000, () => handle.query('snapshot'));
  } catch {
    snapshot = null;
  }
  return { execution, snapshot, pending };
}

const atRest = (record: CaseRecord, state: { execution: string; snapshot: any; pending: number }) => {
  if (record.expectedStatus && isFinalStatus(record.kind, record.expectedStatus)) return state.execution === 'COMPLETED';
  return state.execution === 'RUNNING' && state.pending === 0 && state.snapshot?.status === record.expectedStatus;
};

async function waitForSettle(sequelize: Sequelize, temporal: Client, cases: CaseRecord[], timeoutMs: number) {
  const started = Date.now();
  let lastReport = 0;
  for (;;) {
    let waiting = 0;
    for (const record of cases) {
      if (!record.workflowId || record.abandoned || record.unresolved) continue;
      const state = await describeCase(temporal, record).catch(() => null);
      if (!state || !atRest(record, state)) waiting++;
    }
    // Mails not sent yet, and notices not yet told (still in the notice queue: no outbox row yet).
    const [{ unsent }] = await sequelize
      .query<{ unsent: number }>(`SELECT (SELECT count(*) FROM email_outbox WHERE status <> 'SENT') + (SELECT count(*) FROM notice_queue) AS unsent`, { type: QueryTypes.SELECT })
      .then((rows) => rows.map((row) => ({ unsent: Number(row.unsent) })))
      .catch(() => [{ unsent: -1 }]);
    if (waiting === 0 && unsent === 0) return { settled: true, ms: Date.now() - started };
    if (Date.now() - started > timeoutMs) {
      say(`not settled after ${timeoutMs / 1000} s: ${waiting} workflow(s) not at rest, ${unsent} mail(s) not sent`);
      return { settled: false, ms: Date.now() - started };
    }
    if (Date.now() - lastReport > 10_000) {
      say(`settling: ${waiting} workflow(s) not at rest yet, ${unsent} mail(s) not sent yet`);
      for (const line of (await pendingActivities(temporal)).slice(0, 5)) say(`  ${line}`);
      lastReport = Date.now();
    }
    await sleep(1_000);
  }
}

// ---- Checks ----

/** The history of each case in the database and in its workflow, against the ledger of what the API acknowledged. */
async function checkTransitions(sequelize: Sequelize, temporal: Client, cases: CaseRecord[]) {
  let lost = 0;
  let duplicated = 0;
  const mismatches: string[] = [];
  for (const record of cases) {
    if (!record.id) continue;
    const { table, events, key } = PROCESSES[record.kind].projection;
    const rows = await sequelize.query<{ type: string }>(`SELECT type FROM ${events} WHERE ${key} = :id ORDER BY seq`, { type: QueryTypes.SELECT, replacements: { id: record.id } });
    const [row] = await sequelize.query<{ status: string }>(`SELECT status FROM ${table} WHERE id = :id`, { type: QueryTypes.SELECT, replacements: { id: record.id } });
    const state = await describeCase(temporal, record).catch(() => null);
    const name = `${record.kind} ${record.id} [${record.path}]`;
    const actual = rows.map((r) => r.type);
    const expected = record.expectedEvents;
    // An unresolved last request may or may not have landed: either is right.
    const acceptable = record.unresolved ? [expected, [...expected, record.unresolved.split(':')[0]!]] : [expected];
    const counts = (list: string[]) => list.reduce((m, t) => m.set(t, (m.get(t) ?? 0) + 1), new Map<string, number>());
    if (!acceptable.some((list) => list.join() === actual.join())) {
      const want = counts(expected);
      const have = counts(actual);
      for (const [type, n] of want) lost += Math.max(0, n - (have.get(type) ?? 0));
      for (const [type, n] of have) duplicated += Math.max(0, n - (want.get(type) ?? 0));
      mismatches.push(`${name}: history [${actual.join(', ')}], acknowledged [${expected.join(', ')}]`);
      continue;
    }
    if (!row) {
      mismatches.push(`${name}: no row`);
      continue;
    }
    if (!record.unresolved && !record.abandoned && row.status !== record.expectedStatus) {
      mismatches.push(`${name}: database status ${row.status}, expected ${record.expectedStatus}`);
    }
    if (!state?.snapshot) mismatches.push(`${name}: the workflow did not answer (${state?.execution ?? 'describe failed'})`);
    else if (state.snapshot.status !== row.status || state.snapshot.events !== rows.length) {
      mismatches.push(`${name}: workflow ${state.snapshot.status}/${state.snapshot.events} events, database ${row.status}/${rows.length} events`);
    }
  }
  return { lost, duplicated, mismatches };
}

/** Every case's workflow at rest; and nothing in the namespace pending, failing, failed or terminated. */
async function checkWorkflows(temporal: Client, cases: CaseRecord[]) {
  let completed = 0;
  let parked = 0;
  const problems: string[] = [];
  for (const record of cases) {
    if (!record.workflowId) continue;
    const state = await describeCase(temporal, record).catch((error) => ({ execution: `describe failed: ${(error as Error).message}`, snapshot: null, pending: 0 }));
    if (record.abandoned || record.unresolved) {
      if (state.pending) problems.push(`${record.workflowId} (${record.path}, ${record.abandoned ?? record.unresolved}): ${state.pending} pending activities`);
      continue;
    }
    if (!atRest(record, state)) {
      problems.push(`${record.workflowId} [${record.path}]: ${state.execution}, status ${state.snapshot?.status ?? '?'}, expected ${record.expectedStatus}, ${state.pending} pending activities`);
    } else if (state.execution === 'COMPLETED') completed++;
    else parked++;
  }
  const pending = await pendingActivities(temporal);
  for await (const execution of temporal.workflow.list({ query: `ExecutionStatus!='Running' AND ExecutionStatus!='Completed'` })) {
    problems.push(`${execution.workflowId}: ${execution.status.name}`);
  }
  return { completed, parked, problems, pendingActivities: pending };
}

/** Activities pending in any running workflow of the namespace: what it is, its attempt, why it failed last. */
async function pendingActivities(temporal: Client): Promise<string[]> {
  const lines: string[] = [];
  const states = ['UNSPECIFIED', 'SCHEDULED', 'STARTED', 'CANCEL_REQUESTED', 'PAUSED', 'PAUSE_REQUESTED'];
  try {
    for await (const execution of temporal.workflow.list({ query: `ExecutionStatus='Running'` })) {
      const description = await temporal.workflow.getHandle(execution.workflowId, execution.runId).describe();
      for (const activity of description.raw.pendingActivities ?? []) {
        // The notice queue's drain run is always running: pending work only when it is not (failing, waiting to retry).
        if (execution.type === 'noticeQueueWorkflow' && states[activity.state ?? 0] === 'STARTED') continue;
        const started = activity.lastStartedTime?.seconds ? `, started ${Math.round(Date.now() / 1000 - Number(activity.lastStartedTime.seconds))} s ago` : '';
        lines.push(
          `${execution.workflowId}: ${activity.activityType?.name} ${states[activity.state ?? 0] ?? activity.state} attempt ${activity.attempt}${started}${activity.lastFailure?.message ? `, last failure: ${activity.lastFailure.message}` : ''}`,
        );
      }
    }
  } catch (error) {
    lines.push(`(could not list: ${(error as Error).message})`);
  }
  return lines;
}

/** Each outbox row received once by the SMTP server, by Message-ID and recipient. */
async function checkMails(sequelize: Sequelize, messages: Array<{ headers: Record<string, string>; envelopeTo: string[]; receivedAt: string }>, faultTimes: Array<{ what: string; at: number }>) {
  const rows = await sequelize.query<{ idempotency_key: string; to_address: string; status: string; message_id: string | null }>(
    `SELECT idempotency_key, to_address, status, message_id FROM email_outbox`,
    { type: QueryTypes.SELECT },
  );
  const received = new Map<string, number>();
  const receivedAt = new Map<string, number[]>();
  for (const message of messages) {
    for (const to of message.envelopeTo) {
      const key = `${message.headers['message-id'] ?? '?'}|${to.toLowerCase()}`;
      received.set(key, (received.get(key) ?? 0) + 1);
      receivedAt.set(key, [...(receivedAt.get(key) ?? []), Date.parse(message.receivedAt)]);
    }
  }
  let duplicated = 0;
  let duplicatedByFault = 0;
  let missing = 0;
  let unsent = 0;
  let got = 0;
  const details: string[] = [];
  const known = new Set<string>();
  for (const row of rows) {
    if (row.status !== 'SENT') {
      unsent++;
      details.push(`${row.idempotency_key}: ${row.status} in the outbox`);
      continue;
    }
    const key = `${row.message_id}|${row.to_address.toLowerCase()}`;
    known.add(key);
    const n = received.get(key) ?? 0;
    if (n === 0) {
      missing++;
      details.push(`${row.idempotency_key}: never received`);
    } else got++;
    if (n > 1) {
      // The outbox records SENT right after the relay's 250, and when PostgreSQL is gone by then, the
      // activity's heartbeat tells its next attempt that the mail went out (activities/mail.ts). What
      // is left is a worker killed in between: before its commit (milliseconds), or before that
      // heartbeat reached Temporal (the worker flushes heartbeats within 1 s). Only such a kill
      // explains a second copy, which keeps its Message-ID; any other is a real duplicate.
      const times = receivedAt.get(key)!.sort((a, b) => a - b);
      const cause = faultTimes.find((f) => f.what === 'worker killed' && f.at >= times[0]! - 200 && f.at <= times[0]! + 1_500);
      if (cause) duplicatedByFault += n - 1;
      else duplicated += n - 1;
      details.push(
        `${row.idempotency_key}: received ${n} times (same Message-ID) at ${times.map((t) => new Date(t).toISOString().slice(11, 23)).join(', ')}${cause ? `; ${cause.what} at ${new Date(cause.at).toISOString().slice(11, 23)}` : '; NO fault explains it'}`,
      );
    }
  }
  let unexpected = 0;
  for (const [key, n] of received) {
    if (!known.has(key)) {
      unexpected += n;
      details.push(`${key}: received, not in the outbox as SENT`);
    }
  }
  return { expected: rows.length, received: got, duplicated, duplicatedByFault, missing, unsent, unexpected, details };
}

/**
 * The races' ledger, summed: who won, and what the oracle of each race found (runRace in
 * scripts/chaos/load.ts). An ambiguous answer (5xx, no answer) is expected while PostgreSQL or
 * Temporal is down or the worker dead, and for a while after (reconnections): 15 s. Any other is a
 * finding.
 */
function checkRaces(races: RaceRecord[], faults: Array<{ from: number; to: number }>) {
  const byRace: Record<string, { sides: [string, string]; run: number; first: number; second: number; both: number; none: number }> = {};
  const sum = { first: 0, second: 0, both: 0, none: 0 };
  let ambiguousSides = 0;
  const outcomes: Record<string, number> = {};
  const outsideFaults: string[] = [];
  const disagreements: string[] = [];
  for (const race of races) {
    const entry = (byRace[race.race] ??= { sides: [`${race.sides[0].action} won`, `${race.sides[1].action} won`], run: 0, first: 0, second: 0, both: 0, none: 0 });
    if (race.sides[0].action === race.sides[1].action) entry.sides = ['first recruiter won', 'second recruiter won'];
    entry.run++;
    entry[race.winner]++;
    sum[race.winner]++;
    for (const side of race.sides) {
      if (side.answers.some((a) => a.status === 0 || a.status >= 500)) ambiguousSides++;
      outcomes[side.outcome ?? 'none'] = (outcomes[side.outcome ?? 'none'] ?? 0) + 1;
      for (const answer of side.answers) {
        if (answer.status !== 0 && answer.status < 500) continue;
        const during = faults.some((f) => answer.startedAt <= f.to + 15_000 && answer.startedAt + answer.ms >= f.from - 1_000);
        if (!during) outsideFaults.push(`${race.case} ${side.action} (${side.who}): ${answer.status || answer.error} at ${new Date(answer.startedAt).toISOString().slice(11, 23)} after ${answer.ms} ms, no fault then`);
      }
    }
    for (const d of race.disagreements) disagreements.push(`${race.case} ${race.race}: ${d}`);
  }
  const atFault: Record<string, number> = {};
  for (const race of races) if (race.atFault) atFault[race.atFault] = (atFault[race.atFault] ?? 0) + 1;
  return {
    run: races.length,
    contestedCases: new Set(races.map((r) => r.case)).size,
    atFault,
    ...sum,
    byRace,
    ambiguousSides,
    wonAfterRetry: outcomes['won-after-retry'] ?? 0,
    landedAfterAmbiguous: outcomes['landed-after-ambiguous'] ?? 0,
    refusedAfterAmbiguous: outcomes['refused-after-ambiguous'] ?? 0,
    unresolvedSides: outcomes.unresolved ?? 0,
    lost: races.reduce((n, r) => n + r.lost, 0),
    duplicated: races.reduce((n, r) => n + r.duplicated, 0),
    disagreements,
    outsideFaults,
  };
}

/**
 * Each mail a case's workflow caused (outbox key `<workflow id>:<event seq>:<user id>`) belongs to an
 * event its history has: the loser of a race, refused, tells nobody.
 */
async function checkMailsHaveEvents(sequelize: Sequelize, cases: CaseRecord[]) {
  const byWorkflow = new Map(cases.filter((c) => c.workflowId && c.id).map((c) => [c.workflowId!, c]));
  const rows = await sequelize.query<{ idempotency_key: string }>(`SELECT idempotency_key FROM email_outbox`, { type: QueryTypes.SELECT });
  const counts = new Map<string, number>();
  const stray: string[] = [];
  let checked = 0;
  for (const { idempotency_key: key } of rows) {
    const match = /^(.+):(\d+):[0-9a-f-]{36}$/.exec(key);
    const record = match ? byWorkflow.get(match[1]!) : undefined;
    if (!match || !record) continue;
    checked++;
    if (!counts.has(record.workflowId!)) {
      const { events, key: column } = PROCESSES[record.kind].projection;
      const [{ n }] = await sequelize.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${events} WHERE ${column} = :id`, { type: QueryTypes.SELECT, replacements: { id: record.id } });
      counts.set(record.workflowId!, n);
    }
    if (Number(match[2]) >= counts.get(record.workflowId!)!) stray.push(`${key}: event ${match[2]} of ${record.kind} [${record.path}], whose history has ${counts.get(record.workflowId!)} events`);
  }
  return { checked, stray };
}

/** What the API answered to requests started while a service was down. */
function latencyDuring(windows: Array<{ from: number; to: number }>) {
  const inside = requestLog.filter((r) => windows.some((w) => r.startedAt >= w.from && r.startedAt < w.to));
  const statuses: Record<string, number> = {};
  for (const r of inside) statuses[String(r.status)] = (statuses[String(r.status)] ?? 0) + 1;
  const errors = [...new Set(inside.filter((r) => r.status === 0).map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/g, ':id')}: ${r.error}`))];
  const ms = inside.map((r) => r.ms);
  return { count: inside.length, statuses, p50: percentile(ms, 50), p99: percentile(ms, 99), max: ms.length ? Math.max(...ms) : 0, errors };
}

function transitionLatency(): string {
  const transitions = requestLog.filter((r) => r.method === 'POST' && r.path.endsWith('/transitions') && r.status === 200).map((r) => r.ms);
  return `${transitions.length} acknowledged, p50 ${percentile(transitions, 50)} ms, p99 ${percentile(transitions, 99)} ms, max ${transitions.length ? Math.max(...transitions) : 0} ms`;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`chaos: ${(error as Error).stack ?? error}\n`);
    process.exit(2);
  },
);
