package httpapi

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Impact figures (issue 13): a coordinator's (their organisation) and an admin's (any or all)
// as JSON or CSV, the organisation's social-return values, and the public figures as JSON (the
// page itself is impact_page.go). Hours are decimal hours rounded to the hundredth; periods are
// given as their first and last day (both included).

type impactFiguresJSON struct {
	HoursWorked     float64  `json:"hours_worked"`
	JobsPosted      int      `json:"jobs_posted"`
	JobsDone        int      `json:"jobs_done"`
	JobsFilled      int      `json:"jobs_filled"`
	JobsUnfilled    int      `json:"jobs_unfilled"`
	JobsCancelled   int      `json:"jobs_cancelled"`
	FilledShare     *float64 `json:"filled_share"`
	PeopleWorked    int      `json:"people_worked"`
	NewPeople       int      `json:"new_people"`
	Households      int      `json:"households"`
	Companies       int      `json:"companies"`
	BuddyHours      float64  `json:"buddy_hours"`
	Buddies         int      `json:"buddies"`
	FillMedianHours *float64 `json:"fill_median_hours"`
	FillP90Hours    *float64 `json:"fill_p90_hours"`
	NoShows         int      `json:"no_shows"`
	DropoutsLate    int      `json:"dropouts_late"`
	DropoutsEarly   int      `json:"dropouts_early"`
}

func share3(p *float64) *float64 {
	if p == nil {
		return nil
	}
	v := math.Round(*p*1000) / 1000
	return &v
}

func hoursP(p *float64) *float64 {
	if p == nil {
		return nil
	}
	v := hours2(*p)
	return &v
}

func toImpactFiguresJSON(f klusbuddy.ImpactFigures) impactFiguresJSON {
	return impactFiguresJSON{HoursWorked: hours2(f.HoursWorked), JobsPosted: f.JobsPosted, JobsDone: f.JobsDone,
		JobsFilled: f.JobsFilled, JobsUnfilled: f.JobsUnfilled, JobsCancelled: f.JobsCancelled, FilledShare: share3(f.FilledShare()),
		PeopleWorked: f.PeopleWorked, NewPeople: f.NewPeople, Households: f.Households, Companies: f.Companies,
		BuddyHours: hours2(f.BuddyHours), Buddies: f.Buddies, FillMedianHours: hoursP(f.FillMedian), FillP90Hours: hoursP(f.FillP90),
		NoShows: f.NoShows, DropoutsLate: f.DropoutsLate, DropoutsEarly: f.DropoutsEarly}
}

type impactStepJSON struct {
	From string `json:"from"`
	To   string `json:"to"`
	impactFiguresJSON
}

type impactValueJSON struct {
	Label  string                     `json:"label"`
	Basis  klusbuddy.ImpactValueBasis `json:"basis"`
	Cents  int64                      `json:"cents"`
	Source string                     `json:"source"`
}

type impactEstimateJSON struct {
	impactValueJSON
	Units float64 `json:"units"`
	Total int64   `json:"total_cents"`
}

// day and lastDay write a period's bounds as days: the first, and the last included.
func day(t time.Time) string     { return t.In(belgium()).Format(time.DateOnly) }
func lastDay(t time.Time) string { return t.In(belgium()).AddDate(0, 0, -1).Format(time.DateOnly) }

func toImpactValuesJSON(vs []klusbuddy.ImpactValue) []impactValueJSON {
	out := make([]impactValueJSON, len(vs))
	for i, v := range vs {
		out[i] = impactValueJSON{Label: v.Label, Basis: v.Basis, Cents: v.Cents, Source: v.Source}
	}
	return out
}

