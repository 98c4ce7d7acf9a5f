// Temporal for a run: the cluster at TEMPORAL_ADDRESS when given, otherwise `temporal server start-dev`
// with the project's search attributes, its UI, and (for `npm start`) a persistent SQLite file.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { EphemeralServerExecutable } from '@temporalio/testing/lib/ephemeral-server.js';
import { temporalConnectionOptions, type TemporalAccess } from '../../config/temporal.js';
import { allSearchAttributes } from '../../workflows/search-attributes.js';

export interface TemporalServerHandle {
  address: string;
  namespace: string;
  stop(): Promise<void>;
}

/** TEMPORAL_CLI_PATH, then `temporal` on PATH (or ~/.local/bin), then the SDK's own download. */
export function temporalExecutable(cliPath?: string): EphemeralServerExecutable {
  if (cliPath) {
    if (!existsSync(cliPath)) throw new Error(`TEMPORAL_CLI_PATH: aucun fichier à ${cliPath}`);
    return { type: 'existing-path', path: cliPath };
  }
  const candidates = [path.join(os.homedir(), '.local', 'bin', 'temporal')];
  try {
    candidates.unshift(execFileSync('which', ['temporal'], { encoding: 'utf8' }).trim());
  } catch {
    // not on PATH
  }
  const found = candidates.find((candidate) => candidate && existsSync(candidate));
  return found ? { type: 'existing-path', path: found } : { type: 'cached-download' };
}

export async function startTemporalDevServer(options: {
  cliPath?: string;
  namespace: string;
  /** SQLite file; omitted = in memory (tests). */
  dbFilename?: string;
  port?: number;
  uiPort?: number;
  /** The UI decodes encrypted payloads there (admin/temporal-codec.ts), for a signed-in admin. */
  codecEndpoint?: string;
  /** `--dynamic-config-value` and `--sqlite-pragma` (DEV_SERVER_TUNING for `npm start` and the bench). */
  tuning?: DevServerTuning;
}): Promise<TemporalServerHandle & { env: TestWorkflowEnvironment }> {
  if (options.dbFilename) await mkdir(path.dirname(options.dbFilename), { recursive: true });
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: temporalExecutable(options.cliPath),
      namespace: options.namespace,
      ip: '127.0.0.1',
      port: options.port,
      dbFilename: options.dbFilename,
      ui: options.uiPort !== undefined,
      uiPort: options.uiPort,
      searchAttributes: allSearchAttributes,
      log: { format: 'json', level: 'warn' },
      extraArgs: [...(options.codecEndpoint ? ['--ui-codec-endpoint', options.codecEndpoint] : []), ...devServerArgs(options.tuning, !!options.dbFilename)],
    },
  });
  const address = env.connection.options.address;
  return { address, namespace: options.namespace, env, stop: () => env.teardown() };
}

export interface DevServerTuning {
  dynamicConfig: Record<string, string | number | boolean>;
  /** Only for a SQLite file (an in-memory database has no journal to tune). */
  sqlitePragmas: Record<string, string>;
}

/**
 * How `npm start` and the bench run the dev server (issue #20, README « Performance »):
 * - `system.forceSearchAttributesCacheRefreshOnRead`: start-dev turns it on so that a search
 *   attribute added a moment ago is usable at once; it reloads the attribute list on every read, a cost
 *   paid by every workflow with search attributes. Ours are registered before the server answers
 *   (`searchAttributes` at start), so the normal cache is enough.
 * - SQLite's write-ahead log with `synchronous=NORMAL`: a commit no longer waits for the disk to sync
 *   each write; a power cut (not a crash of the process) may lose the last transactions of a
 *   development server, never corrupt it. A production cluster persists to PostgreSQL or Cassandra.
 */
export const DEV_SERVER_TUNING: DevServerTuning = {
  dynamicConfig: { 'system.forceSearchAttributesCacheRefreshOnRead': false },
  sqlitePragmas: { journal_mode: 'wal', synchronous: 'normal' },
};

export function devServerArgs(tuning: DevServerTuning | undefined, file: boolean): string[] {
  if (!tuning) return [];
  return [
    ...Object.entries(tuning.dynamicConfig).flatMap(([key, value]) => ['--dynamic-config-value', `${key}=${JSON.stringify(value)}`]),
    ...(file ? Object.entries(tuning.sqlitePragmas).flatMap(([key, value]) => ['--sqlite-pragma', `${key}=${value}`]) : []),
  ];
}

/** On a cluster we did not start (TEMPORAL_ADDRESS), registers the search attributes it lacks. */
export async function ensureSearchAttributes(address: string, namespace: string, access: Partial<TemporalAccess> = {}): Promise<void> {
  const { Connection } = await import('@temporalio/client');
  const { temporal } = await import('@temporalio/proto');
  const connection = await Connection.connect({ address, ...temporalConnectionOptions(access) });
  try {
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    const known = new Set([...Object.keys(existing.customAttributes ?? {}), ...Object.keys(existing.systemAttributes ?? {})]);
    const missing = allSearchAttributes.filter((key) => !known.has(key.name));
    if (!missing.length) return;
    const types = temporal.api.enums.v1.IndexedValueType;
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(
        missing.map((key) => [key.name, key.type === 'DATETIME' ? types.INDEXED_VALUE_TYPE_DATETIME : key.type === 'KEYWORD_LIST' ? types.INDEXED_VALUE_TYPE_KEYWORD_LIST : types.INDEXED_VALUE_TYPE_KEYWORD]),
      ),
    });
  } finally {
    await connection.close();
  }
}
