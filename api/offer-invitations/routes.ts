// Invitations to apply (issue #18, item 5): thin HTTP over the invitation service.
import { Router } from 'express';
import { z } from 'zod';
import { requireUser } from '../auth.js';
import { document } from '../openapi.js';
import { parseBody, parseId } from '../validation.js';
import { invitationCounts, inviteAnswer, inviteBody, myInvitations } from './schemas.js';
import type { offerInvitationService } from './service.js';

const idParam = z.object({ id: z.uuid() });
const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
const WHO = 'Recruteurs de l’entreprise de l’offre (entreprise vérifiée ; l’offre d’une autre entreprise : 404)';

document({
  method: 'post',
  path: '/offers/{id}/invitations',
  tags: ['offers'],
  summary: `Inviter des profils de la CVthèque à candidater à une offre publiée (409 sinon), chacun une fois au plus ; envoi par lots (e-mail et notification, selon les préférences de chacun). Un identifiant hors de la CVthèque est compté dans skipped, sans erreur. ${WHO}.`,
  request: { params: idParam, body: json(inviteBody) },
  responses: { 202: { description: 'Invitations enregistrées, envoyées par lots', ...json(inviteAnswer) } },
});
document({
  method: 'get',
  path: '/offers/{id}/invitations',
  tags: ['offers'],
  summary: `Les invitations d’une offre, comptées par état (jamais qui a décliné). ${WHO} ; administrateurs en lecture.`,
  request: { params: idParam },
  responses: { 200: { description: 'Comptes', ...json(invitationCounts) } },
});
document({ method: 'get', path: '/me/invitations', tags: ['offers'], summary: 'Mes invitations à candidater, les plus récentes d’abord (candidats)', responses: { 200: { description: 'Invitations', ...json(myInvitations) } } });
document({
  method: 'post',
  path: '/me/invitations/{id}/decline',
  tags: ['offers'],
  summary: 'Décliner l’invitation à candidater à l’offre {id} (candidats ; sans effet si déjà déclinée ; 404 sans invitation reçue)',
  request: { params: idParam },
  responses: { 204: { description: 'Déclinée' } },
});

export function offerInvitationRoutes(service: ReturnType<typeof offerInvitationService>): Router {
  const router = Router();

  router.post('/offers/:id/invitations', async (req, res) => {
    const user = requireUser(req);
    res.status(202).json(await service.invite(user, parseId(req.params.id, 'Offre'), () => parseBody(inviteBody, req)));
  });

  router.get('/offers/:id/invitations', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.counts(user, parseId(req.params.id, 'Offre')));
  });

  router.get('/me/invitations', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.mine(user));
  });

  router.post('/me/invitations/:id/decline', async (req, res) => {
    const user = requireUser(req);
    await service.decline(user, parseId(req.params.id, 'Invitation'));
    res.status(204).end();
  });

  return router;
}
