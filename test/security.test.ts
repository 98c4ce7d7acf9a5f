// Security hygiene of PRODUCT.md and of the "proof under intruders" issue: headers (CSP that still lets
// the Jitsi iframe in), session cookie flags and rotation, progressive lockout that says nothing about
// which accounts exist, the password rule; the HTTP server of a platform started here as `npm run api`
// starts it (scripts/services/platform.ts), with short timeouts: it listens on 127.0.0.1 only by
// default, and cuts a request whose headers or body trickle in, and an idle kept-alive connection, on
// time; the web app is served without source maps.
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../config/env.js';
import { createLogger } from '../config/logger.js';
import { startPlatform, type Platform } from '../scripts/services/platform.js';
import { registration } from './drivers.js';
import { createUser } from './fixtures.js';
import { ApiClient, apiUrl, DEMO, harnessConfig } from './support.js';

describe('security headers', () => {
  it('sends a content security policy that allows the Jitsi deployment and nothing else outside', async () => {
    const response = await fetch(`${apiUrl()}/`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self' https:\/\/meet\.jit\.si/);
    expect(csp).toMatch(/frame-src https:\/\/meet\.jit\.si/);
    expect(csp).toContain("object-src 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
    const api = await fetch(`${apiUrl()}/api/health`);
    expect(api.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});

describe('session cookie', () => {
  it('is HttpOnly and SameSite, and a new one is issued at login', async () => {
    const before = await fetch(`${apiUrl()}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'nobody@demo.test', password: 'x' }),
    });
    expect(before.headers.getSetCookie()).toEqual([]); // no session for an anonymous failure
    const login = await fetch(`${apiUrl()}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: DEMO.candidate, password: inject('demoPassword') }),
    });
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith('tremplin.sid='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const first = cookie.split(';')[0]!;
    const again = await fetch(`${apiUrl()}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: first },
      body: JSON.stringify({ email: DEMO.candidate, password: inject('demoPassword') }),
    });
    const rotated = again.headers.getSetCookie().find((c) => c.startsWith('tremplin.sid='))!.split(';')[0];
    expect(rotated).not.toBe(first);
    // The old session id is worth nothing after the new login.
    expect((await fetch(`${apiUrl()}/api/me`, { headers: { cookie: first } })).status).toBe(401);
  });
});

describe('progressive lockout', () => {
  async function attempt(email: string, password = 'Pas-le-bon-2026!') {
    return new ApiClient().post('/api/auth/login', { email, password });
  }

  it('locks an address after 5 failures, the same way whether the account exists or not', async () => {
    const person = await createUser('CANDIDATE');
    const unknown = `inconnu-${randomUUID().slice(0, 8)}@test.local`;
    for (const email of [person.email, unknown]) {
      for (let i = 0; i < 5; i++) expect((await attempt(email)).status, `${email} failure ${i + 1}`).toBe(401);
      const sixth = await attempt(email);
      expect(sixth.status).toBe(401); // the sixth failure is counted, and locks
      const locked = await attempt(email);
      expect(locked.status).toBe(429);
      expect(locked.body.error.code).toBe('RATE_LIMITED');
      expect(locked.body.error.message).toMatch(/réessayez dans 1 minute/);
    }
    // Even the right password waits out the lock.
    const right = await new ApiClient().post('/api/auth/login', { email: person.email, password: inject('demoPassword') });
    expect(right.status).toBe(429);
    const [a, b] = await Promise.all([attempt(person.email), attempt(unknown)]);
    expect(a.body).toEqual(b.body);
  });

  it('clears the count after a successful sign-in', async () => {
    const person = await createUser('CANDIDATE');
    for (let i = 0; i < 4; i++) await attempt(person.email);
    await person.client();
    for (let i = 0; i < 5; i++) expect((await attempt(person.email)).status).toBe(401);
  });
});

describe('password rule', () => {
  it('refuses a weak new password with the reason', async () => {
    const person = await createUser('CANDIDATE');
    const client = await person.client();
    const weak = await client.post('/api/auth/change-password', { currentPassword: inject('demoPassword'), newPassword: 'motdepasse12' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.message).toMatch(/majuscule|caractère spécial|chiffre/);
  });
});

describe('names at input', () => {
  const BAD: Array<[string, string]> = [
    ['</script><script>alert(1)</script>', '« < »'],
    ['Dupont" ;ROLE=CHAIR', '« " »'],
    ['Ligne\r\nCassée', 'U+000D'],
    ['Jean;Paul', '« ; »'],
    ['Nom: Prénom', '« : »'],
  ];

  it('refuses markup, quotes, separators and line breaks in a name on every route that sets one, naming the field and the character', async () => {
    const referent = await ApiClient.login(DEMO.referent);
    const recruiter = await ApiClient.login(DEMO.recruiter);
    for (const [name, shown] of BAD) {
      const routes: Array<[string, () => Promise<{ status: number; body: any }>, string]> = [
        ['POST /api/auth/register-recruiter', () => new ApiClient().post('/api/auth/register-recruiter', registration({ user: { firstName: name } })), 'user.firstName'],
        ['POST /api/company/colleagues', () => recruiter.post('/api/company/colleagues', { firstName: 'Inès', lastName: name, email: `collegue-${randomUUID().slice(0, 8)}@test.local` }), 'lastName'],
        ['POST /api/referent/candidates', () => referent.post('/api/referent/candidates', { firstName: name, lastName: 'Test', email: `nom-${randomUUID().slice(0, 8)}@test.local`, rqth: true }), 'firstName'],
      ];
      for (const [route, send, field] of routes) {
        const answer = await send();
        expect(answer.status, `${route} ${JSON.stringify(name)}: ${JSON.stringify(answer.body)}`).toBe(400);
        expect(answer.body.error.message).toContain(`${field} : caractère refusé : ${shown} — un nom s’écrit avec des lettres`);
      }
    }
    // What names are made of goes through.
    const fine = await referent.post('/api/referent/candidates', { firstName: 'Marie-Hélène', lastName: "N’Diaye-O'Brien Jr.", email: `nom-${randomUUID().slice(0, 8)}@test.local`, rqth: true });
    expect(fine.status, JSON.stringify(fine.body)).toBe(201);
    expect(fine.body).toMatchObject({ firstName: 'Marie-Hélène', lastName: "N’Diaye-O'Brien Jr." });
  });
});

// ---------------------------------------------------------------------------------------------------
// The HTTP server

/** Small values, so that a test waits seconds: what production sets is in the README. */
const TIMEOUTS = { HTTP_REQUEST_TIMEOUT: '3s', HTTP_HEADERS_TIMEOUT: '1s', HTTP_KEEP_ALIVE_TIMEOUT: '1s' };
let platform: Platform | undefined;
let port = 0;

beforeAll(async () => {
  // As `npm run api` starts it, HOST left unset: the configuration's default.
  const config = harnessConfig({ LOG_LEVEL: 'silent', HOST: '', ...TIMEOUTS });
  platform = await startPlatform({
    config,
    logger: createLogger('silent'),
    databaseUrl: inject('databaseUrl'),
    temporalAddress: inject('temporalAddress'),
    smtpUrl: inject('smtpUrl'),
    runWorker: false,
    runHttp: true,
    seedDemo: false,
  });
  port = Number(new URL(platform.httpUrl!).port);
}, 120_000);

afterAll(async () => {
  await platform?.stop();
});

/** Whether a TCP connection to host:port is accepted. */
function reachable(host: string, to: number): Promise<boolean | string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port: to, timeout: 3_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED' ? false : (error.code ?? String(error))));
  });
}

/**
 * Sends `head`, then `trickle` a byte every `everyMs`, on a raw connection; resolves when the server
 * closes it (or after `giveUpMs`), with when, and what it answered.
 */
function trickle(head: string, trickled: string, everyMs: number, giveUpMs: number): Promise<{ closedAfterMs: number | null; answer: string }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect({ host: '127.0.0.1', port });
    let answer = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    const done = (closedAfterMs: number | null) => {
      clearInterval(timer);
      clearTimeout(giveUp);
      socket.destroy();
      resolve({ closedAfterMs, answer });
    };
    const giveUp = setTimeout(() => done(null), giveUpMs);
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('close', () => done(Date.now() - started));
    socket.on('error', () => undefined);
    socket.once('connect', () => {
      socket.write(head);
      timer = setInterval(() => {
        if (sent < trickled.length && socket.writable) socket.write(trickled[sent++]!);
      }, everyMs);
    });
  });
}

describe('the HTTP server', () => {
  it('listens on 127.0.0.1 by default, not on the machine’s other addresses; HOST opens it, with a secret of its own', async () => {
    expect(loadConfig({}).HOST).toBe('127.0.0.1');
    expect(await reachable('127.0.0.1', port)).toBe(true);
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal && !a.address.startsWith('fe80:'))
      .map((a) => a!.address);
    for (const address of others) expect(await reachable(address, port), `${address}:${port}`).toBe(false);
    console.info(`listening on 127.0.0.1:${port}; refused on ${others.join(', ') || '(no other address on this machine)'}`);
    // Open to other machines only with a secret of its own: the development one is public.
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/SESSION_SECRET .*obligatoire quand HOST/);
    expect(loadConfig({ HOST: '0.0.0.0', SESSION_SECRET: 'un-secret-de-production-assez-long-pour-passer' }).HOST).toBe('0.0.0.0');
  });

  it('cuts a body sent a byte at a time once HTTP_REQUEST_TIMEOUT is up (408), not minutes later', { timeout: 30_000 }, async () => {
    const body = JSON.stringify({ email: 'lent@test.local', password: 'x'.repeat(200) });
    const head = `POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const { closedAfterMs, answer } = await trickle(head, body, 100, 15_000);
    // 3 s, checked every 250 ms (a quarter of the headers' time): cut between 3 and 3.25 s, with slack for a busy machine.
    expect(closedAfterMs, `still open after 15 s: ${answer}`).not.toBeNull();
    expect(closedAfterMs!).toBeGreaterThanOrEqual(2_900);
    expect(closedAfterMs!).toBeLessThan(6_000);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('cuts headers sent a byte at a time once HTTP_HEADERS_TIMEOUT is up', { timeout: 30_000 }, async () => {
    const head = `GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Lent: ${'a'.repeat(200)}\r\n\r\n`;
    const { closedAfterMs, answer } = await trickle('G', head.slice(1), 100, 15_000);
    expect(closedAfterMs, `still open after 15 s: ${answer}`).not.toBeNull();
    expect(closedAfterMs!).toBeGreaterThanOrEqual(900);
    expect(closedAfterMs!).toBeLessThan(4_000);
  });

  it('closes an idle kept-alive connection once HTTP_KEEP_ALIVE_TIMEOUT is up', { timeout: 30_000 }, async () => {
    const { closedAfterMs, answer } = await trickle(`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`, '', 1_000, 15_000);
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(closedAfterMs, 'still open after 15 s').not.toBeNull();
    expect(closedAfterMs!).toBeLessThan(4_000);
  });
});

describe('the web app as served', () => {
  it('has no source map: no .map reachable, no sourceMappingURL in its JavaScript', async () => {
    const dist = path.resolve('web/dist');
    expect(existsSync(path.join(dist, 'index.html')), 'web/dist: run npm run build:web first').toBe(true);
    const files = readdirSync(path.join(dist, 'assets'));
    const scripts = files.filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    const page = await (await fetch(`${apiUrl()}/`)).text();
    const fromPage = [...page.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    expect(fromPage.length).toBeGreaterThan(0);
    for (const url of [...new Set([...fromPage, ...scripts.map((f) => `/assets/${f}`)])]) {
      const response = await fetch(`${apiUrl()}${url}`);
      expect(response.status, url).toBe(200);
      const text = await response.text();
      expect(text, url).not.toMatch(/sourceMappingURL/);
      expect(response.headers.get('sourcemap') ?? response.headers.get('x-sourcemap'), url).toBeNull();
      // Neither the map next to it, nor any other .map, whether or not a build left one on disk.
      const map = await fetch(`${apiUrl()}${url}.map`);
      expect(map.status, `${url}.map`).toBe(404);
    }
    for (const file of files.filter((f) => f.endsWith('.map'))) expect((await fetch(`${apiUrl()}/assets/${file}`)).status, file).toBe(404);
    expect((await fetch(`${apiUrl()}/index.js.map`)).status).toBe(404);
  });
});
