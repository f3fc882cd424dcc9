package httpapi_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// What the poster pays (issue 12): a job's statement, the month's (JSON and CSV) and the
// months with amounts; buddies are never billed, pending hours never counted.

type statementLineDoc struct {
	SheetID   int64 `json:"sheet_id"`
	FirstName string
	State     string
	Billed    bool
	Minutes   *int
	Items     *int
	Quantity  *float64
	Net       *int `json:"net_cents"`
	VAT       *int `json:"vat_cents"`
	Total     *int `json:"total_cents"`
}

type jobStatementDoc struct {
	JobID     int64 `json:"job_id"`
	Unit      string
	UnitPrice int `json:"unit_price_cents"`
	VATRate   int `json:"vat_rate"`
	Lines     []statementLineDoc
	Net       int `json:"net_cents"`
	VAT       int `json:"vat_cents"`
	Total     int `json:"total_cents"`
	Pending   int
}

func jobStatementOf(t *testing.T, c *client, jobID int64) jobStatementDoc {
	t.Helper()
	res, body := c.do("GET", "/api/v1/jobs/"+itoa(jobID)+"/statement", nil)
	var out struct{ Statement jobStatementDoc }
	if err := json.Unmarshal(body, &out); err != nil || res.StatusCode != 200 {
		t.Fatalf("job statement: %d %s", res.StatusCode, body)
	}
	return out.Statement
}

