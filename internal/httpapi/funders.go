package httpapi

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Exports for funders (issue 13): the anonymised rows under the impact figures as CSV,
// streamed row by row from the database to the client (docs/exports.md says what each column
// holds and why nothing in it points back to a person). X-Total-Rows, sent before the first
// row, lets the screen show progress.

// exportWriteWait is how long one write to the client may block: a client that stops reading
// for that long is dropped, and with it the export's database connection.
const exportWriteWait = time.Minute

// exportFlushRows is how many rows go out between flushes: small enough for steady progress on
// the screen, large enough that flushing costs nothing.
const exportFlushRows = 1000

var exportJobsHeaders = map[klusbuddy.Language][]string{
	klusbuddy.Dutch: {"klus", "organisatie", "gemeente", "categorie", "soort opdrachtgever", "datum", "week", "status", "plaatsen", "geboekt",
		"buddy", "buddies geboekt", "uren geboekt", "uren goedgekeurd", "plaatsen goedgekeurd", "vrijwilligersuren", "niet gekomen",
		"buddy niet gekomen", "late afhakers", "vroege afhakers", "afhakende buddies", "uitkomst klus", "uren tot ingevuld", "laat geannuleerd"},
	klusbuddy.French: {"job", "organisation", "commune", "catégorie", "type de client", "date", "semaine", "statut", "places", "réservées",
		"accompagnement", "accompagnateurs réservés", "heures réservées", "heures approuvées", "places approuvées", "heures bénévoles", "absences",
		"absences accompagnateur", "désistements tardifs", "désistements anticipés", "désistements accompagnateurs", "issue du job",
		"heures avant d'être pourvu", "annulé tardivement"},
	klusbuddy.English: {"job", "organisation", "municipality", "category", "poster kind", "date", "week", "state", "places", "booked",
		"buddy", "buddies booked", "hours booked", "hours approved", "places approved", "volunteer hours", "no-shows",
		"buddy no-shows", "late drop-outs", "early drop-outs", "buddy drop-outs", "job outcome", "hours to fill", "cancelled late"},
}

var exportAssignmentsHeaders = map[klusbuddy.Language][]string{
	klusbuddy.Dutch: {"klus", "werker", "buddy", "status", "organisatie werker", "organisatie klus", "gemeente", "categorie",
		"soort opdrachtgever", "datum", "week", "status klus", "uren geboekt", "uren gewerkt", "uren definitief", "vrijwilligersuren",
		"uitkomst", "ingecheckt"},
	klusbuddy.French: {"job", "travailleur", "accompagnateur", "statut", "organisation du travailleur", "organisation du job", "commune",
		"catégorie", "type de client", "date", "semaine", "statut du job", "heures réservées", "heures prestées", "heures définitives",
		"heures bénévoles", "issue", "arrivé"},
	klusbuddy.English: {"job", "worker", "buddy", "status", "worker's organisation", "job's organisation", "municipality", "category",
		"poster kind", "date", "week", "job state", "hours booked", "hours worked", "hours final", "volunteer hours", "outcome", "checked in"},
}

