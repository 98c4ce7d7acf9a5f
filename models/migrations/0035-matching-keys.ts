// Matching (issue #18, « Performance »): two criteria read as array keys instead of being worked out for
// each of 100,000 profiles by every search (api/matching/engine.ts). Measured on the bench's data, one
// core, 95,000 consenting profiles: the métier family by a regular expression over the codes joined by
// commas took about 220 ms of a 250 ms scan, the languages by jsonb containment about 30 ms.
//
//   - `metier_families`: each métier's family (D1106 → D11, workflows/metiers.ts familyOf; the profile
//     stores codes as METIER_CODE, a letter A–N and four digits, so its first three characters);
//   - `language_keys`: for each language, its code, and « code:level » for its level and every level below
//     it in LANGUAGE_LEVELS: « speaks English » is `'en' = ANY`, « English at B1 or above » `'en:B1' = ANY`.
//     The levels' order is written here from LANGUAGE_LEVELS (test/matching.test.ts checks that SQL and
//     TypeScript still agree, level by level).
// Both join the covering index, which a ranking reads alone.
import { LANGUAGE_LEVELS } from '../../workflows/candidate-profile.js';
import type { Migration } from '../migrate.js';

const levels = `ARRAY[${LANGUAGE_LEVELS.map((l) => `'${l}'`).join(', ')}]`;

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    CREATE FUNCTION matching_metier_families(metiers text[]) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      RETURN ARRAY(SELECT DISTINCT left(m, 3) FROM unnest(metiers) m WHERE m ~ '^[A-N][0-9]{4}$' ORDER BY 1);
    CREATE FUNCTION matching_language_keys(languages jsonb) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      RETURN ARRAY(
        SELECT DISTINCT key FROM jsonb_array_elements(CASE WHEN jsonb_typeof(languages) = 'array' THEN languages ELSE '[]' END) l,
          LATERAL (SELECT l->>'code' AS code, array_position(${levels}, l->>'level') AS rank) x,
          LATERAL (SELECT x.code UNION ALL SELECT x.code || ':' || (${levels})[i] FROM generate_series(1, coalesce(x.rank, 0)) i) k(key)
        WHERE x.code IS NOT NULL ORDER BY 1);
    ALTER TABLE candidate_profiles
      ADD COLUMN metier_families text[] GENERATED ALWAYS AS (matching_metier_families(metiers)) STORED,
      ADD COLUMN language_keys text[] GENERATED ALWAYS AS (matching_language_keys(languages)) STORED;
    DROP INDEX candidate_profiles_matching_idx;
    CREATE INDEX candidate_profiles_matching_idx ON candidate_profiles (updated_at DESC, user_id)
      INCLUDE (metiers, metier_families, experience_months, education_level, contract_types, working_times, remote, driving_licences, language_keys, skill_hashes)
      WHERE cvtheque_visible_at IS NOT NULL;
  `);
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    DROP INDEX candidate_profiles_matching_idx;
    ALTER TABLE candidate_profiles DROP COLUMN language_keys, DROP COLUMN metier_families;
    DROP FUNCTION matching_language_keys(jsonb);
    DROP FUNCTION matching_metier_families(text[]);
    CREATE INDEX candidate_profiles_matching_idx ON candidate_profiles (updated_at DESC, user_id)
      INCLUDE (metiers, experience_months, education_level, contract_types, working_times, remote, driving_licences, languages, skill_hashes)
      WHERE cvtheque_visible_at IS NOT NULL;
  `);
};
