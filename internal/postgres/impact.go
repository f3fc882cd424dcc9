package postgres

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Impact figures (issue 13): every figure of a scope, counted from the jobs, their final sheets,
// outcomes and drop-outs and the facts triggers keep (00031), for the whole scope and per group
// (a step of a series, or a municipality) at once by GROUPING SETS. The definitions are those
// of klusbuddy.ImpactFigures and docs/decisions.md; TestImpactRecount recounts them in Go.

// The figures are counted by two statements at once, on two connections that share one snapshot
// (pg_export_snapshot): the jobs' figures (posted, done, filled, time to fill, households,
// no-shows, drop-outs) and the people's (hours, people, new people, buddies). One statement ran
// its parts one after the other on one core; a year of one organisation took 0.5 s, half of it
// in each. GROUPKEY and GROUPFROM stand for the group's key (text) and the first moment of the
// group (where "new people" begin to count).

// impactJobs is the scope's jobs with their group, the first part of both statements.
const impactJobs = `WITH j AS MATERIALIZED (
    SELECT j.id, j.poster_id, j.state, j.created_at, j.during, j.first_filled_at, GROUPKEY AS k, GROUPFROM AS kfrom
    FROM jobs j
    WHERE lower(j.during) >= $1 AND lower(j.during) < $2
      AND ($3 = 0 OR j.organisation_id = $3) AND ($4 = 0 OR j.category_id = $4)
      AND ($5 = '' OR j.main_municipality = $5)),`

// impactPeopleTail counts the people's figures, per group and in total (k NULL), from s: each
// person's hours (h) in a group (k, starting at kfrom), by role.
const impactPeopleTail = `sheets AS (
    SELECT CASE WHEN grouping(k) = 1 THEN NULL ELSE k END AS k,
           coalesce(sum(h) FILTER (WHERE role = 'worker'), 0) AS hours_worked,
           count(DISTINCT person_id) FILTER (WHERE role = 'worker') AS people_worked,
           coalesce(sum(h) FILTER (WHERE role = 'buddy'), 0) AS buddy_hours,
           count(DISTINCT person_id) FILTER (WHERE role = 'buddy') AS buddies
    FROM s GROUP BY GROUPING SETS ((), (k))),
-- a worker is new in a group when their first final sheet's job (worker_first_work) starts
-- in it or later; asked once per person and group, not per sheet
pk AS MATERIALIZED (SELECT DISTINCT person_id, k, kfrom FROM s WHERE role = 'worker'),
newk AS (
    SELECT pk.k, count(*) AS n FROM pk JOIN worker_first_work w ON w.person_id = pk.person_id
    WHERE w.first_at >= pk.kfrom GROUP BY pk.k),
newt AS (
    SELECT count(*) AS n FROM worker_first_work w
    WHERE w.person_id IN (SELECT person_id FROM pk) AND w.first_at >= $1)
SELECT sheets.k, sheets.hours_worked, sheets.people_worked,
       CASE WHEN sheets.k IS NULL THEN (SELECT n FROM newt) ELSE coalesce(newk.n, 0) END AS new_people,
       sheets.buddy_hours, sheets.buddies
FROM sheets LEFT JOIN newk ON newk.k = sheets.k`

// impactPeopleQuery counts the people's figures from the final sheets of the scope's jobs.
const impactPeopleQuery = impactJobs + `
-- final sheets: a worker's hours by worked_hours' rule (minutes approved, or the booked window
-- for items), a buddy's minutes approved
s AS MATERIALIZED (
    SELECT j.k, j.kfrom, t.person_id, t.role,
           CASE WHEN t.unit = 'minutes' THEN t.approved::float8 / 60
                ELSE extract(epoch FROM upper(j.during) - lower(j.during))::float8 / 3600 END AS h
    FROM j JOIN timesheets t ON t.job_id = j.id
    -- the sheets by the jobs' ids, from the final sheets' covering index (00032), never a scan of them all
    WHERE t.job_id = ANY (ARRAY(SELECT id FROM j WHERE state <> 'cancelled')) AND t.state IN ('approved', 'decided')),
` + impactPeopleTail

