// The Temporal worker as a child process of the bench, so its memory and CPU are its own. By default
// it is exactly `npm run worker` (startPlatform with runWorker only); BENCH_WORKER_TUNING (JSON of
// WorkerOptions) builds the same worker with those options instead, for experiments.
import { createMailTransport } from '../../activities/mail.js';
import { createActivities } from '../../activities/index.js';
import { createDatabase } from '../../models/index.js';
import { startPlatform } from '../../scripts/services/platform.js';
import { createWorker } from '../../scripts/services/worker.js';
import type { Worker } from '@temporalio/worker';
import { memory, roleConfig, send, serve } from './common.js';

const { config, logger } = roleConfig('worker');
const databaseUrl = config.DATABASE_URL!;
const temporalAddress = config.TEMPORAL_ADDRESS!;
const smtpUrl = config.SMTP_URL!;
const workflowBundle = { codePath: process.env.BENCH_BUNDLE_PATH! };
const tuning = process.env.BENCH_WORKER_TUNING ? (JSON.parse(process.env.BENCH_WORKER_TUNING) as Record<string, unknown>) : null;

let worker: Worker;
let stop: () => Promise<void>;
if (!tuning) {
  const platform = await startPlatform({
    config,
    logger,
    databaseUrl,
    temporalAddress,
    smtpUrl,
    runWorker: true,
    runHttp: false,
    seedDemo: false,
    workflowBundle,
  });
  worker = platform.worker!;
  stop = platform.stop;
} else {
  const sequelize = createDatabase(databaseUrl, { logger });
  const mailTransport = createMailTransport(smtpUrl);
  const created = await createWorker({
    address: temporalAddress,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    activities: createActivities({ sequelize, config, logger, mailTransport }),
    logger,
    config,
    workflowBundle,
    cachedWorkflows: config.WORKER_CACHED_WORKFLOWS,
    role: config.WORKER_ROLE,
    tuning,
  });
  worker = created.worker;
  const running = created.run();
  stop = async () => {
    created.shutdown();
    await running.catch(() => undefined);
    await created.connection.close();
    await sequelize.close();
  };
}

const options = worker.options as unknown as Record<string, any>;
const settings = {
  maxCachedWorkflows: options.maxCachedWorkflows,
  workflowTaskSlots: options.tuner?.workflowTaskSlotSupplier?.numSlots,
  activityTaskSlots: options.tuner?.activityTaskSlotSupplier?.numSlots,
  localActivityTaskSlots: options.tuner?.localActivityTaskSlotSupplier?.numSlots,
  workflowTaskPollers: options.workflowTaskPollerBehavior,
  activityTaskPollers: options.activityTaskPollerBehavior,
  stickyQueueScheduleToStartTimeout: options.stickyQueueScheduleToStartTimeout,
  reuseV8Context: options.reuseV8Context,
  workflowThreadPoolSize: options.workflowThreadPoolSize,
  tuningOverride: tuning,
};
send({ type: 'ready', settings });
serve(() => {
  const status = worker.getStatus();
  return { ...memory(), cachedWorkflows: status.numCachedWorkflows, status: status.runState };
}, stop);
