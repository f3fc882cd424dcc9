-- The foundation: organisations, the category catalogue, the Belgian postcode table and the
-- people of every role with the profile matching needs. Invariants live here as constraints,
-- not only in Go.

-- +goose Up
CREATE TABLE postcodes (
    postcode          text NOT NULL CHECK (postcode ~ '^[1-9][0-9]{3}$'),
    municipality      text NOT NULL CHECK (municipality <> ''),   -- deelgemeente
    main_municipality text NOT NULL CHECK (main_municipality <> ''),
    province          text NOT NULL,
    lat               double precision NOT NULL CHECK (lat BETWEEN 49.4 AND 51.6),
    lon               double precision NOT NULL CHECK (lon BETWEEN 2.5 AND 6.5),
    PRIMARY KEY (postcode, municipality)
);

CREATE TABLE organisations (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug           text NOT NULL UNIQUE CHECK (slug ~ '^[a-z][a-z0-9-]{1,39}$'),
    name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    municipality   text NOT NULL,
    -- wijk-werken: 60 hours a month and 630 a year; a per-organisation setting.
    month_hour_cap integer NOT NULL DEFAULT 60 CHECK (month_hour_cap BETWEEN 1 AND 744),
    year_hour_cap  integer NOT NULL DEFAULT 630 CHECK (year_hour_cap BETWEEN 1 AND 8784),
    shared_pool    boolean NOT NULL DEFAULT true,
    created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE categories (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug             text NOT NULL UNIQUE CHECK (slug ~ '^[a-z][a-z0-9-]{1,39}$'),
    icon             text NOT NULL CHECK (icon ~ '^[a-z][a-z0-9-]{1,39}$'),
    name_nl          text NOT NULL CHECK (length(btrim(name_nl)) BETWEEN 1 AND 60),
    name_fr          text NOT NULL CHECK (length(btrim(name_fr)) BETWEEN 1 AND 60),
    name_en          text NOT NULL CHECK (length(btrim(name_en)) BETWEEN 1 AND 60),
    unit             text NOT NULL CHECK (unit IN ('hour', 'item')),
    unit_price_cents integer NOT NULL CHECK (unit_price_cents BETWEEN 1 AND 100000),
    position         integer NOT NULL DEFAULT 0,
    active           boolean NOT NULL DEFAULT true,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    role            text NOT NULL CHECK (role IN ('worker', 'buddy', 'poster', 'coordinator', 'admin')),
    organisation_id bigint REFERENCES organisations (id),
    first_name      text NOT NULL CHECK (length(btrim(first_name)) BETWEEN 1 AND 80),
    last_name       text NOT NULL DEFAULT '' CHECK (length(last_name) <= 80),
    email           text CHECK (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
    phone           text CHECK (phone ~ '^\+[1-9][0-9]{7,14}$'),  -- E.164
    language        text NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'fr', 'en')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    -- Workers, buddies and coordinators belong to exactly one organisation; the others to none.
    CHECK ((role IN ('worker', 'buddy', 'coordinator')) = (organisation_id IS NOT NULL)),
    -- People who sign in with a password need an email; workers and buddies may sign in by invite.
    CHECK (role IN ('worker', 'buddy') OR email IS NOT NULL),
    -- Lets profile tables pin the role of the user they extend with a composite foreign key.
    UNIQUE (id, role)
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email)) WHERE email IS NOT NULL;
CREATE INDEX users_organisation_role_idx ON users (organisation_id, role) WHERE organisation_id IS NOT NULL;

