// The HTTP server as a child process of the bench: the product's app (createApp, as `npm run api`
// builds it, without the back office) with the SQL baseline mounted in front of it at /api/bench.
import { connectTemporal } from '../../config/temporal.js';
import express from 'express';
import { pinoHttp } from 'pino-http';
import { createApp } from '../../api/app.js';
import { createSessionPool } from '../../api/session.js';
import { createDatabase } from '../../models/index.js';
import { listen } from '../../scripts/services/process.js';
import { baselineRouter } from '../baseline.js';
import { memory, roleConfig, send, serve } from './common.js';

const { config, logger } = roleConfig('api');
const databaseUrl = config.DATABASE_URL!;
const sequelize = createDatabase(databaseUrl, { logger });
const temporal = await connectTemporal(config, config.TEMPORAL_ADDRESS!);
const sessionPool = createSessionPool(databaseUrl);
const deps = { config, sequelize, temporal, logger, sessionPool };

const app = express();
app.disable('x-powered-by');
app.set('trust proxy', 'loopback');
app.use('/api/bench', pinoHttp({ logger }), baselineRouter(deps));
app.use(createApp(deps));
const server = await listen(app, config.PORT, '127.0.0.1');
const url = `http://127.0.0.1:${server.port}`;
send({ type: 'ready', url, sequelizePoolMax: (sequelize as any).connectionManager?.pool?.maxSize ?? null, sessionPoolMax: sessionPool.options.max });
serve(memory, async () => {
  await server.close();
  await sessionPool.end();
  await temporal.connection.close();
  await sequelize.close();
});
