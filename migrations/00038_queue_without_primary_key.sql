-- The outbox's queue drops its primary key (issue 15, accept p99). Every accept queues three to
-- five events, and each insert also went into the key's index, always at its right-most page:
-- at 500 accepts a second the accepting transactions queued for that one page's lock
-- (LWLock:BufferContent, the first wait after the CPU in pg_stat_activity). Nothing looks a
-- queued event up by its id: the sequencer takes the whole queue, in id order, at once. The id
-- (an identity) still gives that order.

-- +goose Up
ALTER TABLE notification_queue DROP CONSTRAINT notification_queue_pkey;

-- +goose Down
ALTER TABLE notification_queue ADD PRIMARY KEY (id);
