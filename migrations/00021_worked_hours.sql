-- What a worker worked (issue 12): the hourly pay of an organisation's workers, which a
-- coordinator sets (NULL: the organisation sets none, and no amount is shown to its workers).
-- The rule for worked hours is the stored function migrations/functions/worked_hours.sql.

-- +goose Up
ALTER TABLE organisations ADD COLUMN worker_rate_cents integer
    CONSTRAINT organisations_worker_rate CHECK (worker_rate_cents BETWEEN 1 AND 100000);

-- +goose Down
ALTER TABLE organisations DROP COLUMN worker_rate_cents;
