// /api/sponsorships: thin HTTP over the sponsorship service.
import { Router } from 'express';
import { z } from 'zod';
import { requireUser } from '../auth.js';
import { idempotentId, transitionUpdateId, type Idempotent } from '../idempotency.js';
import { document } from '../openapi.js';
import { parseBody, parseId, parseQuery } from '../validation.js';
import { createSponsorshipBody, listSponsorshipsQuery, sponsorshipList, sponsorshipTransitionBody, sponsorshipView } from './schemas.js';
import type { sponsorshipService } from './service.js';

const idParam = z.object({ id: z.uuid() });
const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });

document({ idempotent: true, method: 'post', path: '/sponsorships', tags: ['sponsorships'], summary: 'Demander un parrain à une entreprise vérifiée (candidat, ou son référent avec candidateId)', request: { body: json(createSponsorshipBody) }, responses: { 201: { description: 'Demande de parrainage créée', ...json(sponsorshipView) } } });
document({ method: 'get', path: '/sponsorships', tags: ['sponsorships'], summary: 'Demandes de parrainage visibles par l’appelant (recruteur : celles en attente d’abord, les plus anciennes d’abord)', request: { query: listSponsorshipsQuery }, responses: { 200: { description: 'Page de demandes', ...json(sponsorshipList) } } });
document({ method: 'get', path: '/sponsorships/{id}', tags: ['sponsorships'], summary: 'Une demande de parrainage, son historique et les actions permises à l’appelant', request: { params: idParam }, responses: { 200: { description: 'Demande de parrainage', ...json(sponsorshipView) } } });
document({ idempotent: true, method: 'post', path: '/sponsorships/{id}/transitions', tags: ['sponsorships'], summary: 'Répondre à la demande (accept avec sponsorUserId, refuse avec comment) — recruteurs de l’entreprise', request: { params: idParam, body: json(sponsorshipTransitionBody) }, responses: { 200: { description: 'La demande après l’action', ...json(sponsorshipView) } } });

export function sponsorshipRoutes(service: ReturnType<typeof sponsorshipService>, idempotent: Idempotent): Router {
  const router = Router();

  router.post('/sponsorships', idempotent(), async (req, res) => {
    const user = requireUser(req);
    res.status(201).json(await service.create(user, parseBody(createSponsorshipBody, req), idempotentId(req, 'sponsorship')));
  });

  router.get('/sponsorships', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.list(user, parseQuery(listSponsorshipsQuery, req)));
  });

  router.get('/sponsorships/:id', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.get(user, parseId(req.params.id, 'Demande de parrainage')));
  });

  router.post('/sponsorships/:id/transitions', idempotent(), async (req, res) => {
    const user = requireUser(req);
    const id = parseId(req.params.id, 'Demande de parrainage');
    res.json(await service.transition(user, id, parseBody(sponsorshipTransitionBody, req), transitionUpdateId(req)));
  });

  return router;
}

/** The routes wired to their service: what api/app.ts mounts. */