// impactPeopleByMonthQuery counts the same from each person's hours per month and organisation
// (00034_impact_person_months.sql), when the steps ($6) are the starts of months in Brussels
// and no category ($4) or municipality ($5) is chosen.
const impactPeopleByMonthQuery = `WITH s AS MATERIALIZED (
    SELECT width_bucket(m.starts, $6::timestamptz[])::text AS k, m.starts AS kfrom, m.person_id, m.role, m.hours AS h
    FROM impact_person_months m
    WHERE m.starts >= $1 AND m.starts < $2 AND ($3 = 0 OR m.organisation_id = $3)
      AND $4::bigint = 0 AND $5::text = ''), -- (no category or municipality: see ImpactSeries)
` + impactPeopleTail

// impactJobsQuery counts the jobs' figures, per group and in total (k NULL); its rows are the
// groups.
const impactJobsQuery = impactJobs + `
f AS (
    SELECT j.k, j.poster_id, pp.kind, j.state, j.state IN ('done', 'hours_confirmed') AS done,
           j.first_filled_at IS NOT NULL AND j.state NOT IN ('unfilled', 'expired') AS filled,
           extract(epoch FROM j.first_filled_at - j.created_at)::float8 / 3600 AS fill_hours
    FROM j JOIN poster_profiles pp ON pp.user_id = j.poster_id),
js AS (
    SELECT CASE WHEN grouping(k) = 1 THEN NULL ELSE k END AS k,
           count(*) AS jobs_posted,
           count(*) FILTER (WHERE done) AS jobs_done,
           count(*) FILTER (WHERE filled) AS jobs_filled,
           count(*) FILTER (WHERE state IN ('unfilled', 'expired')) AS jobs_unfilled,
           count(*) FILTER (WHERE state = 'cancelled') AS jobs_cancelled,
           count(DISTINCT poster_id) FILTER (WHERE done AND kind = 'household') AS households,
           count(DISTINCT poster_id) FILTER (WHERE done AND kind = 'company') AS companies,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY fill_hours) FILTER (WHERE filled) AS fill_median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY fill_hours) FILTER (WHERE filled) AS fill_p90
    FROM f GROUP BY GROUPING SETS ((), (k))),
-- no-shows: each place's last outcome, read for the scope's jobs in one scan of the outcomes'
-- index (a probe per job cost 90 ms a year), the worker looked up for the no-shows alone
lo AS (
    SELECT DISTINCT ON (x.job_id, x.place) x.job_id, x.place, x.outcome
    FROM outcomes x WHERE x.job_id = ANY (ARRAY(SELECT id FROM j)) AND x.place > 0
    ORDER BY x.job_id, x.place, x.id DESC),
ns AS (
    SELECT CASE WHEN grouping(j.k) = 1 THEN NULL ELSE j.k END AS k, count(*) AS no_shows,
           count(DISTINCT coalesce(a.worker_id, -j.id * 100 - lo.place)) AS no_show_people
    FROM lo JOIN j ON j.id = lo.job_id
    LEFT JOIN assignments a ON a.job_id = lo.job_id AND a.place = lo.place
    WHERE lo.outcome = 'worker_no_show'
    GROUP BY GROUPING SETS ((), (j.k))),
d AS (
    SELECT CASE WHEN grouping(j.k) = 1 THEN NULL ELSE j.k END AS k,
           count(*) FILTER (WHERE d.late) AS dropouts_late, count(*) FILTER (WHERE NOT d.late) AS dropouts_early,
           count(DISTINCT d.worker_id) AS dropout_people
    FROM j JOIN dropouts d ON d.job_id = j.id AND d.role = 'worker' AND d.job_id = ANY (ARRAY(SELECT id FROM j))
    GROUP BY GROUPING SETS ((), (j.k)))
SELECT js.k, js.jobs_posted, js.jobs_done, js.jobs_filled, js.jobs_unfilled, js.jobs_cancelled,
       js.households, js.companies, js.fill_median, js.fill_p90,
       coalesce(ns.no_shows, 0) AS no_shows, coalesce(ns.no_show_people, 0) AS no_show_people,
       coalesce(d.dropouts_late, 0) AS dropouts_late, coalesce(d.dropouts_early, 0) AS dropouts_early,
       coalesce(d.dropout_people, 0) AS dropout_people
FROM js
LEFT JOIN ns ON ns.k IS NOT DISTINCT FROM js.k
LEFT JOIN d ON d.k IS NOT DISTINCT FROM js.k`

