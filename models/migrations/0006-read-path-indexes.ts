// What the public offer search needs at scale (bench/, README "Performance"). The search folds case and
// French accents and looks for each word anywhere in five fields (`LIKE '%mot%'`), which no b-tree can
// serve: at 8,000 published offers every search read and folded them all (p50 ≈ 450 ms, 355 ms of
// PostgreSQL CPU per request). The folded text of the five fields is now kept in a generated column,
// with a trigram index over the published offers: a search is a bitmap index scan whose recheck reads
// the column instead of folding five fields again.
import type { Migration } from '../migrate.js';

// Frozen copy of api/offers/service.ts's folding (foldText, for the searched words, must fold alike).
const FOLD_FROM = 'àâäáãåçéèêëíìîïñóòôöõúùûüýÿ';
const FOLD_TO = 'aaaaaaceeeeiiiinooooouuuuyy';
const FIELDS = ['title', 'description', 'job', 'city', 'job_family'];

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    -- Fields joined by a line break: a searched word (never blank) cannot match across two fields.
    ALTER TABLE offers ADD COLUMN search_text text GENERATED ALWAYS AS
      (translate(lower(${FIELDS.map((f) => `coalesce(${f}, '')`).join(` || E'\\n' || `)}), '${FOLD_FROM}', '${FOLD_TO}')) STORED;
    CREATE INDEX offers_search_text_trgm ON offers USING gin (search_text gin_trgm_ops) WHERE status = 'PUBLISHED';
  `);
  // The planner's default random_page_cost (4) prices a page read as if from a spinning disk, so at
  // 10,000 offers it still preferred reading them all (15–20 ms) to the trigram index (≈ 2 ms). 1.1 is
  // the usual value for data on SSD or in memory. Needs the database's owner: without that right the
  // migration goes on and the search works, only slower.
  await sequelize.query(`
    DO $$ BEGIN
      EXECUTE format('ALTER DATABASE %I SET random_page_cost = 1.1', current_database());
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE 'random_page_cost not set: not the owner of the database';
    END $$;
  `);
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    DROP INDEX IF EXISTS offers_search_text_trgm;
    ALTER TABLE offers DROP COLUMN IF EXISTS search_text;
    DO $$ BEGIN
      EXECUTE format('ALTER DATABASE %I RESET random_page_cost', current_database());
    EXCEPTION WHEN insufficient_privilege THEN NULL;
    END $$;
  `);
};
