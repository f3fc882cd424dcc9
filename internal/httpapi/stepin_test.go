package httpapi_test

import (
	"encoding/json"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/demo"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

type candidateDoc struct {
	WorkerID int64 `json:"worker_id"`
	Name     string
	Eligible bool
	Rule     *string
	Message  *string
	Warnings []string
	Offer    *struct {
		ID    int64
		State string
	}
}

// stepping is a poster's job and the coach of its organisation, with what the tests need.
type stepping struct {
	a            *site
	poster       *client
	coach        *client
	coachID, org int64
	orgSlug      string
}

func newStepping(t *testing.T, a *site) *stepping {
	s := &stepping{a: a, poster: a.signedIn(a.person(klusbuddy.RolePoster, "", 0))}
	probe := postJob(t, s.poster, nextTuesday10().Add(60*24*time.Hour), 1, klusbuddy.BuddyNotAllowed)
	a.sql.QueryRow(`SELECT o.id, o.slug FROM jobs j JOIN organisations o ON o.id = j.organisation_id WHERE j.id = $1`, probe.ID).Scan(&s.org, &s.orgSlug)
	if s.org == 0 {
		t.Fatal("the poster's jobs have no organisation")
	}
	// Few demo workers clean: teach it to all of the organisation's but the last two, so that
	// several may be chosen and some still may not.
	a.sql.MustExec(`INSERT INTO worker_skills (worker_id, category_id, level)
SELECT u.id, (SELECT id FROM categories WHERE slug = 'cleaning'), 1 FROM users u
WHERE u.organisation_id = $1 AND u.role = 'worker' AND u.id < (SELECT max(id) - 1 FROM users WHERE organisation_id = $1 AND role = 'worker')
ON CONFLICT DO NOTHING`, s.org)
	p := a.person(klusbuddy.RoleCoordinator, s.orgSlug, 0)
	s.coach, s.coachID = a.signedIn(p), a.idOf(p)
	return s
}

func (s *stepping) candidates(t *testing.T, job int64) []candidateDoc {
	t.Helper()
	res, body := s.coach.do("GET", "/api/v1/org/jobs/"+itoa(job)+"/candidates", nil)
	var doc struct{ Candidates []candidateDoc }
	if err := json.Unmarshal(body, &doc); err != nil || res.StatusCode != 200 {
		t.Fatalf("candidates: %d %s", res.StatusCode, body)
	}
	return doc.Candidates
}

// eligible returns n workers the coach may choose for the job, the best first.
func (s *stepping) eligible(t *testing.T, job int64, n int) []candidateDoc {
	t.Helper()
	var out []candidateDoc
	for _, c := range s.candidates(t, job) {
		if c.Eligible && len(out) < n {
			out = append(out, c)
		}
	}
	if len(out) < n {
		t.Fatalf("only %d workers may take job %d", len(out), job)
	}
	return out
}

func (s *stepping) choose(what string, job, worker int64, reason string) (int, problemDoc, []byte) {
	res, body := s.coach.do("POST", "/api/v1/org/jobs/"+itoa(job)+"/"+what, map[string]any{"worker": worker, "reason": reason})
	var p problemDoc
	json.Unmarshal(body, &p)
	return res.StatusCode, p, body
}

// Assigning by hand keeps every hard rule: the candidates' verdicts and the assignment's refusal
// agree, case by case, and nothing is booked on a refusal.
func TestStepInHardRules(t *testing.T) {
	a := newApp(t)
	s := newStepping(t, a)
	at := nextTuesday10().Add(7 * 24 * time.Hour)
	job := postJob(t, s.poster, at, 1, klusbuddy.BuddyNotAllowed)
	ws := s.eligible(t, job.ID, 2)
	w, other := ws[0].WorkerID, ws[1].WorkerID
	var posterID int64
	a.sql.Get(&posterID, `SELECT poster_id FROM jobs WHERE id = $1`, job.ID)

	// A worker without the job's skill, from the list itself.
	var unskilled int64
	for _, c := range s.candidates(t, job.ID) {
		if c.Rule != nil && *c.Rule == "skill" {
			unskilled = c.WorkerID
		}
	}
	// A job at the same time, to book w on.
	clash := postJob(t, s.poster, at.Add(30*time.Minute), 1, klusbuddy.BuddyNotAllowed)
	// A worker of another organisation.
	var foreign int64
	a.sql.Get(&foreign, `SELECT min(id) FROM users WHERE role = 'worker' AND organisation_id <> $1`, s.org)

	cases := []struct {
		name          string
		worker        func() int64
		arrange, undo func()
		status        int
		rule          string
	}{
		{"Capped", func() int64 { return w },
			func() { a.sql.MustExec(`UPDATE worker_profiles SET month_hour_cap = 1 WHERE user_id = $1`, w) },
			func() { a.sql.MustExec(`UPDATE worker_profiles SET month_hour_cap = NULL WHERE user_id = $1`, w) }, 409, "month_cap"},
		{"BlockedByThePoster", func() int64 { return w },
			func() {
				a.sql.MustExec(`INSERT INTO blocks (poster_id, person_id, by_role) VALUES ($1, $2, 'poster')`, posterID, w)
			},
			func() { a.sql.MustExec(`DELETE FROM blocks WHERE poster_id = $1 AND person_id = $2`, posterID, w) }, 409, "blocked"},
		{"MissingSkill", func() int64 { return unskilled }, func() {
			if unskilled == 0 {
				t.Fatal("no worker of the organisation lacks the skill")
			}
		}, func() {}, 409, "skill"},
		{"AlreadyBookedThen", func() int64 { return w }, func() {
			if st, _, b := s.choose("assign", clash.ID, w, "Test"); st != 200 {
				t.Fatalf("booking on the clashing job: %d %s", st, b)
			}
		}, func() {
			a.sql.MustExec(`DELETE FROM assignments WHERE job_id = $1`, clash.ID)
		}, 409, "booked"},
		{"ForeignOrganisationsWorker", func() int64 { return foreign }, func() {}, func() {}, 404, ""},
		{"JobFull", func() int64 { return w }, func() {
			if st, _, b := s.choose("assign", job.ID, other, "Test"); st != 200 {
				t.Fatalf("filling the job: %d %s", st, b)
			}
		}, func() {}, 409, "full"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.arrange()
			defer c.undo()
			worker := c.worker()
			if c.rule != "" && c.rule != "full" {
				for _, cand := range s.candidates(t, job.ID) {
					if cand.WorkerID == worker && (cand.Rule == nil || *cand.Rule != c.rule || cand.Message == nil) {
						t.Errorf("the candidates say %+v, not %s", cand, c.rule)
					}
				}
			}
			before := a.count(`SELECT count(*) FROM assignments WHERE worker_id = $1`, worker)
			for _, what := range []string{"assign", "offers"} {
				st, p, body := s.choose(what, job.ID, worker, "Gebeld")
				if st != c.status || (c.rule != "" && p.Reason != c.rule) {
					t.Errorf("%s: %d %s, want %d %s", what, st, body, c.status, c.rule)
				}
			}
			if n := a.count(`SELECT count(*) FROM assignments WHERE worker_id = $1`, worker); n != before {
				t.Errorf("%d bookings after a refusal, %d before", n, before)
			}
		})
	}
	if n := a.count(`SELECT count(*) FROM assignments WHERE job_id = $1`, job.ID); n != 1 {
		t.Errorf("the job has %d places taken", n)
	}
	// A job of an organisation that keeps its pool to itself is another's alone: 404.
	var foreignOrg int64
	a.sql.Get(&foreignOrg, `SELECT min(id) FROM organisations WHERE id <> $1`, s.org)
	a.sql.MustExec(`UPDATE organisations SET shared_pool = false WHERE id = $1`, foreignOrg)
	var theirs int64
	a.sql.Get(&theirs, `INSERT INTO jobs (poster_id, address_id, category_id, during, workers_needed, unit, unit_price_cents)
		SELECT poster_id, address_id, category_id, tstzrange(lower(during) + interval '1 day', upper(during) + interval '1 day'), 1, unit, unit_price_cents
		FROM jobs WHERE id = $1 RETURNING id`, clash.ID)
	a.sql.MustExec(`UPDATE jobs SET organisation_id = $2 WHERE id = $1`, theirs, foreignOrg)
	if res, body := s.coach.do("GET", "/api/v1/org/jobs/"+itoa(theirs)+"/candidates", nil); res.StatusCode != 404 {
		t.Errorf("another organisation's own job: %d %.200s", res.StatusCode, body)
	}
	if st, _, body := s.choose("assign", theirs, w, "x"); st != 404 {
		t.Errorf("assigning on another organisation's own job: %d %s", st, body)
	}
}

