package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Person loads a live user with their status and the profile of their role.
func (db *DB) Person(ctx context.Context, id int64) (klusbuddy.Person, error) {
	return loadPerson(ctx, db.x, id)
}

func loadPerson(ctx context.Context, q sqlx.QueryerContext, id int64) (klusbuddy.Person, error) {
	query := `SELECT ` + userColumns + `, o.slug AS organisation_slug, u.activated_at IS NOT NULL AS active, u.version
FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1 AND u.deleted_at IS NULL`
	var r struct {
		userRow
		OrganisationSlug sql.NullString `db:"organisation_slug"`
		Active           bool           `db:"active"`
		Version          int            `db:"version"`
	}
	if err := sqlx.GetContext(ctx, q, &r, query, id); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return klusbuddy.Person{}, klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such person.")
		}
		return klusbuddy.Person{}, mapError(err)
	}
	p := klusbuddy.Person{User: r.user(), OrganisationName: r.OrganisationName, OrganisationSlug: r.OrganisationSlug.String,
		Status: klusbuddy.StatusInvited, Version: r.Version}
	if r.Active {
		p.Status = klusbuddy.StatusActive
	}
	var err error
	switch p.Role {
	case klusbuddy.RoleWorker:
		p.Worker, err = loadWorker(ctx, q, id)
	case klusbuddy.RoleBuddy:
		p.Buddy, err = loadBuddy(ctx, q, id)
	case klusbuddy.RolePoster:
		p.Poster, err = loadPoster(ctx, q, id)
	}
	return p, err
}

func loadWorker(ctx context.Context, q sqlx.QueryerContext, id int64) (*klusbuddy.WorkerProfile, error) {
	var r struct {
		Postcode       string          `db:"postcode"`
		Municipality   string          `db:"municipality"`
		Lat            sql.NullFloat64 `db:"home_lat"`
		Lon            sql.NullFloat64 `db:"home_lon"`
		TravelMode     string          `db:"travel_mode"`
		MaxMinutes     int             `db:"max_travel_minutes"`
		Languages      pq.StringArray  `db:"languages"`
		Spoken         pq.StringArray  `db:"spoken_languages"`
		BuddyNeed      string          `db:"buddy_need"`
		BuddyFirstJobs int             `db:"buddy_first_jobs"`
		MonthCap       sql.NullInt64   `db:"month_hour_cap"`
		YearCap        sql.NullInt64   `db:"year_hour_cap"`
	}
	const qw = `SELECT postcode, municipality, home_lat, home_lon, travel_mode, max_travel_minutes, languages,
	spoken_languages, buddy_need, buddy_first_jobs, month_hour_cap, year_hour_cap FROM worker_profiles WHERE user_id = $1`
	if err := sqlx.GetContext(ctx, q, &r, qw, id); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil
		}
		return nil, mapError(err)
	}
	w := &klusbuddy.WorkerProfile{Postcode: r.Postcode, Municipality: r.Municipality, TravelMode: klusbuddy.TravelMode(r.TravelMode),
		MaxTravelMinutes: r.MaxMinutes, SpokenLanguages: []string(r.Spoken), BuddyNeed: klusbuddy.BuddyNeed(r.BuddyNeed),
		BuddyFirstJobs: r.BuddyFirstJobs, Skills: []klusbuddy.Skill{}}
	if r.Lat.Valid {
		w.HomePoint = &klusbuddy.Point{Lat: r.Lat.Float64, Lon: r.Lon.Float64}
	}
	for _, l := range r.Languages {
		w.Languages = append(w.Languages, klusbuddy.Language(l))
	}
	if r.MonthCap.Valid {
		n := int(r.MonthCap.Int64)
		w.MonthHourCap = &n
	}
	if r.YearCap.Valid {
		n := int(r.YearCap.Int64)
		w.YearHourCap = &n
	}
	const qs = `SELECT c.slug AS category, s.level, s.verified_at IS NOT NULL AS verified
FROM worker_skills s JOIN categories c ON c.id = s.category_id WHERE s.worker_id = $1 ORDER BY c.position, c.slug`
	if err := sqlx.SelectContext(ctx, q, &w.Skills, qs, id); err != nil {
		return nil, mapError(err)
	}
	var err error
	if w.Availability, w.Exceptions, err = loadAvailability(ctx, q, id); err != nil {
		return nil, err
	}
	return w, nil
}

