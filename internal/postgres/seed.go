package postgres

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// IsEmpty reports whether the database holds no organisations, categories or users yet: the
// moment to load demo data.
func (db *DB) IsEmpty(ctx context.Context) (bool, error) {
	const q = `SELECT NOT EXISTS (SELECT 1 FROM organisations)
	              AND NOT EXISTS (SELECT 1 FROM categories)
	              AND NOT EXISTS (SELECT 1 FROM users)`
	var empty bool
	err := db.x.QueryRowContext(ctx, q).Scan(&empty)
	return empty, mapError(err)
}

// Seed loads a complete data set in one transaction: all of it or nothing. Its history, if
// any, is written relative to the clock (db.Now).
func (db *DB) Seed(ctx context.Context, data klusbuddy.SeedData) error {
	return db.inTx(ctx, func(tx *sqlx.Tx) error {
		orgIDs := map[string]int64{}
		for _, o := range data.Organisations {
			const q = `
INSERT INTO organisations (slug, name, municipality, month_hour_cap, year_hour_cap, shared_pool)
VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`
			var id int64
			if err := tx.QueryRowContext(ctx, q, o.Slug, o.Name, o.Municipality, o.MonthHourCap, o.YearHourCap, o.SharedPool).Scan(&id); err != nil {
				return fmt.Errorf("organisation %s: %w", o.Slug, err)
			}
			orgIDs[o.Slug] = id
		}
		catIDs := map[string]int64{}
		for i, c := range data.Categories {
			if err := c.Validate(); err != nil {
				return fmt.Errorf("category %s: %w", c.Slug, err)
			}
			const q = `
INSERT INTO categories (slug, icon, name_nl, name_fr, name_en, unit, unit_price_cents, position, active, name_tr, name_ar)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`
			var id int64
			if err := tx.QueryRowContext(ctx, q, c.Slug, c.Icon, c.Names.NL, c.Names.FR, c.Names.EN, c.Unit, c.UnitPriceCents, i, c.Active, c.Names.TR, c.Names.AR).Scan(&id); err != nil {
				return fmt.Errorf("category %s: %w", c.Slug, err)
			}
			catIDs[c.Slug] = id
		}
		for _, p := range data.People {
			if err := seedPerson(ctx, tx, p, orgIDs, catIDs, data.PasswordHash, data.PINHash); err != nil {
				return fmt.Errorf("%s %s %s: %w", p.Role, p.FirstName, p.LastName, err)
			}
		}
		if data.History != nil {
			return seedHistory(ctx, tx, data.History, db.now())
		}
		return nil
	})
}

