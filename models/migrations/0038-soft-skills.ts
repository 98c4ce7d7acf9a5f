// Soft skills on the candidate profile (issue #19, item 4; seed 002): the codes of
// workflows/soft-skills.ts the candidate chose (5 at most, checked by the API), in a text array like the
// profile's other lists. Empty for every existing profile.
import type { Migration } from '../migrate.js';

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`ALTER TABLE candidate_profiles ADD COLUMN soft_skills text[] NOT NULL DEFAULT '{}'`);
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`ALTER TABLE candidate_profiles DROP COLUMN soft_skills`);
};