func loadBuddy(ctx context.Context, q sqlx.QueryerContext, id int64) (*klusbuddy.BuddyProfile, error) {
	var r struct {
		Postcode     string         `db:"postcode"`
		Municipality string         `db:"municipality"`
		TravelMode   string         `db:"travel_mode"`
		MaxMinutes   int            `db:"max_travel_minutes"`
		Spoken       pq.StringArray `db:"spoken_languages"`
	}
	const qb = `SELECT postcode, municipality, travel_mode, max_travel_minutes, spoken_languages FROM buddy_profiles WHERE user_id = $1`
	if err := sqlx.GetContext(ctx, q, &r, qb, id); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil
		}
		return nil, mapError(err)
	}
	b := &klusbuddy.BuddyProfile{Postcode: r.Postcode, Municipality: r.Municipality, TravelMode: klusbuddy.TravelMode(r.TravelMode),
		MaxTravelMinutes: r.MaxMinutes, SpokenLanguages: []string(r.Spoken), Categories: []string{}}
	const qc = `SELECT c.slug FROM buddy_categories b JOIN categories c ON c.id = b.category_id WHERE b.buddy_id = $1 ORDER BY c.position, c.slug`
	if err := sqlx.SelectContext(ctx, q, &b.Categories, qc, id); err != nil {
		return nil, mapError(err)
	}
	var err error
	if b.Availability, b.Exceptions, err = loadAvailability(ctx, q, id); err != nil {
		return nil, err
	}
	return b, nil
}

func loadAvailability(ctx context.Context, q sqlx.QueryerContext, id int64) ([]klusbuddy.WeeklySlot, []klusbuddy.AvailabilityException, error) {
	slots := []klusbuddy.WeeklySlot{}
	const qa = `SELECT weekday, to_char(starts, 'HH24:MI') AS start, to_char(ends, 'HH24:MI') AS "end"
FROM availability WHERE user_id = $1 ORDER BY weekday, starts`
	if err := sqlx.SelectContext(ctx, q, &slots, qa, id); err != nil {
		return nil, nil, mapError(err)
	}
	ex := []klusbuddy.AvailabilityException{}
	const qe = `SELECT to_char(on_date, 'YYYY-MM-DD') AS date, available, coalesce(to_char(starts, 'HH24:MI'), '') AS start,
	coalesce(to_char(ends, 'HH24:MI'), '') AS "end" FROM availability_exceptions WHERE user_id = $1 ORDER BY on_date`
	if err := sqlx.SelectContext(ctx, q, &ex, qe, id); err != nil {
		return nil, nil, mapError(err)
	}
	return slots, ex, nil
}

func loadPoster(ctx context.Context, q sqlx.QueryerContext, id int64) (*klusbuddy.PosterProfile, error) {
	var r struct {
		Kind        string `db:"kind"`
		CompanyName string `db:"company_name"`
		VATNumber   string `db:"vat_number"`
	}
	const qp = `SELECT kind, coalesce(company_name, '') AS company_name, coalesce(vat_number, '') AS vat_number FROM poster_profiles WHERE user_id = $1`
	if err := sqlx.GetContext(ctx, q, &r, qp, id); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil
		}
		return nil, mapError(err)
	}
	p := &klusbuddy.PosterProfile{Kind: klusbuddy.PosterKind(r.Kind), CompanyName: r.CompanyName, VATNumber: r.VATNumber, Addresses: []klusbuddy.Address{}}
	const qa = `SELECT id, label, street, postcode, municipality, lat, lon FROM poster_addresses WHERE poster_id = $1 ORDER BY id`
	if err := sqlx.SelectContext(ctx, q, &p.Addresses, qa, id); err != nil {
		return nil, mapError(err)
	}
	return p, nil
}

