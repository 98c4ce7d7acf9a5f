// `npm start`: the whole platform in one process tree on embedded defaults — PostgreSQL, Temporal dev
// server (with its UI), a mail catcher, the worker, and the HTTP server (web, API, admin). Ctrl-C stops all.
import { loadConfigOrExit } from '../config/env.js';
import { createLogger } from '../config/logger.js';
import { DEMO_ACCOUNTS } from '../models/seed.js';
import { startPlatform, startServices } from './services/platform.js';
import { exitOnStartupError, onShutdown } from './services/process.js';

const config = loadConfigOrExit();
const logger = createLogger(config.LOG_LEVEL);

try {
  const services = await startServices(config, logger);
  onShutdown(logger, services.stop);
  const platform = await startPlatform({ config, logger, ...services, runWorker: true, runHttp: true, seedDemo: config.SEED_DEMO });
  onShutdown(logger, platform.stop);
  const lines = [
    '',
    'Tremplin est démarré :',
    `  Application web   ${config.PUBLIC_URL}/`,
    `  API               ${config.PUBLIC_URL}/api  (OpenAPI : ${config.PUBLIC_URL}/api/openapi.json)`,
    `  Back office       ${config.PUBLIC_URL}/admin`,
    `  Temporal UI       ${config.TEMPORAL_UI_URL}`,
    `  Courriels         ${services.mailUrl ?? `envoyés via ${config.SMTP_URL}`}`,
    `  Comptes de démo   ${Object.values(DEMO_ACCOUNTS).join(', ')}`,
    `  Mot de passe      ${config.DEMO_PASSWORD === 'Demo-Tremplin-2026!' ? 'Demo-Tremplin-2026! (DEMO_PASSWORD)' : 'la valeur de DEMO_PASSWORD'}`,
    '',
    'Ctrl-C pour tout arrêter.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
} catch (error) {
  exitOnStartupError(logger, error);
}
