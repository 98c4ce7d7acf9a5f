// The Temporal worker: runs the workflows of workflows/ and the activities built from injected deps.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NativeConnection, Runtime, Worker, type ActivityInterceptorsFactory, type BundleOptions, type WorkerOptions } from '@temporalio/worker';
import type { LogLevel, LogMetadata } from '@temporalio/common';
import webpack from 'webpack';
import { heartbeatWhileRunning } from '../../activities/heartbeat.js';
import type { Config } from '../../config/env.js';
import type { Logger } from '../../config/logger.js';
import { connectTemporal, dataConverter, temporalConnectionOptions, type TemporalAccess } from '../../config/temporal.js';
import { noticeQueueWorkflow, noticeQueueWorkflowId, noticesTaskQueue } from '../../workflows/notice-queue.js';

let runtimeInstalled = false;

/** Routes the SDK's logs (which carry workflowId, runId, activity type…) into pino. */
export function installRuntimeLogger(logger: Logger): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  const levels: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
    TRACE: 'trace',
    DEBUG: 'debug',
    INFO: 'info',
    WARN: 'warn',
    ERROR: 'error',
  };
  Runtime.install({
    logger: {
      log: (level: LogLevel, message: string, meta?: LogMetadata) => logger[levels[level]](meta ?? {}, message),
      trace: (message: string, meta?: LogMetadata) => logger.trace(meta ?? {}, message),
      debug: (message: string, meta?: LogMetadata) => logger.debug(meta ?? {}, message),
      info: (message: string, meta?: LogMetadata) => logger.info(meta ?? {}, message),
      warn: (message: string, meta?: LogMetadata) => logger.warn(meta ?? {}, message),
      error: (message: string, meta?: LogMetadata) => logger.error(meta ?? {}, message),
    },
  });
}

/** workflows/index.ts from sources, workflows/index.js from a build. */
export function workflowsPath(): string {
  const ts = fileURLToPath(new URL('../../workflows/index.ts', import.meta.url));
  return existsSync(ts) ? ts : fileURLToPath(new URL('../../workflows/index.js', import.meta.url));
}

/** The workflows' interceptor modules: the API's seal is checked on every start and Update. */
export function workflowInterceptorModules(): string[] {
  const ts = fileURLToPath(new URL('../../workflows/seal-interceptors.ts', import.meta.url));
  return [existsSync(ts) ? ts : fileURLToPath(new URL('../../workflows/seal-interceptors.js', import.meta.url))];
}

/**
 * How the workflow code is bundled: with the seal's interceptors, and the key that checks seals
 * inlined (the sandbox reads no environment; the bundle lives in the worker's memory, or in the test
 * run's data directory).
 *
 * `preloadModules`: our workflow modules are evaluated once, in the worker's shared V8 context,
 * rather than once per workflow execution (the SDK's reusable context otherwise gives each workflow
 * its own copy of every module it did not load before the first workflow). They hold no per-workflow
 * state at module level (a workflow's state lives in its function), so sharing them changes nothing
 * but the cost: each workflow loaded into the cache (a new one, or one replayed after eviction) skips
 * evaluating the modules, and a cached workflow weighs less (issue #20, README « Performance »).
 */
export function workflowBundling(config: Pick<Config, 'ACTOR_SIGNING_SECRET'>): Pick<BundleOptions, 'workflowsPath' | 'workflowInterceptorModules' | 'webpackConfigHook' | 'preloadModules'> {
  return {
    workflowsPath: workflowsPath(),
    workflowInterceptorModules: workflowInterceptorModules(),
    preloadModules: [workflowsPath(), ...workflowInterceptorModules()],
    webpackConfigHook: (webpackConfig) => ({
      ...webpackConfig,
      plugins: [...(webpackConfig.plugins ?? []), new webpack.DefinePlugin({ __TREMPLIN_ACTOR_KEY__: JSON.stringify(config.ACTOR_SIGNING_SECRET) })],
    }),
  };
}

/** Every remote activity heartbeats while it runs (activities/heartbeat.ts says why). */
const heartbeats: ActivityInterceptorsFactory = (context) => ({
  inbound: {
    async execute(input, next) {
      const stop = heartbeatWhileRunning(context);
      try {
        return await next(input);
      } finally {
        stop();
      }
    },
  },
});

