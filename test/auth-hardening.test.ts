// Issue #13, items 3 and 4, on the real platform: sign-up answers the same whether the address has an
// account or not (its owner is told by mail; every attempt counts in the limit per IP), and signing in
// is throttled per address *and* source, so whoever guesses from one place cannot lock the owner out
// of their other places or of a device they signed in from before (admins included); lockouts are
// logged without the password and listed in the back office, for admins only.
//
// The source of a request is its X-Forwarded-For: the platform trusts it from a proxy on the loopback
// only (api/app.ts, `trust proxy`), which is where these tests connect from.
import { randomInt, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../api/app.js';
import { createSessionPool } from '../api/session.js';
import { createDatabase } from '../models/index.js';
import { listen } from '../scripts/services/process.js';
import { AdminSession } from './admin-support.js';
import { PASSWORD, mailsTo, registration, uniqueEmail } from './drivers.js';
import { createCompany, createUser, validSiren } from './fixtures.js';
import { ApiClient, DEMO, apiUrl, eventually, harnessConfig, sql, temporalClient } from './support.js';

/** An address of the documentation ranges nobody else in the run uses. */
const newIp = () => `198.18.${randomInt(256)}.${randomInt(1, 255)}`;

interface Attempt {
  status: number;
  body: any;
  /** The known-device cookie the answer set (`tremplin.device=…`), if any. */
  device?: string;
  retryAfter: string | null;
}

async function signIn(email: string, password: string, from: { ip: string; device?: string }, base = apiUrl()): Promise<Attempt> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from.ip, ...(from.device ? { cookie: from.device } : {}) },
    body: JSON.stringify({ email, password }),
  });
  const device = response.headers.getSetCookie().find((c) => c.startsWith('tremplin.device='))?.split(';')[0];
  return { status: response.status, body: await response.json(), device, retryAfter: response.headers.get('retry-after') };
}

const WRONG = 'Pas-le-bon-2026!';
const hourOf = (at: Date) => at.toISOString().slice(0, 13);

async function signUp(body: ReturnType<typeof registration>, ip = newIp(), base = apiUrl()) {
  const response = await fetch(`${base}/api/auth/register-recruiter`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/** A sign-up answer with its address and ids taken out: what must not differ between addresses. */
const shapeOf = (body: Record<string, unknown>, email: string) => ({
  ...body,
  companyId: typeof body.companyId,
  userId: typeof body.userId,
  membershipId: typeof body.membershipId,
  message: String(body.message).replaceAll(email, '<adresse>'),
});

// ---------------------------------------------------------------------------------------------------
// An API server of this file's own, on the harness's database and Temporal, with a low sign-up limit
// and a log this file reads (the harness's server allows every test file's sign-ups from one address).

const logLines: Array<Record<string, any>> = [];
let own: { url: string; stop(): Promise<void> };

beforeAll(async () => {
  const config = harnessConfig({ SIGNUPS_PER_ADDRESS: '3' });
  const logger = pino(
    { level: 'warn' },
    new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
        done();
      },
    }),
  );
  const sequelize = createDatabase(inject('databaseUrl'));
  const sessionPool = createSessionPool(inject('databaseUrl'));
  const server = await listen(createApp({ config, sequelize, temporal: await temporalClient(), logger, sessionPool, webDir: '/nonexistent' }), 0);
  own = {
    url: `http://localhost:${server.port}`,
    stop: async () => {
      await server.close();
      await sessionPool.end();
      await sequelize.close();
    },
  };
});

afterAll(async () => {
  await own?.stop();
});

// ---------------------------------------------------------------------------------------------------

