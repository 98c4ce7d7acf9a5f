// Cookie sessions stored in PostgreSQL (table http_sessions, created by the migrations).
import connectPgSimple from 'connect-pg-simple';
import session, { type SessionOptions } from 'express-session';
import pg from 'pg';
import type { Config } from '../config/env.js';

declare module 'express-session' {
  interface SessionData {
    userId?: string;
  }
}

export function sessionOptions(config: Config, pool: pg.Pool, cookieName: string): SessionOptions {
  const PgStore = connectPgSimple(session);
  const secure = config.PUBLIC_URL.startsWith('https://');
  return {
    name: cookieName,
    secret: config.SESSION_SECRET,
    store: new PgStore({ pool, tableName: 'http_sessions', createTableIfMissing: false, pruneSessionInterval: 15 * 60 }),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    proxy: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure, maxAge: 8 * 3_600_000, path: '/' },
  };
}

export function createSessionPool(databaseUrl: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 5, connectionTimeoutMillis: 3_000 });
  pool.on('error', () => undefined); // a dropped idle connection is replaced on next use
  return pool;
}
