// `npm run migrate`: applies pending migrations to DATABASE_URL (the other commands do it at start too).
import { loadConfigOrExit } from '../config/env.js';
import { createLogger } from '../config/logger.js';
import { createDatabase } from '../models/index.js';
import { migrate } from '../models/migrate.js';

const config = loadConfigOrExit();
const logger = createLogger(config.LOG_LEVEL);
if (!config.DATABASE_URL) {
  process.stderr.write('Configuration invalide : DATABASE_URL (absente) est obligatoire pour `npm run migrate`.\n');
  process.exit(1);
}
const sequelize = createDatabase(config.DATABASE_URL);
try {
  const applied = await migrate(sequelize);
  logger.info({ applied }, applied.length ? 'migrations applied' : 'schema up to date');
} finally {
  await sequelize.close();
}
