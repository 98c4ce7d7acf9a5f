// /api/applications: thin HTTP over the application service.
import { Router } from 'express';
import { z } from 'zod';
import { requireUser } from '../auth.js';
import { HttpError } from '../errors.js';
import { idempotentId, transitionUpdateId, type Idempotent } from '../idempotency.js';
import { document, errorEnvelope } from '../openapi.js';
import { parseBody, parseId, parseQuery } from '../validation.js';
import type { applicationService } from './service.js';
import {
  applicationList,
  applicationView,
  createApplicationBody,
  favouriteView,
  listApplicationsQuery,
  noteBody,
  transitionBody,
} from './schemas.js';

const idParam = z.object({ id: z.uuid() });
const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });

document({ idempotent: true, method: 'post', path: '/applications', tags: ['applications'], summary: 'Candidater à une offre publiée, ou spontanément à une entreprise (candidat, ou son référent avec candidateId)', request: { body: json(createApplicationBody) }, responses: { 201: { description: 'Candidature créée', ...json(applicationView) } } });
document({ method: 'get', path: '/applications', tags: ['applications'], summary: 'Candidatures visibles par l’appelant (référent : par défaut celles qui attendent sa validation, les plus anciennes d’abord)', request: { query: listApplicationsQuery }, responses: { 200: { description: 'Page de candidatures', ...json(applicationList) } } });
document({ method: 'get', path: '/applications/{id}', tags: ['applications'], summary: 'Une candidature, son historique et les actions permises à l’appelant', request: { params: idParam }, responses: { 200: { description: 'Candidature', ...json(applicationView) } } });
document({ idempotent: true, method: 'post', path: '/applications/{id}/transitions', tags: ['applications'], summary: 'Faire avancer la candidature (validate, reject, accept, refuse, propose_interview, confirm_interview, cancel_interview, mark_interview_done, hire, not_hire, withdraw)', request: { params: idParam, body: json(transitionBody) }, responses: { 200: { description: 'La candidature après l’action', ...json(applicationView) } } });
document({
  method: 'put',
  path: '/applications/{id}/note',
  tags: ['applications'],
  summary:
    'Note privée du recruteur (visible de son entreprise seulement), en concurrence optimiste : `version` est le `recruiterNoteVersion` lu avec la candidature ; la note n’est enregistrée que si personne ne l’a modifiée depuis (la réponse porte la nouvelle version), sinon 409 CONFLICT (`details.currentVersion`) : recharger, puis enregistrer de nouveau.',
  request: { params: idParam, body: json(noteBody) },
  responses: {
    200: { description: 'Candidature, avec la note et sa nouvelle version', ...json(applicationView) },
    409: { description: 'La note a été modifiée par quelqu’un d’autre depuis la version envoyée (CONFLICT)', ...json(errorEnvelope) },
  },
});
for (const [method, summary] of [
  ['put', 'Mettre la candidature dans les favoris de l’entreprise (short list ; recruteurs de l’entreprise). Idempotent : une étoile déjà mise reste telle quelle (qui, quand)'],
  ['delete', 'Retirer la candidature des favoris de l’entreprise (recruteurs de l’entreprise). Idempotent : sans étoile, 200 sans rien changer'],
] as const) {
  document({ method, path: '/applications/{id}/favourite', tags: ['applications'], summary, request: { params: idParam }, responses: { 200: { description: 'L’étoile après la requête', ...json(favouriteView) } } });
}
document({ method: 'get', path: '/applications/{id}/interviews/{interviewId}.ics', tags: ['applications'], summary: 'Invitation calendrier (.ics) d’un entretien', request: { params: z.object({ id: z.uuid(), interviewId: z.uuid() }) }, responses: { 200: { description: 'text/calendar', content: { 'text/calendar': { schema: z.string() } } } } });

export function applicationRoutes(service: ReturnType<typeof applicationService>, idempotent: Idempotent): Router {
  const router = Router();

  router.post('/applications', idempotent(), async (req, res) => {
    const user = requireUser(req);
    res.status(201).json(await service.create(user, parseBody(createApplicationBody, req), idempotentId(req, 'application')));
  });

  router.get('/applications', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.list(user, parseQuery(listApplicationsQuery, req)));
  });

  router.get('/applications/:id', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.get(user, parseId(req.params.id, 'Candidature')));
  });

  router.post('/applications/:id/transitions', idempotent(), async (req, res) => {
    const user = requireUser(req);
    const id = parseId(req.params.id, 'Candidature');
    res.json(await service.transition(user, id, parseBody(transitionBody, req), transitionUpdateId(req)));
  });

  router.put('/applications/:id/note', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.setNote(user, parseId(req.params.id, 'Candidature'), parseBody(noteBody, req)));
  });

  router.put('/applications/:id/favourite', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.setFavourite(user, parseId(req.params.id, 'Candidature'), true));
  });

  router.delete('/applications/:id/favourite', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.setFavourite(user, parseId(req.params.id, 'Candidature'), false));
  });

  router.get('/applications/:id/interviews/:file', async (req, res) => {
    const user = requireUser(req);
    const match = /^(.+)\.ics$/.exec(req.params.file);
    if (!match) throw new HttpError('NOT_FOUND', 'Entretien introuvable.');
    const ics = await service.interviewCalendar(user, parseId(req.params.id, 'Candidature'), parseId(match[1], 'Entretien'));
    res.type('text/calendar; charset=utf-8').setHeader('Content-Disposition', 'attachment; filename="entretien.ics"');
    res.send(ics);
  });

  return router;
}
