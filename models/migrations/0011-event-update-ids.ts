// Each history event written by an action keeps the id of the Update that wrote it. A workflow task
// lost after its local projection write is run again, and two Updates that raced may then come in the
// other order: the one whose place holds the other's event (still waiting to run) gives it its turn
// back instead of failing (workflows/process.ts), which needs to know whose event it is.
import type { Migration } from '../migrate.js';

const TABLES = ['application_events', 'offer_events', 'membership_events', 'sponsorship_events'];

export const up: Migration = async ({ context: sequelize }) => {
  for (const table of TABLES) await sequelize.query(`ALTER TABLE ${table} ADD COLUMN update_id text`);
};

export const down: Migration = async ({ context: sequelize }) => {
  for (const table of TABLES) await sequelize.query(`ALTER TABLE ${table} DROP COLUMN update_id`);
};
