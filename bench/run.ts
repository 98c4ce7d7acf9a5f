// `npm run bench [-- --quick] [-- --wait-load=1.5]`: what a durable workflow costs per transition next
// to Temporal's own floor and a plain SQL transaction, and how far the platform scales on this
// machine, for issue #20's goals. Runs each configuration (`--configs=start,memory`) on fresh servers
// (bench/lib/services.ts), drives the HTTP API with a closed-loop generator, prints a Markdown report
// (one block per configuration, then the goals, bench/lib/goals.ts) and writes
// bench/results/latest.json (+ a timestamped copy). See README, "Performance".
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Sequelize } from 'sequelize';
import protoPackage from '@temporalio/proto';
import { loadConfig } from '../config/env.js';
import { createLogger } from '../config/logger.js';
import { randomUUID } from 'node:crypto';
import { writeApplicationCreated } from '../activities/application.js';
import { createMailTransport, createMailer, renderMail } from '../activities/mail.js';
import { letterBlocks } from '../activities/notices.js';
import { TOLD_AT_ONCE } from '../activities/notice-queue.js';
import { applicationTimers } from '../api/applications/service.js';
import { startProcess } from '../api/transitions.js';
import { PROCESSES, initialSearchAttributes, workflowIdOf } from '../workflows/processes.js';
import { createDatabase } from '../models/index.js';
import { migrate } from '../models/migrate.js';
import { hashPassword } from '../models/passwords.js';
import { SEARCH_DEPARTMENTS, SEARCH_WORDS, seedBaselineApplications, seedCast, seedReadDataSet, spontaneousApplication, type Cast } from './lib/data.js';
import { HttpClient, runClosedLoop, type Response, type RunResult } from './lib/http.js';
import { ROOT, childrenOf, freePort, procPss, procStat, startRole, startServices, type Role, type Services } from './lib/services.js';
import type { FloorShape } from './floor-workflow.js';
import { ratio, summarize, type LatencySummary } from './lib/stats.js';
import { renderReport, targetsOf } from './lib/report.js';
import { goalsOf } from './lib/goals.js';
import { cvthequeQuery, matchingCriteria, seedCvtheque } from './lib/cvtheque.js';
import { cvthequeQuery as cvthequeQuerySchema } from '../api/cvtheque/criteria.js';
import { searchPlan } from '../api/cvtheque/service.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const waitLoad = Number(args.find((a) => a.startsWith('--wait-load='))?.split('=')[1] ?? NaN);
const only = args.find((a) => a.startsWith('--only='))?.split('=')[1]?.split(',');
const section = (name: string) => !only || only.includes(name);
/** `--profile=worker,api`: V8 CPU profiles of those roles, written under .data/bench/profiles at the end. */
const profiled = args.find((a) => a.startsWith('--profile='))?.split('=')[1]?.split(',') ?? [];
/**
 * `--notices=apart`: the notice drainer in a worker process of its own (WORKER_ROLE=notices beside a
 * `processes` worker) instead of the one worker process of the default (`all`); its CPU counts as the worker's.
 */
const noticesApart = args.find((a) => a.startsWith('--notices='))?.split('=')[1] === 'apart';
/** `--dev-defaults`: the dev server as `temporal server start-dev` runs it, without DEV_SERVER_TUNING (both configurations). */
const devServerTuning = !args.includes('--dev-defaults');

/**
 * The configurations a run measures, each on fresh servers, in this order (`--configs=start,memory`,
 * the default). `start` is what users get from `npm start`; `memory` shows what the dev server's SQLite
 * file costs. A production cluster persists to PostgreSQL or Cassandra, which this machine cannot run
 * beside everything else.
 */
const CONFIGURATIONS = {
  start: {
    temporalDb: 'file',
    description: devServerTuning
      ? 'what `npm start` runs: the dev server on a SQLite file with DEV_SERVER_TUNING (WAL, synchronous=normal, no search-attribute refresh on read), the worker and the API on their default configuration'
      : 'the dev server on a SQLite file as `temporal server start-dev` runs it (--dev-defaults), the worker and the API on their default configuration',
  },
  memory: {
    temporalDb: 'memory',
    description: devServerTuning
      ? 'the same, with the dev server’s SQLite in memory'
      : 'the same, with the dev server’s SQLite in memory (--dev-defaults)',
  },
} as const;
type ConfigurationName = keyof typeof CONFIGURATIONS;
if (args.some((a) => a.startsWith('--temporal-db='))) {
  process.stderr.write('bench: --temporal-db= is gone; --configs=start (the SQLite file of npm start), --configs=memory, or both (the default)\n');
  process.exit(2);
}
/** The goals' sections run in every configuration; the others (lifecycle, reads, cvtheque, matching, open) in the first only. */
const GOAL_SECTIONS = ['floor', 'transitions', 'busy', 'offers'];
const requested = (args.find((a) => a.startsWith('--configs='))?.split('=')[1]?.split(',') ?? ['start', 'memory']) as ConfigurationName[];
// Without a goal section (`--only=reads`…), the configurations after the first would have nothing to run.
const configurations = GOAL_SECTIONS.some((name) => section(name)) ? requested : requested.slice(0, 1);
for (const name of configurations) {
  if (!(name in CONFIGURATIONS)) {
    process.stderr.write(`bench: unknown configuration ${name} in --configs= (${Object.keys(CONFIGURATIONS).join(', ')})\n`);
    process.exit(2);
  }
}

/**
 * Sizes of each section: full (the figures) and quick (a few seconds each, for development).
 * c1/c32: transitions at concurrency 1 (each of the cold, warm and baseline runs) and 32; busy*: the
 * burst of creations and the transitions measured idle, then during its notices; offersC32: offer
 * submissions (and as many approvals) at concurrency 32.
 */
const SCALE = quick
  ? { c1: 40, c32: 200, warmup: 20, busyBurst: 100, busyTransitions: 30, offersC32: 128, lifecycleSeconds: 6, lifecycleUsers: 16, read: { applications: 5_000, companies: 50, referents: 10, candidates: 1_000, offersPerCompany: 10 }, reads: 100, openWorkflows: 500, openC1: 40, openC32: 300, cvProfiles: 5_000, cvReads: 80 }
  : { c1: 300, c32: 2_000, warmup: 100, busyBurst: 200, busyTransitions: 60, offersC32: 1_000, lifecycleSeconds: 60, lifecycleUsers: 24, read: { applications: 100_000, companies: 1_000, referents: 200, candidates: 20_000, offersPerCompany: 10 }, reads: 600, openWorkflows: 10_000, openC1: 200, openC32: 1_500, cvProfiles: 100_000, cvReads: 400 };

/** The interleaved runs' rounds: blocks of about 30 operations of each kind (quick: 10), four at least. */
const INTERLEAVED_BLOCKS = Math.max(4, Math.round(SCALE.c1 / 30));
/** At concurrency 32, four rounds: a block of 250 operations (quick: 32) is some seconds of closed loop, not a ramp. */
const INTERLEAVED_BLOCKS_C32 = 4;
/** `--open=N`: how many open workflows section 5 creates (default: the mode's). */
const openOverride = Number(args.find((a) => a.startsWith('--open='))?.split('=')[1] ?? NaN);
if (Number.isFinite(openOverride)) SCALE.openWorkflows = openOverride;

