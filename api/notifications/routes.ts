// /api/notifications and /api/me/preferences: thin HTTP over api/notifications/service.ts.
import { Router } from 'express';
import { z } from 'zod';
import { requireUser } from '../auth.js';
import { document } from '../openapi.js';
import { parseBody, parseQuery } from '../validation.js';
import { markReadBody, notificationList, notificationsQuery, preferencesBody, preferencesView, unreadCount } from './schemas.js';
import type { notificationService } from './service.js';

const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });

document({
  method: 'get',
  path: '/notifications',
  tags: ['notifications'],
  summary: 'Mes notifications, les plus récentes d’abord (unread=true : non lues seulement ; false : lues seulement). Chacun ne voit que les siennes.',
  request: { query: notificationsQuery },
  responses: { 200: { description: 'Page de notifications', ...json(notificationList) } },
});
document({
  method: 'post',
  path: '/notifications/read',
  tags: ['notifications'],
  summary:
    'Marquer comme lues : {ids: […]} (les identifiants qui ne sont pas à soi ne changent rien) ou {all: true}. Sans effet sur une notification déjà lue ; répond le nombre de notifications encore non lues.',
  request: { body: json(markReadBody) },
  responses: { 200: { description: 'Notifications encore non lues', ...json(unreadCount) } },
});
document({
  method: 'get',
  path: '/me/preferences',
  tags: ['notifications'],
  summary:
    'Mes préférences de notification : pour chaque type d’événement de mon rôle, par e-mail (email) et dans le site (inApp) ; sans choix enregistré, la valeur par défaut du rôle. Les e-mails de sécurité (confirmation d’adresse, mot de passe, compte) ne sont pas réglables : ils partent toujours.',
  responses: { 200: { description: 'Préférences', ...json(preferencesView) } },
});
document({
  method: 'put',
  path: '/me/preferences',
  tags: ['notifications'],
  summary:
    'Enregistrer ses préférences : {"<type>": {"email": bool, "inApp": bool}} pour les types donnés (les autres ne changent pas). Un type inconnu ou qui ne concerne pas son rôle : 400 sur ce champ.',
  request: { body: json(preferencesBody) },
  responses: { 200: { description: 'Préférences telles qu’elles sont maintenant', ...json(preferencesView) } },
});

export function notificationRoutes(service: ReturnType<typeof notificationService>): Router {
  const router = Router();
  router.get('/notifications', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.list(user, parseQuery(notificationsQuery, req)));
  });
  router.post('/notifications/read', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.markRead(user, parseBody(markReadBody, req)));
  });
  router.get('/me/preferences', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.preferences(user));
  });
  router.put('/me/preferences', async (req, res) => {
    const user = requireUser(req);
    res.json(await service.savePreferences(user, parseBody(preferencesBody, req)));
  });
  return router;
}
