package httpapi

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// What the poster pays (issue 12): a job's statement, a poster's monthly statement (JSON, or
// CSV for a spreadsheet) and their months with amounts. Amounts are euro cents; a line that is
// not approved yet has none. Payment itself stays outside Klusbuddy.

type statementLineJSON struct {
	SheetID   int64                `json:"sheet_id"`
	FirstName string               `json:"first_name"`
	Place     int                  `json:"place"`
	State     klusbuddy.SheetState `json:"state"`
	Billed    bool                 `json:"billed"`
	Minutes   *int                 `json:"minutes"`
	Items     *int                 `json:"items"`
	Quantity  *float64             `json:"quantity"` // hours (quarters: exact) or items
	Net       *int                 `json:"net_cents"`
	VAT       *int                 `json:"vat_cents"`
	Total     *int                 `json:"total_cents"`
}

type jobStatementJSON struct {
	JobID     int64               `json:"job_id"`
	Category  string              `json:"category"`
	Start     time.Time           `json:"start"`
	End       time.Time           `json:"end"`
	State     klusbuddy.JobState  `json:"state"`
	Unit      klusbuddy.Unit      `json:"unit"`
	UnitPrice int                 `json:"unit_price_cents"`
	VATRate   int                 `json:"vat_rate"`
	Lines     []statementLineJSON `json:"lines"`
	Net       int                 `json:"net_cents"`
	VAT       int                 `json:"vat_cents"`
	Total     int                 `json:"total_cents"`
	Pending   int                 `json:"pending"`
	Currency  string              `json:"currency"`
}

// hoursOf is a quantity as the statement shows it: hours for minutes, items as they are.
func hoursOf(u klusbuddy.Unit, q int) float64 {
	if u == klusbuddy.PerHour {
		return float64(q) / 60
	}
	return float64(q)
}

func toJobStatementJSON(s klusbuddy.JobStatement) jobStatementJSON {
	j := s.Job
	out := jobStatementJSON{JobID: j.ID, Category: j.Category, Start: j.Start, End: j.End, State: j.State, Unit: j.Unit, UnitPrice: j.UnitPrice,
		VATRate: j.VATRate, Lines: make([]statementLineJSON, len(s.Lines)), Net: s.Net, VAT: s.VAT, Total: s.Total, Pending: s.Pending, Currency: "EUR"}
	for i, l := range s.Lines {
		lj := statementLineJSON{SheetID: l.SheetID, FirstName: l.FirstName, Place: l.Place, State: l.State, Billed: l.Billed}
		if l.Billed {
			l := l
			q := hoursOf(j.Unit, l.Quantity)
			lj.Quantity, lj.Net, lj.VAT, lj.Total = &q, &l.Net, &l.VAT, &l.Total
			if j.Unit == klusbuddy.PerHour {
				lj.Minutes = &l.Quantity
			} else {
				lj.Items = &l.Quantity
			}
		}
		out.Lines[i] = lj
	}
	return out
}

func (s *Server) jobStatement(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	id, err := pathID(r, "id")
	if err == nil {
		var st klusbuddy.JobStatement
		if st, err = s.deps.Statements.JobStatement(r.Context(), p, id); err == nil {
			writeJSON(w, http.StatusOK, map[string]any{"statement": toJobStatementJSON(st)})
			return
		}
	}
	writeError(w, r, s.log, err)
}

type statementPosterJSON struct {
	FirstName    string               `json:"first_name"`
	LastName     string               `json:"last_name"`
	Kind         klusbuddy.PosterKind `json:"kind"`
	CompanyName  *string              `json:"company_name"`
	VATNumber    *string              `json:"vat_number"`
	Street       string               `json:"street"`
	Postcode     string               `json:"postcode"`
	Municipality string               `json:"municipality"`
}

