// GET /api/metiers: thin HTTP over the métier list (the pickers of the profile and of the CVthèque search).
import { Router } from 'express';
import { requireUser } from '../auth.js';
import { document } from '../openapi.js';
import { parseQuery } from '../validation.js';
import { metierList, metierQuery } from './schemas.js';
import type { metierService } from './service.js';

document({
  method: 'get',
  path: '/metiers',
  tags: ['metiers'],
  summary:
    'Métiers du répertoire ROME (toute personne connectée) : recherche pour un sélecteur (appellations au masculin et au féminin, sans accents ; la meilleure correspondance d’abord), ou les fiches de codes déjà choisis (`codes`).',
  request: { query: metierQuery },
  responses: { 200: { description: 'Fiches métiers', content: { 'application/json': { schema: metierList } } } },
});

export function metierRoutes(service: ReturnType<typeof metierService>): Router {
  const router = Router();
  router.get('/metiers', (req, res) => {
    requireUser(req);
    res.json(service.list(parseQuery(metierQuery, req)));
  });
  return router;
}
