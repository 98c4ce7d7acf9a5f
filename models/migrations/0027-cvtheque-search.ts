// The CVthèque's search (issue #17, items 3–5 and 7): a weighted French search document on every
// profile, kept up to date by triggers, feminine job titles written in the masculine through the métier
// list, the indexes of the filters, and the recruiters' search history.
//
// The document (`candidate_profiles.search_document`, configuration `tremplin_fr`: unaccent + French
// stemming) weighs A the headline and the titles of the profile's métiers (`metier_titles`), B the skills,
// the experiences' titles and the diplomas' titles, C the summary and the experiences' descriptions, D the
// text of the candidate's newest CV whose text could be read (`documents.text_content`, part `cvtext`).
// A trigger on the profile recomputes it when one of those columns changes; one on `documents` when a
// CV's text, status or kind changes, or a CV is deleted. After `metier_titles` or `metier_word_forms` are
// filled, `SELECT cvtheque_refresh_documents()` rewrites every profile's document.
//
// The stemmer joins plurals (« vendeurs ») but not feminine job titles (« vendeuse » / « vendeur »):
// `metier_word_forms` (unaccented lowercase feminine word → masculine, from the métier list) and
// `cvtheque_masculine(text)` rewrite each word found there in the masculine, leaving every other character
// as it is — applied to the document and, by the API, to the searched text before
// websearch_to_tsquery (its quotes, `-` and `OR` survive the rewriting).
import type { Migration } from '../migrate.js';

/**
 * The filters' multi-valued fields as one bigint per profile (`facet_bits`, generated): bit i set when
 * the profile has that value. The facets then count groups of profiles alike instead of 50 conditions
 * on every profile (api/cvtheque/service.ts reads this layout). Frozen with this migration: a value
 * added later takes a free bit in a migration of its own.
 */