describe('sign-up says nothing about which addresses have an account', () => {
  it('answers a candidate’s, a recruiter’s and a new address alike; only the owner is told, by mail; nothing is written', async () => {
    const candidate = await createUser('CANDIDATE');
    const recruiter = await createUser('RECRUITER', { companyId: (await createCompany()).id });
    const fresh = uniqueEmail('nouvelle');
    const startedAt = new Date();
    const answers = new Map<string, Awaited<ReturnType<typeof signUp>>>();
    for (const email of [candidate.email, recruiter.email, fresh]) answers.set(email, await signUp(registration({ user: { email } })));
    for (const [email, answer] of answers) {
      expect(answer.status, `${email}: ${JSON.stringify(answer.body)}`).toBe(202);
      expect(answer.body.companyId).toMatch(/^[0-9a-f-]{36}$/);
      expect(answer.body.userId).toMatch(/^[0-9a-f-]{36}$/);
      expect(answer.body.message).toMatch(/Si l’adresse .+ peut être utilisée, un e-mail de confirmation vous y attend/);
    }
    const shapes = [...answers].map(([email, answer]) => shapeOf(answer.body, email));
    expect(shapes[1]).toEqual(shapes[0]);
    expect(shapes[2]).toEqual(shapes[0]);

    // Nothing was written for the addresses already taken: no second account, no company, no membership.
    for (const person of [candidate, recruiter]) {
      const body = answers.get(person.email)!.body;
      expect(await sql(`SELECT id, role FROM users WHERE email = $1`, [person.email])).toEqual([{ id: person.id, role: person === candidate ? 'CANDIDATE' : 'RECRUITER' }]);
      expect(await sql(`SELECT 1 FROM users WHERE id = $1`, [body.userId])).toHaveLength(0);
      expect(await sql(`SELECT 1 FROM companies WHERE id = $1`, [body.companyId])).toHaveLength(0);
      expect(await sql(`SELECT 1 FROM company_memberships WHERE user_id = $1`, [person.id])).toHaveLength(0);
    }
    expect(await sql(`SELECT role FROM users WHERE email = $1`, [fresh])).toEqual([{ role: 'RECRUITER' }]);

    // The mails say what happened: a confirmation link to the new address, a notice to each owner.
    await eventually(async () => (await mailsTo(fresh, /confirmez votre adresse e-mail/i)).length === 1, 30_000, 'confirmation mail');
    for (const person of [candidate, recruiter]) {
      const [notice] = await eventually(async () => {
        const found = await mailsTo(person.email, /^Tentative d’inscription avec votre adresse e-mail$/);
        return found.length ? found : null;
      }, 30_000, `notice to ${person.email}`);
      expect(notice!.text).toContain('Vous avez déjà un compte avec cette adresse : aucun nouveau compte n’a été créé');
      expect(notice!.text).toContain(`Se connecter à Tremplin : ${inject('apiUrl')}/connexion`);
      expect(notice!.text).toMatch(/Mot de passe oublié/);
      expect(await mailsTo(person.email, /confirmez votre adresse e-mail/i)).toHaveLength(0);
    }

    // A second attempt within the hour: the same answer, and no second mail to the owner.
    const again = await signUp(registration({ user: { email: candidate.email } }));
    expect(again.status).toBe(202);
    expect(shapeOf(again.body, candidate.email)).toEqual(shapes[0]);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const hourChanged = hourOf(startedAt) !== hourOf(new Date());
    expect(await mailsTo(candidate.email, /^Tentative d’inscription/)).toHaveLength(hourChanged ? 2 : 1);
  });

  it('does not let the chosen password tell either: signing in with it fails alike until the address is confirmed', async () => {
    const taken = await createUser('CANDIDATE');
    const fresh = uniqueEmail('oracle');
    for (const email of [taken.email, fresh]) expect((await signUp(registration({ user: { email, password: PASSWORD } }))).status).toBe(202);
    const ip = newIp();
    const [onTaken, onFresh] = [await signIn(taken.email, PASSWORD, { ip }), await signIn(fresh, PASSWORD, { ip })];
    expect(onFresh.status).toBe(401);
    expect(onFresh.body).toEqual(onTaken.body);
    expect(onFresh.body.error.message).toMatch(/^E-mail ou mot de passe incorrect\. Si vous venez de vous inscrire, confirmez d’abord votre adresse/);
  });

  it('refuses a SIREN under verification the same way, whoever’s the address', async () => {
    const siren = validSiren();
    expect((await signUp(registration({ company: { siren } }))).status).toBe(202);
    const taken = await signUp(registration({ company: { siren }, user: { email: DEMO.candidate } }));
    const fresh = await signUp(registration({ company: { siren } }));
    expect(taken.status).toBe(409);
    expect(taken.body).toEqual(fresh.body);
    expect(taken.body.error.message).toMatch(/déjà en cours de vérification/);
  });

  it('counts every attempt from a source, whatever the address and the outcome: the 4th of 3 allowed answers 429', async () => {
    const ip = newIp();
    const attempts = [
      await signUp(registration({ user: { email: DEMO.recruiter } }), ip, own.url),
      await signUp(registration({ user: { email: uniqueEmail('limite') } }), ip, own.url),
      await signUp(registration({ company: { siren: '123456789' } }), ip, own.url),
    ];
    expect(attempts.map((a) => a.status)).toEqual([202, 202, 400]);
    for (const email of [DEMO.candidate, uniqueEmail('limite')]) {
      const limited = await signUp(registration({ user: { email } }), ip, own.url);
      expect(limited.status).toBe(429);
      expect(limited.body.error).toEqual({ code: 'RATE_LIMITED', message: 'Trop d’inscriptions depuis votre connexion : réessayez dans quelques minutes.' });
    }
    // Another source is not held back by this one.
    expect((await signUp(registration(), newIp(), own.url)).status).toBe(202);
  });
});

