// Company pages (issue #15, item 4): what a company shows the public — its description (rich text,
// sanitized HTML), website and social links, advantages, whether it takes spontaneous applications,
// and whether the page is published — on the company's own row, so one UPDATE writes a page whole.
// The logo and banner, already resized and re-encoded by sharp, live in company_images (small: tens
// of kilobytes); the row keeps their hash, the ETag and cache-busting key of their public address.
import type { Migration } from '../migrate.js';

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    ALTER TABLE companies
      ADD COLUMN social_links jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(social_links) = 'object'),
      ADD COLUMN advantages text[] NOT NULL DEFAULT '{}',
      ADD COLUMN spontaneous_applications boolean NOT NULL DEFAULT true,
      ADD COLUMN page_published boolean NOT NULL DEFAULT false,
      ADD COLUMN page_version integer NOT NULL DEFAULT 0,
      ADD COLUMN page_updated_at timestamptz,
      ADD COLUMN page_updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
      ADD COLUMN logo_sha256 text,
      ADD COLUMN banner_sha256 text;

    -- The description becomes HTML: a plain text written before is escaped into one paragraph.
    UPDATE companies SET description = '<p>' || replace(replace(replace(description, '&', '&amp;'), '<', '&lt;'), '>', '&gt;') || '</p>'
      WHERE description IS NOT NULL AND description <> '';

    CREATE TABLE company_images (
      company_id uuid NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('LOGO', 'BANNER')),
      content bytea NOT NULL,
      mime_type text NOT NULL,
      width integer NOT NULL,
      height integer NOT NULL,
      sha256 text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (company_id, kind)
    );

    CREATE INDEX companies_published_pages ON companies (name) WHERE page_published AND status = 'VERIFIED';
  `);
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    DROP INDEX IF EXISTS companies_published_pages;
    DROP TABLE company_images;
    ALTER TABLE companies
      DROP COLUMN social_links, DROP COLUMN advantages, DROP COLUMN spontaneous_applications, DROP COLUMN page_published,
      DROP COLUMN page_version, DROP COLUMN page_updated_at, DROP COLUMN page_updated_by, DROP COLUMN logo_sha256, DROP COLUMN banner_sha256;
  `);
};
