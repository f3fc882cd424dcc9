-- Stepping in (issue 13, part 7): a coordinator sends an offer to a worker they chose, assigns
-- one directly, answers an offer for a worker who phoned, posts a job for a household that
-- phoned (a poster without e-mail, kept by the coordinator's organisation) and cancels a job.
-- Every such row says who did it; the audit log says why (the written reason for a soft rule
-- overridden). A direct assignment is an offer accepted at once, through accept_offer, so the
-- places, caps and the exclusion constraint on bookings hold as for any accept.

-- +goose Up
ALTER TABLE offers
    ADD COLUMN sent_by bigint REFERENCES users (id) ON DELETE SET NULL,     -- a coordinator's own choice; NULL: matching
    ADD COLUMN answered_by bigint REFERENCES users (id) ON DELETE SET NULL, -- a coordinator answered for the worker
    ADD COLUMN override_reason text CHECK (char_length(override_reason) BETWEEN 1 AND 500);
ALTER TABLE assignments
    ADD COLUMN assigned_by bigint REFERENCES users (id) ON DELETE SET NULL; -- booked by a coordinator for the worker
ALTER TABLE jobs
    ADD COLUMN posted_by bigint REFERENCES users (id) ON DELETE SET NULL,   -- a coordinator posted it for the poster
    ADD COLUMN cancel_reason text CHECK (char_length(cancel_reason) BETWEEN 1 AND 500);

-- A household that phoned: a poster kept by an organisation, with no e-mail (so no sign-in).
ALTER TABLE users ADD COLUMN kept_by bigint REFERENCES organisations (id);
ALTER TABLE users ADD CONSTRAINT users_kept_by_poster CHECK (kept_by IS NULL OR role = 'poster');
ALTER TABLE users DROP CONSTRAINT users_email_required;
ALTER TABLE users ADD CONSTRAINT users_email_required
    CHECK (role IN ('worker', 'buddy') OR email IS NOT NULL OR deleted_at IS NOT NULL OR kept_by IS NOT NULL);
CREATE INDEX users_kept_by_idx ON users (kept_by) WHERE kept_by IS NOT NULL;

-- +goose Down
ALTER TABLE users DROP CONSTRAINT users_email_required;
ALTER TABLE users ADD CONSTRAINT users_email_required CHECK (role IN ('worker', 'buddy') OR email IS NOT NULL OR deleted_at IS NOT NULL);
ALTER TABLE users DROP CONSTRAINT users_kept_by_poster, DROP COLUMN kept_by;
ALTER TABLE jobs DROP COLUMN posted_by, DROP COLUMN cancel_reason;
ALTER TABLE assignments DROP COLUMN assigned_by;
ALTER TABLE offers DROP COLUMN sent_by, DROP COLUMN answered_by, DROP COLUMN override_reason;
