package httpapi

import (
	"net/http"

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
