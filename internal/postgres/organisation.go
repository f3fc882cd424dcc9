package postgres

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// ListOrganisations returns every organisation by name.
func (db *DB) ListOrganisations(ctx context.Context) ([]klusbuddy.Organisation, error) {
	const q = `SELECT id, slug, name, municipality, month_hour_cap, year_hour_cap, shared_pool FROM organisations ORDER BY name`
	rows, err := db.x.QueryContext(ctx, q)
	if err != nil {
		return nil, mapError(err)
	}
	defer rows.Close()
	out := []klusbuddy.Organisation{}
	for rows.Next() {
		var o klusbuddy.Organisation
		if err := rows.Scan(&o.ID, &o.Slug, &o.Name, &o.Municipality, &o.MonthHourCap, &o.YearHourCap, &o.SharedPool); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, mapError(rows.Err())
}

// CreateOrganisation stores a new organisation; a slug in use is a field error.
func (db *DB) CreateOrganisation(ctx context.Context, o klusbuddy.Organisation) (klusbuddy.Organisation, error) {
	const q = `
INSERT INTO organisations (slug, name, municipality, month_hour_cap, year_hour_cap, shared_pool)
VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (slug) DO NOTHING RETURNING id`
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		err := tx.QueryRowContext(ctx, q, o.Slug, o.Name, o.Municipality, o.MonthHourCap, o.YearHourCap, o.SharedPool).Scan(&o.ID)
		if errors.Is(err, sql.ErrNoRows) { // ON CONFLICT DO NOTHING: the slug is taken
			return &klusbuddy.Error{Code: klusbuddy.ECONFLICT, Message: "This organisation exists already.",
				Fields: map[string]string{"slug": "This short name is taken."}}
		}
		klusbuddy.AuditFrom(ctx).SetSubject(o.ID)
		klusbuddy.AuditFrom(ctx).SetOrganisation(o.ID)
		return err
	})
	return o, err
}

// CreateStaff stores an invited coordinator or admin with their invite, all or nothing.
func (db *DB) CreateStaff(ctx context.Context, u klusbuddy.User, createdBy int64, inviteHash []byte, expires time.Time) (int64, error) {
	var id int64
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := checkFree(ctx, tx, u.Role, u.Email, u.Phone, 0); err != nil {
			return err
		}
		var org *int64
		if u.OrganisationID != 0 {
			org = &u.OrganisationID
		}
		const q = `
INSERT INTO users (role, organisation_id, first_name, last_name, email, phone, language)
VALUES ($1, $2, $3, $4, $5, NULLIF($6, ''), $7) RETURNING id`
		if err := tx.QueryRowContext(ctx, q, u.Role, org, u.FirstName, u.LastName, u.Email, u.Phone, u.Language).Scan(&id); err != nil {
			return err
		}
		klusbuddy.AuditFrom(ctx).SetSubject(id)
		klusbuddy.AuditFrom(ctx).SetOrganisation(u.OrganisationID)
		_, err := tx.ExecContext(ctx, `INSERT INTO invites (user_id, token_hash, created_by, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)`,
			id, inviteHash, createdBy, expires, db.now())
		return err
	})
	return id, err
}
