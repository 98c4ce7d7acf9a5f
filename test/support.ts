// What test files share: an HTTP client that keeps its session cookie, the recorded mails, the
// database and a Temporal client — all pointing at the servers of test/global-setup.ts — and workers
// of a test file's own.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Client } from '@temporalio/client';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../config/env.js';
import type { Payload } from '@temporalio/common';
import { EncryptionCodec, connectTemporal } from '../config/temporal.js';
import type { CaughtMail } from '../scripts/services/mail-catcher.js';

export const apiUrl = () => inject('apiUrl');

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * One request of a browser-less session: sends the session's cookie (`jar.cookie`), keeps the one named
 * `cookieName` the server sets, and reads the body as JSON when it is (else the text).
 */
export async function sessionRequest<T = any>(
  jar: { cookie: string },
  cookieName: string,
  method: string,
  path: string,
  init: { body?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T> & { text: string }> {
  const response = await fetch(`${apiUrl()}${path}`, {
    method,
    headers: { ...(jar.cookie ? { cookie: jar.cookie } : {}), ...init.headers },
    body: init.body,
    redirect: 'manual',
  });
  const setCookie = response.headers.getSetCookie().find((c) => c.startsWith(`${cookieName}=`));
  if (setCookie) jar.cookie = setCookie.split(';')[0]!;
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed as T, text, headers: response.headers };
}

/** One person's browser-less session against the API. */
export class ApiClient {
  private readonly jar = { cookie: '' };

  /** The session cookie (`tremplin.sid=…`), for the tests that send a raw request as this person. */
  get cookie(): string {
    return this.jar.cookie;
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const { text: _text, ...response } = await sessionRequest<T>(this.jar, 'tremplin.sid', method, path, {
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return response;
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body ?? {}, headers);
  }
  put<T = any>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, body ?? {});
  }
  patch<T = any>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body ?? {});
  }

  static async login(email: string, password = inject('demoPassword')): Promise<ApiClient> {
    const client = new ApiClient();
    const response = await client.post('/api/auth/login', { email, password });
    if (response.status !== 200) throw new Error(`login ${email}: ${response.status} ${JSON.stringify(response.body)}`);
    return client;
  }
}

/** Every mail caught so far, or those sent to `to`. */
export async function mails(to?: string): Promise<CaughtMail[]> {
  const response = await fetch(`${inject('mailApiUrl')}/messages${to ? `?to=${encodeURIComponent(to)}` : ''}`);
  return ((await response.json()) as { items: CaughtMail[] }).items;
}

export async function setSmtpRefusing(refusing: boolean): Promise<void> {
  await fetch(`${inject('mailApiUrl')}/refusing/${refusing ? 'on' : 'off'}`, { method: 'POST' });
}

/** Polls until `probe` returns a truthy value (or throws after `timeoutMs`). */
export async function eventually<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

let pool: pg.Pool | undefined;
export async function sql<T extends pg.QueryResultRow = any>(text: string, params: unknown[] = []): Promise<T[]> {
  pool ??= new pg.Pool({ connectionString: inject('databaseUrl'), max: 2 });
  return (await pool.query<T>(text, params)).rows;
}

/**
 * Settings on the harness's services (database, Temporal, task queue, SMTP), with the same defaults
 * (keys, secrets): for a test that starts an API of its own with other limits or timeouts.
 */
export const harnessConfig = (overrides: Record<string, string> = {}): Config =>
  loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: inject('databaseUrl'),
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_NAMESPACE: inject('temporalNamespace'),
    TEMPORAL_TASK_QUEUE: inject('taskQueue'),
    SMTP_URL: inject('smtpUrl'),
    ...overrides,
  });

/** The platform's settings as the harness gave them. */
export const platformConfig = (): Config => harnessConfig({ PUBLIC_URL: inject('apiUrl') });

/** Payloads as the worker reads them: decrypted (those recorded in clear pass through). */
let codec: EncryptionCodec | undefined;
export async function decodePayloads(payloads: Payload[]): Promise<Payload[]> {
  codec ??= new EncryptionCodec(platformConfig().PAYLOAD_ENCRYPTION_KEYS);
  return codec.decode(payloads);
}

let temporal: Client | undefined;
/** Temporal as the API reaches it: payloads encrypted, starts and Updates sealed. */
export async function temporalClient(): Promise<Client> {
  temporal ??= await connectTemporal(platformConfig(), inject('temporalAddress'));
  return temporal;
}

export interface SpawnedWorker {
  child: ChildProcess;
  /** What it printed, stdout and stderr. */
  output: string[];
  exited: Promise<void>;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;
const killGroup = (child: ChildProcess) => {
  if (!running(child)) return;
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
};

/**
 * `npm run worker` (scripts/worker.ts, as in production) on a task queue and an SMTP server of the
 * caller's, in a process group of its own (a kill reaches tsx's child too); it does not outlive this
 * test process.
 */
export function spawnWorker(taskQueue: string, smtpUrl: string, env: Record<string, string> = {}): SpawnedWorker {
  const child = spawn(`${ROOT}node_modules/.bin/tsx`, ['scripts/worker.ts'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: inject('databaseUrl'),
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_NAMESPACE: inject('temporalNamespace'),
      TEMPORAL_TASK_QUEUE: taskQueue,
      SMTP_URL: smtpUrl,
      PUBLIC_URL: inject('apiUrl'),
      LOG_LEVEL: 'warn',
      ...env,
    },
  });
  const output: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.once('exit', () => killGroup(child));
  return { child, output, exited };
}

/** SIGKILL to a spawned worker's process group; resolves once it has exited. */
export async function killWorker(worker: SpawnedWorker): Promise<void> {
  if (!running(worker.child)) return;
  killGroup(worker.child);
  await worker.exited;
}

export const DEMO = {
  admin: 'admin@demo.test',
  missionOfficer: 'mission@demo.test',
  referent: 'referent@demo.test',
  recruiter: 'recruiter@demo.test',
  candidate: 'candidate@demo.test',
} as const;
