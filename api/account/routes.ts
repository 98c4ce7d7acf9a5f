// PATCH /api/me: « Mon compte » (GET /api/me is in api/auth.ts and returns the same fields).
import { Router } from 'express';
import { z } from 'zod';
import { meAnswer, meSchema, requireUser } from '../auth.js';
import { HttpError, invalidField } from '../errors.js';
import { document } from '../openapi.js';
import { parseBody } from '../validation.js';
import { updateMeBody } from './schemas.js';
import type { accountService } from './service.js';

const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });

document({
  method: 'patch',
  path: '/me',
  tags: ['session'],
  summary:
    'Modifier son compte (« Mon compte ») : seuls les champs envoyés changent ; un texte vide efface le champ. directoryConsent : true donne le consentement à figurer dans l’annuaire (l’heure est conservée), false le retire aussitôt. L’adresse e-mail ne se modifie pas ici (400 sur le champ email).',
  request: { body: json(updateMeBody) },
  responses: { 200: { description: 'Le compte tel qu’il est maintenant', ...json(meSchema) } },
});

export function accountRoutes(service: ReturnType<typeof accountService>): Router {
  const router = Router();
  router.patch('/me', async (req, res) => {
    const user = requireUser(req);
    // api/auth.ts lets /me through while the password is temporary (to read who one is), not to edit it.
    if (user.mustChangePassword) throw new HttpError('FORBIDDEN', 'Votre mot de passe est provisoire : choisissez votre propre mot de passe avant de modifier votre compte.', { mustChangePassword: true });
    const body: unknown = req.body;
    if (body && typeof body === 'object' && 'email' in body) {
      throw invalidField('email', 'l’adresse e-mail ne se modifie pas depuis « Mon compte » : demandez-le à l’administrateur de la plateforme.');
    }
    const updated = await service.update(user, parseBody(updateMeBody, req));
    res.json(await meAnswer(updated));
  });
  return router;
}
