// Working a CVthèque profile (issue #17, item 6): what a company did with a profile (one row per view,
// CV download, comment, decision, contact request: « recorded », readable by the company and admins),
// and the contact requests as contactRequestWorkflow projects them, with their numbered history like
// the other processes'. The request's message lives here only, never in the workflow's input or history.
import type { Migration } from '../migrate.js';

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    CREATE TABLE cvtheque_events (
      id bigserial PRIMARY KEY,
      company_id uuid NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
      candidate_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
      type text NOT NULL CHECK (type IN ('VIEWED', 'CV_DOWNLOADED', 'COMMENTED', 'RETAINED', 'DISCARDED', 'DECISION_CLEARED', 'CONTACT_REQUESTED')),
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX cvtheque_events_company_candidate_idx ON cvtheque_events (company_id, candidate_id, at DESC);
    CREATE INDEX cvtheque_events_candidate_idx ON cvtheque_events (candidate_id);

    CREATE TABLE contact_requests (
      id uuid PRIMARY KEY,
      company_id uuid NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
      candidate_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      -- The candidate's référent when the request was made: they may answer it for the candidate.
      referent_id uuid REFERENCES users(id) ON DELETE SET NULL,
      requested_by uuid REFERENCES users(id) ON DELETE SET NULL,
      message text NOT NULL CHECK (length(trim(message)) > 0 AND char_length(message) <= 2000),
      status text NOT NULL CHECK (status IN ('PENDING', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'CANCELLED')),
      status_changed_at timestamptz NOT NULL,
      workflow_id text NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      decided_at timestamptz,
      decided_by uuid REFERENCES users(id) ON DELETE SET NULL,
      expires_at timestamptz NOT NULL
    );
    -- At most one live request per company and candidate; an answered one does not block a new one.
    CREATE UNIQUE INDEX contact_requests_one_pending ON contact_requests (company_id, candidate_id) WHERE status = 'PENDING';
    CREATE INDEX contact_requests_candidate_idx ON contact_requests (candidate_id, created_at DESC);
    CREATE INDEX contact_requests_referent_idx ON contact_requests (referent_id, created_at DESC) WHERE referent_id IS NOT NULL;
    CREATE INDEX contact_requests_company_idx ON contact_requests (company_id, created_at DESC);

    CREATE TABLE contact_request_events (
      id bigserial PRIMARY KEY,
      contact_request_id uuid NOT NULL REFERENCES contact_requests(id) ON DELETE CASCADE,
      seq integer NOT NULL CHECK (seq >= 0),
      type text NOT NULL,
      from_status text,
      to_status text,
      actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
      actor_role text,
      message text,
      data jsonb NOT NULL DEFAULT '{}',
      at timestamptz NOT NULL,
      update_id text,
      CONSTRAINT contact_request_events_seq_unique UNIQUE (contact_request_id, seq)
    );
  `);
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`DROP TABLE IF EXISTS contact_request_events, contact_requests, cvtheque_events`);
};
