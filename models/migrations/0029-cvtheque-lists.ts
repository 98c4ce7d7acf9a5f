// CVthèque lists (« dossiers de CV », shared within a company), saved searches (a recruiter's own) and
// what each saved search's alert already announced (issue #17, item 7). A saved search's alert is a
// Temporal Schedule `saved-search-<id>` (api/cvtheque-lists/schedules.ts); `saved_search_alerts` keeps
// each profile announced once per saved search, which also makes the alert's activity idempotent.
import type { Migration } from '../migrate.js';

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    CREATE TABLE cvtheque_lists (
      id uuid PRIMARY KEY,
      company_id uuid NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
      name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 80),
      created_by uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    -- One name per company, whatever its case and accents (unaccent_lower: lower() alone leaves « É »
    -- as it is under the embedded PostgreSQL's C locale).
    CREATE UNIQUE INDEX cvtheque_lists_company_name_idx ON cvtheque_lists (company_id, unaccent_lower(name));

    CREATE TABLE cvtheque_list_items (
      list_id uuid NOT NULL REFERENCES cvtheque_lists(id) ON DELETE CASCADE,
      candidate_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      added_by uuid REFERENCES users(id) ON DELETE SET NULL,
      added_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (list_id, candidate_id)
    );
    CREATE INDEX cvtheque_list_items_candidate_idx ON cvtheque_list_items (candidate_id);

    CREATE TABLE saved_searches (
      id uuid PRIMARY KEY,
      company_id uuid NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 80),
      criteria jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(criteria) = 'object'),
      alert boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      -- The end of the window the last alert looked at: the next one announces what became visible after it.
      last_alert_at timestamptz
    );
    CREATE INDEX saved_searches_user_idx ON saved_searches (user_id, created_at DESC);
    CREATE UNIQUE INDEX saved_searches_user_name_idx ON saved_searches (user_id, unaccent_lower(name));

    CREATE TABLE saved_search_alerts (
      saved_search_id uuid NOT NULL REFERENCES saved_searches(id) ON DELETE CASCADE,
      candidate_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      alerted_at timestamptz NOT NULL DEFAULT now(),
      -- The alert run that announced it (its workflow id): a retried activity mails the same batch again
      -- through the outbox (same key: sent once), never a second one.
      batch text NOT NULL,
      PRIMARY KEY (saved_search_id, candidate_id)
    );
    CREATE INDEX saved_search_alerts_batch_idx ON saved_search_alerts (saved_search_id, batch);
  `);
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    DROP TABLE saved_search_alerts;
    DROP TABLE saved_searches;
    DROP TABLE cvtheque_list_items;
    DROP TABLE cvtheque_lists;
  `);
};
