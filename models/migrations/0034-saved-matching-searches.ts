// Saved matching searches (issue #18, item 3, last part): a saved search gets a kind. 'cvtheque' (every
// row so far: criteria in the CVthèque's query-string form); 'matching' (method 2: criteria = the
// matching's criteria object, min_score its threshold); 'offer-matching' (method 1: an offer and a
// threshold; the offer's ideal candidate is read at each run, so its edits follow, and criteria stay
// empty). Same table, same alerts (saved_search_alerts) and Schedules: one machinery for the three.
// Each profile a matching search announces keeps its score then (saved_search_alerts.score).
// An offer deleted takes its saved searches with it; their Schedules delete themselves at their next run.
import type { Migration } from '../migrate.js';

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    ALTER TABLE saved_searches
      ADD COLUMN kind text NOT NULL DEFAULT 'cvtheque' CHECK (kind IN ('cvtheque', 'matching', 'offer-matching')),
      ADD COLUMN min_score smallint CHECK (min_score BETWEEN 0 AND 100),
      ADD COLUMN offer_id uuid REFERENCES offers(id) ON DELETE CASCADE,
      -- Each kind its own fields, and only them.
      ADD CONSTRAINT saved_searches_kind_fields CHECK (
        CASE kind
          WHEN 'cvtheque' THEN min_score IS NULL AND offer_id IS NULL
          WHEN 'matching' THEN min_score IS NOT NULL AND offer_id IS NULL
          ELSE min_score IS NOT NULL AND offer_id IS NOT NULL AND criteria = '{}'::jsonb
        END
      );
    CREATE INDEX saved_searches_offer_idx ON saved_searches (offer_id) WHERE offer_id IS NOT NULL;
    -- A matching search's profile is announced with its score at that run: a retried run mails the same.
    ALTER TABLE saved_search_alerts ADD COLUMN score smallint CHECK (score BETWEEN 0 AND 100);
  `);
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    ALTER TABLE saved_search_alerts DROP COLUMN score;
    DELETE FROM saved_searches WHERE kind <> 'cvtheque';
    ALTER TABLE saved_searches DROP CONSTRAINT saved_searches_kind_fields, DROP COLUMN offer_id, DROP COLUMN min_score, DROP COLUMN kind;
  `);
};