// Under concurrency the database decides: a coordinator assigning a worker while the worker
// accepts another job at the same time books them once; a coordinator assigning while another
// worker accepts the last place fills it once.
func TestStepInConcurrency(t *testing.T) {
	a := newApp(t)
	s := newStepping(t, a)
	for i := range 3 {
		at := nextTuesday10().Add(time.Duration(7*(i+1)) * 24 * time.Hour)
		jobA := postJob(t, s.poster, at, 1, klusbuddy.BuddyNotAllowed)
		jobB := postJob(t, s.poster, at, 1, klusbuddy.BuddyNotAllowed)
		ws := s.eligible(t, jobA.ID, 2)
		w1, w2 := ws[0].WorkerID, ws[1].WorkerID
		a.sql.MustExec(`UPDATE offers SET state = 'withdrawn', answered_at = now() WHERE job_id IN ($1, $2) AND state = 'pending'`, jobA.ID, jobB.ID)
		// w1 has an offer for B; w2 one for A.
		if st, _, b := s.choose("offers", jobB.ID, w1, "Test"); st != 200 {
			t.Fatalf("offer to w1: %d %s", st, b)
		}
		if st, _, b := s.choose("offers", jobA.ID, w2, "Test"); st != 200 {
			t.Fatalf("offer to w2: %d %s", st, b)
		}
		offerB, offerA := a.pendingOffer(t, jobB.ID, w1), a.pendingOffer(t, jobA.ID, w2)
		c1, c2 := a.signInByID(w1), a.signInByID(w2)
		var wg sync.WaitGroup
		var assigned, acceptedB, acceptedA int
		wg.Go(func() { assigned, _, _ = s.choose("assign", jobA.ID, w1, "Test") })
		wg.Go(func() {
			res, _ := c1.do("POST", "/api/v1/offers/"+itoa(offerB)+"/accept", nil)
			acceptedB = res.StatusCode
		})
		wg.Go(func() {
			res, _ := c2.do("POST", "/api/v1/offers/"+itoa(offerA)+"/accept", nil)
			acceptedA = res.StatusCode
		})
		wg.Wait()
		if n := a.count(`SELECT count(*) FROM assignments WHERE worker_id = $1 AND during && tstzrange($2, $3)`, w1, at, at.Add(2*time.Hour)); n != 1 {
			t.Errorf("round %d: w1 booked %d times at once (assign %d, accept B %d)", i, n, assigned, acceptedB)
		}
		if n := a.count(`SELECT count(*) FROM assignments WHERE job_id = $1`, jobA.ID); n != 1 {
			t.Errorf("round %d: job A has %d workers for 1 place (assign %d, accept A %d)", i, n, assigned, acceptedA)
		}
		if (assigned == 200) == (acceptedA == 200) && acceptedB != 200 {
			t.Errorf("round %d: assign %d, accept A %d, accept B %d", i, assigned, acceptedA, acceptedB)
		}
	}
}

