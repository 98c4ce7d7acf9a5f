// POST /api/matching: thin HTTP over the matching service (who may search is the CVthèque's rule).
import { Router } from 'express';
import { z } from 'zod';
import { requireUser } from '../auth.js';
import { document } from '../openapi.js';
import { parseBody, parseId, parseQuery } from '../validation.js';
import { matchingBody, matchList, offerMatchesQuery } from './schemas.js';
import type { matchingService } from './service.js';

const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });

document({
  method: 'post',
  path: '/matching',
  tags: ['matching'],
  summary:
    'Matching à partir de critères, sans offre (recruteurs d’une entreprise vérifiée, administrateurs ; 403 pour les autres). Chaque critère est facultatif et peut être indispensable (les profils qui ne le remplissent pas, même approximativement, sont écartés). Les profils dont le score atteint `minScore` (50 par défaut), le meilleur d’abord, chacun avec l’explication critère par critère. Seulement les profils dont la personne a donné son accord ; la RQTH seulement si elle l’a partagée ; aucun nom. Le score aide à décider ; il ne décide pas. Rien n’est modifié.',
  request: { body: json(matchingBody) },
  responses: { 200: { description: 'Une page de profils, du plus compatible au moins compatible', ...json(matchList) } },
});

document({
  method: 'get',
  path: '/offers/{id}/matches',
  tags: ['matching'],
  summary:
    'Les profils les plus compatibles avec une offre (méthode 1 de la CVthèque) : ses critères du profil recherché, son contrat et son télétravail, les critères indispensables d’abord. Recruteurs de l’entreprise de l’offre (entreprise vérifiée ; l’offre d’une autre entreprise : 404) et administrateurs ; 403 pour les autres. `min` : score minimal (50 par défaut). Le score aide à décider ; il ne décide pas. Rien n’est modifié.',
  request: { params: z.object({ id: z.uuid() }), query: offerMatchesQuery },
  responses: { 200: { description: 'Une page de profils, du plus compatible au moins compatible', ...json(matchList) } },
});

export function matchingRoutes(service: ReturnType<typeof matchingService>): Router {
  const router = Router();
  router.post('/matching', async (req, res) => {
    const user = requireUser(req);
    const viewer = await service.viewer(user); // 403 before any look at the body
    const { criteria, minScore, page, pageSize } = parseBody(matchingBody, req);
    res.json(await service.find(criteria, viewer, { minScore, page, pageSize }));
  });
  router.get('/offers/:id/matches', async (req, res) => {
    const user = requireUser(req);
    const viewer = await service.viewer(user);
    const offerId = parseId(req.params.id, 'Offre');
    const { min, page, pageSize } = parseQuery(offerMatchesQuery, req);
    res.json(await service.forOffer(viewer, offerId, { minScore: min, page, pageSize }));
  });
  return router;
}