/** The workflow code bundled by the worker as it starts (a given bundle carries its interceptors already). */
function bundledAtStart(config: Pick<Config, 'ACTOR_SIGNING_SECRET'>) {
  const { workflowsPath: path, workflowInterceptorModules: modules, webpackConfigHook, preloadModules } = workflowBundling(config);
  return { workflowsPath: path, workflowModules: modules, bundlerOptions: { webpackConfigHook, preloadModules } };
}

/**
 * The task queue's notice drainer (workflows/notice-queue.ts): every worker makes sure it runs (the first
 * starts it; Temporal keeps it running, on whichever worker of the task queue polls).
 */
async function startNoticeQueue(options: { address: string; namespace: string; taskQueue: string; config: Omit<Parameters<typeof connectTemporal>[0], 'TEMPORAL_NAMESPACE'> }) {
  const client = await connectTemporal({ ...options.config, TEMPORAL_NAMESPACE: options.namespace }, options.address);
  try {
    await client.workflow.start(noticeQueueWorkflow, {
      workflowId: noticeQueueWorkflowId(options.taskQueue),
      taskQueue: options.taskQueue,
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
  } finally {
    await client.connection.close();
  }
}

/** A worker process's Temporal workers and how to run and stop them together. */
export interface CreatedWorker {
  /** The process workflows' worker, or for the `notices` role the drainer's. */
  worker: Worker;
  connection: NativeConnection;
  /** Runs every worker of the process; when one stops on a failure, the others are shut down too. */
  run(): Promise<void>;
  shutdown(): void;
}

export async function createWorker(options: {
  address: string;
  namespace: string;
  taskQueue: string;
  activities: object;
  logger: Logger;
  /** The payload keys and the seal's secret (config/temporal.ts). */
  config: Pick<Config, 'PAYLOAD_ENCRYPTION_KEYS' | 'ACTOR_SIGNING_SECRET'> & Partial<TemporalAccess>;
  /** Pre-bundled workflow code (tests bundle once per run); otherwise bundled from sources at start. */
  workflowBundle?: { code: string } | { codePath: string };
  /** WORKER_CACHED_WORKFLOWS: the SDK's default when unset. */
  cachedWorkflows?: number;
  /** WORKER_ROLE: the process workflows, the notice drainer, or both (the default). */
  role?: Config['WORKER_ROLE'];
  tuning?: Partial<WorkerOptions>;
}): Promise<CreatedWorker> {
  installRuntimeLogger(options.logger);
  const role = options.role ?? 'all';
  const connection = await NativeConnection.connect({ address: options.address, ...temporalConnectionOptions(options.config) });
  const common = {
    connection,
    namespace: options.namespace,
    interceptors: { activity: [heartbeats] },
    dataConverter: dataConverter(options.config),
    // A heartbeat's progress reaches the server within a second (the default waits up to 80 % of the
    // heartbeat timeout): what it says must not die with the worker.
    maxHeartbeatThrottleInterval: '1 second',
  } satisfies Partial<WorkerOptions>;
  let processes: Worker | undefined;
  if (role !== 'notices') {
    const { workflowModules, ...workflowCode } = options.workflowBundle
      ? { workflowBundle: options.workflowBundle, workflowModules: undefined }
      : bundledAtStart(options.config);
    processes = await Worker.create({
      ...common,
      taskQueue: options.taskQueue,
      activities: options.activities,
      ...workflowCode,
      interceptors: { ...common.interceptors, workflowModules },
      ...(options.cachedWorkflows !== undefined && { maxCachedWorkflows: options.cachedWorkflows }),
      ...options.tuning,
    });
  }
  let notices: Worker | undefined;
  if (role !== 'processes') {
    // Activities only: the drainer's task queue carries nothing else (workflows/notice-queue.ts).
    const { drainNoticeQueue } = options.activities as { drainNoticeQueue?: unknown };
    notices = await Worker.create({ ...common, taskQueue: noticesTaskQueue(options.taskQueue), activities: { drainNoticeQueue } });
  }
  await startNoticeQueue(options);
  const workers = [processes, notices].filter((w): w is Worker => !!w);
  const shutdown = () => {
    for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
  };
  return {
    worker: processes ?? notices!,
    connection,
    shutdown,
    async run() {
      const runs = workers.map((w) => w.run());
      try {
        await Promise.all(runs);
      } catch (error) {
        shutdown();
        await Promise.allSettled(runs);
        throw error;
      }
    },
  };
}
