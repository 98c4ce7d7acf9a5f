// /api/public: what anyone may read without signing in (PRODUCT.md « Public showcase »). Mounted before
// the session (api/app.ts): these answers never depend on who asks and never carry a cookie, so shared
// caches may keep them a minute (Cache-Control public, and Express's ETag answers a revalidation with 304).
// One ceiling per client address for every /api/public request that reaches this router.
import { Router, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { Config } from '../../config/env.js';
import type { ApiDeps } from '../app.js';
import { HttpError } from '../errors.js';
import { offerService } from '../offers/service.js';
import { document } from '../openapi.js';
import { limiter } from '../rate-limit.js';
import { parseId, parseQuery } from '../validation.js';
import { publicOfferList, publicOfferView, publicOffersQuery } from './schemas.js';
import { publicService } from './service.js';

const idParam = z.object({ id: z.uuid() });
const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
const cached = { headers: z.object({ 'Cache-Control': z.string().meta({ example: 'public, max-age=60' }), ETag: z.string() }) };

document({ method: 'get', path: '/public/offers', tags: ['public'], summary: 'Offres publiées, sans connexion : mêmes filtres et même recherche que GET /offers (q, department, contractType, remote, page, pageSize) ; limité par adresse IP, mis en cache une minute', request: { query: publicOffersQuery }, responses: { 200: { description: 'Page d’offres publiées (ce que montre l’annonce)', ...cached, ...json(publicOfferList) } } });
document({ method: 'get', path: '/public/offers/{id}', tags: ['public'], summary: 'Une offre publiée, sans connexion ; 404 pour toute autre (brouillon, en modération, refusée, expirée, archivée)', request: { params: idParam }, responses: { 200: { description: 'L’offre', ...cached, ...json(publicOfferView) } } });

/**
 * Anyone, per address of origin and minute, over all of `/api/public` (offers, company pages and
 * their images): a ceiling for scrapers, not for people browsing.
 */
export function publicRateLimit(config: Pick<Config, 'PUBLIC_REQUESTS_PER_MINUTE'>): RequestHandler {
  return limiter({
    name: 'public',
    windowMs: 60_000,
    limit: config.PUBLIC_REQUESTS_PER_MINUTE,
    by: 'address',
    message: 'Trop de requêtes depuis votre connexion : patientez une minute avant de reprendre votre recherche.',
  });
}

/** Public answers: any cache may keep them a minute (the ETag lets it ask again cheaply). */
export const publicCache = (res: Response) => res.set('Cache-Control', 'public, max-age=60');

export function publicRoutes(deps: ApiDeps): Router {
  const service = publicService({ offers: offerService(deps) });
  const router = Router();
  router.use('/public', publicRateLimit(deps.config));

  router.get('/public/offers', async (req, res) => {
    const query = parseQuery(publicOffersQuery, req);
    publicCache(res).json(await service.listOffers(query));
  });

  router.get('/public/offers/:id', async (req, res) => {
    const offer = await service.getOffer(parseId(req.params.id, 'Offre'));
    publicCache(res).json(offer);
  });

  return router;
}
