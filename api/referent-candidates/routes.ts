// /api/referent/candidates: thin HTTP over the référent's candidates.
import { Router } from 'express';
import { z } from 'zod';
import { requireUser } from '../auth.js';
import { HttpError } from '../errors.js';
import { idempotentId, type Idempotent } from '../idempotency.js';
import { document } from '../openapi.js';
import { limiter } from '../rate-limit.js';
import { parseBody, parseId, parseQuery } from '../validation.js';
import { createCandidateBody, createdCandidate, listReferentCandidatesQuery, referentCandidateList, referentCandidateView } from './schemas.js';
import type { referentCandidateService } from './service.js';
import { passwordResetAnswer } from '../password-reset/schemas.js';

const idParam = z.object({ id: z.uuid() });
const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });

document({ method: 'get', path: '/referent/candidates', tags: ['candidates'], summary: 'Les candidats suivis : ceux du référent, ceux des référents du chargé de mission, tous pour un administrateur (q : nom, e-mail ou ville)', request: { query: listReferentCandidatesQuery }, responses: { 200: { description: 'Page de candidats', ...json(referentCandidateList) } } });
document({ method: 'get', path: '/referent/candidates/{id}', tags: ['candidates'], summary: 'Un candidat suivi et ses documents', request: { params: idParam }, responses: { 200: { description: 'Candidat', ...json(referentCandidateView) } } });
document({ idempotent: true, method: 'post', path: '/referent/candidates', tags: ['candidates'], summary: 'Créer un compte candidat (référent) : la personne reçoit un mot de passe provisoire par e-mail et le change à sa première connexion ; 409 si l’adresse a déjà un compte', request: { body: json(createCandidateBody) }, responses: { 201: { description: 'Compte créé', ...json(createdCandidate) } } });

document({
  method: 'post',
  path: '/referent/candidates/{id}/password-reset',
  tags: ['candidates'],
  summary:
    'Envoyer au candidat suivi un lien pour choisir un nouveau mot de passe (le même que « Mot de passe oublié ? », qui dit qui l’envoie) : son référent, le chargé de mission de ce référent, un administrateur ; 404 pour un autre candidat.',
  request: { params: idParam },
  responses: { 202: { description: 'Lien envoyé', ...json(passwordResetAnswer) } },
});

export function referentCandidateRoutes(service: ReturnType<typeof referentCandidateService>, idempotent: Idempotent): Router {
  const router = Router();
  // Accounts made by one référent: a bound against a script, far above a day's real work.
  const createLimiter = limiter({ name: 'create-candidate', windowMs: 60 * 60_000, limit: 60, by: 'person', message: 'Trop de comptes créés en peu de temps : réessayez dans une heure.' });

  router.get('/referent/candidates', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.list(user, parseQuery(listReferentCandidatesQuery, req)));
  });

  router.get('/referent/candidates/:id', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.get(user, parseId(req.params.id, 'Candidat')));
  });

  // The key before the limit: a replayed answer creates no account (a 429 is not kept: a retry runs again).
  router.post('/referent/candidates', idempotent(), createLimiter, async (req, res) => {
    const user = requireUser(req);
    res.status(201).json(await service.create(user, parseBody(createCandidateBody, req), idempotentId(req, 'user')));
  });

  // A bound per référent, like account creation: a link a day per candidate is already generous.
  const resetLimiter = limiter({ name: 'candidate-password-reset', windowMs: 60 * 60_000, limit: 30, by: 'person', message: 'Trop de liens envoyés en peu de temps : réessayez dans une heure.' });

  router.post('/referent/candidates/:id/password-reset', resetLimiter, async (req, res) => {
    const user = requireUser(req);
    res.status(202).json(await service.sendPasswordReset(user, parseId(req.params.id, 'Candidat')));
  });

  return router;
}
