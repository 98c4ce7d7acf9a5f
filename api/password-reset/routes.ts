// « Mot de passe oublié ? » (PRODUCT.md, Wave 2): ask for a link (202 whatever the address), then set a
// new password with it. Thin HTTP over the password reset service; throttled per client address and
// per e-mail address.
import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../../config/env.js';
import { HttpError } from '../errors.js';
import { document } from '../openapi.js';
import { limiter } from '../rate-limit.js';
import { parseBody } from '../validation.js';
import { passwordResetAnswer, passwordResetBody, passwordResetConfirmBody } from './schemas.js';
import type { passwordResetService } from './service.js';

const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });

document({
  method: 'post',
  path: '/auth/password-reset',
  tags: ['session'],
  summary:
    'Mot de passe oublié : si un compte actif utilise cette adresse, un lien à usage unique lui est envoyé par e-mail (valable PASSWORD_RESET_TTL, 1 h par défaut). La même réponse 202, dans le même temps, que l’adresse ait un compte ou non. Limité par adresse IP et par adresse e-mail (429 au-delà).',
  request: { body: json(passwordResetBody) },
  responses: { 202: { description: 'Demande prise en compte', ...json(passwordResetAnswer) } },
});
document({
  method: 'post',
  path: '/auth/password-reset/confirm',
  tags: ['session'],
  summary:
    'Choisir un nouveau mot de passe avec le lien reçu (token). Le lien ne sert qu’une fois ; les autres liens du compte cessent de fonctionner, ses sessions sont fermées, le blocage de connexion de l’adresse est levé, et un e-mail « mot de passe changé » est envoyé. 400 sur le champ token (details.token : INVALID, USED ou EXPIRED) ou password (la règle des mots de passe).',
  request: { body: json(passwordResetConfirmBody) },
  responses: { 200: { description: 'Mot de passe changé', ...json(passwordResetAnswer) } },
});

export function passwordResetRoutes(service: ReturnType<typeof passwordResetService>, config: Pick<Config, 'PASSWORD_RESETS_PER_ADDRESS' | 'PASSWORD_RESETS_PER_EMAIL'>): Router {
  const router = Router();
  // Each request may send a mail: a ceiling per client address, and one per e-mail address so that
  // nobody's inbox can be flooded from many places. Both count whether the address has an account.
  const perClient = limiter({
    name: 'password-reset',
    windowMs: 15 * 60_000,
    limit: config.PASSWORD_RESETS_PER_ADDRESS,
    by: 'address',
    message: 'Trop de demandes depuis votre connexion : réessayez dans quelques minutes.',
  });
  const perEmail = limiter({
    name: 'password-reset-email',
    windowMs: 60 * 60_000,
    limit: config.PASSWORD_RESETS_PER_EMAIL,
    by: (req) => String((req.body as { email?: unknown } | undefined)?.email ?? '').trim().toLowerCase().slice(0, 320),
    message: 'Plusieurs liens ont déjà été demandés pour cette adresse dans l’heure : utilisez le dernier reçu, ou réessayez dans une heure.',
  });
  // Tokens cannot be guessed (256 bits); the bound keeps the hashing of new passwords cheap to serve.
  const confirmLimiter = limiter({
    name: 'password-reset-confirm',
    windowMs: 15 * 60_000,
    limit: config.PASSWORD_RESETS_PER_ADDRESS * 3,
    by: 'address',
    message: 'Trop de tentatives depuis votre connexion : réessayez dans quelques minutes.',
  });

  router.post('/auth/password-reset', perClient, perEmail, async (req, res) => {
    const { email } = parseBody(passwordResetBody, req);
    res.status(202).json(await service.request(email));
  });

  router.post('/auth/password-reset/confirm', confirmLimiter, async (req, res) => {
    const { token, password } = parseBody(passwordResetConfirmBody, req);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await service.confirm(token, password));
  });

  return router;
}
