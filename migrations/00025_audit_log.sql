-- The audit log (issue 13, part 6): every coordinator and admin action, one row each, written in
-- the transaction of the action (internal/postgres: inTx writes the entry the request carries).
-- Append-only, enforced here: a trigger refuses UPDATE, DELETE and TRUNCATE, whoever asks. Rows
-- hold ids and codes, never personal text nor secrets, so that erasing a person needs no change
-- here (no foreign keys either: nothing cascades into the log).

-- +goose Up
CREATE TABLE audit_log (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at              timestamptz NOT NULL,
    actor_id        bigint NOT NULL,
    actor_role      text NOT NULL CHECK (actor_role IN ('coordinator', 'admin')),
    organisation_id bigint,
    action          text NOT NULL CHECK (action ~ '^[a-z_]+(\.[a-z_]+)*$' AND char_length(action) <= 60),
    subject_type    text NOT NULL CHECK (subject_type ~ '^[a-z_]+$' AND char_length(subject_type) <= 30),
    subject_id      bigint,
    details         jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(details) = 'object' AND octet_length(details::text) <= 16000)
);
CREATE INDEX audit_log_org_idx ON audit_log (organisation_id, id DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, id DESC);
CREATE INDEX audit_log_subject_idx ON audit_log (subject_type, subject_id, id DESC);

-- The trigger function and its triggers live in functions/audit_log_append_only.sql (applied
-- after the migrations, in the same run).

-- +goose Down
DROP TABLE audit_log;
DROP FUNCTION IF EXISTS audit_log_append_only();
