// What the back office accepts before AdminJS reads a request, and how it answers when something fails.
// AdminJS trusts its addresses: an unknown resource or action, a record id that is not one, a filter on
// a column that does not exist, a sort on nothing, `perPage=-1`, a login form sent as text/plain… went
// on to its code or to the database and came back as a 500 with a stack trace. Here, around it:
//   - bodies (adminBodies): read for a signed-in admin and for the login form only, as a form or JSON
//     of 1 MB at most, without files (express-formidable's defaults took 200 MB files to disk from
//     anybody); a field is text, a number, a boolean or null;
//   - addresses (adminRequestGuard, signed-in admins only: to anybody else every page is the login):
//     the resource, the action and its kind, the record ids and the list's parameters (page, perPage,
//     sortBy, direction, filters.*, searchProperty) are checked against the resources' own decorated
//     properties — 404 for what does not exist, 400 naming the parameter for what is malformed. A
//     filter or a search on a column no screen shows (the password hash) is refused: it would answer
//     yes or no about its content;
//   - whatever still fails (adminErrorHandler) answers in French without a trace: the API's error
//     envelope under /admin/api, a page elsewhere.
import { rm } from 'node:fs/promises';
import type AdminJS from 'adminjs';
import type { ActionDecorator, BaseResource, PropertyDecorator } from 'adminjs';
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import formidableMiddleware from 'express-formidable';
import type { Logger } from '../config/logger.js';
import { isDatabaseBusy, isDatabaseDown } from '../api/errors.js';
import { PgResource } from './resource-adapter.js';

export type AdminErrorCode = 'VALIDATION_FAILED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE' | 'SERVICE_UNAVAILABLE' | 'INTERNAL';

const STATUS: Record<AdminErrorCode, number> = {
  VALIDATION_FAILED: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** A refusal of the back office, worded for the operator. */
export class AdminRequestError extends Error {
  override name = 'AdminRequestError';
  readonly status: number;
  constructor(
    readonly code: AdminErrorCode,
    message: string,
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

const invalid = (message: string) => new AdminRequestError('VALIDATION_FAILED', message);
const quoted = (text: string) => `« ${text.length > 60 ? `${text.slice(0, 60)}…` : text} »`;

// ---------------------------------------------------------------------------------------------------
// Bodies

/** The most a form or JSON body of the back office may weigh. */
export const ADMIN_BODY_LIMIT = 1024 * 1024;
const BODY_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'application/json'];
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const BODILESS = new Set(['GET', 'HEAD', 'OPTIONS', 'DELETE']);

function parsed(req: Request, fields: Record<string, unknown> = {}) {
  Object.assign(req, { fields, files: {}, express_formidable: { parsed: true } });
}

/**
 * Reads the body of a signed-in admin's request, or of the login form, once and within bounds; leaves
 * AdminJS's own parser (which takes the result as it finds it) nothing to do. `refuseLogin` answers a
 * login form that cannot be read (the login page again, with the reason).
 */
export function adminBodies(refuseLogin: (res: Response, error: AdminRequestError) => Promise<void>): RequestHandler {
  const parse = formidableMiddleware({ maxFieldsSize: ADMIN_BODY_LIMIT, maxFileSize: 1, maxFields: 500 });
  return (req, res, next) => {
    const login = req.path === '/login' && req.method === 'POST';
    const fail = (error: AdminRequestError) => (login ? refuseLogin(res, error).catch(next) : next(error));
    // Nobody's body is read before they are signed in, but the login form's.
    if (BODILESS.has(req.method) || (!login && !req.session?.adminUser)) {
      parsed(req);
      return next();
    }
    if (Number(req.get('content-length') ?? 0) > ADMIN_BODY_LIMIT) return fail(new AdminRequestError('PAYLOAD_TOO_LARGE', 'Requête trop volumineuse : 1 Mo au plus.'));
    const type = req.is(BODY_TYPES);
    if (type === null) {
      parsed(req); // no body at all
      return next();
    }
    if (type === false) {
      return fail(
        new AdminRequestError(
          'UNSUPPORTED_MEDIA_TYPE',
          `Format de requête non pris en charge (${quoted(String(req.get('content-type') ?? ''))}) : le back-office reçoit des formulaires (application/x-www-form-urlencoded, multipart/form-data) ou du JSON.`,
        ),
      );
    }
    let answered = false; // formidable reports an error twice (its event, then parse's callback)
    parse(req, res, (error?: unknown) => {
      if (answered) return;
      answered = true;
      if (error) {
        const message = error instanceof Error ? error.message : '';
        if (/maxFileSize|fileBegin/.test(message)) return fail(invalid('Le back-office ne reçoit pas de fichier.'));
        if (/maxFields/.test(message)) return fail(new AdminRequestError('PAYLOAD_TOO_LARGE', 'Requête trop volumineuse : 1 Mo et 500 champs au plus.'));
        return fail(invalid('Corps de la requête illisible : formulaire ou JSON mal formé.'));
      }
      // A file of a byte or none passes formidable's size limit and is written to the temporary folder: removed, and refused.
      const files = Object.values((req as Request & { files?: Record<string, { path?: string } | Array<{ path?: string }>> }).files ?? {}).flat();
      if (files.length) {
        for (const file of files) if (file?.path) void rm(file.path, { force: true }).catch(() => undefined);
        return fail(invalid('Le back-office ne reçoit pas de fichier.'));
      }
      const fields = (req as Request & { fields?: Record<string, unknown> }).fields ?? {};
      if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return fail(invalid('Corps de la requête : un objet de champs est attendu.'));
      const clean: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(fields)) {
        if (FORBIDDEN_KEYS.has(key) || key.split('.').some((part) => FORBIDDEN_KEYS.has(part))) return fail(invalid(`Champ ${quoted(key)} refusé.`));
        if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) return fail(invalid(`Champ ${quoted(key)} : texte attendu.`));
        // PostgreSQL text cannot hold U+0000: dropped, as the API does.
        clean[key] = typeof value === 'string' ? value.replaceAll('\u0000', '') : value;
      }
      parsed(req, clean);
      next();
    });
  };
}

