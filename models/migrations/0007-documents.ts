// Candidate documents as api/documents stores them: what the database can hold of the rules (size,
// accepted types read from the content, a storage key that is only a random name), who downloaded
// what and when (document_downloads), and the indexes of the access checks and of "Mes candidats".
import type { Migration } from '../migrate.js';

/** The types api/documents/service.ts accepts, as read from the content (file-type). */
const DOCUMENT_MIME_TYPES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.oasis.opendocument.text',
  'image/png',
  'image/jpeg',
];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    ALTER TABLE documents
      ADD CONSTRAINT documents_size_limit CHECK (size_bytes BETWEEN 1 AND 5242880) NOT VALID,
      ADD CONSTRAINT documents_mime_type CHECK (mime_type IN (${list(DOCUMENT_MIME_TYPES)})) NOT VALID,
      ADD CONSTRAINT documents_storage_key CHECK (storage_key ~ '^[0-9a-f]{48}$') NOT VALID,
      ADD CONSTRAINT documents_filename_not_blank CHECK (length(trim(filename)) > 0 AND length(filename) <= 200) NOT VALID;

    -- Who may download a CV is decided by the applications that carry it.
    CREATE INDEX IF NOT EXISTS applications_cv_document_idx ON applications (cv_document_id) WHERE cv_document_id IS NOT NULL;

    -- Every download, kept as long as the document (a person's data: deleted with it).
    CREATE TABLE document_downloads (
      id bigserial PRIMARY KEY,
      document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      user_id uuid REFERENCES users(id) ON DELETE SET NULL,
      user_role text,
      at timestamptz NOT NULL DEFAULT now(),
      ip text
    );
    CREATE INDEX document_downloads_document_idx ON document_downloads (document_id, at DESC);
    CREATE INDEX document_downloads_user_idx ON document_downloads (user_id, at DESC) WHERE user_id IS NOT NULL;
  `);
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    DROP TABLE IF EXISTS document_downloads;
    DROP INDEX IF EXISTS applications_cv_document_idx;
    ALTER TABLE documents
      DROP CONSTRAINT IF EXISTS documents_size_limit,
      DROP CONSTRAINT IF EXISTS documents_mime_type,
      DROP CONSTRAINT IF EXISTS documents_storage_key,
      DROP CONSTRAINT IF EXISTS documents_filename_not_blank;
  `);
};
