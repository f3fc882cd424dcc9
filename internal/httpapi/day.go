package httpapi

import (
	"context"
	"net/http"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// The day of the job: check-in, check-out and "Ik voel me niet veilig" for workers (on the job
// they are booked on) and buddies (on the accompaniment), the buddy's meeting point, and the
// coordinators' follow-up.

type positionJSON struct {
	Lat      *float64 `json:"lat"`
	Lon      *float64 `json:"lon"`
	Accuracy *float64 `json:"accuracy"`
}

// arrivalIn is a tap as the phone sends it: its own time and, with permission, its position.
type arrivalIn struct {
	At       string        `json:"at"`
	Position *positionJSON `json:"position"`
}

func (in arrivalIn) arrival() (klusbuddy.Arrival, error) {
	var a klusbuddy.Arrival
	fe := klusbuddy.FieldErrors{}
	if in.At == "" {
		fe.Add("at", "Give the time of the tap.")
	} else if t, err := time.Parse(time.RFC3339Nano, in.At); err != nil {
		fe.Add("at", "Give a date and time such as 2026-12-24T09:00:00+01:00.")
	} else {
		a.At = t
	}
	if p := in.Position; p != nil {
		for field, v := range map[string]*float64{"lat": p.Lat, "lon": p.Lon, "accuracy": p.Accuracy} {
			if v == nil {
				fe.Add("position."+field, "Give the position's latitude, longitude and accuracy.")
			}
		}
		if p.Lat != nil && p.Lon != nil && p.Accuracy != nil {
			a.Position = &klusbuddy.Position{Lat: *p.Lat, Lon: *p.Lon, Accuracy: *p.Accuracy}
		}
	}
	return a, fe.Err()
}

type attendanceJSON struct {
	CheckedInAt  time.Time  `json:"checked_in_at"`
	CheckedOutAt *time.Time `json:"checked_out_at"`
	DistanceM    *float64   `json:"distance_m"`
	Far          bool       `json:"far"`
}

func toAttendanceJSON(a *klusbuddy.Attendance) *attendanceJSON {
	if a == nil {
		return nil
	}
	return &attendanceJSON{CheckedInAt: a.CheckedInAt, CheckedOutAt: a.CheckedOutAt, DistanceM: roundMetres(a.DistanceM), Far: a.Far}
}

// roundMetres keeps a distance to the metre: a phone's position is not more exact than that.
func roundMetres(m *float64) *float64 {
	if m == nil {
		return nil
	}
	r := float64(int64(*m + 0.5))
	return &r
}

type contactJSON struct {
	Role      klusbuddy.Role `json:"role"`
	FirstName string         `json:"first_name"`
	Phone     string         `json:"phone"`
}

func toContactsJSON(cs []klusbuddy.Contact) []contactJSON {
	out := make([]contactJSON, len(cs))
	for i, c := range cs {
		out[i] = contactJSON{Role: c.Role, FirstName: c.FirstName, Phone: c.Phone}
	}
	return out
}

type meetingJSON struct {
	Place  string    `json:"place"`
	At     time.Time `json:"at"`
	Chosen bool      `json:"chosen"`
}

func toMeetingJSON(m *klusbuddy.Meeting) *meetingJSON {
	if m == nil {
		return nil
	}
	return &meetingJSON{Place: m.Place, At: m.At, Chosen: m.Chosen}
}

// tapFunc is one of the day's taps (check-in, check-out) answering the person's attendance.
type tapFunc func(ctx context.Context, actor klusbuddy.Principal, t klusbuddy.Tap, a klusbuddy.Arrival) (klusbuddy.Attendance, error)

// tap answers a check-in or check-out on what {id} names for role, once per Idempotency-Key:
// a phone that kept the tap offline sends it again until it has an answer.
func (s *Server) tap(role klusbuddy.Role, do func(*Server) tapFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.idempotent(w, r, func(w http.ResponseWriter) {
			p, _ := principal(r.Context())
			a, err := s.readArrival(r)
			if err == nil {
				var att klusbuddy.Attendance
				if att, err = do(s)(r.Context(), p, klusbuddy.Tap{Role: role, ID: mustPathID(r)}, a); err == nil {
					writeJSON(w, http.StatusOK, map[string]any{"attendance": toAttendanceJSON(&att)})
					return
				}
			}
			writeError(w, r, s.log, err)
		})
	}
}

// readArrival reads {id} and the tap's body.
func (s *Server) readArrival(r *http.Request) (klusbuddy.Arrival, error) {
	if _, err := pathID(r, "id"); err != nil {
		return klusbuddy.Arrival{}, err
	}
	var in arrivalIn
	if err := decodeJSON(r, &in); err != nil {
		return klusbuddy.Arrival{}, err
	}
	return in.arrival()
}

// mustPathID is {id} once readArrival has checked it.
func mustPathID(r *http.Request) int64 {
	id, _ := pathID(r, "id")
	return id
}

