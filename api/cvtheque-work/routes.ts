// /api/cvtheque/profiles/:candidateId… and /api/contact-requests: thin HTTP over the « working a
// profile » service (issue #17, item 6).
import { pipeline } from 'node:stream/promises';
import { Router } from 'express';
import { z } from 'zod';
import { requireUser } from '../auth.js';
import { idempotentId, transitionUpdateId, type Idempotent } from '../idempotency.js';
import { document } from '../openapi.js';
import { parseBody, parseId, parseQuery } from '../validation.js';
import { commentBody, companyProfileView, contactBody, contactRequestList, contactRequestView, contactTransitionBody, decisionBody, listContactRequestsQuery } from './schemas.js';
import type { cvthequeWorkService } from './service.js';

const candidateParam = z.object({ candidateId: z.uuid() });
const idParam = z.object({ id: z.uuid() });
const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
const tags = ['cvtheque'];

document({ method: 'get', path: '/cvtheque/profiles/{candidateId}', tags, summary: 'Un profil de la CVthèque tel que l’entreprise le voit (recruteurs d’une entreprise vérifiée, administrateurs). Chaque consultation d’un recruteur est enregistrée (« vu ») ; la personne n’en est pas avertie. Nom et coordonnées seulement après une demande de contact acceptée. 404 si le profil n’est pas visible.', request: { params: candidateParam }, responses: { 200: { description: 'Profil', ...json(companyProfileView) } } });
document({ method: 'get', path: '/cvtheque/profiles/{candidateId}/cv', tags, summary: 'Télécharger le dernier CV du profil (téléchargement enregistré ; nom de fichier sans le nom de la personne)', request: { params: candidateParam }, responses: { 200: { description: 'Le fichier', content: { 'application/octet-stream': { schema: z.string() } } } } });
document({ method: 'put', path: '/cvtheque/profiles/{candidateId}/comment', tags, summary: 'Commentaire privé de l’entreprise (jamais montré aux autres entreprises ni à la personne) ; version lue obligatoire, 409 avec le texte actuel si quelqu’un a enregistré entre-temps', request: { params: candidateParam, body: json(commentBody) }, responses: { 200: { description: 'Profil', ...json(companyProfileView) } } });
document({ method: 'put', path: '/cvtheque/profiles/{candidateId}/decision', tags, summary: 'Retenir, écarter ou ni l’un ni l’autre (null)', request: { params: candidateParam, body: json(decisionBody) }, responses: { 200: { description: 'Profil', ...json(companyProfileView) } } });
document({ idempotent: true, method: 'post', path: '/cvtheque/profiles/{candidateId}/contact', tags, summary: 'Demander un contact (contactRequestWorkflow) ; 409 si une demande de l’entreprise attend déjà une réponse', request: { params: candidateParam, body: json(contactBody) }, responses: { 201: { description: 'Demande créée', ...json(contactRequestView) } } });
document({ method: 'get', path: '/contact-requests', tags, summary: 'Demandes de contact : les siennes (candidat), celles des personnes suivies (référent), celles de l’entreprise (recruteur), toutes (administrateur)', request: { query: listContactRequestsQuery }, responses: { 200: { description: 'Page de demandes', ...json(contactRequestList) } } });
document({ method: 'get', path: '/contact-requests/{id}', tags, summary: 'Une demande de contact et son historique', request: { params: idParam }, responses: { 200: { description: 'Demande', ...json(contactRequestView) } } });
document({ idempotent: true, method: 'post', path: '/contact-requests/{id}/transitions', tags, summary: 'Accepter ou refuser (la personne ou son référent), annuler (recruteurs de l’entreprise)', request: { params: idParam, body: json(contactTransitionBody) }, responses: { 200: { description: 'La demande après l’action', ...json(contactRequestView) } } });

export function cvthequeWorkRoutes(service: ReturnType<typeof cvthequeWorkService>, idempotent: Idempotent): Router {
  const router = Router();
  const candidateOf = (value: unknown) => parseId(value, 'Profil');

  router.get('/cvtheque/profiles/:candidateId', async (req, res) => {
    const user = requireUser(req);
    res.setHeader('Cache-Control', 'private, no-store');
    res.json(await service.getProfile(user, candidateOf(req.params.candidateId)));
  });

  router.get('/cvtheque/profiles/:candidateId/cv', async (req, res) => {
    const user = requireUser(req);
    const file = await service.downloadCv(user, candidateOf(req.params.candidateId), req.method !== 'HEAD');
    res.status(200);
    res.attachment(file.filename);
    res.setHeader('Content-Type', file.mimeType);
    res.setHeader('Content-Length', String(file.size));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('Cache-Control', 'private, no-store');
    if (req.method === 'HEAD') {
      file.stream.destroy();
      res.end();
      return;
    }
    try {
      await pipeline(file.stream, res);
    } catch (error) {
      if (!res.headersSent) throw error;
      res.destroy();
    }
  });

  router.put('/cvtheque/profiles/:candidateId/comment', async (req, res) => {
    const user = requireUser(req);
    const candidateId = candidateOf(req.params.candidateId);
    res.json(await service.setComment(user, candidateId, parseBody(commentBody, req)));
  });

  router.put('/cvtheque/profiles/:candidateId/decision', async (req, res) => {
    const user = requireUser(req);
    const candidateId = candidateOf(req.params.candidateId);
    res.json(await service.setDecision(user, candidateId, parseBody(decisionBody, req)));
  });

  router.post('/cvtheque/profiles/:candidateId/contact', idempotent(), async (req, res) => {
    const user = requireUser(req);
    const candidateId = candidateOf(req.params.candidateId);
    res.status(201).json(await service.requestContact(user, candidateId, parseBody(contactBody, req), idempotentId(req, 'contact-request')));
  });

  router.get('/contact-requests', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.listContactRequests(user, parseQuery(listContactRequestsQuery, req)));
  });

  router.get('/contact-requests/:id', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.getContactRequest(user, parseId(req.params.id, 'Demande de contact')));
  });

  router.post('/contact-requests/:id/transitions', idempotent(), async (req, res) => {
    const user = requireUser(req);
    const id = parseId(req.params.id, 'Demande de contact');
    res.json(await service.transition(user, id, parseBody(contactTransitionBody, req), transitionUpdateId(req)));
  });

  return router;
}
