// Idempotency-Key on the routes that create an entity or move a process (the semantics of Stripe and
// of draft-ietf-httpapi-idempotency-key-header): a client that lost an answer sends the same request
// again with the same key and gets the first answer — same status, same body, and the header
// `Idempotent-Replayed: true` — instead of a 409 or a second entity.
//
// - No header: the route behaves as it always did.
// - The key: 1 to 255 visible ASCII characters (a UUID v4 is the usual choice), else 400.
// - The first request with a key claims it (one statement: INSERT … ON CONFLICT), runs, and its answer
//   is recorded before it is sent: every 2xx, 3xx and 4xx (a refused request replays its refusal), but
//   not a 5xx nor a 429 — then the claim is released and a retry runs again.
// - The same key again: the same route and body get the recorded answer; another body or route 422
//   IDEMPOTENCY_KEY_REUSED; while the first one still runs, the retry waits for it (up to `waitMs`),
//   then answers 409 IDEMPOTENCY_IN_PROGRESS with Retry-After.
// - A claim holds for `leaseMs`: an API process that died mid-request leaves its claim, which the next
//   retry after that takes over and runs again.
// - Keys are remembered 24 hours: an older row is taken over by a new request with its key, and the
//   writes of this middleware delete expired rows (at most once a minute per process).
//
// Below this cache the effect itself is idempotent, for the moment between the effect and the record
// of its answer (a crash, a lost database connection, a lease taken over): a route derives the id of
// what it creates from (caller, route, key, body) with `idempotentId` — a repeated create meets the
// row it made and answers it — and a transition sends its Update with `transitionUpdateId`, which
// Temporal deduplicates within the workflow run, answering the first outcome.
import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { Logger } from '../config/logger.js';
import { HttpError } from './errors.js';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
/** Visible ASCII (%x21-7E), 1 to 255 of them. */
export const KEY_PATTERN = '^[\\x21-\\x7E]{1,255}$';
const KEY_FORMAT = new RegExp(KEY_PATTERN);
export const KEY_FORMAT_MESSAGE = `${IDEMPOTENCY_HEADER} : de 1 à 255 caractères ASCII visibles attendus (sans espace ni accent), par exemple un UUID.`;

export interface IdempotencySettings {
  /** How long a retry waits for the first request with its key before answering 409 IDEMPOTENCY_IN_PROGRESS. */
  waitMs: number;
  /** How long a claim holds; after it, a retry takes the key over and runs again (its effect is idempotent). */
  leaseMs: number;
}
export const DEFAULT_IDEMPOTENCY_SETTINGS: IdempotencySettings = { waitMs: 5_000, leaseMs: 60_000 };
const RETENTION = `interval '24 hours'`;
const SWEEP_EVERY_MS = 60_000;

/**
 * The middleware for one route. `anonymous`: a route used without a session (register-recruiter), where
 * the key alone names the caller; otherwise the signed-in user does (no user: the route answers 401).
 */
export type Idempotent = (options?: { anonymous?: boolean }) => RequestHandler;

interface Scope {
  caller: string;
  key: string;
  method: string;
  path: string;
  requestHash: string;
}

interface KeyRow {
  method: string;
  path: string;
  request_hash: string;
  state: 'IN_PROGRESS' | 'DONE';
  response_status: number | null;
  response_body: string | null;
  mine: boolean;
}

const scopes = new WeakMap<Request, Scope>();

/**
 * An id for what this request creates (`purpose`: 'application', 'user'…), the same for every retry
 * of it: a UUID v5 of (caller, route, key, body). Undefined without an Idempotency-Key.
 */
export function idempotentId(req: Request, purpose: string): string | undefined {
  const scope = scopes.get(req);
  if (!scope) return undefined;
  return uuidV5(`${scope.caller}\n${scope.method} ${scope.path}\n${scope.key}\n${scope.requestHash}\n${purpose}`, NAMESPACE);
}

/** Several such ids at once (a registration makes a user, a membership, perhaps a company). */
export function idempotentIds<Purpose extends string>(req: Request, ...purposes: Purpose[]): Record<Purpose, string> | undefined {
  if (!scopes.has(req)) return undefined;
  return Object.fromEntries(purposes.map((purpose) => [purpose, idempotentId(req, purpose)!])) as Record<Purpose, string>;
}

