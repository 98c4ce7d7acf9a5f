// /api/applications/:id/messages and /api/messages: thin HTTP over the message service.
import { Router } from 'express';
import { z } from 'zod';
import { requireUser } from '../auth.js';
import { idempotentId, type Idempotent } from '../idempotency.js';
import { document, errorEnvelope } from '../openapi.js';
import { parseBody, parseId, parseQuery } from '../validation.js';
import { listThreadsQuery, messageView, postMessageBody, threadList, threadQuery, threadView } from './schemas.js';
import type { messageService } from './service.js';

const idParam = z.object({ id: z.uuid() });
const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });

document({
  method: 'get',
  path: '/applications/{id}/messages',
  tags: ['messages'],
  summary:
    'Le fil de messages d’une candidature, pour qui voit la candidature (404 sinon) : messages du plus ancien au plus récent, qui peut les lire (`readers`), qui les a lus, si l’appelant peut écrire. `after` : seulement les messages postérieurs (suivi en direct). Marque le fil comme lu jusqu’au dernier message renvoyé.',
  request: { params: idParam, query: threadQuery },
  responses: { 200: { description: 'Le fil', ...json(threadView) } },
});
document({
  idempotent: true,
  method: 'post',
  path: '/applications/{id}/messages',
  tags: ['messages'],
  summary:
    'Écrire dans le fil (la personne candidate, son référent, les recruteurs de l’entreprise ; 403 pour les autres lecteurs). `documentId` : un document de la personne candidate, joint par elle ou son référent. 409 avant que l’entreprise ait la candidature, et 7 jours après sa clôture.',
  request: { params: idParam, body: json(postMessageBody) },
  responses: {
    201: { description: 'Message enregistré ; ses lecteurs sont prévenus', ...json(messageView) },
    409: { description: 'Le fil ne prend pas de message maintenant (state : NOT_YET ou CLOSED), ou requête de même Idempotency-Key en cours', ...json(errorEnvelope) },
  },
});
document({
  method: 'get',
  path: '/messages',
  tags: ['messages'],
  summary: '« Mes messages » : les fils des candidatures que l’appelant voit et qui ont au moins un message, le plus récemment actif d’abord, avec le nombre de messages non lus.',
  request: { query: listThreadsQuery },
  responses: { 200: { description: 'Fils', ...json(threadList) } },
});

export function messageRoutes(service: ReturnType<typeof messageService>, idempotent: Idempotent): Router {
  const router = Router();

  router.get('/applications/:id/messages', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.thread(user, parseId(req.params.id, 'Candidature'), parseQuery(threadQuery, req)));
  });

  router.post('/applications/:id/messages', idempotent(), async (req, res) => {
    const user = requireUser(req);
    const id = parseId(req.params.id, 'Candidature');
    res.status(201).json(await service.post(user, id, parseBody(postMessageBody, req), idempotentId(req, 'message')));
  });

  router.get('/messages', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.threads(user, parseQuery(listThreadsQuery, req)));
  });

  return router;
}
