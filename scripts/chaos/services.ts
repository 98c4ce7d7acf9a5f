// The servers of a chaos run, each one something the run can break and bring back:
// - a dedicated embedded PostgreSQL (its own data directory and port; never the machine's 5432),
//   stopped (fast shutdown: sessions cut) and started again on the same directory;
// - a Temporal dev server started from the `temporal` binary with a persistent SQLite file, killed
//   and started again on the same port and file;
// - the in-process mail catcher, which can refuse mail (451) for a while;
// - the worker and the API as child processes in their own process groups, so `kill -9` reaches the
//   whole tree and a new one can take over.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { chmod, mkdtemp, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Connection } from '@temporalio/client';
import type { Logger } from '../../config/logger.js';
import { allSearchAttributes } from '../../workflows/search-attributes.js';
import { startMailCatcher, type MailCatcherHandle } from '../services/mail-catcher.js';
import { startEmbeddedPostgres, type PostgresHandle } from '../services/postgres.js';
import { temporalExecutable } from '../services/temporal-server.js';
import { freePort } from '../services/process.js';

export { freePort };

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---- PostgreSQL ----

export interface RestartablePostgres {
  url: string;
  port: number;
  readonly up: boolean;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/**
 * An initialised, stopped cluster kept in the system's temporary directory and copied into each run's
 * data directory: initdb takes seconds on a busy machine, a copy a fraction of that.
 */
async function copyTemplateCluster(dataDir: string, logger: Logger): Promise<void> {
  const template = path.join(os.tmpdir(), 'tremplin-chaos-pg-template');
  if (!existsSync(path.join(template, 'postgres', 'PG_VERSION'))) {
    const building = await mkdtemp(`${template}-building-`);
    await chmod(building, 0o755);
    const port = await freePort();
    const server = await startEmbeddedPostgres({ dataDir: building, database: 'postgres', port, logger });
    await server.stop();
    await rename(building, template).catch(() => rm(building, { recursive: true, force: true })); // another run made it first
  }
  execFileSync('cp', ['-a', path.join(template, 'postgres'), path.join(dataDir, 'postgres')]);
}

export async function startChaosPostgres(options: { dataDir: string; port: number; database: string; logger: Logger }): Promise<RestartablePostgres> {
  await copyTemplateCluster(options.dataDir, options.logger).catch((error) =>
    options.logger.warn({ err: error }, 'no template cluster: initialising one for this run'),
  );
  let handle: PostgresHandle | null = await startEmbeddedPostgres(options);
  const url = handle.url;
  return {
    url,
    port: options.port,
    get up() {
      return handle !== null;
    },
    async stop() {
      if (!handle) return;
      const current = handle;
      handle = null;
      await current.stop();
    },
    async start() {
      if (handle) return;
      handle = await startEmbeddedPostgres(options);
    },
  };
}

// ---- Temporal dev server ----

export interface DevServer {
  address: string;
  readonly up: boolean;
  /** SIGTERM (a clean stop) or SIGKILL (a crash). */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  start(): Promise<void>;
  output(): string;
}

/** temporal start-dev stopped while starting: its output's first lines (the cause) and its last ones. */
class EarlyExit extends Error {
  readonly firstLines: string;
  constructor(output: string) {
    const head = output.split('\n').slice(0, 8).join('\n');
    super(`temporal server start-dev s’est arrêté :\n${head}\n…\n${output.slice(-1500)}`);
    this.firstLines = head.slice(0, 300);
  }
}

export async function startChaosTemporal(options: { dbFilename: string; port: number; namespace: string; cliPath?: string }): Promise<DevServer> {
  const executable = temporalExecutable(options.cliPath);
  if (executable.type !== 'existing-path') throw new Error('chaos: aucun binaire `temporal` (PATH, ~/.local/bin ou TEMPORAL_CLI_PATH)');
  const address = `127.0.0.1:${options.port}`;
  const log: string[] = [];
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();

  // The dev server picks free ports for its internal services itself; on a loaded machine another process
  // may take one first, and it stops at once with a panic (temporalio/cli#543). A new start picks others:
  // up to three tries, each early stop's first lines kept (the cause comes before the stack).
  const start = async () => {
    const causes: string[] = [];
    for (let attempt = 1; ; attempt++) {
      try {
        return await startOnce();
      } catch (error) {
        if (!(error instanceof EarlyExit) || attempt >= 3) throw new Error(`${(error as Error).message}${causes.length ? `\n(earlier tries: ${causes.join(' | ')})` : ''}`);
        causes.push(error.firstLines);
        await sleep(500 * attempt);
      }
    }
  };

  const startOnce = async () => {
    if (child) return;
    // This try's own output, for the cause of an early stop; `log` keeps every run's, for output().
    const own: string[] = [];
    const args = [
      'server',
      'start-dev',
      '--db-filename',
      options.dbFilename,
      '--port',
      String(options.port),
      '--ip',
      '127.0.0.1',
      '--headless',
      '--namespace',
      options.namespace,
      '--log-level',
      'error',
      ...allSearchAttributes.flatMap((key) => ['--search-attribute', `${key.name}=${key.type === 'DATETIME' ? 'Datetime' : key.type === 'KEYWORD_LIST' ? 'KeywordList' : 'Keyword'}`]),
    ];
    const spawned = spawn(executable.path, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    child = spawned;
    exited = new Promise<void>((resolve) => spawned.once('exit', () => resolve()));
    const keep = (chunk: Buffer) => {
      log.push(chunk.toString());
      if (log.length > 200) log.splice(0, log.length - 200);
      own.push(chunk.toString());
    };
    spawned.stdout!.on('data', keep);
    spawned.stderr!.on('data', keep);
    spawned.once('exit', () => {
      if (child === spawned) child = null;
    });
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child !== spawned) throw new EarlyExit(own.join(''));
      try {
        const connection = await Connection.connect({ address, connectTimeout: 1_000 });
        try {
          await connection.withDeadline(Date.now() + 2_000, () => connection.workflowService.describeNamespace({ namespace: options.namespace }));
          return;
        } finally {
          await connection.close();
        }
      } catch {
        if (Date.now() > deadline) throw new Error(`temporal server start-dev ne répond pas :\n${log.join('').slice(-2000)}`);
        await sleep(250);
      }
    }
  };

