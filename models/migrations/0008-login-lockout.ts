// Progressive lockout after failed sign-ins, kept per e-mail address whether or not an account has it,
// so a lockout says nothing about which addresses exist.
import type { Migration } from '../migrate.js';

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    CREATE TABLE login_attempts (
      email text PRIMARY KEY CHECK (email = lower(email)),
      failures integer NOT NULL CHECK (failures > 0),
      last_failure_at timestamptz NOT NULL,
      locked_until timestamptz
    );
    ALTER TABLE users DROP COLUMN failed_logins, DROP COLUMN locked_until;
  `);
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    DROP TABLE IF EXISTS login_attempts;
    ALTER TABLE users ADD COLUMN failed_logins integer NOT NULL DEFAULT 0, ADD COLUMN locked_until timestamptz;
  `);
};
