// Accommodation needs for interviews: the candidate's (« Mes besoins pour les entretiens »), a followed
// candidate's (référent, mission officer) and an application's, for the inviting company only.
import { Router } from 'express';
import { z } from 'zod';
import { requireUser } from '../auth.js';
import { document } from '../openapi.js';
import { parseBody, parseId } from '../validation.js';
import { accommodationsBody, accommodationsView, sharedAccommodationsView } from './schemas.js';
import type { accommodationService } from './service.js';

const idParam = z.object({ id: z.uuid() });
const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
const answer = { 200: { description: 'Les besoins tels qu’enregistrés', ...json(accommodationsView) } };
const SAVE =
  'Enregistrer, entiers, les besoins d’aménagement pour les entretiens : needs (liste), details (texte libre, 1 000 caractères au plus ; obligatoire avec « OTHER »), shareWithCompanies (consentement à les communiquer aux entreprises qui invitent la personne à un entretien ; false le retire aussitôt).';

document({ method: 'get', path: '/me/accommodations', tags: ['accommodations'], summary: 'Mes besoins d’aménagement pour les entretiens (candidat)', responses: answer });
document({ method: 'put', path: '/me/accommodations', tags: ['accommodations'], summary: `${SAVE} Candidat.`, request: { body: json(accommodationsBody) }, responses: answer });
document({
  method: 'get',
  path: '/referent/candidates/{id}/accommodations',
  tags: ['accommodations'],
  summary: 'Les besoins d’aménagement d’un candidat suivi (son référent, le chargé de mission de ce référent) ; 404 pour un autre candidat',
  request: { params: idParam },
  responses: answer,
});
document({
  method: 'put',
  path: '/referent/candidates/{id}/accommodations',
  tags: ['accommodations'],
  summary: `${SAVE} Le référent du candidat ou son chargé de mission ; 404 pour un autre candidat.`,
  request: { params: idParam, body: json(accommodationsBody) },
  responses: answer,
});
document({
  method: 'get',
  path: '/applications/{id}/accommodations',
  tags: ['accommodations'],
  summary:
    'Les besoins d’aménagement indiqués par la personne, pour préparer son entretien : seulement les recruteurs de l’entreprise de la candidature, de son acceptation à l’entretien effectué, et seulement si la personne consent à les partager ; 404 dans tous les autres cas.',
  request: { params: idParam },
  responses: { 200: { description: 'Besoins partagés', ...json(sharedAccommodationsView) } },
});

export function accommodationRoutes(service: ReturnType<typeof accommodationService>): Router {
  const router = Router();
  router.get('/me/accommodations', async (req, res) => {
    res.json(await service.mine(requireUser(req)));
  });
  router.put('/me/accommodations', async (req, res) => {
    const user = requireUser(req);
    service.mayWriteOwn(user);
    res.json(await service.saveMine(user, parseBody(accommodationsBody, req)));
  });
  router.get('/referent/candidates/:id/accommodations', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.ofFollowed(user, parseId(req.params.id, 'Candidat')));
  });
  router.put('/referent/candidates/:id/accommodations', async (req, res) => {
    const user = requireUser(req);
    const id = parseId(req.params.id, 'Candidat');
    service.mayWriteFollowed(user);
    res.json(await service.saveFollowed(user, id, parseBody(accommodationsBody, req)));
  });
  router.get('/applications/:id/accommodations', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.forApplication(user, parseId(req.params.id, 'Candidature')));
  });
  return router;
}