// exportFilter reads from and to (Belgian days, both included, both required) and, for an
// admin, organisation (optional: every organisation). 422 names the field.
func exportFilter(r *http.Request, kind klusbuddy.ExportKind, p klusbuddy.Principal, admin bool) (klusbuddy.ExportFilter, error) {
	q := r.URL.Query()
	f := klusbuddy.ExportFilter{Kind: kind, Language: language(r)}
	fe := klusbuddy.FieldErrors{}
	loc := belgium()
	day := func(name string) time.Time {
		d, err := time.ParseInLocation("2006-01-02", q.Get(name), loc)
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
	switch {
	case !admin && q.Has("organisation"):
		fe.Add("organisation", "Coordinators see their own organisation only.")
	case !admin:
		f.OrganisationID = p.OrganisationID
	case q.Get("organisation") != "":
		n, err := strconv.ParseInt(q.Get("organisation"), 10, 64)
		if err != nil || n <= 0 {
			fe.Add("organisation", "Give a positive whole number.")
		}
		f.OrganisationID = n
	}
	return f, fe.Err()
}

func (s *Server) exportJobs(admin bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { s.funderExport(w, r, klusbuddy.ExportJobs, admin) }
}

func (s *Server) exportAssignments(admin bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { s.funderExport(w, r, klusbuddy.ExportAssignments, admin) }
}

// funderExport answers GET /org/exports/{jobs,assignments}.csv and their /admin twins. The
// export goes into the audit log (with the filter and the number of rows) before its first
// row. Once rows are going out, a failure aborts the connection, so the client sees a broken
// download rather than a short file that looks complete.
func (s *Server) funderExport(w http.ResponseWriter, r *http.Request, kind klusbuddy.ExportKind, admin bool) {
	p, _ := principal(r.Context())
	f, err := exportFilter(r, kind, p, admin)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	// Longer than a request may take, but no longer than the client stays.
	ctx, stop := streamContext(r, klusbuddy.ExportMaxDuration)
	defer stop()
	rc := http.NewResponseController(w)
	c := csv.NewWriter(w)
	c.Comma = ';'
	started := false
	begin := func(total int) error {
		e := klusbuddy.AuditEntry{ActorID: p.ID, ActorRole: p.Role, Action: "export." + string(kind), SubjectType: "export",
			OrganisationID: f.OrganisationID, Details: map[string]any{"format": "csv", "from": r.URL.Query().Get("from"),
				"to": r.URL.Query().Get("to"), "rows": total}}
		if err := s.deps.Audit.WriteAudit(ctx, e); err != nil {
			return err
		}
		l := f.Language
		heads := exportJobsHeaders
		if kind == klusbuddy.ExportAssignments {
			heads = exportAssignmentsHeaders
		}
		head, ok := heads[l]
		if !ok {
			head = heads[klusbuddy.Dutch]
		}
		h := w.Header()
		h.Set("Content-Type", "text/csv; charset=utf-8")
		h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="klusbuddy-%s-%s-%s.csv"`, kind, f.From.Format("2006-01-02"),
			f.To.AddDate(0, 0, -1).Format("2006-01-02")))
		h.Set("X-Total-Rows", strconv.Itoa(total))
		_ = rc.SetWriteDeadline(time.Now().Add(exportWriteWait))
		w.WriteHeader(http.StatusOK)
		started = true
		_, _ = w.Write([]byte("\uFEFF"))
		return c.Write(head)
	}
	n := 0
	flush := func() error {
		c.Flush()
		if err := c.Error(); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		_ = rc.SetWriteDeadline(time.Now().Add(exportWriteWait))
		return rc.Flush()
	}
	emit := func(rec []string) error {
		if err := c.Write(rec); err != nil {
			return err
		}
		if n++; n%exportFlushRows == 0 {
			return flush()
		}
		return nil
	}
	names := klusbuddy.NewPseudonyms()
	loc := belgium()
	rec := make([]string, 24)
	switch kind {
	case klusbuddy.ExportJobs:
		err = s.deps.Exports.ExportJobs(ctx, f, begin, func(j *klusbuddy.JobExportRow) error {
			day := j.Start.In(loc)
			rec = append(rec[:0], names.Of('J', j.JobID), spreadsheetText(j.Organisation), spreadsheetText(j.Municipality),
				spreadsheetText(j.Category), string(j.PosterKind), day.Format("2006-01-02"), isoWeek(day), string(j.State),
				strconv.Itoa(j.WorkersNeeded), strconv.Itoa(j.WorkersBooked), string(j.Buddy), strconv.Itoa(j.BuddiesBooked),
				hours(j.HoursBooked), hours(j.HoursApproved), strconv.Itoa(j.PlacesApproved), hours(j.VolunteerHours),
				strconv.Itoa(j.NoShows), strconv.Itoa(j.BuddyNoShows), strconv.Itoa(j.DropoutsLate), strconv.Itoa(j.DropoutsEarly),
				strconv.Itoa(j.BuddyDropouts), j.Outcome, optionalHours(j.TimeToFill), flag(j.CancelledLate))
			return emit(rec)
		})
	default:
		err = s.deps.Exports.ExportAssignments(ctx, f, begin, func(a *klusbuddy.AssignmentExportRow) error {
			day := a.Start.In(loc)
			rec = append(rec[:0], names.Of('J', a.JobID), names.Of('W', a.WorkerID), names.Of('B', a.BuddyID), a.Status,
				spreadsheetText(a.WorkerOrganisation), spreadsheetText(a.JobOrganisation), spreadsheetText(a.Municipality),
				spreadsheetText(a.Category), string(a.PosterKind), day.Format("2006-01-02"), isoWeek(day), string(a.JobState),
				optionalHours(a.HoursBooked), optionalHours(a.HoursWorked), flag(a.Final), optionalHours(a.VolunteerHours), a.Outcome,
				flag(a.CheckedIn))
			return emit(rec)
		})
	}
	if err == nil {
		err = flush()
	}
	switch {
	case err == nil:
	case !started:
		writeError(w, r, s.log, err)
	default:
		if ctx.Err() == nil {
			s.log.Error("funders' export broke off", "kind", kind, "rows", n, "err", err)
		}
		panic(http.ErrAbortHandler) // the client must not take a cut-off file for a whole one
	}
}

// hours writes decimal hours with two decimals and a decimal comma (2,25), as Belgian
// spreadsheets read them.
func hours(h float64) string {
	b := strconv.AppendFloat(make([]byte, 0, 12), h, 'f', 2, 64)
	for i := range b {
		if b[i] == '.' {
			b[i] = ','
		}
	}
	return string(b)
}

func optionalHours(h *float64) string {
	if h == nil {
		return ""
	}
	return hours(*h)
}

func flag(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// isoWeek is the ISO 8601 week of a day, as 2026-W05.
func isoWeek(t time.Time) string {
	y, w := t.ISOWeek()
	return fmt.Sprintf("%d-W%02d", y, w)
}