  await start();
  return {
    address,
    get up() {
      return child !== null;
    },
    async stop(signal = 'SIGTERM') {
      const current = child;
      if (!current) return;
      try {
        process.kill(-current.pid!, signal);
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-current.pid!, 'SIGKILL');
        } catch {
          // gone
        }
      }, 15_000);
      await exited;
      clearTimeout(timer);
      child = null;
    },
    start,
    output: () => log.join(''),
  };
}

// ---- Worker and API as child processes ----

export interface ChildRole {
  name: string;
  readonly pid: number | undefined;
  readonly running: boolean;
  /** kill -9 of the whole process group. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL after a while. */
  stop(): Promise<void>;
  start(): Promise<void>;
  output(): string;
}

/**
 * A `node --import tsx <entry>` child in its own process group. `ready` says when it serves: a line
 * on its output (the worker) or a probe (the API).
 */
export function childRole(options: {
  name: string;
  entry: string;
  env: Record<string, string>;
  ready: { line: string } | { probe: () => Promise<boolean> };
  readyTimeoutMs?: number;
  /** Every line of every generation, appended here too (the in-memory log keeps only the tail). */
  logFile?: string;
}): ChildRole {
  const log: string[] = [];
  const file = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : null;
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let generation = 0;
  const keep = (text: string) => {
    file?.write(text);
    log.push(text);
    if (log.length > 400) log.splice(0, log.length - 400);
  };

  const start = async () => {
    if (child) return;
    generation++;
    const spawned = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, options.entry)], {
      cwd: ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child = spawned;
    exited = new Promise<void>((resolve) => spawned.once('exit', () => resolve()));
    let seenReady = false;
    const marker = 'line' in options.ready ? options.ready.line : null;
    spawned.stdout!.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      keep(text);
      if (marker && text.includes(marker)) seenReady = true;
    });
    spawned.stderr!.on('data', (chunk: Buffer) => keep(chunk.toString()));
    spawned.once('exit', (code, signal) => {
      keep(`--- ${options.name} (génération ${generation}) terminé : code ${code}, signal ${signal}\n`);
      if (child === spawned) child = null;
    });
    const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
    for (;;) {
      if (child !== spawned) throw new Error(`${options.name} s’est arrêté au démarrage :\n${log.join('').slice(-3000)}`);
      if (marker ? seenReady : await (options.ready as { probe: () => Promise<boolean> }).probe().catch(() => false)) return;
      if (Date.now() > deadline) throw new Error(`${options.name} pas prêt à temps :\n${log.join('').slice(-3000)}`);
      await sleep(200);
    }
  };

  const signalGroup = (signal: NodeJS.Signals) => {
    if (!child) return false;
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
    return true;
  };

  return {
    name: options.name,
    get pid() {
      return child?.pid;
    },
    get running() {
      return child !== null;
    },
    async kill() {
      if (!signalGroup('SIGKILL')) return;
      await exited;
      child = null;
    },
    async stop() {
      if (!signalGroup('SIGTERM')) return;
      const timer = setTimeout(() => signalGroup('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
      child = null;
    },
    start,
    output: () => log.join(''),
  };
}

export { startMailCatcher, type MailCatcherHandle };
