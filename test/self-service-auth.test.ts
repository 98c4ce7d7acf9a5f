// Issue #15, items 1 and 2, through the API on the real platform: sign-up needs the terms accepted (their
// version and time kept on the account), the sign-up form's company lookup, and the password reset —
// the link from the mail actually received, single use, expiring, the same answer for every address,
// throttled per client address and per e-mail address, and sent by a référent to their own candidates.
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../api/app.js';
import { createSessionPool } from '../api/session.js';
import { createDatabase } from '../models/index.js';
import { listen } from '../scripts/services/process.js';
import { TERMS_VERSION } from '../workflows/account-rules.js';
import { mailsTo, register, registration, resetLinksTo, tokenOf, uniqueEmail } from './drivers.js';
import { createCompany, createUser, validSiren } from './fixtures.js';
import { ApiClient, eventually, harnessConfig, sql, temporalClient } from './support.js';

const NEW_PASSWORD = 'Nouveau-Depart-2027!';
const newIp = () => `198.19.${randomInt(256)}.${randomInt(1, 255)}`;

async function post(path: string, body: unknown, headers: Record<string, string> = {}, base = inject('apiUrl')) {
  const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

const askReset = (email: string, headers: Record<string, string> = {}, base?: string) => post('/api/auth/password-reset', { email }, headers, base);
const setPassword = (token: string, password = NEW_PASSWORD) => post('/api/auth/password-reset/confirm', { token, password });
const signIn = (email: string, password: string) => post('/api/auth/login', { email, password }, { 'x-forwarded-for': newIp() });

describe('sign-up: consent to the terms', () => {
  it('is refused without the terms accepted, or with an older version, under the field, and writes nothing', async () => {
    const email = uniqueEmail('sans-consentement');
    const without = await new ApiClient().post('/api/auth/register-recruiter', { ...registration({ user: { email } }), acceptedTermsVersion: undefined });
    expect(without.status).toBe(400);
    expect(without.body.error.details.fields).toEqual([{ field: 'acceptedTermsVersion', message: expect.stringMatching(/J’accepte les conditions d’utilisation/) }]);
    const older = await new ApiClient().post('/api/auth/register-recruiter', { ...registration({ user: { email } }), acceptedTermsVersion: '2020-01' });
    expect(older.status).toBe(400);
    expect(older.body.error.details.fields[0]).toMatchObject({ field: 'acceptedTermsVersion', message: expect.stringMatching(/ont changé/) });
    expect(await sql(`SELECT 1 FROM users WHERE email = $1`, [email])).toHaveLength(0);
  });

  it('keeps the version accepted and when, on the account', async () => {
    const before = Date.now();
    const registered = await register();
    const [user] = await sql(`SELECT terms_version, terms_accepted_at FROM users WHERE id = $1`, [registered.userId]);
    expect(user!.terms_version).toBe(TERMS_VERSION);
    expect(new Date(user!.terms_accepted_at).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(new Date(user!.terms_accepted_at).getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });
});

describe('sign-up: the company lookup', () => {
  it('says whether the SIREN is new, verified (with its name: ask to join) or being verified; refuses a wrong key under the field', async () => {
    const lookup = (number: string) => new ApiClient().get(`/api/auth/company-lookup?number=${encodeURIComponent(number)}`);
    const fresh = validSiren();
    expect((await lookup(fresh)).body).toMatchObject({ siren: fresh, status: 'NEW', name: null });

    const [demo] = await sql(`SELECT siren, name FROM companies WHERE status = 'VERIFIED' ORDER BY created_at LIMIT 1`);
    const known = await lookup(`${demo!.siren.slice(0, 3)} ${demo!.siren.slice(3, 6)} ${demo!.siren.slice(6)}`);
    expect(known.status).toBe(200);
    expect(known.body).toEqual({ siren: demo!.siren, status: 'REGISTERED', name: demo!.name, message: expect.stringMatching(/déjà inscrite.*demandez à la rejoindre/) });
    // A SIRET of one of its establishments finds it too (SIRET = SIREN + 5 digits, Luhn over all 14).
    const siret = siretOf(demo!.siren);
    expect((await lookup(siret)).body.status).toBe('REGISTERED');

    const pending = await register();
    const [{ siren: pendingSiren }] = await sql(`SELECT siren FROM companies WHERE id = $1`, [pending.companyId]);
    expect((await lookup(pendingSiren)).body).toMatchObject({ status: 'PENDING', name: null });

    const wrong = await lookup('123456789');
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.fields[0]).toMatchObject({ field: 'number', message: expect.stringMatching(/clé de contrôle/) });
  });

  it('a request to join a verified company needs no company details; a new company needs them, each named', async () => {
    const [demo] = await sql(`SELECT id, siren FROM companies WHERE status = 'VERIFIED' ORDER BY created_at LIMIT 1`);
    const email = uniqueEmail('rejoindre');
    const body = registration({ user: { email } });
    const join = await new ApiClient().post('/api/auth/register-recruiter', { ...body, company: { siren: demo!.siren } });
    expect(join.status, JSON.stringify(join.body)).toBe(202);
    expect(await sql(`SELECT kind, company_id FROM company_memberships WHERE user_id = $1`, [join.body.userId])).toEqual([{ kind: 'MEMBER', company_id: demo!.id }]);

    const bare = await new ApiClient().post('/api/auth/register-recruiter', { ...registration(), company: { siren: validSiren(), name: 'Seulement un nom' } });
    expect(bare.status).toBe(400);
    expect(bare.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(['company.sector', 'company.size', 'company.address', 'company.postalCode', 'company.city']);
  });
});

/** A SIRET (establishment 00012…) of this SIREN whose Luhn key is right. */
function siretOf(siren: string): string {
  for (let n = 10; ; n++) {
    const candidate = `${siren}${String(n).padStart(5, '0')}`;
    const sum = [...candidate].reverse().reduce((total, c, i) => {
      let d = Number(c) * (i % 2 ? 2 : 1);
      if (d > 9) d -= 9;
      return total + d;
    }, 0);
    if (sum % 10 === 0) return candidate;
  }
}

describe('password reset', () => {
  it('end to end through the mail: new password set, the link spent, other links and sessions ended, lockout lifted, a mail says so', async () => {
    const person = await createUser('CANDIDATE');
    const elsewhere = await person.client();
    expect((await elsewhere.get('/api/me')).status).toBe(200);
    // Locked out from somewhere by wrong passwords.
    const attacker = newIp();
    for (let i = 0; i < 7; i++) await post('/api/auth/login', { email: person.email, password: 'Pas-le-bon-2026!' }, { 'x-forwarded-for': attacker });
    expect((await post('/api/auth/login', { email: person.email, password: inject('demoPassword') }, { 'x-forwarded-for': attacker })).status).toBe(429);

    const first = await askReset(person.email);
    expect(first.status).toBe(202);
    expect(first.body.message).toContain(`Si un compte Tremplin utilise l’adresse ${person.email}`);
    expect(first.body.message).toContain('valable 1 heure');
    await askReset(person.email);
    const [older, newer] = await resetLinksTo(person.email, 2);
    expect(newer).toMatch(new RegExp(`^${inject('apiUrl')}/reinitialiser\\?token=`));
    const [mail] = await mailsTo(person.email, /^Réinitialiser votre mot de passe/);
    expect(mail!.text).toMatch(/Lien valable jusqu’au : .+ \(heure de Paris\), une seule fois/);
    // Stored hashed only: the token itself is nowhere in the database, nor in the outbox once sent.
    expect(await sql(`SELECT 1 FROM email_tokens WHERE token_hash = $1`, [tokenOf(newer!)])).toHaveLength(0);
    expect(await sql(`SELECT count(*)::int AS n FROM email_tokens WHERE user_id = $1 AND purpose = 'PASSWORD_RESET' AND used_at IS NULL`, [person.id])).toEqual([{ n: 2 }]);
    await eventually(async () => (await sql(`SELECT 1 FROM email_outbox WHERE to_address = $1 AND text_body LIKE '%' || $2 || '%'`, [person.email, tokenOf(newer!)])).length === 0, 10_000, 'outbox scrubbed');

    const weak = await setPassword(tokenOf(newer!), 'court');
    expect(weak.status).toBe(400);
    expect(weak.body.error.details.fields[0]).toMatchObject({ field: 'password', message: expect.stringMatching(/12 caractères/) });

    const done = await setPassword(tokenOf(newer!));
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect((await signIn(person.email, inject('demoPassword'))).status).toBe(401);
    expect((await signIn(person.email, NEW_PASSWORD)).status).toBe(200);
    // From the attacker's address too: the lockout is lifted.
    expect((await post('/api/auth/login', { email: person.email, password: NEW_PASSWORD }, { 'x-forwarded-for': attacker })).status).toBe(200);
    expect((await elsewhere.get('/api/me')).status).toBe(401);

    const again = await setPassword(tokenOf(newer!), 'Encore-Un-Autre-2027!');
    expect(again.status).toBe(400);
    expect(again.body.error.details).toMatchObject({ token: 'USED', fields: [{ field: 'token', message: expect.stringMatching(/déjà servi/) }] });
    const other = await setPassword(tokenOf(older!), 'Encore-Un-Autre-2027!');
    expect(other.body.error.details.token).toBe('USED');
    expect((await signIn(person.email, NEW_PASSWORD)).status).toBe(200);

    const [changed] = await eventually(async () => {
      const found = await mailsTo(person.email, /^Votre mot de passe a été changé$/);
      return found.length ? found : null;
    }, 30_000, 'password changed mail');
    expect(changed!.text).toContain('Vos autres sessions ouvertes ont été fermées');
    expect(changed!.text).toContain(`${inject('apiUrl')}/mot-de-passe-oublie`);
  });

  it('refuses an expired link and a link nobody was sent, saying which', async () => {
    const person = await createUser('REFERENT');
    await askReset(person.email);
    const [link] = await resetLinksTo(person.email);
    await sql(`UPDATE email_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND purpose = 'PASSWORD_RESET'`, [person.id]);
    const expired = await setPassword(tokenOf(link!));
    expect(expired.status).toBe(400);
    expect(expired.body.error.details).toMatchObject({ token: 'EXPIRED', fields: [{ field: 'token', message: expect.stringMatching(/a expiré.*Demandez un nouveau lien/) }] });
    expect((await signIn(person.email, inject('demoPassword'))).status).toBe(200);
    const unknown = await setPassword('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(unknown.body.error.details.token).toBe('INVALID');
    const malformed = await setPassword('<script>');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details.token).toBe('INVALID');
  });

  it('one link used twice at the same instant: one new password, the other refused', async () => {
    const person = await createUser('CANDIDATE');
    await askReset(person.email);
    const [link] = await resetLinksTo(person.email);
    const answers = await Promise.all([setPassword(tokenOf(link!), 'Premier-Choix-2027!'), setPassword(tokenOf(link!), 'Second-Choix-2027!')]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400]);
    const winner = answers[0]!.status === 200 ? 'Premier-Choix-2027!' : 'Second-Choix-2027!';
    expect((await signIn(person.email, winner)).status).toBe(200);
    expect(answers.find((a) => a.status === 400)!.body.error.details.token).toBe('USED');
  });

  it('answers an address without account exactly as one with, and mails nobody', async () => {
    const person = await createUser('CANDIDATE');
    const nobody = uniqueEmail('personne');
    const [known, unknown] = [await askReset(person.email), await askReset(nobody)];
    expect(unknown.status).toBe(202);
    expect(unknown.body.message.replace(nobody, '<adresse>')).toBe(known.body.message.replace(person.email, '<adresse>'));
    await resetLinksTo(person.email);
    // The workflow ran for both (same work); it found no account for one.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await mailsTo(nobody)).toHaveLength(0);
  });
});

describe('password reset throttling (an API server of this file, with low limits)', () => {
  let own: { url: string; stop(): Promise<void> };
  beforeAll(async () => {
    const config = harnessConfig({ PASSWORD_RESETS_PER_ADDRESS: '3', PASSWORD_RESETS_PER_EMAIL: '2' });
    const sequelize = createDatabase(inject('databaseUrl'));
    const sessionPool = createSessionPool(inject('databaseUrl'));
    const server = await listen(createApp({ config, sequelize, temporal: await temporalClient(), logger: (await import('pino')).pino({ level: 'silent' }), sessionPool, webDir: '/nonexistent' }), 0);
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

  it('per e-mail address from many places, and per client address over many e-mail addresses: 429, whether the address has an account or not', async () => {
    for (const email of [(await createUser('CANDIDATE')).email, uniqueEmail('personne')]) {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await askReset(email, { 'x-forwarded-for': newIp() }, own.url)).status);
      expect(statuses, email).toEqual([202, 202, 429]);
    }
    const ip = newIp();
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await askReset(uniqueEmail('beaucoup'), { 'x-forwarded-for': ip }, own.url)).status);
    expect(statuses).toEqual([202, 202, 202, 429]);
    const refused = await askReset(uniqueEmail('encore'), { 'x-forwarded-for': ip }, own.url);
    expect(refused.body.error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/Trop de demandes/) });
  });
});