func seedPerson(ctx context.Context, tx *sqlx.Tx, p klusbuddy.Person, orgIDs, catIDs map[string]int64, passwordHash, pinHash string) error {
	var orgID *int64
	if p.OrganisationSlug != "" {
		id, ok := orgIDs[p.OrganisationSlug]
		if !ok {
			return fmt.Errorf("unknown organisation %q", p.OrganisationSlug)
		}
		orgID = &id
	}
	hash, kind := passwordHash, klusbuddy.SecretPassword
	if p.Role == klusbuddy.RoleWorker || p.Role == klusbuddy.RoleBuddy {
		hash, kind = pinHash, klusbuddy.SecretPIN
	}
	const qUser = `
INSERT INTO users (role, organisation_id, first_name, last_name, email, phone, language, secret_hash, secret_kind, activated_at)
VALUES ($1, $2, $3, $4, NULLIF($5, ''), NULLIF($6, ''), $7, NULLIF($8, ''), CASE WHEN $8 <> '' THEN $9 END,
        CASE WHEN $8 <> '' THEN now() END)
RETURNING id`
	var userID int64
	if err := tx.QueryRowContext(ctx, qUser, p.Role, orgID, p.FirstName, p.LastName, p.Email, p.Phone, p.Language, hash, kind).Scan(&userID); err != nil {
		return err
	}
	catID := func(slug string) (int64, error) {
		id, ok := catIDs[slug]
		if !ok {
			return 0, fmt.Errorf("unknown category %q", slug)
		}
		return id, nil
	}
	switch {
	case p.Worker != nil:
		w := p.Worker
		var lat, lon *float64
		if w.HomePoint != nil {
			lat, lon = &w.HomePoint.Lat, &w.HomePoint.Lon
		}
		const q = `
INSERT INTO worker_profiles (user_id, postcode, municipality, home_lat, home_lon, travel_mode,
    max_travel_minutes, languages, spoken_languages, buddy_need, buddy_first_jobs)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`
		if _, err := tx.ExecContext(ctx, q, userID, w.Postcode, w.Municipality, lat, lon, w.TravelMode,
			w.MaxTravelMinutes, pq.Array(w.Languages), textArray(w.SpokenLanguages), w.BuddyNeed, w.BuddyFirstJobs); err != nil {
			return err
		}
		for _, s := range w.Skills {
			id, err := catID(s.Category)
			if err != nil {
				return err
			}
			const q = `
INSERT INTO worker_skills (worker_id, category_id, level, verified_at)
VALUES ($1, $2, $3, CASE WHEN $4 THEN now() END)`
			if _, err := tx.ExecContext(ctx, q, userID, id, s.Level, s.Verified); err != nil {
				return err
			}
		}
		if err := replaceAvailability(ctx, tx, userID, w.Availability, w.Exceptions); err != nil {
			return err
		}
	case p.Buddy != nil:
		b := p.Buddy
		const q = `
INSERT INTO buddy_profiles (user_id, postcode, municipality, travel_mode, max_travel_minutes, spoken_languages)
VALUES ($1, $2, $3, $4, $5, $6)`
		if _, err := tx.ExecContext(ctx, q, userID, b.Postcode, b.Municipality, b.TravelMode, b.MaxTravelMinutes, textArray(b.SpokenLanguages)); err != nil {
			return err
		}
		for _, slug := range b.Categories {
			id, err := catID(slug)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO buddy_categories (buddy_id, category_id) VALUES ($1, $2)`, userID, id); err != nil {
				return err
			}
		}
		if err := replaceAvailability(ctx, tx, userID, b.Availability, b.Exceptions); err != nil {
			return err
		}
	case p.Poster != nil:
		pp := p.Poster
		const q = `INSERT INTO poster_profiles (user_id, kind, company_name, vat_number) VALUES ($1, $2, NULLIF($3, ''), NULLIF($4, ''))`
		if _, err := tx.ExecContext(ctx, q, userID, pp.Kind, pp.CompanyName, pp.VATNumber); err != nil {
			return err
		}
		for _, a := range pp.Addresses {
			// The point comes from the postcode table, so an address is always on the map.
			const q = `
INSERT INTO poster_addresses (poster_id, label, street, postcode, municipality, lat, lon)
SELECT $1, $2, $3, postcode, municipality, lat, lon FROM postcodes WHERE postcode = $4 AND municipality = $5`
			res, err := tx.ExecContext(ctx, q, userID, a.Label, a.Street, a.Postcode, a.Municipality)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return fmt.Errorf("unknown postcode %s %s", a.Postcode, a.Municipality)
			}
		}
	}
	return nil
}

// Counts returns how many rows some tables hold, for the summary printed after seeding.
func (db *DB) Counts(ctx context.Context) (map[string]int, error) {
	const q = `
SELECT 'organisations' AS what, count(*) AS n FROM organisations
UNION ALL SELECT 'categories', count(*) FROM categories
UNION ALL SELECT 'jobs', count(*) FROM jobs
UNION ALL SELECT role, count(*) FROM users GROUP BY role`
	rows, err := db.x.QueryContext(ctx, q)
	if err != nil {
		return nil, mapError(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var what string
		var n int
		if err := rows.Scan(&what, &n); err != nil {
			return nil, err
		}
		out[what] = n
	}
	return out, mapError(rows.Err())
}

// textArray binds a string slice as a text[]; nil becomes an empty array, not NULL.
func textArray(s []string) any {
	if s == nil {
		s = []string{}
	}
	return pq.Array(s)
}