// ---------------------------------------------------------------------------------------------------
// Addresses

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INTEGER = /^-?\d{1,15}$/;
const NUMBER = /^-?\d{1,15}(\.\d{1,10})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/;
const MAX_PAGE = 100_000;
const MAX_PER_PAGE = 500;
const MAX_FILTER_LENGTH = 200;
const MAX_BULK = 500;

type Kind = 'resource' | 'record' | 'bulk';
interface Target {
  api: boolean;
  resourceId: string;
  kind?: Kind;
  action?: string;
  recordId?: string;
  /** The search action's text, from the path. */
  search?: string;
}

/** The AdminJS route this path is, from node_modules/adminjs/lib/backend/utils/router/router.js; null for any other. */
function targetOf(segments: string[]): Target | null {
  const api = segments[0] === 'api';
  const rest = api ? segments.slice(1) : segments;
  if (rest[0] !== 'resources' || rest.length < 2) return null;
  const [, resourceId, kind, ...more] = rest as [string, string, string | undefined, ...string[]];
  if (kind === undefined) return { api, resourceId };
  if (api && kind === 'search' && more.length <= 1) return { api, resourceId, kind: 'resource', action: 'search', search: more[0] };
  if (kind === 'actions' && more.length >= 1 && more.length <= (api ? 2 : 1)) return { api, resourceId, kind: 'resource', action: more[0], search: more[1] };
  if (kind === 'records' && more.length === 2) return { api, resourceId, kind: 'record', recordId: more[0], action: more[1] };
  if (kind === 'bulk' && more.length === 1) return { api, resourceId, kind: 'bulk', action: more[0] };
  return { api, resourceId, kind: 'resource', action: '' }; // an address under a resource that is none of these: unknown
}

/**
 * The database type of a resource's column (Sequelize's key: UUID, TEXT, DATE…); null for a virtual
 * property or a name that is none of its columns (`constructor`, `toString`: the adapter's lookups
 * would find the object's own prototype).
 */
function columnType(resource: BaseResource, name: string): string | null {
  const attributes = (resource as unknown as { rawAttributes?: () => Record<string, { type?: { key?: string } }> }).rawAttributes?.();
  if (!attributes || !Object.hasOwn(attributes, name)) return null;
  return attributes[name]?.type?.key ?? 'TEXT';
}

/** A property of the resource by its own name, never one of the prototype's. */
function propertyOf(resource: BaseResource, name: string): PropertyDecorator | null {
  const properties = resource.decorate().properties as Record<string, PropertyDecorator>;
  return Object.hasOwn(properties, name) ? properties[name]! : null;
}

const TEXT_TYPES = new Set(['TEXT', 'STRING', 'CITEXT', 'CHAR', 'UUID']);

