// Anonymous applications (issue #19, items 1–2; seed 002). An offer may be anonymous; each application
// keeps whether it was made anonymously (an offer's later edit never unveils the applications it had),
// the short number the company calls the candidate by, and when and by whom the identity was shared
// (lift_anonymity) with the contact stage that followed (TO_CONTACT, then CONTACTED).
import type { Migration } from '../migrate.js';

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    ALTER TABLE offers ADD COLUMN anonymous boolean NOT NULL DEFAULT false;
    CREATE SEQUENCE applications_candidate_number_seq START 101;
    ALTER TABLE applications
      ADD COLUMN anonymous boolean NOT NULL DEFAULT false,
      ADD COLUMN candidate_number integer NOT NULL DEFAULT nextval('applications_candidate_number_seq'),
      ADD COLUMN identity_shared_at timestamptz,
      ADD COLUMN identity_shared_by uuid REFERENCES users(id) ON DELETE SET NULL,
      ADD COLUMN contact_stage text CONSTRAINT applications_contact_stage CHECK (contact_stage IN ('TO_CONTACT', 'CONTACTED'));
    ALTER SEQUENCE applications_candidate_number_seq OWNED BY applications.candidate_number;
  `);
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    ALTER TABLE applications DROP COLUMN anonymous, DROP COLUMN candidate_number, DROP COLUMN identity_shared_at,
      DROP COLUMN identity_shared_by, DROP COLUMN contact_stage;
    ALTER TABLE offers DROP COLUMN anonymous;
  `);
};
