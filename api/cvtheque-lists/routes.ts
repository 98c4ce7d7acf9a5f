// /api/cvtheque/lists and /api/cvtheque/saved-searches: thin HTTP over the lists service.
import { Router } from 'express';
import { z } from 'zod';
import { requireUser } from '../auth.js';
import { document } from '../openapi.js';
import { parseBody, parseId, parseQuery } from '../validation.js';
import {
  addItemAnswer,
  addItemBody,
  createListBody,
  createSavedSearchBody,
  cvthequeListSummary,
  cvthequeLists,
  cvthequeListView,
  listItemsQuery,
  listsQuery,
  renameListBody,
  savedSearchesQuery,
  savedSearchList,
  savedSearchView,
  updateMatchingSearchBody,
  updateOfferMatchingSearchBody,
  updateSavedSearchBody,
} from './schemas.js';
import type { cvthequeListService } from './service.js';

const idParam = z.object({ id: z.uuid() });
const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
const WHO_LISTS = 'Recruteurs d’une entreprise vérifiée (les listes sont partagées dans l’entreprise ; celles d’une autre entreprise : 404) ; administrateurs en lecture ; 403 pour les autres.';
const WHO_SEARCHES = 'Recherches enregistrées : personnelles au recruteur qui les a enregistrées (un collègue : 404) ; administrateurs en lecture ; 403 pour les autres.';

document({ method: 'get', path: '/cvtheque/lists', tags: ['cvtheque'], summary: `Les listes de CV (« dossiers ») de l’entreprise. ${WHO_LISTS}`, request: { query: listsQuery }, responses: { 200: { description: 'Listes', ...json(cvthequeLists) } } });
document({ method: 'post', path: '/cvtheque/lists', tags: ['cvtheque'], summary: `Créer une liste (nom unique dans l’entreprise, sans égard à la casse : 409 sinon). ${WHO_LISTS}`, request: { body: json(createListBody) }, responses: { 201: { description: 'Liste créée', ...json(cvthequeListView) } } });
document({
  method: 'get',
  path: '/cvtheque/lists/{id}',
  tags: ['cvtheque'],
  summary: `Une liste et ses profils (les plus récemment ajoutés d’abord) : titre, métiers, commune ; un profil dont la personne a retiré son consentement apparaît comme « Profil retiré de la CVthèque », sans aucune donnée. ${WHO_LISTS}`,
  request: { params: idParam, query: listItemsQuery },
  responses: { 200: { description: 'La liste', ...json(cvthequeListView) } },
});
document({ method: 'patch', path: '/cvtheque/lists/{id}', tags: ['cvtheque'], summary: `Renommer une liste. ${WHO_LISTS}`, request: { params: idParam, body: json(renameListBody) }, responses: { 200: { description: 'Liste renommée', ...json(cvthequeListSummary) } } });
document({ method: 'delete', path: '/cvtheque/lists/{id}', tags: ['cvtheque'], summary: `Supprimer une liste (les profils restent dans la CVthèque). ${WHO_LISTS}`, request: { params: idParam }, responses: { 204: { description: 'Supprimée' } } });
document({
  method: 'post',
  path: '/cvtheque/lists/{id}/items',
  tags: ['cvtheque'],
  summary: `Ajouter un profil visible dans la CVthèque à la liste : 201 ajouté, 200 s’il y était déjà (rien ne change) ; 404 pour un profil que la CVthèque ne montre pas. ${WHO_LISTS}`,
  request: { params: idParam, body: json(addItemBody) },
  responses: { 200: { description: 'Déjà dans la liste', ...json(addItemAnswer) }, 201: { description: 'Ajouté', ...json(addItemAnswer) } },
});
document({
  method: 'delete',
  path: '/cvtheque/lists/{id}/items/{candidateId}',
  tags: ['cvtheque'],
  summary: `Retirer un profil de la liste (aussi un profil retiré de la CVthèque). ${WHO_LISTS}`,
  request: { params: z.object({ id: z.uuid(), candidateId: z.uuid() }) },
  responses: { 204: { description: 'Retiré' } },
});
document({ method: 'get', path: '/cvtheque/saved-searches', tags: ['cvtheque'], summary: `Mes recherches enregistrées (CVthèque et matchings), chacune avec son type, son résumé en français et sa page (\`link\`) pour la relancer. ${WHO_SEARCHES}`, request: { query: savedSearchesQuery }, responses: { 200: { description: 'Recherches', ...json(savedSearchList) } } });
document({
  method: 'post',
  path: '/cvtheque/saved-searches',
  tags: ['cvtheque'],
  summary: `Enregistrer une recherche, selon \`kind\` : \`cvtheque\` (par défaut : les critères de la CVthèque), \`matching\` (les critères et le score minimal de POST /api/matching) ou \`offer-matching\` (une offre de mon entreprise — sinon 404 — et un score minimal ; son profil recherché est relu à chaque alerte) ; \`alert\` : un e-mail des nouveaux profils correspondants, avec leur score pour les matchings (un Schedule Temporal \`saved-search-<id>\`, en pause quand l’alerte est coupée ; pour une offre, seulement publiée : 409 sous \`alert\` sinon, et l’alerte se met en pause quand l’offre est archivée ou expire). ${WHO_SEARCHES}`,
  request: { body: json(createSavedSearchBody) },
  responses: { 201: { description: 'Enregistrée', ...json(savedSearchView) } },
});
document({
  method: 'patch',
  path: '/cvtheque/saved-searches/{id}',
  tags: ['cvtheque'],
  summary: `Renommer, changer les critères (et le score minimal des matchings), activer ou couper l’alerte (le Schedule suit). Le corps selon le type de la recherche : UpdateSavedSearch (cvtheque), UpdateMatchingSearch (matching), UpdateOfferMatchingSearch (offer-matching). ${WHO_SEARCHES}`,
  request: { params: idParam, body: json(z.union([updateSavedSearchBody, updateMatchingSearchBody, updateOfferMatchingSearchBody])) },
  responses: { 200: { description: 'Modifiée', ...json(savedSearchView) } },
});
document({ method: 'delete', path: '/cvtheque/saved-searches/{id}', tags: ['cvtheque'], summary: `Supprimer une recherche enregistrée et son alerte (son Schedule est supprimé). ${WHO_SEARCHES}`, request: { params: idParam }, responses: { 204: { description: 'Supprimée' } } });