function checkId(resource: BaseResource, id: string, label: string): void {
  const idProperty = Object.values(resource.decorate().properties).find((p) => p.isId());
  const type = idProperty ? columnType(resource, idProperty.name()) : null;
  const ok = type === 'UUID' ? UUID.test(id) : type === 'INTEGER' || type === 'BIGINT' ? /^\d{1,18}$/.test(id) : id.length > 0 && id.length <= 200 && !id.includes('\u0000');
  if (!ok) throw new AdminRequestError('NOT_FOUND', `${label} introuvable : ${quoted(id)} n’est pas un identifiant de ${quoted(resource.decorate().id())}.`);
}

/** Shown somewhere in the back office (list, filters, record): a column one may sort, filter or search on. */
const shown = (property: PropertyDecorator) => (['list', 'filter', 'show'] as const).some((where) => property.isVisible(where));

function single(name: string, value: unknown): string {
  if (typeof value !== 'string') throw invalid(`${name} : une seule valeur attendue.`);
  return value;
}

function checkFilter(resource: BaseResource, key: string, raw: unknown): void {
  const name = `filters.${key}`;
  const value = single(name, raw);
  const [path, bound, ...extra] = key.split('~~');
  const [propertyName, index, ...deeper] = (path ?? '').split('.');
  const decorated = propertyName ? propertyOf(resource, propertyName) : null;
  if (decorated && propertyName && resource instanceof PgResource && resource.isVirtualFilter(propertyName) && bound === undefined && index === undefined && !extra.length && !deeper.length) {
    // A text search of the resource's own (admin/resource-adapter.ts): any text, within bounds.
    if (value.length > MAX_FILTER_LENGTH) throw invalid(`${name} : ${MAX_FILTER_LENGTH} caractères au plus.`);
    if (value.includes('\u0000')) throw invalid(`${name} : caractère nul refusé.`);
    return;
  }
  const type = decorated && propertyName ? columnType(resource, propertyName) : null;
  if (!decorated || !type || !shown(decorated) || extra.length || deeper.length) {
    throw invalid(`${name} : le filtre ${quoted(key)} n’existe pas pour ${quoted(resource.decorate().id())}.`);
  }
  if (index !== undefined && !/^\d{1,3}$/.test(index)) throw invalid(`${name} : le filtre ${quoted(key)} n’existe pas pour ${quoted(resource.decorate().id())}.`);
  if (value.length > MAX_FILTER_LENGTH) throw invalid(`${name} : ${MAX_FILTER_LENGTH} caractères au plus.`);
  if (value.includes('\u0000')) throw invalid(`${name} : caractère nul refusé.`);
  const isDate = type === 'DATE' || type === 'DATEONLY';
  if (bound !== undefined && (!isDate || !['from', 'to'].includes(bound) || index !== undefined)) throw invalid(`${name} : seuls les champs de date ont un début (~~from) et une fin (~~to).`);
  if (isDate) {
    const year = Number(value.slice(0, 4));
    if (!DATE.test(value) || Number.isNaN(Date.parse(value)) || year < 1 || year > 9999) throw invalid(`${name} : date attendue (ex. 2026-03-01 ou 2026-03-01T14:30:00Z).`);
    return;
  }
  if (type === 'UUID') {
    // A record it points to is looked up by this id: it has to be one. Elsewhere, any part of an id matches.
    if (decorated.reference() && !UUID.test(value)) throw invalid(`${name} : identifiant (UUID) attendu.`);
    return;
  }
  if (type === 'INTEGER' || type === 'BIGINT') {
    if (!INTEGER.test(value)) throw invalid(`${name} : nombre entier attendu.`);
    return;
  }
  if (['FLOAT', 'REAL', 'DOUBLE', 'DECIMAL'].includes(type)) {
    if (!NUMBER.test(value)) throw invalid(`${name} : nombre attendu.`);
    return;
  }
  if (type === 'BOOLEAN') {
    if (value !== 'true' && value !== 'false') throw invalid(`${name} : true ou false attendu.`);
    return;
  }
  if (!TEXT_TYPES.has(type)) throw invalid(`${name} : ce champ ne se filtre pas.`);
}

