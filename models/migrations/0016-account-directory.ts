// « Mon compte » and the directories (issue #15, items 3 and 9): whether the person accepts video
// interviews (seed 000), the fields the directory of référents shows (function, establishment,
// département) and the consent to appear in a directory, kept as the time it was given: null is no
// consent, and withdrawing it sets null, so the next directory read no longer lists the person.
import type { Migration } from '../migrate.js';

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    ALTER TABLE users
      ADD COLUMN video_interviews boolean NOT NULL DEFAULT false,
      ADD COLUMN directory_function text,
      ADD COLUMN directory_establishment text,
      -- A département's number (workflows/departments.ts), checked by the API.
      ADD COLUMN directory_department text CHECK (directory_department ~ '^([0-9]{2,3}|2A|2B)$'),
      ADD COLUMN directory_consent_at timestamptz;
    -- The directories read only the people who consented, by role.
    CREATE INDEX users_directory_idx ON users (role, last_name, first_name) WHERE directory_consent_at IS NOT NULL AND disabled_at IS NULL;
  `);
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    DROP INDEX IF EXISTS users_directory_idx;
    ALTER TABLE users
      DROP COLUMN directory_consent_at,
      DROP COLUMN directory_department,
      DROP COLUMN directory_establishment,
      DROP COLUMN directory_function,
      DROP COLUMN video_interviews;
  `);
};