CREATE TABLE worker_profiles (
    user_id            bigint PRIMARY KEY,
    role               text NOT NULL DEFAULT 'worker' CHECK (role = 'worker'),
    postcode           text NOT NULL,
    municipality       text NOT NULL,
    -- Optional exact home point (private); matching falls back to the postcode's point.
    home_lat           double precision CHECK (home_lat BETWEEN 49.4 AND 51.6),
    home_lon           double precision CHECK (home_lon BETWEEN 2.5 AND 6.5),
    travel_mode        text NOT NULL CHECK (travel_mode IN ('walk', 'bike', 'ebike', 'public_transport', 'car')),
    max_travel_minutes integer NOT NULL CHECK (max_travel_minutes BETWEEN 5 AND 180),
    languages          text[] NOT NULL DEFAULT '{nl}' CHECK (languages <@ ARRAY['nl', 'fr', 'en']),
    spoken_languages   text[] NOT NULL DEFAULT '{}',
    buddy_need         text NOT NULL DEFAULT 'never' CHECK (buddy_need IN ('never', 'always', 'new_category', 'first_jobs')),
    buddy_first_jobs   integer NOT NULL DEFAULT 0 CHECK (buddy_first_jobs BETWEEN 0 AND 100),
    FOREIGN KEY (user_id, role) REFERENCES users (id, role) ON DELETE CASCADE,
    FOREIGN KEY (postcode, municipality) REFERENCES postcodes (postcode, municipality),
    CHECK ((home_lat IS NULL) = (home_lon IS NULL)),
    CHECK (buddy_need <> 'first_jobs' OR buddy_first_jobs > 0)
);

CREATE TABLE worker_skills (
    worker_id   bigint NOT NULL REFERENCES worker_profiles (user_id) ON DELETE CASCADE,
    category_id bigint NOT NULL REFERENCES categories (id),
    level       smallint NOT NULL CHECK (level BETWEEN 1 AND 3),
    verified_at timestamptz,
    verified_by bigint REFERENCES users (id) ON DELETE SET NULL,
    PRIMARY KEY (worker_id, category_id)
);

CREATE TABLE buddy_profiles (
    user_id            bigint PRIMARY KEY,
    role               text NOT NULL DEFAULT 'buddy' CHECK (role = 'buddy'),
    postcode           text NOT NULL,
    municipality       text NOT NULL,
    travel_mode        text NOT NULL CHECK (travel_mode IN ('walk', 'bike', 'ebike', 'public_transport', 'car')),
    max_travel_minutes integer NOT NULL CHECK (max_travel_minutes BETWEEN 5 AND 180),
    spoken_languages   text[] NOT NULL DEFAULT '{}',
    FOREIGN KEY (user_id, role) REFERENCES users (id, role) ON DELETE CASCADE,
    FOREIGN KEY (postcode, municipality) REFERENCES postcodes (postcode, municipality)
);

CREATE TABLE buddy_categories (
    buddy_id    bigint NOT NULL REFERENCES buddy_profiles (user_id) ON DELETE CASCADE,
    category_id bigint NOT NULL REFERENCES categories (id),
    PRIMARY KEY (buddy_id, category_id)
);

CREATE TABLE poster_profiles (
    user_id      bigint PRIMARY KEY,
    role         text NOT NULL DEFAULT 'poster' CHECK (role = 'poster'),
    kind         text NOT NULL CHECK (kind IN ('household', 'company')),
    company_name text CHECK (length(btrim(company_name)) BETWEEN 1 AND 120),
    vat_number   text CHECK (vat_number ~ '^BE[01][0-9]{9}$'),
    FOREIGN KEY (user_id, role) REFERENCES users (id, role) ON DELETE CASCADE,
    -- A company has a name and a VAT number; a household has neither.
    CHECK ((kind = 'company') = (company_name IS NOT NULL AND vat_number IS NOT NULL)),
    CHECK (kind = 'company' OR (company_name IS NULL AND vat_number IS NULL))
);

CREATE TABLE poster_addresses (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    poster_id    bigint NOT NULL REFERENCES poster_profiles (user_id) ON DELETE CASCADE,
    label        text NOT NULL DEFAULT '' CHECK (length(label) <= 60),
    street       text NOT NULL CHECK (length(btrim(street)) BETWEEN 1 AND 120),
    postcode     text NOT NULL,
    municipality text NOT NULL,
    lat          double precision NOT NULL CHECK (lat BETWEEN 49.4 AND 51.6),
    lon          double precision NOT NULL CHECK (lon BETWEEN 2.5 AND 6.5),
    created_at   timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (postcode, municipality) REFERENCES postcodes (postcode, municipality)
);
CREATE INDEX poster_addresses_poster_idx ON poster_addresses (poster_id);

-- +goose Down
DROP TABLE poster_addresses, poster_profiles, buddy_categories, buddy_profiles, worker_skills,
    worker_profiles, users, categories, organisations, postcodes;
