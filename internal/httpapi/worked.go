package httpapi

import (
	"encoding/json"
	"math"
	"net/http"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// What a worker worked, a buddy's volunteer hours, an organisation's settings and figures
// (issue 12). Hours are decimal hours rounded to the hundredth; amounts are cents. None of it
// holds the poster's price.

func hours2(h float64) float64 { return math.Round(h*100) / 100 }

type workedJobJSON struct {
	JobID        int64                 `json:"job_id"`
	Category     string                `json:"category"`
	Start        time.Time             `json:"start"`
	End          time.Time             `json:"end"`
	BookedHours  float64               `json:"booked_hours"`
	Hours        float64               `json:"hours"`
	Final        bool                  `json:"final"`
	SheetState   *klusbuddy.SheetState `json:"sheet_state"`
	Unit         *klusbuddy.SheetUnit  `json:"unit"`
	PendingHours *float64              `json:"pending_hours"`
	Items        *int                  `json:"items"`
	PayCents     *int                  `json:"pay_cents"`
}

func toWorkedJobs(js []klusbuddy.WorkedJob) []workedJobJSON {
	out := make([]workedJobJSON, len(js))
	for i, j := range js {
		o := workedJobJSON{JobID: j.JobID, Category: j.Category, Start: j.Start, End: j.End, BookedHours: hours2(j.BookedHours),
			Hours: hours2(j.Hours), Final: j.Final, Items: j.Items, PayCents: j.PayCents}
		if j.Sheet != "" {
			st, u := j.Sheet, j.Unit
			o.SheetState, o.Unit = &st, &u
		}
		if j.Pending != nil {
			h := hours2(float64(*j.Pending) / 60)
			o.PendingHours = &h
		}
		out[i] = o
	}
	return out
}

// myHours answers GET /me/hours?month=YYYY-MM.
func (s *Server) myHours(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	h, err := s.deps.Worked.MyHours(r.Context(), p, r.URL.Query().Get("month"))
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"month":           h.Month,
		"month_hours":     hours2(h.MonthHours),
		"year_hours":      hours2(h.YearHours),
		"month_cap":       h.MonthCap,
		"year_cap":        h.YearCap,
		"rate_cents":      h.RateCents,
		"month_pay_cents": h.MonthPayCents,
		"jobs":            toWorkedJobs(h.Jobs),
		"history":         toWorkedJobs(h.History),
	})
}

// myVolunteerHours answers GET /me/volunteer-hours.
func (s *Server) myVolunteerHours(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	v, err := s.deps.Worked.MyVolunteerHours(r.Context(), p)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	jobs := make([]map[string]any, len(v.Jobs))
	for i, j := range v.Jobs {
		jobs[i] = map[string]any{"job_id": j.JobID, "category": j.Category, "start": j.Start, "end": j.End,
			"hours": hours2(j.Hours), "sheet_state": j.Sheet}
	}
	writeJSON(w, http.StatusOK, map[string]any{"year": v.Year, "year_hours": hours2(v.YearHours), "total_hours": hours2(v.TotalHours), "jobs": jobs})
}

func orgSettingsJSON(o klusbuddy.OrgSettings) map[string]any {
	f := o.FollowUp
	return map[string]any{"worker_rate_cents": o.WorkerRateCents, "follow_inactive_days": f.InactiveDays,
		"follow_expired_in_row": f.ExpiredInRow, "follow_declines_in_row": f.DeclinesInRow, "follow_invite_days": f.InviteDays,
		"follow_unseen_days": f.UnseenDays}
}

// orgSettings answers GET /org/settings.
func (s *Server) orgSettings(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	o, err := s.deps.Worked.OrgSettings(r.Context(), p)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusOK, orgSettingsJSON(o))
}

// updateOrgSettings answers PATCH /org/settings, a JSON merge patch: a field left out stays,
// null clears it.
func (s *Server) updateOrgSettings(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	var in struct {
		WorkerRateCents json.RawMessage `json:"worker_rate_cents"`
		InactiveDays    *int            `json:"follow_inactive_days"`
		ExpiredInRow    *int            `json:"follow_expired_in_row"`
		DeclinesInRow   *int            `json:"follow_declines_in_row"`
		InviteDays      *int            `json:"follow_invite_days"`
		UnseenDays      *int            `json:"follow_unseen_days"`
	}
	if err := decodeJSON(r, &in); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	patch := klusbuddy.OrgSettingsPatch{InactiveDays: in.InactiveDays, ExpiredInRow: in.ExpiredInRow, DeclinesInRow: in.DeclinesInRow,
		InviteDays: in.InviteDays, UnseenDays: in.UnseenDays}
	if len(in.WorkerRateCents) > 0 {
		patch.SetRate = true
		if string(in.WorkerRateCents) != "null" {
			var rate int
			if err := json.Unmarshal(in.WorkerRateCents, &rate); err != nil {
				writeError(w, r, s.log, &klusbuddy.Error{Code: klusbuddy.EINVALID, Message: "Some fields are not valid.",
					Fields: map[string]string{"worker_rate_cents": "Give an hourly pay in cents from 1 to 100000, or null for none."}})
				return
			}
			patch.Rate = &rate
		}
	}
	if before, err := s.deps.Worked.OrgSettings(r.Context(), p); err == nil {
		old, changed := map[string]any{}, map[string]any{}
		if patch.SetRate {
			old["worker_rate_cents"], changed["worker_rate_cents"] = before.WorkerRateCents, patch.Rate
		}
		f := before.FollowUp
		for _, c := range []struct {
			name string
			was  int
			to   *int
		}{{"follow_inactive_days", f.InactiveDays, in.InactiveDays}, {"follow_expired_in_row", f.ExpiredInRow, in.ExpiredInRow},
			{"follow_declines_in_row", f.DeclinesInRow, in.DeclinesInRow}, {"follow_invite_days", f.InviteDays, in.InviteDays},
			{"follow_unseen_days", f.UnseenDays, in.UnseenDays}} {
			if c.to != nil {
				old[c.name], changed[c.name] = c.was, *c.to
			}
		}
		if len(changed) > 0 {
			klusbuddy.AuditFrom(r.Context()).Detail("changes", klusbuddy.AuditDiff(old, changed))
		}
	}
	o, err := s.deps.Worked.UpdateOrgSettings(r.Context(), p, patch)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusOK, orgSettingsJSON(o))
}

// orgFigures answers GET /org/figures.
func (s *Server) orgFigures(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	f, err := s.deps.Worked.OrgFigures(r.Context(), p)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"year": f.Year, "volunteer_hours": hours2(f.VolunteerHours), "worked_hours": hours2(f.WorkedHours)})
}