const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
const logger = createLogger(config.LOG_LEVEL, 'bench');
let sayPrefix = '';
const say = (line: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${sayPrefix}${line}\n`);

async function main() {
  const loadAtStart = await waitForLoad();
  const started = Date.now();
  const report: Record<string, any> = { quick, scale: SCALE, devServerTuning, configs: [] as Array<Record<string, any>> };
  let machineInfo: ReturnType<typeof machine> | null = null;
  for (const [index, name] of configurations.entries()) {
    sayPrefix = `${name}: `;
    const configStarted = Date.now();
    const loadNow = index === 0 ? loadAtStart : os.loadavg();
    const services = await startServices({ config, logger, temporalDb: CONFIGURATIONS[name].temporalDb, devServerTuning });
    const roles: Role[] = [];
    const pool = new pg.Pool({ connectionString: services.databaseUrl, max: 8 });
    try {
      const block = await measureConfiguration(name, index === 0, services, roles, pool);
      block.loadAverageAtStart = loadNow.map((l) => Math.round(l * 100) / 100);
      block.seconds = Math.round((Date.now() - configStarted) / 1000);
      report.configs.push(block);
      machineInfo ??= machine(services, block.settings.postgresVersion, loadAtStart);
    } finally {
      for (const role of roles.reverse()) await role.stop().catch(() => undefined);
      await pool.end().catch(() => undefined);
      await services.stop();
    }
  }
  sayPrefix = '';
  report.goals = goalsOf(report as { configs: any[] });
  report.targets = report.configs[0] ? targetsOf(report.configs[0]) : [];
  report.machine = { ...machineInfo, loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100) };
  report.totalSeconds = Math.round((Date.now() - started) / 1000);
  report.finishedAt = new Date().toISOString();

  const markdown = renderReport(report);
  process.stdout.write(`\n${markdown}\n`);
  const dir = path.join(ROOT, 'bench', 'results');
  await mkdir(dir, { recursive: true });
  const stamp = report.finishedAt.replace(/[:.]/g, '-');
  const json = `${JSON.stringify({ ...report, markdown }, null, 2)}\n`;
  const file = quick ? 'latest-quick' : 'latest';
  await writeFile(path.join(dir, `${file}.json`), json);
  await writeFile(path.join(dir, `${file}.md`), `${markdown}\n`);
  await writeFile(path.join(dir, `${stamp}${quick ? '-quick' : ''}.json`), json);
  say(`results: bench/results/${file}.json, bench/results/${stamp}${quick ? '-quick' : ''}.json (${report.totalSeconds} s in all)`);
}

async function waitForLoad(): Promise<number[]> {
  if (Number.isFinite(waitLoad)) {
    const deadline = Date.now() + 30 * 60_000;
    while (os.loadavg()[0]! > waitLoad && Date.now() < deadline) {
      say(`load average ${os.loadavg()[0]!.toFixed(2)} > ${waitLoad}: waiting`);
      await sleep(30_000);
    }
  }
  const load = os.loadavg();
  if (load[0]! > 1.5) say(`warning: load average ${load.map((l) => l.toFixed(2)).join(' ')} — other work shares the 2 cores; figures will be pessimistic`);
  return load;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** How long after its proposal a lifecycle's interview starts (and may be marked done). */
const INTERVIEW_LEAD_MS = 2_000;

/** A draft as the recruiter's form sends it: valid, publishable, a different title each time. */
const offerBody = (i: number) => ({
  title: `Magasinier H/F n° ${i}`,
  contractType: 'CDI',
  postalCode: '69007',
  city: 'Lyon',
  description: `Réception et préparation des commandes, gestion des stocks, travail en équipe. Poste aménageable. Offre du banc d’essai n° ${i}.`,
});

/**
 * One configuration on its servers: the goals' sections (floor, transitions with creation, busy,
 * offers), then, in the first configuration only, the other sections. Returns its block of the report.
 */
async function measureConfiguration(name: ConfigurationName, first: boolean, services: Services, roles: Role[], pool: pg.Pool) {
  say(`services: ${services.postgresKind}, ${services.temporalKind}; migrating ${services.databaseName}`);
  const sequelize = createDatabase(services.databaseUrl, { logger, poolMax: 16 });
  await migrate(sequelize);
  const passwordHash = await hashPassword(config.DEMO_PASSWORD);

  const profileDir = path.join(ROOT, config.DATA_DIR, 'bench', 'profiles');
  const profileOf = (role: string) => (profiled.includes(role) ? { profileDir } : {});
  const mail = await startRole('mail', { LOG_LEVEL: 'warn' }, profileOf('mail'));
  roles.push(mail);
  const apiPort = await freePort();
  const env = {
    DATABASE_URL: services.databaseUrl,
    TEMPORAL_ADDRESS: services.temporalAddress,
    TEMPORAL_NAMESPACE: config.TEMPORAL_NAMESPACE,
    TEMPORAL_TASK_QUEUE: services.taskQueue,
    SMTP_URL: mail.ready.smtpUrl,
    PORT: String(apiPort),
    PUBLIC_URL: `http://127.0.0.1:${apiPort}`,
    BENCH_BUNDLE_PATH: services.bundlePath,
    LOG_LEVEL: config.LOG_LEVEL,
    SEED_DEMO: 'false',
  };
  const [worker, api, notices] = await Promise.all([
    startRole('worker', noticesApart ? { ...env, WORKER_ROLE: 'processes' } : env, profileOf('worker')),
    startRole('api', env, profileOf('api')),
    noticesApart ? startRole('worker', { ...env, WORKER_ROLE: 'notices' }, profileOf('notices')) : undefined,
  ]);
  roles.push(worker, api, ...(notices ? [notices] : []));
  const http = new HttpClient(api.ready.url, 256);
  /** Mails the SMTP sink has received since it started. */
  const mailsReceived = async () => (await mail.stats()).received as number;
  /** Mails per operation, to two decimals. */
  const perOp = (mails: number, operations: number) => Math.round((mails / operations) * 100) / 100;
  const probe = new Probe(services, { worker, api, mail, notices }, http);
  say(`worker, API (${api.ready.url}) and SMTP sink ready`);
  /** The worker's workflow cache: the cold run's applications must have been pushed out of it. */
  const cacheSize = Number(worker.ready.settings?.maxCachedWorkflows ?? 0);
  const filler = Math.max(0, cacheSize - SCALE.c32);
  const warmCount = cacheSize > 0 ? Math.min(SCALE.c1, Math.max(1, Math.floor(cacheSize * 0.75))) : SCALE.c1;

  // Every application of the bench is spontaneous, to the cast's company, and stays live (validated at
  // most) but for the lifecycle's: one candidate each, as a candidate has one live spontaneous
  // application per company at most (migration 0009). The lifecycle's are counted generously; the least
  // runs at 32 take a SQL row and a SQL creation each (the last 2 × c32); the offers' `validate` at 32 its own.
  const candidatesNeeded =
    2 * SCALE.warmup + 4 * SCALE.c1 + 4 * SCALE.c32 + filler + warmCount + SCALE.c1 + SCALE.c32 + 2 * SCALE.busyTransitions + SCALE.busyBurst + SCALE.c1 + SCALE.offersC32 + 58 + (first ? SCALE.openWorkflows + 100 * SCALE.lifecycleSeconds : 0);
  const cast = await seedCast(pool, passwordHash, candidatesNeeded);
  let candidateTurn = 0;
  const nextCandidate = () => cast.candidateIds[candidateTurn++ % cast.candidateIds.length]!;
  const nextCandidates = (count: number) => Array.from({ length: count }, nextCandidate);

  const password = config.DEMO_PASSWORD;
  const referent = await http.login(cast.referent, password);
  const recruiter = await http.login(cast.recruiter, password);
  const admin = await http.login(cast.admin, password);
  const report: Record<string, any> = { name, description: CONFIGURATIONS[name].description, cores: os.cpus().length };
  const memoryAtStart = await probe.memory();

  const createApplication = () =>
    http.request('POST', '/api/applications', {
      cookie: referent,
      body: { companyId: cast.companyId, candidateId: nextCandidate(), message: 'Candidature du banc d’essai.' },
    });
  /** Creates `count` applications through the API (as the référent, for their candidates); returns their ids and the timing. */
  const createMany = async (count: number, concurrency: number) => {
    const ids: string[] = [];
    let i = 0;
    const result = await runClosedLoop(() => (i < count ? i++ : undefined), concurrency, async () => {
      const res = await createApplication();
      if (res.status === 201) ids.push(res.body.id);
      return res;
    });
    if (result.errors) throw new Error(`creating applications: ${result.errors} errors, e.g. ${result.errorSamples.join(' | ')}`);
    return { ids, summary: summarize(result.samples, result.errors, result.wallMs) };
  };
  /**
   * Creates `count` applications as the API's service does (row and workflow in one transaction), from
   * the bench process: many workflows without the HTTP layer's cost (section 5, the cold run's filler).
   */
  const startMany = async (count: number, concurrency: number) => {
    const { conn, client } = await connection(services);
    const ids: string[] = [];
    let i = 0;
    try {
      const result = await runClosedLoop(() => (i < count ? i++ : undefined), concurrency, async () => {
        const started = performance.now();
        const input = spontaneousApplication(
          { candidateId: nextCandidate(), companyId: cast.companyId, referentId: cast.referentId, missionOfficerId: cast.missionOfficerId },
          { id: cast.referentId, role: 'REFERENT', companyId: null, name: 'Referent Banc' },
          'Candidature du banc d’essai (en attente).',
          applicationTimers(config),
        );
        await sequelize.transaction(async (transaction) => {
          await writeApplicationCreated(sequelize, input, transaction);
          await startProcess(client, services.taskQueue, 'application', input);
        });
        ids.push(input.applicationId);
        return { status: 201, body: null, ms: performance.now() - started };
      });
      if (result.errors) throw new Error(`starting applications: ${result.errors} errors, e.g. ${result.errorSamples.join(' | ')}`);
      return { ids, summary: summarize(result.samples, result.errors, result.wallMs) };
    } finally {
      await conn.close();
    }
  };
  const transition = (base: string, cookie: string, action: string, extra: Record<string, unknown> = {}) => (id: string) =>
    http.request('POST', `${base}/applications/${id}/transitions`, { cookie, body: { action, ...extra }, parse: false });
  const workflowValidate = transition('/api', referent, 'validate');
  const baselineValidate = transition('/api/bench', referent, 'validate');
  /** A measured run: its latencies, errors, and each process's CPU per operation. */
  const measureRun = async (ids: string[], concurrency: number, call: (id: string) => Promise<Response>) => {
    const measured = await probe.measure(ids.length, () => runClosedLoop(ids, concurrency, call));
    return { ...summarize(measured.value.samples, measured.value.errors, measured.value.wallMs), errorSamples: measured.value.errorSamples, cpuMsPerOp: measured.cpuMsPerOp, cpuBusy: measured.busy };
  };

  // 0. The floor: a no-op Update on the same Temporal server, from workers in this process, warm and cold.
  let floorSide: FloorSide | undefined;
  if (section('floor')) {
    await probe.quiet();
    say('floor: no-op Updates on an empty workflow, warm and cold');
    const floor = await measureFloor(services, sequelize, probe, SCALE.c1, SCALE.c32, mail.ready.smtpUrl, SCALE.warmup, section('transitions') ? SCALE.c1 : 0);
    report.floor = floor.figures;
    floorSide = floor.side;
  }

  // 1 + 2. Transition latency, cold and warm at concurrency 1, at concurrency 32, and the SQL baseline;
  // the creations of the concurrency-32 run, measured.
  if (section('transitions')) {
    say('transitions: warming up');
    const warmup = await createMany(SCALE.warmup, 8);
    const warmBase = await seedBaselineApplications(pool, cast, nextCandidates(SCALE.warmup));
    await runClosedLoop(warmup.ids, 4, workflowValidate);
    await runClosedLoop(warmBase, 4, baselineValidate);
    /**
     * The goals at concurrency 1 as ratios the machine's drift cannot move: the floor, a transition's
     * shape, the SQL baseline (fresh rows; nothing to replay, warm or cold) and ours, in blocks taken in
     * turn (measureInterleaved).
     */
    const inTurnWithFloor = async (side: FloorSide, temperature: 'warm' | 'cold', oursIds: string[]) => {
      const [floorIds, shapeIds] = temperature === 'warm' ? [side.floorIds, side.shapeIds] : [side.coldFloorIds, side.coldShapeIds];
      const baselineSet = await seedBaselineApplications(pool, cast, nextCandidates(SCALE.c1));
      say(`transitions: interleaved at concurrency 1, ${temperature}, ${INTERLEAVED_BLOCKS} blocks of each of floor, shape, SQL baseline and workflow`);
      return measureInterleaved(probe, INTERLEAVED_BLOCKS, [
        { name: 'floor', ids: floorIds, call: side.touch, cpuOf: floorCpu },
        { name: 'shape', ids: shapeIds, call: side.touch, cpuOf: floorCpu },
        { name: 'baseline', ids: baselineSet, call: baselineValidate },
        { name: 'ours', ids: oursIds, call: workflowValidate },
      ]);
    };
    if (floorSide) report.interleaved = await inTurnWithFloor(floorSide, 'warm', (await createMany(SCALE.c1, 8)).ids);
    // The cold run's applications first, their notices sent (their last workflow task done), then at
    // least the cache's worth of workflows after them: the worker has evicted theirs by the time they move.
    say(`transitions: ${SCALE.c1} applications for the cold run`);
    const coldSet = await createMany(SCALE.c1, 8);
    await probe.quiet();
    say(`transitions: creating ${SCALE.c32} applications through the API at concurrency 32`);
    const mailsBeforeCreation = await mailsReceived();
    const creation = await probe.measure(SCALE.c32, () => createMany(SCALE.c32, 32));
    report.creation = { ...creation.value.summary, concurrency: 32, cpuMsPerOp: creation.cpuMsPerOp, cpuBusy: creation.busy, noticesQueuedAtEnd: await queuedNotices(pool) };
    // Their notices told before anything else runs: the mails one creation sends (goals.ts, its least).
    await probe.quiet(900_000);
    report.creation.mailsPerOp = perOp((await mailsReceived()) - mailsBeforeCreation, SCALE.c32);
    const runs: Record<string, any> = { cold: { count: coldSet.ids.length, startedAfter: SCALE.c32 + filler, filler, maxCachedWorkflows: cacheSize } };
    // At 32, warm as the floor's: the creation's workflows, the newest in the worker's cache (an LRU),
    // the most recent first. In creation order, the few the drainer's workflows pushed out would each
    // evict the next one due, and every transition of the run would replay its history.
    const c32Ids = [...creation.value.ids].reverse();
    say(`transitions: workflow, concurrency 32, ${c32Ids.length} transitions`);
    runs.workflow_c32 = await measureRun(c32Ids, 32, workflowValidate);
    // What its notices left to tell as its last answer came (the least run reports its mails the same way).
    runs.workflow_c32.noticesQueuedAtEnd = await queuedNotices(pool);
    await probe.quiet();
    if (filler) {
      say(`transitions: ${filler} more workflows (without the API) so that ${cacheSize} were started after the cold run's`);
      await startMany(filler, 32);
    }
    const baseIds = await seedBaselineApplications(pool, cast, nextCandidates(SCALE.c1 + SCALE.c32));
    // The filler's mails (two each) go out in the background: let them, or they weigh on the next run.
    await probe.quiet(900_000);
    if (floorSide) {
      // Cold as warm: the floor and the shape on the floor's worker without cache, ours evicted.
      report.interleaved.cold = await inTurnWithFloor(floorSide, 'cold', coldSet.ids);
      // The cold run is this one's `ours` (section 5 compares with it).
      runs.workflow_cold_c1 = { ...report.interleaved.cold.ours, interleaved: true };
    } else {
      say(`transitions: workflow, cold, concurrency 1, ${coldSet.ids.length} transitions`);
      runs.workflow_cold_c1 = await measureRun(coldSet.ids, 1, workflowValidate);
    }
    // Warm: created just before (fewer than the cache holds), so their workflows are in the cache.
    const warmSet = await createMany(warmCount, 8);
    await probe.quiet();
    say(`transitions: workflow, warm, concurrency 1, ${warmSet.ids.length} transitions`);
    const mailsBeforeWarm = await mailsReceived();
    runs.workflow_warm_c1 = await measureRun(warmSet.ids, 1, workflowValidate);
    await probe.quiet();
    // What one transition's notice sends: the bound of its CPU counts that many mails (goals.ts).
    runs.workflow_warm_c1.mailsPerOp = perOp((await mailsReceived()) - mailsBeforeWarm, warmSet.ids.length);
    say(`transitions: baseline, concurrency 1, ${SCALE.c1} transitions`);
    runs.baseline_c1 = await measureRun(baseIds.slice(0, SCALE.c1), 1, baselineValidate);
    await probe.quiet();
    say(`transitions: baseline, concurrency 32, ${SCALE.c32} transitions`);
    runs.baseline_c32 = await measureRun(baseIds.slice(SCALE.c1), 32, baselineValidate);
    await probe.quiet();
    say(`transitions: baseline creations, concurrency 32, ${SCALE.c32} applications`);
    const baselineCreate = (candidateId: string) =>
      http.request('POST', '/api/bench/applications', { cookie: referent, body: { companyId: cast.companyId, candidateId, message: 'Candidature du banc d’essai.' }, parse: false });
    runs.baseline_creation_c32 = await measureRun(nextCandidates(SCALE.c32), 32, baselineCreate);
    if (floorSide) {
      // The least at 32 run, not only reckoned from its parts' CPU (bench/lib/goals.ts, boundsOf).
      const side = floorSide;
      await probe.quiet();
      say(`transitions: the least at concurrency 32, ${SCALE.c32} transitions (the shape, then the SQL click, their mails beside)`);
      const leastRows = await seedBaselineApplications(pool, cast, nextCandidates(SCALE.c32));
      runs.least_c32 = await measureLeast32(probe, zip(side.shape32Ids, leastRows), side.touch, baselineValidate, runs.workflow_warm_c1.mailsPerOp, side.sendMail);
      await probe.quiet();
      say(`transitions: the least creation at concurrency 32, ${SCALE.c32} (a creation's shape started, then the SQL creation, their mails beside)`);
      runs.least_creation_c32 = await measureLeast32(probe, zip(side.created32Ids, nextCandidates(SCALE.c32)), side.startCreated, baselineCreate, report.creation.mailsPerOp, side.sendMail);
      await side.close();
      floorSide = undefined;
    }
    const ratios = (wf: any, base: any) => Object.fromEntries(['p50', 'p95', 'p99', 'max', 'mean', 'perSecond'].map((k) => [k, ratio(wf[k], base[k])]));
    runs.ratio_c1 = ratios(runs.workflow_warm_c1, runs.baseline_c1);
    runs.ratio_c32 = ratios(runs.workflow_c32, runs.baseline_c32);
    await probe.quiet();
    // The cache's memory: how many workflows the worker holds after the transitions, and its RSS.
    runs.memoryAfter = await probe.memory();
    runs.historyPerTransition = await historyStats(services, warmSet.ids.slice(0, 3));
    report.transitions = runs;
  }

  // Busy: a click while the notices of a burst of creations still go out, against the same click idle.
  if (section('busy')) {
    const n = SCALE.busyTransitions;
    await probe.quiet();
    say(`busy: ${2 * n} applications for the idle and busy runs`);
    const idleSet = await createMany(n, 8);
    const busySet = await createMany(n, 8);
    await probe.quiet();
    say(`busy: idle, warm, concurrency 1, ${n} transitions`);
    const idle = await measureRun(idleSet.ids, 1, workflowValidate);
    await probe.quiet();
    say(`busy: a burst of ${SCALE.busyBurst} creations at concurrency 32, then ${n} transitions at concurrency 1 while their notices go out`);
    const burst = await probe.measure(SCALE.busyBurst, () => createMany(SCALE.busyBurst, 32));
    const burstWorkflows = burst.value.ids.map((id) => workflowIdOf('application', id));
    const sentAtStart = await sentMails(pool, burstWorkflows);
    const receivedAtStart = await mailsReceived();
    const busy = await measureRun(busySet.ids, 1, workflowValidate);
    const sentAtEnd = await sentMails(pool, burstWorkflows);
    const receivedAtEnd = await mailsReceived();
    const drainStarted = performance.now();
    await probe.quiet(900_000);
    const drainSeconds = Math.round((performance.now() - drainStarted) / 100) / 10;
    // What the burst's workflows send in all, once they are done: `email_outbox` rows under their ids.
    const expected = (await outboxRowsOf(pool, burstWorkflows)).all;
    report.busy = {
      idle,
      busy,
      burst: { ...burst.value.summary, cpuMsPerOp: burst.cpuMsPerOp },
      ratio: { p50: ratio(busy.p50, idle.p50), p95: ratio(busy.p95, idle.p95) },
      notices: {
        expected,
        perApplication: Math.round((expected / Math.max(1, burst.value.ids.length)) * 100) / 100,
        sentAtStart,
        sentAtEnd,
        inFlightAtStart: expected - sentAtStart,
        inFlightAtEnd: expected - sentAtEnd,
        smtpReceivedDuringBusy: receivedAtEnd - receivedAtStart,
        drainSeconds,
      },
    };
  }

  // Offers: submit (the recruiter) and approve (an administrator), warm at concurrency 1, and at 32.
  if (section('offers')) {
    const createOffers = async (count: number, concurrency: number) => {
      const ids: string[] = [];
      let i = 0;
      const result = await runClosedLoop(() => (i < count ? i++ : undefined), concurrency, async (n) => {
        const res = await http.request('POST', '/api/offers', { cookie: recruiter, body: offerBody(n) });
        if (res.status === 201) ids.push(res.body.id);
        return res;
      });
      if (result.errors) throw new Error(`creating offers: ${result.errors} errors, e.g. ${result.errorSamples.join(' | ')}`);
      return ids;
    };
    const offerTransition = (cookie: string, action: 'submit' | 'approve') => (id: string) =>
      http.request('POST', `/api/offers/${id}/transitions`, { cookie, body: { action }, parse: false });
    const submit = offerTransition(recruiter, 'submit');
    const approve = offerTransition(admin, 'approve');
    await probe.quiet();
    say('offers: warming up');
    const warmup = await createOffers(8, 4);
    await runClosedLoop(warmup, 4, submit);
    await runClosedLoop(warmup, 4, approve);
    // The application's validate too, their reference at 1 (compiled already when the transitions ran).
    await runClosedLoop((await createMany(8, 4)).ids, 4, workflowValidate);
    const submitted = async (count: number, concurrency: number) => {
      const ids = await createOffers(count, concurrency);
      const result = await runClosedLoop(ids, concurrency, submit);
      if (result.errors) throw new Error(`submitting offers: ${result.errors} errors, e.g. ${result.errorSamples.join(' | ')}`);
      return ids;
    };
    // The run at 1's drafts and applications (fewer than the worker's cache holds: warm).
    say(`offers: ${2 * SCALE.c1} drafts, ${SCALE.c1} of them submitted, and ${SCALE.c1} applications`);
    const submitSet = await createOffers(SCALE.c1, 8);
    const approveSet = await submitted(SCALE.c1, 8);
    const validateSet = await createMany(SCALE.c1, 8);
    const runs: Record<string, any> = {};
    // Both runs taken in turn with the application's `validate`, the goal's reference: measured a section
    // apart, the three moved with the machine by more than the goal's 10 % (at 1, then at 32: ×0.88 once).
    say(`offers: interleaved at concurrency 1, ${INTERLEAVED_BLOCKS} blocks of each of submit, approve and the application's validate`);
    runs.interleaved = await measureInterleaved(probe, INTERLEAVED_BLOCKS, [
      { name: 'submit', ids: submitSet, call: submit },
      { name: 'approve', ids: approveSet, call: approve },
      { name: 'validate', ids: validateSet.ids, call: workflowValidate },
    ]);
    runs.submit_c1 = runs.interleaved.submit;
    runs.approve_c1 = runs.interleaved.approve;
    // At 32, each block's drafts (submitted, for approve) and applications created just before it: the
    // newest workflows, in the worker's cache whatever the run's size, as the floor's are.
    say(`offers: interleaved at concurrency 32, ${INTERLEAVED_BLOCKS_C32} blocks of ${Math.floor(SCALE.offersC32 / INTERLEAVED_BLOCKS_C32)} of each of submit, approve and the application's validate, each on workflows created just before it`);
    runs.interleaved32 = await measureInterleaved(
      probe,
      INTERLEAVED_BLOCKS_C32,
      [
        { name: 'submit', ids: { count: SCALE.offersC32, fresh: (n) => createOffers(n, 16) }, call: submit },
        { name: 'approve', ids: { count: SCALE.offersC32, fresh: (n) => submitted(n, 16) }, call: approve },
        { name: 'validate', ids: { count: SCALE.offersC32, fresh: async (n) => (await createMany(n, 16)).ids }, call: workflowValidate },
      ],
      32,
    );
    runs.submit_c32 = runs.interleaved32.submit;
    runs.approve_c32 = runs.interleaved32.approve;
    report.offers = runs;
  }

  // 3. Lifecycle throughput: created and driven to HIRED, mails to the SMTP sink, for a sustained period.
  if (first && section('lifecycle')) {
    await probe.quiet();
    say(`lifecycle: ${SCALE.lifecycleUsers} concurrent applications to HIRED for ${SCALE.lifecycleSeconds} s`);
    const mailsBefore = await mailsReceived();
    const outboxBefore = await outboxCounts(pool);
    // An interview is marked done only once started (PRODUCT.md): each one starts INTERVIEW_LEAD_MS after
    // it is proposed, and its application waits for the start (included in hired/s, not in latencies).
    const steps: Array<[string, string, () => Record<string, unknown>]> = [
      ['validate', referent, () => ({})],
      ['accept', recruiter, () => ({})],
      ['propose_interview', recruiter, () => ({ startsAt: new Date(Date.now() + INTERVIEW_LEAD_MS).toISOString(), durationMinutes: 45, mode: 'PHONE' })],
      ['confirm_interview', referent, () => ({})],
      ['mark_interview_done', recruiter, () => ({})],
      ['hire', recruiter, () => ({})],
    ];
    const latencies: Record<string, number[]> = { create: [] };
    for (const [action] of steps) latencies[action] = [];
    let hired = 0;
    let errors = 0;
    const errorSamples: string[] = [];
    const t0 = performance.now();
    const deadline = t0 + SCALE.lifecycleSeconds * 1000;
    let lastHired = t0;
    const measured = await probe.measure(1, async () => {
      const check = (res: Response, what: string) => {
        if (res.status >= 200 && res.status < 300) return true;
        errors++;
        if (errorSamples.length < 5) errorSamples.push(`${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        return false;
      };
      const user = async () => {
        while (performance.now() < deadline) {
          const created = await createApplication().catch((e) => ({ status: 599, body: String(e), ms: 0 }) as Response);
          if (!check(created, 'create')) continue;
          latencies.create!.push(created.ms);
          const id = created.body.id as string;
          let ok = true;
          let startsAt = 0;
          for (const [action, cookie, fields] of steps) {
            const extra = fields();
            if (typeof extra.startsAt === 'string') startsAt = Date.parse(extra.startsAt);
            if (action === 'mark_interview_done') await sleep(Math.max(0, startsAt - Date.now() + 20));
            const res = await transition('/api', cookie, action, extra)(id).catch((e) => ({ status: 599, body: String(e), ms: 0 }) as Response);
            if (!check(res, action)) {
              ok = false;
              break;
            }
            latencies[action]!.push(res.ms);
          }
          if (ok) {
            hired++;
            lastHired = performance.now();
          }
        }
      };
      await Promise.all(Array.from({ length: SCALE.lifecycleUsers }, user));
    });
    const seconds = (lastHired - t0) / 1000;
    const drainStarted = performance.now();
    await probe.quiet(180_000);
    const outbox = await outboxCounts(pool);
    const mailsAfter = await mailsReceived();
    const transitions = Object.entries(latencies).filter(([k]) => k !== 'create').flatMap(([, v]) => v);
    report.lifecycle = {
      concurrentApplications: SCALE.lifecycleUsers,
      seconds: Math.round(seconds * 10) / 10,
      hired,
      hiredPerSecond: Math.round((hired / seconds) * 100) / 100,
      transitionsPerSecond: Math.round(((hired * 7) / seconds) * 10) / 10,
      errors,
      errorSamples,
      transitionLatency: summarize(transitions, 0, seconds * 1000),
      stepLatencyP50: Object.fromEntries(Object.entries(latencies).map(([k, v]) => [k, summarize(v, 0, 1).p50])),
      mailsReceived: mailsAfter - mailsBefore,
      mailsPerApplication: hired ? Math.round(((mailsAfter - mailsBefore) / hired) * 10) / 10 : null,
      outboxSent: outbox.SENT - outboxBefore.SENT,
      outboxPending: outbox.PENDING,
      outboxFailed: outbox.FAILED,
      drainSecondsAfterLast: Math.round((performance.now() - drainStarted) / 100) / 10,
      cpuMsPerHired: hired ? scaleCpu(measured.cpuMs, hired) : null,
      cpuBusy: measured.busy,
    };
  }

  // 4. Read path at scale.
  if (first && section('reads')) {
    await probe.quiet();
    say(`reads: seeding ${SCALE.read.applications} applications, ${SCALE.read.companies} companies, ${SCALE.read.referents} référents`);
    const data = await seedReadDataSet(pool, passwordHash, SCALE.read);
    say(`reads: seeded in ${data.seconds.toFixed(1)} s: ${JSON.stringify(data.rows)}`);
    const referentCookies = await Promise.all(data.referentEmails.map((e) => http.login(e, password)));
    const recruiterCookies = await Promise.all(data.recruiterEmails.map(async (e) => ({ cookie: await http.login(e, password), companyId: data.recruiterCompany.get(e)! })));
    const candidateCookie = await http.login(data.candidateEmail, password);
    const offerIds = [...data.offerIdsByCompany.values()].flat();
    const offersOf = (companyId: string) => data.offerIdsByCompany.get(companyId) ?? offerIds;
    const statusSets = ['PENDING_RECRUITER', 'PENDING_RECRUITER,ACCEPTED', 'ACCEPTED,INTERVIEW_PROPOSED,INTERVIEW_DONE', 'HIRED,NOT_HIRED,REFUSED'];
    const reads: Record<string, (i: number) => Promise<Response>> = {
      referentQueue: (i) => http.request('GET', '/api/applications', { cookie: referentCookies[i % referentCookies.length], parse: false }),
      recruiterList: (i) => {
        const r = recruiterCookies[i % recruiterCookies.length]!;
        const offers = offersOf(r.companyId);
        const query =
          i % 2 === 0
            ? `status=${statusSets[i % statusSets.length]}&sort=${i % 4 === 0 ? 'oldest' : 'newest'}`
            : `status=all&offerId=${offers[i % offers.length]}`;
        return http.request('GET', `/api/applications?${query}`, { cookie: r.cookie, parse: false });
      },
      offerSearch: (i) => {
        const word = SEARCH_WORDS[i % SEARCH_WORDS.length];
        const dep = SEARCH_DEPARTMENTS[(i * 5) % SEARCH_DEPARTMENTS.length];
        const query = [`q=${encodeURIComponent(word!)}`, i % 3 === 0 ? `department=${dep}` : '', i % 2 === 0 ? 'contractType=CDI,CDD' : ''].filter(Boolean).join('&');
        return http.request('GET', `/api/offers?${query}`, { cookie: candidateCookie, parse: false });
      },
    };
    const results: Record<string, any> = { dataSet: data.rows, seedSeconds: Math.round(data.seconds * 10) / 10 };
    for (const [name, read] of Object.entries(reads)) {
      await runClosedLoop(Array.from({ length: 30 }, (_, i) => i), 1, read); // warm
      for (const concurrency of [1, 8]) {
        const count = concurrency === 1 ? SCALE.reads : SCALE.reads * 2;
        const measured = await probe.measure(count, () => runClosedLoop(Array.from({ length: count }, (_, i) => i), concurrency, read));
        results[`${name}_c${concurrency}`] = { ...summarize(measured.value.samples, measured.value.errors, measured.value.wallMs), errorSamples: measured.value.errorSamples, cpuMsPerOp: measured.cpuMsPerOp };
      }
    }
    results.plans = await explainReads(pool, data);
    report.reads = results;
  }

  let cvSeeded: Awaited<ReturnType<typeof seedCvtheque>> | null = null;
  // 4b. The CVthèque's search (issue #17, « Performance »): `--only=cvtheque` runs it alone.
  if (first && section('cvtheque')) {
    await probe.quiet();
    say(`cvtheque: seeding ${SCALE.cvProfiles} profiles`);
    const data = await seedCvtheque(pool, passwordHash, SCALE.cvProfiles);
    say(`cvtheque: seeded in ${data.seconds.toFixed(1)} s: ${JSON.stringify(data.rows)}`);
    const search = (i: number) => http.request('GET', `/api/cvtheque?${cvthequeQuery(i)}`, { cookie: recruiter, parse: false });
    const results: Record<string, any> = { dataSet: data.rows, seedSeconds: Math.round(data.seconds * 10) / 10 };
    await runClosedLoop(Array.from({ length: 40 }, (_, i) => i), 1, search); // warm
    for (const concurrency of [1, 8]) {
      const count = concurrency === 1 ? SCALE.cvReads : SCALE.cvReads * 2;
      const measured = await probe.measure(count, () => runClosedLoop(Array.from({ length: count }, (_, i) => i), concurrency, search));
      results[`search_c${concurrency}`] = { ...summarize(measured.value.samples, measured.value.errors, measured.value.wallMs), errorSamples: measured.value.errorSamples, cpuMsPerOp: measured.cpuMsPerOp };
    }
    // Each kind of query alone at concurrency 1, and its plan.
    results.byKind = {};
    results.plans = {};
    for (let kind = 0; kind < 8; kind++) {
      const ids = Array.from({ length: 24 }, (_, n) => kind + 8 * n);
      const measured = await runClosedLoop(ids, 1, search);
      results.byKind[cvthequeQuery(kind) || '(none)'] = summarize(measured.samples, measured.errors, measured.wallMs);
    }
    const companyId = cast.companyId;
    for (const kind of [1, 2, 3, 7]) {
      const query = cvthequeQuery(kind);
      const parsed = cvthequeQuerySchema.parse(Object.fromEntries(new URLSearchParams(query)));
      const { page, pageSize, ...criteria } = parsed;
      const { statement, replacements } = await searchPlan(sequelize, criteria, { companyId }, { page, pageSize });
      const [rows] = await sequelize.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement}`, { replacements });
      results.plans[query || '(none)'] = (rows as Array<Record<string, string>>).map((r) => r['QUERY PLAN']).join('\n');
    }
    report.cvtheque = results;
    cvSeeded = data;
  }

  // 4c. Matching (issue #18, « Performance »): `POST /api/matching` over the CVthèque's profiles, seeded
  // once for both sections; `--only=matching` runs it alone. Target: p95 < 300 ms at concurrency 1.
  if (first && section('matching')) {
    await probe.quiet();
    if (!cvSeeded) {
      say(`matching: seeding ${SCALE.cvProfiles} profiles`);
      cvSeeded = await seedCvtheque(pool, passwordHash, SCALE.cvProfiles);
      say(`matching: seeded in ${cvSeeded.seconds.toFixed(1)} s: ${JSON.stringify(cvSeeded.rows)}`);
    }
    const match = (i: number) => http.request('POST', '/api/matching', { cookie: recruiter, body: { criteria: matchingCriteria(i), page: 1, pageSize: 20 }, parse: false });
    const results: Record<string, any> = { dataSet: cvSeeded.rows };
    await runClosedLoop(Array.from({ length: 24 }, (_, i) => i), 1, match); // warm
    const count = SCALE.cvReads;
    const measured = await probe.measure(count, () => runClosedLoop(Array.from({ length: count }, (_, i) => i), 1, match));
    results.match_c1 = { ...summarize(measured.value.samples, measured.value.errors, measured.value.wallMs), errorSamples: measured.value.errorSamples, cpuMsPerOp: measured.cpuMsPerOp };
    results.byKind = {};
    for (let kind = 0; kind < 6; kind++) {
      const measuredKind = await runClosedLoop(Array.from({ length: 24 }, (_, n) => kind + 6 * n), 1, match);
      results.byKind[JSON.stringify(matchingCriteria(kind))] = summarize(measuredKind.samples, measuredKind.errors, measuredKind.wallMs);
    }
    report.matching = results;
  }

  // 5. Open workflows: many applications waiting for a référent at once.
  if (first && section('open')) {
    await probe.quiet();
    say(`open workflows: creating ${SCALE.openWorkflows} applications waiting for the référent`);
    const before = await probe.memory();
    const created = await startMany(SCALE.openWorkflows, 32);
    await probe.quiet(900_000);
    const open = await probe.memory();
    const openCount = await countOpenWorkflows(services);
    const afterGc = await worker.stats('gc');
    const openAfterGc = { workerRssMiB: Math.round((procStat(worker.child.pid!)?.rss ?? 0) / 1048576), workerHeapUsedMiB: Math.round(afterGc.heapUsed / 1048576) };
    const shuffled = [...created.ids].sort(() => Math.random() - 0.5);
    const runs: Record<string, any> = {};
    let offset = 0;
    for (const [concurrency, count] of [
      [1, SCALE.openC1],
      [32, SCALE.openC32],
    ] as const) {
      await probe.quiet();
      say(`open workflows: ${count} transitions among them at concurrency ${concurrency}`);
      const measured = await probe.measure(count, () => runClosedLoop(shuffled.slice(offset, offset + count), concurrency, workflowValidate));
      offset += count;
      runs[`c${concurrency}`] = { ...summarize(measured.value.samples, measured.value.errors, measured.value.wallMs), errorSamples: measured.value.errorSamples, cpuMsPerOp: measured.cpuMsPerOp };
      // Among thousands of open workflows, most are out of the cache: compared with the cold run at 1;
      // at 32 with the warm run (section 2), so the ratio carries their replays.
      const reference = report.transitions?.[concurrency === 1 ? 'workflow_cold_c1' : 'workflow_c32'];
      if (reference) runs[`c${concurrency}_vs_few_open`] = { p50: ratio(runs[`c${concurrency}`].p50, reference.p50), p99: ratio(runs[`c${concurrency}`].p99, reference.p99) };
    }
    await probe.quiet();
    report.openWorkflows = { created: created.summary, openWorkflowsInTemporal: openCount, memoryBefore: before, memoryOpen: open, memoryOpenAfterFullGc: openAfterGc, memoryAfter: await probe.memory(), ...runs };
  }

  report.settings = await settingsOf(services, pool, worker, api);
  report.memoryAtStart = memoryAtStart;
  report.temporalCliVersion = services.temporalCliVersion;
  http.close();
  await sequelize.close();
  return report;
}

/** One kind of operation of the interleaved run: its own ids, and how its CPU is named (all roles by default). */
interface InterleavedKind {
  name: string;
  /** Its ids, split into the blocks; or how many it runs, each block's made just before the block (untimed). */
  ids: string[] | { count: number; fresh: (count: number) => Promise<string[]> };
  call: (id: string) => Promise<Response>;
  cpuOf?: (perOp: Record<string, number>) => Record<string, number | undefined>;
}

/**
 * The kinds' operations at `concurrency` (1 by default) in `blocks` rounds, each round a block of each
 * kind in turn (the order rotated from one round to the next), the machine quiet before every block.
 * Measured one after the other, minutes apart, their ratios moved with the machine's speed by more than
 * the goals' margins (bench/results/cold-bound-2026-12-06.md); taken in turn, each kind meets the same
 * drift. Latencies pooled per kind, CPU summed per kind over its blocks.
 */
async function measureInterleaved(probe: Probe, blocks: number, kinds: InterleavedKind[], concurrency = 1) {
  const pooled = kinds.map(() => ({ samples: [] as number[], errors: 0, errorSamples: [] as string[], wallMs: 0, ops: 0, cpuMs: {} as Record<string, number> }));
  for (let round = 0; round < blocks; round++) {
    for (let turn = 0; turn < kinds.length; turn++) {
      const k = (round + turn) % kinds.length;
      const kind = kinds[k]!;
      const per = Math.floor((Array.isArray(kind.ids) ? kind.ids.length : kind.ids.count) / blocks);
      const ids = Array.isArray(kind.ids) ? kind.ids.slice(round * per, (round + 1) * per) : await kind.ids.fresh(per);
      await probe.quiet();
      const m = await probe.measure(ids.length, () => runClosedLoop(ids, concurrency, kind.call));
      const p = pooled[k]!;
      p.samples.push(...m.value.samples);
      p.errors += m.value.errors;
      p.errorSamples.push(...m.value.errorSamples.slice(0, 5 - p.errorSamples.length));
      p.wallMs += m.value.wallMs;
      p.ops += ids.length;
      for (const [role, ms] of Object.entries(m.cpuMs)) p.cpuMs[role] = (p.cpuMs[role] ?? 0) + ms;
    }
  }
  await probe.quiet();
  const out: Record<string, any> = { blocks, concurrency };
  kinds.forEach((kind, k) => {
    const p = pooled[k]!;
    const perOp = scaleCpu(p.cpuMs, p.ops);
    out[kind.name] = { ...summarize(p.samples, p.errors, p.wallMs), errorSamples: p.errorSamples, cpuMsPerOp: kind.cpuOf ? kind.cpuOf(perOp) : perOp };
  });
  return out;
}

/** A floor's CPU per operation: Temporal's, and this process's, which runs the floor's workers and its client. */
const floorCpu = (perOp: Record<string, number>) => ({ temporal: perOp.temporal, workerAndClient: perOp.bench });

const scaleCpu = (cpuMs: Record<string, number>, per: number) => Object.fromEntries(Object.entries(cpuMs).map(([k, v]) => [k, Math.round((v / per) * 100) / 100]));

/** CPU and memory of each role, from /proc: the bench itself, worker, API, SMTP sink, Temporal, PostgreSQL. */
class Probe {
  constructor(
    private readonly services: Services,
    private readonly roles: { worker: Role; api: Role; mail: Role; notices?: Role },
    private readonly http: HttpClient,
  ) {}

  private pids(): Record<string, number[]> {
    const pg = this.services.postgresPid;
    return {
      bench: [process.pid],
      worker: [this.roles.worker.child.pid!, ...(this.roles.notices ? [this.roles.notices.child.pid!] : [])],
      api: [this.roles.api.child.pid!],
      smtp: [this.roles.mail.child.pid!],
      temporal: this.services.temporalPid ? [this.services.temporalPid] : [],
      postgres: pg ? [pg, ...childrenOf(pg)] : [],
    };
  }

  cpu(): Record<string, number> {
    const out: Record<string, number> = {};
    // The postmaster's own figure counts its exited backends too (cutime), so closed connections are not lost.
    const postmaster = this.services.postgresPid;
    for (const [role, pids] of Object.entries(this.pids())) out[role] = pids.reduce((sum, pid) => sum + (procStat(pid, pid === postmaster)?.cpuMs ?? 0), 0);
    out.machineBusy = machineBusyMs();
    return out;
  }

  async memory() {
    const pids = this.pids();
    const mib = (bytes: number) => Math.round(bytes / 1048576);
    const worker = await this.roles.worker.stats();
    return {
      workerRssMiB: mib(procStat(pids.worker![0]!)?.rss ?? 0),
      workerHeapUsedMiB: mib(worker.heapUsed),
      workerCachedWorkflows: worker.cachedWorkflows,
      temporalRssMiB: pids.temporal!.length ? mib(procStat(pids.temporal![0]!)?.rss ?? 0) : null,
      apiRssMiB: mib(procStat(pids.api![0]!)?.rss ?? 0),
      smtpRssMiB: mib(procStat(pids.smtp![0]!)?.rss ?? 0),
      postgresPssMiB: pids.postgres!.length ? mib(pids.postgres!.reduce((sum, pid) => sum + procPss(pid), 0)) : null,
    };
  }

  /** Runs `fn`, returning its value and each role's CPU time per operation (ms) and share of the 2 cores. */
  async measure<T>(ops: number, fn: () => Promise<T>) {
    this.http.fresh();
    const before = this.cpu();
    const t0 = performance.now();
    const value = await fn();
    const wall = performance.now() - t0;
    const after = this.cpu();
    const cpuMs: Record<string, number> = {};
    for (const key of Object.keys(after)) if (key !== 'machineBusy') cpuMs[key] = after[key]! - before[key]!;
    const cores = os.cpus().length;
    const busy: Record<string, number> = Object.fromEntries(Object.entries(cpuMs).map(([k, v]) => [k, Math.round((v / wall / cores) * 1000) / 10]));
    busy.machine = Math.round(((after.machineBusy! - before.machineBusy!) / wall / cores) * 1000) / 10;
    busy.ours = Math.round(Object.values(cpuMs).reduce((a, b) => a + b, 0) / wall / cores * 1000) / 10;
    return { value, cpuMs, cpuMsPerOp: scaleCpu(cpuMs, ops), busy };
  }

  /** Waits until the worker and Temporal are idle (notices sent, timers armed) before the next measurement. */
  async quiet(timeoutMs = 120_000): Promise<void> {
    // A profiled role never looks idle (the sampler has a cost of its own): do not wait for it long.
    const deadline = Date.now() + (profiled.length ? Math.min(timeoutMs, 20_000) : timeoutMs);
    let calm = 0;
    let last = this.cpu();
    while (Date.now() < deadline && calm < 3) {
      await sleep(400);
      const now = this.cpu();
      const busy = (now.worker! - last.worker!) + (now.temporal! - last.temporal!);
      calm = busy < 400 * 0.08 ? calm + 1 : 0;
      last = now;
    }
    if (calm < 3) say('warning: worker still busy after the wait');
  }
}

function machineBusyMs(): number {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = cpu;
  return (user! + nice! + system! + irq! + softirq! + (steal ?? 0)) * 10;
}

async function outboxCounts(pool: pg.Pool) {
  const { rows } = await pool.query<{ status: string; n: string }>('SELECT status, count(*) AS n FROM email_outbox GROUP BY status');
  const counts: Record<string, number> = { SENT: 0, PENDING: 0, FAILED: 0 };
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts as { SENT: number; PENDING: number; FAILED: number };
}

/** Notices queued and not yet told (notice_queue's rows). */
async function queuedNotices(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM notice_queue');
  return Number(rows[0]!.n);
}

/** Mails the given workflows have sent so far (`email_outbox` rows marked SENT). */
async function sentMails(pool: pg.Pool, workflowIds: string[]): Promise<number> {
  return (await outboxRowsOf(pool, workflowIds)).sent;
}

/** `email_outbox` rows of the given workflows: all of them, and those SENT. */
async function outboxRowsOf(pool: pg.Pool, workflowIds: string[]) {
  const { rows } = await pool.query<{ total: string; sent: string }>(
    `SELECT count(*) AS total, count(*) FILTER (WHERE status = 'SENT') AS sent FROM email_outbox WHERE workflow_id = ANY($1::text[])`,
    [workflowIds],
  );
  return { all: Number(rows[0]?.total ?? 0), sent: Number(rows[0]?.sent ?? 0) };
}

async function connection(services: Services) {
  const { connectTemporal } = await import('../config/temporal.js');
  const client = await connectTemporal(config, services.temporalAddress);
  return { conn: client.connection, client };
}

async function countOpenWorkflows(services: Services): Promise<number | null> {
  const { conn, client } = await connection(services);
  try {
    const { count } = await client.workflow.count(`WorkflowType = '${PROCESSES.application.workflowType}' AND ExecutionStatus = 'Running' AND TaskQueue = '${services.taskQueue}'`);
    return count;
  } catch {
    return null;
  } finally {
    await conn.close();
  }
}

/**
 * A no-op Update (bench/floor-workflow.ts) on fresh workflows, with the Temporal server's CPU per
 * Update: the part of a transition no code of ours can remove. Warm: the worker keeps the workflows
 * cached (concurrency 1 and 32). Cold: a second worker on its own task queue with maxCachedWorkflows 0,
 * so each Update replays the workflow's history (concurrency 1).
 */
/**
 * The floor's ladder, each rung adding to the one before what a transition asks of Temporal besides
 * the Update (bench/floor-workflow.ts): measured warm at concurrency 1, it bounds what a transition
 * of that shape can cost here before any code of ours runs.
 */
export const LADDER: Array<[string, FloorShape]> = [
  ['local', { localActivity: true }],
  ['local_sa', { localActivity: true, searchAttributes: true }],
  ['local_sa_activity', { localActivity: true, searchAttributes: true, backgroundActivity: true }],
  // A transition's shape from the notice queue to 'notice-with-event' (its notice queued by a second local activity).
  ['local_sa_queued', { localActivity: true, searchAttributes: true, queuedLocalActivity: true }],
  // With the reminder's timer moved by each Update (cancelled, armed again), as every status change of
  // an application does.
  ['local_sa_timer', { localActivity: true, searchAttributes: true, rearmedTimer: true }],
  // A transition's shape: the same with the search attributes a transition really upserts (status,
  // StatusChangedAt, WaitingFor), on a workflow started with an application's (its ids too).
  ['local_status_timer', { localActivity: true, statusAttributes: true, rearmedTimer: true }],
];

/**
 * A transition's command shape now, with what the product keeps (workflows/process.ts: the projection
 * write that queues the notice since 'notice-with-event', the operators' search attributes, the
 * reminder's durable timer moved): the rung the bounds read (`ladder_transition`), also measured at
 * concurrency 32.
 */
export const TRANSITION_RUNG = 'local_status_timer';

/**
 * What the floor leaves up for the interleaved runs (`measureInterleaved`): warm floor workflows and as
 * many of a transition's shape, on a worker of their own; the same cold, on a worker without cache (a
 * created case each, as the cold ladder's); the Update that moves any of them, and their teardown.
 */
interface FloorSide {
  floorIds: string[];
  shapeIds: string[];
  coldFloorIds: string[];
  coldShapeIds: string[];
  touch: (id: string) => Promise<Response>;
  /** For the least run at concurrency 32 (`measureLeast32`): as many of a transition's shape, warm. */
  shape32Ids: string[];
  /** As many of a creation's shape to start: an application's search attributes, a local activity and a timer in its first task. */
  created32Ids: string[];
  /** Starts one of them. */
  startCreated: (id: string) => Promise<Response>;
  /** One mail as a notice sends it: through the platform's mailer, with its outbox row. */
  sendMail: (key: string) => Promise<unknown>;
  close: () => Promise<void>;
}

async function measureFloor(services: Services, sequelize: Sequelize, probe: Probe, c1: number, c32: number, smtpUrl: string, warmup: number, interleaved = 0): Promise<{ figures: Record<string, any>; side?: FloorSide }> {
  const { Worker, NativeConnection, bundleWorkflowCode } = await import('@temporalio/worker');
  const { conn } = await connection(services);
  // A client without the platform's payload codec: the floor's workers have none (the shape travels in clear).
  const { Client } = await import('@temporalio/client');
  const client = new Client({ connection: conn, namespace: config.TEMPORAL_NAMESPACE });
  const taskQueue = `bench-floor-${randomUUID().slice(0, 8)}`;
  const coldQueue = `${taskQueue}-cold`;
  const native = await NativeConnection.connect({ address: services.temporalAddress });
  const bundle = await bundleWorkflowCode({ workflowsPath: path.join(ROOT, 'bench', 'floor-workflow.ts'), logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} } });
  // Caches that hold every workflow each worker runs, so that a warm Update is one (the SDK's default,
  // from the heap's size, is about 2,300 here: the ladder's worker runs three times that in a full run,
  // and its first rungs were replayed, evicting others, where they were to be measured warm).
  /** A floor worker on its own task queue; with the no-op activity for the ladder's rungs. */
  const floorWorker = (queue: string, maxCachedWorkflows: number, withActivity = false) =>
    Worker.create({ connection: native, namespace: config.TEMPORAL_NAMESPACE, taskQueue: queue, workflowBundle: bundle, maxCachedWorkflows, ...(withActivity ? { activities: { noop: async () => undefined } } : {}) });
  const worker = await floorWorker(taskQueue, c1 + c32 + warmup + 100);
  const coldWorker = await floorWorker(coldQueue, 0);
  // The ladder (bench/floor-workflow.ts `shape`): its own workers, the only ones with an activity.
  const ladderQueue = `${taskQueue}-ladder`;
  const ladderWorker = await floorWorker(ladderQueue, c1 * LADDER.length + 2 * c32 + warmup + 100, true);
  // A transition's shape cold (the cold bound, bench/lib/goals.ts): a case created, then moved by each
  // Update, on a worker without cache — each Update replays the case's history first, as the cold run's do.
  const ladderColdQueue = `${taskQueue}-ladder-cold`;
  const ladderColdWorker = await floorWorker(ladderColdQueue, 0, true);
  const running = [worker.run(), coldWorker.run(), ladderWorker.run(), ladderColdWorker.run()];
  /** `count` workflow ids on `queue`, named by what they are for. */
  const idsOf = (queue: string, kind: string, count: number) => Array.from({ length: count }, (_, i) => `${queue}-${kind}-${i}`);
  const ids = Array.from({ length: c1 + c32 }, (_, i) => `${taskQueue}-${i}`);
  const coldIds = Array.from({ length: c1 }, (_, i) => `${coldQueue}-${i}`);
  const ladderIds = (rung: string) => idsOf(ladderQueue, rung, c1);
  const ladderIds32 = (rung: string) => idsOf(ladderQueue, `${rung}-c32`, c32);
  const shapeOf = (rung: string) => LADDER.find(([name]) => name === rung)![1];
  // A transition's shape at concurrency 32 too: what the command shape alone lets through on these cores.
  const topIds32 = ladderIds32(TRANSITION_RUNG);
  // A creation's shape (bench/floor-workflow.ts `created`), started at concurrency 32 with the search
  // attributes an application starts with: what Temporal alone spends on a creation.
  const createdIds = idsOf(ladderQueue, 'created', c32);
  // Updates sent before anything is measured, as the transitions' own warm-up (each worker's Update
  // path compiled, the client's too): the first rung measured, the floor at concurrency 1, was counting it.
  const [warmIds, coldWarmIds, ladderWarmIds] = [taskQueue, coldQueue, ladderQueue].map((queue) => idsOf(queue, 'warm', warmup));
  const transitionColdIds = Array.from({ length: c1 }, (_, i) => `${ladderColdQueue}-${i}`);
  const ladderColdWarmIds = idsOf(ladderColdQueue, 'warm', warmup);
  const allLadderIds = [...LADDER.flatMap(([rung]) => ladderIds(rung)), ...topIds32, ...createdIds, ...warmIds, ...coldWarmIds, ...ladderWarmIds, ...transitionColdIds, ...ladderColdWarmIds];
  // One mail as the notices send it (the worker's pooled transport, a notice's size), to the same SMTP
  // sink, with no database: what a notice's mails cost at the least (goals.ts, `boundsOf`).
  const mailTransport = createMailTransport(smtpUrl);
  const letter = renderMail(
    letterBlocks(
      'Camille',
      {
        paragraphs: [
          'Votre référent a validé votre candidature : elle est maintenant transmise à l’entreprise, qui vous répondra ici.',
          'Vous pouvez suivre son avancement et échanger avec le recruteur depuis votre espace.',
        ],
      },
      { label: 'Voir la candidature', href: 'http://127.0.0.1/candidatures/00000000-0000-4000-8000-000000000000' },
    ),
  );
  /** The bench's mail to `i`, a notice's size. */
  const mailTo = (i: string) => ({ to: `bench-${i}@tremplin.test`, subject: 'Candidature validée — Assistant·e administratif·ve (Bench)', ...letter });
  /**
   * The same mail as the product sends it, never lost nor sent twice: through the platform's mailer
   * (activities/mail.ts `sendOnce`) on `transport`, its outbox row (keyed under `queue`) written, locked
   * while the relay answers, marked SENT.
   */
  const throughOutbox = (transport: ReturnType<typeof createMailTransport>, queue: string) => {
    const mailer = createMailer({ sequelize, config, logger, mailTransport: transport });
    return (i: string) => mailer.sendOnce({ key: `${queue}:${i}`, ...mailTo(i) });
  };
  const terminate = (workflowIds: string[]) => Promise.all(workflowIds.map((id) => client.workflow.getHandle(id).terminate('bench: floor measured').catch(() => undefined)));
  /** The measured workflows ended and their workers shut down: their caches (thousands of workflows) freed. */
  let measuredClosed = false;
  const closeMeasured = async () => {
    if (measuredClosed) return;
    measuredClosed = true;
    mailTransport.close();
    await terminate([...ids, ...coldIds, ...allLadderIds]);
    worker.shutdown();
    coldWorker.shutdown();
    ladderWorker.shutdown();
    ladderColdWorker.shutdown();
    await Promise.all(running.map((r) => r.catch(() => undefined)));
  };
  const disconnect = async () => {
    await native.close();
    await conn.close();
  };
  let kept = false;
  try {
    const createdInput = (id: string) =>
      spontaneousApplication(
        { candidateId: randomUUID(), companyId: randomUUID(), referentId: randomUUID(), missionOfficerId: null },
        { id: randomUUID(), role: 'REFERENT', name: id },
        'Candidature du banc d’essai.',
        applicationTimers(config),
      );
    /** Starts a floor workflow; with `statusAttributes`, with the search attributes an application starts with (as a creation's shape, below). */
    const start = (queue: string, shape: FloorShape = {}) => async (id: string) => {
      const started = performance.now();
      const typedSearchAttributes = shape.statusAttributes ? initialSearchAttributes('application', createdInput(id)) : undefined;
      await client.workflow.start('floorWorkflow', { workflowId: id, taskQueue: queue, args: [shape], typedSearchAttributes });
      return { status: 200, body: null, ms: performance.now() - started };
    };
    await runClosedLoop(ids, 16, start(taskQueue));
    await runClosedLoop(coldIds, 16, start(coldQueue));
    for (const [rung, shape] of LADDER) await runClosedLoop(ladderIds(rung), 16, start(ladderQueue, shape));
    await runClosedLoop(topIds32, 16, start(ladderQueue, shapeOf(TRANSITION_RUNG)));
    const coldTransition: FloorShape = { ...shapeOf(TRANSITION_RUNG), created: true };
    await runClosedLoop(transitionColdIds, 16, start(ladderColdQueue, coldTransition));
    const touch = async (id: string) => {
      const started = performance.now();
      await client.workflow.getHandle(id).executeUpdate('touch');
      return { status: 200, body: null, ms: performance.now() - started };
    };
    await runClosedLoop(warmIds, 16, start(taskQueue));
    await runClosedLoop(coldWarmIds, 16, start(coldQueue));
    await runClosedLoop(ladderWarmIds, 16, start(ladderQueue, shapeOf(TRANSITION_RUNG)));
    await runClosedLoop(ladderColdWarmIds, 16, start(ladderColdQueue, coldTransition));
    /** Each worker's Update path compiled (the client's too) before anything of it is measured. */
    const warmUp = async (warm: string[], cacheless = false) => {
      // Not four at a time on a worker without cache: one workflow's task evicts another's while its
      // local activity runs (sdk-core drops it), the Update waits 20 s and its replay fails (TMPRL1100).
      if (!cacheless) await runClosedLoop(warm, 4, touch);
      await runClosedLoop(warm, 1, touch);
    };
    for (const [warm, cacheless] of [[warmIds, false], [coldWarmIds, true], [ladderWarmIds, false], [ladderColdWarmIds, true]] as const) await warmUp(warm, cacheless);
    const out: Record<string, any> = {};
    /** A measured run's figures, with its CPU per operation under the names `cpuOf` gives. */
    const figures = (m: { value: RunResult; cpuMsPerOp: Record<string, number>; busy: Record<string, number> }, cpuOf: (perOp: Record<string, number>) => Record<string, number | undefined>) => ({
      ...summarize(m.value.samples, m.value.errors, m.value.wallMs),
      errorSamples: m.value.errorSamples,
      cpuMsPerOp: cpuOf(m.cpuMsPerOp),
      cpuBusy: m.busy,
    });
    for (const [key, concurrency, slice] of [
      ['c1', 1, ids.slice(0, c1)],
      ['c32', 32, ids.slice(c1)],
      ['cold_c1', 1, coldIds],
      ...LADDER.map(([rung]) => [`ladder_${rung}`, 1, ladderIds(rung)] as const),
      ['ladder_transition_c32', 32, topIds32],
      ['ladder_transition_cold', 1, transitionColdIds],
    ] as const) {
      await probe.quiet();
      out[key] = figures(await probe.measure(slice.length, () => runClosedLoop(slice, concurrency, touch)), floorCpu);
    }
    out.ladder_transition = out[`ladder_${TRANSITION_RUNG}`];
    // Created: timed until every start is answered; its CPU counted until their first workflow tasks
    // (the local activity, the timer) are done too.
    await probe.quiet();
    const created = await probe.measure(createdIds.length, async () => {
      const loop = await runClosedLoop(createdIds, 32, async (id: string) => {
        const started = performance.now();
        await client.workflow.start('floorWorkflow', {
          workflowId: id,
          taskQueue: ladderQueue,
          args: [{ created: true } satisfies FloorShape],
          typedSearchAttributes: initialSearchAttributes('application', createdInput(id)),
        });
        return { status: 200, body: null, ms: performance.now() - started };
      });
      await probe.quiet();
      return loop;
    });
    // Its window ends after the first tasks: the cores' share it prints would be the quiet's.
    out.created_c32 = { ...figures(created, floorCpu), cpuBusy: undefined };
    const sendOne = async (i: string) => {
      const started = performance.now();
      await mailTransport.sendMail({ from: config.MAIL_FROM, ...mailTo(i) });
      return { status: 200, body: null, ms: performance.now() - started };
    };
    const toOutbox = throughOutbox(mailTransport, taskQueue);
    const sendThroughOutbox = async (i: string) => {
      const started = performance.now();
      await toOutbox(i);
      return { status: 200, body: null, ms: performance.now() - started };
    };
    // Warmed first (the pool's connections open, the sender's and the sink's code compiled), then one at
    // a time and four at a time (the transport's connections, a burst of notices).
    await runClosedLoop(Array.from({ length: 300 }, (_, i) => `warm-${i}`), 4, sendOne);
    await runClosedLoop(Array.from({ length: 100 }, (_, i) => `warm-outbox-${i}`), 4, sendThroughOutbox);
    for (const [key, concurrency, count, send] of [
      ['mail', 1, Math.max(c1, 200), sendOne],
      ['mail_c4', 4, Math.max(c32, 400), sendOne],
      ['mail_outbox', 1, Math.max(c1, 200), sendThroughOutbox],
      ['mail_outbox_c4', 4, Math.max(c32, 400), sendThroughOutbox],
    ] as const) {
      await probe.quiet();
      const mails = Array.from({ length: count }, (_, i) => `${key}-${i}`);
      // The sender runs in this process: its CPU is what the worker's would be.
      out[key] = figures(await probe.measure(mails.length, () => runClosedLoop(mails, concurrency, send)), (perOp) => ({ worker: perOp.bench, smtp: perOp.smtp, postgres: perOp.postgres }));
    }
    if (!interleaved) return { figures: out };
    // For the interleaved run: the floor's and a transition's shape on a worker of their own, started
    // once the measured ones are gone. On the ladder's worker, thousands of cached workflows weighed on
    // the shape (its garbage collected over a heap that size): in a first full run the shape cost ×1.3
    // the ladder's own rung, measured earlier with fewer of them; the platform's worker holds few at that point.
    await closeMeasured();
    const pairedQueue = `${taskQueue}-paired`;
    const pairedColdQueue = `${taskQueue}-paired-cold`;
    const paired = await floorWorker(pairedQueue, 2 * (interleaved + warmup + c32) + 100, true);
    const pairedCold = await floorWorker(pairedColdQueue, 0, true);
    const pairedRuns = [paired.run(), pairedCold.run()];
    const [floorIds, shapeIds, pairedWarmIds] = [idsOf(pairedQueue, 'floor', interleaved), idsOf(pairedQueue, 'shape', interleaved), idsOf(pairedQueue, 'warm', warmup)];
    const [coldFloorIds, coldShapeIds, pairedColdWarmIds] = [idsOf(pairedColdQueue, 'floor', interleaved), idsOf(pairedColdQueue, 'shape', interleaved), idsOf(pairedColdQueue, 'warm', warmup)];
    await runClosedLoop(floorIds, 16, start(pairedQueue));
    await runClosedLoop(shapeIds, 16, start(pairedQueue, shapeOf(TRANSITION_RUNG)));
    await runClosedLoop(pairedWarmIds, 16, start(pairedQueue, shapeOf(TRANSITION_RUNG)));
    await runClosedLoop(coldFloorIds, 16, start(pairedColdQueue));
    await runClosedLoop(coldShapeIds, 16, start(pairedColdQueue, coldTransition));
    await runClosedLoop(pairedColdWarmIds, 16, start(pairedColdQueue, coldTransition));
    const [shape32Ids, created32Ids] = [idsOf(pairedQueue, 'shape-c32', c32), idsOf(pairedQueue, 'created-c32', c32)];
    await runClosedLoop(shape32Ids, 16, start(pairedQueue, shapeOf(TRANSITION_RUNG)));
    await warmUp(pairedWarmIds);
    await warmUp(pairedColdWarmIds, true);
    const pairedTransport = createMailTransport(smtpUrl);
    const sendMail = throughOutbox(pairedTransport, pairedQueue);
    const startCreated = start(pairedQueue, { created: true, statusAttributes: true });
    kept = true;
    const close = async () => {
      pairedTransport.close();
      await terminate([...floorIds, ...shapeIds, ...pairedWarmIds, ...coldFloorIds, ...coldShapeIds, ...pairedColdWarmIds, ...shape32Ids, ...created32Ids]);
      paired.shutdown();
      pairedCold.shutdown();
      await Promise.all(pairedRuns.map((r) => r.catch(() => undefined)));
      await disconnect();
    };
    return { figures: out, side: { floorIds, shapeIds, coldFloorIds, coldShapeIds, touch, shape32Ids, created32Ids, startCreated, sendMail, close } };
  } finally {
    if (!kept) {
      await closeMeasured();
      await disconnect();
    }
  }
}

