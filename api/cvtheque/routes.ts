// GET /api/cvtheque (the search), its history: thin HTTP over the CVthèque service.
import { Router, type Request } from 'express';
import type { z } from 'zod';
import { requireUser } from '../auth.js';
import { HttpError } from '../errors.js';
import { document } from '../openapi.js';
import { parseId, parseQuery } from '../validation.js';
import { cvthequeQuery } from './criteria.js';
import { cvthequeHistory, cvthequeList, historyQuery, idParam } from './schemas.js';
import type { cvthequeService } from './service.js';

const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });

document({
  method: 'get',
  path: '/cvtheque',
  tags: ['cvtheque'],
  summary:
    'Chercher dans la CVthèque (recruteurs d’une entreprise vérifiée, administrateurs ; 403 pour les autres). `q` : mots tous requis (`mode=all`, par défaut), "expression exacte", -exclusion, OR ; `mode=any` : mots facultatifs, les profils qui en ont le plus d’abord. Pluriels et métiers au féminin trouvés. `near` (codes INSEE ou postaux, séparés par des virgules) + `radiusKm` (0–100, 10 par défaut ; le rayon de la personne s’y ajoute), `department`. Filtres avec leurs nombres (`facets`). Seulement les profils dont la personne a donné son accord ; la RQTH seulement si elle l’a partagée. Chaque recherche rejoint l’historique de l’appelant.',
  request: { query: cvthequeQuery },
  responses: { 200: { description: 'Une page de profils et les nombres des filtres', ...json(cvthequeList) } },
});
document({
  method: 'get',
  path: '/cvtheque/history',
  tags: ['cvtheque'],
  summary: 'Mes dernières recherches dans la CVthèque (20), la plus récente d’abord, chacune une fois, avec la requête qui la relance.',
  request: { query: historyQuery },
  responses: { 200: { description: 'Historique', ...json(cvthequeHistory) } },
});
document({
  method: 'delete',
  path: '/cvtheque/history',
  tags: ['cvtheque'],
  summary: 'Effacer tout mon historique de recherches. Sans corps (400 sinon).',
  responses: { 204: { description: 'Effacé' } },
});
document({
  method: 'delete',
  path: '/cvtheque/history/{id}',
  tags: ['cvtheque'],
  summary: 'Effacer une recherche de mon historique (404 si elle n’est pas la mienne). Sans corps (400 sinon).',
  request: { params: idParam },
  responses: { 204: { description: 'Effacée' } },
});

/** Nothing to say to a removal: a body (even {}) is a request misunderstood, not ignored. */
function refuseBody(req: Request) {
  if (Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined) {
    throw new HttpError('VALIDATION_FAILED', 'corps de la requête : cette action n’en prend pas (DELETE sans corps).');
  }
}

export function cvthequeRoutes(service: ReturnType<typeof cvthequeService>): Router {
  const router = Router();
  router.get('/cvtheque', async (req, res) => {
    const user = requireUser(req);
    const viewer = await service.viewer(user); // 403 before any look at the query
    res.json(await service.search(user, viewer, parseQuery(cvthequeQuery, req)));
  });
  router.get('/cvtheque/history', async (req, res) => {
    const user = requireUser(req);
    await service.viewer(user);
    parseQuery(historyQuery, req);
    res.json(await service.history(user));
  });
  router.delete('/cvtheque/history', async (req, res) => {
    const user = requireUser(req);
    await service.viewer(user);
    refuseBody(req);
    await service.forget(user, null);
    res.status(204).end();
  });
  router.delete('/cvtheque/history/:id', async (req, res) => {
    const user = requireUser(req);
    await service.viewer(user);
    refuseBody(req);
    await service.forget(user, parseId(req.params.id, 'Recherche'));
    res.status(204).end();
  });
  return router;
}
