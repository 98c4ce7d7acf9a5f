// /api/mission: thin HTTP over the mission officer's référents (api/mission/service.ts).
import { Router } from 'express';
import { z } from 'zod';
import { requireUser } from '../auth.js';
import { HttpError } from '../errors.js';
import { idempotentId, type Idempotent } from '../idempotency.js';
import { document } from '../openapi.js';
import { limiter } from '../rate-limit.js';
import { parseBody, parseId, parseQuery } from '../validation.js';
import {
  createReferentBody,
  disableReferentBody,
  disabledReferent,
  listReferentsQuery,
  reassignCandidateBody,
  reassignedCandidate,
  referentDetail,
  referentItem,
  referentList,
} from './schemas.js';
import type { missionService } from './service.js';

const idParam = z.object({ id: z.uuid() });
const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
const tags = ['mission'];

document({ method: 'get', path: '/mission/referents', tags, summary: 'Les référents de mon réseau (chargé de mission ; tous pour un administrateur), avec leurs candidats suivis et les candidatures qui attendent leur validation', request: { query: listReferentsQuery }, responses: { 200: { description: 'Page de référents', ...json(referentList) } } });
document({ method: 'get', path: '/mission/referents/{id}', tags, summary: 'Un référent de mon réseau et les candidats qu’il suit', request: { params: idParam }, responses: { 200: { description: 'Référent', ...json(referentDetail) } } });
document({ idempotent: true, method: 'post', path: '/mission/referents', tags, summary: 'Créer un compte référent dans mon réseau : mot de passe provisoire envoyé par e-mail, à changer à la première connexion ; 409 si l’adresse a déjà un compte', request: { body: json(createReferentBody) }, responses: { 201: { description: 'Référent créé', ...json(referentItem) } } });
document({ method: 'post', path: '/mission/referents/{id}/disable', tags, summary: 'Désactiver un référent (plus de connexion, sessions fermées) ; 409 s’il suit encore des candidats, sauf à les confier dans la même demande (reassignTo)', request: { params: idParam, body: json(disableReferentBody) }, responses: { 200: { description: 'Référent désactivé', ...json(disabledReferent) } } });
document({ method: 'post', path: '/mission/referents/{id}/enable', tags, summary: 'Réactiver un référent', request: { params: idParam }, responses: { 200: { description: 'Référent actif', ...json(referentItem) } } });
document({ method: 'post', path: '/mission/candidates/{id}/referent', tags, summary: 'Confier un candidat à un autre référent de mon réseau : ses candidatures et demandes de parrainage en cours le suivent', request: { params: idParam, body: json(reassignCandidateBody) }, responses: { 200: { description: 'Candidat confié', ...json(reassignedCandidate) } } });

export function missionRoutes(service: ReturnType<typeof missionService>, idempotent: Idempotent): Router {
  const router = Router();
  // Accounts made by one person: a bound against a script, far above a day's real work (as for candidates).
  const createLimiter = limiter({ name: 'create-referent', windowMs: 60 * 60_000, limit: 60, by: 'person', message: 'Trop de comptes créés en peu de temps : réessayez dans une heure.' });
  /** The role first (403 whatever the id), then the id (404 when it names nothing one may see). */
  const idOf = (req: Parameters<typeof requireUser>[0], what: string) => {
    service.network(requireUser(req));
    return parseId(req.params.id, what);
  };

  router.get('/mission/referents', async (req, res) => {
    res.json(await service.list(requireUser(req), parseQuery(listReferentsQuery, req)));
  });

  router.get('/mission/referents/:id', async (req, res) => {
    const id = idOf(req, 'Référent');
    res.json(await service.get(requireUser(req), id));
  });

  // The key before the limit: a replayed answer creates no account (a 429 is not kept: a retry runs again).
  router.post('/mission/referents', idempotent(), createLimiter, async (req, res) => {
    const user = requireUser(req);
    service.network(user);
    res.status(201).json(await service.create(user, parseBody(createReferentBody, req), idempotentId(req, 'user')));
  });

  router.post('/mission/referents/:id/disable', async (req, res) => {
    const id = idOf(req, 'Référent');
    res.json(await service.disable(requireUser(req), id, parseBody(disableReferentBody, req)));
  });

  router.post('/mission/referents/:id/enable', async (req, res) => {
    const id = idOf(req, 'Référent');
    res.json(await service.enable(requireUser(req), id));
  });

  router.post('/mission/candidates/:id/referent', async (req, res) => {
    const id = idOf(req, 'Candidat');
    res.json(await service.reassign(requireUser(req), id, parseBody(reassignCandidateBody, req)));
  });

  return router;
}
