package httpapi

import (
	"encoding/csv"
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// auditAction says how a staff write route goes into the audit log: its action code, the kind
// of thing it acts on and the path parameter naming it ("" when the store names it: a new
// person, organisation, category).
type auditAction struct {
	Action, SubjectType, Param string
}

// auditActions lists every coordinator and admin write route. A staff write route missing here
// is refused (500) rather than done unaudited, and TestEveryStaffWriteIsAudited fails.
var auditActions = map[string]auditAction{
	"POST /api/v1/org/people":                        {"person.create", "person", ""},
	"PATCH /api/v1/org/people/{id}":                  {"person.update", "person", "id"},
	"POST /api/v1/org/people/{id}/invite":            {"person.invite", "person", "id"},
	"DELETE /api/v1/org/people/{id}/blocks/{poster}": {"block.lift", "person", "id"},
	"POST /api/v1/org/jobs/{id}/reoffer":             {"job.reoffer", "job", "id"},
	"POST /api/v1/org/jobs/{id}/outcome":             {"job.outcome", "job", "id"},
	"POST /api/v1/org/jobs/{id}/assign":              {"job.assign", "job", "id"},
	"POST /api/v1/org/jobs/{id}/offers":              {"job.offer", "job", "id"},
	"POST /api/v1/org/jobs/{id}/cancel":              {"job.cancel", "job", "id"},
	"POST /api/v1/org/offers/{id}/accept":            {"offer.accept_on_behalf", "person", ""}, // the worker, named by the action
	"POST /api/v1/org/offers/{id}/decline":           {"offer.decline_on_behalf", "person", ""},
	"POST /api/v1/org/posters":                       {"poster.create", "person", ""},
	"POST /api/v1/org/posters/{id}/jobs":             {"job.post_on_behalf", "person", "id"}, // the household
	"POST /api/v1/org/safety/{id}/ack":               {"safety.acknowledge", "safety_report", "id"},
	"POST /api/v1/org/hours/{id}/approve":            {"hours.approve", "timesheet", "id"},
	"POST /api/v1/org/hours/{id}/confirm":            {"hours.confirm", "timesheet", "id"},
	"POST /api/v1/org/hours/{id}/decide":             {"hours.decide", "timesheet", "id"},
	"PATCH /api/v1/org/settings":                     {"org.settings", "organisation", ""},
	"POST /api/v1/org/follow-up/{person}/actions":    {"follow_up.act", "person", "person"},
	"POST /api/v1/admin/organisations":               {"organisation.create", "organisation", ""},
	"POST /api/v1/admin/invites":                     {"staff.invite", "user", ""},
	"POST /api/v1/admin/categories":                  {"category.create", "category", ""},
	"PATCH /api/v1/admin/categories/{slug}":          {"category.update", "category", ""},
	"GET /api/v1/org/audit":                          {"audit.export", "audit_log", ""}, // CSV only
	"GET /api/v1/admin/audit":                        {"audit.export", "audit_log", ""}, // CSV only
	"PUT /api/v1/org/impact/values":                  {"impact.values", "organisation", ""},
	"GET /api/v1/org/impact":                         {"impact.export", "impact", ""}, // CSV only
	"GET /api/v1/admin/impact":                       {"impact.export", "impact", ""}, // CSV only
}

// AuditActionCodes lists the action codes the log may hold (the filter accepts only these).
func auditActionCodes() map[string]bool {
	out := map[string]bool{}
	for _, a := range auditActions {
		out[a.Action] = true
	}
	return out
}

// audited starts the audit entry of a staff write: the actor, the organisation concerned, the
// action and its subject. The store writes it in the transaction of the change (see
// klusbuddy.PendingAudit); a write that succeeds without it is logged as an error.
func (s *Server) audited(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet || r.Method == http.MethodHead || r.Method == http.MethodOptions {
			next.ServeHTTP(w, r)
			return
		}
		p, _ := principal(r.Context())
		route := r.Method + " " + chi.RouteContext(r.Context()).RoutePattern()
		a, ok := auditActions[route]
		if !ok {
			s.log.Error("staff write route without an audit action", "route", route)
			writeError(w, r, s.log, klusbuddy.Errorf(klusbuddy.EINTERNAL, "This action cannot be recorded."))
			return
		}
		e := klusbuddy.AuditEntry{ActorID: p.ID, ActorRole: p.Role, Action: a.Action, SubjectType: a.SubjectType}
		if p.Role == klusbuddy.RoleCoordinator {
			e.OrganisationID = p.OrganisationID
		}
		if a.Param != "" {
			if id, err := strconv.ParseInt(chi.URLParam(r, a.Param), 10, 64); err == nil && id > 0 {
				e.SubjectID = id
			}
		}
		if a.SubjectType == "organisation" && p.Role == klusbuddy.RoleCoordinator {
			e.SubjectID = p.OrganisationID
		}
		if rc := chi.RouteContext(r.Context()); rc != nil {
			for i, k := range rc.URLParams.Keys {
				if k != a.Param && k != "" && k != "*" {
					if e.Details == nil {
						e.Details = map[string]any{}
					}
					e.Details[k] = rc.URLParams.Values[i]
				}
			}
		}
		ctx, pending := klusbuddy.WithAudit(r.Context(), e)
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r.WithContext(ctx))
		if sw.status >= 200 && sw.status < 300 && !pending.Written() {
			s.log.Error("staff write succeeded without an audit row", "route", route)
		}
	})
}