func toImpactReportJSON(r klusbuddy.ImpactReport) map[string]any {
	series := make([]impactStepJSON, len(r.Series))
	for i, b := range r.Series {
		series[i] = impactStepJSON{From: day(b.From), To: lastDay(b.To), impactFiguresJSON: toImpactFiguresJSON(b.Figures)}
	}
	est := make([]impactEstimateJSON, len(r.Estimates))
	for i, e := range r.Estimates {
		est[i] = impactEstimateJSON{impactValueJSON: toImpactValuesJSON([]klusbuddy.ImpactValue{e.Value})[0], Units: hours2(e.Units), Total: e.Cents}
	}
	var cat, muni, org any
	if r.Category != "" {
		cat = r.Category
	}
	if r.Scope.Municipality != "" {
		muni = r.Scope.Municipality
	}
	if r.OrganisationID != 0 {
		org = r.OrganisationID
	}
	return map[string]any{"period": r.Period, "step": r.Step, "from": day(r.Scope.From), "to": lastDay(r.Scope.To),
		"organisation_id": org, "category": cat, "municipality": muni,
		"total": toImpactFiguresJSON(r.Total), "series": series, "values": toImpactValuesJSON(r.Values), "estimates": est}
}

// impactQuery reads the query string; organisation only for admins (a coordinator naming one
// is told they see their own only).
func impactQuery(r *http.Request, admin bool) (klusbuddy.ImpactQuery, error) {
	q := r.URL.Query()
	iq := klusbuddy.ImpactQuery{Period: q.Get("period"), Date: q.Get("date"), From: q.Get("from"), To: q.Get("to"),
		Category: q.Get("category"), Municipality: q.Get("municipality")}
	fe := klusbuddy.FieldErrors{}
	if v := q.Get("organisation"); v != "" {
		if !admin {
			fe.Add("organisation", "Coordinators see their own organisation only.")
		} else if n, err := strconv.ParseInt(v, 10, 64); err != nil || n <= 0 {
			fe.Add("organisation", "Give a positive whole number.")
		} else {
			iq.OrganisationID = n
		}
	}
	if v := q.Get("format"); v != "" && v != "csv" && v != "json" {
		fe.Add("format", "Give csv or json.")
	}
	for _, k := range []string{"period", "date", "from", "to", "category", "municipality"} {
		if len(q.Get(k)) > 80 {
			fe.Add(k, "This value is too long.")
		}
	}
	return iq, fe.Err()
}

func (s *Server) orgImpact(w http.ResponseWriter, r *http.Request)   { s.impact(w, r, false) }
func (s *Server) adminImpact(w http.ResponseWriter, r *http.Request) { s.impact(w, r, true) }

// impact answers GET /org/impact and GET /admin/impact: JSON, or the figures table as CSV
// (?format=csv or Accept: text/csv), whose download is itself audited.
func (s *Server) impact(w http.ResponseWriter, r *http.Request, admin bool) {
	p, _ := principal(r.Context())
	q, err := impactQuery(r, admin)
	if err == nil && q.OrganisationID != 0 {
		err = s.knownOrganisation(r, q.OrganisationID)
	}
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	rep, err := s.deps.Impact.Impact(r.Context(), p, q)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	if wantsCSV(r) && r.URL.Query().Get("format") != "json" {
		s.impactCSV(w, r, p, rep)
		return
	}
	writeJSON(w, http.StatusOK, toImpactReportJSON(rep))
}

// knownOrganisation answers 422 naming organisation when an admin names one that does not exist.
func (s *Server) knownOrganisation(r *http.Request, id int64) error {
	p, _ := principal(r.Context())
	orgs, err := s.deps.People.ListOrganisations(r.Context(), p)
	if err != nil {
		return err
	}
	for _, o := range orgs {
		if o.ID == id {
			return nil
		}
	}
	return &klusbuddy.Error{Code: klusbuddy.EINVALID, Message: "Some fields are not valid.",
		Fields: map[string]string{"organisation": "There is no such organisation."}}
}

// impactCSVHeaders are the figures table's column names per language.
var impactCSVHeaders = map[klusbuddy.Language][]string{
	klusbuddy.Dutch: {"van", "tot en met", "gewerkte uren", "klussen geplaatst", "klussen gedaan", "klussen volzet", "klussen niet ingevuld",
		"klussen geannuleerd", "aandeel ingevuld", "mensen aan het werk", "nieuwe mensen", "gezinnen", "bedrijven", "vrijwilligersuren buddy's",
		"buddy's", "tijd tot volzet mediaan (u)", "tijd tot volzet p90 (u)", "niet opgedaagd", "afhakers laat", "afhakers vroeg"},
	klusbuddy.French: {"du", "au", "heures travaillées", "missions publiées", "missions faites", "missions complètes", "missions non pourvues",
		"missions annulées", "part pourvue", "personnes au travail", "nouvelles personnes", "ménages", "entreprises", "heures bénévoles des buddies",
		"buddies", "délai médian (h)", "délai p90 (h)", "absences", "désistements tardifs", "désistements anticipés"},
	klusbuddy.English: {"from", "to", "hours worked", "jobs posted", "jobs done", "jobs filled", "jobs unfilled",
		"jobs cancelled", "share filled", "people who worked", "new people", "households", "companies", "buddy volunteer hours",
		"buddies", "time to fill median (h)", "time to fill p90 (h)", "no-shows", "late drop-outs", "early drop-outs"},
}

