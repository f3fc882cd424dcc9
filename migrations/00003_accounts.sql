-- Accounts: secrets, sessions, invites, sign-in throttling, availability, worker hour caps and
-- account erasure (personal data wiped, the row kept anonymised for impact figures).

-- +goose Up
ALTER TABLE users
    ADD COLUMN secret_hash text,                      -- argon2id PHC string of the password or PIN
    ADD COLUMN secret_kind text CHECK (secret_kind IN ('password', 'pin')),
    ADD COLUMN activated_at timestamptz,              -- first sign-in after the invite or sign-up
    ADD COLUMN deleted_at timestamptz,
    ADD CONSTRAINT users_secret_check CHECK ((secret_hash IS NULL) = (secret_kind IS NULL)),
    -- Only workers and buddies may use a PIN (the phone stays signed in; a PIN unlocks it again).
    ADD CONSTRAINT users_pin_role_check CHECK (secret_kind <> 'pin' OR role IN ('worker', 'buddy')),
    -- A worker signs in again with their phone number and PIN.
    ADD CONSTRAINT users_pin_phone_check CHECK (secret_kind <> 'pin' OR phone IS NOT NULL),
    -- Erased accounts keep no personal data.
    ADD CONSTRAINT users_erased_check CHECK (deleted_at IS NULL OR (email IS NULL AND phone IS NULL AND secret_hash IS NULL));
-- Erased posters and coordinators no longer have an email.
ALTER TABLE users DROP CONSTRAINT users_check1;
ALTER TABLE users ADD CONSTRAINT users_email_required CHECK (role IN ('worker', 'buddy') OR email IS NOT NULL OR deleted_at IS NOT NULL);
CREATE UNIQUE INDEX users_phone_key ON users (phone) WHERE phone IS NOT NULL AND deleted_at IS NULL;

CREATE TABLE sessions (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash   bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32), -- SHA-256 of the cookie value
    csrf_token   text NOT NULL CHECK (length(csrf_token) >= 32),
    device       text NOT NULL DEFAULT '' CHECK (length(device) <= 120),
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    CHECK (expires_at > created_at)
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

CREATE TABLE invites (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_by bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    revoked_at timestamptz,
    CHECK (expires_at > created_at)
);
CREATE INDEX invites_user_idx ON invites (user_id);

-- Failed sign-ins per login (email or phone as typed, normalised) and per IP, whether or not an
-- account exists, so that the lockout reveals nothing. Shared by every instance.
CREATE TABLE signin_throttle (
    key          text PRIMARY KEY,
    failures     integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
    window_start timestamptz NOT NULL DEFAULT now(),
    locked_until timestamptz
);

-- Weekly availability: ISO weekday 1 (Monday) to 7, local time in Belgium.
CREATE TABLE availability (
    user_id  bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    weekday  smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    starts   time NOT NULL,
    ends     time NOT NULL,
    CHECK (starts < ends),
    PRIMARY KEY (user_id, weekday, starts)
);

-- A day that differs from the week: not available at all, or available (only) between times.
CREATE TABLE availability_exceptions (
    user_id   bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    on_date   date NOT NULL,
    available boolean NOT NULL,
    starts    time,
    ends      time,
    CHECK ((starts IS NULL) = (ends IS NULL)),
    CHECK (starts IS NULL OR starts < ends),
    PRIMARY KEY (user_id, on_date)
);

-- A worker's own caps; NULL means the organisation's.
ALTER TABLE worker_profiles
    ADD COLUMN month_hour_cap integer CHECK (month_hour_cap BETWEEN 1 AND 744),
    ADD COLUMN year_hour_cap integer CHECK (year_hour_cap BETWEEN 1 AND 8784);

-- +goose Down
ALTER TABLE worker_profiles DROP COLUMN month_hour_cap, DROP COLUMN year_hour_cap;
DROP TABLE availability_exceptions, availability, signin_throttle, invites, sessions;
DROP INDEX users_phone_key;
ALTER TABLE users DROP CONSTRAINT users_email_required;
ALTER TABLE users ADD CONSTRAINT users_check1 CHECK (role IN ('worker', 'buddy') OR email IS NOT NULL);
ALTER TABLE users DROP CONSTRAINT users_secret_check, DROP CONSTRAINT users_pin_role_check,
    DROP CONSTRAINT users_pin_phone_check, DROP CONSTRAINT users_erased_check,
    DROP COLUMN secret_hash, DROP COLUMN secret_kind, DROP COLUMN activated_at, DROP COLUMN deleted_at;
