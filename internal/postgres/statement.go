package postgres

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// What the poster pays (issue 12): the jobs of a statement with the price they were posted at
// and their workers' sheets; the amounts are the domain's (klusbuddy.StatementFor). Buddies'
// sheets are never read: buddies volunteer.

type statementRow struct {
	ID             int64          `db:"id"`
	PosterID       int64          `db:"poster_id"`
	OrganisationID *int64         `db:"organisation_id"`
	Category       string         `db:"slug"`
	NameNL         string         `db:"name_nl"`
	NameFR         string         `db:"name_fr"`
	NameEN         string         `db:"name_en"`
	NameTR         string         `db:"name_tr"`
	NameAR         string         `db:"name_ar"`
	Start          time.Time      `db:"starts"`
	End            time.Time      `db:"ends"`
	State          string         `db:"state"`
	Unit           string         `db:"unit"`
	UnitPrice      int            `db:"unit_price_cents"`
	VATRate        int            `db:"vat_rate"`
	Street         sql.NullString `db:"street"`
	Postcode       sql.NullString `db:"postcode"`
	Municipality   sql.NullString `db:"municipality"`
	SheetID        *int64         `db:"sheet_id"`
	FirstName      sql.NullString `db:"first_name"`
	Place          *int           `db:"place"`
	SheetState     sql.NullString `db:"sheet_state"`
	Approved       *int           `db:"approved"`
}

// statementQuery reads the jobs jobsWhere selects (on jobs alone, so that it may use their
// indexes), with one row per worker's sheet (a job without any: one row without a sheet,
// unless sheeted), in order of start, job and place. The sheets are reached by the jobs' ids
// (= ANY (ARRAY(…)), by the sheets' (job_id, person_id) index), never by scanning them all.
func statementQuery(jobsWhere string, sheeted bool) string {
	join := "LEFT JOIN"
	if sheeted {
		join = "JOIN"
	}
	return `WITH j AS MATERIALIZED (
    SELECT id, poster_id, organisation_id, category_id, address_id, during, state, unit, unit_price_cents, vat_rate FROM jobs ` + jobsWhere + `),
s AS MATERIALIZED (
    SELECT t.id, t.job_id, t.person_id, t.place, t.state, t.approved FROM timesheets t
    WHERE t.job_id = ANY (ARRAY(SELECT id FROM j)) AND t.role = 'worker')
SELECT j.id, j.poster_id, j.organisation_id, c.slug, c.name_nl, c.name_fr, c.name_en, c.name_tr, c.name_ar,
       lower(j.during) AS starts, upper(j.during) AS ends, j.state, j.unit, j.unit_price_cents, j.vat_rate,
       a.street, a.postcode, a.municipality,
       s.id AS sheet_id, u.first_name, s.place, s.state AS sheet_state, s.approved
FROM j JOIN categories c ON c.id = j.category_id
LEFT JOIN poster_addresses a ON a.id = j.address_id
` + join + ` s ON s.job_id = j.id
LEFT JOIN users u ON u.id = s.person_id
ORDER BY lower(j.during), j.id, s.place`
}

// statementJobs reads the jobs a where clause selects, each with its workers' sheets.
func (db *DB) statementJobs(ctx context.Context, q string, args ...any) ([]klusbuddy.StatementJob, error) {
	var rows []statementRow
	if err := db.x.SelectContext(ctx, &rows, q, args...); err != nil {
		return nil, mapError(err)
	}
	var out []klusbuddy.StatementJob
	for _, r := range rows {
		if len(out) == 0 || out[len(out)-1].ID != r.ID {
			out = append(out, klusbuddy.StatementJob{ID: r.ID, PosterID: r.PosterID, OrganisationID: r.OrganisationID, Category: r.Category,
				CategoryNames: klusbuddy.Localized{NL: r.NameNL, FR: r.NameFR, EN: r.NameEN, TR: r.NameTR, AR: r.NameAR}, Start: r.Start, End: r.End,
				State: klusbuddy.JobState(r.State), Unit: klusbuddy.Unit(r.Unit), UnitPrice: r.UnitPrice, VATRate: r.VATRate,
				Street: r.Street.String, Postcode: r.Postcode.String, Municipality: r.Municipality.String, Sheets: []klusbuddy.StatementSheet{}})
		}
		if r.SheetID != nil {
			j := &out[len(out)-1]
			j.Sheets = append(j.Sheets, klusbuddy.StatementSheet{ID: *r.SheetID, FirstName: r.FirstName.String, Place: *r.Place,
				State: klusbuddy.SheetState(r.SheetState.String), Approved: r.Approved})
		}
	}
	return out, nil
}

