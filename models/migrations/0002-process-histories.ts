// Histories of the other processes (offers, company verifications, sponsorships), the membership of
// recruiters in companies (each verified by its own process), and single-use e-mail tokens.
import type { Migration } from '../migrate.js';

const historyTable = (name: string, entity: string, entityTable: string) => `
  CREATE TABLE ${name} (
    id bigserial PRIMARY KEY,
    ${entity}_id uuid NOT NULL REFERENCES ${entityTable}(id) ON DELETE CASCADE,
    seq integer NOT NULL CHECK (seq >= 0),
    type text NOT NULL,
    from_status text,
    to_status text,
    actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
    actor_role text,
    message text,
    data jsonb NOT NULL DEFAULT '{}',
    at timestamptz NOT NULL,
    CONSTRAINT ${name}_seq_unique UNIQUE (${entity}_id, seq)
  );`;

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    ${historyTable('offer_events', 'offer', 'offers')}
    ${historyTable('sponsorship_events', 'sponsorship', 'sponsorship_requests')}

    -- A recruiter's place in a company. FOUNDER: registered the company; MEMBER: asked to join a
    -- company already registered; INVITED: added by a verified colleague (verified at once).
    CREATE TABLE company_memberships (
      id uuid PRIMARY KEY,
      company_id uuid NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
      user_id uuid NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('FOUNDER', 'MEMBER', 'INVITED')),
      status text NOT NULL CHECK (status IN ('PENDING_EMAIL_CONFIRMATION', 'PENDING_ADMIN_VERIFICATION', 'VERIFIED', 'REJECTED', 'EXPIRED')),
      status_changed_at timestamptz NOT NULL DEFAULT now(),
      workflow_id text UNIQUE,
      invited_by uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX company_memberships_waiting_idx ON company_memberships (status, status_changed_at);
    ${historyTable('membership_events', 'membership', 'company_memberships')}

    -- Links sent by e-mail: only a hash is stored; a token works once and until it expires.
    CREATE TABLE email_tokens (
      id uuid PRIMARY KEY,
      token_hash text NOT NULL UNIQUE,
      purpose text NOT NULL CHECK (purpose IN ('CONFIRM_EMAIL')),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      workflow_id text,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    ALTER TABLE users ADD COLUMN email_confirmed_at timestamptz;
    ALTER TABLE offers ADD COLUMN duplicated_from uuid REFERENCES offers(id) ON DELETE SET NULL;
    CREATE INDEX offers_moderation_queue_idx ON offers (status_changed_at) WHERE status = 'PENDING_MODERATION';
    CREATE INDEX sponsorship_requests_candidate_idx ON sponsorship_requests (candidate_id);
  `);
  // Existing recruiters (the demo one) were verified with their company.
  await sequelize.query(`
    INSERT INTO company_memberships (id, company_id, user_id, kind, status)
    SELECT gen_random_uuid(), u.company_id, u.id, 'FOUNDER', CASE WHEN c.status = 'VERIFIED' THEN 'VERIFIED' ELSE c.status END
    FROM users u JOIN companies c ON c.id = u.company_id WHERE u.role = 'RECRUITER';
  `);
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    DROP TABLE IF EXISTS email_tokens, membership_events, company_memberships, sponsorship_events, offer_events CASCADE;
    ALTER TABLE users DROP COLUMN IF EXISTS email_confirmed_at;
    ALTER TABLE offers DROP COLUMN IF EXISTS duplicated_from;
  `);
};