func checkIn(s *Server) tapFunc  { return s.deps.Day.CheckIn }
func checkOut(s *Server) tapFunc { return s.deps.Day.CheckOut }

// reportUnsafe answers "Ik voel me niet veilig" (201): the person may leave now; their
// coordinators' phones and 112 come with the answer.
func (s *Server) reportUnsafe(role klusbuddy.Role) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.idempotent(w, r, func(w http.ResponseWriter) {
			p, _ := principal(r.Context())
			a, err := s.readArrival(r)
			if err == nil {
				var ans klusbuddy.SafetyAnswer
				if ans, err = s.deps.Day.ReportUnsafe(r.Context(), p, klusbuddy.Tap{Role: role, ID: mustPathID(r)}, a); err == nil {
					writeJSON(w, http.StatusCreated, map[string]any{"report_id": ans.ReportID,
						"coordinators": toContactsJSON(ans.Coordinators), "emergency": klusbuddy.EmergencyNumber})
					return
				}
			}
			writeError(w, r, s.log, err)
		})
	}
}

func (s *Server) setMeeting(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	id, err := pathID(r, "id")
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	var in struct {
		Place *string `json:"place"`
		At    string  `json:"at"`
	}
	if err := decodeJSON(r, &in); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	fe := klusbuddy.FieldErrors{}
	var m klusbuddy.Meeting
	if in.Place == nil {
		fe.Add("place", "Give the meeting point, or leave it empty for the job's address.")
	} else if m.Place = *in.Place; klusbuddy.CheckLength(fe, "place", m.Place, klusbuddy.MaxMeetingPlace) {
		m.Place = ""
	}
	if t, err := time.Parse(time.RFC3339Nano, in.At); err != nil {
		fe.Add("at", "Give the date and time.")
	} else {
		m.At = t
	}
	if err := fe.Err(); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	if err := s.deps.Day.SetMeeting(r.Context(), p, id, m); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	as, err := s.deps.Buddies.MyAccompaniments(r.Context(), p)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	for _, a := range as {
		if a.ID == id {
			writeJSON(w, http.StatusOK, map[string]any{"accompaniment": accompanimentJSON(a, s.deps.Now())})
			return
		}
	}
	writeError(w, r, s.log, klusbuddy.Errorf(klusbuddy.ENOTFOUND, "You do not go along on this job."))
}

func safetyReportJSON(r klusbuddy.SafetyReport) map[string]any {
	var pos any
	if r.Position != nil {
		pos = map[string]any{"lat": r.Position.Lat, "lon": r.Position.Lon, "accuracy": r.Position.Accuracy}
	}
	out := map[string]any{"id": r.ID, "job_id": r.JobID, "role": r.Role, "person": personRefJSON(r.Person), "category": r.Category,
		"municipality": r.Municipality, "street": r.Street, "start": r.Start, "at": r.At, "received_at": r.Received,
		"position": pos, "distance_m": roundMetres(r.DistanceM), "acknowledged_at": r.AcknowledgedAt,
		"acknowledged_by": nil, "follow_up": nil}
	if r.Phone != "" {
		out["phone"] = r.Phone
	}
	if r.AcknowledgedAt != nil {
		out["acknowledged_by"], out["follow_up"] = r.AcknowledgedBy, r.FollowUp
	}
	return out
}

func (s *Server) listSafetyReports(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	reports, err := s.deps.Day.SafetyReports(r.Context(), p)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	out := make([]map[string]any, len(reports))
	for i, rep := range reports {
		out[i] = safetyReportJSON(rep)
	}
	writeJSON(w, http.StatusOK, map[string]any{"reports": out})
}

func (s *Server) acknowledgeSafety(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	id, err := pathID(r, "id")
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	var in struct {
		FollowUp string `json:"follow_up"`
	}
	if err := decodeJSON(r, &in); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	rep, err := s.deps.Day.AcknowledgeSafety(r.Context(), p, id, in.FollowUp)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"report": safetyReportJSON(rep)})
}

func (s *Server) recordOutcome(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	id, err := pathID(r, "id")
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	var in struct {
		Place   int               `json:"place"`
		Outcome klusbuddy.Outcome `json:"outcome"`
		Close   bool              `json:"close"`
	}
	if err := decodeJSON(r, &in); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	klusbuddy.AuditFrom(r.Context()).Detail("place", in.Place)
	klusbuddy.AuditFrom(r.Context()).Detail("outcome", in.Outcome)
	klusbuddy.AuditFrom(r.Context()).Detail("close", in.Close)
	if err := s.deps.Day.RecordOutcome(r.Context(), p, id, in.Place, in.Outcome, in.Close); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	if in.Outcome == klusbuddy.OutcomeWorkerNoShow || in.Outcome == klusbuddy.OutcomeBuddyNoShow {
		s.pokeFollowUp() // someone who did not come enters their coordinator's list at once
	}
	rv, err := s.deps.Board.ReviewJob(r.Context(), p, id)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"job": toBoardJobJSON(rv.Job)})
}
