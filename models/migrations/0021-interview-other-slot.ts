// Interviews that can move (issue #16, item 4): the candidate (or their référent) may ask for another
// time, with their availabilities; the request stays on the interview until the recruiter moves it
// (reschedule_interview clears it). Both columns or neither.
import type { Migration } from '../migrate.js';

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    ALTER TABLE interviews
      ADD COLUMN other_slot_requested_at timestamptz,
      ADD COLUMN other_slot_message text,
      ADD CONSTRAINT interviews_other_slot_whole CHECK ((other_slot_requested_at IS NULL) = (other_slot_message IS NULL));
  `);
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    ALTER TABLE interviews
      DROP CONSTRAINT interviews_other_slot_whole,
      DROP COLUMN other_slot_requested_at,
      DROP COLUMN other_slot_message;
  `);
};