// ListPeople returns the workers and buddies of an organisation matching f, with their area.
func (db *DB) ListPeople(ctx context.Context, orgID int64, f klusbuddy.PersonFilter) ([]klusbuddy.Person, error) {
	const q = `
SELECT u.id, u.role, u.first_name, u.last_name, coalesce(u.email, '') AS email, coalesce(u.phone, '') AS phone,
	u.language, u.created_at, u.activated_at IS NOT NULL AS active,
	coalesce(w.postcode, b.postcode, '') AS postcode, coalesce(w.municipality, b.municipality, '') AS municipality
FROM users u
LEFT JOIN worker_profiles w ON w.user_id = u.id
LEFT JOIN buddy_profiles b ON b.user_id = u.id
WHERE u.organisation_id = $1 AND u.role IN ('worker', 'buddy') AND u.deleted_at IS NULL
  AND ($2 = '' OR u.role = $2)
  AND ($3 = '' OR concat_ws(' ', u.first_name, u.last_name, u.email, u.phone, w.postcode, w.municipality, b.postcode, b.municipality) ILIKE '%' || $3 || '%')
ORDER BY u.first_name, u.last_name, u.id
LIMIT 500`
	query := strings.NewReplacer(`%`, `\%`, `_`, `\_`).Replace(strings.TrimSpace(f.Query))
	rows, err := db.x.QueryxContext(ctx, q, orgID, string(f.Role), query)
	if err != nil {
		return nil, mapError(err)
	}
	defer rows.Close()
	out := []klusbuddy.Person{}
	for rows.Next() {
		var r struct {
			ID           int64     `db:"id"`
			Role         string    `db:"role"`
			FirstName    string    `db:"first_name"`
			LastName     string    `db:"last_name"`
			Email        string    `db:"email"`
			Phone        string    `db:"phone"`
			Language     string    `db:"language"`
			CreatedAt    time.Time `db:"created_at"`
			Active       bool      `db:"active"`
			Postcode     string    `db:"postcode"`
			Municipality string    `db:"municipality"`
		}
		if err := rows.StructScan(&r); err != nil {
			return nil, err
		}
		p := klusbuddy.Person{User: klusbuddy.User{ID: r.ID, Role: klusbuddy.Role(r.Role), OrganisationID: orgID, FirstName: r.FirstName,
			LastName: r.LastName, Email: r.Email, Phone: r.Phone, Language: klusbuddy.Language(r.Language), CreatedAt: r.CreatedAt},
			Status: klusbuddy.StatusInvited}
		if r.Active {
			p.Status = klusbuddy.StatusActive
		}
		if p.Role == klusbuddy.RoleWorker {
			p.Worker = &klusbuddy.WorkerProfile{Postcode: r.Postcode, Municipality: r.Municipality}
		} else {
			p.Buddy = &klusbuddy.BuddyProfile{Postcode: r.Postcode, Municipality: r.Municipality}
		}
		out = append(out, p)
	}
	return out, mapError(rows.Err())
}

// CreatePerson stores a coordinator's new worker or buddy with their first invite, all or nothing.
func (db *DB) CreatePerson(ctx context.Context, orgID, createdBy int64, n klusbuddy.NewPerson, inviteHash []byte, inviteExpires time.Time) (klusbuddy.Person, error) {
	var p klusbuddy.Person
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := checkFree(ctx, tx, n.Role, n.Email, n.Phone, 0); err != nil {
			return err
		}
		const q = `
INSERT INTO users (role, organisation_id, first_name, last_name, email, phone, language)
VALUES ($1, $2, $3, $4, NULLIF($5, ''), NULLIF($6, ''), $7) RETURNING id`
		var id int64
		if err := tx.QueryRowContext(ctx, q, n.Role, orgID, n.FirstName, n.LastName, n.Email, n.Phone, n.Language).Scan(&id); err != nil {
			return err
		}
		klusbuddy.AuditFrom(ctx).SetSubject(id)
		var err error
		if n.Worker != nil {
			err = saveWorker(ctx, tx, id, n.Worker, createdBy)
		} else {
			err = saveBuddy(ctx, tx, id, n.Buddy)
		}
		if err != nil {
			return err
		}
		const qi = `INSERT INTO invites (user_id, token_hash, created_by, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)`
		if _, err := tx.ExecContext(ctx, qi, id, inviteHash, createdBy, inviteExpires, db.now()); err != nil {
			return err
		}
		p, err = loadPerson(ctx, tx, id)
		return err
	})
	return p, err
}

