-- Feedback both ways after the job (issue 12): the poster answers per worker "Zou je deze
-- persoon opnieuw vragen?" (again) with tags and a comment; the worker and the buddy answer
-- about the job and its poster with a face (-1 bad, 0 ok, 1 good), tags and a comment. One
-- answer per person per job per direction. Comments and "no" answers are for coordinators
-- only (internal/postgres/feedback.go); erasure deletes the rows from and about the person.

-- +goose Up
CREATE TABLE feedback (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id    bigint NOT NULL REFERENCES jobs (id),
    from_id   bigint NOT NULL REFERENCES users (id),
    from_role text NOT NULL CHECK (from_role IN ('poster', 'worker', 'buddy')),
    about_id  bigint NOT NULL REFERENCES users (id), -- the worker (from a poster) or the job's poster
    again     boolean,
    face      smallint CHECK (face BETWEEN -1 AND 1),
    tags      text[] NOT NULL DEFAULT '{}',
    comment   text CONSTRAINT feedback_comment_length CHECK (char_length(comment) BETWEEN 1 AND 500),
    at        timestamptz NOT NULL,
    UNIQUE (job_id, from_id, about_id),
    CHECK (from_id <> about_id),
    CHECK ((from_role = 'poster') = (again IS NOT NULL)),
    CHECK ((from_role = 'poster') = (face IS NULL)),
    CHECK (CASE WHEN from_role = 'poster' THEN tags <@ ARRAY['on_time', 'friendly', 'good_work']
                ELSE tags <@ ARRAY['friendly', 'safe', 'clear_instructions'] END)
);
CREATE INDEX feedback_about_idx ON feedback (about_id, at DESC);
CREATE INDEX feedback_from_idx ON feedback (from_id, at DESC);

-- +goose Down
DROP TABLE feedback;
