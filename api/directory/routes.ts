// /api/directory: thin HTTP over the directories (api/directory/service.ts says who reads them).
import { Router } from 'express';
import { z } from 'zod';
import { requireUser } from '../auth.js';
import { document } from '../openapi.js';
import { parseQuery } from '../validation.js';
import { companyDirectory, companyDirectoryQuery, referentDirectory, referentDirectoryQuery } from './schemas.js';
import type { directoryService } from './service.js';

const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
const readers = 'Référents, chargés de mission, recruteurs et administrateurs (candidats : 403).';

document({
  method: 'get',
  path: '/directory/referents',
  tags: ['directory'],
  summary: `Annuaire des référents et chargés de mission qui ont consenti à y figurer (q : nom, établissement ou fonction, sans tenir compte des accents ; department : numéros ou noms séparés par des virgules). ${readers}`,
  request: { query: referentDirectoryQuery },
  responses: { 200: { description: 'Page de l’annuaire', ...json(referentDirectory) } },
});
document({
  method: 'get',
  path: '/directory/companies',
  tags: ['directory'],
  summary: `Annuaire des employeurs : entreprises vérifiées (q : nom), leurs offres en ligne et ceux de leurs recruteurs qui ont consenti à y figurer. ${readers}`,
  request: { query: companyDirectoryQuery },
  responses: { 200: { description: 'Page de l’annuaire', ...json(companyDirectory) } },
});

export function directoryRoutes(service: ReturnType<typeof directoryService>): Router {
  const router = Router();
  router.get('/directory/referents', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.referents(user, parseQuery(referentDirectoryQuery, req)));
  });
  router.get('/directory/companies', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.companies(user, parseQuery(companyDirectoryQuery, req)));
  });
  return router;
}
