// Wires one platform process: database (migrated), Temporal client, the worker and/or the HTTP server.
// `npm start`, `npm run worker`, `npm run api` and the test harness all go through here.
import type { Client } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import type { Sequelize } from 'sequelize';
import { createActivities } from '../../activities/index.js';
import { createMailTransport } from '../../activities/mail.js';
import { createAdmin } from '../../admin/index.js';
import { createApp } from '../../api/app.js';
import { startMissingOfferWorkflows } from '../../api/offers/service.js';
import { restartPendingDocumentTexts } from '../../api/documents/text.js';
import { createSessionPool } from '../../api/session.js';
import type { Config } from '../../config/env.js';
import type { Logger } from '../../config/logger.js';
import { connectTemporal } from '../../config/temporal.js';
import { createDatabase } from '../../models/index.js';
import { migrate } from '../../models/migrate.js';
import { seedDemoData } from '../../models/seed.js';
import { httpTimeoutsOf, listen } from './process.js';
import { createWorker, installRuntimeLogger } from './worker.js';

export interface PlatformOptions {
  config: Config;
  logger: Logger;
  /** Resolved addresses of the services (embedded or given). */
  databaseUrl: string;
  temporalAddress: string;
  smtpUrl: string;
  runWorker: boolean;
  runHttp: boolean;
  seedDemo: boolean;
  workflowBundle?: { code: string } | { codePath: string };
}

export interface Platform {
  sequelize: Sequelize;
  temporal: Client;
  httpUrl?: string;
  worker?: Worker;
  stop(): Promise<void>;
}

export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const { config, logger } = options;
  const sequelize = createDatabase(options.databaseUrl, { logger });
  const applied = await migrate(sequelize);
  if (applied.length) logger.info({ migrations: applied }, 'migrations applied');
  if (options.seedDemo) await seedDemoData(sequelize, config, logger);

  const temporal = await connectTemporal(config, options.temporalAddress);
  // Offers published without a workflow (the demo offer) get theirs, so they expire and can be archived.
  await startMissingOfferWorkflows({ sequelize, temporal, config, logger }).catch((err) => logger.warn({ err }, 'offer workflows not started at start-up'));
  // Documents whose text was never read (its start lost, or stored before CV text existed), in the background.
  void restartPendingDocumentTexts({ sequelize, temporal, taskQueue: config.TEMPORAL_TASK_QUEUE, logger }).catch((err) =>
    logger.warn({ err }, 'document text reading not restarted at start-up'),
  );
  const stops: Array<() => Promise<void>> = [];

  let worker: Worker | undefined;
  if (options.runWorker) {
    const mailTransport = createMailTransport(options.smtpUrl);
    const activities = createActivities({ sequelize, config, logger, mailTransport, temporal });
    const created = await createWorker({
      address: options.temporalAddress,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      activities,
      logger,
      config,
      workflowBundle: options.workflowBundle,
      cachedWorkflows: config.WORKER_CACHED_WORKFLOWS,
      role: config.WORKER_ROLE,
    });
    worker = created.worker;
    const running = created.run();
    running.catch((error) => logger.fatal({ err: error }, 'worker stopped'));
    stops.push(async () => {
      created.shutdown();
      await running.catch(() => undefined);
      await created.connection.close();
      mailTransport.close();
    });
  }

  let httpUrl: string | undefined;
  if (options.runHttp) {
    const sessionPool = createSessionPool(options.databaseUrl);
    const deps = { config, sequelize, temporal, logger, sessionPool };
    const admin = await createAdmin(deps);
    const server = await listen(createApp({ ...deps, admin }), config.PORT, config.HOST, httpTimeoutsOf(config));
    httpUrl = `http://localhost:${server.port}`;
    stops.push(() => server.close().then(() => sessionPool.end()));
  }

  return {
    sequelize,
    temporal,
    httpUrl,
    worker,
    async stop() {
      for (const stop of stops.reverse()) await stop();
      await temporal.connection.close();
      await sequelize.close();
    },
  };
}

/** Resolves the three services of a run: given by the environment, or embedded under DATA_DIR. */
export async function startServices(config: Config, logger: Logger) {
  installRuntimeLogger(logger);
  const stops: Array<() => Promise<void>> = [];
  const path = await import('node:path');
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    const { startEmbeddedPostgres } = await import('./postgres.js');
    const pg = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, database: 'tremplin', port: config.POSTGRES_DEV_PORT, logger });
    databaseUrl = pg.url;
    stops.push(pg.stop);
  }
  let temporalAddress = config.TEMPORAL_ADDRESS;
  if (!temporalAddress) {
    const { DEV_SERVER_TUNING, startTemporalDevServer } = await import('./temporal-server.js');
    const server = await startTemporalDevServer({
      cliPath: config.TEMPORAL_CLI_PATH,
      namespace: config.TEMPORAL_NAMESPACE,
      dbFilename: path.resolve(config.DATA_DIR, 'temporal.sqlite'),
      port: config.TEMPORAL_DEV_PORT,
      uiPort: config.TEMPORAL_UI_PORT,
      codecEndpoint: `${config.PUBLIC_URL}/admin/temporal-codec`,
      tuning: DEV_SERVER_TUNING,
    });
    temporalAddress = server.address;
    stops.push(server.stop);
  } else {
    const { ensureSearchAttributes } = await import('./temporal-server.js');
    await ensureSearchAttributes(temporalAddress, config.TEMPORAL_NAMESPACE, config);
  }
  let smtpUrl = config.SMTP_URL;
  let mailUrl: string | undefined;
  if (!smtpUrl) {
    const { startMailCatcher } = await import('./mail-catcher.js');
    const catcher = await startMailCatcher({ smtpPort: config.SMTP_DEV_PORT, webPort: config.MAIL_UI_PORT });
    smtpUrl = catcher.smtpUrl;
    mailUrl = catcher.webUrl;
    stops.push(catcher.stop);
  }
  return {
    databaseUrl,
    temporalAddress,
    smtpUrl,
    mailUrl,
    async stop() {
      for (const stop of stops.reverse()) await stop().catch((error) => logger.warn({ err: error }, 'stop failed'));
    },
  };
}
