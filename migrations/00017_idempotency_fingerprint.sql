-- An Idempotency-Key names one request: its method, path and body are kept as a fingerprint,
-- so that the same key on another request is refused (422, as the IETF idempotency-key draft
-- says) instead of answered with the first request's answer.

-- +goose Up
ALTER TABLE idempotency_keys ADD COLUMN fingerprint bytea CHECK (octet_length(fingerprint) = 32);

-- +goose Down
ALTER TABLE idempotency_keys DROP COLUMN fingerprint;
