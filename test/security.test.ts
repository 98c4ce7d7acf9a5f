// Security hygiene of PRODUCT.md and of the "proof under intruders" issue: headers (CSP that still lets
// the Jitsi iframe in), session cookie flags and rotation, progressive lockout that says nothing about
// which accounts exist, the password rule.
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { createUser } from './fixtures.js';
import { ApiClient, apiUrl, DEMO } from './support.js';

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