func TestStatements(t *testing.T) {
	a := newApp(t)
	start := nextTuesday10()
	d := a.checkedOut(t, start, start.Add(2*time.Hour+10*time.Minute)) // 135 minutes proposed
	job := d.job.ID

	// Before approval: the worker's line (not the buddy's), without an amount.
	s := jobStatementOf(t, d.poster, job)
	if len(s.Lines) != 1 || s.Lines[0].Billed || s.Lines[0].Total != nil || s.Lines[0].Minutes != nil || s.Pending != 1 || s.Total != 0 {
		t.Fatalf("before approval: %+v", s)
	}
	if s.Unit != "hour" || s.UnitPrice != 2400 || s.VATRate != 21 {
		t.Fatalf("the price posted at: %+v", s)
	}

	mine := "/api/v1/me/assignments/" + itoa(job) + "/hours"
	res, body := d.worker.do("POST", mine+"/confirm", map[string]any{"minutes": 135})
	sh := sheetOf(t, res.StatusCode, body)
	res, body = d.poster.do("POST", "/api/v1/jobs/"+itoa(job)+"/hours/"+itoa(sh.ID)+"/approve", nil)
	sheetOf(t, res.StatusCode, body)

	// 2 h 15 × 24.00 = 54.00, VAT 21% included: net 44.63 (5400 / 1.21 = 4462.8 → 4463), VAT 9.37.
	s = jobStatementOf(t, d.poster, job)
	l := s.Lines[0]
	if !l.Billed || *l.Minutes != 135 || l.Items != nil || *l.Quantity != 2.25 || *l.Total != 5400 || *l.Net != 4463 || *l.VAT != 937 ||
		s.Total != 5400 || s.Net != 4463 || s.VAT != 937 || s.Pending != 0 {
		t.Fatalf("after approval: %+v %+v", s, l)
	}
	want := klusbuddy.LineAmount(klusbuddy.PerHour, 135, 2400, 21)
	if want.Total != s.Total || want.Net != s.Net {
		t.Fatalf("the domain's amount %+v, the statement's %+v", want, s)
	}

	// Who may read it: the poster and the coordinators of the job's organisation.
	var org string
	if err := a.sql.Get(&org, `SELECT o.slug FROM jobs j JOIN organisations o ON o.id = j.organisation_id WHERE j.id = $1`, job); err != nil {
		t.Fatal(err)
	}
	coach := a.signedIn(a.person(klusbuddy.RoleCoordinator, org, 0))
	if got := jobStatementOf(t, coach, job); got.Total != 5400 {
		t.Fatalf("the coordinator's statement: %+v", got)
	}
	var otherOrg string
	a.sql.Get(&otherOrg, `SELECT slug FROM organisations WHERE slug <> $1 AND EXISTS (SELECT 1 FROM users WHERE organisation_id = organisations.id AND role = 'coordinator') ORDER BY id LIMIT 1`, org)
	otherPoster := a.signedIn(a.person(klusbuddy.RolePoster, "", 0))
	for name, c := range map[string]*client{"another poster": otherPoster, "the worker": d.worker, "the buddy": d.bud,
		"another organisation's coordinator": a.signedIn(a.person(klusbuddy.RoleCoordinator, otherOrg, 0))} {
		if res, body := c.do("GET", "/api/v1/jobs/"+itoa(job)+"/statement", nil); res.StatusCode != 403 {
			t.Errorf("%s reads the statement: %d %s", name, res.StatusCode, body)
		}
	}
	if res, body := d.poster.do("GET", "/api/v1/jobs/99999999/statement", nil); res.StatusCode != 404 {
		t.Errorf("no such job: %d %s", res.StatusCode, body)
	}

	// The month: a company's statement shows its name and VAT number.
	a.sql.MustExec(`UPDATE poster_profiles SET kind = 'company', company_name = 'Bakkerij Peeters', vat_number = 'BE0123456749'
WHERE user_id = (SELECT poster_id FROM jobs WHERE id = $1)`, job)
	month := start.In(brussels).Format("2006-01")
	res, body = d.poster.do("GET", "/api/v1/me/statements/"+month, nil)
	var ms struct {
		Statement struct {
			Month  string
			Poster struct {
				FirstName   string `json:"first_name"`
				Kind        string
				CompanyName *string `json:"company_name"`
				VATNumber   *string `json:"vat_number"`
				Street      string
			}
			Jobs  []jobStatementDoc
			Total int `json:"total_cents"`
		}
	}
	if err := json.Unmarshal(body, &ms); err != nil || res.StatusCode != 200 {
		t.Fatalf("month: %d %s", res.StatusCode, body)
	}
	st := ms.Statement
	if st.Month != month || len(st.Jobs) != 1 || st.Jobs[0].JobID != job || st.Total != 5400 || st.Poster.Kind != "company" ||
		st.Poster.CompanyName == nil || *st.Poster.CompanyName != "Bakkerij Peeters" || st.Poster.VATNumber == nil ||
		*st.Poster.VATNumber != "BE0123456749" || st.Poster.Street == "" {
		t.Fatalf("month statement: %s", body)
	}
	if strings.Contains(string(body), "home") || strings.Contains(string(body), "last_name\":\""+"x") {
		t.Fatalf("the statement shows more than first names: %s", body)
	}

	// The same as CSV, asked either way; parsed as a spreadsheet would.
	for _, ask := range []struct{ path, accept string }{{"?format=csv", ""}, {"", "text/csv"}} {
		res, body := d.poster.do("GET", "/api/v1/me/statements/"+month+ask.path, nil, "Accept", ask.accept)
		if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") ||
			!strings.Contains(res.Header.Get("Content-Disposition"), "klusbuddy-"+month+".csv") {
			t.Fatalf("CSV %v: %d %v %s", ask, res.StatusCode, res.Header, body)
		}
		r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\uFEFF"))))
		r.Comma = ';'
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatalf("CSV does not parse: %v\n%s", err, body)
		}
		if len(rows) != 3 || rows[0][0] != "maand" || rows[0][11] != "totaal" {
			t.Fatalf("CSV rows: %q", rows)
		}
		line, total := rows[1], rows[2]
		if line[1] != itoa(job) || line[4] != d.firstName(a) || line[5] != "uur" || line[6] != "2,25" || line[7] != "24,00" ||
			line[8] != "44,63" || line[9] != "21" || line[10] != "9,37" || line[11] != "54,00" || line[12] != "goedgekeurd" {
			t.Fatalf("CSV line: %q", line)
		}
		if total[11] != "54,00" || total[8] != "44,63" || total[12] != "totaal" {
			t.Fatalf("CSV total: %q", total)
		}
	}
	res, body = d.poster.do("GET", "/api/v1/me/statements/"+month+"?format=csv", nil, "Accept-Language", "fr")
	if !strings.Contains(string(body), "quantité") || !strings.Contains(string(body), "approuvé") {
		t.Fatalf("CSV in French: %s", body)
	}
	for _, c := range []struct{ accept, quantity, approved string }{{"tr-TR", "miktar", "onaylandı"}, {"ar", "الكمية", "معتمد"}} {
		_, body = d.poster.do("GET", "/api/v1/me/statements/"+month+"?format=csv", nil, "Accept-Language", c.accept)
		if !strings.Contains(string(body), c.quantity) || !strings.Contains(string(body), c.approved) {
			t.Fatalf("CSV in %s: %s", c.accept, body)
		}
	}

	// The months with amounts, and each job's total: the poster's history.
	res, body = d.poster.do("GET", "/api/v1/me/statements", nil)
	var months struct {
		Months []struct {
			Month string
			Total int `json:"total_cents"`
			Jobs  []struct {
				JobID int64 `json:"job_id"`
				Total int   `json:"total_cents"`
			}
		}
	}
	if err := json.Unmarshal(body, &months); err != nil || res.StatusCode != 200 || len(months.Months) != 1 || months.Months[0].Month != month ||
		months.Months[0].Total != 5400 || len(months.Months[0].Jobs) != 1 || months.Months[0].Jobs[0].Total != 5400 {
		t.Fatalf("months: %d %s", res.StatusCode, body)
	}

	// Another poster's month holds none of it; workers have no statements; a bad month is named.
	res, body = otherPoster.do("GET", "/api/v1/me/statements/"+month, nil)
	if res.StatusCode != 200 || strings.Contains(string(body), `"job_id":`+itoa(job)) {
		t.Fatalf("another poster's month: %d %s", res.StatusCode, body)
	}
	for _, c := range []*client{d.worker, d.bud, coach} {
		if res, body := c.do("GET", "/api/v1/me/statements/"+month, nil); res.StatusCode != 403 {
			t.Errorf("a %d on someone's month statement: %s", res.StatusCode, body)
		}
	}
	for _, bad := range []string{"2026-13", "november", "2026-1"} {
		res, body := d.poster.do("GET", "/api/v1/me/statements/"+bad, nil)
		if res.StatusCode != 422 || !strings.Contains(string(body), `"month"`) {
			t.Errorf("month %q: %d %s", bad, res.StatusCode, body)
		}
	}
}

