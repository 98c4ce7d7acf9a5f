// Accommodation needs for interviews (issue #16, item 6): one row per candidate — the kinds of needs
// (workflows/accommodation-needs.ts, checked by the API and here), a free-text detail, and the consent
// to share them with the companies that invite the candidate to an interview, kept as the time it was
// given (null: not shared; withdrawing it sets null, and the next read by a company is a 404).
// Health-related: read at send time by the notice activity, never copied into a workflow.
import type { Migration } from '../migrate.js';

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    CREATE TABLE candidate_accommodations (
      candidate_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      needs text[] NOT NULL DEFAULT '{}' CHECK (needs <@ ARRAY[
        'SIGN_LANGUAGE_INTERPRETER', 'STEP_FREE_ACCESS', 'EXTRA_TIME', 'WRITTEN_QUESTIONS', 'CAPTIONS', 'HEARING_LOOP',
        'BREAKS', 'REMOTE_INTERVIEW', 'ACCESSIBLE_DOCUMENTS', 'COMPANION', 'OTHER']::text[]),
      details text CHECK (char_length(details) <= 1000),
      shared_consent_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES users(id) ON DELETE SET NULL
    );
  `);
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`DROP TABLE candidate_accommodations;`);
};
