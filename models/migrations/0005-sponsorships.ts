// Sponsorship requests as sponsorshipWorkflow projects them: the référent fixed at creation (like an
// application's, so a référent and their mission officer keep seeing the requests they followed), one
// pending request per candidate and company, and the rules of PRODUCT.md the database can hold.
import type { Migration } from '../migrate.js';

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    ALTER TABLE sponsorship_requests ADD COLUMN referent_id uuid REFERENCES users(id) ON DELETE SET NULL;
    UPDATE sponsorship_requests s SET referent_id = p.referent_id FROM candidate_profiles p WHERE p.user_id = s.candidate_id;
    CREATE INDEX sponsorship_requests_referent_idx ON sponsorship_requests (referent_id, status) WHERE referent_id IS NOT NULL;
    -- One request waiting per candidate and company; an answered one does not block a new one.
    CREATE UNIQUE INDEX sponsorship_requests_one_pending ON sponsorship_requests (candidate_id, company_id) WHERE status = 'PENDING';
    CREATE INDEX sponsorship_requests_queue_idx ON sponsorship_requests (company_id, status, status_changed_at);
    ALTER TABLE sponsorship_requests
      ADD CONSTRAINT sponsorship_message_not_blank CHECK (length(trim(message)) > 0),
      ADD CONSTRAINT sponsorship_refused_has_comment CHECK (status <> 'REFUSED' OR length(trim(coalesce(comment, ''))) > 0);
    ALTER TABLE sponsorship_events
      ADD CONSTRAINT sponsorship_events_from_status CHECK (from_status IN ('PENDING', 'ACCEPTED', 'REFUSED')),
      ADD CONSTRAINT sponsorship_events_to_status CHECK (to_status IN ('PENDING', 'ACCEPTED', 'REFUSED'));
  `);
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    ALTER TABLE sponsorship_events DROP CONSTRAINT IF EXISTS sponsorship_events_from_status, DROP CONSTRAINT IF EXISTS sponsorship_events_to_status;
    ALTER TABLE sponsorship_requests DROP CONSTRAINT IF EXISTS sponsorship_message_not_blank, DROP CONSTRAINT IF EXISTS sponsorship_refused_has_comment;
    DROP INDEX IF EXISTS sponsorship_requests_queue_idx, sponsorship_requests_one_pending, sponsorship_requests_referent_idx;
    ALTER TABLE sponsorship_requests DROP COLUMN IF EXISTS referent_id;
  `);
};
