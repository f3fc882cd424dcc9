package pgtest

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/klusbuddy/klusbuddy/internal/demo"
	"github.com/klusbuddy/klusbuddy/internal/postgres"
)

// HistoryOptions sizes a generated history for benchmarks (History).
type HistoryOptions struct {
	Jobs          int       // jobs in the history (default 1,000,000)
	Organisations int       // organisations, the two demo ones included (default 8)
	Years         int       // length of the history, ending at End (default 3)
	End           time.Time // the history's last day (default 2026-12-01)
	Throwaway     bool      // drop it when the test ends, even on a TEST_DATABASE_URL server
}

func (o HistoryOptions) withDefaults() HistoryOptions {
	if o.Jobs <= 0 {
		o.Jobs = 1_000_000
	}
	if o.Organisations < 2 {
		o.Organisations = 8
	}
	if o.Years <= 0 {
		o.Years = 3
	}
	if o.End.IsZero() {
		o.End = time.Date(2026, time.December, 1, 0, 0, 0, 0, time.UTC)
	}
	return o
}

// History returns a database holding the demo data and a generated past of o.Jobs jobs with
// about five places each (so 1,000,000 jobs give about 5,000,000 assignments), for the
// benchmarks that must hold at that size. The rows are what the app leaves after a job's day:
// the job in its final state with its recorded moves, its places, the worker's sheet (approved,
// decided after a dispute, or still waiting for the poster in the last week), buddies on one
// job in ten with their sheets, the outcomes (done, some no-shows) and drop-outs, late and
// early. Left out, as no figure reads them: offers, attendance, sheet steps and calendars.
//
// Generating a million jobs takes minutes, so on a TEST_DATABASE_URL server the database is
// kept between runs (named after o; drop it with DROP DATABASE to start again) and migrated to
// the current schema each time; on a private cluster it goes with the cluster.
func History(tb testing.TB, o HistoryOptions) *postgres.DB {
	tb.Helper()
	o = o.withDefaults()
	if !mainCalled {
		tb.Fatal("pgtest: call pgtest.Main(m) from TestMain in this package")
	}
	setupOnce.Do(func() { setupErr = setup() })
	if setupErr != nil {
		tb.Fatal(setupErr)
	}
	ctx := context.Background()
	name := fmt.Sprintf("kbbench_history_%d_%d_%d_%s_v1", o.Jobs, o.Organisations, o.Years, o.End.Format("20060102"))
	if o.Throwaway {
		name = "kbtest_history_" + randomHex()
	}
	u := withDatabase(adminURL, name)
	if o.Throwaway || !historyReady(ctx, u) {
		if err := exec(ctx, adminURL, "DROP DATABASE IF EXISTS "+pq.QuoteIdentifier(name)+" WITH (FORCE)"); err != nil {
			tb.Fatalf("pgtest: %v", err)
		}
		if err := exec(ctx, adminURL, "CREATE DATABASE "+pq.QuoteIdentifier(name)+" TEMPLATE "+pq.QuoteIdentifier(template)); err != nil {
			tb.Fatalf("pgtest: %v", err)
		}
		began := time.Now()
		if err := generateHistory(ctx, u, o); err != nil {
			tb.Fatalf("pgtest: generating the history: %v", err)
		}
		fmt.Fprintf(os.Stderr, "pgtest: generated %d jobs in %s into %s\n", o.Jobs, time.Since(began).Round(time.Second), name)
	}
	db, err := postgres.Open(ctx, u, postgres.OpenOptions{MaxConns: 20, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		tb.Fatalf("pgtest: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		tb.Fatalf("pgtest: migrating the kept history: %v", err)
	}
	if o.Throwaway || cluster != nil { // nothing outlives a private cluster
		tb.Cleanup(func() {
			exec(context.Background(), adminURL, "DROP DATABASE IF EXISTS "+pq.QuoteIdentifier(name)+" WITH (FORCE)")
		})
	}
	return db
}

// historyReady reports whether a kept history was generated to its end.
func historyReady(ctx context.Context, u string) bool {
	x, err := sqlx.Open("postgres", u)
	if err != nil {
		return false
	}
	defer x.Close()
	var done bool
	return x.GetContext(ctx, &done, `SELECT true FROM bench_history_done`) == nil && done
}

func generateHistory(ctx context.Context, u string, o HistoryOptions) error {
	db, err := postgres.Open(ctx, u, postgres.OpenOptions{MaxConns: 2, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return err
	}
	if err := db.Seed(ctx, demo.Data()); err != nil {
		db.Close()
		return fmt.Errorf("demo data: %w", err)
	}
	db.Close()

	x, err := sqlx.Open("postgres", u)
	if err != nil {
		return err
	}
	defer x.Close()
	x.SetMaxOpenConns(1) // one session: the temporary tables and settings below are its own
	conn, err := x.Connx(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()

	// Four job slots a day (8:00, 11:00, 14:00, 17:00 in Brussels, two hours each) over the
	// years; a slot's jobs go round the organisations, and the k-th job of an organisation in a
	// slot takes workers k*9 … k*9+8 (places ≤ 9) of a rotating window over its pool, so nobody
	// is ever booked twice at once and the exclusion constraints hold as in the app.
	days := o.Years * 365
	slots := days * 4
	perSlot := (o.Jobs + slots - 1) / slots
	perSlotOrg := (perSlot + o.Organisations - 1) / o.Organisations
	workers := max(2500, perSlotOrg*9)
	buddies := max(300, perSlotOrg)
	posters := max(200, o.Jobs/20/o.Organisations)
	first := o.End.AddDate(0, 0, -days)

	r := strings.NewReplacer("{perSlot}", strconv.Itoa(perSlot), "{orgs}", strconv.Itoa(o.Organisations),
		"{moreOrgs}", strconv.Itoa(o.Organisations-2), "{workers}", strconv.Itoa(workers), "{buddies}", strconv.Itoa(buddies),
		"{posters}", strconv.Itoa(posters), "{jobs}", strconv.Itoa(o.Jobs), "{first}", "'"+first.Format(time.RFC3339)+"'::timestamptz",
		"{firstDay}", "'"+first.Format("2006-01-02")+"'::date", "{end}", "'"+o.End.Format(time.RFC3339)+"'::timestamptz")
	steps := []struct{ what, q string }{
		// Bulk rows are written as the app would leave them, without running each row's
		// triggers (their effect, the job's organisation and VAT rate, is written directly);
		// the checks, unique and exclusion constraints still hold every row to the schema.
		{"settings", `SET session_replication_role = replica; SET maintenance_work_mem = '256MB'; SET synchronous_commit = off; SET work_mem = '64MB'`},
		{"organisations", `
INSERT INTO organisations (slug, name, municipality)
SELECT 'bench-' || lower(regexp_replace(m, '[^A-Za-z]', '', 'g')), 'Bench ' || m, m
FROM (SELECT DISTINCT main_municipality AS m FROM postcodes
      WHERE lower(main_municipality) NOT IN (SELECT lower(municipality) FROM organisations) ORDER BY 1 LIMIT {moreOrgs}) t`},
		{"organisation index", `
CREATE TEMP TABLE b_orgs AS
SELECT row_number() OVER (ORDER BY o.id) - 1 AS k, o.id,
       (SELECT array_agg(p.postcode || '|' || p.municipality ORDER BY p.postcode, p.municipality) FROM postcodes p
        WHERE lower(p.main_municipality) = lower(o.municipality) OR lower(p.municipality) = lower(o.municipality)) AS places
FROM organisations o`},
		{"categories", `CREATE TEMP TABLE b_cats AS
SELECT row_number() OVER (ORDER BY id) - 1 AS k, id, unit, unit_price_cents, vat_rate FROM categories WHERE active`},
		{"posters", `
CREATE TEMP TABLE b_posters AS
WITH u AS (
    INSERT INTO users (role, first_name, last_name, email, language, activated_at, created_at)
    SELECT 'poster', 'Klant', o.k || '-' || g, 'bench-poster-' || o.k || '-' || g || '@example.test', 'nl', {first}, {first}
    FROM b_orgs o, generate_series(0, {posters} - 1) g
    RETURNING id, last_name)
SELECT split_part(last_name, '-', 1)::int AS org_k, split_part(last_name, '-', 2)::int AS k, id, 0::bigint AS address_id FROM u`},
		{"poster profiles", `
INSERT INTO poster_profiles (user_id, kind, company_name, vat_number)
SELECT id, CASE WHEN k % 10 = 0 THEN 'company' ELSE 'household' END,
       CASE WHEN k % 10 = 0 THEN 'Bedrijf ' || id END, CASE WHEN k % 10 = 0 THEN 'BE0' || lpad(id::text, 9, '0') END
FROM b_posters`},
		{"poster addresses", `
WITH a AS (
    INSERT INTO poster_addresses (poster_id, street, postcode, municipality, lat, lon)
    SELECT b.id, 'Straat ' || b.k, p.postcode, p.municipality, p.lat, p.lon
    FROM b_posters b JOIN b_orgs o ON o.k = b.org_k
    JOIN postcodes p ON p.postcode || '|' || p.municipality = o.places[1 + b.k % array_length(o.places, 1)]
    RETURNING id, poster_id)
UPDATE b_posters b SET address_id = a.id FROM a WHERE a.poster_id = b.id`},
		{"workers", `
CREATE TEMP TABLE b_workers AS
WITH u AS (
    INSERT INTO users (role, organisation_id, first_name, phone, language, activated_at, created_at)
    SELECT 'worker', o.id, 'Werker', '+3249' || lpad((o.k * {workers} + g)::text, 7, '0'), 'nl', {first}, {first}
    FROM b_orgs o, generate_series(0, {workers} - 1) g
    RETURNING id, organisation_id, phone)
SELECT o.k AS org_k, substr(u.phone, 6)::int - o.k * {workers} AS k, u.id FROM u JOIN b_orgs o ON o.id = u.organisation_id`},
		{"worker profiles", `
INSERT INTO worker_profiles (user_id, postcode, municipality, travel_mode, max_travel_minutes)
SELECT w.id, split_part(o.places[1 + w.k % array_length(o.places, 1)], '|', 1),
       split_part(o.places[1 + w.k % array_length(o.places, 1)], '|', 2), 'bike', 30
FROM b_workers w JOIN b_orgs o ON o.k = w.org_k`},
		{"buddies", `
CREATE TEMP TABLE b_buddies AS
WITH u AS (
    INSERT INTO users (role, organisation_id, first_name, phone, language, activated_at, created_at)
    SELECT 'buddy', o.id, 'Buddy', '+3248' || lpad((o.k * {buddies} + g)::text, 7, '0'), 'nl', {first}, {first}
    FROM b_orgs o, generate_series(0, {buddies} - 1) g
    RETURNING id, organisation_id, phone)
SELECT o.k AS org_k, substr(u.phone, 6)::int - o.k * {buddies} AS k, u.id FROM u JOIN b_orgs o ON o.id = u.organisation_id`},
		{"buddy profiles", `
INSERT INTO buddy_profiles (user_id, postcode, municipality, travel_mode, max_travel_minutes)
SELECT b.id, split_part(o.places[1], '|', 1), split_part(o.places[1], '|', 2), 'car', 45
FROM b_buddies b JOIN b_orgs o ON o.k = b.org_k`},
		// g numbers the jobs; h is its dice (0–99, from a multiplicative hash): 6 % cancelled,
		// 6 % unfilled, the rest done, and the last week's done jobs still wait for their hours.
		// A job is posted 6 hours to 10 days ahead and filled at a point of that wait.
		{"schedule", `
CREATE TEMP TABLE b_jobs AS
SELECT *, posted + (starts - posted) * ((g * 37 % 90) / 100.0) AS filled,
       CASE WHEN h < 6 THEN 'cancelled' WHEN h < 12 THEN 'unfilled'
            WHEN starts > {end} - interval '7 days' THEN 'done' ELSE 'hours_confirmed' END AS state,
       g + (SELECT coalesce(max(id), 0) FROM jobs) + 1 AS id
FROM (SELECT *, starts - make_interval(hours => 6 + (g * 7 % 230)::int) AS posted
      FROM (SELECT g, g / {perSlot} AS slot, (g % {perSlot}) % {orgs} AS org_k, (g % {perSlot}) / {orgs} AS k,
                   (g::bigint * 2654435761 % 4294967296) % 100 AS h, 1 + (g::bigint * 40503 % 65536) % 9 AS needed,
                   (({firstDay} + (g / {perSlot}) / 4) + make_interval(hours => 8 + 3 * ((g / {perSlot}) % 4))) AT TIME ZONE 'Europe/Brussels' AS starts
            FROM generate_series(0, {jobs} - 1) g) s) t;
ALTER TABLE b_jobs ADD COLUMN poster_id bigint, ADD COLUMN address_id bigint, ADD COLUMN category_id bigint;
UPDATE b_jobs j SET poster_id = p.id, address_id = p.address_id, category_id = c.id
FROM b_posters p, b_cats c WHERE p.org_k = j.org_k AND p.k = (j.g::bigint * 7919) % {posters} AND c.k = j.g % (SELECT count(*) FROM b_cats);
CREATE INDEX ON b_jobs (id);
ANALYZE b_jobs`},
		{"jobs", `
INSERT INTO jobs (id, poster_id, address_id, category_id, description, during, workers_needed, state, created_at, unit, unit_price_cents,
                  organisation_id, vat_rate)
OVERRIDING SYSTEM VALUE
SELECT j.id, j.poster_id, j.address_id, c.id, '', tstzrange(j.starts, j.starts + interval '2 hours'), j.needed, j.state, j.posted,
       c.unit, c.unit_price_cents, o.id, c.vat_rate
FROM b_jobs j JOIN b_orgs o ON o.k = j.org_k JOIN b_cats c ON c.id = j.category_id
ORDER BY j.id;
SELECT setval(pg_get_serial_sequence('jobs', 'id'), (SELECT max(id) FROM jobs))`},
		{"places", `
CREATE TEMP TABLE b_places AS
SELECT j.id AS job_id, j.needed, p AS place, w.id AS worker_id, j.starts, j.filled, j.state, c.unit, j.poster_id, j.h, j.g,
       CASE WHEN p = 1 AND j.g % 10 = 0 THEN b.id END AS buddy_id,
       (j.g::bigint * 31 + p * 17) % 100 AS d
FROM b_jobs j
JOIN b_cats c ON c.id = j.category_id
CROSS JOIN LATERAL generate_series(1, j.needed) p
JOIN b_workers w ON w.org_k = j.org_k AND w.k = (j.slot * 131 + j.k * 9 + p - 1) % {workers}
LEFT JOIN b_buddies b ON p = 1 AND j.g % 10 = 0 AND b.org_k = j.org_k AND b.k = (j.slot * 17 + j.k) % {buddies}
WHERE j.state IN ('done', 'hours_confirmed')`},
		{"assignments", `
INSERT INTO assignments (job_id, workers_needed, place, worker_id, during, created_at, buddy_state, buddy_id)
SELECT job_id, needed, place, worker_id, tstzrange(starts, starts + interval '2 hours'),
       filled, CASE WHEN buddy_id IS NULL THEN 'none' ELSE 'confirmed' END, buddy_id
FROM b_places ORDER BY job_id, place`},
		// Two in a hundred places: nobody came. The others: a sheet of 1 h 45 to 2 h 15 (or a
		// count per item), approved — one in thirty decided after a dispute — or, in the last
		// week, confirmed and waiting for the poster.
		{"no-shows", `
INSERT INTO outcomes (job_id, place, outcome, by_user, by_role, at)
SELECT job_id, place, 'worker_no_show', poster_id, 'poster', starts + interval '40 minutes' FROM b_places WHERE d < 2`},
		{"outcomes", `
INSERT INTO outcomes (job_id, place, outcome, by_role, at)
SELECT id, 0, 'done', 'system', starts + interval '2 hours' FROM b_jobs WHERE state IN ('done', 'hours_confirmed')`},
		{"worker sheets", `
INSERT INTO timesheets (job_id, person_id, role, place, unit, proposed, state, confirmed, waiting_since, dispute_reason, approved, decision_note)
SELECT job_id, worker_id, 'worker', place, CASE unit WHEN 'hour' THEN 'minutes' ELSE 'items' END,
       CASE unit WHEN 'hour' THEN 120 END,
       CASE WHEN state = 'done' THEN 'confirmed' WHEN d % 30 = 7 THEN 'decided' ELSE 'approved' END,
       v, CASE WHEN state = 'done' THEN starts + interval '3 hours' END,
       CASE WHEN state <> 'done' AND d % 30 = 7 THEN 'Te lang' END,
       CASE WHEN state = 'done' THEN NULL WHEN d % 30 = 7 AND unit = 'hour' THEN v - 15 ELSE v END,
       CASE WHEN state <> 'done' AND d % 30 = 7 THEN 'Nagekeken' END
FROM (SELECT *, CASE unit WHEN 'hour' THEN 105 + 15 * ((g + place) % 3) ELSE 1 + (g + place) % 4 END AS v
      FROM b_places WHERE d >= 2) p`},
		{"buddy sheets", `
INSERT INTO timesheets (job_id, person_id, role, place, unit, proposed, state, confirmed, approved)
SELECT job_id, buddy_id, 'buddy', place, 'minutes', 120, 'approved', 120, 120 FROM b_places WHERE buddy_id IS NOT NULL AND d >= 2`},
		// Three jobs in a hundred lost someone after they were filled, long before the start or
		// late (within the free window) one time in three; the place was taken again.
		{"drop-outs", `
INSERT INTO dropouts (job_id, worker_id, late, at, role)
SELECT j.id, w.id, j.g % 3 = 0, j.starts - CASE WHEN j.g % 3 = 0 THEN interval '8 hours' ELSE interval '3 days' END, 'worker'
FROM b_jobs j JOIN b_workers w ON w.org_k = j.org_k AND w.k = (j.slot * 131 + j.k * 9 + 9 + j.g % 50) % {workers}
WHERE j.state IN ('done', 'hours_confirmed') AND j.h >= 97 AND j.starts - interval '3 days' > j.filled`},
		{"moves", `
INSERT INTO job_transitions (job_id, from_state, to_state, actor_id, at)
SELECT j.id, m.f, m.t, m.actor, m.at
FROM b_jobs j
LEFT JOIN LATERAL (SELECT d.at FROM dropouts d WHERE d.job_id = j.id LIMIT 1) dd ON true
CROSS JOIN LATERAL (
    SELECT * FROM (VALUES
        (1, NULL, 'open', j.poster_id, j.posted),
        (2, 'open', 'offering', NULL::bigint, j.posted + interval '1 second'),
        (3, 'offering', CASE j.state WHEN 'cancelled' THEN 'cancelled' WHEN 'unfilled' THEN 'unfilled' ELSE 'filled' END,
            CASE WHEN j.state = 'cancelled' THEN j.poster_id END,
            CASE WHEN j.state = 'unfilled' THEN j.starts - interval '1 hour' ELSE j.filled END),
        (4, CASE WHEN dd.at IS NOT NULL THEN 'filled' END, 'offering', NULL, dd.at),
        (5, CASE WHEN dd.at IS NOT NULL THEN 'offering' END, 'filled', NULL, dd.at + interval '90 minutes'),
        (6, CASE WHEN j.state IN ('done', 'hours_confirmed') THEN 'filled' END, 'in_progress', NULL, j.starts),
        (7, CASE WHEN j.state IN ('done', 'hours_confirmed') THEN 'in_progress' END, 'done', NULL, j.starts + interval '2 hours'),
        (8, CASE WHEN j.state = 'hours_confirmed' THEN 'done' END, 'hours_confirmed', NULL, j.starts + interval '2 days')
    ) v(n, f, t, actor, at) WHERE n <= 3 OR f IS NOT NULL) m
ORDER BY j.id, m.n`},
		// The facts the triggers keep (migrations/functions/jobs_set_municipality.sql,
		// impact_first_filled.sql, impact_first_work.sql, impact_person_months.sql), which are
		// off while the rows load: the same statements as the backfills of 00031 and 00034.
		{"impact facts", `
UPDATE jobs j SET main_municipality = x.municipality, first_filled_at = x.filled
FROM (SELECT j2.id, pc.main_municipality AS municipality, f.at AS filled
      FROM jobs j2
      JOIN poster_addresses a ON a.id = j2.address_id
      JOIN postcodes pc ON pc.postcode = a.postcode AND pc.municipality = a.municipality
      LEFT JOIN (SELECT job_id, min(at) AS at FROM job_transitions WHERE to_state = 'filled' GROUP BY job_id) f
        ON f.job_id = j2.id) x
WHERE x.id = j.id AND j.id IN (SELECT id FROM b_jobs);
INSERT INTO worker_first_work AS w (person_id, first_at)
SELECT t.person_id, min(lower(j.during)) FROM timesheets t JOIN jobs j ON j.id = t.job_id
WHERE t.role = 'worker' AND t.state IN ('approved', 'decided') AND j.state <> 'cancelled'
GROUP BY t.person_id
ON CONFLICT (person_id) DO UPDATE SET first_at = excluded.first_at WHERE w.first_at > excluded.first_at;
INSERT INTO impact_person_months AS m (organisation_id, starts, person_id, role, hours)
SELECT coalesce(j.organisation_id, 0), date_trunc('month', lower(j.during), 'Europe/Brussels'),
       t.person_id, t.role,
       sum(CASE WHEN t.unit = 'minutes' THEN t.approved::float8 / 60
                ELSE extract(epoch FROM upper(j.during) - lower(j.during))::float8 / 3600 END)
FROM timesheets t JOIN jobs j ON j.id = t.job_id
WHERE t.state IN ('approved', 'decided') AND j.state <> 'cancelled' AND j.id IN (SELECT id FROM b_jobs)
GROUP BY 1, 2, 3, 4
ON CONFLICT (organisation_id, starts, person_id, role) DO UPDATE SET hours = m.hours + excluded.hours`},
		{"triggers back on", `RESET session_replication_role`},
		// What autovacuum does after a bulk load, done now rather than during the benchmark:
		// statistics, and the visibility map that lets the figures read from indexes alone.
		{"vacuum", `VACUUM ANALYZE`},
		{"done", `CREATE TABLE bench_history_done (done boolean NOT NULL); INSERT INTO bench_history_done VALUES (true)`},
	}
	for _, s := range steps {
		began := time.Now()
		if _, err := conn.ExecContext(ctx, r.Replace(s.q)); err != nil {
			return fmt.Errorf("%s: %w", s.what, err)
		}
		if testing.Verbose() {
			fmt.Fprintf(os.Stderr, "pgtest: history: %s in %s\n", s.what, time.Since(began).Round(time.Millisecond))
		}
	}
	return nil
}
