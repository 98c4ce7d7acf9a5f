// The candidate profile of the CVthèque: the candidate's own (« Mon profil »), a followed candidate's
// (their référent writes; the référent's mission officer and admins read), and the communes' picker.
import { Router } from 'express';
import { z } from 'zod';
import { requireUser } from '../auth.js';
import { document } from '../openapi.js';
import { parseBody, parseId, parseQuery } from '../validation.js';
import { communesQuery, communesView, profileBody, profileView } from './schemas.js';
import type { profileService } from './service.js';

const idParam = z.object({ id: z.uuid() });
const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
const answer = { 200: { description: 'Le profil tel qu’enregistré, ses deux accords et leur historique', ...json(profileView) } };
const SAVE =
  'Enregistrer, entier, le profil de CVthèque : présentation, métiers (codes ROME), compétences, expériences, diplômes et niveau, langues, permis, contrats, temps de travail, télétravail, disponibilité, commune, lieux souhaités (code INSEE et rayon de 0 à 100 km, 5 au plus), RQTH, et les deux accords séparés cvthequeVisible et rqthShared (false retire l’accord aussitôt ; chaque accord donné ou retiré est journalisé avec sa date).';

document({ method: 'get', path: '/me/profile', tags: ['profiles'], summary: 'Mon profil de CVthèque (candidat)', responses: answer });
document({ method: 'put', path: '/me/profile', tags: ['profiles'], summary: `${SAVE} Candidat.`, request: { body: json(profileBody) }, responses: answer });
document({
  method: 'get',
  path: '/referent/candidates/{id}/profile',
  tags: ['profiles'],
  summary: 'Le profil de CVthèque d’un candidat suivi (son référent, le chargé de mission de ce référent, un administrateur) ; 404 pour un autre candidat',
  request: { params: idParam },
  responses: answer,
});
document({
  method: 'put',
  path: '/referent/candidates/{id}/profile',
  tags: ['profiles'],
  summary: `${SAVE} Le référent du candidat : il peut retirer un accord, jamais le donner (403) ; 404 pour un autre candidat.`,
  request: { params: idParam, body: json(profileBody) },
  responses: answer,
});
document({
  method: 'get',
  path: '/communes',
  tags: ['profiles'],
  summary: 'Communes dont le nom ou le code postal commence par q (10 au plus, les plus peuplées d’abord) ; « approximate » : position estimée',
  request: { query: communesQuery },
  responses: { 200: { description: 'Communes', ...json(communesView) } },
});

export function profileRoutes(service: ReturnType<typeof profileService>): Router {
  const router = Router();
  router.get('/me/profile', async (req, res) => {
    res.json(await service.mine(requireUser(req)));
  });
  router.put('/me/profile', async (req, res) => {
    const user = requireUser(req);
    service.mayWriteOwn(user);
    res.json(await service.saveMine(user, parseBody(profileBody, req)));
  });
  router.get('/referent/candidates/:id/profile', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.ofFollowed(user, parseId(req.params.id, 'Candidat')));
  });
  router.put('/referent/candidates/:id/profile', async (req, res) => {
    const user = requireUser(req);
    const id = parseId(req.params.id, 'Candidat');
    service.mayWriteFollowed(user);
    res.json(await service.saveFollowed(user, id, parseBody(profileBody, req)));
  });
  router.get('/communes', async (req, res) => {
    requireUser(req);
    res.json(await service.communes(parseQuery(communesQuery, req).q));
  });
  return router;
}
