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
      ...(options.codecEndpoint ? { extraArgs: ['--ui-codec-endpoint', options.codecEndpoint] } : {}),
    },
  });
  const address = env.connection.options.address;
  return { address, namespace: options.namespace, env, stop: () => env.teardown() };
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
