// Matching (issue #18, item 3): what the ranking in SQL (api/matching/engine.ts) reads of a profile,
// kept narrow enough to be read from one index.
//
// Skills: workflows/matching.ts compares them through skillKey (metiers.ts's normalize: NFD, combining
// accents dropped, œ/æ spelt out, typographic quotes straight, lowercase; then trimmed, spaces collapsed);
// matching_skill_key is the same steps in the same order (test/matching.test.ts proves it on accents,
// case, ligatures and odd spaces; JavaScript's \s is spelt out: PostgreSQL's [[:space:]] depends on the
// locale). A profile keeps each key's 64-bit hash (`skill_hashes`), computed when written: thirty skills of
// 80 characters would not fit in an index entry, their hashes do (a collision, one chance in about 10^19 a
// pair, is the only way SQL and TypeScript could disagree; the page shown is rated by TypeScript anyway).
//
// The covering index: every column a ranking reads, for the consenting profiles only, so that rating all
// of them is an index-only scan of a few MB rather than a read of the whole table (152 MB at 120,000
// profiles, bench section 4c); and the places by candidate with their radius and point.
import type { Migration } from '../migrate.js';

/** JavaScript's \s (ECMAScript WhiteSpace and LineTerminator), as a PostgreSQL bracket expression. */
const JS_SPACE = '[\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]';

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    CREATE FUNCTION matching_skill_key(skill text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      RETURN regexp_replace(
        regexp_replace(
          lower(translate(regexp_replace(regexp_replace(regexp_replace(normalize(skill, NFD), '[\\u0300-\\u036f]', '', 'g'), '[œŒ]', 'oe', 'g'), '[æÆ]', 'ae', 'g'), '’‘\`', '''''''')),
          '^${JS_SPACE}+|${JS_SPACE}+$', '', 'g'),
        '${JS_SPACE}+', ' ', 'g');
    CREATE FUNCTION matching_skill_hash(skill text) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      RETURN hashtextextended(matching_skill_key(skill), 0);
    CREATE FUNCTION matching_skill_hashes(skills text[]) RETURNS bigint[] LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      RETURN ARRAY(SELECT matching_skill_hash(s) FROM unnest(skills) s);
    ALTER TABLE candidate_profiles ADD COLUMN skill_hashes bigint[] GENERATED ALWAYS AS (matching_skill_hashes(skills)) STORED;
    CREATE INDEX candidate_profiles_matching_idx ON candidate_profiles (updated_at DESC, user_id)
      INCLUDE (metiers, experience_months, education_level, contract_types, working_times, remote, driving_licences, languages, skill_hashes)
      WHERE cvtheque_visible_at IS NOT NULL;
    -- A profile's nearest place, read from the index alone.
    CREATE INDEX candidate_places_matching_idx ON candidate_places (candidate_id) INCLUDE (radius_km, point);
  `);
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    DROP INDEX candidate_places_matching_idx;
    DROP INDEX candidate_profiles_matching_idx;
    ALTER TABLE candidate_profiles DROP COLUMN skill_hashes;
    DROP FUNCTION matching_skill_hashes(text[]);
    DROP FUNCTION matching_skill_hash(text);
    DROP FUNCTION matching_skill_key(text);
  `);
};
