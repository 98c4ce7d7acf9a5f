// The API of a short chaos run: the HTTP server of `npm run api` (same app, routes, sessions and error
// handling, from api/app.ts) without the AdminJS back office, whose modules alone take seconds to
// load on a busy machine; the full run uses `npm run api` itself. Migrations and the offers' missing
// workflows are the run's business, done once before.
import { connectTemporal } from '../../config/temporal.js';
import { createApp } from '../../api/app.js';
import { createSessionPool } from '../../api/session.js';
import { loadConfigOrExit } from '../../config/env.js';
import { createLogger } from '../../config/logger.js';
import { createDatabase } from '../../models/index.js';
import { exitOnStartupError, httpTimeoutsOf, listen, onShutdown } from '../services/process.js';

const config = loadConfigOrExit();
const logger = createLogger(config.LOG_LEVEL, 'tremplin-api');
if (!config.DATABASE_URL || !config.TEMPORAL_ADDRESS) {
  process.stderr.write('chaos api: DATABASE_URL et TEMPORAL_ADDRESS sont obligatoires\n');
  process.exit(1);
}
try {
  const sequelize = createDatabase(config.DATABASE_URL, { logger });
  const temporal = await connectTemporal(config, config.TEMPORAL_ADDRESS);
  const sessionPool = createSessionPool(config.DATABASE_URL);
  const server = await listen(createApp({ config, sequelize, temporal, logger, sessionPool }), config.PORT, config.HOST, httpTimeoutsOf(config));
  onShutdown(logger, async () => {
    await server.close();
    await sessionPool.end();
    await temporal.connection.close();
    await sequelize.close();
  });
} catch (error) {
  exitOnStartupError(logger, error);
}
