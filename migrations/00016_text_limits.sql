-- Every text column has a maximum length in the schema too (issue 15), the same as the
-- domain's (internal/klusbuddy/text.go), so that nothing unbounded is stored whoever writes.
-- TestEveryTextColumnIsBounded keeps it so.

-- +goose Up
ALTER TABLE users
    ADD CONSTRAINT users_first_name_length CHECK (char_length(first_name) <= 80),
    ADD CONSTRAINT users_secret_hash_length CHECK (char_length(secret_hash) <= 500);
ALTER TABLE worker_profiles
    ADD CONSTRAINT worker_profiles_area_length CHECK (char_length(postcode) <= 4 AND char_length(municipality) <= 80);
ALTER TABLE buddy_profiles
    ADD CONSTRAINT buddy_profiles_area_length CHECK (char_length(postcode) <= 4 AND char_length(municipality) <= 80);
ALTER TABLE poster_profiles
    ADD CONSTRAINT poster_profiles_company_name_length CHECK (char_length(company_name) <= 120);
ALTER TABLE poster_addresses
    ADD CONSTRAINT poster_addresses_area_length CHECK (char_length(postcode) <= 4 AND char_length(municipality) <= 80);
ALTER TABLE organisations
    ADD CONSTRAINT organisations_municipality_length CHECK (char_length(municipality) <= 80);
ALTER TABLE categories
    ADD CONSTRAINT categories_names_length CHECK (char_length(name_nl) <= 80 AND char_length(name_fr) <= 80 AND char_length(name_en) <= 80);
ALTER TABLE postcodes
    ADD CONSTRAINT postcodes_names_length CHECK (char_length(municipality) <= 80 AND char_length(main_municipality) <= 80
        AND char_length(province) <= 80);
ALTER TABLE signin_throttle
    ADD CONSTRAINT signin_throttle_key_length CHECK (char_length(key) <= 300);
ALTER TABLE job_transitions
    ADD CONSTRAINT job_transitions_states_length CHECK (char_length(from_state) <= 20 AND char_length(to_state) <= 20);
ALTER TABLE job_state_transitions
    ADD CONSTRAINT job_state_transitions_states_length CHECK (char_length(from_state) <= 20 AND char_length(to_state) <= 20);
ALTER TABLE vapid_keys
    ADD CONSTRAINT vapid_keys_length CHECK (char_length(public_key) <= 200 AND char_length(private_key) <= 200);

-- +goose Down
ALTER TABLE vapid_keys DROP CONSTRAINT vapid_keys_length;
ALTER TABLE job_state_transitions DROP CONSTRAINT job_state_transitions_states_length;
ALTER TABLE job_transitions DROP CONSTRAINT job_transitions_states_length;
ALTER TABLE signin_throttle DROP CONSTRAINT signin_throttle_key_length;
ALTER TABLE postcodes DROP CONSTRAINT postcodes_names_length;
ALTER TABLE categories DROP CONSTRAINT categories_names_length;
ALTER TABLE organisations DROP CONSTRAINT organisations_municipality_length;
ALTER TABLE poster_addresses DROP CONSTRAINT poster_addresses_area_length;
ALTER TABLE poster_profiles DROP CONSTRAINT poster_profiles_company_name_length;
ALTER TABLE buddy_profiles DROP CONSTRAINT buddy_profiles_area_length;
ALTER TABLE worker_profiles DROP CONSTRAINT worker_profiles_area_length;
ALTER TABLE users DROP CONSTRAINT users_first_name_length, DROP CONSTRAINT users_secret_hash_length;
