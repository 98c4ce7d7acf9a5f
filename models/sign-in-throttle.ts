// Sign-in throttling per address *and* source. A source is the client's IP, or a known device: a
// browser that signed in to this address before (a long-lived cookie, api/sign-in-source.ts). Someone
// guessing from one place locks only that place out of that address: the owner still signs in from
// elsewhere, or from their known device wherever it is (a device waits seconds, never minutes).
// When many places guess at one address (20 failures within an hour), each new IP gets a single free
// failure before its lock starts. Counted whether or not the address has an account, so the answers
// never tell which accounts exist. A right password clears its own pair only.
import { createHash, randomBytes } from 'node:crypto';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { Logger } from '../config/logger.js';

export const FREE_FAILURES = 5;
export const FREE_FAILURES_UNDER_PRESSURE = 1;
/** Failures at one address from all IPs within the last hour that make it "under attack". */
export const ADDRESS_PRESSURE = 20;
const MAX_LOCK_MINUTES = 60;
const MAX_DEVICE_WAIT_SECONDS = 60;
/** Days a known device stays known without signing in (the cookie lives as long). */
export const KNOWN_DEVICE_DAYS = 365;
const FORGET_AFTER_DAYS = 30;

export interface SignInSource {
  /** The client's address, already reduced to what is counted (IPv6: its /56). */
  ip: string;
  /** The known-device cookie's token, when the browser sent one. */
  deviceToken?: string | null;
  log?: Pick<Logger, 'warn'>;
}

export interface Pair {
  email: string;
  kind: 'IP' | 'DEVICE';
  source: string;
}

export type Charge = { waitSeconds: number } | { waitSeconds: 0; id: string; failures: number; lockedUntil: Date | null };

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const tokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
export const newDeviceToken = () => randomBytes(32).toString('base64url');

/** « c***@e***.org »: enough for an operator reading logs to tell addresses apart, not to read them. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  const dot = domain.lastIndexOf('.');
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${local.slice(0, 1)}***@${host.slice(0, 1)}***${tld}`;
}

/** The device's pair when its token is known for this address, else the IP's. */
export async function pairOf(sequelize: Sequelize, email: string, source: SignInSource): Promise<Pair> {
  const token = source.deviceToken;
  if (token && TOKEN.test(token)) {
    const hash = tokenHash(token);
    const [known] = await sequelize.query(
      `SELECT 1 FROM known_devices WHERE token_hash = :hash AND email = :email AND last_sign_in_at > now() - make_interval(days => :days)`,
      { type: QueryTypes.SELECT, replacements: { hash, email, days: KNOWN_DEVICE_DAYS } },
    );
    if (known) return { email, kind: 'DEVICE', source: hash.slice(0, 16) };
  }
  return { email, kind: 'IP', source: source.ip || 'inconnue' };
}

/** Seconds this pair must still wait (0: it may try now); reads only. */
export async function waitOf(sequelize: Sequelize, pair: Pair): Promise<number> {
  const [row] = await sequelize.query<{ wait: number }>(
    `SELECT ceil(EXTRACT(EPOCH FROM (locked_until - now())))::int AS wait FROM sign_in_throttle
     WHERE email = :email AND source_kind = :kind AND source = :source AND locked_until > now()`,
    { type: QueryTypes.SELECT, replacements: { ...pair } },
  );
  return row ? Math.max(1, row.wait) : 0;
}

/**
 * Counts this attempt before the password is checked (so that attempts sent at once are all counted),
 * and sets the lock it would earn; `refund` undoes both if the password was right. A locked pair
 * answers its wait, and the password is not checked at all.
 */