// Overriding a soft rule needs a written reason, which the audit log keeps with the rules.
func TestStepInSoftRuleNeedsAReason(t *testing.T) {
	a := newApp(t)
	s := newStepping(t, a)
	job := postJob(t, s.poster, nextTuesday10().Add(14*24*time.Hour), 1, klusbuddy.BuddyNotAllowed)
	// A worker who said no to the job: asking them again overrides it.
	w, offer := a.offeredWorker(t, job.ID)
	if res, body := w.c.do("POST", "/api/v1/offers/"+itoa(offer)+"/decline", map[string]any{"reason": "not_this_work"}); res.StatusCode != 204 {
		t.Fatalf("declining: %d %s", res.StatusCode, body)
	}
	var chosen *candidateDoc
	for _, c := range s.candidates(t, job.ID) {
		if c.WorkerID == w.id {
			chosen = &c
		}
	}
	if chosen == nil || !chosen.Eligible || !slices.Contains(chosen.Warnings, "declined") {
		t.Fatalf("the worker who said no: %+v", chosen)
	}
	st, p, body := s.choose("assign", job.ID, chosen.WorkerID, "  ")
	if st != 422 || len(p.Errors) != 1 || p.Errors[0].Field != "reason" {
		t.Fatalf("without a reason: %d %s", st, body)
	}
	if st, _, body := s.choose("assign", job.ID, chosen.WorkerID, "Woont om de hoek en kent de klant"); st != 200 {
		t.Fatalf("with a reason: %d %s", st, body)
	}
	if n := a.count(`SELECT count(*) FROM assignments WHERE job_id = $1 AND worker_id = $2 AND assigned_by = $3`, job.ID, chosen.WorkerID, s.coachID); n != 1 {
		t.Errorf("%d places booked by the coach", n)
	}
	if n := a.count(`SELECT count(*) FROM offers WHERE job_id = $1 AND worker_id = $2 AND sent_by = $3 AND override_reason LIKE 'Woont%'`, job.ID, chosen.WorkerID, s.coachID); n != 1 {
		t.Errorf("%d offers keep the reason", n)
	}
	if n := a.count(`SELECT count(*) FROM audit_log WHERE action = 'job.assign' AND subject_id = $1 AND actor_id = $2
		AND details->>'reason' LIKE 'Woont%' AND jsonb_array_length(details->'overridden') > 0 AND (details->>'worker')::bigint = $3`,
		job.ID, s.coachID, chosen.WorkerID); n != 1 {
		t.Errorf("%d audit rows with the reason", n)
	}
	// The worker is told as of any booking.
	if n := a.count(`SELECT count(*) FROM notifications WHERE user_id = $1 AND kind = 'assignment_confirmed' AND (data->>'job_id')::bigint = $2`,
		chosen.WorkerID, job.ID); n != 1 {
		t.Errorf("%d booking notifications", n)
	}
}

