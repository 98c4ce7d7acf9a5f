// One way to bound a route: a window, a ceiling, whose requests count together, and the French
// message of the 429 (the error envelope, like every refusal).
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { HttpError } from './errors.js';

/** Whose requests count together: the client address, the signed-in person (else the address), or a key of the request. */
export type LimitedBy = 'address' | 'person' | ((req: Request) => string);

export interface Limit {
  /** Prefixes the keys: two limits never share a count. */
  name: string;
  windowMs: number;
  limit: number;
  by: LimitedBy;
  message: string;
  /** Count only the requests that failed (wrong current passwords…). */
  skipSuccessfulRequests?: boolean;
}

const addressOf = (req: Request) => ipKeyGenerator(req.ip ?? '');
const personOf = (req: Request) => req.user?.id ?? addressOf(req);

export function limiter({ name, windowMs, limit, by, message, skipSuccessfulRequests = false }: Limit): RequestHandler {
  const keyOf = by === 'address' ? addressOf : by === 'person' ? personOf : by;
  return rateLimit({
    windowMs,
    limit,
    skipSuccessfulRequests,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => `${name}:${keyOf(req)}`,
    handler: (_req, _res, next) => next(new HttpError('RATE_LIMITED', message)),
  });
}
