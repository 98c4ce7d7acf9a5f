// The error envelope of PRODUCT.md: { error: { code, message } } with a message a person understands.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import type { Logger } from '../config/logger.js';
import { asSentence, type FieldError } from '../workflows/process-rules.js';
import './zod-french.js';

export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'ILLEGAL_TRANSITION'
  | 'CONFLICT'
  | 'IDEMPOTENCY_IN_PROGRESS'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL';

const statusOf: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ILLEGAL_TRANSITION: 409,
  CONFLICT: 409,
  // Idempotency-Key (api/idempotency.ts): the first request with this key is still running…
  IDEMPOTENCY_IN_PROGRESS: 409,
  // …or the key was already used for another request (another body or another route).
  IDEMPOTENCY_KEY_REUSED: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

export class HttpError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.status = statusOf[code];
  }
}

/** The name of the unique index or constraint a write broke (node-postgres reports it). */
export function constraintOf(error: unknown): string | undefined {
  const parent = (error as { parent?: { constraint?: unknown } })?.parent;
  return typeof parent?.constraint === 'string' ? parent.constraint : undefined;
}

export const notFound = (what = 'Ressource') => new HttpError('NOT_FOUND', `${what} introuvable.`);

/** "offerId: doit être un UUID" — names the field and the reason, for every issue. `root`: what an issue without a path is about. */
export function describeZodError(error: z.ZodError, root = 'corps de la requête'): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const where = issue.path.length ? issue.path.join('.') : root;
      return `${where} : ${issue.message}`;
    })
    .join(' ; ');
}

/**
 * Each issue tied to a field, as a form shows it under that field (`details.fields`): the field's
 * name in the request and the reason as a sentence. An issue about the whole request names no field.
 */
export function fieldErrorsOf(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] => {
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ field: [...issue.path, key].join('.'), message: 'Ce champ n’est pas attendu.' }));
    return issue.path.length ? [{ field: issue.path.join('.'), message: asSentence(issue.message) }] : [];
  });
}

/** A request zod refused: 400, the message naming fields and reasons, `details.fields` for the form. */
export function invalidRequest(error: z.ZodError, root?: string): HttpError {
  const fields = fieldErrorsOf(error);
  return new HttpError('VALIDATION_FAILED', describeZodError(error, root), fields.length ? { fields } : undefined);
}

/** A refusal about one field: the message names it first, `details.fields` holds the reason alone for the form. */
export function fieldRefusal(code: ErrorCode, field: string, reason: string, details?: Record<string, unknown>): HttpError {
  return new HttpError(code, `${field} : ${reason}`, { ...details, fields: [{ field, message: asSentence(reason) }] });
}

/** A 400 about one field found wrong past the schema (a wrong current password, a date now past). */
export const invalidField = (field: string, reason: string, details?: Record<string, unknown>) => fieldRefusal('VALIDATION_FAILED', field, reason, details);

export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(new HttpError('NOT_FOUND', `Aucune route ${req.method} ${req.baseUrl}${req.path}.`));
};

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) {
      // The answer is already out, e.g. the session store failed to extend the session (PostgreSQL
      // going away) as it ended: nothing to tell the client. Answering again would throw and have the
      // connection destroyed under a keep-alive client; a response cut short is still Express's to end.
      logger.warn({ err: error, method: req.method, url: req.originalUrl }, 'error after the response was sent');
      if (!res.writableEnded) next(error);
      return;
    }
    let httpError: HttpError;
    if (error instanceof HttpError) httpError = error;
    else if (error instanceof z.ZodError) httpError = invalidRequest(error);
    else if (error?.type === 'entity.parse.failed') httpError = new HttpError('VALIDATION_FAILED', 'Le corps de la requête n’est pas un JSON valide.');
    else if (error?.type === 'entity.too.large') httpError = new HttpError('PAYLOAD_TOO_LARGE', 'Le corps de la requête est trop volumineux.');
    else if (error?.type === 'charset.unsupported' || error?.type === 'encoding.unsupported')
      httpError = new HttpError('UNSUPPORTED_MEDIA_TYPE', 'Encodage du corps non pris en charge.');
    // The router could not decode a path parameter (`%zz`, a cut UTF-8 sequence): say so.
    else if (error instanceof URIError && (error as URIError & { status?: number }).status === 400)
      httpError = new HttpError('VALIDATION_FAILED', 'Adresse invalide : un élément du chemin contient un encodage « % » mal formé.');
    else if (typeof error?.status === 'number' && error.status >= 400 && error.status < 500)
      httpError = new HttpError('VALIDATION_FAILED', 'Requête invalide.');
    else if (isDatabaseDown(error) || isDatabaseBusy(error)) httpError = new HttpError('SERVICE_UNAVAILABLE', 'Service momentanément indisponible, réessayez dans un instant.');
    else {
      logger.error({ err: error, method: req.method, url: req.originalUrl }, 'unexpected error');
      httpError = new HttpError('INTERNAL', 'Erreur interne : l’équipe technique a été prévenue.');
    }
    if (httpError.status === 503) res.setHeader('Retry-After', '5');
    res.status(httpError.status).json({
      error: { code: httpError.code, message: httpError.message, ...(httpError.details ? { details: httpError.details } : {}) },
    });
  };
}

/** Connection-level codes of node-postgres and PostgreSQL (57P0x: shutting down or starting, 08xxx: connection). */
const DATABASE_DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);

export function isDatabaseDown(error: unknown): boolean {
  const name = (error as { name?: string })?.name ?? '';
  if (/Sequelize(Connection\w*Error|ConnectionAcquireTimeoutError|HostNotReachableError|ConnectionRefusedError)/.test(name)) return true;
  // The session store reaches PostgreSQL through node-postgres, whose errors are not Sequelize's; and a
  // query on a connection PostgreSQL cut while stopping comes back as a SequelizeDatabaseError.
  const candidates = [error, (error as { parent?: unknown })?.parent] as Array<{ code?: unknown; message?: unknown } | undefined>;
  return candidates.some(
    (e) => !!e && ((typeof e.code === 'string' && DATABASE_DOWN_CODES.has(e.code)) || /^Connection terminated|timeout exceeded when trying to connect/.test(String(e.message ?? ''))),
  );
}

/**
 * PostgreSQL gave up waiting, not on the request: a statement over its time limit (57014), a lock not
 * granted in time (55P03), a deadlock broken (40P01), a serialization failure (40001). Sent again a
 * moment later, the request goes through: 503 with Retry-After, not 500.
 */
const DATABASE_BUSY_CODES = new Set(['57014', '55P03', '40P01', '40001']);

export function isDatabaseBusy(error: unknown): boolean {
  const candidates = [error, (error as { parent?: unknown })?.parent] as Array<{ code?: unknown } | undefined>;
  return candidates.some((e) => !!e && typeof e.code === 'string' && DATABASE_BUSY_CODES.has(e.code));
}
