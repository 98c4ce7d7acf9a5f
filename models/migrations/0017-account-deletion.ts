// Account deletion (accountDeletionWorkflow): the state of each account's latest deletion request, as
// the workflow projects it (the API and the back office read it), the moment an account was
// anonymised, and the sponsorship request's new final state WITHDRAWN (closed when its candidate's
// account is deleted).
import type { Migration } from '../migrate.js';

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    CREATE TABLE account_deletions (
      user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      status text NOT NULL CHECK (status IN ('SCHEDULED', 'IN_PROGRESS', 'CANCELLED', 'DONE')),
      requested_at timestamptz NOT NULL,
      due_at timestamptz NOT NULL,
      -- CANCELLED when due: why it could not be carried out (null: cancelled by the person).
      reason text,
      workflow_id text NOT NULL,
      status_changed_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX account_deletions_status_idx ON account_deletions (status, due_at);
    ALTER TABLE users ADD COLUMN deleted_at timestamptz;

    ALTER TABLE sponsorship_requests DROP CONSTRAINT IF EXISTS sponsorship_requests_status_check;
    ALTER TABLE sponsorship_requests ADD CONSTRAINT sponsorship_requests_status_check CHECK (status IN ('PENDING', 'ACCEPTED', 'REFUSED', 'WITHDRAWN'));
    ALTER TABLE sponsorship_events
      DROP CONSTRAINT IF EXISTS sponsorship_events_from_status,
      DROP CONSTRAINT IF EXISTS sponsorship_events_to_status,
      ADD CONSTRAINT sponsorship_events_from_status CHECK (from_status IN ('PENDING', 'ACCEPTED', 'REFUSED', 'WITHDRAWN')),
      ADD CONSTRAINT sponsorship_events_to_status CHECK (to_status IN ('PENDING', 'ACCEPTED', 'REFUSED', 'WITHDRAWN'));
  `);
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    ALTER TABLE sponsorship_events
      DROP CONSTRAINT IF EXISTS sponsorship_events_from_status,
      DROP CONSTRAINT IF EXISTS sponsorship_events_to_status,
      ADD CONSTRAINT sponsorship_events_from_status CHECK (from_status IN ('PENDING', 'ACCEPTED', 'REFUSED')),
      ADD CONSTRAINT sponsorship_events_to_status CHECK (to_status IN ('PENDING', 'ACCEPTED', 'REFUSED'));
    ALTER TABLE sponsorship_requests DROP CONSTRAINT IF EXISTS sponsorship_requests_status_check;
    ALTER TABLE sponsorship_requests ADD CONSTRAINT sponsorship_requests_status_check CHECK (status IN ('PENDING', 'ACCEPTED', 'REFUSED'));
    ALTER TABLE users DROP COLUMN IF EXISTS deleted_at;
    DROP TABLE IF EXISTS account_deletions;
  `);
};
