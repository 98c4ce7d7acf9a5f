// A rolling session (api/session.ts): its cookie is renewed by every answer, its expiry in the database
// written at most once a minute per session (SessionStore), so a page's requests sent at once neither
// write the row each nor wait for each other on it; after the minute, the next request moves it again.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { SessionStore, createSessionPool } from '../api/session.js';
import { createUser } from './fixtures.js';
import { sql } from './support.js';

const expiryOf = async (userId: string) => (await sql<{ expire: Date }>(`SELECT expire FROM http_sessions WHERE sess->>'userId' = $1`, [userId])).map((r) => r.expire.getTime());

describe('a rolling session on the platform', () => {
  it('answers a page’s requests sent at once, renews the cookie each time, and leaves the row as the sign-in wrote it', async () => {
    const candidate = await createUser('CANDIDATE');
    const client = await candidate.client();
    const written = await expiryOf(candidate.id);
    expect(written).toHaveLength(1);
    // The row holds whole seconds: a touch a second later would write another expiry.
    await new Promise((resolve) => setTimeout(resolve, 1_100));

    const answers = await Promise.all(Array.from({ length: 6 }, () => client.get('/api/me')));
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body.id).toBe(candidate.id);
      // rolling: every answer sets the cookie again, eight hours from now
      expect(answer.headers.getSetCookie().some((c) => c.startsWith('tremplin.sid=') && /Expires=/.test(c))).toBe(true);
    }
    expect(await expiryOf(candidate.id)).toEqual(written);
  });
});

describe('SessionStore', () => {
  const pool: pg.Pool = createSessionPool(inject('databaseUrl'));
  afterAll(() => pool.end());
  const call = <T>(fn: (done: (err?: unknown, value?: T) => void) => void) =>
    new Promise<T | undefined>((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value))));
  const expireOf = async (sid: string) => (await pool.query<{ expire: Date }>(`SELECT expire FROM http_sessions WHERE sid = $1`, [sid])).rows[0]?.expire.getTime();
  const data = (inMs: number) => ({ cookie: { originalMaxAge: 8 * 3_600_000, expires: new Date(Date.now() + inMs) }, userId: randomUUID() }) as never;

  it('writes a touch only once the interval has passed since the session’s last write, each session on its own', async () => {
    const store = new SessionStore({ pool, tableName: 'http_sessions', createTableIfMissing: false, pruneSessionInterval: false }, 400);
    const [first, second] = [randomUUID(), randomUUID()];
    await call((done) => store.set(first, data(3_600_000), done));
    const saved = await expireOf(first);

    await call((done) => store.touch(first, data(7_200_000), done));
    expect(await expireOf(first)).toBe(saved); // within the interval: nothing written

    // Another session is never held back by the first one's write.
    await call((done) => store.set(second, data(3_600_000), done));
    await new Promise((resolve) => setTimeout(resolve, 450));
    await call((done) => store.touch(first, data(7_200_000), done));
    const moved = await expireOf(first);
    expect(moved).toBeGreaterThan(saved! + 3_500_000); // the interval passed: the expiry moved to the cookie's

    await call((done) => store.touch(first, data(9_000_000), done));
    expect(await expireOf(first)).toBe(moved); // and the next touch waits for the interval again

    // A signed-out (destroyed) session is forgotten, and a late touch does not bring its row back.
    await call((done) => store.destroy(first, done));
    expect(await expireOf(first)).toBeUndefined();
    await call((done) => store.touch(first, data(9_000_000), done));
    expect(await expireOf(first)).toBeUndefined();
    await call((done) => store.destroy(second, done));
  });
});
