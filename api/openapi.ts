// The OpenAPI document, generated from the same zod schemas the routes parse with.
import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { IDEMPOTENCY_HEADER, KEY_PATTERN, REPLAYED_HEADER } from './idempotency.js';

export const registry = new OpenAPIRegistry();

export const errorEnvelope = z
  .object({
    error: z.object({
      code: z.enum(['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'ILLEGAL_TRANSITION', 'CONFLICT', 'IDEMPOTENCY_IN_PROGRESS', 'IDEMPOTENCY_KEY_REUSED', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'RATE_LIMITED', 'SERVICE_UNAVAILABLE', 'INTERNAL']),
      message: z.string(),
      /**
       * `fields`: each field the refusal is about (`field`, its name in the request) and why, as a French
       * sentence a form shows under that field; also, per route, the state and allowed actions (409).
       */
      details: z
        .object({ fields: z.array(z.object({ field: z.string(), message: z.string() })).optional() })
        .catchall(z.unknown())
        .optional(),
    }),
  })
  .meta({ id: 'Error' });

const errorResponses = Object.fromEntries(
  ([
    [400, 'Entrée invalide : le message nomme le champ et la raison.'],
    [401, 'Non connecté.'],
    [403, 'Action réservée à un autre rôle.'],
    [404, 'Introuvable, ou invisible pour vous.'],
    [409, 'Action impossible dans l’état actuel (état et actions permises dans details).'],
    [429, 'Trop de tentatives.'],
    [503, 'Base de données ou Temporal indisponible.'],
  ] as const).map(([status, description]) => [status, { description, content: { 'application/json': { schema: errorEnvelope } } }]),
);

/** The optional header of the routes that create or move something (api/idempotency.ts). */
const idempotencyHeaders = z.object({
  [IDEMPOTENCY_HEADER]: z
    .string()
    .regex(new RegExp(KEY_PATTERN))
    .optional()
    .meta({
      description:
        `Facultatif. Une clé unique par demande (1 à 255 caractères ASCII visibles, par exemple un UUID v4) : la même requête renvoyée avec la même clé dans les 24 heures reçoit la première réponse (même statut, même corps, en-tête ${REPLAYED_HEADER}: true) au lieu d’être exécutée une seconde fois. ` +
        'Une clé déjà utilisée pour une autre requête : 422 IDEMPOTENCY_KEY_REUSED ; la première requête encore en cours : 409 IDEMPOTENCY_IN_PROGRESS (réessayer). Une réponse 5xx ou 429 n’est pas retenue : la requête renvoyée s’exécute de nouveau.',
      example: '5f0c7a4e-3b1d-4c6a-9e2f-8d7b6a5c4e3f',
    }),
});
const idempotencyResponses = {
  409: { description: 'Action impossible dans l’état actuel (état et actions permises dans details), ou une requête avec la même Idempotency-Key est encore en cours (IDEMPOTENCY_IN_PROGRESS).', content: { 'application/json': { schema: errorEnvelope } } },
  422: { description: 'Idempotency-Key déjà utilisée pour une autre requête (autre corps ou autre route) : IDEMPOTENCY_KEY_REUSED.', content: { 'application/json': { schema: errorEnvelope } } },
};

/**
 * Registers a route with the documented error answers added (a route's own wording of one wins);
 * `idempotent`: it takes the optional Idempotency-Key header (the route mounts api/idempotency.ts).
 */
export function document(route: Omit<RouteConfig, 'responses'> & { responses: RouteConfig['responses']; idempotent?: true }): void {
  const { idempotent, ...config } = route;
  if (!idempotent) {
    registry.registerPath({ ...config, responses: { ...errorResponses, ...config.responses } });
    return;
  }
  registry.registerPath({
    ...config,
    request: { ...config.request, headers: idempotencyHeaders },
    responses: { ...errorResponses, ...idempotencyResponses, ...config.responses },
  });
}

export function openApiDocument(publicUrl: string) {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Tremplin API', version: '1.0.0', description: 'API de la plateforme de recrutement inclusif. Session par cookie (POST /api/auth/login).' },
    servers: [{ url: `${publicUrl}/api` }],
  });
}
