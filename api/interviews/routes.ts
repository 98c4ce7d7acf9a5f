// /api/interviews: thin HTTP over the interview calendar.
import { Router } from 'express';
import { requireUser } from '../auth.js';
import { document } from '../openapi.js';
import { parseQuery } from '../validation.js';
import { interviewList, listInterviewsQuery, MAX_RANGE_DAYS } from './schemas.js';
import type { interviewService } from './service.js';

document({
  method: 'get',
  path: '/interviews',
  tags: ['applications'],
  summary: `Les entretiens des candidatures que l’appelant voit, dans l’ordre où ils ont lieu, sur une période de ${MAX_RANGE_DAYS} jours au plus (par défaut : d’un mois avant à un mois après maintenant)`,
  request: { query: listInterviewsQuery },
  responses: { 200: { description: 'Entretiens de la période', content: { 'application/json': { schema: interviewList } } } },
});

export function interviewRoutes(service: ReturnType<typeof interviewService>): Router {
  const router = Router();
  router.get('/interviews', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.list(user, parseQuery(listInterviewsQuery, req)));
  });
  return router;
}
