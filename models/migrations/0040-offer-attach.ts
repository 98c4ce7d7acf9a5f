// What an offer's workflow run found when it attached to the row (its status, status time, expiry and
// number of events), kept with the run's id. The attach is a local activity, in the workflow task of the
// first Updates: if that task is lost after an Update's projection write, the retried task attaches
// again, and must find the offer as the lost task did, not as the lost write left it (else the Update,
// run again, is refused from the state it led to, or written twice). Null until a run attaches.
import type { Migration } from '../migrate.js';

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`ALTER TABLE offers ADD COLUMN attached jsonb`);
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`ALTER TABLE offers DROP COLUMN attached`);
};
