// Each process event keeps the request of the Update that wrote it (null for the creation's events,
// timers, and events written before this migration). The projection is written by a local activity,
// inside the workflow task: when that task is lost after the write and Temporal drops the Update, the
// event is in the database and the workflow never received its Update. The workflow that meets such an
// event at its next write runs that request itself (workflows/process.ts, « adopted »), so database and
// workflow agree again even if the person never sends it again.
import type { Migration } from '../migrate.js';

const TABLES = ['application_events', 'offer_events', 'membership_events', 'sponsorship_events', 'contact_request_events'];

export const up: Migration = async ({ context: sequelize }) => {
  for (const table of TABLES) await sequelize.query(`ALTER TABLE ${table} ADD COLUMN request jsonb`);
};

export const down: Migration = async ({ context: sequelize }) => {
  for (const table of TABLES) await sequelize.query(`ALTER TABLE ${table} DROP COLUMN request`);
};