describe('sign-in throttling per address and source', () => {
  it('locks the guessing source only: the owner signs in from elsewhere, and from a known device even at the attacked source', async () => {
    for (const role of ['CANDIDATE', 'ADMIN'] as const) {
      const owner = await createUser(role);
      const home = newIp();
      const attacker = newIp();
      const known = await signIn(owner.email, inject('demoPassword'), { ip: home });
      expect(known.status).toBe(200);
      expect(known.device).toMatch(/^tremplin\.device=[A-Za-z0-9_-]{43}$/);

      for (let i = 1; i <= 6; i++) expect((await signIn(owner.email, WRONG, { ip: attacker })).status, `${role}: failure ${i}`).toBe(401);
      const locked = await signIn(owner.email, WRONG, { ip: attacker });
      expect(locked.status).toBe(429);
      expect(locked.body.error.code).toBe('RATE_LIMITED');
      expect(locked.body.error.message).toMatch(/réessayez dans 1 minute/);
      expect(Number(locked.retryAfter)).toBeGreaterThan(0);
      // The attacking source, even with the right password: 429.
      expect((await signIn(owner.email, inject('demoPassword'), { ip: attacker })).status).toBe(429);

      // The owner, from another place (no cookie at all) and from their known device at the attacked source.
      expect((await signIn(owner.email, inject('demoPassword'), { ip: newIp() })).status).toBe(200);
      expect((await signIn(owner.email, inject('demoPassword'), { ip: attacker, device: known.device })).status).toBe(200);
      // Which clears nothing of the attacker's lock.
      expect((await signIn(owner.email, WRONG, { ip: attacker })).status).toBe(429);
      // A device cookie of another account, or made up, is no known device.
      expect((await signIn(owner.email, inject('demoPassword'), { ip: attacker, device: `tremplin.device=${'A'.repeat(43)}` })).status).toBe(429);
      const garbage = await signIn(owner.email, inject('demoPassword'), { ip: newIp(), device: 'tremplin.device=<script>' });
      expect(garbage.status).toBe(200);
    }
  });

  it('takes right and wrong passwords sent at the same instant from one source: never a 5xx, each counted or refunded', async () => {
    // A right password refunds (deletes) the source's row while wrong ones charge it: the two raced
    // into a 500 (« the row just ensured is missing ») in the authorization matrix's run.
    for (let round = 0; round < 5; round++) {
      const owner = await createUser('CANDIDATE');
      const ip = newIp();
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) => signIn(owner.email, i % 2 ? WRONG : inject('demoPassword'), { ip })),
      );
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((status) => status >= 500), statuses.join(' ')).toEqual([]);
      expect(statuses.every((status) => [200, 401, 429].includes(status)), statuses.join(' ')).toBe(true);
      expect(statuses.filter((status) => status === 200).length).toBeGreaterThan(0);
    }
  });

  it('locks an unknown address the same way, step by step', async () => {
    const person = await createUser('CANDIDATE');
    const unknown = `inconnu-${randomUUID().slice(0, 8)}@test.local`;
    const ip = newIp();
    for (let i = 1; i <= 7; i++) {
      const [a, b] = [await signIn(person.email, WRONG, { ip }), await signIn(unknown, WRONG, { ip })];
      expect([a.status, a.body], `attempt ${i}`).toEqual([b.status, b.body]);
      expect(a.status).toBe(i <= 6 ? 401 : 429);
    }
  });

  it('makes a known device wait seconds, not minutes, after its own failures', async () => {
    const owner = await createUser('REFERENT');
    const ip = newIp();
    const { device } = await signIn(owner.email, inject('demoPassword'), { ip });
    for (let i = 1; i <= 6; i++) expect((await signIn(owner.email, WRONG, { ip, device })).status).toBe(401);
    const waiting = await signIn(owner.email, inject('demoPassword'), { ip, device });
    expect(waiting.status).toBe(429);
    expect(waiting.body.error.message).toMatch(/^Trop de tentatives de connexion : réessayez dans [12] secondes?\.$/);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await signIn(owner.email, inject('demoPassword'), { ip, device })).status).toBe(200);
    // The device's failures never touched its IP: without the cookie, the same place signs in too.
    expect((await signIn(owner.email, inject('demoPassword'), { ip })).status).toBe(200);
  });

  it('under attack from many places, gives each new place one free failure; the owner still signs in at the first try', async () => {
    const owner = await createUser('CANDIDATE');
    for (let s = 0; s < 4; s++) {
      const ip = newIp();
      for (let i = 0; i < 5; i++) expect((await signIn(owner.email, WRONG, { ip })).status).toBe(401);
    }
    const late = newIp();
    expect((await signIn(owner.email, WRONG, { ip: late })).status).toBe(401);
    expect((await signIn(owner.email, WRONG, { ip: late })).status).toBe(401); // the second failure locks
    expect((await signIn(owner.email, WRONG, { ip: late })).status).toBe(429);
    expect((await signIn(owner.email, inject('demoPassword'), { ip: newIp() })).status).toBe(200);
  });

  it('throttles the back office’s sign-in the same way: 429 for the guessing source, the admin gets in from elsewhere', async () => {
    const owner = await createUser('ADMIN');
    const attacker = newIp();
    const adminLogin = (password: string, ip: string) =>
      fetch(`${apiUrl()}/admin/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
        body: new URLSearchParams({ email: owner.email, password }).toString(),
        redirect: 'manual',
      });
    for (let i = 1; i <= 6; i++) expect((await adminLogin(WRONG, attacker)).status, `failure ${i}`).toBe(400);
    const locked = await adminLogin(inject('demoPassword'), attacker);
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain('Trop de tentatives de connexion pour cette adresse');
    const elsewhere = await adminLogin(inject('demoPassword'), newIp());
    expect(elsewhere.status).toBe(302);
    expect(elsewhere.headers.getSetCookie().some((c) => c.startsWith('tremplin.device='))).toBe(true);
  });

  it('logs each lockout without the password, the address masked', async () => {
    const owner = await createUser('CANDIDATE');
    const ip = newIp();
    for (let i = 0; i < 6; i++) await signIn(owner.email, WRONG, { ip }, own.url);
    const line = await eventually(async () => logLines.find((l) => l.event === 'sign-in lockout' && l.source === ip), 5_000, 'lockout log line');
    expect(line).toMatchObject({ level: 40, sourceKind: 'IP', failures: 6, address: `c***@t***.local` });
    expect(new Date(line.until).getTime()).toBeGreaterThan(Date.now());
    expect(JSON.stringify(line)).not.toContain(WRONG);
    expect(JSON.stringify(line)).not.toContain(owner.email);
  });
});

describe('lockouts in the back office', () => {
  it('lists current lockouts to admins (address, source, count, until), read-only; nobody else gets in', async () => {
    const owner = await createUser('RECRUITER', { companyId: (await createCompany()).id });
    const ip = newIp();
    for (let i = 0; i < 6; i++) await signIn(owner.email, WRONG, { ip });
    const admin = await AdminSession.as(DEMO.admin);
    const list = await admin.get(`/admin/api/resources/sign_in_lockouts/actions/list?filters.email=${encodeURIComponent(owner.email)}`);
    expect(list.status).toBe(200);
    expect(list.body.records).toHaveLength(1);
    const { params, recordActions } = list.body.records[0];
    expect(params).toMatchObject({ email: owner.email, sourceKind: 'IP', source: ip, failures: 6, active: true, lockouts: 1 });
    expect(new Date(params.lockedUntil).getTime()).toBeGreaterThan(Date.now());
    expect((recordActions as Array<{ name: string }>).map((a) => a.name)).not.toEqual(expect.arrayContaining(['edit']));
    expect((recordActions as Array<{ name: string }>).map((a) => a.name)).not.toEqual(expect.arrayContaining(['delete']));
    await admin.post(`/admin/api/resources/sign_in_lockouts/records/${params.id}/delete`);
    await admin.post(`/admin/api/resources/sign_in_lockouts/records/${params.id}/edit`, { lockedUntil: '' });
    const shown = await admin.show('sign_in_lockouts', params.id);
    expect(shown.status).toBe(200);
    expect(shown.body.record.params).toMatchObject({ email: owner.email, active: true, lockedUntil: params.lockedUntil });

    // Everybody else: no back-office session, whatever they hold (the matrix checks every role too).
    for (const email of [DEMO.recruiter, DEMO.referent, DEMO.missionOfficer, DEMO.candidate]) {
      const session = new AdminSession();
      expect((await session.login(email, inject('demoPassword'))).status, email).toBe(400);
      const refused = await session.get('/admin/api/resources/sign_in_lockouts/actions/list');
      expect(refused.status, email).toBe(302);
      expect(refused.headers.get('location')).toBe('/admin/login');
      const api = await ApiClient.login(email);
      const withApiSession = await fetch(`${apiUrl()}/admin/api/resources/sign_in_lockouts/actions/list`, { headers: { cookie: api.cookie }, redirect: 'manual' });
      expect(withApiSession.status, email).toBe(302);
    }
  });
});
