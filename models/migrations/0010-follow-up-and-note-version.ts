// Who follows a case, as its workflow has it, and the recruiters' private note under optimistic
// concurrency.
//
// - applications.mission_officer_id, sponsorship_requests.mission_officer_id: the mission officer the
//   case's workflow knows (its parties), written with the référent at creation and by every
//   `change_follow_up` (an admin moved the candidate, or their référent to another mission officer).
//   The API decides who sees a case and which buttons they get from the row, so both say what the
//   workflow accepts; until now the mission officer was read live from the référent's account, and a
//   mission officer moved by an admin got buttons the workflow refused. Filled from the référents'
//   accounts for the rows already there (what their workflows were given, unless an admin moved a
//   référent since: `npm run reconcile` reports those, `--repair` hands them over).
// - applications.recruiter_note_version (and who wrote the note last, and when): a note is saved only
//   over the version its author read, so two recruiters editing at once do not silently lose one text.
import type { Migration } from '../migrate.js';

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    ALTER TABLE applications ADD COLUMN mission_officer_id uuid REFERENCES users(id) ON DELETE SET NULL;
    UPDATE applications a SET mission_officer_id = r.mission_officer_id
      FROM users r WHERE r.id = a.referent_id AND r.mission_officer_id IS NOT NULL;
    CREATE INDEX applications_mission_officer_queue_idx ON applications (mission_officer_id, status, status_changed_at)
      WHERE mission_officer_id IS NOT NULL;

    ALTER TABLE sponsorship_requests ADD COLUMN mission_officer_id uuid REFERENCES users(id) ON DELETE SET NULL;
    UPDATE sponsorship_requests s SET mission_officer_id = r.mission_officer_id
      FROM users r WHERE r.id = s.referent_id AND r.mission_officer_id IS NOT NULL;
    CREATE INDEX sponsorship_requests_mission_officer_idx ON sponsorship_requests (mission_officer_id, status)
      WHERE mission_officer_id IS NOT NULL;

    ALTER TABLE applications
      ADD COLUMN recruiter_note_version integer NOT NULL DEFAULT 0 CHECK (recruiter_note_version >= 0),
      ADD COLUMN recruiter_note_updated_at timestamptz,
      ADD COLUMN recruiter_note_updated_by uuid REFERENCES users(id) ON DELETE SET NULL;
    UPDATE applications SET recruiter_note_version = 1 WHERE recruiter_note IS NOT NULL;
  `);
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    ALTER TABLE applications
      DROP COLUMN IF EXISTS recruiter_note_updated_by,
      DROP COLUMN IF EXISTS recruiter_note_updated_at,
      DROP COLUMN IF EXISTS recruiter_note_version;
    DROP INDEX IF EXISTS applications_mission_officer_queue_idx, sponsorship_requests_mission_officer_idx;
    ALTER TABLE applications DROP COLUMN IF EXISTS mission_officer_id;
    ALTER TABLE sponsorship_requests DROP COLUMN IF EXISTS mission_officer_id;
  `);
};
