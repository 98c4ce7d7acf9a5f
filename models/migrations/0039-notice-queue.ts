// The notice queue (issue #20): a process workflow queues what an event tells (one row per event, by a
// local activity in the same workflow task as its projection write), and the queue's drainer, one
// long-running activity per task queue (activities/notice-queue.ts), tells it. The workflow no longer
// waits for an activity task and a second workflow task per notice. A row is deleted once told; a row
// that failed waits until `not_before` (its backoff); a claimed row is leased (`leased_until`), and the
// next drain run of its task queue takes back what a dead one held. The trigger wakes the drainer.
import type { Migration } from '../migrate.js';

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    CREATE TABLE notice_queue (
      id bigserial PRIMARY KEY,
      task_queue text NOT NULL,
      activity text NOT NULL,
      workflow_id text NOT NULL,
      seq integer NOT NULL,
      notice jsonb NOT NULL,
      attempts integer NOT NULL DEFAULT 0,
      not_before timestamptz NOT NULL DEFAULT now(),
      leased_until timestamptz,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (workflow_id, seq)
    )`);
  await sequelize.query(`CREATE INDEX notice_queue_due ON notice_queue (task_queue, not_before, id)`);
  await sequelize.query(`
    CREATE FUNCTION notice_queue_wake() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('notice_queue', NEW.task_queue);
      RETURN NULL;
    END $$`);
  await sequelize.query(`CREATE TRIGGER notice_queue_wake AFTER INSERT ON notice_queue FOR EACH ROW EXECUTE FUNCTION notice_queue_wake()`);
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`DROP TABLE notice_queue`);
  await sequelize.query(`DROP FUNCTION notice_queue_wake()`);
};
