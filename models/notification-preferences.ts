// Notification preferences as stored (migration 0019) and as the notice pipeline, the API and the
// messages part read them: a kind a person never saved follows their role's default
// (workflows/notification-preferences.ts); a kind no group covers for their role is always told.
import { QueryTypes, type Transaction } from 'sequelize';
import type { Role } from '../workflows/actors.js';
import { defaultChannels, groupsFor, preferenceKindOf, type Channels, type PreferenceKind } from '../workflows/notification-preferences.js';
import { User } from './index.js';
import { preparedQuery } from './prepared.js';

const ALWAYS: Channels = { email: true, inApp: true };

/**
 * How each of `userIds` is told of `kind` (a notice kind such as `application.created`, or a preference
 * kind such as `message`): by e-mail, in the site. Unknown ids answer as always told (nothing to mute).
 */
export async function channelsFor(userIds: string[], kind: string, transaction?: Transaction): Promise<Map<string, Channels>> {
  const result = new Map<string, Channels>();
  if (userIds.length === 0) return result;
  const rows = await preparedQuery<{ id: string; role: Role; kind: string | null; email: boolean | null; in_app: boolean | null }>(
    User.sequelize!,
    `SELECT u.id, u.role, p.kind, p.email, p.in_app
       FROM users u LEFT JOIN notification_preferences p ON p.user_id = u.id
      WHERE u.id = ANY(:ids)`,
    { ids: [...new Set(userIds)] },
    { transaction },
  );
  const byUser = new Map<string, { role: Role; saved: Map<string, Channels> }>();
  for (const row of rows) {
    const user = byUser.get(row.id) ?? { role: row.role, saved: new Map() };
    if (row.kind !== null) user.saved.set(row.kind, { email: !!row.email, inApp: !!row.in_app });
    byUser.set(row.id, user);
  }
  for (const id of userIds) {
    const user = byUser.get(id);
    const group = user ? preferenceKindOf(kind, user.role) : null;
    result.set(id, !user || !group ? ALWAYS : (user.saved.get(group) ?? defaultChannels(user.role, group)));
  }
  return result;
}

/** One person's preferences, every group of their role, saved or default. */
export async function preferencesOf(user: Pick<User, 'id' | 'role'>): Promise<Record<string, Channels>> {
  const rows = await User.sequelize!.query<{ kind: string; email: boolean; in_app: boolean }>(
    'SELECT kind, email, in_app FROM notification_preferences WHERE user_id = :id',
    { type: QueryTypes.SELECT, replacements: { id: user.id } },
  );
  const saved = new Map(rows.map((r) => [r.kind, { email: r.email, inApp: r.in_app }]));
  return Object.fromEntries(
    groupsFor(user.role).map((g) => [g.kind, saved.get(g.kind) ?? defaultChannels(user.role, g.kind)]),
  );
}

/** Saves the kinds given, in one statement (two saves at once: the last one wins, kind by kind, whole). */
export async function savePreferences(userId: string, choices: Partial<Record<PreferenceKind, Channels>>): Promise<void> {
  const entries = Object.entries(choices) as Array<[PreferenceKind, Channels]>;
  if (entries.length === 0) return;
  await User.sequelize!.query(
    `INSERT INTO notification_preferences (user_id, kind, email, in_app, updated_at)
     SELECT :userId, c.kind, c.email, c.in_app, now()
       FROM jsonb_to_recordset(CAST(:choices AS jsonb)) AS c(kind text, email boolean, in_app boolean)
     ON CONFLICT (user_id, kind) DO UPDATE SET email = EXCLUDED.email, in_app = EXCLUDED.in_app, updated_at = now()`,
    { replacements: { userId, choices: JSON.stringify(entries.map(([kind, c]) => ({ kind, email: c.email, in_app: c.inApp }))) } },
  );
}

export type SkippedChannel = 'EMAIL' | 'IN_APP';

/** An in-app notification as a notice writes it (its columns; `created_at` is the database's now). */
export interface NotificationRow {
  id: string;
  userId: string;
  idempotencyKey: string;
  kind: string;
  title: string;
  body?: string | null;
  link?: string | null;
  entityType?: string | null;
  entityId?: string | null;
}

/**
 * What the notice pipeline leaves out of one event's notices, by idempotency key: the channels each
 * recipient muted for `kind`, recorded on the first attempt (notice_skips) and kept by every retry, so
 * a retry neither sends what was skipped (the person turned the channel back on meanwhile) nor, through
 * the outbox and the notifications' unique key, twice what was sent. `notifications` (keyed as the
 * recipients) are written in the same statement, those whose in-app channel is skipped left out: one
 * round trip for both (issue #20); a retry finds them by their unique key and adds nothing.
 */
export async function skippedChannels(
  recipients: Array<{ key: string; userId: string }>,
  kind: string,
  notifications: NotificationRow[] = [],
): Promise<Map<string, Set<SkippedChannel>>> {
  const skipped = new Map<string, Set<SkippedChannel>>();
  if (recipients.length === 0) return skipped;
  const channels = await channelsFor(
    recipients.map((r) => r.userId),
    kind,
  );
  const fresh = recipients.flatMap(({ key, userId }) => {
    const c = channels.get(userId) ?? ALWAYS;
    return [...(c.email ? [] : [{ key, channel: 'EMAIL' }]), ...(c.inApp ? [] : [{ key, channel: 'IN_APP' }])];
  });
  const rows = await preparedQuery<{ key: string; channel: SkippedChannel }>(
    User.sequelize!,
    `WITH fresh AS (
       INSERT INTO notice_skips (idempotency_key, channel)
       SELECT s.key, s.channel FROM jsonb_to_recordset(CAST(:fresh AS jsonb)) AS s(key text, channel text)
       ON CONFLICT DO NOTHING
       RETURNING idempotency_key AS key, channel),
     skipped AS (
       SELECT key, channel FROM fresh
       UNION
       SELECT idempotency_key AS key, channel FROM notice_skips WHERE idempotency_key = ANY(:keys)),
     told AS (
       INSERT INTO notifications (id, user_id, idempotency_key, kind, title, body, link, entity_type, entity_id)
       SELECT n.id, n.user_id, n.idempotency_key, n.kind, n.title, n.body, n.link, n.entity_type, n.entity_id
         FROM jsonb_to_recordset(CAST(:notifications AS jsonb))
              AS n(id uuid, user_id uuid, idempotency_key text, kind text, title text, body text, link text, entity_type text, entity_id uuid)
        WHERE NOT EXISTS (SELECT 1 FROM skipped s WHERE s.key = n.idempotency_key AND s.channel = 'IN_APP')
       ON CONFLICT (idempotency_key) DO NOTHING)
     SELECT key, channel FROM skipped`,
    {
      fresh: JSON.stringify(fresh),
      keys: recipients.map((r) => r.key),
      notifications: JSON.stringify(
        notifications.map((n) => ({
          id: n.id,
          user_id: n.userId,
          idempotency_key: n.idempotencyKey,
          kind: n.kind,
          title: n.title,
          body: n.body ?? null,
          link: n.link ?? null,
          entity_type: n.entityType ?? null,
          entity_id: n.entityId ?? null,
        })),
      ),
    },
  );
  for (const row of rows) skipped.set(row.key, (skipped.get(row.key) ?? new Set()).add(row.channel));
  return skipped;
}
