// The notification centre: one's own notifications only (the user id is in every statement), read by
// the header's poll (the unread count, on a partial index: migration 0019) and the « Notifications »
// page; and one's notification preferences.
import { QueryTypes, type Sequelize } from 'sequelize';
import type { z } from 'zod';
import type { User } from '../../models/index.js';
import { preferencesOf, savePreferences } from '../../models/notification-preferences.js';
import { groupsFor, type Channels, type PreferenceKind } from '../../workflows/notification-preferences.js';
import { invalidField } from '../errors.js';
import type { notificationsQuery, preferencesBody } from './schemas.js';

export async function unreadNotifications(sequelize: Sequelize, userId: string): Promise<number> {
  const [row] = await sequelize.query<{ n: string }>('SELECT count(*) AS n FROM notifications WHERE user_id = :userId AND read_at IS NULL', {
    type: QueryTypes.SELECT,
    replacements: { userId },
  });
  return Number(row?.n ?? 0);
}

export function notificationService({ sequelize }: { sequelize: Sequelize }) {
  return {
    async list(user: User, query: z.output<typeof notificationsQuery>) {
      const unreadOnly = query.unread === 'true' ? 'AND read_at IS NULL' : query.unread === 'false' ? 'AND read_at IS NOT NULL' : '';
      const replacements = { userId: user.id, limit: query.pageSize, offset: (query.page - 1) * query.pageSize };
      const rows = await sequelize.query<{
        id: string;
        kind: string;
        title: string;
        body: string | null;
        link: string | null;
        entity_type: string | null;
        entity_id: string | null;
        read_at: Date | null;
        created_at: Date;
        total: string;
      }>(
        `SELECT id, kind, title, body, link, entity_type, entity_id, read_at, created_at, count(*) OVER () AS total
           FROM notifications WHERE user_id = :userId ${unreadOnly}
          ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset`,
        { type: QueryTypes.SELECT, replacements },
      );
      const total = rows[0]
        ? Number(rows[0].total)
        : Number((await sequelize.query<{ n: string }>(`SELECT count(*) AS n FROM notifications WHERE user_id = :userId ${unreadOnly}`, { type: QueryTypes.SELECT, replacements }))[0]?.n ?? 0);
      return {
        items: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          title: r.title,
          body: r.body,
          link: r.link,
          entityType: r.entity_type,
          entityId: r.entity_id,
          readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
          createdAt: new Date(r.created_at).toISOString(),
        })),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    /**
     * Marks as read, in one statement, the caller's notifications among `ids` (others' ids change
     * nothing and say nothing), or all of them; a notification already read keeps its first time. Two
     * at once: each UPDATE sees the other's rows committed or waits for them; the count is after both.
     */
    async markRead(user: User, target: { ids?: string[]; all?: true }): Promise<{ unread: number }> {
      const which = target.all ? '' : 'AND id IN (:ids)';
      await sequelize.query(`UPDATE notifications SET read_at = now() WHERE user_id = :userId AND read_at IS NULL ${which}`, {
        replacements: { userId: user.id, ids: target.ids ?? [] },
      });
      return { unread: await unreadNotifications(sequelize, user.id) };
    },

    async preferences(user: User): Promise<Record<string, Channels>> {
      return preferencesOf(user);
    },

    async savePreferences(user: User, body: z.output<typeof preferencesBody>): Promise<Record<string, Channels>> {
      const mine = new Set(groupsFor(user.role).map((g) => g.kind));
      for (const kind of Object.keys(body)) {
        if (!mine.has(kind as PreferenceKind)) throw invalidField(kind, 'ce type d’événement ne concerne pas votre rôle : il n’a pas de préférence à régler.');
      }
      await savePreferences(user.id, body);
      return preferencesOf(user);
    },
  };
}