// Two forms: grouped by a step of a series ($6, the steps' first moments in order) or by
// municipality.
var (
	bySteps = strings.NewReplacer("GROUPKEY", "width_bucket(lower(j.during), $6::timestamptz[])::text",
		"GROUPFROM", "($6::timestamptz[])[width_bucket(lower(j.during), $6::timestamptz[])]")
	byMunicipality = strings.NewReplacer("GROUPKEY", "j.main_municipality", "GROUPFROM", "$1::timestamptz")

	impactBySteps        = impactStatements{bySteps.Replace(impactJobsQuery), bySteps.Replace(impactPeopleQuery)}
	impactByMonths       = impactStatements{bySteps.Replace(impactJobsQuery), impactPeopleByMonthQuery}
	impactByMunicipality = impactStatements{byMunicipality.Replace(impactJobsQuery), byMunicipality.Replace(impactPeopleQuery)}
)

type impactStatements struct{ jobs, people string }

// ImpactQueryForBench is the series' statement, for EXPLAIN in benchmarks.
var ImpactQueryForBench = impactBySteps.people

// ImpactJobsQueryForBench is the jobs' statement of a series, for EXPLAIN.
var ImpactJobsQueryForBench = impactBySteps.jobs

// ImpactMonthsQueryForBench is the people's statement of a series of months, for EXPLAIN.
var ImpactMonthsQueryForBench = impactByMonths.people

type impactRow struct {
	K             sql.NullString  `db:"k"`
	JobsPosted    int             `db:"jobs_posted"`
	JobsDone      int             `db:"jobs_done"`
	JobsFilled    int             `db:"jobs_filled"`
	JobsUnfilled  int             `db:"jobs_unfilled"`
	JobsCancelled int             `db:"jobs_cancelled"`
	Households    int             `db:"households"`
	Companies     int             `db:"companies"`
	FillMedian    sql.NullFloat64 `db:"fill_median"`
	FillP90       sql.NullFloat64 `db:"fill_p90"`
	HoursWorked   float64         `db:"hours_worked"`
	PeopleWorked  int             `db:"people_worked"`
	NewPeople     int             `db:"new_people"`
	BuddyHours    float64         `db:"buddy_hours"`
	Buddies       int             `db:"buddies"`
	NoShows       int             `db:"no_shows"`
	NoShowPeople  int             `db:"no_show_people"`
	DropoutsLate  int             `db:"dropouts_late"`
	DropoutsEarly int             `db:"dropouts_early"`
	DropoutPeople int             `db:"dropout_people"`
}

func (r impactRow) figures() klusbuddy.ImpactFigures {
	f := klusbuddy.ImpactFigures{HoursWorked: r.HoursWorked, JobsPosted: r.JobsPosted, JobsDone: r.JobsDone,
		JobsFilled: r.JobsFilled, JobsUnfilled: r.JobsUnfilled, JobsCancelled: r.JobsCancelled,
		PeopleWorked: r.PeopleWorked, NewPeople: r.NewPeople, Households: r.Households, Companies: r.Companies,
		BuddyHours: r.BuddyHours, Buddies: r.Buddies, NoShows: r.NoShows, NoShowPeople: r.NoShowPeople,
		DropoutsLate: r.DropoutsLate, DropoutsEarly: r.DropoutsEarly, DropoutPeople: r.DropoutPeople}
	if r.FillMedian.Valid {
		f.FillMedian, f.FillP90 = &r.FillMedian.Float64, &r.FillP90.Float64
	}
	return f
}

