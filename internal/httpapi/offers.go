package httpapi

import (
	"bytes"
	"context"
	"crypto/sha256"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// IdempotencyStore keeps the answers to requests made with an Idempotency-Key.
type IdempotencyStore interface {
	IdempotentResult(ctx context.Context, userID int64, key string) (klusbuddy.StoredAnswer, bool, error)
	StoreIdempotentResult(ctx context.Context, userID int64, key string, a klusbuddy.StoredAnswer) error
}

type offerJSON struct {
	ID            int64     `json:"id"`
	JobID         int64     `json:"job_id"`
	Category      string    `json:"category"`
	Description   string    `json:"description"`
	Municipality  string    `json:"municipality"`
	Start         time.Time `json:"start"`
	End           time.Time `json:"end"`
	TravelMinutes float64   `json:"travel_minutes"`
	NeedsBuddy    bool      `json:"needs_buddy"`
	ExpiresAt     time.Time `json:"expires_at"`
	// the worker's pay (their organisation's rate × the hours), null without a rate; never the poster's price
	PayEstimateCents *int `json:"pay_estimate_cents"`
}

func (s *Server) listOffers(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	offers, err := s.deps.Offers.MyOffers(r.Context(), p)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	out := make([]offerJSON, len(offers))
	for i, o := range offers {
		out[i] = offerJSON{ID: o.ID, JobID: o.JobID, Category: o.Category, Description: o.Description, Municipality: o.Municipality,
			Start: o.Start, End: o.End, TravelMinutes: o.TravelMinutes, NeedsBuddy: o.NeedsBuddy, ExpiresAt: o.ExpiresAt, PayEstimateCents: o.PayCents}
	}
	writeJSON(w, http.StatusOK, map[string]any{"offers": out})
}

var idempotencyKey = regexp.MustCompile(`^[A-Za-z0-9_-]{8,100}$`)

// acceptOffer answers the same way to every request with the same Idempotency-Key: a phone
// that lost the answer on a bad connection may send the accept again and learn what happened.
func (s *Server) acceptOffer(w http.ResponseWriter, r *http.Request) {
	s.idempotent(w, r, func(w http.ResponseWriter) {
		p, _ := principal(r.Context())
		id, err := pathID(r, "id")
		if err == nil {
			var a klusbuddy.Assignment
			if a, err = s.deps.Offers.Accept(r.Context(), p, id); err == nil {
				writeJSON(w, http.StatusOK, map[string]any{"assignment": assignmentJSON(a, s.deps.Now())})
				return
			}
		}
		writeError(w, r, s.log, err)
	})
}

// idempotent runs handle once per Idempotency-Key (when the request has one) and replays its
// answer to every later request with the same key. The key names one request: on another
// (another offer, another body) it is refused with 422, as the IETF idempotency-key draft
// says, so that an app with a bug cannot believe it accepted.
func (s *Server) idempotent(w http.ResponseWriter, r *http.Request, handle func(w http.ResponseWriter)) {
	p, _ := principal(r.Context())
	key := r.Header.Get("Idempotency-Key")
	var fingerprint []byte
	if key != "" {
		if !idempotencyKey.MatchString(key) {
			writeError(w, r, s.log, &klusbuddy.Error{Code: klusbuddy.EINVALID, Message: "Some fields are not valid.",
				Fields: map[string]string{"Idempotency-Key": "Use 8 to 100 letters, digits, - or _."}})
			return
		}
		body, err := io.ReadAll(r.Body) // within the body limit
		if err != nil {
			writeError(w, r, s.log, klusbuddy.Errorf(klusbuddy.EINVALID, "The body could not be read."))
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		sum := sha256.Sum256([]byte(r.Method + " " + r.URL.Path + "\n" + string(body)))
		fingerprint = sum[:]
		stored, ok, err := s.deps.Idempotency.IdempotentResult(r.Context(), p.ID, key)
		if err != nil {
			writeError(w, r, s.log, err)
			return
		}
		if ok && stored.Fingerprint != nil && !bytes.Equal(stored.Fingerprint, fingerprint) {
			writeError(w, r, s.log, &klusbuddy.Error{Code: klusbuddy.EINVALID, Message: "Some fields are not valid.",
				Fields: map[string]string{"Idempotency-Key": "This key was used for another request; use a new key for each request."}})
			return
		}
		if ok {
			w.Header().Set("Content-Type", "application/json")
			if stored.Status >= 400 {
				w.Header().Set("Content-Type", "application/problem+json")
			}
			w.Header().Set("Idempotent-Replayed", "true")
			w.WriteHeader(stored.Status)
			w.Write(stored.Body)
			return
		}
	}
	rec := &recorder{header: http.Header{}}
	handle(rec)
	// Only final answers are kept: a passing outage must be retried for real.
	if key != "" && rec.status < 500 {
		a := klusbuddy.StoredAnswer{Status: rec.status, Body: rec.body.Bytes(), Fingerprint: fingerprint}
		if err := s.deps.Idempotency.StoreIdempotentResult(r.Context(), p.ID, key, a); err != nil {
			s.log.WarnContext(r.Context(), "storing an idempotent answer", "error", err)
		}
	}
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.status)
	w.Write(rec.body.Bytes())
}

// recorder keeps a response to store it before sending it.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }
func (r *recorder) WriteHeader(status int)      { r.status = status }

func assignmentJSON(a klusbuddy.Assignment, now time.Time) map[string]any {
	buddy := map[string]any{"state": a.BuddyState}
	if a.BuddyName != "" {
		buddy["first_name"] = a.BuddyName
	}
	out := map[string]any{"job_id": a.JobID, "place": a.Place, "job": withoutPrice(toJobJSON(a.Job, now)), "buddy": buddy, "outcome": nil}
	onTheDayJSON(out, a.OnTheDay)
	if a.Outcome != "" {
		out["outcome"] = a.Outcome
	}
	return out
}

// personJobJSON is a job as a worker or buddy sees it: without the poster's price (the
// shallower Price hides jobJSON's and, nil, is left out).
type personJobJSON struct {
	jobJSON
	Price *priceJSON `json:"price,omitempty"`
}

func withoutPrice(j jobJSON) personJobJSON { return personJobJSON{jobJSON: j} }

// onTheDayJSON adds what a worker or buddy sees of their booking on the day.
func onTheDayJSON(out map[string]any, d klusbuddy.OnTheDay) {
	out["travel_mode"], out["meeting"], out["contacts"] = d.TravelMode, toMeetingJSON(d.Meeting), toContactsJSON(d.Contacts)
	out["attendance"], out["safety_reported"] = toAttendanceJSON(d.Attendance), d.SafetyReported
}

func (s *Server) declineOffer(w http.ResponseWriter, r *http.Request) {
	s.decline(w, r, s.deps.Offers.Decline)
}

// decline answers a no to what {id} names (an offer, a buddy request), with an optional
// {"reason"}: 204.
func (s *Server) decline(w http.ResponseWriter, r *http.Request,
	say func(ctx context.Context, actor klusbuddy.Principal, id int64, reason klusbuddy.DeclineReason) error) {
	p, _ := principal(r.Context())
	id, err := pathID(r, "id")
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	var in struct {
		Reason klusbuddy.DeclineReason `json:"reason"`
	}
	if err := decodeOptionalJSON(r, &in); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	if err := say(r.Context(), p, id, in.Reason); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) listAssignments(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	as, err := s.deps.Offers.MyAssignments(r.Context(), p)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	out := make([]map[string]any, len(as))
	for i, a := range as {
		out[i] = assignmentJSON(a, s.deps.Now())
	}
	writeJSON(w, http.StatusOK, map[string]any{"assignments": out})
}

func (s *Server) listNotifications(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r.Context())
	after, err := afterParam(r)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	if v := r.URL.Query().Get("latest"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > klusbuddy.MaxLatestNotifications || after != nil {
			writeError(w, r, s.log, &klusbuddy.Error{Code: klusbuddy.EINVALID, Message: "Some fields are not valid.",
				Fields: map[string]string{"latest": "Ask for 1 to 200 of the latest notifications, without after."}})
			return
		}
		ns, err := s.deps.Notifications.LatestNotifications(r.Context(), p, n)
		if err != nil {
			writeError(w, r, s.log, err)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"notifications": ns})
		return
	}
	var from int64 // from the start when not given
	if after != nil {
		from = *after
	}
	ns, err := s.deps.Notifications.Notifications(r.Context(), p, from)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"notifications": ns})
}

func (s *Server) dropOut(w http.ResponseWriter, r *http.Request) {
	s.leave(w, r, s.deps.Offers.DropOut)
}

// leave takes the caller off what {id} names (a job they are booked on, an accompaniment) and
// answers whether it was late.
func (s *Server) leave(w http.ResponseWriter, r *http.Request,
	drop func(ctx context.Context, actor klusbuddy.Principal, id int64) (bool, error)) {
	p, _ := principal(r.Context())
	id, err := pathID(r, "id")
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	late, err := drop(r.Context(), p, id)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	if late {
		s.pokeFollowUp() // a late drop-out puts them on their coordinator's list at once
	}
	writeJSON(w, http.StatusOK, map[string]any{"late": late})
}
