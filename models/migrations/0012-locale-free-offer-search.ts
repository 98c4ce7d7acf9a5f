// The offer search's folded text no longer depends on the cluster's locale. 0006 folded with
// `lower()`, which leaves « É », « À », « Ç »… as they are in `--locale=C` (the embedded PostgreSQL of
// `npm start` and of the tests without DATABASE_URL): « Ébéniste » was unfindable there. One character
// map now does the whole folding, the same as api/offers/service.ts's for the searched words.
import type { Migration } from '../migrate.js';

// Frozen copy of api/offers/service.ts's folding (foldText, for the searched words, must fold alike).
const FOLD_FROM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZàâäáãåçéèêëíìîïñóòôöõúùûüýÿÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸ';
const FOLD_TO = 'abcdefghijklmnopqrstuvwxyzaaaaaaceeeeiiiinooooouuuuyyaaaaaaceeeeiiiinooooouuuuyy';
const FIELDS = ['title', 'description', 'job', 'city', 'job_family'];
const joined = FIELDS.map((f) => `coalesce(${f}, '')`).join(` || E'\\n' || `);

async function searchText(sequelize: Parameters<Migration>[0]['context'], expression: string) {
  await sequelize.query(`
    DROP INDEX IF EXISTS offers_search_text_trgm;
    ALTER TABLE offers DROP COLUMN search_text;
    ALTER TABLE offers ADD COLUMN search_text text GENERATED ALWAYS AS (${expression}) STORED;
    CREATE INDEX offers_search_text_trgm ON offers USING gin (search_text gin_trgm_ops) WHERE status = 'PUBLISHED';
  `);
}

export const up: Migration = async ({ context: sequelize }) => searchText(sequelize, `translate(${joined}, '${FOLD_FROM}', '${FOLD_TO}')`);

export const down: Migration = async ({ context: sequelize }) =>
  searchText(sequelize, `translate(lower(${joined}), 'àâäáãåçéèêëíìîïñóòôöõúùûüýÿ', 'aaaaaaceeeeiiiinooooouuuuyy')`);
