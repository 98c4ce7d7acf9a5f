// /api/verified-companies: thin HTTP over the list of companies one may apply to or ask a sponsor of.
import { Router } from 'express';
import { requireUser } from '../auth.js';
import { document } from '../openapi.js';
import { parseQuery } from '../validation.js';
import { listVerifiedCompaniesQuery, verifiedCompanyList } from './schemas.js';
import type { verifiedCompanyService } from './service.js';

document({
  method: 'get',
  path: '/verified-companies',
  tags: ['companies'],
  summary:
    'Entreprises vérifiées, par ordre alphabétique, pour une candidature spontanée ou une demande de parrainage (candidats, référents, administrateurs). q : mots cherchés dans le nom et la ville, sans tenir compte des accents ni des majuscules',
  request: { query: listVerifiedCompaniesQuery },
  responses: { 200: { description: 'Page d’entreprises vérifiées', content: { 'application/json': { schema: verifiedCompanyList } } } },
});

export function verifiedCompanyRoutes(service: ReturnType<typeof verifiedCompanyService>): Router {
  const router = Router();
  router.get('/verified-companies', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.list(user, parseQuery(listVerifiedCompaniesQuery, req)));
  });
  return router;
}