// saveWorker inserts or updates a worker's profile. Skills are upserted so that a skill that
// stays verified keeps when and by whom (actor, for a new verification) it was verified.
func saveWorker(ctx context.Context, tx *sqlx.Tx, id int64, w *klusbuddy.WorkerProfile, actor int64) error {
	var lat, lon *float64
	if w.HomePoint != nil {
		lat, lon = &w.HomePoint.Lat, &w.HomePoint.Lon
	}
	langs := make([]string, len(w.Languages))
	for i, l := range w.Languages {
		langs[i] = string(l)
	}
	const q = `
INSERT INTO worker_profiles (user_id, postcode, municipality, home_lat, home_lon, travel_mode, max_travel_minutes,
    languages, spoken_languages, buddy_need, buddy_first_jobs, month_hour_cap, year_hour_cap)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
ON CONFLICT (user_id) DO UPDATE SET postcode = EXCLUDED.postcode, municipality = EXCLUDED.municipality,
    home_lat = EXCLUDED.home_lat, home_lon = EXCLUDED.home_lon, travel_mode = EXCLUDED.travel_mode,
    max_travel_minutes = EXCLUDED.max_travel_minutes, languages = EXCLUDED.languages,
    spoken_languages = EXCLUDED.spoken_languages, buddy_need = EXCLUDED.buddy_need,
    buddy_first_jobs = EXCLUDED.buddy_first_jobs, month_hour_cap = EXCLUDED.month_hour_cap,
    year_hour_cap = EXCLUDED.year_hour_cap`
	if _, err := tx.ExecContext(ctx, q, id, w.Postcode, w.Municipality, lat, lon, w.TravelMode, w.MaxTravelMinutes,
		textArray(langs), textArray(w.SpokenLanguages), w.BuddyNeed, w.BuddyFirstJobs, w.MonthHourCap, w.YearHourCap); err != nil {
		return placeError(err, "worker.")
	}
	slugs := make([]string, len(w.Skills))
	for i, s := range w.Skills {
		slugs[i] = s.Category
	}
	const qd = `DELETE FROM worker_skills WHERE worker_id = $1 AND category_id NOT IN (SELECT id FROM categories WHERE slug = ANY($2))`
	if _, err := tx.ExecContext(ctx, qd, id, textArray(slugs)); err != nil {
		return err
	}
	var verifier *int64
	if actor != 0 {
		verifier = &actor
	}
	for i, s := range w.Skills {
		const qs = `
INSERT INTO worker_skills (worker_id, category_id, level, verified_at, verified_by)
SELECT $1, id, $3, CASE WHEN $4 THEN now() END, CASE WHEN $4 THEN $5::bigint END FROM categories WHERE slug = $2
ON CONFLICT (worker_id, category_id) DO UPDATE SET level = EXCLUDED.level,
    verified_at = CASE WHEN $4 THEN coalesce(worker_skills.verified_at, now()) END,
    verified_by = CASE WHEN $4 THEN coalesce(worker_skills.verified_by, $5::bigint) END`
		res, err := tx.ExecContext(ctx, qs, id, s.Category, s.Level, s.Verified, verifier)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return &klusbuddy.Error{Code: klusbuddy.EINVALID, Message: "Some fields are not valid.",
				Fields: map[string]string{fmt.Sprintf("worker.skills.%d.category", i): "There is no such category."}}
		}
	}
	return replaceAvailability(ctx, tx, id, w.Availability, w.Exceptions)
}

