-- The push outbox's due index covers the sender's whole order (issue 15, push throughput). The
-- sender claims the next 200 due pushes by (not_before, id); with the index on not_before alone
-- PostgreSQL read every due push, checked each against the newer ones of its topic with a hash
-- of the whole outbox, and sorted them, for every batch (16 ms a batch with 5,000 waiting).
-- In order, it reads the first 200 and looks up each one's topic in push_outbox_topic_idx.

-- +goose Up
DROP INDEX push_outbox_due_idx;
CREATE INDEX push_outbox_due_idx ON push_outbox (not_before, id) WHERE sent_at IS NULL;

-- +goose Down
DROP INDEX push_outbox_due_idx;
CREATE INDEX push_outbox_due_idx ON push_outbox (not_before) WHERE sent_at IS NULL;
