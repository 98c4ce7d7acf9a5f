// Cookie sessions stored in PostgreSQL (table http_sessions, created by the migrations).
import connectPgSimple from 'connect-pg-simple';
import session, { type SessionData, type SessionOptions } from 'express-session';
import pg from 'pg';
import type { Config } from '../config/env.js';

declare module 'express-session' {
  interface SessionData {
    userId?: string;
  }
}

/** A rolling session's expiry in the database moves at most this often (its cookie's, on every answer). */
export const SESSION_TOUCH_EVERY_MS = 60_000;
const SESSION_MAX_AGE_MS = 8 * 3_600_000;
/** Sessions whose last write this process remembers, before the oldest are forgotten. */
const REMEMBERED_WRITES = 10_000;

/**
 * connect-pg-simple's store, but a rolling session's expiry is written at most once every
 * `touchEveryMs` per session and process, instead of by every request: each write was a transaction
 * of its own that the answer waited for, and the requests a page sends at once waited for each other on
 * the session's row (issue #20). The expiry in the database lags the cookie's by `touchEveryMs` at most,
 * against eight hours of inactivity.
 */
export class SessionStore extends connectPgSimple(session) {
  /** sid → when this process last wrote its row, oldest first. */
  readonly #written = new Map<string, number>();

  constructor(
    options: connectPgSimple.PGStoreOptions,
    private readonly touchEveryMs = SESSION_TOUCH_EVERY_MS,
  ) {
    super(options);
  }

  #remember(sid: string, at: number): void {
    this.#written.delete(sid);
    this.#written.set(sid, at);
    if (this.#written.size <= REMEMBERED_WRITES) return;
    for (const [oldest, when] of this.#written) {
      if (this.#written.size <= REMEMBERED_WRITES && at - when < this.touchEveryMs) break;
      this.#written.delete(oldest);
    }
  }

  override set(sid: string, sess: SessionData, callback?: (err?: unknown) => void): void {
    this.#remember(sid, Date.now());
    super.set(sid, sess, callback);
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    this.#written.delete(sid);
    super.destroy(sid, callback);
  }

  override touch(sid: string, sess: SessionData, callback?: () => void): void {
    const now = Date.now();
    const last = this.#written.get(sid);
    if (last !== undefined && now - last < this.touchEveryMs) return void callback?.();
    this.#remember(sid, now);
    super.touch(sid, sess, callback);
  }
}

export function sessionOptions(config: Config, pool: pg.Pool, cookieName: string): SessionOptions {
  const secure = config.PUBLIC_URL.startsWith('https://');
  return {
    name: cookieName,
    secret: config.SESSION_SECRET,
    store: new SessionStore({ pool, tableName: 'http_sessions', createTableIfMissing: false, pruneSessionInterval: 15 * 60 }),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    proxy: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure, maxAge: SESSION_MAX_AGE_MS, path: '/' },
  };
}

export function createSessionPool(databaseUrl: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 5, connectionTimeoutMillis: 3_000 });
  pool.on('error', () => undefined); // a dropped idle connection is replaced on next use
  return pool;
}