// impactRows runs the two statements at once in read-only transactions that share a snapshot, so
// that they count the same rows, and gives the jobs' rows with the people's figures filled in.
// JIT compilation is off: the statements' cost estimate is high enough for PostgreSQL to compile
// them, which took 1.2 s of a year's 3.6 s on the benchmark's history and saves nothing on a
// statement that runs once; work_mem lets a year's sheets sort in memory (at the default 4 MB
// they spilled to disk).
func (db *DB) impactRows(ctx context.Context, st impactStatements, args ...any) ([]impactRow, error) {
	begin := func() (*sqlx.Tx, error) {
		return db.x.BeginTxx(ctx, &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead})
	}
	const settings = `SET LOCAL jit = off; SET LOCAL work_mem = '64MB'`
	first, err := begin()
	if err != nil {
		return nil, mapError(err)
	}
	defer first.Rollback()
	var snapshot string
	if err := first.GetContext(ctx, &snapshot, `SELECT pg_export_snapshot()`); err != nil {
		return nil, mapError(err)
	}
	if _, err := first.ExecContext(ctx, settings); err != nil {
		return nil, mapError(err)
	}
	second, err := begin()
	if err != nil {
		return nil, mapError(err)
	}
	defer second.Rollback()
	// The snapshot must be set before the transaction's first query.
	if _, err := second.ExecContext(ctx, `SET TRANSACTION SNAPSHOT `+pq.QuoteLiteral(snapshot)+`; `+settings); err != nil {
		return nil, mapError(err)
	}

	var people []impactRow
	peopleErr := make(chan error, 1)
	go func() { peopleErr <- second.SelectContext(ctx, &people, st.people, args...) }()
	var rows []impactRow
	err = first.SelectContext(ctx, &rows, st.jobs, args...)
	if perr := <-peopleErr; err == nil {
		err = perr
	}
	if err != nil {
		return nil, mapError(err)
	}
	byGroup := make(map[sql.NullString]impactRow, len(people))
	for _, p := range people {
		byGroup[p.K] = p
	}
	for i, r := range rows {
		p := byGroup[r.K]
		rows[i].HoursWorked, rows[i].PeopleWorked, rows[i].NewPeople = p.HoursWorked, p.PeopleWorked, p.NewPeople
		rows[i].BuddyHours, rows[i].Buddies = p.BuddyHours, p.Buddies
	}
	return rows, nil
}

// brussels is the zone of impact_person_months' months.
var brussels = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		return nil // no zone data: every series reads the sheets
	}
	return loc
}()

// wholeMonths reports whether steps, and the end, are the starts of months in Brussels: then
// each person's hours per month give the people's figures.
func wholeMonths(end time.Time, steps []time.Time) bool {
	if brussels == nil || len(steps) == 0 {
		return false
	}
	for _, t := range append([]time.Time{end}, steps...) {
		l := t.In(brussels)
		if l.Day() != 1 || l.Hour() != 0 || l.Minute() != 0 || l.Second() != 0 || l.Nanosecond() != 0 {
			return false
		}
	}
	return true
}

func scopeArgs(s klusbuddy.ImpactScope) []any {
	return []any{s.From, s.To, s.OrganisationID, s.CategoryID, s.Municipality}
}

// ImpactSeries counts the scope's figures, in total and per step of a series; steps are the
// first moments of the steps in order (the first is s.From). The series has one entry per step.
func (db *DB) ImpactSeries(ctx context.Context, s klusbuddy.ImpactScope, steps []time.Time) (klusbuddy.ImpactFigures, []klusbuddy.ImpactFigures, error) {
	st := impactBySteps
	if s.CategoryID == 0 && s.Municipality == "" && wholeMonths(s.To, steps) {
		st = impactByMonths
	}
	rows, err := db.impactRows(ctx, st, append(scopeArgs(s), pq.Array(steps))...)
	if err != nil {
		return klusbuddy.ImpactFigures{}, nil, err
	}
	series := make([]klusbuddy.ImpactFigures, len(steps))
	var total klusbuddy.ImpactFigures
	for _, r := range rows {
		if !r.K.Valid {
			total = r.figures()
			continue
		}
		if i, err := strconv.Atoi(r.K.String); err == nil && i >= 1 && i <= len(steps) {
			series[i-1] = r.figures()
		}
	}
	return total, series, nil
}