/** page, perPage, sortBy, direction, filters.*, searchProperty of a list or a search. */
function checkListQuery(resource: BaseResource, query: Record<string, unknown>, action: string): void {
  const decorated = resource.decorate();
  for (const [key, raw] of Object.entries(query)) {
    if (key === 'page') {
      const value = single('page', raw);
      if (!/^\d{1,6}$/.test(value) || Number(value) < 1 || Number(value) > MAX_PAGE) throw invalid(`page : numéro de page attendu (1 à ${MAX_PAGE}).`);
    } else if (key === 'perPage') {
      const value = single('perPage', raw);
      if (!/^\d{1,3}$/.test(value) || Number(value) < 1 || Number(value) > MAX_PER_PAGE) throw invalid(`perPage : nombre d’éléments par page attendu (1 à ${MAX_PER_PAGE}).`);
    } else if (key === 'direction') {
      const value = single('direction', raw);
      if (value !== 'asc' && value !== 'desc') throw invalid('direction : asc ou desc attendu.');
    } else if (key === 'sortBy') {
      const value = single('sortBy', raw);
      const property = propertyOf(resource, value);
      if (!property || !columnType(resource, value) || !property.isSortable() || !shown(property)) {
        throw invalid(`sortBy : ${quoted(value)} n’est pas une colonne triable de ${quoted(decorated.id())}.`);
      }
    } else if (key === 'searchProperty' && action === 'search') {
      const value = single('searchProperty', raw);
      const property = propertyOf(resource, value);
      const type = property ? columnType(resource, value) : null;
      const title = decorated.titleProperty()?.name();
      if (!property || !type || !TEXT_TYPES.has(type) || !(value === title || shown(property))) {
        throw invalid(`searchProperty : ${quoted(value)} n’est pas un champ où chercher dans ${quoted(decorated.id())}.`);
      }
    } else if (key === 'filters') {
      // Express's query parser made an object of `filters[x]=…`: AdminJS reads `filters.x`.
      throw invalid('filters : les filtres s’écrivent filters.<champ>=<valeur>.');
    } else if (key.startsWith('filters.')) {
      checkFilter(resource, key.slice('filters.'.length), raw);
    }
  }
}

function actionOf(resource: BaseResource, target: Target): ActionDecorator {
  const actions = resource.decorate().actions as Record<string, ActionDecorator>;
  const action = target.action && Object.hasOwn(actions, target.action) ? actions[target.action] : undefined;
  const fits = action && (target.kind === 'resource' ? action.isResourceType() : target.kind === 'record' ? action.isRecordType() : action.isBulkType());
  if (!action || !fits) {
    const of = target.kind === 'record' ? 'd’un élément de' : target.kind === 'bulk' ? 'groupée de' : 'de';
    throw new AdminRequestError('NOT_FOUND', `Action inconnue : ${quoted(target.action ?? '')} n’est pas une action ${of} ${quoted(resource.decorate().id())}.`);
  }
  return action;
}

/**
 * Checks a signed-in admin's request to an AdminJS route before AdminJS runs it. Anybody else goes
 * on unchecked: AdminJS sends them to the login page whatever they asked for.
 */
