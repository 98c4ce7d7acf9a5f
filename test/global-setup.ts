// Test harness, once per run: a fresh database (on DATABASE_URL's server, or an embedded one), a
// Temporal dev server (existing binary, or TEMPORAL_ADDRESS), a real SMTP server that records mail,
// the workflow code bundled once, and the worker + API on an ephemeral port. Test files reach them
// through `inject(...)` (see test/support.ts).
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../config/env.js';
import { createLogger } from '../config/logger.js';
import { startMailCatcher } from '../scripts/services/mail-catcher.js';
import { startPlatform } from '../scripts/services/platform.js';
import { adminUrlOf, dropDatabase, ensureDatabase, startEmbeddedPostgres } from '../scripts/services/postgres.js';
import { startTemporalDevServer } from '../scripts/services/temporal-server.js';
import { installRuntimeLogger, workflowBundling } from '../scripts/services/worker.js';
import { freePort } from '../scripts/services/process.js';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    mailApiUrl: string;
    smtpUrl: string;
    databaseUrl: string;
    temporalAddress: string;
    temporalNamespace: string;
    taskQueue: string;
    workflowBundlePath: string;
    demoPassword: string;
  }
}

export default async function setup(project: TestProject) {
  const stops: Array<() => Promise<void>> = [];
  const teardown = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    return await start(project, stops);
  } catch (error) {
    await teardown(); // a failed start leaves no server behind
    throw error;
  }
}

async function start(project: TestProject, stops: Array<() => Promise<void>>) {
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'warn', 'tremplin-test');
  installRuntimeLogger(logger); // before anything else touches Temporal's runtime
  const base = loadConfig(process.env);
  const dataDir = path.resolve(base.DATA_DIR, 'test');
  await mkdir(dataDir, { recursive: true });

  // Database: a fresh one per run.
  const database = `tremplin_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  let serverUrl = base.DATABASE_URL;
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres({ dataDir, database: 'postgres', port: 54330, logger });
    serverUrl = embedded.url;
    stops.push(embedded.stop);
  }
  const adminUrl = adminUrlOf(serverUrl);
  await ensureDatabase(adminUrl, database);
  const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${database}` }).toString();
  stops.push(() => dropDatabase(adminUrl, database));

  // Temporal: the given cluster, or a dev server of our own (in memory, random port).
  let temporalAddress = base.TEMPORAL_ADDRESS;
  const temporalNamespace = base.TEMPORAL_NAMESPACE;
  if (!temporalAddress) {
    const server = await startTemporalDevServer({ cliPath: base.TEMPORAL_CLI_PATH, namespace: temporalNamespace });
    temporalAddress = server.address;
    stops.push(server.stop);
  }
  // Each run gets its own task queue, so a shared cluster never hands our tasks to another run's worker.
  const taskQueue = `tremplin-test-${randomBytes(4).toString('hex')}`;

  const mail = await startMailCatcher();
  stops.push(mail.stop);

  const { code } = await bundleWorkflowCode({ ...workflowBundling(base), logger: { log() {}, trace() {}, debug() {}, info() {}, warn: (m) => logger.warn(m), error: (m) => logger.error(m) } });
  const workflowBundlePath = path.join(dataDir, `workflow-bundle-${taskQueue}.js`);
  await writeFile(workflowBundlePath, code);

  const port = await freePort();
  const apiUrl = `http://localhost:${port}`;
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    PORT: String(port),
    PUBLIC_URL: apiUrl,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_TASK_QUEUE: taskQueue,
    SMTP_URL: mail.smtpUrl,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    // Every test file signs companies up from the same address.
    SIGNUPS_PER_ADDRESS: '100000',
    // …and browse the public showcase from it (the limit itself: test/public-showcase.test.ts).
    PUBLIC_REQUESTS_PER_MINUTE: '100000',
    // Account deletions are carried out seconds after they are asked (test/account-deletion.test.ts).
    ACCOUNT_DELETION_GRACE: '6s',
    // Message digests go out seconds after a message (test/messages.test.ts).
    MESSAGE_DIGEST_DELAY: '3s',
    // Offer invitations: batches of 2, two seconds apart (test/offer-invitations.test.ts).
    OFFER_INVITATION_BATCH_SIZE: '2',
    OFFER_INVITATION_PAUSE: '2s',
    // CVthèque contact requests: reminded, then expired, seconds after they are asked (test/cvtheque-work.test.ts).
    CONTACT_REQUEST_REMINDER_AFTER: '5s',
    CONTACT_REQUEST_EXPIRES_AFTER: '20s',
    PASSWORD_RESETS_PER_ADDRESS: '100000',
    PASSWORD_RESETS_PER_EMAIL: '100000',
    COMPANY_LOOKUPS_PER_ADDRESS: '100000',
    // …and read the public company pages from it.
  });
  const platform = await startPlatform({
    config,
    logger,
    databaseUrl,
    temporalAddress,
    smtpUrl: mail.smtpUrl,
    runWorker: true,
    runHttp: true,
    seedDemo: true,
    workflowBundle: { code },
  });
  stops.push(platform.stop);

  project.provide('apiUrl', apiUrl);
  project.provide('mailApiUrl', `${mail.webUrl}/api`);
  project.provide('smtpUrl', mail.smtpUrl);
  project.provide('databaseUrl', databaseUrl);
  project.provide('temporalAddress', temporalAddress);
  project.provide('temporalNamespace', temporalNamespace);
  project.provide('taskQueue', taskQueue);
  project.provide('workflowBundlePath', workflowBundlePath);
  project.provide('demoPassword', config.DEMO_PASSWORD);

  return async () => {
    for (const stop of stops.reverse()) await stop().catch((error) => logger.warn({ err: error }, 'teardown step failed'));
  };
}
