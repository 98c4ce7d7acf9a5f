// The worker of a chaos run: what `npm run worker` runs (the workflows, the activities built from the
// database, the SMTP transport and the settings), minus what the run already did once (migrations,
// starting the offers' missing workflows) and minus the HTTP side's modules, with the workflow code
// bundled once by the run (CHAOS_WORKFLOW_BUNDLE): a worker started after a kill -9 polls within
// seconds even on a busy machine. It needs Temporal to start, not PostgreSQL (activities retry).
// Prints one line once it polls, which the run waits for.
import { createMailTransport } from '../../activities/mail.js';
import { createActivities } from '../../activities/index.js';
import { loadConfigOrExit } from '../../config/env.js';
import { createLogger } from '../../config/logger.js';
import { createDatabase } from '../../models/index.js';
import { exitOnStartupError, onShutdown } from '../services/process.js';
import { createWorker, installRuntimeLogger } from '../services/worker.js';

const config = loadConfigOrExit();
const logger = createLogger(config.LOG_LEVEL, 'tremplin-worker');
const bundle = process.env.CHAOS_WORKFLOW_BUNDLE;
if (!config.DATABASE_URL || !config.TEMPORAL_ADDRESS || !config.SMTP_URL || !bundle) {
  process.stderr.write('chaos worker: DATABASE_URL, TEMPORAL_ADDRESS, SMTP_URL et CHAOS_WORKFLOW_BUNDLE sont obligatoires\n');
  process.exit(1);
}
try {
  installRuntimeLogger(logger);
  const sequelize = createDatabase(config.DATABASE_URL, { logger });
  const mailTransport = createMailTransport(config.SMTP_URL);
  const created = await createWorker({
    address: config.TEMPORAL_ADDRESS,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    activities: createActivities({ sequelize, config, logger, mailTransport }),
    logger,
    config,
    workflowBundle: { codePath: bundle },
    cachedWorkflows: config.WORKER_CACHED_WORKFLOWS,
  });
  const running = created.run();
  running.catch((error) => {
    logger.fatal({ err: error }, 'worker stopped');
    process.exit(1);
  });
  onShutdown(logger, async () => {
    created.shutdown();
    await running.catch(() => undefined);
    await created.connection.close();
    mailTransport.close();
    await sequelize.close();
  });
  process.stdout.write(`chaos-worker-ready ${process.pid}\n`); // what scripts/chaos.ts waits for
} catch (error) {
  exitOnStartupError(logger, error);
}
