// The CVthèque's ground (issue #17): what a candidate profile holds, the two consents with their times,
// the communes with coordinates, the text read from CVs, and the French text search configuration.
// Values are those of workflows/candidate-profile.ts (repeated here as CHECKs: a migration is frozen,
// the module may grow through a later migration). The search document, its trigger and the filters'
// indexes are 0027's; the communes' rows are 0026's.
import type { Migration } from '../migrate.js';

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    CREATE EXTENSION IF NOT EXISTS cube WITH SCHEMA public;
    CREATE EXTENSION IF NOT EXISTS earthdistance WITH SCHEMA public;

    -- French words without their accents, then stemmed: « Électriciennes » and « electricienne » meet.
    CREATE TEXT SEARCH CONFIGURATION public.tremplin_fr (COPY = pg_catalog.french);
    ALTER TEXT SEARCH CONFIGURATION public.tremplin_fr
      ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, french_stem;

    -- Every French commune (INSEE code), its postal codes and a point; approximate when no gazetteer
    -- had it and the point was estimated (0026 says how).
    CREATE TABLE communes (
      insee text PRIMARY KEY,
      name text NOT NULL,
      department text NOT NULL,
      postal_codes text[] NOT NULL DEFAULT '{}',
      population integer,
      latitude double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
      longitude double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
      approximate boolean NOT NULL DEFAULT false
    );
    CREATE INDEX communes_postal_codes_idx ON communes USING gin (postal_codes);
    CREATE INDEX communes_department_idx ON communes (department);

    ALTER TABLE candidate_profiles
      ADD COLUMN summary text CHECK (char_length(summary) <= 2000),
      ADD COLUMN metiers text[] NOT NULL DEFAULT '{}' CHECK (cardinality(metiers) <= 5),
      ADD COLUMN skills text[] NOT NULL DEFAULT '{}' CHECK (cardinality(skills) <= 30),
      ADD COLUMN experiences jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(experiences) = 'array' AND jsonb_array_length(experiences) <= 20),
      ADD COLUMN experience_months integer NOT NULL DEFAULT 0 CHECK (experience_months >= 0),
      ADD COLUMN diplomas jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(diplomas) = 'array' AND jsonb_array_length(diplomas) <= 10),
      ADD COLUMN education_level smallint CHECK (education_level IN (0, 3, 4, 5, 6, 7, 8)),
      ADD COLUMN languages jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(languages) = 'array' AND jsonb_array_length(languages) <= 10),
      ADD COLUMN language_codes text[] NOT NULL DEFAULT '{}',
      ADD COLUMN driving_licences text[] NOT NULL DEFAULT '{}' CHECK (driving_licences <@ ARRAY['AM', 'A', 'B', 'BE', 'C', 'CE', 'D', 'DE']::text[]),
      ADD COLUMN contract_types text[] NOT NULL DEFAULT '{}' CHECK (contract_types <@ ARRAY['CDI', 'CDD', 'INTERIM', 'ALTERNANCE', 'STAGE']::text[]),
      ADD COLUMN working_times text[] NOT NULL DEFAULT '{}' CHECK (working_times <@ ARRAY['FULL_TIME', 'PART_TIME']::text[]),
      ADD COLUMN remote text CHECK (remote IN ('NONE', 'PARTIAL', 'FULL')),
      ADD COLUMN available_from date,
      ADD COLUMN commune_insee text REFERENCES communes(insee),
      -- The consents, as the time each was given (null: not given; withdrawing sets null at once).
      ADD COLUMN cvtheque_visible_at timestamptz,
      ADD COLUMN rqth_shared_at timestamptz,
      ADD COLUMN last_activity_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN search_document tsvector;

    -- Places wished: a commune and a radius; its point copied from the commune so the distance index
    -- is on this table.
    CREATE TABLE candidate_places (
      candidate_id uuid NOT NULL REFERENCES candidate_profiles(user_id) ON DELETE CASCADE,
      insee text NOT NULL REFERENCES communes(insee),
      radius_km smallint NOT NULL DEFAULT 0 CHECK (radius_km BETWEEN 0 AND 100),
      latitude double precision NOT NULL,
      longitude double precision NOT NULL,
      PRIMARY KEY (candidate_id, insee)
    );
    CREATE INDEX candidate_places_earth_idx ON candidate_places USING gist (ll_to_earth(latitude, longitude));

    -- Every grant and withdrawal of a consent, with who recorded it: the profile keeps the current one.
    CREATE TABLE profile_consents (
      id bigserial PRIMARY KEY,
      candidate_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      consent text NOT NULL CHECK (consent IN ('CVTHEQUE', 'RQTH')),
      granted boolean NOT NULL,
      at timestamptz NOT NULL DEFAULT now(),
      recorded_by uuid REFERENCES users(id) ON DELETE SET NULL
    );
    CREATE INDEX profile_consents_candidate_idx ON profile_consents (candidate_id, at DESC);

    -- A company's own view of a profile it found in the CVthèque: when its recruiters first and last
    -- opened it (« vu »; the candidate is not told), its private comment and whether it is retained or
    -- discarded. Read by the search (seen filter) and written by the profile's page.
    CREATE TABLE cvtheque_company_candidates (
      company_id uuid NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
      candidate_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      first_seen_at timestamptz,
      last_seen_at timestamptz,
      decision text CHECK (decision IN ('RETAINED', 'DISCARDED')),
      decided_at timestamptz,
      decided_by uuid REFERENCES users(id) ON DELETE SET NULL,
      comment text CHECK (char_length(comment) <= 4000),
      comment_updated_at timestamptz,
      comment_updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
      version integer NOT NULL DEFAULT 0,
      PRIMARY KEY (company_id, candidate_id)
    );

    -- Text read from an uploaded document (activities/document-text.ts): PENDING until read, UNREADABLE
    -- when no text could be taken from it (a scan, a damaged file): flagged, never fatal.
    ALTER TABLE documents
      ADD COLUMN text_status text CHECK (text_status IN ('PENDING', 'EXTRACTED', 'UNREADABLE')),
      ADD COLUMN text_content text,
      ADD COLUMN text_extracted_at timestamptz;
  `);
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    ALTER TABLE documents DROP COLUMN text_status, DROP COLUMN text_content, DROP COLUMN text_extracted_at;
    DROP TABLE cvtheque_company_candidates;
    DROP TABLE profile_consents;
    DROP TABLE candidate_places;
    ALTER TABLE candidate_profiles
      DROP COLUMN summary, DROP COLUMN metiers, DROP COLUMN skills, DROP COLUMN experiences, DROP COLUMN experience_months,
      DROP COLUMN diplomas, DROP COLUMN education_level, DROP COLUMN languages, DROP COLUMN language_codes,
      DROP COLUMN driving_licences, DROP COLUMN contract_types, DROP COLUMN working_times, DROP COLUMN remote,
      DROP COLUMN available_from, DROP COLUMN commune_insee, DROP COLUMN cvtheque_visible_at, DROP COLUMN rqth_shared_at,
      DROP COLUMN last_activity_at, DROP COLUMN search_document;
    DROP TABLE communes;
    DROP TEXT SEARCH CONFIGURATION public.tremplin_fr;
    DROP EXTENSION IF EXISTS earthdistance;
    DROP EXTENSION IF EXISTS cube;
  `);
};
