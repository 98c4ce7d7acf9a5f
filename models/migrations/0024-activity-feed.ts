// The dashboard's « Fil d’activité » (api/feed) reads the histories newest first: an admin's feed is
// every event, a recruiter's their company's. Without an index on `at` each page sorted every event of
// the three histories; with one, PostgreSQL merges them in order and stops at the page.
import type { Migration } from '../migrate.js';

const HISTORIES = ['application_events', 'offer_events', 'sponsorship_events'];

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.query(HISTORIES.map((table) => `CREATE INDEX IF NOT EXISTS ${table}_at_idx ON ${table} (at DESC);`).join('\n'));
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query(HISTORIES.map((table) => `DROP INDEX IF EXISTS ${table}_at_idx;`).join('\n'));
};
