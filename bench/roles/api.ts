// The HTTP server as a child process of the bench: the product's app (createApp, as `npm run api`
// builds it, without the back office) with the SQL baseline mounted in front of it at /api/bench.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import express from 'express';
import { pinoHttp } from 'pino-http';
import { createApp } from '../../api/app.js';
import { createSessionPool } from '../../api/session.js';
import { createDatabase } from '../../models/index.js';
import { baselineRouter } from '../baseline.js';
import { memory, roleConfig, send, serve } from './common.js';

const { config, logger } = roleConfig('api');
const databaseUrl = config.DATABASE_URL!;
const sequelize = createDatabase(databaseUrl, { logger });
const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS! });
const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
const sessionPool = createSessionPool(databaseUrl);
const deps = { config, sequelize, temporal, logger, sessionPool };

const app = express();
app.disable('x-powered-by');
app.set('trust proxy', 'loopback');
app.use('/api/bench', pinoHttp({ logger }), baselineRouter(deps));
app.use(createApp(deps));
const server = createServer(app);
await new Promise<void>((resolve, reject) => {
  server.once('error', reject);
  server.listen(config.PORT, '127.0.0.1', () => resolve());
});
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
send({ type: 'ready', url, sequelizePoolMax: (sequelize as any).connectionManager?.pool?.maxSize ?? null, sessionPoolMax: sessionPool.options.max });
serve(memory, async () => {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  await sessionPool.end();
  await connection.close();
  await sequelize.close();
});
