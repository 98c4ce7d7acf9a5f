// Initial schema. Constraints live here too (unique e-mail, foreign keys, status checks), so the
// database refuses a bad row even if a bug in the application tries to write one.
import type { Migration } from '../migrate.js';

const APPLICATION_STATUSES = [
  'PENDING_REFERENT_VALIDATION',
  'REJECTED_BY_REFERENT',
  'PENDING_RECRUITER',
  'ACCEPTED',
  'INTERVIEW_PROPOSED',
  'INTERVIEW_DONE',
  'HIRED',
  'NOT_HIRED',
  'REFUSED',
  'WITHDRAWN',
];
const OFFER_STATUSES = ['DRAFT', 'PENDING_MODERATION', 'PUBLISHED', 'REJECTED', 'EXPIRED', 'ARCHIVED'];
const COMPANY_STATUSES = ['PENDING_EMAIL_CONFIRMATION', 'PENDING_ADMIN_VERIFICATION', 'VERIFIED', 'REJECTED', 'EXPIRED'];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    CREATE TABLE companies (
      id uuid PRIMARY KEY,
      siren char(9) NOT NULL UNIQUE CHECK (siren ~ '^[0-9]{9}$'),
      siret char(14) CHECK (siret ~ '^[0-9]{14}$' AND substr(siret, 1, 9) = siren),
      name text NOT NULL CHECK (length(trim(name)) > 0),
      sector text,
      size text,
      address text,
      postal_code text,
      city text,
      description text,
      website text,
      status text NOT NULL CHECK (status IN (${list(COMPANY_STATUSES)})),
      status_changed_at timestamptz NOT NULL DEFAULT now(),
      workflow_id text UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE users (
      id uuid PRIMARY KEY,
      email text NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
      password_hash text NOT NULL,
      role text NOT NULL CHECK (role IN ('ADMIN', 'MISSION_OFFICER', 'REFERENT', 'RECRUITER', 'CANDIDATE')),
      first_name text NOT NULL,
      last_name text NOT NULL,
      phone text,
      job_title text,
      company_id uuid REFERENCES companies(id) ON DELETE RESTRICT,
      mission_officer_id uuid REFERENCES users(id) ON DELETE SET NULL,
      must_change_password boolean NOT NULL DEFAULT false,
      disabled_at timestamptz,
      failed_logins integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
      locked_until timestamptz,
      last_login_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT users_email_unique UNIQUE (email),
      CONSTRAINT users_recruiter_has_company CHECK (role <> 'RECRUITER' OR company_id IS NOT NULL),
      CONSTRAINT users_only_recruiters_in_company CHECK (role = 'RECRUITER' OR company_id IS NULL)
    );
    CREATE INDEX users_company_idx ON users (company_id) WHERE company_id IS NOT NULL;
    CREATE INDEX users_mission_officer_idx ON users (mission_officer_id) WHERE mission_officer_id IS NOT NULL;

    CREATE TABLE candidate_profiles (
      user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      referent_id uuid REFERENCES users(id) ON DELETE SET NULL,
      rqth boolean NOT NULL DEFAULT false,
      headline text,
      postal_code text,
      city text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX candidate_profiles_referent_idx ON candidate_profiles (referent_id);

    CREATE TABLE documents (
      id uuid PRIMARY KEY,
      candidate_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('CV', 'COVER_LETTER', 'OTHER')),
      filename text NOT NULL,
      mime_type text NOT NULL,
      size_bytes integer NOT NULL CHECK (size_bytes >= 0),
      storage_key text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX documents_candidate_idx ON documents (candidate_id);

    CREATE TABLE offers (
      id uuid PRIMARY KEY,
      company_id uuid NOT NULL REFERENCES companies(id) ON DELETE RESTRICT,
      created_by uuid REFERENCES users(id) ON DELETE SET NULL,
      title text NOT NULL CHECK (length(trim(title)) > 0),
      contract_type text NOT NULL CHECK (contract_type IN ('CDI', 'CDD', 'INTERIM', 'ALTERNANCE', 'STAGE')),
      contract_duration_months integer CHECK (contract_duration_months > 0),
      experience text,
      education text,
      postal_code text NOT NULL,
      city text NOT NULL,
      departments text[] NOT NULL DEFAULT '{}',
      job_family text,
      job text,
      description text NOT NULL,
      salary_min integer CHECK (salary_min >= 0),
      salary_max integer CHECK (salary_max >= 0),
      remote text NOT NULL DEFAULT 'NONE' CHECK (remote IN ('NONE', 'PARTIAL', 'FULL')),
      start_date date,
      screening_question text,
      chosen_end_date date,
      status text NOT NULL CHECK (status IN (${list(OFFER_STATUSES)})),
      status_changed_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz,
      expires_at timestamptz,
      workflow_id text UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT offers_salary_range CHECK (salary_min IS NULL OR salary_max IS NULL OR salary_min <= salary_max)
    );
    CREATE INDEX offers_company_idx ON offers (company_id, status);
    CREATE INDEX offers_published_idx ON offers (published_at DESC) WHERE status = 'PUBLISHED';

    CREATE TABLE applications (
      id uuid PRIMARY KEY,
      candidate_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
      company_id uuid NOT NULL REFERENCES companies(id) ON DELETE RESTRICT,
      offer_id uuid REFERENCES offers(id) ON DELETE RESTRICT,
      referent_id uuid REFERENCES users(id) ON DELETE SET NULL,
      created_by uuid REFERENCES users(id) ON DELETE SET NULL,
      status text NOT NULL CHECK (status IN (${list(APPLICATION_STATUSES)})),
      status_changed_at timestamptz NOT NULL DEFAULT now(),
      message text,
      screening_answer text,
      cv_document_id uuid REFERENCES documents(id) ON DELETE SET NULL,
      recruiter_note text,
      -- Set when the application reaches the company (validated, or no référent): recruiters never see it before.
      sent_to_company_at timestamptz,
      workflow_id text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    -- One live application per candidate and offer; a closed one does not block a new attempt.
    CREATE UNIQUE INDEX applications_one_live_per_offer ON applications (candidate_id, offer_id)
      WHERE offer_id IS NOT NULL AND status NOT IN ('REJECTED_BY_REFERENT', 'HIRED', 'NOT_HIRED', 'REFUSED', 'WITHDRAWN');
    CREATE INDEX applications_referent_queue_idx ON applications (referent_id, status, status_changed_at);
    CREATE INDEX applications_company_idx ON applications (company_id, status, status_changed_at DESC);
    CREATE INDEX applications_candidate_idx ON applications (candidate_id, created_at DESC);
    CREATE INDEX applications_offer_idx ON applications (offer_id, status) WHERE offer_id IS NOT NULL;

    -- History: one row per transition or process event, numbered so that a retried projection
    -- activity writes the same row again instead of a second one.
    CREATE TABLE application_events (
      id bigserial PRIMARY KEY,
      application_id uuid NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
      seq integer NOT NULL CHECK (seq >= 0),
      type text NOT NULL,
      from_status text CHECK (from_status IN (${list(APPLICATION_STATUSES)})),
      to_status text CHECK (to_status IN (${list(APPLICATION_STATUSES)})),
      actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
      actor_role text,
      message text,
      data jsonb NOT NULL DEFAULT '{}',
      at timestamptz NOT NULL,
      CONSTRAINT application_events_seq_unique UNIQUE (application_id, seq)
    );

    CREATE TABLE interviews (
      id uuid PRIMARY KEY,
      application_id uuid NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
      round integer NOT NULL CHECK (round > 0),
      starts_at timestamptz NOT NULL,
      duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),
      mode text NOT NULL CHECK (mode IN ('PHONE', 'VIDEO', 'CHAT', 'IN_PERSON')),
      location text,
      message text,
      status text NOT NULL CHECK (status IN ('PROPOSED', 'CONFIRMED', 'CANCELLED', 'DONE')),
      video_room text,
      video_url text,
      proposed_by uuid REFERENCES users(id) ON DELETE SET NULL,
      ics_sequence integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT interviews_round_unique UNIQUE (application_id, round)
    );
    CREATE INDEX interviews_starts_at_idx ON interviews (starts_at);

    CREATE TABLE sponsorship_requests (
      id uuid PRIMARY KEY,
      candidate_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
      company_id uuid NOT NULL REFERENCES companies(id) ON DELETE RESTRICT,
      requested_by uuid REFERENCES users(id) ON DELETE SET NULL,
      message text NOT NULL,
      status text NOT NULL CHECK (status IN ('PENDING', 'ACCEPTED', 'REFUSED')),
      status_changed_at timestamptz NOT NULL DEFAULT now(),
      sponsor_id uuid REFERENCES users(id) ON DELETE SET NULL,
      comment text,
      workflow_id text UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT sponsorship_accepted_has_sponsor CHECK (status <> 'ACCEPTED' OR sponsor_id IS NOT NULL)
    );
    CREATE INDEX sponsorship_requests_company_idx ON sponsorship_requests (company_id, status);

    CREATE TABLE notifications (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      idempotency_key text NOT NULL UNIQUE,
      kind text NOT NULL,
      title text NOT NULL,
      body text,
      link text,
      entity_type text,
      entity_id uuid,
      read_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);

    -- Outbox: a mail is keyed by (workflow id + event + recipient); a retried activity finds the row
    -- already SENT and does not send twice.
    CREATE TABLE email_outbox (
      id uuid PRIMARY KEY,
      idempotency_key text NOT NULL UNIQUE,
      to_address text NOT NULL,
      subject text NOT NULL,
      text_body text NOT NULL,
      html_body text,
      ics text,
      workflow_id text,
      status text NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      message_id text,
      sent_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX email_outbox_status_idx ON email_outbox (status, created_at);

    -- Sessions of the cookie store (connect-pg-simple's layout).
    CREATE TABLE http_sessions (
      sid varchar NOT NULL PRIMARY KEY,
      sess json NOT NULL,
      expire timestamp(6) NOT NULL
    );
    CREATE INDEX http_sessions_expire_idx ON http_sessions (expire);
  `);
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    DROP TABLE IF EXISTS http_sessions, email_outbox, notifications, sponsorship_requests, interviews,
      application_events, applications, offers, documents, candidate_profiles, users, companies CASCADE;
  `);
};
