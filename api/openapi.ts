// The OpenAPI document, generated from the same zod schemas the routes parse with.
import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

export const registry = new OpenAPIRegistry();

export const errorEnvelope = z
  .object({
    error: z.object({
      code: z.enum(['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'ILLEGAL_TRANSITION', 'CONFLICT', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'RATE_LIMITED', 'SERVICE_UNAVAILABLE', 'INTERNAL']),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
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

/** Registers a route with the documented error answers added (a route's own wording of one wins). */
export function document(route: Omit<RouteConfig, 'responses'> & { responses: RouteConfig['responses'] }): void {
  registry.registerPath({ ...route, responses: { ...errorResponses, ...route.responses } });
}

export function openApiDocument(publicUrl: string) {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Tremplin API', version: '1.0.0', description: 'API de la plateforme de recrutement inclusif. Session par cookie (POST /api/auth/login).' },
    servers: [{ url: `${publicUrl}/api` }],
  });
}
