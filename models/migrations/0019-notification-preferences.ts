// Notification centre and preferences (issue #16, items 1–2). The header asks for the unread count on
// every poll: a partial index holds only the unread rows, so the count reads a few index entries.
// notification_preferences keeps what a person saved, per preference kind (workflows/
// notification-preferences.ts): a kind never saved follows the role's default. notice_skips records
// what the notice pipeline left out because of a preference, under the notice's idempotency key, so a
// retried activity keeps the first decision (it neither sends what was skipped nor twice what was sent).
import type { Migration } from '../migrate.js';

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

    CREATE TABLE notification_preferences (
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      kind text NOT NULL,
      email boolean NOT NULL,
      in_app boolean NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, kind)
    );

    CREATE TABLE notice_skips (
      idempotency_key text NOT NULL,
      channel text NOT NULL CHECK (channel IN ('EMAIL', 'IN_APP')),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (idempotency_key, channel)
    );
  `);
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    DROP TABLE notice_skips;
    DROP TABLE notification_preferences;
    DROP INDEX IF EXISTS notifications_unread_idx;
  `);
};