// ImpactByMunicipality counts the scope's figures in total and per municipality with a job in
// it, in the municipalities' order.
func (db *DB) ImpactByMunicipality(ctx context.Context, s klusbuddy.ImpactScope) (klusbuddy.ImpactFigures, []string, []klusbuddy.ImpactFigures, error) {
	rows, err := db.impactRows(ctx, impactByMunicipality, scopeArgs(s)...)
	if err != nil {
		return klusbuddy.ImpactFigures{}, nil, nil, err
	}
	var total klusbuddy.ImpactFigures
	var names []string
	var figs []klusbuddy.ImpactFigures
	for _, r := range rows {
		if !r.K.Valid {
			total = r.figures()
			continue
		}
		names, figs = append(names, r.K.String), append(figs, r.figures())
	}
	sortByName(names, figs)
	return total, names, figs, nil
}

func sortByName(names []string, figs []klusbuddy.ImpactFigures) {
	for i := 1; i < len(names); i++ { // a few dozen names: insertion sort keeps both in step
		for k := i; k > 0 && names[k] < names[k-1]; k-- {
			names[k], names[k-1] = names[k-1], names[k]
			figs[k], figs[k-1] = figs[k-1], figs[k]
		}
	}
}

// MainMunicipality returns the main municipality named name (in any case) as postcodes spell
// it; ENOTFOUND when there is none.
func (db *DB) MainMunicipality(ctx context.Context, name string) (string, error) {
	var m string
	err := db.x.GetContext(ctx, &m, `SELECT main_municipality FROM postcodes WHERE lower(main_municipality) = lower($1) LIMIT 1`, name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such municipality.")
	}
	return m, mapError(err)
}

type impactValueRow struct {
	Label  string `db:"label"`
	Basis  string `db:"basis"`
	Cents  int64  `db:"cents"`
	Source string `db:"source"`
}

// ImpactValues returns an organisation's social-return values in their order.
func (db *DB) ImpactValues(ctx context.Context, organisationID int64) ([]klusbuddy.ImpactValue, error) {
	var rows []impactValueRow
	if err := db.x.SelectContext(ctx, &rows, `SELECT label, basis, cents, source FROM impact_values
    WHERE organisation_id = $1 ORDER BY position`, organisationID); err != nil {
		return nil, mapError(err)
	}
	out := make([]klusbuddy.ImpactValue, len(rows))
	for i, r := range rows {
		out[i] = klusbuddy.ImpactValue{Label: r.Label, Basis: klusbuddy.ImpactValueBasis(r.Basis), Cents: r.Cents, Source: r.Source}
	}
	return out, nil
}

// SetImpactValues replaces an organisation's values, in one transaction with the request's
// audit entry.
func (db *DB) SetImpactValues(ctx context.Context, organisationID int64, vs []klusbuddy.ImpactValue) error {
	return db.inTx(ctx, func(tx *sqlx.Tx) error {
		// Lock the organisation's row so that two saves at once end as one of them, not a mix.
		if _, err := tx.ExecContext(ctx, `SELECT 1 FROM organisations WHERE id = $1 FOR UPDATE`, organisationID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM impact_values WHERE organisation_id = $1`, organisationID); err != nil {
			return err
		}
		for i, v := range vs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO impact_values (organisation_id, position, label, basis, cents, source)
    VALUES ($1, $2, $3, $4, $5, $6)`, organisationID, i+1, v.Label, string(v.Basis), v.Cents, v.Source); err != nil {
				return err
			}
		}
		return nil
	})
}
