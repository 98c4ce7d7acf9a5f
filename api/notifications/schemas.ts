// The notification centre and the notification preferences (issue #16, items 1–2).
import { z } from 'zod';
import { PREFERENCE_KINDS } from '../../workflows/notification-preferences.js';
import { listOf, page, pageSize, uuid } from '../schemas.js';

export const notificationsQuery = z
  .object({
    unread: z.enum(['true', 'false'], { error: 'true ou false attendu' }).optional(),
    page,
    pageSize,
  })
  .strict();

export const notificationView = z
  .object({
    id: z.uuid(),
    /** `${entityType}.${event}` (application.created…), or `message`. */
    kind: z.string(),
    title: z.string(),
    body: z.string().nullable(),
    /** The entity's address in the web app (/candidatures/:id…): each role opens its own page of it. */
    link: z.string().nullable(),
    entityType: z.string().nullable(),
    entityId: z.string().nullable(),
    readAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Notification' });

export const notificationList = listOf(notificationView, 'NotificationList');

export const markReadBody = z
  .object({
    ids: z.array(uuid('chaque notification'), { error: 'liste d’identifiants attendue' }).min(1, 'au moins une notification').max(100, '100 notifications au plus').optional(),
    all: z.literal(true, { error: 'true attendu (toutes les notifications)' }).optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if ((body.ids === undefined) === (body.all === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['ids'], message: 'donnez soit ids (les notifications à marquer comme lues), soit all: true (toutes)' });
    }
  })
  .meta({ id: 'MarkNotificationsRead' });

export const unreadCount = z.object({ unread: z.number().int() }).meta({ id: 'UnreadNotifications' });

const channels = z
  .object({
    email: z.boolean({ error: 'oui ou non attendu (true ou false)' }),
    inApp: z.boolean({ error: 'oui ou non attendu (true ou false)' }),
  })
  .strict();

/** `{ "<preference kind>": { email, inApp } }`: the kinds of workflows/notification-preferences.ts. */
export const preferencesBody = z
  .object(Object.fromEntries(PREFERENCE_KINDS.map((kind) => [kind, channels.optional()])) as Record<(typeof PREFERENCE_KINDS)[number], z.ZodOptional<typeof channels>>)
  .strict()
  .meta({ id: 'NotificationPreferencesInput' });

export const preferencesView = z
  .object(Object.fromEntries(PREFERENCE_KINDS.map((kind) => [kind, channels.optional()])) as Record<(typeof PREFERENCE_KINDS)[number], z.ZodOptional<typeof channels>>)
  .meta({ id: 'NotificationPreferences' });