export const FACET_BITS: Record<'contractType' | 'workingTime' | 'language' | 'drivingLicence', Record<string, number>> = {
  contractType: { CDI: 0, CDD: 1, INTERIM: 2, ALTERNANCE: 3, STAGE: 4 },
  workingTime: { FULL_TIME: 5, PART_TIME: 6 },
  language: { fr: 7, en: 8, es: 9, de: 10, it: 11, pt: 12, ar: 13, zh: 14, ru: 15, tr: 16, pl: 17, ro: 18, nl: 19, wo: 20, fsl: 21 },
  drivingLicence: { AM: 22, A: 23, B: 24, BE: 25, C: 26, CE: 27, D: 28, DE: 29 },
};
/** Bit of « RQTH shared »: an RQTH and its consent given. */
export const RQTH_SHARED_BIT = 30;
const COLUMN_OF = { contractType: 'contract_types', workingTime: 'working_times', language: 'language_codes', drivingLicence: 'driving_licences' } as const;
const bitsExpression = [
  ...Object.entries(FACET_BITS).flatMap(([facet, values]) =>
    Object.entries(values).map(([value, bit]) => `CASE WHEN '${value}' = ANY (${COLUMN_OF[facet as keyof typeof COLUMN_OF]}) THEN ${2 ** bit}::bigint ELSE 0 END`),
  ),
  `CASE WHEN rqth AND rqth_shared_at IS NOT NULL THEN ${2 ** RQTH_SHARED_BIT}::bigint ELSE 0 END`,
].join(' | ');

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    CREATE TABLE metier_titles (code text PRIMARY KEY, titles text NOT NULL);
    CREATE TABLE metier_word_forms (
      feminine text PRIMARY KEY CHECK (feminine ~ '^[a-z0-9]+$'),
      masculine text NOT NULL CHECK (masculine ~ '^[a-z0-9]+$')
    );

    -- Each word (letters and digits, once unaccented and lowercase) found in metier_word_forms becomes its
    -- masculine, a plural (the word less its final « s ») its masculine plural; separators (spaces,
    -- dashes, quotes) are kept as they are.
    -- (PL/pgSQL rather than SQL functions: their plans are kept for the session, which the triggers and
    -- a bulk refresh need — nested SQL functions were planned again for every row, 3 times slower.)
    CREATE FUNCTION cvtheque_masculine(phrase text) RETURNS text LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
    BEGIN
      RETURN (SELECT coalesce(string_agg(coalesce(f.masculine, p.masculine || 's', m[1]) || m[2], '' ORDER BY n), '')
        FROM regexp_matches(unaccent_lower(coalesce(phrase, '')), '([a-z0-9]*)([^a-z0-9]*)', 'g') WITH ORDINALITY AS t(m, n)
        LEFT JOIN metier_word_forms f ON f.feminine = m[1]
        LEFT JOIN metier_word_forms p ON m[1] LIKE '%s' AND p.feminine = left(m[1], -1));
    END $$;

    CREATE FUNCTION cvtheque_weighted(phrase text, weight "char") RETURNS tsvector LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
    BEGIN
      RETURN setweight(to_tsvector('public.tremplin_fr', cvtheque_masculine(phrase)), weight);
    END $$;

    -- The document of a profile, from its columns and its owner's newest readable CV.
    CREATE FUNCTION cvtheque_document(candidate uuid, headline text, summary text, metiers text[], skills text[],
                                      experiences jsonb, diplomas jsonb) RETURNS tsvector LANGUAGE plpgsql STABLE AS $$
    BEGIN
      RETURN cvtheque_weighted(concat_ws(E'\n', headline,
               (SELECT string_agg(t.titles, E'\n') FROM metier_titles t WHERE t.code = ANY (metiers))), 'A')
          || cvtheque_weighted(concat_ws(E'\n', array_to_string(skills, E'\n'),
               (SELECT string_agg(e->>'title', E'\n') FROM jsonb_array_elements(experiences) e),
               (SELECT string_agg(d->>'title', E'\n') FROM jsonb_array_elements(diplomas) d)), 'B')
          || cvtheque_weighted(concat_ws(E'\n', summary,
               (SELECT string_agg(e->>'description', E'\n') FROM jsonb_array_elements(experiences) e)), 'C')
          || cvtheque_weighted((SELECT left(d.text_content, 100000) FROM documents d
               WHERE d.candidate_id = candidate AND d.kind = 'CV' AND d.text_status = 'EXTRACTED' AND d.text_content IS NOT NULL
               ORDER BY d.created_at DESC, d.id DESC LIMIT 1), 'D');
    END $$;

    CREATE FUNCTION cvtheque_profile_document() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.search_document := cvtheque_document(NEW.user_id, NEW.headline, NEW.summary, NEW.metiers, NEW.skills, NEW.experiences, NEW.diplomas);
      RETURN NEW;
    END $$;
    CREATE TRIGGER candidate_profiles_search_document
      BEFORE INSERT OR UPDATE OF headline, summary, metiers, skills, experiences, diplomas ON candidate_profiles
      FOR EACH ROW EXECUTE FUNCTION cvtheque_profile_document();

    CREATE FUNCTION cvtheque_document_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE owner uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.candidate_id ELSE NEW.candidate_id END;
    BEGIN
      IF TG_OP = 'DELETE' AND OLD.kind <> 'CV' THEN RETURN NULL; END IF;
      IF TG_OP = 'INSERT' AND (NEW.kind <> 'CV' OR NEW.text_status IS DISTINCT FROM 'EXTRACTED') THEN RETURN NULL; END IF;
      IF TG_OP = 'UPDATE' AND OLD.kind <> 'CV' AND NEW.kind <> 'CV' THEN RETURN NULL; END IF;
      UPDATE candidate_profiles p
         SET search_document = cvtheque_document(p.user_id, p.headline, p.summary, p.metiers, p.skills, p.experiences, p.diplomas)
       WHERE p.user_id = owner;
      RETURN NULL;
    END $$;
    CREATE TRIGGER documents_cvtheque_text
      AFTER INSERT OR DELETE OR UPDATE OF text_content, text_status, kind ON documents
      FOR EACH ROW EXECUTE FUNCTION cvtheque_document_changed();

    CREATE FUNCTION cvtheque_refresh_documents() RETURNS integer LANGUAGE sql AS $$
      WITH done AS (
        UPDATE candidate_profiles p
           SET search_document = cvtheque_document(p.user_id, p.headline, p.summary, p.metiers, p.skills, p.experiences, p.diplomas)
        RETURNING 1)
      SELECT count(*)::int FROM done
    $$;
    SELECT cvtheque_refresh_documents();

    ALTER TABLE candidate_profiles ADD COLUMN facet_bits bigint GENERATED ALWAYS AS (${bitsExpression}) STORED;

    -- The search reads only visible profiles: partial indexes on them. The covering one lets a search
    -- without text read every visible profile's filter values from the index alone.
    CREATE INDEX candidate_profiles_visible_facets_idx ON candidate_profiles (created_at DESC, user_id)
      INCLUDE (updated_at, facet_bits, education_level, experience_months, available_from, last_activity_at)
      WHERE cvtheque_visible_at IS NOT NULL;
    -- The same values by candidate, for the profiles a place or a text found first.
    CREATE INDEX candidate_profiles_visible_by_user_idx ON candidate_profiles (user_id)
      INCLUDE (created_at, updated_at, facet_bits, education_level, experience_months, available_from, last_activity_at)
      WHERE cvtheque_visible_at IS NOT NULL;
    CREATE INDEX users_disabled_idx ON users (id) WHERE disabled_at IS NOT NULL;
    CREATE INDEX candidate_profiles_search_document_idx ON candidate_profiles USING gin (search_document)
      WHERE cvtheque_visible_at IS NOT NULL;
    CREATE INDEX candidate_profiles_visible_updated_idx ON candidate_profiles (updated_at DESC, user_id)
      WHERE cvtheque_visible_at IS NOT NULL;
    CREATE INDEX candidate_profiles_visible_metiers_idx ON candidate_profiles USING gin (metiers)
      WHERE cvtheque_visible_at IS NOT NULL;
    CREATE INDEX candidate_places_insee_idx ON candidate_places (insee);
    -- A place's reach: its point enlarged by the candidate's own radius; a search around a commune asks
    -- which reaches meet its circle's box, then the exact distance.
    CREATE INDEX candidate_places_reach_idx ON candidate_places USING gist (earth_box(ll_to_earth(latitude, longitude), radius_km * 1000));
    CREATE INDEX documents_candidate_cv_text_idx ON documents (candidate_id, created_at DESC) WHERE kind = 'CV' AND text_status = 'EXTRACTED';

    -- Each search of a person (issue #17, item 7): one row per distinct criteria (criteria_key, the
    -- canonical query string), moved up when searched again.
    CREATE TABLE cvtheque_searches (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      company_id uuid REFERENCES companies(id) ON DELETE CASCADE,
      criteria jsonb NOT NULL,
      criteria_key text NOT NULL CHECK (char_length(criteria_key) <= 2000),
      total integer NOT NULL CHECK (total >= 0),
      at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (user_id, criteria_key)
    );
    CREATE INDEX cvtheque_searches_user_at_idx ON cvtheque_searches (user_id, at DESC);
  `);
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    DROP TABLE cvtheque_searches;
    DROP INDEX documents_candidate_cv_text_idx;
    DROP INDEX candidate_places_reach_idx;
    DROP INDEX candidate_places_insee_idx;
    DROP INDEX candidate_profiles_visible_metiers_idx;
    DROP INDEX candidate_profiles_visible_updated_idx;
    DROP INDEX candidate_profiles_search_document_idx;
    DROP INDEX users_disabled_idx;
    DROP INDEX candidate_profiles_visible_by_user_idx;
    DROP INDEX candidate_profiles_visible_facets_idx;
    ALTER TABLE candidate_profiles DROP COLUMN facet_bits;
    DROP TRIGGER documents_cvtheque_text ON documents;
    DROP TRIGGER candidate_profiles_search_document ON candidate_profiles;
    DROP FUNCTION cvtheque_refresh_documents();
    DROP FUNCTION cvtheque_document_changed();
    DROP FUNCTION cvtheque_profile_document();
    DROP FUNCTION cvtheque_document(uuid, text, text, text[], text[], jsonb, jsonb);
    DROP FUNCTION cvtheque_weighted(text, "char");
    DROP FUNCTION cvtheque_masculine(text);
    DROP TABLE metier_word_forms;
    DROP TABLE metier_titles;
    UPDATE candidate_profiles SET search_document = NULL;
  `);
};
