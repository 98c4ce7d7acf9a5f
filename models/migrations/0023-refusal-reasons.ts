// Refusals with reasons (issue #16, item 7): the code of why a company said no (refuse, not_hire), on the
// application, beside the event's `data.reason` written with it. Null for the applications refused
// before, and for every other status. The codes are workflows/refusal-reasons.ts's; no CHECK here, so
// that a code added there needs no migration.
import type { Migration } from '../migrate.js';

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`ALTER TABLE applications ADD COLUMN refusal_reason text`);
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`ALTER TABLE applications DROP COLUMN refusal_reason`);
};