// statusWriter remembers the status a handler answered with.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

var auditSubjectPattern = regexp.MustCompile(`^([a-z_]+)(?::([0-9]{1,18}))?$`)

// auditFilter reads the audit log's filters from the query: from and to (dates, Belgian days,
// both included), action, actor (a user id), subject ("person" or "person:12"), before (an
// entry id: the page after), limit (1..200), and for admins organisation. 422 names the field.
func auditFilter(r *http.Request, admin bool) (klusbuddy.AuditFilter, error) {
	q := r.URL.Query()
	f := klusbuddy.AuditFilter{Limit: 50}
	fe := klusbuddy.FieldErrors{}
	day := func(name string) time.Time {
		v := q.Get(name)
		if v == "" {
			return time.Time{}
		}
		d, err := time.ParseInLocation("2006-01-02", v, belgium())
		if err != nil {
			fe.Add(name, "Give a date as YYYY-MM-DD.")
		}
		return d
	}
	f.From = day("from")
	if to := day("to"); !to.IsZero() {
		f.To = to.AddDate(0, 0, 1)
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		fe.Add("to", "The end date cannot be before the start date.")
	}
	id := func(name string) int64 {
		v := q.Get(name)
		if v == "" {
			return 0
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			fe.Add(name, "Give a positive whole number.")
			return 0
		}
		return n
	}
	f.ActorID, f.Before = id("actor"), id("before")
	if admin {
		f.OrganisationID = id("organisation")
	} else if q.Has("organisation") {
		fe.Add("organisation", "Coordinators see their own organisation only.")
	}
	if v := q.Get("action"); v != "" {
		if !auditActionCodes()[v] {
			fe.Add("action", "There is no such action.")
		}
		f.Action = v
	}
	if v := q.Get("subject"); v != "" {
		m := auditSubjectPattern.FindStringSubmatch(v)
		if m == nil {
			fe.Add("subject", "Give a kind, optionally with an id: person or person:12.")
		} else {
			f.SubjectType = m[1]
			f.SubjectID, _ = strconv.ParseInt(m[2], 10, 64)
		}
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > klusbuddy.MaxAuditPage {
			fe.Add("limit", "Give a number from 1 to 200.")
		}
		f.Limit = n
	}
	if v := q.Get("format"); v != "" && v != "csv" && v != "json" {
		fe.Add("format", "Give csv or json.")
	}
	return f, fe.Err()
}

func belgium() *time.Location {
	if l, err := time.LoadLocation("Europe/Brussels"); err == nil {
		return l
	}
	return time.UTC
}

type auditEntryJSON struct {
	ID               int64          `json:"id"`
	At               time.Time      `json:"at"`
	ActorID          int64          `json:"actor_id"`
	ActorRole        klusbuddy.Role `json:"actor_role"`
	ActorName        string         `json:"actor_name"`
	OrganisationID   *int64         `json:"organisation_id"`
	OrganisationName string         `json:"organisation_name"`
	Action           string         `json:"action"`
	SubjectType      string         `json:"subject_type"`
	SubjectID        *int64         `json:"subject_id"`
	SubjectName      string         `json:"subject_name"`
	Details          map[string]any `json:"details"`
}

func optionalID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

func (s *Server) orgAudit(w http.ResponseWriter, r *http.Request)   { s.auditLog(w, r, false) }
func (s *Server) adminAudit(w http.ResponseWriter, r *http.Request) { s.auditLog(w, r, true) }

// auditLog answers GET /org/audit (a coordinator's organisation) and GET /admin/audit (all),
// as JSON pages or, with ?format=csv, as one CSV of every matching entry (itself audited).
func (s *Server) auditLog(w http.ResponseWriter, r *http.Request, admin bool) {
	p, _ := principal(r.Context())
	f, err := auditFilter(r, admin)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	if !admin {
		f.OrganisationID = p.OrganisationID
	}
	if r.URL.Query().Get("format") == "csv" {
		s.auditCSV(w, r, p, f)
		return
	}
	entries, err := s.deps.Audit.AuditLog(r.Context(), f)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	out := make([]auditEntryJSON, len(entries))
	for i, e := range entries {
		out[i] = toAuditJSON(e)
	}
	var next *int64
	if len(entries) == f.Limit {
		next = &entries[len(entries)-1].ID
	}
	writeJSON(w, http.StatusOK, map[string]any{"entries": out, "next_before": next})
}

