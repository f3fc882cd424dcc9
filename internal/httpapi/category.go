package httpapi

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

type categoryJSON struct {
	Slug           string              `json:"slug"`
	Icon           string              `json:"icon"`
	Names          klusbuddy.Localized `json:"names"`
	Unit           klusbuddy.Unit      `json:"unit"`
	UnitPriceCents int                 `json:"unit_price_cents"`
	Currency       string              `json:"currency"`
}

// listCategories answers the public price list: everyone may see what a job costs before
// signing up. Names come in every language so that the app can switch without asking again.
func (s *Server) listCategories(w http.ResponseWriter, r *http.Request) {
	cats, err := s.deps.Categories.ListCategories(r.Context())
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	out := make([]categoryJSON, len(cats))
	for i, c := range cats {
		out[i] = categoryJSON{Slug: c.Slug, Icon: c.Icon, Names: c.Names, Unit: c.Unit, UnitPriceCents: c.UnitPriceCents, Currency: "EUR"}
	}
	writeJSON(w, http.StatusOK, map[string]any{"categories": out})
}

type adminCategoryJSON struct {
	categoryJSON
	Active  bool `json:"active"`
	VATRate int  `json:"vat_rate"`
}

func toAdminCategoryJSON(c klusbuddy.Category) adminCategoryJSON {
	return adminCategoryJSON{categoryJSON{Slug: c.Slug, Icon: c.Icon, Names: c.Names, Unit: c.Unit, UnitPriceCents: c.UnitPriceCents,
		Currency: "EUR"}, c.Active, c.VATRate}
}

func (s *Server) adminCategories(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	cats, err := s.deps.CategoryAdmin.AllCategories(r.Context(), p)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	out := make([]adminCategoryJSON, len(cats))
	for i, c := range cats {
		out[i] = toAdminCategoryJSON(c)
	}
	writeJSON(w, http.StatusOK, map[string]any{"categories": out})
}

// categoryEdit is what an admin sends: a new category whole, or a merge patch of one.
type categoryEdit struct {
	Slug           string              `json:"slug,omitempty"`
	Icon           string              `json:"icon"`
	Names          klusbuddy.Localized `json:"names"`
	Unit           klusbuddy.Unit      `json:"unit"`
	UnitPriceCents int                 `json:"unit_price_cents"`
	VATRate        *int                `json:"vat_rate,omitempty"`
	Active         *bool               `json:"active,omitempty"`
}

func (s *Server) createCategory(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	var in categoryEdit
	if err := decodeJSON(r, &in); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	if in.Active != nil {
		writeError(w, r, s.log, &klusbuddy.Error{Code: klusbuddy.EINVALID, Message: "Some fields are not valid.",
			Fields: map[string]string{"active": "This field is not known here."}})
		return
	}
	rate := klusbuddy.DefaultVATRate
	if in.VATRate != nil {
		rate = *in.VATRate
	}
	c, err := s.deps.CategoryAdmin.CreateCategory(r.Context(), p, klusbuddy.Category{Slug: in.Slug, Icon: in.Icon, Names: in.Names,
		Unit: in.Unit, UnitPriceCents: in.UnitPriceCents, VATRate: rate})
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusCreated, toAdminCategoryJSON(c))
}

// updateCategory applies a JSON merge patch to the category; the slug, its key, stays.
func (s *Server) updateCategory(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	slug := chi.URLParam(r, "slug")
	cats, err := s.deps.CategoryAdmin.AllCategories(r.Context(), p)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	var cur *klusbuddy.Category
	for i := range cats {
		if cats[i].Slug == slug {
			cur = &cats[i]
		}
	}
	if cur == nil {
		writeError(w, r, s.log, klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such category."))
		return
	}
	active, rate := cur.Active, cur.VATRate
	var next categoryEdit
	if err := applyMergePatch(r, categoryEdit{Icon: cur.Icon, Names: cur.Names, Unit: cur.Unit, UnitPriceCents: cur.UnitPriceCents,
		VATRate: &rate, Active: &active}, &next); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	if next.Slug != "" {
		writeError(w, r, s.log, &klusbuddy.Error{Code: klusbuddy.EINVALID, Message: "Some fields are not valid.",
			Fields: map[string]string{"slug": "The slug cannot change; add a new category instead."}})
		return
	}
	if next.VATRate == nil { // "vat_rate": null
		next.VATRate = &rate
	}
	c := klusbuddy.Category{Slug: slug, Icon: next.Icon, Names: next.Names, Unit: next.Unit, UnitPriceCents: next.UnitPriceCents,
		VATRate: *next.VATRate, Active: next.Active == nil || *next.Active}
	klusbuddy.AuditFrom(r.Context()).Detail("slug", slug)
	klusbuddy.AuditFrom(r.Context()).Detail("changes", klusbuddy.AuditDiff(toAdminCategoryJSON(*cur), toAdminCategoryJSON(c)))
	c, err = s.deps.CategoryAdmin.UpdateCategory(r.Context(), p, slug, c)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusOK, toAdminCategoryJSON(c))
}