// A coordinator answers offers for workers of their organisation who phoned: recorded as on
// their behalf; another organisation's coordinator does not see the offer.
func TestStepInAnswerOnBehalf(t *testing.T) {
	a := newApp(t)
	s := newStepping(t, a)
	job := postJob(t, s.poster, nextTuesday10().Add(21*24*time.Hour), 2, klusbuddy.BuddyNotAllowed)
	ws := s.eligible(t, job.ID, 2)
	for _, w := range ws {
		a.sql.MustExec(`UPDATE offers SET state = 'withdrawn', answered_at = now() WHERE job_id = $1 AND worker_id = $2 AND state = 'pending'`, job.ID, w.WorkerID)
		if st, _, b := s.choose("offers", job.ID, w.WorkerID, "Test"); st != 200 {
			t.Fatalf("offering: %d %s", st, b)
		}
	}
	accept, decline := a.pendingOffer(t, job.ID, ws[0].WorkerID), a.pendingOffer(t, job.ID, ws[1].WorkerID)
	var otherSlug string
	a.sql.Get(&otherSlug, `SELECT min(slug) FROM organisations WHERE id <> $1`, s.org)
	foreign := a.signedIn(a.person(klusbuddy.RoleCoordinator, otherSlug, 0))
	if res, body := foreign.do("POST", "/api/v1/org/offers/"+itoa(accept)+"/accept", nil); res.StatusCode != 404 {
		t.Errorf("another organisation's coach accepting: %d %s", res.StatusCode, body)
	}
	if res, body := s.coach.do("POST", "/api/v1/org/offers/"+itoa(accept)+"/accept", nil); res.StatusCode != 200 {
		t.Fatalf("accepting for the worker: %d %s", res.StatusCode, body)
	}
	if res, body := s.coach.do("POST", "/api/v1/org/offers/"+itoa(decline)+"/decline", map[string]any{"reason": "not_available"}); res.StatusCode != 200 {
		t.Fatalf("declining for the worker: %d %s", res.StatusCode, body)
	}
	if n := a.count(`SELECT count(*) FROM offers WHERE id = $1 AND state = 'accepted' AND answered_by = $2`, accept, s.coachID); n != 1 {
		t.Error("the accept is not recorded as the coach's")
	}
	if n := a.count(`SELECT count(*) FROM assignments WHERE job_id = $1 AND worker_id = $2 AND assigned_by = $3`, job.ID, ws[0].WorkerID, s.coachID); n != 1 {
		t.Error("the place is not recorded as booked by the coach")
	}
	if n := a.count(`SELECT count(*) FROM offers WHERE id = $1 AND state = 'declined' AND decline_reason = 'not_available' AND answered_by = $2`, decline, s.coachID); n != 1 {
		t.Error("the decline is not recorded as the coach's")
	}
	for action, w := range map[string]int64{"offer.accept_on_behalf": ws[0].WorkerID, "offer.decline_on_behalf": ws[1].WorkerID} {
		if n := a.count(`SELECT count(*) FROM audit_log WHERE action = $1 AND actor_id = $2 AND subject_type = 'person' AND subject_id = $3
			AND (details->>'on_behalf_of')::bigint = $3`, action, s.coachID, w); n != 1 {
			t.Errorf("%s: %d audit rows on the worker's behalf", action, n)
		}
	}
}