/** The Update id of this request's transition: Temporal answers a repeated id with the first outcome. */
export function transitionUpdateId(req: Request): string | undefined {
  const id = idempotentId(req, 'transition');
  return id && `idempotency-${id}`;
}

export function idempotency(deps: { sequelize: Sequelize; secret: string; logger: Logger }, settings: IdempotencySettings = DEFAULT_IDEMPOTENCY_SETTINGS): Idempotent {
  const { sequelize, logger } = deps;
  let lastSweep = 0;

  /** Claims the key, or reads who has it (null: released meanwhile, or not yet visible — try again). */
  async function claimOrRead(scope: Scope, claim: string): Promise<KeyRow | null> {
    const [row] = await sequelize.query<KeyRow>(
      `WITH claimed AS (
         INSERT INTO idempotency_keys (caller, key, method, path, request_hash, state, claim, locked_until, created_at)
         VALUES (:caller, :key, :method, :path, :requestHash, 'IN_PROGRESS', :claim, now() + make_interval(secs => :leaseSeconds), now())
         ON CONFLICT (caller, key) DO UPDATE SET
           method = EXCLUDED.method, path = EXCLUDED.path, request_hash = EXCLUDED.request_hash, state = 'IN_PROGRESS',
           claim = EXCLUDED.claim, locked_until = EXCLUDED.locked_until, response_status = NULL, response_body = NULL, completed_at = NULL,
           created_at = CASE WHEN idempotency_keys.created_at < now() - ${RETENTION} THEN now() ELSE idempotency_keys.created_at END
         -- Forgotten (older than 24 h), or held by a request that is gone (its lease ran out) and the same request.
         WHERE idempotency_keys.created_at < now() - ${RETENTION}
            OR (idempotency_keys.state = 'IN_PROGRESS' AND idempotency_keys.locked_until < now()
                AND idempotency_keys.method = EXCLUDED.method AND idempotency_keys.path = EXCLUDED.path
                AND idempotency_keys.request_hash = EXCLUDED.request_hash)
         RETURNING method, path, request_hash, state, response_status, response_body, true AS mine)
       SELECT * FROM claimed
       UNION ALL
       SELECT method, path, request_hash, state, response_status, response_body, false AS mine
       FROM idempotency_keys WHERE caller = :caller AND key = :key AND NOT EXISTS (SELECT 1 FROM claimed)`,
      { type: QueryTypes.SELECT, replacements: { ...scope, claim, leaseSeconds: settings.leaseMs / 1000 } },
    );
    return row ?? null;
  }

  async function record(scope: Scope, claim: string, status: number, body: string): Promise<void> {
    if (status >= 500 || status === 429) {
      // Nothing the client may rely on: the next retry runs again.
      await sequelize.query(`DELETE FROM idempotency_keys WHERE caller = :caller AND key = :key AND claim = :claim`, { replacements: { ...scope, claim } });
      return;
    }
    await sequelize.query(
      `UPDATE idempotency_keys SET state = 'DONE', response_status = :status, response_body = :body, locked_until = NULL, completed_at = now()
       WHERE caller = :caller AND key = :key AND claim = :claim`,
      { replacements: { ...scope, claim, status, body } },
    );
  }

  function sweep(): void {
    if (Date.now() - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = Date.now();
    sequelize
      .query(`DELETE FROM idempotency_keys WHERE ctid IN (SELECT ctid FROM idempotency_keys WHERE created_at < now() - ${RETENTION} LIMIT 1000)`)
      .catch((err: unknown) => logger.warn({ err }, 'idempotency keys: sweep of expired keys failed'));
  }

  /** Records the answer before it leaves; a response ended without JSON releases the claim. */
  function captureAnswer(req: Request, res: Response, scope: Scope, claim: string): void {
    const send = res.json.bind(res);
    let captured = false;
    res.json = ((body: unknown) => {
      if (captured) return send(body);
      captured = true;
      const status = res.statusCode;
      record(scope, claim, status, JSON.stringify(body) ?? 'null')
        .catch((err: unknown) =>
          // The answer goes out anyway; the claim then holds until its lease ends, and a retry after it
          // runs again (idempotently, below this cache).
          logger.warn({ err, method: req.method, url: req.originalUrl }, 'idempotency key: the answer could not be recorded'),
        )
        .finally(() => {
          if (!res.headersSent) send(body);
        });
      return res;
    }) as Response['json'];
    res.on('finish', () => {
      if (!captured) record(scope, claim, 500, 'null').catch(() => undefined);
    });
  }

  return (options = {}) =>
    async (req, res, next) => {
      const header = req.headers['idempotency-key'];
      if (header === undefined) return next();
      const key = Array.isArray(header) ? header.join(', ') : header;
      let caller: string;
      if (options.anonymous) caller = `anonymous:${createHash('sha256').update(key).digest('hex')}`;
      else if (req.user) caller = req.user.id;
      else return next(); // the route answers 401
      if (!KEY_FORMAT.test(key)) throw new HttpError('VALIDATION_FAILED', KEY_FORMAT_MESSAGE);

      const scope: Scope = {
        caller,
        key,
        method: req.method,
        path: routeOf(req),
        requestHash: createHmac('sha256', deps.secret).update(canonicalJson(req.body ?? {})).digest('hex'),
      };
      const claim = randomUUID();
      const deadline = Date.now() + settings.waitMs;
      let pause = 50;
      for (;;) {
        const row = await claimOrRead(scope, claim);
        if (row?.mine) break;
        if (row && (row.method !== scope.method || row.path !== scope.path || row.request_hash !== scope.requestHash)) {
          throw new HttpError(
            'IDEMPOTENCY_KEY_REUSED',
            `${IDEMPOTENCY_HEADER} : cette clé a déjà servi pour une autre requête (${row.method} ${row.path}${row.path === scope.path ? ', avec un autre contenu' : ''}). Utilisez une nouvelle clé pour chaque nouvelle demande ; renvoyez la même clé seulement pour répéter exactement la même requête.`,
          );
        }
        if (row?.state === 'DONE') {
          res.status(row.response_status!).setHeader(REPLAYED_HEADER, 'true');
          res.type('json').send(row.response_body);
          return;
        }
        if (row && Date.now() + pause > deadline) {
          res.setHeader('Retry-After', '1');
          throw new HttpError('IDEMPOTENCY_IN_PROGRESS', `${IDEMPOTENCY_HEADER} : une requête avec cette clé est en cours ; réessayez dans un instant pour obtenir sa réponse.`);
        }
        if (row) {
          await new Promise((resolve) => setTimeout(resolve, pause));
          pause = Math.min(pause * 1.5, 500);
        }
      }
      sweep();
      scopes.set(req, scope);
      captureAnswer(req, res, scope, claim);
      next();
    };
}

/** The route as the client named it: path without query, lower case (ids are case-insensitive), no trailing slash. */
function routeOf(req: Request): string {
  const path = req.originalUrl.split('?')[0]!.toLowerCase();
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

/**
 * The body as one string whatever the order of its keys: JSON with every object's keys sorted. Built
 * without recursion, for bodies nested thousands deep (the parser accepts them; a route refuses them).
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  const stack: Array<{ value: unknown } | string> = [{ value }];
  while (stack.length) {
    const item = stack.pop()!;
    if (typeof item === 'string') {
      out.push(item);
      continue;
    }
    const v = item.value;
    if (Array.isArray(v)) {
      out.push('[');
      stack.push(']');
      for (let i = v.length - 1; i >= 0; i--) {
        stack.push({ value: v[i] });
        if (i > 0) stack.push(',');
      }
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      out.push('{');
      stack.push('}');
      for (let i = entries.length - 1; i >= 0; i--) {
        stack.push({ value: entries[i]![1] });
        stack.push(`${JSON.stringify(entries[i]![0])}:`);
        if (i > 0) stack.push(',');
      }
    } else {
      out.push(JSON.stringify(v) ?? 'null');
    }
  }
  return out.join('');
}

/** Tremplin's namespace for the UUIDs derived from idempotency keys (a fixed random UUID). */
const NAMESPACE = '3f1c9a52-7d1e-4b0a-9c8e-5a2f6d4b7e19';

/** RFC 9562 UUID version 5: SHA-1 of namespace and name. */
export function uuidV5(name: string, namespace: string): string {
  const bytes = Buffer.from(createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest().subarray(0, 16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