type monthStatementJSON struct {
	Month    string              `json:"month"`
	Poster   statementPosterJSON `json:"poster"`
	Jobs     []jobStatementJSON  `json:"jobs"`
	Net      int                 `json:"net_cents"`
	VAT      int                 `json:"vat_cents"`
	Total    int                 `json:"total_cents"`
	Pending  int                 `json:"pending"`
	Currency string              `json:"currency"`
}

// wantsCSV reports whether the caller asks for CSV: ?format=csv or Accept: text/csv.
func wantsCSV(r *http.Request) bool {
	return r.URL.Query().Get("format") == "csv" || strings.Contains(r.Header.Get("Accept"), "text/csv")
}

func (s *Server) monthStatement(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	f := r.URL.Query().Get("format")
	if f != "" && f != "csv" && f != "json" {
		writeError(w, r, s.log, &klusbuddy.Error{Code: klusbuddy.EINVALID, Message: "Some fields are not valid.",
			Fields: map[string]string{"format": "Give csv or json."}})
		return
	}
	m, err := klusbuddy.ParseMonth("month", chi.URLParam(r, "month"))
	if err == nil {
		var st klusbuddy.MonthStatement
		if st, err = s.deps.Statements.MonthStatement(r.Context(), p, m); err == nil {
			if wantsCSV(r) && f != "json" {
				writeStatementCSV(w, language(r), st)
				return
			}
			out := monthStatementJSON{Month: st.Month.String(), Jobs: make([]jobStatementJSON, len(st.Jobs)), Net: st.Net, VAT: st.VAT,
				Total: st.Total, Pending: st.Pending, Currency: "EUR", Poster: statementPosterJSON{FirstName: st.Poster.FirstName,
					LastName: st.Poster.LastName, Kind: st.Poster.Kind, CompanyName: textOrNil(st.Poster.CompanyName),
					VATNumber: textOrNil(st.Poster.VATNumber), Street: st.Poster.Street, Postcode: st.Poster.Postcode, Municipality: st.Poster.Municipality}}
			for i, j := range st.Jobs {
				out.Jobs[i] = toJobStatementJSON(j)
			}
			writeJSON(w, http.StatusOK, map[string]any{"statement": out})
			return
		}
	}
	writeError(w, r, s.log, err)
}

// csvHeaders are the CSV's column names per language.
var csvHeaders = map[klusbuddy.Language][]string{
	klusbuddy.Dutch:   {"maand", "klus", "datum", "categorie", "persoon", "eenheid", "aantal", "eenheidsprijs", "netto", "btw-tarief", "btw", "totaal", "status"},
	klusbuddy.French:  {"mois", "job", "date", "catégorie", "personne", "unité", "quantité", "prix unitaire", "net", "taux TVA", "TVA", "total", "statut"},
	klusbuddy.English: {"month", "job", "date", "category", "person", "unit", "quantity", "unit price", "net", "VAT rate", "VAT", "total", "status"},
	klusbuddy.Turkish: {"ay", "iş", "tarih", "kategori", "kişi", "birim", "miktar", "birim fiyatı", "net", "KDV oranı", "KDV", "toplam", "durum"},
	klusbuddy.Arabic:  {"الشهر", "المهمة", "التاريخ", "الفئة", "الشخص", "الوحدة", "الكمية", "سعر الوحدة", "الصافي", "نسبة الضريبة", "الضريبة", "المجموع", "الحالة"},
}

// csvWords are the CSV's words per language: the units and the states of a line.
var csvWords = map[klusbuddy.Language]map[string]string{
	klusbuddy.Dutch:   {"hour": "uur", "item": "stuk", "billed": "goedgekeurd", "pending": "nog niet goedgekeurd", "total": "totaal"},
	klusbuddy.French:  {"hour": "heure", "item": "pièce", "billed": "approuvé", "pending": "pas encore approuvé", "total": "total"},
	klusbuddy.English: {"hour": "hour", "item": "item", "billed": "approved", "pending": "not approved yet", "total": "total"},
	klusbuddy.Turkish: {"hour": "saat", "item": "adet", "billed": "onaylandı", "pending": "henüz onaylanmadı", "total": "toplam"},
	klusbuddy.Arabic:  {"hour": "ساعة", "item": "قطعة", "billed": "معتمد", "pending": "غير معتمد بعد", "total": "المجموع"},
}

