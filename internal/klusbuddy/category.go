package klusbuddy

import (
	"context"
	"regexp"
	"slices"
	"strings"
)

// Unit is what a category's unit price is counted in.
type Unit string

const (
	PerHour Unit = "hour"
	PerItem Unit = "item"
)

// Category is a kind of job from the catalogue, with one transparent unit price so that every
// poster pays the same for the same work.
type Category struct {
	ID             int64
	Slug           string // stable key used by the PWA and in URLs
	Icon           string // icon name the PWA knows (broom, toolbox, leaf, …)
	Names          Localized
	Unit           Unit
	UnitPriceCents int // euro cents, VAT included
	VATRate        int // the VAT rate included in the price, percent (VATRates); jobs keep the one they were posted at
	Active         bool
}

var slugPattern = regexp.MustCompile(`^[a-z][a-z0-9-]{1,39}$`)

// Validate checks a category before it is stored.
func (c Category) Validate() error {
	fe := FieldErrors{}
	if !slugPattern.MatchString(c.Slug) {
		fe.Add("slug", "Use 2 to 40 lower-case letters, digits or hyphens, starting with a letter.")
	}
	if !slugPattern.MatchString(c.Icon) {
		fe.Add("icon", "Choose an icon name.")
	}
	for lang, name := range map[string]string{"nl": c.Names.NL, "fr": c.Names.FR, "en": c.Names.EN} {
		n := strings.TrimSpace(name)
		if n == "" {
			fe.Add("names."+lang, "Give a name in this language.")
		} else if len([]rune(n)) > 60 {
			fe.Add("names."+lang, "Use at most 60 characters.")
		}
	}
	// Turkish and Arabic names are optional: without one the interface shows the Dutch name.
	for lang, name := range map[string]string{"tr": c.Names.TR, "ar": c.Names.AR} {
		if len([]rune(strings.TrimSpace(name))) > 60 {
			fe.Add("names."+lang, "Use at most 60 characters.")
		}
	}
	if c.Unit != PerHour && c.Unit != PerItem {
		fe.Add("unit", `Choose "hour" or "item".`)
	}
	if c.UnitPriceCents <= 0 || c.UnitPriceCents > 100000 {
		fe.Add("unit_price_cents", "Give a price between 0.01 and 1000.00 euro.")
	}
	if !slices.Contains(VATRates, c.VATRate) {
		fe.Add("vat_rate", "Choose a VAT rate of 0, 6, 12 or 21 percent.")
	}
	return fe.Err()
}

// CategoryService reads the category catalogue.
type CategoryService interface {
	// ListCategories returns the active categories, in catalogue order.
	ListCategories(ctx context.Context) ([]Category, error)
}

// CategoryAdmin lets admins keep the catalogue and its unit prices.
type CategoryAdmin interface {
	AllCategories(ctx context.Context, actor Principal) ([]Category, error)
	CreateCategory(ctx context.Context, actor Principal, c Category) (Category, error)
	// UpdateCategory stores c over the category slug names; the slug itself never changes.
	UpdateCategory(ctx context.Context, actor Principal, slug string, c Category) (Category, error)
}
