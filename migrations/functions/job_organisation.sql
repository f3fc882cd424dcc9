-- job_organisation is the organisation a job at an address belongs to: the one based where the
-- address lies, that is whose municipality (organisations.municipality) is the address's
-- municipality or the main municipality it is part of (Kuringen is Hasselt), in any case; the
-- lowest id when several are; NULL (a platform job) when none is. A job of an organisation
-- that does not share its pool goes only to that organisation's people (internal/match).
--
-- PL/pgSQL, not SQL: a SQL function that cannot be inlined (this one, called from the trigger
-- jobs_set_organisation) is planned anew at every call, 0.2 ms of every job posted, where
-- PL/pgSQL keeps its plan for the connection (pg_stat_statements, BenchmarkPostToSocket).
CREATE OR REPLACE FUNCTION job_organisation(p_address bigint) RETURNS bigint LANGUAGE plpgsql STABLE AS $fn$
BEGIN
    RETURN (
        SELECT o.id
        FROM poster_addresses a
        JOIN postcodes p ON p.postcode = a.postcode AND p.municipality = a.municipality
        JOIN organisations o ON lower(btrim(o.municipality)) IN (lower(a.municipality), lower(p.main_municipality))
        WHERE a.id = p_address
        ORDER BY o.id
        LIMIT 1);
END
$fn$;
