// `npm run api`: the HTTP server alone (web, API, admin), for production behind a load balancer.
import { loadConfigOrExit } from '../config/env.js';
import { createLogger } from '../config/logger.js';
import { startPlatform } from './services/platform.js';
import { exitOnStartupError, onShutdown } from './services/process.js';

const config = loadConfigOrExit();
const logger = createLogger(config.LOG_LEVEL, 'tremplin-api');
if (!config.DATABASE_URL || !config.TEMPORAL_ADDRESS) {
  process.stderr.write('Configuration invalide : DATABASE_URL et TEMPORAL_ADDRESS sont obligatoires pour `npm run api` (utilisez `npm start` pour tout lancer en local).\n');
  process.exit(1);
}
try {
  const platform = await startPlatform({
    config,
    logger,
    databaseUrl: config.DATABASE_URL,
    temporalAddress: config.TEMPORAL_ADDRESS,
    smtpUrl: config.SMTP_URL ?? 'smtp://127.0.0.1:25',
    runWorker: false,
    runHttp: true,
    seedDemo: config.SEED_DEMO,
  });
  onShutdown(logger, platform.stop);
  logger.info({ url: platform.httpUrl }, 'api started');
} catch (error) {
  exitOnStartupError(logger, error);
}
