// `npm start` as a newcomer runs it: embedded PostgreSQL, Temporal dev server with its UI, mail
// catcher, worker and HTTP server, demo accounts; Ctrl-C stops it all; a restart keeps the data.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../scripts/services/process.js';

interface Started {
  child: ChildProcess;
  output: () => string;
}

function startPlatform(env: NodeJS.ProcessEnv): Started {
  // What `npm start` runs, minus the web build (the test command built it already).
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return { child, output: () => output };
}

async function waitForStart(started: Started, timeoutMs = 150_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!started.output().includes('Tremplin est démarré')) {
    if (started.child.exitCode !== null) throw new Error(`start exited ${started.child.exitCode}:\n${started.output().slice(-3000)}`);
    if (Date.now() > deadline) throw new Error(`start timed out:\n${started.output().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function stop(started: Started): Promise<number | null> {
  if (started.child.exitCode !== null) return started.child.exitCode;
  const exited = new Promise<number | null>((resolve) => started.child.once('exit', (code) => resolve(code)));
  started.child.kill('SIGINT');
  return exited;
}

describe('npm start', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let ports: Record<string, number>;
  const running: Started[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tremplin-start-'));
    await chmod(dataDir, 0o755); // as root, PostgreSQL runs as the `postgres` user, who must reach it
    ports = {
      PORT: await freePort(),
      TEMPORAL_DEV_PORT: await freePort(),
      TEMPORAL_UI_PORT: await freePort(),
      SMTP_DEV_PORT: await freePort(),
      MAIL_UI_PORT: await freePort(),
      POSTGRES_DEV_PORT: await freePort(),
    };
    const { DATABASE_URL: _db, TEMPORAL_ADDRESS: _t, SMTP_URL: _s, ...inherited } = process.env;
    env = { ...inherited, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])) };
  });

  afterAll(async () => {
    for (const started of running) await stop(started);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts everything embedded, stops on Ctrl-C, and keeps the data across a restart', async () => {
    const base = `http://localhost:${ports.PORT}`;
    const first = startPlatform(env);
    running.push(first);
    await waitForStart(first);
    expect(first.output()).toContain(`${base}/admin`);
    expect(first.output()).toContain(`http://localhost:${ports.TEMPORAL_UI_PORT}`);

    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ database: { status: 'up' }, temporal: { status: 'up' } });
    expect((await fetch(`${base}/admin/login`)).status).toBe(200);
    expect((await fetch(`http://localhost:${ports.TEMPORAL_UI_PORT}/`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${ports.MAIL_UI_PORT}/`)).status).toBe(200);

    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'candidate@demo.test', password: 'Demo-Tremplin-2026!' }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith('tremplin.sid='))!.split(';')[0]!;

    // An application created before the restart must survive it, in the database and in Temporal.
    const offerId = await demoOfferId(ports.POSTGRES_DEV_PORT!);
    const created = await fetch(`${base}/api/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ offerId, message: 'Bonjour', screeningAnswer: 'Un écran adapté.' }),
    });
    expect(created.status).toBe(201);
    const application = (await created.json()) as { id: string; workflowId: string };

    await stopsCleanly(first, ports);

    const second = startPlatform(env);
    running.push(second);
    await waitForStart(second);
    expect(second.output()).not.toContain('demo data created');
    const relogin = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'candidate@demo.test', password: 'Demo-Tremplin-2026!' }),
    });
    const cookie2 = relogin.headers.getSetCookie().find((c) => c.startsWith('tremplin.sid='))!.split(';')[0]!;
    const again = await fetch(`${base}/api/applications/${application.id}`, { headers: { cookie: cookie2 } });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: 'PENDING_REFERENT_VALIDATION' });
    const connection = await Connection.connect({ address: `127.0.0.1:${ports.TEMPORAL_DEV_PORT}` });
    try {
      const description = await new Client({ connection }).workflow.getHandle(application.workflowId).describe();
      expect(description.status.name).toBe('RUNNING');
    } finally {
      await connection.close();
    }
    await stopsCleanly(second, ports);
  }, 300_000);

  it('stops with one clear line naming a malformed variable', async () => {
    const bad = startPlatform({ ...env, PORT: 'abc' });
    const code = await new Promise<number | null>((resolve) => bad.child.once('exit', resolve));
    expect(code).toBe(1);
    const lines = bad.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Configuration invalide : PORT \("abc"\)/);
  });
});

const isListening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = new Socket();
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.connect(port, '127.0.0.1');
  });

/** Ctrl-C ends the process with 0 after an ordered shutdown, and leaves no server behind. */
async function stopsCleanly(started: Started, ports: Record<string, number>): Promise<void> {
  expect(await stop(started)).toBe(0);
  for (const [name, port] of Object.entries(ports)) expect(await isListening(port), `${name} still listening`).toBe(false);
}

/** The demo offer, read through the embedded database the child process started. */
async function demoOfferId(postgresPort: number): Promise<string> {
  const client = new pg.Client({ connectionString: `postgres://postgres:tremplin@127.0.0.1:${postgresPort}/tremplin` });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT id FROM offers WHERE status = 'PUBLISHED' LIMIT 1`);
    return rows[0].id;
  } finally {
    await client.end();
  }
}