const zip = <A, B>(as: A[], bs: B[]): Array<[A, B]> => as.slice(0, bs.length).map((a, i) => [a, bs[i]!]);

/**
 * The least at concurrency 32, run: 32 clients in a closed loop, each operation Temporal's own shape
 * (`shape`: a transition's shape moved, or a creation's shape started) then the same click as a plain
 * SQL transaction behind the API (`sql`, bench/baseline.ts), its answer timed over both; its notice's
 * mails (`mailsPerOp`, through the platform's mailer with their outbox rows, over its four pooled
 * connections) handed to a sender that tells as many at once as the notice queue's drainer does
 * (`TOLD_AT_ONCE`), after the answer. Every part shares the cores with the others, as ours' parts do:
 * what it reaches is the most this product's transition can reach here, and its p99 the least ours can
 * have — measured, where the bounds reckoned them from each part's CPU apart. Its CPU window runs
 * until its last mail is sent.
 */
async function measureLeast32(
  probe: Probe,
  ops: Array<[shapeId: string, sqlId: string]>,
  shape: (id: string) => Promise<Response>,
  sql: (id: string) => Promise<Response>,
  mailsPerOp: number | undefined,
  sendMail: (key: string) => Promise<unknown>,
) {
  const perOp = Math.round(mailsPerOp ?? 0);
  const queued: string[] = [];
  let sending = 0;
  let failed = 0;
  const drained: Array<() => void> = [];
  const pump = () => {
    while (sending < TOLD_AT_ONCE && queued.length) {
      const key = queued.shift()!;
      sending++;
      void sendMail(key)
        .catch(() => void failed++)
        .finally(() => {
          sending--;
          pump();
          if (!sending && !queued.length) drained.splice(0).forEach((resolve) => resolve());
        });
    }
  };
  let pendingAtEnd = 0;
  const measured = await probe.measure(ops.length, async () => {
    const loop = await runClosedLoop(ops, 32, async ([shapeId, sqlId]) => {
      const started = performance.now();
      const moved = await shape(shapeId);
      if (moved.status >= 300) return moved;
      const clicked = await sql(sqlId);
      if (clicked.status >= 300) return clicked;
      for (let m = 0; m < perOp; m++) queued.push(`${shapeId}-${m}`);
      pump();
      return { ...clicked, ms: performance.now() - started };
    });
    pendingAtEnd = queued.length + sending;
    if (pendingAtEnd) await new Promise<void>((resolve) => drained.push(resolve));
    return loop;
  });
  const { value } = measured;
  return {
    ...summarize(value.samples, value.errors + failed, value.wallMs),
    errorSamples: value.errorSamples,
    cpuMsPerOp: measured.cpuMsPerOp,
    mails: { perOp, pendingAtEnd, failed },
  };
}

