// The offer search understands French words (issue #14): « Assistante » finds « Assistant
// administratif H/F », « électriciens » « Électricien ». PostgreSQL does the work: `unaccent` then
// `lower` fold accents and case (after unaccent, what `lower` leaves as it is in `--locale=C` is no
// French letter), and French full-text search (the snowball stemmer) joins plurals and most forms of a
// word, in a tsvector weighted title first, with its GIN index. The stemmer leaves four feminine endings
// of job titles apart from their masculine (vendeuse/vendeur, directrice/directeur, cuisinière/cuisinier
// once unaccented, chargée/chargé): masculine_words() writes them in the masculine, in the offers and in
// the searched words alike, after three letters at least (« Meuse », « mère » stay as they are). The
// trigram-indexed search_text, where a word being typed is found (« électri »), is folded by
// unaccent_lower(), the searched words too: no folding written by hand any more (0012's map goes).
import type { Migration } from '../migrate.js';

const FIELDS = ['title', 'description', 'job', 'city', 'job_family'];
const joined = (fields: string[]) => fields.map((f) => `coalesce(${f}, '')`).join(` || E'\\n' || `);

/** Feminine ending → masculine, at a word's end, plural kept: what the French stemmer does not join. */
const MASCULINE_OF = [
  ['trice', 'teur'],
  ['euse', 'eur'],
  ['ere', 'er'],
  ['ee', 'e'],
];
const masculine = (expression: string) =>
  MASCULINE_OF.reduce((text, [feminine, masc]) => `regexp_replace(${text}, '(\\w{3,})${feminine}(s?)\\M', '\\1${masc}\\2', 'g')`, expression);

/** Frozen copy of 0012's folding, for the way down. */
const FOLD_FROM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZàâäáãåçéèêëíìîïñóòôöõúùûüýÿÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸ';
const FOLD_TO = 'abcdefghijklmnopqrstuvwxyzaaaaaaceeeeiiiinooooouuuuyyaaaaaaceeeeiiiinooooouuuuyy';

const words = (fields: string[], weight: string) => `setweight(to_tsvector('french', masculine_words(${joined(fields)})), '${weight}')`;

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;
    -- unaccent() is only STABLE (its rules file could be edited), which a generated column refuses: the
    -- usual wrapper takes the rules as fixed, its dictionary named and bound once (SQL-standard body).
    CREATE FUNCTION unaccent_lower(phrase text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      RETURN lower(public.unaccent('public.unaccent'::regdictionary, phrase));
    CREATE FUNCTION masculine_words(phrase text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      RETURN ${masculine('unaccent_lower(phrase)')};

    DROP INDEX IF EXISTS offers_search_text_trgm;
    ALTER TABLE offers DROP COLUMN search_text;
    ALTER TABLE offers ADD COLUMN search_text text GENERATED ALWAYS AS (unaccent_lower(${joined(FIELDS)})) STORED;
    CREATE INDEX offers_search_text_trgm ON offers USING gin (search_text gin_trgm_ops) WHERE status = 'PUBLISHED';

    ALTER TABLE offers ADD COLUMN search_words tsvector GENERATED ALWAYS AS (
      ${words(['title'], 'A')} || ${words(['job', 'job_family'], 'B')} || ${words(['city'], 'C')} || ${words(['description'], 'D')}
    ) STORED;
    CREATE INDEX offers_search_words ON offers USING gin (search_words) WHERE status = 'PUBLISHED';
  `);
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    DROP INDEX IF EXISTS offers_search_words;
    ALTER TABLE offers DROP COLUMN IF EXISTS search_words;
    DROP INDEX IF EXISTS offers_search_text_trgm;
    ALTER TABLE offers DROP COLUMN search_text;
    ALTER TABLE offers ADD COLUMN search_text text GENERATED ALWAYS AS (translate(${joined(FIELDS)}, '${FOLD_FROM}', '${FOLD_TO}')) STORED;
    CREATE INDEX offers_search_text_trgm ON offers USING gin (search_text gin_trgm_ops) WHERE status = 'PUBLISHED';
    DROP FUNCTION masculine_words(text);
    DROP FUNCTION unaccent_lower(text);
    DROP EXTENSION IF EXISTS unaccent;
  `);
};