var impactTotalWord = map[klusbuddy.Language]string{klusbuddy.Dutch: "totaal", klusbuddy.French: "total", klusbuddy.English: "total"}

func optDecimal(p *float64) string {
	if p == nil {
		return ""
	}
	return decimalComma(*p)
}

// impactCSV writes the figures table (a row per step, then the total) for Belgian spreadsheets:
// BOM, semicolons, decimal commas. The download goes into the audit log first.
func (s *Server) impactCSV(w http.ResponseWriter, r *http.Request, p klusbuddy.Principal, rep klusbuddy.ImpactReport) {
	details := map[string]any{"format": "csv", "period": string(rep.Period), "from": day(rep.Scope.From), "to": lastDay(rep.Scope.To)}
	if rep.Category != "" {
		details["category"] = rep.Category
	}
	if rep.Scope.Municipality != "" {
		details["municipality"] = rep.Scope.Municipality // checked against the postcodes: a place, not a person's text
	}
	e := klusbuddy.AuditEntry{ActorID: p.ID, ActorRole: p.Role, Action: "impact.export", SubjectType: "impact", OrganisationID: rep.OrganisationID, Details: details}
	if err := s.deps.Audit.WriteAudit(r.Context(), e); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	l := language(r)
	head, ok := impactCSVHeaders[l]
	if !ok {
		l, head = klusbuddy.Dutch, impactCSVHeaders[klusbuddy.Dutch]
	}
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="klusbuddy-impact-`+day(rep.Scope.From)+`.csv"`)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte("\uFEFF"))
	c := csv.NewWriter(w)
	c.Comma = ';'
	_ = c.Write(head)
	row := func(from, to string, f klusbuddy.ImpactFigures) {
		n := strconv.Itoa
		_ = c.Write([]string{from, to, decimalComma(hours2(f.HoursWorked)), n(f.JobsPosted), n(f.JobsDone), n(f.JobsFilled), n(f.JobsUnfilled),
			n(f.JobsCancelled), optDecimal(share3(f.FilledShare())), n(f.PeopleWorked), n(f.NewPeople), n(f.Households), n(f.Companies),
			decimalComma(hours2(f.BuddyHours)), n(f.Buddies), optDecimal(hoursP(f.FillMedian)), optDecimal(hoursP(f.FillP90)),
			n(f.NoShows), n(f.DropoutsLate), n(f.DropoutsEarly)})
	}
	for _, b := range rep.Series {
		row(day(b.From), lastDay(b.To), b.Figures)
	}
	row(spreadsheetText(impactTotalWord[l]), "", rep.Total)
	c.Flush()
}

// impactValues answers GET /org/impact/values.
func (s *Server) impactValues(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	vs, err := s.deps.Impact.ImpactValues(r.Context(), p)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"values": toImpactValuesJSON(vs)})
}

// setImpactValues answers PUT /org/impact/values: the whole list, in order (an empty list
// removes every value). Audited with the labels' count and bases, not their text.
func (s *Server) setImpactValues(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	var in struct {
		Values []impactValueJSON `json:"values"`
	}
	if err := decodeJSON(r, &in); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	if in.Values == nil {
		writeError(w, r, s.log, &klusbuddy.Error{Code: klusbuddy.EINVALID, Message: "Some fields are not valid.",
			Fields: map[string]string{"values": "Give the list of values (it may be empty)."}})
		return
	}
	vs := make([]klusbuddy.ImpactValue, len(in.Values))
	bases := make([]string, len(in.Values))
	for i, v := range in.Values {
		vs[i] = klusbuddy.ImpactValue{Label: v.Label, Basis: v.Basis, Cents: v.Cents, Source: v.Source}
		bases[i] = string(v.Basis) + ":" + strconv.FormatInt(v.Cents, 10)
	}
	klusbuddy.AuditFrom(r.Context()).Detail("values", bases)
	out, err := s.deps.Impact.SetImpactValues(r.Context(), p, vs)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"values": toImpactValuesJSON(out)})
}

type publicFiguresJSON struct {
	Municipality *string  `json:"municipality"`
	JobsDone     int      `json:"jobs_done"`
	FilledShare  *float64 `json:"filled_share"`
	HoursWorked  *float64 `json:"hours_worked"`
	PeopleWorked *int     `json:"people_worked"`
	NewPeople    *int     `json:"new_people"`
	Households   *int     `json:"households"`
	Companies    *int     `json:"companies"`
	BuddyHours   *float64 `json:"buddy_hours"`
	Buddies      *int     `json:"buddies"`
	NoShows      *int     `json:"no_shows"`
	Dropouts     *int     `json:"dropouts"`
	Hidden       []string `json:"hidden"`
}

func toPublicFiguresJSON(f klusbuddy.PublicFigures) publicFiguresJSON {
	var m *string
	if f.Municipality != "" {
		m = &f.Municipality
	}
	hidden := f.Hidden
	if hidden == nil {
		hidden = []string{}
	}
	return publicFiguresJSON{Municipality: m, JobsDone: f.JobsDone, FilledShare: share3(f.FilledShare), HoursWorked: hoursP(f.HoursWorked),
		PeopleWorked: f.PeopleWorked, NewPeople: f.NewPeople, Households: f.Households, Companies: f.Companies,
		BuddyHours: hoursP(f.BuddyHours), Buddies: f.Buddies, NoShows: f.NoShows, Dropouts: f.Dropouts, Hidden: hidden}
}

// publicQuery reads the public page's query: period, date, from, to and municipality.
func publicQuery(r *http.Request) (klusbuddy.ImpactQuery, error) {
	q := r.URL.Query()
	iq := klusbuddy.ImpactQuery{Period: q.Get("period"), Date: q.Get("date"), From: q.Get("from"), To: q.Get("to"), Municipality: q.Get("municipality")}
	fe := klusbuddy.FieldErrors{}
	for _, k := range []string{"period", "date", "from", "to", "municipality"} {
		if len(q.Get(k)) > 80 {
			fe.Add(k, "This value is too long.")
		}
	}
	if v := q.Get("lang"); v != "" && !klusbuddy.Language(v).Valid() {
		fe.Add("lang", "There is no such language.")
	}
	return iq, fe.Err()
}

// publicCache is what public answers may be kept: a minute anywhere (the service keeps its
// figures as long), and a stale copy while revalidating.
const publicCache = "public, max-age=60, stale-while-revalidate=300"

// writeCached answers body with an ETag of it, or 304 when the caller has it already.
func writeCached(w http.ResponseWriter, r *http.Request, contentType string, body []byte) {
	sum := sha256.Sum256(body)
	etag := `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`
	h := w.Header()
	h.Set("Cache-Control", publicCache)
	h.Set("ETag", etag)
	h.Set("Vary", "Accept-Language")
	if match := r.Header.Get("If-None-Match"); match != "" && (match == etag || match == "*") {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// publicImpactJSON answers GET /api/v1/impact: the public figures, for anyone.
func (s *Server) publicImpactJSON(w http.ResponseWriter, r *http.Request) {
	q, err := publicQuery(r)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	pi, err := s.deps.Impact.PublicImpact(r.Context(), q)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	ms := make([]publicFiguresJSON, len(pi.Municipalities))
	for i, m := range pi.Municipalities {
		ms[i] = toPublicFiguresJSON(m)
	}
	var muni any
	if pi.Municipality != "" {
		muni = pi.Municipality
	}
	body, _ := json.Marshal(map[string]any{"period": pi.Period, "from": day(pi.From), "to": lastDay(pi.To),
		"smallest_number": klusbuddy.ImpactSmallestNumber, "municipality": muni,
		"platform": toPublicFiguresJSON(pi.Platform), "municipalities": ms})
	writeCached(w, r, "application/json", append(body, '\n'))
}