/** What one transition adds to a workflow's history, and the size of a whole history. */
async function historyStats(services: Services, ids: string[]) {
  const { conn, client } = await connection(services);
  try {
    const out: Array<{ events: number; bytes: number; types: Record<string, number> }> = [];
    for (const id of ids) {
      const history = await client.workflow.getHandle(`application-${id}`).fetchHistory();
      const types: Record<string, number> = {};
      for (const event of history.events ?? []) {
        const type = String(event.eventType ?? '').replace('EVENT_TYPE_', '');
        types[type] = (types[type] ?? 0) + 1;
      }
      out.push({ events: history.events?.length ?? 0, bytes: protoPackage.temporal.api.history.v1.History.encode(history).finish().length, types });
    }
    return out[0] ?? null;
  } finally {
    await conn.close();
  }
}

async function explainReads(pool: pg.Pool, data: { referentEmails: string[]; recruiterCompany: Map<string, string> }) {
  const referent = await pool.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [data.referentEmails[0]]);
  const company = [...data.recruiterCompany.values()][0];
  const plan = async (sql: string, params: unknown[]) => {
    const { rows } = await pool.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
    const top = (rows[0]['QUERY PLAN'] as any[])[0];
    const nodes: string[] = [];
    const walk = (node: any) => {
      nodes.push(node['Index Name'] ? `${node['Node Type']} on ${node['Index Name']}` : node['Node Type']);
      for (const child of node.Plans ?? []) walk(child);
    };
    walk(top.Plan);
    return { ms: top['Execution Time'], plan: nodes.join(' > ') };
  };
  return {
    referentQueueCount: await plan(`SELECT count(*) FROM applications a LEFT JOIN users r ON r.id = a.referent_id WHERE a.referent_id = $1 AND a.status IN ('PENDING_REFERENT_VALIDATION')`, [referent.rows[0]?.id]),
    recruiterListCount: await plan(`SELECT count(*) FROM applications a LEFT JOIN users r ON r.id = a.referent_id WHERE a.company_id = $1 AND a.sent_to_company_at IS NOT NULL AND a.status IN ('PENDING_RECRUITER','ACCEPTED')`, [company]),
    offerSearchCount: await plan(
      `SELECT count(*) FROM offers o WHERE o.status = 'PUBLISHED' AND (o.expires_at IS NULL OR o.expires_at > now()) AND o.search_text LIKE '%technicien%'`,
      [],
    ),
    offerSearchCountByWord: Object.fromEntries(
      await Promise.all(
        SEARCH_WORDS.map(async (word) => {
          const folded = word.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
          const p = await plan(`SELECT count(*) FROM offers o WHERE o.status = 'PUBLISHED' AND (o.expires_at IS NULL OR o.expires_at > now()) AND o.search_text LIKE $1`, [`%${folded}%`]);
          return [word, Math.round(p.ms * 10) / 10];
        }),
      ),
    ),
    offerSearchPage: await plan(
      `SELECT o.id FROM offers o JOIN companies c ON c.id = o.company_id WHERE o.status = 'PUBLISHED' AND (o.expires_at IS NULL OR o.expires_at > now())
       AND o.search_text LIKE '%lyon%' ORDER BY o.published_at DESC NULLS LAST, o.id LIMIT 20`,
      [],
    ),
  };
}

