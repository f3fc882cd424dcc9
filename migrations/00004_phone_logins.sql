-- Phone numbers are logins only for workers and buddies (phone + PIN). A poster's phone is a
-- contact detail: it need not be unique, so signing up cannot reveal whether a number belongs
-- to a worker.

-- +goose Up
DROP INDEX users_phone_key;
CREATE UNIQUE INDEX users_phone_login_key ON users (phone) WHERE role IN ('worker', 'buddy') AND deleted_at IS NULL;
-- Optimistic concurrency for profile edits: every save checks and bumps the version it read.
ALTER TABLE users ADD COLUMN version integer NOT NULL DEFAULT 1;

-- +goose Down
ALTER TABLE users DROP COLUMN version;
DROP INDEX users_phone_login_key;
CREATE UNIQUE INDEX users_phone_key ON users (phone) WHERE phone IS NOT NULL AND deleted_at IS NULL;
