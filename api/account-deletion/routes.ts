// The signed-in person's account deletion: DELETE /api/me (202, scheduled after a grace period),
// GET /api/me/deletion, POST /api/me/deletion/cancel. Thin over service.ts.
import { Router } from 'express';
import type { ZodType } from 'zod';
import { requireUser } from '../auth.js';
import { document } from '../openapi.js';
import { parseBody } from '../validation.js';
import { accountDeletionAnswer, cancelDeletionBody, deleteMeBody } from './schemas.js';
import type { accountDeletionService } from './service.js';

const json = (schema: ZodType) => ({ content: { 'application/json': { schema } } });

document({
  method: 'delete',
  path: '/me',
  tags: ['session'],
  summary:
    'Supprimer son compte : programmée après un délai de grâce (30 jours), annulable jusque-là ; puis candidatures en cours retirées, demandes de parrainage retirées, documents supprimés, données personnelles anonymisées. Une seconde demande pendant le délai renvoie la même programmation. 409 pour un référent qui suit encore des candidats, un chargé de mission qui a des référents, le dernier administrateur.',
  request: { body: { required: false, ...json(deleteMeBody) } },
  responses: { 202: { description: 'Suppression programmée', ...json(accountDeletionAnswer) } },
});
document({ method: 'get', path: '/me/deletion', tags: ['session'], summary: 'La suppression de son compte : programmée (date), annulée, faite ; null si jamais demandée', responses: { 200: { description: 'État', ...json(accountDeletionAnswer) } } });
document({
  method: 'post',
  path: '/me/deletion/cancel',
  tags: ['session'],
  summary: 'Annuler la suppression programmée de son compte (404 si aucune ; 409 une fois commencée)',
  request: { body: { required: false, ...json(cancelDeletionBody) } },
  responses: { 200: { description: 'Suppression annulée', ...json(accountDeletionAnswer) } },
});

export function accountDeletionRoutes(service: ReturnType<typeof accountDeletionService>): Router {
  const router = Router();

  router.delete('/me', async (req, res) => {
    const user = requireUser(req);
    parseBody(deleteMeBody, req);
    res.status(202).json({ deletion: await service.schedule(user) });
  });

  router.get('/me/deletion', async (req, res) => {
    const user = requireUser(req);
    res.json({ deletion: await service.get(user) });
  });

  router.post('/me/deletion/cancel', async (req, res) => {
    const user = requireUser(req);
    parseBody(cancelDeletionBody, req);
    res.json({ deletion: await service.cancel(user) });
  });

  return router;
}
