package httpapi_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/demo"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Erasing an account that has history (issue 10): what the person still had to do is released
// as their own drop-out or cancellation would release it, and what they did stays countable,
// anonymised.
func TestEraseWithHistory(t *testing.T) {
	t.Run("Poster", func(t *testing.T) {
		a := newApp(t)
		a.sql.MustExec(`UPDATE worker_profiles SET buddy_need = 'never'`) // an accept settles the place
		pp := a.person(klusbuddy.RolePoster, "", 2)                       // a company
		if pp.Poster.Kind != klusbuddy.Company {
			t.Fatal("demo poster #2 is not a company")
		}
		id := a.idOf(pp)
		c := a.signedIn(pp)
		if res, body := c.do("POST", "/api/v1/me/addresses", map[string]any{"label": "Magazijn", "street": "Industrieweg 7",
			"postcode": "3600", "municipality": "Genk"}); res.StatusCode != 201 {
			t.Fatalf("%d %s", res.StatusCode, body) // an address no job uses
		}
		tue := nextTuesday10()
		done := postJob(t, c, tue.AddDate(0, 0, 7), 1, klusbuddy.BuddyAllowed)
		a.acceptBest(t, done.ID)
		a.pastAndDone(done.ID, 4)
		filled := postJob(t, c, tue, 1, klusbuddy.BuddyAllowed)
		booked := a.acceptBest(t, filled.ID)
		offering := postJob(t, c, tue.AddDate(0, 0, 14), 2, klusbuddy.BuddyAllowed)
		cancelled := postJob(t, c, tue.AddDate(0, 0, 21), 1, klusbuddy.BuddyAllowed)
		if res, body := c.do("POST", "/api/v1/jobs/"+itoa(cancelled.ID)+"/cancel", nil); res.StatusCode != 200 {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
		// Someone else's job, which the erasure must leave as it is.
		other := postJob(t, a.signedIn(a.person(klusbuddy.RolePoster, "", 3)), tue, 1, klusbuddy.BuddyAllowed)
		otherOffers := a.count(`SELECT count(*) FROM offers WHERE job_id = $1 AND state = 'pending'`, other.ID)
		var address struct {
			Postcode, Municipality string
			Lat, Lon               float64
		}
		if err := a.sql.QueryRow(`SELECT a.postcode, a.municipality, p.lat, p.lon FROM jobs j JOIN poster_addresses a ON a.id = j.address_id
JOIN postcodes p ON p.postcode = a.postcode AND p.municipality = a.municipality WHERE j.id = $1`, done.ID).
			Scan(&address.Postcode, &address.Municipality, &address.Lat, &address.Lon); err != nil {
			t.Fatal(err)
		}

		transitions := a.count(`SELECT count(*) FROM job_transitions t JOIN jobs j ON j.id = t.job_id WHERE j.poster_id = $1`, id)

		a.eraseAndCheck(t, c, pp.Email, demo.Password, id)

		// Jobs still to come are cancelled as the poster would cancel them; the booked worker is told.
		for _, j := range []int64{filled.ID, offering.ID} {
			if n := a.count(`SELECT count(*) FROM jobs WHERE id = $1 AND state = 'cancelled'`, j); n != 1 {
				t.Errorf("job %d still to come is not cancelled", j)
			}
			if n := a.count(`SELECT count(*) FROM job_transitions WHERE job_id = $1 AND to_state = 'cancelled' AND actor_id = $2`, j, id); n != 1 {
				t.Errorf("job %d: the cancellation is not recorded as the poster's", j)
			}
		}
		if n := a.count(`SELECT count(*) FROM assignments WHERE job_id = $1`, filled.ID); n != 0 {
			t.Error("the booked worker is still booked on a cancelled job")
		}
		if n := a.count(`SELECT count(*) FROM notifications WHERE user_id = $1 AND kind = 'job_status' AND data->>'job_id' = $2
  AND data->>'state' = 'cancelled'`, booked, itoa(filled.ID)); n != 1 {
			t.Error("the booked worker was not told of the cancellation")
		}
		if n := a.count(`SELECT count(*) FROM offers WHERE job_id = $1 AND state = 'pending'`, offering.ID); n != 0 {
			t.Error("offers of a cancelled job are still open")
		}
		// The past stays countable: every job, the place worked, the transitions.
		if n := a.count(`SELECT count(*) FROM jobs WHERE poster_id = $1`, id); n != 4 {
			t.Errorf("%d jobs of the erased poster left, want 4", n)
		}
		if n := a.count(`SELECT count(*) FROM jobs j JOIN assignments s ON s.job_id = j.id WHERE j.id = $1 AND j.state = 'done'`, done.ID); n != 1 {
			t.Error("the job done no longer counts its worker")
		}
		if n := a.count(`SELECT count(*) FROM job_transitions t JOIN jobs j ON j.id = t.job_id WHERE j.poster_id = $1`, id); n != transitions+2 {
			t.Errorf("%d transitions of the erased poster's jobs, want the %d before and two cancellations", n, transitions)
		}
		// Nothing personal: no company name or VAT number, no street, no description they wrote.
		if n := a.count(`SELECT count(*) FROM poster_profiles WHERE user_id = $1 AND kind = 'company' AND company_name IS NULL
  AND vat_number IS NULL`, id); n != 1 {
			t.Error("the poster's profile is not kept anonymised")
		}
		if n := a.count(`SELECT count(*) FROM jobs WHERE poster_id = $1 AND description <> ''`, id); n != 0 {
			t.Error("descriptions written by the erased poster are left")
		}
		var addresses []struct {
			Label, Street, Postcode, Municipality string
			Lat, Lon                              float64
		}
		if err := a.sql.Select(&addresses, `SELECT label, street, postcode, municipality, lat, lon FROM poster_addresses WHERE poster_id = $1`, id); err != nil {
			t.Fatal(err)
		}
		if len(addresses) != 1 {
			t.Fatalf("%d addresses left, want the one jobs were done at", len(addresses))
		}
		if ad := addresses[0]; ad.Label != "" || ad.Street != "" || ad.Postcode != address.Postcode || ad.Municipality != address.Municipality ||
			ad.Lat != address.Lat || ad.Lon != address.Lon {
			t.Errorf("address left as %+v, want only its postcode area %+v", ad, address)
		}
		// Someone else's job is untouched.
		if n := a.count(`SELECT count(*) FROM jobs WHERE id = $1 AND state = 'offering' AND description <> ''`, other.ID); n != 1 {
			t.Error("another poster's job changed")
		}
		if n := a.count(`SELECT count(*) FROM offers WHERE job_id = $1 AND state = 'pending'`, other.ID); n != otherOffers {
			t.Errorf("another poster's job has %d offers out, had %d", n, otherOffers)
		}
	})

	t.Run("Worker", func(t *testing.T) {
		a := newApp(t)
		a.sql.MustExec(`UPDATE worker_profiles SET buddy_need = 'never'`)
		posterP := a.person(klusbuddy.RolePoster, "", 8)
		poster, posterID := a.signedIn(posterP), a.idOf(posterP)
		tue := nextTuesday10()
		future := postJob(t, poster, tue, 1, klusbuddy.BuddyAllowed)
		w, offer := a.offeredWorker(t, future.ID)
		if res, body := w.c.do("POST", "/api/v1/offers/"+itoa(offer)+"/accept", nil); res.StatusCode != 200 {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
		// Jobs at the same hour in later weeks: the same workers are asked.
		past := postJob(t, poster, tue.AddDate(0, 0, 7), 3, klusbuddy.BuddyAllowed)
		open := postJob(t, poster, tue.AddDate(0, 0, 14), 3, klusbuddy.BuddyAllowed)
		declined := postJob(t, poster, tue.AddDate(0, 0, 21), 3, klusbuddy.BuddyAllowed)
		if res, body := w.c.do("POST", "/api/v1/offers/"+itoa(a.pendingOffer(t, past.ID, w.id))+"/accept", nil); res.StatusCode != 200 {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
		a.pastAndDone(past.ID, 4)
		no := a.pendingOffer(t, declined.ID, w.id)
		if res, body := w.c.do("POST", "/api/v1/offers/"+itoa(no)+"/decline", map[string]string{"reason": "too_far"}); res.StatusCode != 204 {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
		stillOpen := a.pendingOffer(t, open.ID, w.id)
		a.sql.MustExec(`UPDATE worker_profiles SET home_lat = 50.97, home_lon = 5.49, spoken_languages = '{tr}' WHERE user_id = $1`, w.id)

		a.eraseAndCheck(t, w.c, w.phone, demo.PIN, w.id)

		// The place still to come is released as their drop-out would be, the poster told, and
		// offered again at once.
		if n := a.count(`SELECT count(*) FROM assignments WHERE job_id = $1`, future.ID); n != 0 {
			t.Error("the erased worker still holds a place on a job to come")
		}
		if n := a.count(`SELECT count(*) FROM dropouts WHERE job_id = $1 AND worker_id = $2 AND role = 'worker'`, future.ID, w.id); n != 1 {
			t.Error("the release is not recorded as a drop-out")
		}
		if n := a.count(`SELECT count(*) FROM notifications WHERE user_id = $1 AND kind = 'job_status' AND data->>'job_id' = $2
  AND data->>'dropout' = 'true'`, posterID, itoa(future.ID)); n != 1 {
			t.Error("the poster was not told")
		}
		if n := a.count(`SELECT count(*) FROM jobs WHERE id = $1 AND state = 'offering'`, future.ID); n != 1 {
			t.Error("the job is not offered again")
		}
		if n := a.count(`SELECT count(*) FROM offers WHERE job_id = $1 AND state = 'pending' AND wave = 2 AND worker_id <> $2`, future.ID, w.id); n == 0 {
			t.Error("no new wave went out for the released place")
		}
		// The open offer is withdrawn; the no they said stays on record.
		if n := a.count(`SELECT count(*) FROM offers WHERE id = $1 AND state = 'withdrawn'`, stillOpen); n != 1 {
			t.Error("the erased worker's open offer is still open")
		}
		if n := a.count(`SELECT count(*) FROM offers WHERE id = $1 AND state = 'declined' AND decline_reason = 'too_far'`, no); n != 1 {
			t.Error("the decline is gone")
		}
		// The past stays countable: the job done, its hours.
		if n := a.count(`SELECT count(*) FROM assignments s JOIN jobs j ON j.id = s.job_id WHERE s.worker_id = $1 AND j.state = 'done'
  AND upper(s.during) - lower(s.during) = interval '2 hours'`, w.id); n != 1 {
			t.Error("the job done no longer counts")
		}
		// The profile row stays for the figures (organisation, postcode area), with nothing personal.
		if n := a.count(`SELECT count(*) FROM worker_profiles WHERE user_id = $1 AND home_lat IS NULL AND home_lon IS NULL
  AND spoken_languages = '{}' AND postcode <> ''`, w.id); n != 1 {
			t.Error("the worker's profile is not kept anonymised")
		}
	})

	t.Run("Buddy", func(t *testing.T) {
		a := newApp(t)
		// Every demo buddy can accompany cleaning on Tuesdays within an hour's travel.
		a.sql.MustExec(`INSERT INTO buddy_categories (buddy_id, category_id) SELECT user_id, (SELECT id FROM categories WHERE slug = 'cleaning')
FROM buddy_profiles ON CONFLICT DO NOTHING`)
		a.sql.MustExec(`DELETE FROM availability WHERE user_id IN (SELECT user_id FROM buddy_profiles) AND weekday = 2`)
		a.sql.MustExec(`INSERT INTO availability (user_id, weekday, starts, ends) SELECT user_id, 2, '08:00', '17:00' FROM buddy_profiles`)
		a.sql.MustExec(`UPDATE buddy_profiles SET max_travel_minutes = 60`)
		poster := a.signedIn(a.person(klusbuddy.RolePoster, "", 8))
		tue := nextTuesday10()

		future := postJob(t, poster, tue, 1, klusbuddy.BuddyRequired)
		worker := a.acceptBest(t, future.ID)
		var first struct {
			ID    int64 `db:"id"`
			Buddy int64 `db:"buddy_id"`
		}
		if err := a.sql.Get(&first, `SELECT id, buddy_id FROM buddy_requests WHERE job_id = $1 AND state = 'pending' ORDER BY travel_minutes, id LIMIT 1`,
			future.ID); err != nil {
			t.Fatalf("no buddy asked: %v", err)
		}
		b := a.signInByID(first.Buddy)
		if res, body := b.do("POST", "/api/v1/me/buddy-requests/"+itoa(first.ID)+"/confirm", nil); res.StatusCode != 200 {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
		var assignment int64
		a.sql.Get(&assignment, `SELECT id FROM assignments WHERE job_id = $1`, future.ID)
		past := postJob(t, poster, tue.AddDate(0, 0, 7), 1, klusbuddy.BuddyRequired)
		a.acceptBest(t, past.ID)
		if res, body := b.do("POST", "/api/v1/me/buddy-requests/"+itoa(a.pendingRequest(t, past.ID, first.Buddy))+"/confirm", nil); res.StatusCode != 200 {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
		a.pastAndDone(past.ID, 4)
		open := postJob(t, poster, tue.AddDate(0, 0, 14), 1, klusbuddy.BuddyRequired)
		a.acceptBest(t, open.ID)
		stillOpen := a.pendingRequest(t, open.ID, first.Buddy)
		a.sql.MustExec(`UPDATE buddy_profiles SET spoken_languages = '{it}' WHERE user_id = $1`, first.Buddy)
		var login string
		a.sql.Get(&login, `SELECT phone FROM users WHERE id = $1`, first.Buddy)

		a.eraseAndCheck(t, b, login, demo.PIN, first.Buddy)

		// The accompaniment still to come is released as their drop-out would be: the worker waits
		// for a buddy again, is told, and other buddies are asked at once.
		if n := a.count(`SELECT count(*) FROM assignments WHERE id = $1 AND buddy_id IS NULL AND buddy_state = 'searching'`, assignment); n != 1 {
			t.Error("the erased buddy still goes along on a job to come")
		}
		if n := a.count(`SELECT count(*) FROM dropouts WHERE job_id = $1 AND worker_id = $2 AND role = 'buddy'`, future.ID, first.Buddy); n != 1 {
			t.Error("the release is not recorded as a buddy's drop-out")
		}
		if n := a.count(`SELECT count(*) FROM notifications WHERE user_id = $1 AND kind = 'buddy_dropout' AND data->>'job_id' = $2`,
			worker, itoa(future.ID)); n != 1 {
			t.Error("the worker was not told")
		}
		if n := a.count(`SELECT count(*) FROM buddy_requests WHERE assignment_id = $1 AND state = 'pending' AND buddy_id <> $2`, assignment, first.Buddy); n == 0 {
			t.Error("no other buddy is asked")
		}
		if n := a.count(`SELECT count(*) FROM buddy_requests WHERE id = $1 AND state = 'withdrawn'`, stillOpen); n != 1 {
			t.Error("the erased buddy's open request is still open")
		}
		// The past stays countable: the accompaniment done (volunteer hours).
		if n := a.count(`SELECT count(*) FROM assignments s JOIN jobs j ON j.id = s.job_id WHERE s.buddy_id = $1 AND j.state = 'done'`, first.Buddy); n != 1 {
			t.Error("the accompaniment done no longer counts")
		}
		if n := a.count(`SELECT count(*) FROM buddy_profiles WHERE user_id = $1 AND spoken_languages = '{}' AND postcode <> ''`, first.Buddy); n != 1 {
			t.Error("the buddy's profile is not kept anonymised")
		}
	})
}

// eraseAndCheck erases the account signed in on c and checks what every erasure leaves: the
// answer, no sign-in, and a user row without anything personal, with no way in and nothing
// waiting to be sent.
func (a *site) eraseAndCheck(t *testing.T, c *client, login, secret string, id int64) {
	t.Helper()
	if res, body := c.do("DELETE", "/api/v1/me", map[string]bool{"confirm": true}); res.StatusCode != 204 {
		t.Fatalf("erasing: %d %s", res.StatusCode, body)
	}
	if res, _ := c.do("GET", "/api/v1/session", nil); res.StatusCode != 401 {
		t.Fatal("still signed in after erasing the account")
	}
	if res, _ := a.client().do("POST", "/api/v1/login", map[string]string{"login": login, "secret": secret}); res.StatusCode != 401 {
		t.Fatal("an erased account can sign in")
	}
	if n := a.count(`SELECT count(*) FROM users WHERE id = $1 AND deleted_at IS NOT NULL AND first_name = '-' AND last_name = ''
  AND email IS NULL AND phone IS NULL AND secret_hash IS NULL`, id); n != 1 {
		t.Error("the user row keeps personal data")
	}
	for _, table := range []string{"sessions", "invites", "availability", "availability_exceptions", "push_subscriptions",
		"notifications", "notification_queue", "idempotency_keys"} {
		if n := a.count(`SELECT count(*) FROM `+table+` WHERE user_id = $1`, id); n != 0 {
			t.Errorf("%d rows of %s left", n, table)
		}
	}
	if n := a.count(`SELECT count(*) FROM blocks WHERE poster_id = $1 OR person_id = $1`, id); n != 0 {
		t.Errorf("%d blocks left", n)
	}
	if n := a.count(`SELECT count(*) FROM attendance WHERE person_id = $1 AND (in_lat IS NOT NULL OR out_lat IS NOT NULL)`, id); n != 0 {
		t.Errorf("%d check-ins keep where the phone was", n)
	}
}

// postJob posts a two-hour cleaning job at the poster's first address.
func postJob(t *testing.T, c *client, start time.Time, needed int, buddy klusbuddy.BuddyPolicy) jobDoc {
	t.Helper()
	in := map[string]any{"category": "cleaning", "address_id": profileOf(t, c).Poster.Addresses[0].ID,
		"description": "Keuken en ramen; de sleutel ligt bij de buren op nummer 5", "start": start.Format(time.RFC3339), "minutes": 120,
		"workers_needed": needed, "buddy": buddy}
	res, body := c.do("POST", "/api/v1/jobs", in)
	var j jobDoc
	if err := json.Unmarshal(body, &j); err != nil || res.StatusCode != 201 {
		t.Fatalf("posting: %d %s", res.StatusCode, body)
	}
	return j
}

// acceptBest lets the worker of the best open offer on a job accept it and returns who.
func (a *site) acceptBest(t *testing.T, jobID int64) int64 {
	t.Helper()
	w, offer := a.offeredWorker(t, jobID)
	if res, body := w.c.do("POST", "/api/v1/offers/"+itoa(offer)+"/accept", nil); res.StatusCode != 200 {
		t.Fatalf("accepting: %d %s", res.StatusCode, body)
	}
	return w.id
}

// pendingOffer returns a worker's open offer on a job.
func (a *site) pendingOffer(t *testing.T, jobID, workerID int64) int64 {
	t.Helper()
	var id int64
	if err := a.sql.Get(&id, `SELECT id FROM offers WHERE job_id = $1 AND worker_id = $2 AND state = 'pending'`, jobID, workerID); err != nil {
		t.Fatalf("worker %d has no open offer on job %d: %v", workerID, jobID, err)
	}
	return id
}

// pendingRequest returns a buddy's open request on a job.
func (a *site) pendingRequest(t *testing.T, jobID, buddyID int64) int64 {
	t.Helper()
	var id int64
	if err := a.sql.Get(&id, `SELECT id FROM buddy_requests WHERE job_id = $1 AND buddy_id = $2 AND state = 'pending'`, jobID, buddyID); err != nil {
		t.Fatalf("buddy %d has no open request on job %d: %v", buddyID, jobID, err)
	}
	return id
}

// signInByID signs in a worker or buddy by their id, with the demo PIN.
func (a *site) signInByID(id int64) *client {
	var phone string
	if err := a.sql.Get(&phone, `SELECT phone FROM users WHERE id = $1`, id); err != nil {
		a.t.Fatal(err)
	}
	c := a.client()
	if res, body := c.do("POST", "/api/v1/login", map[string]string{"login": phone, "secret": demo.PIN}); res.StatusCode != 200 {
		a.t.Fatalf("login: %d %s", res.StatusCode, body)
	}
	return c
}

// pastAndDone makes a job history: its time moved weeks back, where its start closes it as the
// dispatcher does (filled with whoever is booked, the open offers withdrawn), then done. It
// stands in for checking in and out, which do not exist yet (issue 11 builds them; then a test
// moves the clock past the job instead). The moves go through move_job, so they are checked
// against klusbuddy.JobTransitions and recorded like any other.
func (a *site) pastAndDone(jobID int64, weeks int) {
	a.sql.MustExec(`UPDATE jobs SET during = tstzrange(lower(during) - make_interval(weeks => $2), upper(during) - make_interval(weeks => $2))
WHERE id = $1`, jobID, weeks)
	if _, err := a.db.ExpireJobs(context.Background()); err != nil {
		a.t.Fatal(err)
	}
	for _, to := range []klusbuddy.JobState{klusbuddy.JobInProgress, klusbuddy.JobDone} {
		a.sql.MustExec(`SELECT move_job($1, $2, NULL, $3)`, jobID, to, a.clock.Now())
	}
}
