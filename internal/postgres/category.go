package postgres

import (
	"github.com/jmoiron/sqlx"

	"context"
	"database/sql"
	"errors"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

type categoryRow struct {
	ID             int64  `db:"id"`
	Slug           string `db:"slug"`
	Icon           string `db:"icon"`
	NameNL         string `db:"name_nl"`
	NameFR         string `db:"name_fr"`
	NameEN         string `db:"name_en"`
	NameTR         string `db:"name_tr"`
	NameAR         string `db:"name_ar"`
	Unit           string `db:"unit"`
	UnitPriceCents int    `db:"unit_price_cents"`
	VATRate        int    `db:"vat_rate"`
	Active         bool   `db:"active"`
}

func (r categoryRow) category() klusbuddy.Category {
	return klusbuddy.Category{
		ID: r.ID, Slug: r.Slug, Icon: r.Icon,
		Names: klusbuddy.Localized{NL: r.NameNL, FR: r.NameFR, EN: r.NameEN, TR: r.NameTR, AR: r.NameAR},
		Unit:  klusbuddy.Unit(r.Unit), UnitPriceCents: r.UnitPriceCents, VATRate: r.VATRate, Active: r.Active,
	}
}

// ListCategories returns the active categories in catalogue order.
func (db *DB) ListCategories(ctx context.Context) ([]klusbuddy.Category, error) {
	const q = `
SELECT id, slug, icon, name_nl, name_fr, name_en, name_tr, name_ar, unit, unit_price_cents, vat_rate, active
FROM categories
WHERE active
ORDER BY position, slug`
	var rows []categoryRow
	if err := db.x.SelectContext(ctx, &rows, q); err != nil {
		return nil, mapError(err)
	}
	out := make([]klusbuddy.Category, len(rows))
	for i, r := range rows {
		out[i] = r.category()
	}
	return out, nil
}

// AllCategories returns every category, inactive ones too, in catalogue order.
func (db *DB) AllCategories(ctx context.Context) ([]klusbuddy.Category, error) {
	var rows []categoryRow
	if err := db.x.SelectContext(ctx, &rows, `SELECT id, slug, icon, name_nl, name_fr, name_en, name_tr, name_ar, unit, unit_price_cents, vat_rate, active
FROM categories ORDER BY position, slug`); err != nil {
		return nil, mapError(err)
	}
	out := make([]klusbuddy.Category, len(rows))
	for i, r := range rows {
		out[i] = r.category()
	}
	return out, nil
}

// CategoryBySlug returns one category; ENOTFOUND when there is none.
func (db *DB) CategoryBySlug(ctx context.Context, slug string) (klusbuddy.Category, error) {
	var r categoryRow
	err := db.x.GetContext(ctx, &r, `SELECT id, slug, icon, name_nl, name_fr, name_en, name_tr, name_ar, unit, unit_price_cents, vat_rate, active FROM categories WHERE slug = $1`, slug)
	if errors.Is(err, sql.ErrNoRows) {
		return klusbuddy.Category{}, klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such category.")
	}
	return r.category(), mapError(err)
}

// CreateCategory adds a category at the end of the catalogue; a slug in use is a conflict.
func (db *DB) CreateCategory(ctx context.Context, c klusbuddy.Category) (klusbuddy.Category, error) {
	const q = `INSERT INTO categories (slug, icon, name_nl, name_fr, name_en, unit, unit_price_cents, position, active, vat_rate, name_tr, name_ar)
VALUES ($1, $2, $3, $4, $5, $6, $7, (SELECT coalesce(max(position), 0) + 1 FROM categories), $8, $9, $10, $11)
ON CONFLICT (slug) DO NOTHING RETURNING id`
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, q, c.Slug, c.Icon, c.Names.NL, c.Names.FR, c.Names.EN, c.Unit, c.UnitPriceCents, c.Active, c.VATRate, c.Names.TR, c.Names.AR).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return &klusbuddy.Error{Code: klusbuddy.ECONFLICT, Reason: "exists", Message: "Some fields are not valid.",
				Fields: map[string]string{"slug": "This slug is in use; choose another."}}
		}
		klusbuddy.AuditFrom(ctx).SetSubject(id)
		return err
	})
	if err != nil {
		return klusbuddy.Category{}, err
	}
	return db.CategoryBySlug(ctx, c.Slug)
}

// UpdateCategory stores c over the category with its slug. Jobs keep the price they were
// posted at, and its VAT rate.
func (db *DB) UpdateCategory(ctx context.Context, c klusbuddy.Category) (klusbuddy.Category, error) {
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, `UPDATE categories SET icon = $2, name_nl = $3, name_fr = $4, name_en = $5, unit = $6,
    unit_price_cents = $7, active = $8, updated_at = $9, vat_rate = $10, name_tr = $11, name_ar = $12 WHERE slug = $1 RETURNING id`,
			c.Slug, c.Icon, c.Names.NL, c.Names.FR, c.Names.EN, c.Unit, c.UnitPriceCents, c.Active, db.now(), c.VATRate, c.Names.TR, c.Names.AR).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such category.")
		}
		klusbuddy.AuditFrom(ctx).SetSubject(id)
		return err
	})
	if err != nil {
		return klusbuddy.Category{}, err
	}
	return db.CategoryBySlug(ctx, c.Slug)
}