export function cvthequeListRoutes(service: ReturnType<typeof cvthequeListService>): Router {
  const router = Router();
  const listId = (value: unknown) => parseId(value, 'Liste');
  const searchId = (value: unknown) => parseId(value, 'Recherche enregistrée');

  router.get('/cvtheque/lists', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.lists(user, parseQuery(listsQuery, req)));
  });
  router.post('/cvtheque/lists', async (req, res) => {
    const user = requireUser(req);
    res.status(201).json(await service.createList(user, () => parseBody(createListBody, req)));
  });
  router.get('/cvtheque/lists/:id', async (req, res) => {
    const user = requireUser(req);
    const id = listId(req.params.id);
    res.json(await service.list(user, id, parseQuery(listItemsQuery, req)));
  });
  router.patch('/cvtheque/lists/:id', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.renameList(user, listId(req.params.id), () => parseBody(renameListBody, req)));
  });
  router.delete('/cvtheque/lists/:id', async (req, res) => {
    const user = requireUser(req);
    await service.deleteList(user, listId(req.params.id));
    res.status(204).end();
  });
  router.post('/cvtheque/lists/:id/items', async (req, res) => {
    const user = requireUser(req);
    const answer = await service.addItem(user, listId(req.params.id), () => parseBody(addItemBody, req));
    res.status(answer.added ? 201 : 200).json(answer);
  });
  router.delete('/cvtheque/lists/:id/items/:candidateId', async (req, res) => {
    const user = requireUser(req);
    await service.removeItem(user, listId(req.params.id), parseId(req.params.candidateId, 'Profil'));
    res.status(204).end();
  });

  router.get('/cvtheque/saved-searches', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.savedSearches(user, parseQuery(savedSearchesQuery, req)));
  });
  router.post('/cvtheque/saved-searches', async (req, res) => {
    const user = requireUser(req);
    res.status(201).json(await service.createSavedSearch(user, () => parseBody(createSavedSearchBody, req)));
  });
  router.patch('/cvtheque/saved-searches/:id', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.updateSavedSearch(user, searchId(req.params.id), (schema) => parseBody(schema, req)));
  });
  router.delete('/cvtheque/saved-searches/:id', async (req, res) => {
    const user = requireUser(req);
    await service.deleteSavedSearch(user, searchId(req.params.id));
    res.status(204).end();
  });
  return router;
}