async function settingsOf(services: Services, pool: pg.Pool, worker: Role, api: Role) {
  const { rows } = await pool.query<{ name: string; setting: string; unit: string | null }>(
    `SELECT name, setting, unit FROM pg_settings WHERE name IN ('shared_buffers', 'max_connections', 'synchronous_commit', 'fsync', 'work_mem', 'effective_cache_size', 'wal_level')`,
  );
  const version = await pool.query<{ version: string }>('SELECT version()');
  return {
    postgresVersion: version.rows[0]!.version.split(' on ')[0],
    postgres: Object.fromEntries(rows.map((r) => [r.name, r.unit ? `${r.setting} × ${r.unit}` : r.setting])),
    worker: worker.ready.settings,
    noticesApart,
    api: { sequelizePoolMax: api.ready.sequelizePoolMax, sessionPoolMax: api.ready.sessionPoolMax },
    logLevel: config.LOG_LEVEL,
    temporal: services.temporalKind,
    database: services.postgresKind,
    loadGenerator: 'node:http keep-alive agent, closed loop, in the bench process',
  };
}

function machine(services: Services, postgresVersion: string | undefined, loadAtStart: number[]) {
  const pkg = (name: string) => {
    try {
      return JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version as string;
    } catch {
      return null;
    }
  };
  return {
    cpu: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}`,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    temporalSdk: pkg('@temporalio/worker'),
    temporalCli: services.temporalCliVersion,
    postgres: postgresVersion,
    sequelize: pkg('sequelize'),
    express: pkg('express'),
    loadAverageAtStart: loadAtStart.map((l) => Math.round(l * 100) / 100),
  };
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);

export type { Cast, LatencySummary, RunResult };
