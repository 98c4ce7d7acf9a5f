// Self-service accounts (issue #15): the terms a recruiter accepted at sign-up (version and time), and
// password reset links, kept like the e-mail confirmation links (only a SHA-256 of the token, single
// use, expiring) in email_tokens under a purpose of their own.
import type { Migration } from '../migrate.js';

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    ALTER TABLE users ADD COLUMN terms_version text, ADD COLUMN terms_accepted_at timestamptz;
    ALTER TABLE users ADD CONSTRAINT users_terms_together CHECK ((terms_version IS NULL) = (terms_accepted_at IS NULL));

    ALTER TABLE email_tokens DROP CONSTRAINT email_tokens_purpose_check;
    ALTER TABLE email_tokens ADD CONSTRAINT email_tokens_purpose_check CHECK (purpose IN ('CONFIRM_EMAIL', 'PASSWORD_RESET'));
    -- A reset invalidates the person's other live links: found by user.
    CREATE INDEX email_tokens_live_resets ON email_tokens (user_id) WHERE purpose = 'PASSWORD_RESET' AND used_at IS NULL;
  `);
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    DROP INDEX IF EXISTS email_tokens_live_resets;
    DELETE FROM email_tokens WHERE purpose = 'PASSWORD_RESET';
    ALTER TABLE email_tokens DROP CONSTRAINT email_tokens_purpose_check;
    ALTER TABLE email_tokens ADD CONSTRAINT email_tokens_purpose_check CHECK (purpose IN ('CONFIRM_EMAIL'));
    ALTER TABLE users DROP CONSTRAINT IF EXISTS users_terms_together;
    ALTER TABLE users DROP COLUMN IF EXISTS terms_version, DROP COLUMN IF EXISTS terms_accepted_at;
  `);
};
