// `npm run worker`: the Temporal worker alone, for production where workers scale out on their own
// (WORKER_ROLE: the process workflows, the notice drainer, or both).
import { loadConfigOrExit } from '../config/env.js';
import { createLogger } from '../config/logger.js';
import { startPlatform } from './services/platform.js';
import { exitOnStartupError, onShutdown } from './services/process.js';

const config = loadConfigOrExit();
const logger = createLogger(config.LOG_LEVEL, 'tremplin-worker');
if (!config.DATABASE_URL || !config.TEMPORAL_ADDRESS || !config.SMTP_URL) {
  process.stderr.write('Configuration invalide : DATABASE_URL, TEMPORAL_ADDRESS et SMTP_URL sont obligatoires pour `npm run worker` (utilisez `npm start` pour tout lancer en local).\n');
  process.exit(1);
}
try {
  const platform = await startPlatform({
    config,
    logger,
    databaseUrl: config.DATABASE_URL,
    temporalAddress: config.TEMPORAL_ADDRESS,
    smtpUrl: config.SMTP_URL,
    runWorker: true,
    runHttp: false,
    seedDemo: false,
  });
  onShutdown(logger, platform.stop);
  logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE, role: config.WORKER_ROLE }, 'worker started');
} catch (error) {
  exitOnStartupError(logger, error);
}
