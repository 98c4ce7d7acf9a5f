// Request parsing with zod: every refusal names the field and why, in the error envelope.
import type { Request } from 'express';
import type { z } from 'zod';
import { HttpError, invalidRequest } from './errors.js';

/**
 * The JSON parsers' reviver: every string as PostgreSQL and the workflows can carry it. U+0000 is
 * dropped (PostgreSQL text cannot hold it). A lone surrogate (a `\ud800` escape with no pair) becomes
 * U+FFFD, as PostgreSQL's text already stored it, so that the row and the workflow hold the same text;
 * kept, it made every JSON copy of it (the notice queue's jsonb) fail, and its case's notice with it.
 */
export const wellFormedStrings = (_key: string, value: unknown): unknown =>
  typeof value === 'string' ? (value.replaceAll('\u0000', '') as string & { toWellFormed(): string }).toWellFormed() : value;

export function parseBody<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  const result = schema.safeParse(req.body ?? {});
  if (!result.success) throw invalidRequest(result.error);
  return result.data;
}

export function parseQuery<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  const result = schema.safeParse(req.query);
  // An unknown parameter is in the address, not in a body (GET requests have none).
  if (!result.success) throw invalidRequest(result.error, 'paramètres de l’adresse');
  return result.data;
}

/** A route id that is not a UUID names nothing: 404, like any entity the caller may not see. */
export function parseId(value: unknown, what: string): string {
  const id = String(value ?? '');
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new HttpError('NOT_FOUND', `${what} introuvable.`);
  return id.toLowerCase();
}