func toAuditJSON(e klusbuddy.AuditEntry) auditEntryJSON {
	d := e.Details
	if d == nil {
		d = map[string]any{}
	}
	return auditEntryJSON{ID: e.ID, At: e.At, ActorID: e.ActorID, ActorRole: e.ActorRole, ActorName: e.ActorName,
		OrganisationID: optionalID(e.OrganisationID), OrganisationName: e.OrganisationName, Action: e.Action,
		SubjectType: e.SubjectType, SubjectID: optionalID(e.SubjectID), SubjectName: e.SubjectName, Details: d}
}

// auditCSVHeaders are the CSV's column names per language.
var auditCSVHeaders = map[klusbuddy.Language][]string{
	klusbuddy.Dutch:   {"nr", "tijdstip", "door (id)", "door", "rol", "organisatie", "actie", "onderwerp", "onderwerp (id)", "naam", "details"},
	klusbuddy.French:  {"n°", "moment", "par (id)", "par", "rôle", "organisation", "action", "sujet", "sujet (id)", "nom", "détails"},
	klusbuddy.English: {"no", "time", "by (id)", "by", "role", "organisation", "action", "subject", "subject (id)", "name", "details"},
}

// maxAuditCSVRows bounds one CSV download.
const maxAuditCSVRows = 100_000

// auditCSV writes every entry f lets through, newest first, page by page, as CSV for Belgian
// spreadsheets (BOM, semicolons, Belgian time). The export itself goes into the log first.
func (s *Server) auditCSV(w http.ResponseWriter, r *http.Request, p klusbuddy.Principal, f klusbuddy.AuditFilter) {
	// What was exported, from the checked filter only: codes, ids and days, never a text the
	// caller typed (the log keeps no personal text, and nothing in it can be erased).
	details := map[string]any{"format": "csv"}
	for _, k := range []string{"from", "to"} { // days, checked by auditFilter
		if v := r.URL.Query().Get(k); v != "" {
			details[k] = v
		}
	}
	if f.Action != "" {
		details["action"] = f.Action
	}
	if f.ActorID != 0 {
		details["actor"] = f.ActorID
	}
	if f.SubjectType != "" {
		details["subject_type"] = f.SubjectType
	}
	if f.SubjectID != 0 {
		details["subject_id"] = f.SubjectID
	}
	if p.Role == klusbuddy.RoleAdmin && f.OrganisationID != 0 {
		details["organisation"] = f.OrganisationID
	}
	e := klusbuddy.AuditEntry{ActorID: p.ID, ActorRole: p.Role, Action: "audit.export", SubjectType: "audit_log", Details: details}
	if p.Role == klusbuddy.RoleCoordinator {
		e.OrganisationID = p.OrganisationID
	} else {
		e.OrganisationID = f.OrganisationID
	}
	if err := s.deps.Audit.WriteAudit(r.Context(), e); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	l := language(r)
	head, ok := auditCSVHeaders[l]
	if !ok {
		head = auditCSVHeaders[klusbuddy.Dutch]
	}
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="klusbuddy-audit.csv"`)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte("\uFEFF"))
	c := csv.NewWriter(w)
	c.Comma = ';'
	_ = c.Write(head)
	loc := belgium()
	f.Limit = klusbuddy.MaxAuditPage
	for n := 0; n < maxAuditCSVRows; {
		entries, err := s.deps.Audit.AuditLog(r.Context(), f)
		if err != nil {
			s.log.Error("audit CSV", "err", err)
			break
		}
		for _, e := range entries {
			d, _ := json.Marshal(e.Details)
			org, subject := "", ""
			if e.OrganisationID != 0 {
				org = strings.TrimSpace(e.OrganisationName + " (" + strconv.FormatInt(e.OrganisationID, 10) + ")")
			}
			if e.SubjectID != 0 {
				subject = strconv.FormatInt(e.SubjectID, 10)
			}
			_ = c.Write([]string{strconv.FormatInt(e.ID, 10), e.At.In(loc).Format("2006-01-02 15:04:05"), strconv.FormatInt(e.ActorID, 10),
				spreadsheetText(e.ActorName), string(e.ActorRole), spreadsheetText(org), e.Action, e.SubjectType, subject,
				spreadsheetText(e.SubjectName), spreadsheetText(string(d))})
		}
		n += len(entries)
		c.Flush()
		if len(entries) < f.Limit {
			break
		}
		f.Before = entries[len(entries)-1].ID
	}
	c.Flush()
}