// firstName is the worker's first name.
func (d dayOfAJob) firstName(a *site) string {
	var n string
	a.sql.Get(&n, `SELECT first_name FROM users WHERE id = $1`, d.workerID)
	return n
}

// The catalogue states the VAT rate in each price (21% unless an admin says otherwise); a job
// keeps the rate it was posted at.
func TestCategoryVATRate(t *testing.T) {
	a := newApp(t)
	admin := a.signedIn(a.person(klusbuddy.RoleAdmin, "", 0))
	names := map[string]any{"nl": "Hond uitlaten", "fr": "Promener le chien", "en": "Dog walking"}
	res, body := admin.do("POST", "/api/v1/admin/categories", map[string]any{"slug": "dogs", "icon": "leaf", "names": names,
		"unit": "hour", "unit_price_cents": 2300})
	if res.StatusCode != 201 || !strings.Contains(string(body), `"vat_rate":21`) {
		t.Fatalf("a new category: %d %s", res.StatusCode, body)
	}
	for _, bad := range []any{7, -6, "21"} {
		if res, body := admin.do("PATCH", "/api/v1/admin/categories/cleaning", map[string]any{"vat_rate": bad}); res.StatusCode != 422 ||
			!strings.Contains(string(body), `"field":"vat_rate"`) {
			t.Fatalf("vat_rate %v: %d %s", bad, res.StatusCode, body)
		}
	}
	if res, body := admin.do("PATCH", "/api/v1/admin/categories/cleaning", map[string]any{"vat_rate": 6}); res.StatusCode != 200 ||
		!strings.Contains(string(body), `"vat_rate":6`) || !strings.Contains(string(body), `"unit_price_cents":2400`) {
		t.Fatalf("6%%: %d %s", res.StatusCode, body)
	}
	poster := a.signedIn(a.person(klusbuddy.RolePoster, "", 3))
	j := postJob(t, poster, nextTuesday10(), 1, klusbuddy.BuddyAllowed)
	admin.do("PATCH", "/api/v1/admin/categories/cleaning", map[string]any{"vat_rate": 12})
	if s := jobStatementOf(t, poster, j.ID); s.VATRate != 6 || s.UnitPrice != 2400 || len(s.Lines) != 0 || s.Total != 0 {
		t.Fatalf("the job's statement after the catalogue changed: %+v", s)
	}
}
