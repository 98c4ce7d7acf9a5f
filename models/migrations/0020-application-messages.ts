// Application threads (issue #16, item 3): messages between the company's recruiters, the candidate
// and their référent, one thread per application, and each reader's read marker for unread counts.
// `position` orders a thread: posts to one thread take turns (an advisory lock in api/messages), so it
// grows in commit order and a page polling `?after=<id>` never skips a message.
import type { Migration } from '../migrate.js';

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    CREATE TABLE application_messages (
      id uuid PRIMARY KEY,
      application_id uuid NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
      position bigint GENERATED ALWAYS AS IDENTITY,
      author_id uuid REFERENCES users(id) ON DELETE SET NULL,
      author_role text NOT NULL CHECK (author_role IN ('CANDIDATE', 'REFERENT', 'RECRUITER', 'MISSION_OFFICER', 'ADMIN')),
      body text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 5000),
      -- One of the candidate's documents; a document deleted later leaves the message without it.
      document_id uuid REFERENCES documents(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT clock_timestamp()
    );
    CREATE INDEX application_messages_thread_idx ON application_messages (application_id, created_at);
    CREATE UNIQUE INDEX application_messages_position_idx ON application_messages (application_id, position);
    CREATE INDEX application_messages_document_idx ON application_messages (document_id) WHERE document_id IS NOT NULL;

    -- Up to when each person has read each thread: messages after it (not theirs) are unread.
    CREATE TABLE application_message_reads (
      application_id uuid NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      last_read_at timestamptz NOT NULL,
      PRIMARY KEY (application_id, user_id)
    );
    CREATE INDEX application_message_reads_user_idx ON application_message_reads (user_id);
  `);
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`DROP TABLE IF EXISTS application_message_reads, application_messages`);
};