// saveBuddy inserts or updates a buddy's profile.
func saveBuddy(ctx context.Context, tx *sqlx.Tx, id int64, b *klusbuddy.BuddyProfile) error {
	const q = `
INSERT INTO buddy_profiles (user_id, postcode, municipality, travel_mode, max_travel_minutes, spoken_languages)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (user_id) DO UPDATE SET postcode = EXCLUDED.postcode, municipality = EXCLUDED.municipality,
    travel_mode = EXCLUDED.travel_mode, max_travel_minutes = EXCLUDED.max_travel_minutes,
    spoken_languages = EXCLUDED.spoken_languages`
	if _, err := tx.ExecContext(ctx, q, id, b.Postcode, b.Municipality, b.TravelMode, b.MaxTravelMinutes, textArray(b.SpokenLanguages)); err != nil {
		return placeError(err, "buddy.")
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM buddy_categories WHERE buddy_id = $1`, id); err != nil {
		return err
	}
	const qc = `INSERT INTO buddy_categories (buddy_id, category_id) SELECT $1, id FROM categories WHERE slug = ANY($2)`
	res, err := tx.ExecContext(ctx, qc, id, textArray(b.Categories))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); int(n) != len(b.Categories) {
		return &klusbuddy.Error{Code: klusbuddy.EINVALID, Message: "Some fields are not valid.",
			Fields: map[string]string{"buddy.categories": "There is no such category."}}
	}
	return replaceAvailability(ctx, tx, id, b.Availability, b.Exceptions)
}

// replaceAvailability replaces someone's week and exceptions, each in one statement.
func replaceAvailability(ctx context.Context, tx *sqlx.Tx, id int64, slots []klusbuddy.WeeklySlot, ex []klusbuddy.AvailabilityException) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM availability WHERE user_id = $1`, id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM availability_exceptions WHERE user_id = $1`, id); err != nil {
		return err
	}
	days, starts, ends := make([]int64, len(slots)), make([]string, len(slots)), make([]string, len(slots))
	for i, s := range slots {
		days[i], starts[i], ends[i] = int64(s.Weekday), s.Start, s.End
	}
	const qa = `INSERT INTO availability (user_id, weekday, starts, ends)
SELECT $1, d, s, e FROM unnest($2::int[], $3::time[], $4::time[]) AS t(d, s, e)`
	if _, err := tx.ExecContext(ctx, qa, id, pq.Array(days), pq.Array(starts), pq.Array(ends)); err != nil {
		return err
	}
	dates, avail := make([]string, len(ex)), make([]bool, len(ex))
	exStarts, exEnds := make([]string, len(ex)), make([]string, len(ex))
	for i, e := range ex {
		dates[i], avail[i], exStarts[i], exEnds[i] = e.Date, e.Available, e.Start, e.End
	}
	const qe = `INSERT INTO availability_exceptions (user_id, on_date, available, starts, ends)
SELECT $1, d, a, NULLIF(s, '')::time, NULLIF(e, '')::time FROM unnest($2::date[], $3::bool[], $4::text[], $5::text[]) AS t(d, a, s, e)`
	_, err := tx.ExecContext(ctx, qe, id, pq.Array(dates), pq.Array(avail), pq.Array(exStarts), pq.Array(exEnds))
	return err
}

// placeError turns an unknown postcode/municipality pair into a field error.
func placeError(err error, prefix string) error {
	var pqErr *pq.Error
	if errors.As(err, &pqErr) && pqErr.Code == "23503" && strings.Contains(pqErr.Constraint, "postcode") {
		return &klusbuddy.Error{Code: klusbuddy.EINVALID, Message: "Some fields are not valid.",
			Fields: map[string]string{prefix + "municipality": "This municipality does not have this postcode."}}
	}
	return err
}

// SavePerson stores p's user fields and the profile of their role, all or nothing, if p is
// still the version that was read: an edit made meanwhile by someone else is a conflict, never
// silently overwritten. actor is who saves (for the skills they verify).
func (db *DB) SavePerson(ctx context.Context, p klusbuddy.Person, actor int64) (klusbuddy.Person, error) {
	var out klusbuddy.Person
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := checkFree(ctx, tx, p.Role, p.Email, p.Phone, p.ID); err != nil {
			return err
		}
		const q = `UPDATE users SET first_name = $2, last_name = $3, email = NULLIF($4, ''), phone = NULLIF($5, ''), language = $6,
    version = version + 1
WHERE id = $1 AND version = $7 AND deleted_at IS NULL`
		res, err := tx.ExecContext(ctx, q, p.ID, p.FirstName, p.LastName, p.Email, p.Phone, p.Language, p.Version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return klusbuddy.Errorf(klusbuddy.ECONFLICT, "Someone else changed this meanwhile; reload it and make your change again.")
		}
		switch {
		case p.Worker != nil:
			err = saveWorker(ctx, tx, p.ID, p.Worker, actor)
		case p.Buddy != nil:
			err = saveBuddy(ctx, tx, p.ID, p.Buddy)
		case p.Poster != nil:
			const qp = `UPDATE poster_profiles SET company_name = NULLIF($2, ''), vat_number = NULLIF($3, '') WHERE user_id = $1`
			_, err = tx.ExecContext(ctx, qp, p.ID, p.Poster.CompanyName, p.Poster.VATNumber)
		}
		if err != nil {
			return err
		}
		out, err = loadPerson(ctx, tx, p.ID)
		return err
	})
	return out, err
}

// AddAddress stores an address for a poster, its point taken from the postcode table.
func (db *DB) AddAddress(ctx context.Context, posterID int64, a klusbuddy.Address) (klusbuddy.Address, error) {
	const q = `
INSERT INTO poster_addresses (poster_id, label, street, postcode, municipality, lat, lon)
SELECT $1, $2, $3, postcode, municipality, lat, lon FROM postcodes WHERE postcode = $4 AND municipality = $5
RETURNING id, label, street, postcode, municipality, lat, lon`
	var out klusbuddy.Address
	if err := db.x.GetContext(ctx, &out, q, posterID, a.Label, a.Street, a.Postcode, a.Municipality); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return out, &klusbuddy.Error{Code: klusbuddy.EINVALID, Message: "Some fields are not valid.",
				Fields: map[string]string{"municipality": "This municipality does not have this postcode."}}
		}
		return out, mapError(err)
	}
	return out, nil
}

// DeleteAddress removes one of the poster's addresses; ENOTFOUND when it is not theirs.
func (db *DB) DeleteAddress(ctx context.Context, posterID, id int64) error {
	res, err := db.x.ExecContext(ctx, `DELETE FROM poster_addresses WHERE id = $1 AND poster_id = $2`, id, posterID)
	if err != nil {
		return mapError(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such address.")
	}
	return nil
}

// Erase wipes a user's personal data and signs them out everywhere, all in one transaction.
// What they still had to do is released first, the way they would release it themselves: a
// worker drops out of the jobs to come (the poster is told), a buddy drops out of the
// accompaniments to come (the worker is told), a poster cancels the jobs to come (the workers
// are told), each within window of the start recorded as late; their open offers and requests
// are withdrawn. Their history stays, anonymised, so that it still counts in the impact
// figures: the user row, the profile (the postcode area, no home point, no free text), the
// addresses jobs were done at (the postcode area only), jobs (without their description),
// places, offers, transitions and drop-outs.
func (db *DB) Erase(ctx context.Context, id int64, window time.Duration) (klusbuddy.Released, error) {
	var rel klusbuddy.Released
	now := db.now()
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		var late bool // recorded with each drop-out and cancellation; the erasure does not answer it
		// A place released meanwhile (by a second erasure, a cancellation) is passed over: those
		// paths find it gone before they write anything.
		gone := func(err error) bool { return klusbuddy.ErrorCode(err) == klusbuddy.ENOTFOUND }
		var jobs []int64
		const qw = `SELECT job_id FROM assignments WHERE worker_id = $1 AND lower(during) > $2 ORDER BY job_id`
		if err := tx.SelectContext(ctx, &jobs, qw, id, now); err != nil {
			return err
		}
		for _, j := range jobs {
			if err := dropOut(ctx, id, j, window, now, &late)(tx); err != nil && !gone(err) {
				return err
			}
		}
		var offered []int64
		const qo = `UPDATE offers SET state = 'withdrawn', answered_at = $2 WHERE worker_id = $1 AND state = 'pending' RETURNING job_id`
		if err := tx.SelectContext(ctx, &offered, qo, id, now); err != nil {
			return err
		}
		rel.Jobs = append(jobs, offered...)

		var accompanied []int64
		const qb = `SELECT id FROM assignments WHERE buddy_id = $1 AND lower(during) > $2 ORDER BY job_id, id`
		if err := tx.SelectContext(ctx, &accompanied, qb, id, now); err != nil {
			return err
		}
		for _, a := range accompanied {
			var jobID int64
			if err := buddyDropOut(ctx, id, a, window, now, &jobID, &late)(tx); err != nil && !gone(err) {
				return err
			}
		}
		var asked []int64
		const qr = `UPDATE buddy_requests SET state = 'withdrawn', answered_at = $2 WHERE buddy_id = $1 AND state = 'pending'
RETURNING assignment_id`
		if err := tx.SelectContext(ctx, &asked, qr, id, now); err != nil {
			return err
		}
		rel.Assignments = append(accompanied, asked...)

		var posted []int64
		const qp = `SELECT id FROM jobs WHERE poster_id = $1 AND lower(during) > $2 AND state IN ('open', 'offering', 'filled', 'unfilled')
ORDER BY id`
		if err := tx.SelectContext(ctx, &posted, qp, id, now); err != nil {
			return err
		}
		for _, j := range posted {
			// A job that moved on meanwhile (started, cancelled) is refused before anything is written.
			err := cancelJob(ctx, j, id, klusbuddy.RolePoster, window, now, &late)(tx)
			if err != nil && !gone(err) && klusbuddy.ErrorCode(err) != klusbuddy.ECONFLICT {
				return err
			}
		}

		for _, stmt := range []string{
			// No way in, nothing to deliver (push subscriptions and pushes go with the sessions).
			`DELETE FROM sessions WHERE user_id = $1`, `DELETE FROM invites WHERE user_id = $1`,
			`DELETE FROM push_subscriptions WHERE user_id = $1`, `DELETE FROM idempotency_keys WHERE user_id = $1`,
			`DELETE FROM notification_queue WHERE user_id = $1`, `DELETE FROM notifications WHERE user_id = $1`,
			`DELETE FROM signin_throttle t USING users u WHERE u.id = $1 AND t.key IN ('login:' || lower(u.email), 'login:' || u.phone)`,
			// What matching knew of them, and "never again" either way: nobody is matched with them again.
			`DELETE FROM availability WHERE user_id = $1`, `DELETE FROM availability_exceptions WHERE user_id = $1`,
			`DELETE FROM blocks WHERE poster_id = $1 OR person_id = $1`,
			// Feedback from and about them (comments are personal; the answers' signal goes with them).
			`DELETE FROM feedback WHERE from_id = $1 OR about_id = $1`,
			`DELETE FROM blocks WHERE poster_id = $1 OR person_id = $1`, `DELETE FROM favourites WHERE poster_id = $1 OR worker_id = $1`,
			// Their calendar feed and what was in it (after the releases above, which mark entries left).
			`DELETE FROM calendar_feeds WHERE user_id = $1`, `DELETE FROM calendar_entries WHERE user_id = $1`,
			// The rows their history hangs on stay, with nothing personal.
			`UPDATE worker_profiles SET home_lat = NULL, home_lon = NULL, spoken_languages = '{}', buddy_need = 'never',
			 buddy_first_jobs = 0, month_hour_cap = NULL, year_hour_cap = NULL, erased_at = $2 WHERE user_id = $1`,
			`UPDATE buddy_profiles SET spoken_languages = '{}', erased_at = $2 WHERE user_id = $1`,
			`UPDATE poster_profiles SET company_name = NULL, vat_number = NULL, erased_at = $2 WHERE user_id = $1`,
			`DELETE FROM poster_addresses a WHERE poster_id = $1 AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.address_id = a.id)`,
			`UPDATE poster_addresses a SET label = '', street = '', lat = p.lat, lon = p.lon, erased_at = $2
			 FROM postcodes p WHERE a.poster_id = $1 AND p.postcode = a.postcode AND p.municipality = a.municipality`,
			`UPDATE jobs SET description = '' WHERE poster_id = $1`,
			// Where their phone was on the day, and what their coach wrote about them.
			`UPDATE attendance SET in_lat = NULL, in_lon = NULL, in_accuracy = NULL, out_lat = NULL, out_lon = NULL, out_accuracy = NULL
			 WHERE person_id = $1`,
			`UPDATE safety_reports SET lat = NULL, lon = NULL, accuracy = NULL, follow_up = CASE WHEN follow_up IS NOT NULL THEN '-' END
			 WHERE person_id = $1`,
			// Their hours stay (impact, pay); what was written about them or by them does not.
			`UPDATE timesheets SET reason = CASE WHEN reason IS NOT NULL THEN '-' END,
			 dispute_reason = CASE WHEN dispute_reason IS NOT NULL THEN '-' END,
			 decision_note = CASE WHEN decision_note IS NOT NULL THEN '-' END WHERE person_id = $1`,
			`UPDATE timesheet_steps s SET text = '-' FROM timesheets t WHERE t.id = s.sheet_id AND t.person_id = $1 AND s.text IS NOT NULL`,
			// Their place on the follow-up list and their coaches' notes about them.
			`DELETE FROM follow_up_actions WHERE person_id = $1`, `DELETE FROM follow_ups WHERE person_id = $1`,
			`UPDATE users SET first_name = '-', last_name = '', email = NULL, phone = NULL, secret_hash = NULL,
			 secret_kind = NULL, deleted_at = $2, version = version + 1 WHERE id = $1 AND deleted_at IS NULL`,
		} {
			args := []any{id}
			if strings.Contains(stmt, "$2") { // the erasure's time
				args = append(args, now)
			}
			if _, err := tx.ExecContext(ctx, stmt, args...); err != nil {
				return err
			}
		}
		return nil
	})
	slices.Sort(rel.Jobs)
	rel.Jobs = slices.Compact(rel.Jobs)
	slices.Sort(rel.Assignments)
	rel.Assignments = slices.Compact(rel.Assignments)
	return rel, err
}

// SearchPlaces finds postcodes by number prefix or municipality name prefix.
func (db *DB) SearchPlaces(ctx context.Context, q string) ([]klusbuddy.Place, error) {
	q = strings.TrimSpace(q)
	out := []klusbuddy.Place{}
	if q == "" {
		return out, nil
	}
	q = strings.NewReplacer(`%`, `\%`, `_`, `\_`).Replace(q)
	const query = `
SELECT postcode, municipality, lat, lon FROM postcodes
WHERE postcode LIKE $1 || '%' OR municipality ILIKE $1 || '%' OR main_municipality ILIKE $1 || '%'
ORDER BY postcode, municipality LIMIT 20`
	err := db.x.SelectContext(ctx, &out, query, q)
	return out, mapError(err)
}

// NearestPlace returns the postcode area whose point is nearest to p (an equirectangular
// distance, exact enough at Belgium's size).
func (db *DB) NearestPlace(ctx context.Context, p klusbuddy.Point) (klusbuddy.Place, error) {
	const q = `
SELECT postcode, municipality, lat, lon FROM postcodes
ORDER BY power(lat - $1, 2) + power((lon - $2) * cos(radians($1)), 2) LIMIT 1`
	var out klusbuddy.Place
	err := db.x.GetContext(ctx, &out, q, p.Lat, p.Lon)
	return out, mapError(err)
}
