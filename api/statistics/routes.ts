// /api/statistics: thin HTTP over the statistics of those who steer (api/statistics/service.ts).
import { Router } from 'express';
import { requireUser } from '../auth.js';
import { document } from '../openapi.js';
import { parseQuery } from '../validation.js';
import { statistics, statisticsQuery } from './schemas.js';
import type { statisticsService } from './service.js';

document({
  method: 'get',
  path: '/statistics',
  tags: ['statistics'],
  summary:
    'Statistiques des candidatures sur une période (par défaut les 12 derniers mois ; un jour donné pour « to » est inclus) : entrées dans chaque statut et recrutements par mois (heure de Paris), durée médiane passée dans chaque statut, validations du référent dans le délai, motifs de refus. Administrateurs : toute la plateforme ; chargé de mission : les candidatures de son réseau ; autres rôles 403.',
  request: { query: statisticsQuery },
  responses: { 200: { description: 'Statistiques de la période', content: { 'application/json': { schema: statistics } } } },
});

export function statisticsRoutes(service: ReturnType<typeof statisticsService>): Router {
  const router = Router();
  router.get('/statistics', async (req, res) => {
    const user = requireUser(req);
    const scope = service.scope(user);
    res.json(await service.compute(scope, parseQuery(statisticsQuery, req)));
  });
  return router;
}