describe('a référent sends a reset link to their candidate', () => {
  it('for their own candidate (and their mission officer), the mail says who sent it; 404 for someone else’s, 403 for other roles', async () => {
    const missionOfficer = await createUser('MISSION_OFFICER');
    const referent = await createUser('REFERENT', { missionOfficerId: missionOfficer.id, firstName: 'Rachid', lastName: 'Accompagne' });
    const otherReferent = await createUser('REFERENT');
    const candidate = await createUser('CANDIDATE', { referentId: referent.id });
    const path = `/api/referent/candidates/${candidate.id}/password-reset`;

    const sent = await (await referent.client()).post(path);
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    expect(sent.body.message).toContain(candidate.email);
    const [link] = await resetLinksTo(candidate.email);
    const [mail] = await mailsTo(candidate.email, /^Réinitialiser votre mot de passe/);
    expect(mail!.text).toContain('Rachid Accompagne, qui vous accompagne sur Tremplin, vous envoie ce lien');
    expect((await (await missionOfficer.client()).post(path)).status).toBe(202);

    expect((await (await otherReferent.client()).post(path)).status).toBe(404);
    const recruiter = await createUser('RECRUITER', { companyId: (await createCompany()).id });
    expect((await (await recruiter.client()).post(path)).status).toBe(403);
    expect((await (await referent.client()).post(`/api/referent/candidates/${referent.id}/password-reset`)).status).toBe(404);
    expect((await new ApiClient().post(path)).status).toBe(401);

    // The link works like the person's own.
    expect((await setPassword(tokenOf(link!))).status).toBe(200);
    expect((await signIn(candidate.email, NEW_PASSWORD)).status).toBe(200);
  });
});