export async function charge(sequelize: Sequelize, pair: Pair): Promise<Charge> {
  return sequelize.transaction(async (transaction: Transaction) => {
    const q = <T extends object>(sql: string, replacements: Record<string, unknown>) =>
      sequelize.query<T>(sql, { transaction, type: QueryTypes.SELECT, replacements: { ...pair, ...replacements } });
    // Inserted or locked in one statement: DO NOTHING then SELECT let a concurrent successful sign-in
    // (refund) delete the row in between.
    const [{ id }] = await q<{ id: string }>(
      `INSERT INTO sign_in_throttle (email, source_kind, source) VALUES (:email, :kind, :source)
       ON CONFLICT (email, source_kind, source) DO UPDATE SET email = EXCLUDED.email RETURNING id`,
      {},
    );
    const [row] = await q<{ id: string; failures: number; stale: boolean; wait: number | null }>(
      `SELECT id, failures,
              (last_failure_at IS NULL OR last_failure_at < now() - interval '1 hour') AS stale,
              CASE WHEN locked_until > now() THEN ceil(EXTRACT(EPOCH FROM (locked_until - now())))::int END AS wait
       FROM sign_in_throttle WHERE id = :id`,
      { id },
    );
    if (!row) throw new Error('sign_in_throttle: the row just ensured is missing');
    if (row.wait) return { waitSeconds: Math.max(1, row.wait) };
    let free = FREE_FAILURES;
    if (pair.kind === 'IP') {
      const [{ others }] = await q<{ others: number }>(
        `SELECT coalesce(sum(failures), 0)::int AS others FROM sign_in_throttle
         WHERE email = :email AND source_kind = 'IP' AND id <> :id AND last_failure_at > now() - interval '1 hour'`,
        { id: row.id },
      );
      if (others >= ADDRESS_PRESSURE) free = FREE_FAILURES_UNDER_PRESSURE;
    }
    const failures = row.stale ? 1 : row.failures + 1;
    const over = failures - free;
    // An IP: 1, 2, 4… minutes up to an hour; a known device: 2, 4, 8… seconds up to a minute.
    const lockSeconds = over <= 0 ? 0 : pair.kind === 'DEVICE' ? Math.min(MAX_DEVICE_WAIT_SECONDS, 2 ** over) : 60 * Math.min(MAX_LOCK_MINUTES, 2 ** Math.min(over - 1, 10));
    const [updated] = await q<{ locked_until: Date | null }>(
      `UPDATE sign_in_throttle SET failures = :failures, last_failure_at = now(),
         locked_until = CASE WHEN :lockSeconds > 0 THEN now() + make_interval(secs => :lockSeconds) END
       WHERE id = :id RETURNING locked_until`,
      { id: row.id, failures, lockSeconds },
    );
    return { waitSeconds: 0, id: row.id, failures, lockedUntil: updated?.locked_until ? new Date(updated.locked_until) : null };
  });
}

/** The password was right: this pair starts afresh (its lockout history stays for the back office). */
export async function refund(sequelize: Sequelize, id: string): Promise<void> {
  await sequelize.query(
    `WITH gone AS (DELETE FROM sign_in_throttle WHERE id = :id AND lockouts = 0 RETURNING id)
     UPDATE sign_in_throttle SET failures = 0, locked_until = NULL WHERE id = :id AND NOT EXISTS (SELECT 1 FROM gone)`,
    { replacements: { id } },
  );
}

/** The password was wrong and the attempt earned a lock: recorded for the back office, and logged. */
export async function recordLockout(sequelize: Sequelize, pair: Pair, charged: Extract<Charge, { id: string }>, log?: Pick<Logger, 'warn'>): Promise<void> {
  if (!charged.lockedUntil) return;
  await sequelize.query(
    `UPDATE sign_in_throttle SET lockouts = lockouts + 1, first_locked_at = coalesce(first_locked_at, now()), last_locked_at = now() WHERE id = :id`,
    { replacements: { id: charged.id } },
  );
  // What nobody tried for a month is forgotten (IPs are personal data).
  await sequelize.query(
    `DELETE FROM sign_in_throttle WHERE coalesce(last_failure_at, last_locked_at) < now() - make_interval(days => :days) AND (locked_until IS NULL OR locked_until < now())`,
    { replacements: { days: FORGET_AFTER_DAYS } },
  );
  log?.warn(
    {
      event: 'sign-in lockout',
      address: maskEmail(pair.email),
      addressHash: tokenHash(pair.email).slice(0, 16),
      sourceKind: pair.kind,
      source: pair.source,
      failures: charged.failures,
      until: charged.lockedUntil.toISOString(),
    },
    'sign-in locked for this address and source',
  );
}

/** A browser that signed in: its token (the one it sent if well-formed, else a new one) is now known for this address. */
export async function rememberDevice(sequelize: Sequelize, email: string, token: string | null | undefined): Promise<string> {
  const kept = token && TOKEN.test(token) ? token : newDeviceToken();
  // Now and then, devices unused for longer than their cookie lives are forgotten.
  if (Math.random() < 0.01) {
    await sequelize.query(`DELETE FROM known_devices WHERE last_sign_in_at < now() - make_interval(days => :days)`, { replacements: { days: KNOWN_DEVICE_DAYS } });
  }
  await sequelize.query(
    `INSERT INTO known_devices (token_hash, email) VALUES (:hash, :email)
     ON CONFLICT (token_hash, email) DO UPDATE SET last_sign_in_at = now()`,
    { replacements: { hash: tokenHash(kept), email } },
  );
  return kept;
}

/** Is this token a known device of this address (the back office's per-IP limit lets it through)? */
export async function isKnownDevice(sequelize: Sequelize, email: string, token: string | null | undefined): Promise<boolean> {
  return (await pairOf(sequelize, email, { ip: '', deviceToken: token })).kind === 'DEVICE';
}

/** What a locked pair is told: an IP in minutes (with the way out), a known device in seconds. */
export function lockoutMessage(seconds: number, kind: Pair['kind'] = 'IP'): string {
  if (kind === 'DEVICE') return `Trop de tentatives de connexion : réessayez dans ${seconds} seconde${seconds > 1 ? 's' : ''}.`;
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `Trop de tentatives de connexion pour cette adresse depuis votre connexion : réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}. Depuis un appareil où vous vous êtes déjà connecté(e) à ce compte, vous pouvez réessayer tout de suite.`;
}