// A household that phoned: a poster without e-mail who cannot sign in, whose job is matched and
// offered like any other; cancelling it tells the poster and the booked worker.
func TestStepInPhonedHousehold(t *testing.T) {
	a := newApp(t)
	s := newStepping(t, a)
	var postcode, municipality string
	a.sql.QueryRow(`SELECT p.postcode, p.municipality FROM postcodes p JOIN organisations o ON lower(o.municipality) = lower(p.municipality)
		WHERE o.id = $1 LIMIT 1`, s.org).Scan(&postcode, &municipality)
	res, body := s.coach.do("POST", "/api/v1/org/posters", map[string]any{"first_name": "Jeanne", "last_name": "Claes", "phone": "0470 99 88 77",
		"address": map[string]any{"street": "Molenstraat 4", "postcode": postcode, "municipality": municipality}})
	var p struct {
		ID      int64
		Address struct{ ID int64 }
	}
	if json.Unmarshal(body, &p); res.StatusCode != 201 || p.ID == 0 || p.Address.ID == 0 {
		t.Fatalf("recording the household: %d %s", res.StatusCode, body)
	}
	if n := a.count(`SELECT count(*) FROM users WHERE id = $1 AND email IS NULL AND secret_hash IS NULL AND kept_by = $2`, p.ID, s.org); n != 1 {
		t.Error("the household has an e-mail, a secret or no organisation")
	}
	for _, login := range []string{"+32470998877", "0470 99 88 77"} {
		if res, _ := a.client().do("POST", "/api/v1/login", map[string]string{"login": login, "secret": demo.Password}); res.StatusCode != 401 {
			t.Errorf("the household signed in with %s: %d", login, res.StatusCode)
		}
	}
	res, body = s.coach.do("POST", "/api/v1/org/posters/"+itoa(p.ID)+"/jobs", map[string]any{"category": "cleaning", "address_id": p.Address.ID,
		"minutes": 120, "workers_needed": 1, "start": nextTuesday10().Add(7 * 24 * time.Hour).Format(time.RFC3339)})
	var j jobDoc
	if json.Unmarshal(body, &j); res.StatusCode != 201 {
		t.Fatalf("posting for the household: %d %s", res.StatusCode, body)
	}
	if n := a.count(`SELECT count(*) FROM offers WHERE job_id = $1 AND state = 'pending' AND sent_by IS NULL`, j.ID); n == 0 {
		t.Error("the household's job was not offered by matching")
	}
	if n := a.count(`SELECT count(*) FROM jobs WHERE id = $1 AND posted_by = $2`, j.ID, s.coachID); n != 1 {
		t.Error("the job is not recorded as posted by the coach")
	}
	if n := a.count(`SELECT count(*) FROM audit_log WHERE action = 'job.post_on_behalf' AND subject_id = $1 AND (details->>'job_id')::bigint = $2`, p.ID, j.ID); n != 1 {
		t.Errorf("%d audit rows for the post", n)
	}
	w := s.eligible(t, j.ID, 1)[0].WorkerID
	if st, _, b := s.choose("assign", j.ID, w, "Kent de buurt"); st != 200 {
		t.Fatalf("assigning: %d %s", st, b)
	}
	if res, body := s.coach.do("POST", "/api/v1/org/jobs/"+itoa(j.ID)+"/cancel", map[string]any{"reason": "Mevrouw belde af"}); res.StatusCode != 200 {
		t.Fatalf("cancelling: %d %s", res.StatusCode, body)
	}
	for who, id := range map[string]int64{"poster": p.ID, "worker": w} {
		if n := a.count(`SELECT count(*) FROM notifications WHERE user_id = $1 AND kind = 'job_status' AND data->>'state' = 'cancelled'
			AND (data->>'job_id')::bigint = $2`, id, j.ID); n != 1 {
			t.Errorf("the %s was told %d times", who, n)
		}
	}
	if n := a.count(`SELECT count(*) FROM jobs WHERE id = $1 AND state = 'cancelled' AND cancel_reason = 'Mevrouw belde af'`, j.ID); n != 1 {
		t.Error("the job is not cancelled with its reason")
	}
	if n := a.count(`SELECT count(*) FROM audit_log WHERE action = 'job.cancel' AND subject_id = $1 AND details->>'reason' = 'Mevrouw belde af'`, j.ID); n != 1 {
		t.Errorf("%d audit rows for the cancellation", n)
	}
}
