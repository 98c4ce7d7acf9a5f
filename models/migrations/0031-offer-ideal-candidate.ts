// The ideal candidate of an offer (issue #18, item 1): structured criteria beside the offer's free text
// (experience, education stay as they are for existing offers and clients). One jsonb in the shape of
// workflows/offer-ideal-candidate.ts, `{}` for « nothing asked »; the API checks its content.
import type { Migration } from '../migrate.js';

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    ALTER TABLE offers ADD COLUMN ideal_candidate jsonb NOT NULL DEFAULT '{}'
      CONSTRAINT offers_ideal_candidate_object CHECK (jsonb_typeof(ideal_candidate) = 'object');
  `);
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query('ALTER TABLE offers DROP COLUMN ideal_candidate');
};
