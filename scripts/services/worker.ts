// The Temporal worker: runs the workflows of workflows/ and the activities built from injected deps.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NativeConnection, Runtime, Worker, type ActivityInterceptorsFactory, type WorkerOptions } from '@temporalio/worker';
import type { LogLevel, LogMetadata } from '@temporalio/common';
import { heartbeatWhileRunning } from '../../activities/heartbeat.js';
import type { Logger } from '../../config/logger.js';

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

export async function createWorker(options: {
  address: string;
  namespace: string;
  taskQueue: string;
  activities: object;
  logger: Logger;
  /** Pre-bundled workflow code (tests bundle once per run); otherwise bundled from sources at start. */
  workflowBundle?: { code: string } | { codePath: string };
  /** WORKER_CACHED_WORKFLOWS: the SDK's default when unset. */
  cachedWorkflows?: number;
  tuning?: Partial<WorkerOptions>;
}): Promise<{ worker: Worker; connection: NativeConnection }> {
  installRuntimeLogger(options.logger);
  const connection = await NativeConnection.connect({ address: options.address });
  const worker = await Worker.create({
    connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: options.activities,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: workflowsPath() }),
    interceptors: { activity: [heartbeats] },
    // A heartbeat's progress reaches the server within a second (the default waits up to 80 % of the
    // heartbeat timeout): what it says must not die with the worker.
    maxHeartbeatThrottleInterval: '1 second',
    ...(options.cachedWorkflows !== undefined && { maxCachedWorkflows: options.cachedWorkflows }),
    ...options.tuning,
  });
  return { worker, connection };
}
