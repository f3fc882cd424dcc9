-- The outbox's queue no longer references users (issue 15, accept p99). Every writer inserts
-- into notification_queue, and the foreign key made each insert take a KEY SHARE lock on the
-- person's row: board events go to the same few coordinators from every accept at once, and
-- many transactions sharing a row lock make PostgreSQL create a multixact for each newcomer,
-- which stalled accepts by hundreds of milliseconds at 500 a second (docs/decisions.md). The
-- queue is transient; the sequencer moves its rows into notifications (which keeps its foreign
-- key, taken by one sequencer at a time) and drops those of people erased meanwhile.

-- +goose Up
ALTER TABLE notification_queue DROP CONSTRAINT notification_queue_user_id_fkey;

-- +goose Down
DELETE FROM notification_queue q WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = q.user_id);
ALTER TABLE notification_queue ADD CONSTRAINT notification_queue_user_id_fkey
    FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE;
