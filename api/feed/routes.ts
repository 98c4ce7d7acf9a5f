// GET /api/feed: thin HTTP over the feed service.
import { Router } from 'express';
import { requireUser } from '../auth.js';
import { document } from '../openapi.js';
import { parseQuery } from '../validation.js';
import { feedList, feedQuery } from './schemas.js';
import type { feedService } from './service.js';

document({
  method: 'get',
  path: '/feed',
  tags: ['feed'],
  summary:
    'Fil d’activité (toute personne connectée) : les derniers événements de ce que je suis, les plus récents d’abord — recruteur : candidatures reçues et offres de mon entreprise ; référent : candidatures et parrainages de mes candidats ; chargé de mission : ceux de mon réseau ; candidat : les miens ; administrateur : tous.',
  request: { query: feedQuery },
  responses: { 200: { description: 'Page d’événements', content: { 'application/json': { schema: feedList } } } },
});

export function feedRoutes(service: ReturnType<typeof feedService>): Router {
  const router = Router();
  router.get('/feed', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.list(user, parseQuery(feedQuery, req)));
  });
  return router;
}
