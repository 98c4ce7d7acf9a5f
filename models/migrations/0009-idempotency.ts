// Idempotent requests (api/idempotency.ts): the first answer to each Idempotency-Key, so a client that
// lost it and retries gets it again instead of a 409 or a second entity. And one live spontaneous
// application per candidate and company, as there is one per candidate and offer.
import { QueryTypes } from 'sequelize';
import type { Migration } from '../migrate.js';

// Frozen copy of the final statuses of workflows/application-rules.ts (those of 0001's offer index).
const FINAL_APPLICATION_STATUSES = `'REJECTED_BY_REFERENT', 'HIRED', 'NOT_HIRED', 'REFUSED', 'WITHDRAWN'`;

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    -- One row per (caller, key): the caller is the signed-in user's id, or for an anonymous route
    -- (register-recruiter) 'anonymous:' and the SHA-256 of the key. Rows older than 24 hours are
    -- forgotten: deleted by the writes of the middleware, and taken over by a new request with their key.
    CREATE TABLE idempotency_keys (
      caller text NOT NULL,
      key text NOT NULL CHECK (key ~ '^[!-~]{1,255}$'),
      method text NOT NULL,
      path text NOT NULL,
      -- HMAC-SHA-256 of the canonical JSON body (keyed by the session secret: a body may hold a password).
      request_hash text NOT NULL,
      state text NOT NULL CHECK (state IN ('IN_PROGRESS', 'DONE')),
      -- The request holding an IN_PROGRESS row, until locked_until; after it, a retry may take the row over.
      claim uuid NOT NULL,
      locked_until timestamptz,
      response_status smallint CHECK (response_status BETWEEN 200 AND 499),
      -- The JSON text as it was sent (json/jsonb would not keep it byte for byte).
      response_body text,
      created_at timestamptz NOT NULL DEFAULT now(),
      completed_at timestamptz,
      PRIMARY KEY (caller, key),
      CHECK ((state = 'DONE') = (response_status IS NOT NULL AND response_body IS NOT NULL))
    );
    CREATE INDEX idempotency_keys_created_at_idx ON idempotency_keys (created_at);
  `);
  // Two spontaneous applications of one candidate to one company can no more be live at once than
  // two to one offer. Live duplicates written before would stop the index: they are named, for an
  // operator to close one of each pair (withdraw), then the migration runs again.
  const duplicates = await sequelize.query<{ candidate_id: string; company_id: string; n: string }>(
    `SELECT candidate_id, company_id, count(*) AS n FROM applications
     WHERE offer_id IS NULL AND status NOT IN (${FINAL_APPLICATION_STATUSES})
     GROUP BY candidate_id, company_id HAVING count(*) > 1 ORDER BY candidate_id, company_id LIMIT 20`,
    { type: QueryTypes.SELECT },
  );
  if (duplicates.length) {
    throw new Error(
      `Migration 0009 : des candidatures spontanées en double sont encore en cours (candidat, entreprise : ${duplicates
        .map((d) => `${d.candidate_id} ${d.company_id} ×${d.n}`)
        .join(' ; ')}). Retirez-en une de chaque paire, puis relancez la migration.`,
    );
  }
  await sequelize.query(`
    CREATE UNIQUE INDEX applications_one_live_spontaneous ON applications (candidate_id, company_id)
      WHERE offer_id IS NULL AND status NOT IN (${FINAL_APPLICATION_STATUSES});
  `);
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    DROP INDEX IF EXISTS applications_one_live_spontaneous;
    DROP TABLE IF EXISTS idempotency_keys;
  `);
};
