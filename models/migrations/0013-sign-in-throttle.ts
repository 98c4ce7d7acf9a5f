// Sign-in throttling per address *and* source (issue #13): failures are counted per (address, IP) or
// (address, known device), so someone guessing from one place no longer locks the owner out everywhere.
// Replaces 0008's lockout per address alone. Kept whether or not the address has an account.
import type { Migration } from '../migrate.js';

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    CREATE TABLE sign_in_throttle (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL CHECK (email = lower(email)),
      -- IP: the client's address (IPv6 by /56); DEVICE: a prefix of the hash of a known device's token.
      source_kind text NOT NULL CHECK (source_kind IN ('IP', 'DEVICE')),
      source text NOT NULL,
      failures integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
      last_failure_at timestamptz,
      locked_until timestamptz,
      -- What the back office shows: how many times this pair was locked, first and last time.
      lockouts integer NOT NULL DEFAULT 0,
      first_locked_at timestamptz,
      last_locked_at timestamptz,
      UNIQUE (email, source_kind, source)
    );
    CREATE INDEX sign_in_throttle_pressure ON sign_in_throttle (email, last_failure_at);
    CREATE INDEX sign_in_throttle_locked ON sign_in_throttle (last_locked_at) WHERE last_locked_at IS NOT NULL;

    -- Browsers that signed in successfully to an address: a long-lived cookie holds the token, only its
    -- SHA-256 is kept here.
    CREATE TABLE known_devices (
      token_hash text NOT NULL,
      email text NOT NULL CHECK (email = lower(email)),
      created_at timestamptz NOT NULL DEFAULT now(),
      last_sign_in_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (token_hash, email)
    );

    -- The back office's read-only list of lockouts, current and recent.
    CREATE VIEW sign_in_lockouts AS
      SELECT id, email, source_kind, source, failures, coalesce(locked_until > now(), false) AS active, locked_until,
             lockouts, first_locked_at, last_locked_at, last_failure_at
      FROM sign_in_throttle WHERE last_locked_at IS NOT NULL;

    DROP TABLE login_attempts;
  `);
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    DROP VIEW IF EXISTS sign_in_lockouts;
    DROP TABLE IF EXISTS known_devices;
    DROP TABLE IF EXISTS sign_in_throttle;
    CREATE TABLE login_attempts (
      email text PRIMARY KEY CHECK (email = lower(email)),
      failures integer NOT NULL CHECK (failures > 0),
      last_failure_at timestamptz NOT NULL,
      locked_until timestamptz
    );
  `);
};
