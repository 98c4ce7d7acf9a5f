// /api/offers (and /api/company/offers): thin HTTP over the offer service.
import { Router } from 'express';
import { z } from 'zod';
import { requireUser } from '../auth.js';
import { idempotentId, transitionUpdateId, type Idempotent } from '../idempotency.js';
import { document } from '../openapi.js';
import { parseBody, parseId, parseQuery } from '../validation.js';
import {
  companyOffersQuery,
  createOfferBody,
  listOffersQuery,
  moderationQueueQuery,
  offerList,
  offerTransitionBody,
  offerView,
  updateOfferBody,
} from './schemas.js';
import type { offerService } from './service.js';

const idParam = z.object({ id: z.uuid() });
const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });

document({ method: 'get', path: '/offers', tags: ['offers'], summary: 'Offres publiées, les plus récentes d’abord (toute personne connectée). q : mots cherchés dans l’intitulé, la description, le métier et la ville ; department, contractType et remote : une valeur ou plusieurs séparées par des virgules', request: { query: listOffersQuery }, responses: { 200: { description: 'Page d’offres publiées', ...json(offerList) } } });
document({ method: 'get', path: '/offers/moderation', tags: ['offers'], summary: 'File de modération (administrateurs) : offres en attente (PENDING_MODERATION), la plus ancienne d’abord, avec leur nombre d’avertissements', request: { query: moderationQueueQuery }, responses: { 200: { description: 'Page d’offres à modérer', ...json(offerList) } } });
document({ method: 'get', path: '/company/offers', tags: ['offers'], summary: 'Les offres de mon entreprise, tous statuts (recruteurs) ; status : un statut ou plusieurs séparés par des virgules', request: { query: companyOffersQuery }, responses: { 200: { description: 'Page d’offres de l’entreprise', ...json(offerList) } } });
document({ idempotent: true, method: 'post', path: '/offers', tags: ['offers'], summary: 'Déposer une offre en brouillon (recruteur d’une entreprise vérifiée) ; la réponse signale les points à revoir (warnings) avant de la soumettre', request: { body: json(createOfferBody) }, responses: { 201: { description: 'Offre créée (DRAFT)', ...json(offerView) } } });
document({ method: 'get', path: '/offers/{id}', tags: ['offers'], summary: 'Une offre : publiée pour toute personne connectée ; en tout état pour les recruteurs de l’entreprise et les administrateurs', request: { params: idParam }, responses: { 200: { description: 'Offre', ...json(offerView) } } });
document({ method: 'patch', path: '/offers/{id}', tags: ['offers'], summary: 'Modifier une offre en brouillon ou refusée (recruteurs de l’entreprise) ; 409 dans les autres états', request: { params: idParam, body: json(updateOfferBody) }, responses: { 200: { description: 'Offre modifiée', ...json(offerView) } } });
document({ idempotent: true, method: 'post', path: '/offers/{id}/duplicate', tags: ['offers'], summary: 'Dupliquer une offre (recruteurs de l’entreprise, tout état) : un nouveau brouillon, duplicatedFrom pointant l’original', request: { params: idParam }, responses: { 201: { description: 'Copie créée (DRAFT)', ...json(offerView) } } });
document({ idempotent: true, method: 'post', path: '/offers/{id}/transitions', tags: ['offers'], summary: 'Faire avancer l’offre : submit, approve, reject (reason obligatoire), archive', request: { params: idParam, body: json(offerTransitionBody) }, responses: { 200: { description: 'L’offre après l’action (status, history, allowedActions, warnings)', ...json(offerView) } } });

export function offerRoutes(service: ReturnType<typeof offerService>, idempotent: Idempotent): Router {
  const router = Router();

  router.get('/offers', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.listPublished(user, parseQuery(listOffersQuery, req)));
  });

  // Before /offers/:id, which it would otherwise match.
  router.get('/offers/moderation', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.moderationQueue(user, parseQuery(moderationQueueQuery, req)));
  });

  router.get('/company/offers', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.listCompany(user, parseQuery(companyOffersQuery, req)));
  });

  router.post('/offers', idempotent(), async (req, res) => {
    const user = requireUser(req);
    res.status(201).json(await service.create(user, () => parseBody(createOfferBody, req), idempotentId(req, 'offer')));
  });

  router.get('/offers/:id', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.get(user, parseId(req.params.id, 'Offre')));
  });

  router.patch('/offers/:id', async (req, res) => {
    const user = requireUser(req);
    const id = parseId(req.params.id, 'Offre');
    res.json(await service.update(user, id, () => parseBody(updateOfferBody, req)));
  });

  router.post('/offers/:id/duplicate', idempotent(), async (req, res) => {
    const user = requireUser(req);
    res.status(201).json(await service.duplicate(user, parseId(req.params.id, 'Offre'), idempotentId(req, 'offer')));
  });

  router.post('/offers/:id/transitions', idempotent(), async (req, res) => {
    const user = requireUser(req);
    const id = parseId(req.params.id, 'Offre');
    // An edit's fields are checked once the caller is known to be allowed to edit: who before what, as for PATCH.
    const body = req.body?.action === 'edit' ? () => parseBody(offerTransitionBody, req) : parseBody(offerTransitionBody, req);
    res.json(await service.transition(user, id, body, transitionUpdateId(req)));
  });

  return router;
}

/** The offer routes over their service, from the API's dependencies (what api/app.ts mounts). */