// euros writes cents with a decimal comma and no thousands separator (1234,50), as Belgian
// spreadsheets read it.
func euros(cents int) string { return fmt.Sprintf("%d,%02d", cents/100, cents%100) }

// decimalComma writes a quantity with a decimal comma (2,25 hours; 7 items).
func decimalComma(v float64) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1)
}

// writeStatementCSV writes a monthly statement as CSV for Belgian spreadsheets: UTF-8 with a
// byte order mark, semicolons between fields, decimal commas, amounts in euro (not cents), a
// header row in the caller's language, one row per worker per job (a line not approved yet has
// no quantity or amounts), and a last row with the month's totals.
func writeStatementCSV(w http.ResponseWriter, l klusbuddy.Language, st klusbuddy.MonthStatement) {
	head, ok := csvHeaders[l]
	if !ok {
		l, head = klusbuddy.Dutch, csvHeaders[klusbuddy.Dutch]
	}
	words := csvWords[l]
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="klusbuddy-`+st.Month.String()+`.csv"`)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte("\uFEFF"))
	c := csv.NewWriter(w)
	c.Comma = ';'
	_ = c.Write(head)
	loc := time.FixedZone("", 0)
	if bx, err := time.LoadLocation("Europe/Brussels"); err == nil {
		loc = bx
	}
	for _, js := range st.Jobs {
		j := js.Job
		for _, ln := range js.Lines {
			row := []string{st.Month.String(), strconv.FormatInt(j.ID, 10), j.Start.In(loc).Format("2006-01-02"), spreadsheetText(j.CategoryNames.In(l)),
				spreadsheetText(ln.FirstName), words[string(j.Unit)], "", euros(j.UnitPrice), "", strconv.Itoa(j.VATRate), "", "", words["pending"]}
			if ln.Billed {
				row[6], row[8], row[10], row[11], row[12] = decimalComma(hoursOf(j.Unit, ln.Quantity)), euros(ln.Net), euros(ln.VAT), euros(ln.Total), words["billed"]
			}
			_ = c.Write(row)
		}
	}
	_ = c.Write([]string{st.Month.String(), "", "", "", "", "", "", "", euros(st.Net), "", euros(st.VAT), euros(st.Total), words["total"]})
	c.Flush()
}

type monthJobJSON struct {
	JobID    int64     `json:"job_id"`
	Category string    `json:"category"`
	Start    time.Time `json:"start"`
	Total    int       `json:"total_cents"`
	Pending  int       `json:"pending"`
}

type monthSummaryJSON struct {
	Month   string         `json:"month"`
	Jobs    []monthJobJSON `json:"jobs"`
	Net     int            `json:"net_cents"`
	VAT     int            `json:"vat_cents"`
	Total   int            `json:"total_cents"`
	Pending int            `json:"pending"`
}

func (s *Server) statementMonths(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	ms, err := s.deps.Statements.StatementMonths(r.Context(), p)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	out := make([]monthSummaryJSON, len(ms))
	for i, m := range ms {
		out[i] = monthSummaryJSON{Month: m.Month.String(), Jobs: make([]monthJobJSON, len(m.Jobs)), Net: m.Net, VAT: m.VAT, Total: m.Total, Pending: m.Pending}
		for k, j := range m.Jobs {
			out[i].Jobs[k] = monthJobJSON{JobID: j.Job.ID, Category: j.Job.Category, Start: j.Job.Start, Total: j.Total, Pending: j.Pending}
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"months": out, "currency": "EUR"})
}