// StatementJob reads one job for its statement (ENOTFOUND when there is none); who may see it
// is the caller's to judge.
func (db *DB) StatementJob(ctx context.Context, jobID int64) (klusbuddy.StatementJob, error) {
	out, err := db.statementJobs(ctx, jobStatementQuery, jobID)
	if err != nil {
		return klusbuddy.StatementJob{}, err
	}
	if len(out) == 0 {
		return klusbuddy.StatementJob{}, klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such job.")
	}
	return out[0], nil
}

var (
	jobStatementQuery    = statementQuery(`WHERE id = $1`, false)
	posterStatementQuery = statementQuery(`WHERE poster_id = $1 AND lower(during) >= $2 AND lower(during) < $3`, true)
)

// allTime bounds a poster's history.
var allTime = [2]time.Time{time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC)}

// PosterStatementJobs reads a poster's jobs that started in [from, to) and have a worker's
// sheet (by jobs_poster_start_idx); zero times leave that side open.
func (db *DB) PosterStatementJobs(ctx context.Context, posterID int64, from, to time.Time) ([]klusbuddy.StatementJob, error) {
	if from.IsZero() {
		from = allTime[0]
	}
	if to.IsZero() {
		to = allTime[1]
	}
	return db.statementJobs(ctx, posterStatementQuery, posterID, from, to)
}

// StatementPoster reads whom a poster's statement is addressed to: their name, company and
// first address (ENOTFOUND for no poster).
func (db *DB) StatementPoster(ctx context.Context, posterID int64) (klusbuddy.StatementPoster, error) {
	const q = `SELECT u.first_name, u.last_name, p.kind, coalesce(p.company_name, '') AS company_name, coalesce(p.vat_number, '') AS vat_number,
       coalesce(a.street, '') AS street, coalesce(a.postcode, '') AS postcode, coalesce(a.municipality, '') AS municipality
FROM users u JOIN poster_profiles p ON p.user_id = u.id
LEFT JOIN LATERAL (SELECT street, postcode, municipality FROM poster_addresses
                   WHERE poster_id = u.id AND erased_at IS NULL ORDER BY id LIMIT 1) a ON true
WHERE u.id = $1`
	var r struct {
		FirstName    string `db:"first_name"`
		LastName     string `db:"last_name"`
		Kind         string `db:"kind"`
		CompanyName  string `db:"company_name"`
		VATNumber    string `db:"vat_number"`
		Street       string `db:"street"`
		Postcode     string `db:"postcode"`
		Municipality string `db:"municipality"`
	}
	err := db.x.GetContext(ctx, &r, q, posterID)
	if errors.Is(err, sql.ErrNoRows) {
		return klusbuddy.StatementPoster{}, klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such poster.")
	}
	if err != nil {
		return klusbuddy.StatementPoster{}, mapError(err)
	}
	return klusbuddy.StatementPoster{FirstName: r.FirstName, LastName: r.LastName, Kind: klusbuddy.PosterKind(r.Kind), CompanyName: r.CompanyName,
		VATNumber: r.VATNumber, Street: r.Street, Postcode: r.Postcode, Municipality: r.Municipality}, nil
}
