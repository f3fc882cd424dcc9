package postgres

import (
	"context"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

type categoryRow struct {
	ID             int64  `db:"id"`
	Slug           string `db:"slug"`
	Icon           string `db:"icon"`
	NameNL         string `db:"name_nl"`
	NameFR         string `db:"name_fr"`
	NameEN         string `db:"name_en"`
	Unit           string `db:"unit"`
	UnitPriceCents int    `db:"unit_price_cents"`
	Active         bool   `db:"active"`
}

func (r categoryRow) category() klusbuddy.Category {
	return klusbuddy.Category{
		ID: r.ID, Slug: r.Slug, Icon: r.Icon,
		Names: klusbuddy.Localized{NL: r.NameNL, FR: r.NameFR, EN: r.NameEN},
		Unit:  klusbuddy.Unit(r.Unit), UnitPriceCents: r.UnitPriceCents, Active: r.Active,
	}
}

// ListCategories returns the active categories in catalogue order.
func (db *DB) ListCategories(ctx context.Context) ([]klusbuddy.Category, error) {
	const q = `
SELECT id, slug, icon, name_nl, name_fr, name_en, unit, unit_price_cents, active
FROM categories
WHERE active
ORDER BY position, slug`
	var rows []categoryRow
	if err := db.SelectContext(ctx, &rows, q); err != nil {
		return nil, mapError(err)
	}
	out := make([]klusbuddy.Category, len(rows))
	for i, r := range rows {
		out[i] = r.category()
	}
	return out, nil
}
