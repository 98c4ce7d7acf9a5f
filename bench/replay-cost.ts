// `node --import tsx bench/replay-cost.ts [HISTORY.json] [N]`: what replaying a recorded history costs
// the worker (a cold transition replays its case's history first), on the platform's workflow bundle
// and codec, in this process: CPU per replay; the promises the workflow creates per replay, by where
// (our workflows, async-mutex, the SDK); then the same with the SDK's promise hook stopped. That hook
// (installed by every workflow worker, for the Temporal UI's « Stack Trace ») captures and source-maps a
// stack for each promise created in a workflow (sdk-typescript#1587); it cannot be turned off by an
// option, so stopping it here reaches into the SDK's internals: a measurement, never the product's code.
import { readFile } from 'node:fs/promises';
import { promiseHooks } from 'node:v8';
import proto from '@temporalio/proto';
import { DefaultLogger, Runtime, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { loadConfig } from '../config/env.js';
import { dataConverter } from '../config/temporal.js';
import { workflowBundling } from '../scripts/services/worker.js';

const [file = new URL('../test/histories/baseline-timers-reminders-then-hired.json', import.meta.url).pathname, count = '200'] = process.argv.slice(2);
Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } } });
const history = proto.temporal.api.history.v1.History.fromObject(JSON.parse(await readFile(file, 'utf8')));
const config = loadConfig(process.env);
const { workflowsPath, workflowInterceptorModules, webpackConfigHook, preloadModules } = workflowBundling(config);
const silent = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };
const { code } = await bundleWorkflowCode({ workflowsPath, workflowInterceptorModules, webpackConfigHook, preloadModules, logger: silent });

/** Replays the history `n` times; CPU and wall time per replay. */
async function replays(n: number) {
  const histories = Array.from({ length: n }, (_, i) => ({ workflowId: `replay-cost-${i}`, history }));
  const started = performance.now();
  const cpu = process.cpuUsage();
  for await (const result of Worker.runReplayHistories({ workflowBundle: { code }, dataConverter: dataConverter(config) }, histories)) {
    if (result.error) throw result.error;
  }
  const used = process.cpuUsage(cpu);
  return { wallMs: (performance.now() - started) / n, cpuMs: (used.user + used.system) / 1000 / n };
}

/** The promises created in workflow context (not this realm's Promise) per replay, by the first frame below the hook. */
async function promisesPerReplay(n: number) {
  const origins = { workflows: 0, 'async-mutex': 0, sdk: 0 };
  // Stacks named by their sources (the bundle carries its source map), to tell where promises come from.
  const mapped = process.sourceMapsEnabled;
  process.setSourceMapsEnabled(true);
  const stop = promiseHooks.createHook({
    init(promise: Promise<unknown>) {
      if (promise.constructor === Promise) return;
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 6;
      const at: { stack?: string } = {};
      Error.captureStackTrace(at);
      Error.stackTraceLimit = limit;
      const below = (at.stack ?? '').split('\n').slice(2, 5).join(' ');
      origins[below.includes('async-mutex') ? 'async-mutex' : below.includes('/workflows/') ? 'workflows' : 'sdk']++;
    },
  });
  await replays(n);
  stop();
  process.setSourceMapsEnabled(mapped);
  return Object.fromEntries(Object.entries(origins).map(([k, v]) => [k, v / n]));
}

const n = Number(count);
await replays(20); // the replayer's code and the bundle's compiled
const withHook = await replays(n);
const promises = await promisesPerReplay(10);
await replays(20);
const { globalHandlers } = (await import('@temporalio/worker/lib/workflow/vm-shared.js' as string)) as { globalHandlers: { stopPromiseHook(): void } };
globalHandlers.stopPromiseHook();
await replays(20);
const withoutHook = await replays(n);
const fmt = (x: number) => x.toFixed(1);
console.log(`${file.split('/').pop()}: ${history.events?.length} events, ${n} replays`);
console.log(`with the SDK's promise hook: ${fmt(withHook.cpuMs)} ms CPU, ${fmt(withHook.wallMs)} ms wall per replay`);
console.log(`promises per replay: ${Object.entries(promises).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`);
console.log(`hook stopped: ${fmt(withoutHook.cpuMs)} ms CPU, ${fmt(withoutHook.wallMs)} ms wall per replay (×${(withoutHook.cpuMs / withHook.cpuMs).toFixed(2)} the CPU)`);
