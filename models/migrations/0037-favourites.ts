// The short list (issue #19, item 3; seed 002): a company stars the applications it wants to keep in
// view. One star per application, shared by the company's recruiters (an application belongs to one
// company); who starred it and when are kept, for the list's order and for the colleagues.
import type { Migration } from '../migrate.js';

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    ALTER TABLE applications
      ADD COLUMN favourite_at timestamptz,
      ADD COLUMN favourite_by uuid REFERENCES users(id) ON DELETE SET NULL;
    CREATE INDEX applications_offer_favourites ON applications (offer_id) WHERE favourite_at IS NOT NULL;
  `);
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    DROP INDEX applications_offer_favourites;
    ALTER TABLE applications DROP COLUMN favourite_at, DROP COLUMN favourite_by;
  `);
};