export function adminRequestGuard(admin: AdminJS): RequestHandler {
  return (req, _res, next) => {
    if (!req.session?.adminUser) return next();
    let segments: string[];
    try {
      segments = req.path.split('/').slice(1).map((segment) => decodeURIComponent(segment));
    } catch {
      return next(invalid('Adresse invalide : un élément du chemin contient un encodage « % » mal formé.'));
    }
    if (segments.at(-1) === '') segments.pop();
    try {
      if ((segments[0] === 'pages' || (segments[0] === 'api' && segments[1] === 'pages')) && segments.length === (segments[0] === 'api' ? 3 : 2)) {
        const pageName = segments.at(-1)!;
        if (!admin.options.pages || !Object.hasOwn(admin.options.pages, pageName)) throw new AdminRequestError('NOT_FOUND', `Page introuvable : ${quoted(pageName)}.`);
        return next();
      }
      const target = targetOf(segments);
      if (!target) return next();
      const resource = admin.resources.find((r) => r._decorated?.id() === target.resourceId);
      if (!resource) throw new AdminRequestError('NOT_FOUND', `Aucune ressource ${quoted(target.resourceId)} dans le back-office.`);
      if (!target.kind) {
        if (target.api) throw new AdminRequestError('NOT_FOUND', `Aucune route ${req.method} ${quoted(req.originalUrl)} dans le back-office.`);
        return next();
      }
      const action = actionOf(resource, target);
      if (target.recordId !== undefined) checkId(resource, target.recordId, 'Élément');
      const query = (req.query ?? {}) as Record<string, unknown>;
      if (target.kind === 'bulk') {
        const recordIds = query.recordIds;
        if (typeof recordIds !== 'string' || !recordIds) throw invalid('recordIds : les identifiants des éléments, séparés par des virgules, sont attendus.');
        const ids = recordIds.split(',');
        if (ids.length > MAX_BULK) throw invalid(`recordIds : ${MAX_BULK} éléments au plus.`);
        for (const id of ids) checkId(resource, id, 'Élément');
      }
      if (target.kind === 'resource' && target.api) {
        checkListQuery(resource, query, action.name);
        if (target.search !== undefined) {
          if (target.search.length > MAX_FILTER_LENGTH) throw invalid(`recherche : ${MAX_FILTER_LENGTH} caractères au plus.`);
          if (target.search.includes('\u0000')) throw invalid('recherche : caractère nul refusé.');
        }
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}

// ---------------------------------------------------------------------------------------------------
// Answers

const TITLES: Record<number, string> = {
  400: 'Requête invalide',
  403: 'Accès refusé',
  404: 'Page introuvable',
  409: 'Conflit',
  413: 'Requête trop volumineuse',
  415: 'Format non pris en charge',
  503: 'Service momentanément indisponible',
  500: 'Erreur interne',
};

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

/** A page of the back office saying what went wrong, in French, with the way back. */
export function errorPage(status: number, message: string, rootPath: string): string {
  const title = TITLES[status] ?? (status >= 500 ? TITLES[500]! : TITLES[400]!);
  return `<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} — Tremplin back-office</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5">
<main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p><a href="${escapeHtml(rootPath)}">Retour au back-office</a></p></main>
</body>
</html>`;
}

/** The error as the operator reads it: a code, a status and a French message without anything internal. */
export function describeAdminError(error: unknown): AdminRequestError | null {
  if (error instanceof AdminRequestError) return error;
  const e = error as { name?: string; message?: string; status?: number; statusCode?: number; parent?: { code?: string } } | null;
  const name = e?.name ?? '';
  // AdminJS's own errors, when they reach Express.
  if (name === 'NotFoundError') return new AdminRequestError('NOT_FOUND', 'Élément introuvable.');
  if (name === 'ForbiddenError') return new AdminRequestError('FORBIDDEN', 'Action non permise dans le back-office.');
  if (name === 'ValidationError') return invalid('Certains champs sont à corriger.');
  if (isDatabaseDown(error) || isDatabaseBusy(error)) return new AdminRequestError('SERVICE_UNAVAILABLE', 'Service momentanément indisponible, réessayez dans un instant.');
  if (name === 'SequelizeValidationError') return invalid('Certains champs sont à corriger : valeur refusée.');
  if (name === 'SequelizeUniqueConstraintError') return new AdminRequestError('CONFLICT', 'Un autre élément porte déjà cette valeur.');
  if (name === 'SequelizeForeignKeyConstraintError') return new AdminRequestError('CONFLICT', 'Un élément lié n’existe pas ou plus.');
  // The database refused a value (class 22: data exception; 42703/42883: no such column or operator).
  const code = e?.parent?.code;
  if (name === 'SequelizeDatabaseError' && typeof code === 'string' && (code.startsWith('22') || code === '42703' || code === '42883')) {
    return invalid('Requête refusée : un filtre, un tri ou une valeur est mal formé.');
  }
  if (error instanceof URIError) return invalid('Adresse invalide : un élément du chemin contient un encodage « % » mal formé.');
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (status === 404) return new AdminRequestError('NOT_FOUND', 'Page introuvable.');
    if (status === 413) return new AdminRequestError('PAYLOAD_TOO_LARGE', 'Requête trop volumineuse.');
    if (status === 415) return new AdminRequestError('UNSUPPORTED_MEDIA_TYPE', 'Format de requête non pris en charge.');
    return invalid('Requête invalide.');
  }
  return null;
}

/** Any other address of the back office, for a signed-in admin: 404. */
export const adminNotFound: RequestHandler = (req, _res, next) => {
  next(new AdminRequestError('NOT_FOUND', `Aucune page ${req.method} ${quoted(req.originalUrl)} dans le back-office.`));
};

/** The last word of the back office's router: JSON under /api, a page elsewhere; never a stack trace. */
export function adminErrorHandler(logger: Logger, rootPath: string): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) {
      logger.warn({ err: error, method: req.method, url: req.originalUrl }, 'back-office error after the response was sent');
      if (!res.writableEnded) next(error);
      return;
    }
    let refusal = describeAdminError(error);
    if (!refusal) {
      logger.error({ err: error, method: req.method, url: req.originalUrl }, 'unexpected back-office error');
      refusal = new AdminRequestError('INTERNAL', 'Erreur interne du back-office : l’équipe technique a été prévenue.');
    }
    if (refusal.status === 503) res.setHeader('Retry-After', '5');
    res.status(refusal.status);
    if (req.path.startsWith('/api/') || req.path === '/api') {
      res.json({ error: { code: refusal.code, message: refusal.message } });
    } else {
      res.type('text/html; charset=utf-8').send(errorPage(refusal.status, refusal.message, rootPath));
    }
  };
}
