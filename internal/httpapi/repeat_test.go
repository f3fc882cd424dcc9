package httpapi_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Repeat work (issue 12, items 7 and 9): favourites, reposts and series through the API.

type repeatJobDoc struct {
	ID            int64
	Category      string
	Description   string
	Start, End    time.Time
	WorkersNeeded int `json:"workers_needed"`
	Level         int
	Buddy         string
	State         string
	SeriesID      *int64 `json:"series_id"`
	Address       struct{ ID int64 }
	Price         struct {
		UnitPriceCents int `json:"unit_price_cents"`
	}
	Places []struct {
		Place     int
		WorkerID  int64 `json:"worker_id"`
		Favourite bool
	}
}

func repeatJobOf(t *testing.T, res int, body []byte, want int) repeatJobDoc {
	t.Helper()
	var j repeatJobDoc
	if res != want || json.Unmarshal(body, &j) != nil {
		t.Fatalf("job: %d %s, want %d", res, body, want)
	}
	return j
}

func wantField(t *testing.T, res int, body []byte, field string) {
	t.Helper()
	var p struct {
		Errors []struct{ Field string }
	}
	json.Unmarshal(body, &p)
	if res != 422 || !slices.ContainsFunc(p.Errors, func(e struct{ Field string }) bool { return e.Field == field }) {
		t.Fatalf("want 422 naming %s, got %d %s", field, res, body)
	}
}

// doneJob posts a job for the poster, lets the best offered worker take it, and moves it into
// the past, done; it returns the job and the worker.
func (a *site) doneJob(t *testing.T, poster *client, address int64) (repeatJobDoc, int64) {
	t.Helper()
	res, body := poster.do("POST", "/api/v1/jobs", map[string]any{"category": "cleaning", "address_id": address, "description": "Ramen en vloer",
		"start": nextTuesday10().Format(time.RFC3339), "minutes": 120, "workers_needed": 1, "level": 1, "buddy": "not_allowed"})
	j := repeatJobOf(t, res.StatusCode, body, 201)
	worker := a.acceptBest(t, j.ID)
	a.pastAndDone(j.ID, 3)
	return j, worker
}

func TestFavourites(t *testing.T) {
	a := newApp(t)
	poster := a.signedIn(a.person(klusbuddy.RolePoster, "", 0))
	address := profileOf(t, poster).Poster.Addresses[0].ID
	job, workerID := a.doneJob(t, poster, address)
	fav := "/api/v1/me/favourites/" + itoa(workerID)

	// A worker cannot mark anyone; a poster only someone who did a job for them.
	if res, body := a.signInByID(workerID).do("PUT", fav, nil); res.StatusCode != 403 {
		t.Fatalf("a worker marking a favourite: %d %s", res.StatusCode, body)
	}
	var stranger int64
	a.sql.Get(&stranger, `SELECT user_id FROM worker_profiles WHERE user_id <> $1 ORDER BY user_id LIMIT 1`, workerID)
	res, body := poster.do("PUT", "/api/v1/me/favourites/"+itoa(stranger), nil)
	wantField(t, res.StatusCode, body, "worker_id")
	other := a.signedIn(a.person(klusbuddy.RolePoster, "", 1))
	res, body = other.do("PUT", fav, nil)
	wantField(t, res.StatusCode, body, "worker_id")

	// Marked: by first name only, never an address; again is the same.
	for range 2 {
		if res, body = poster.do("PUT", fav, nil); res.StatusCode != 200 {
			t.Fatalf("marking: %d %s", res.StatusCode, body)
		}
	}
	res, body = poster.do("GET", "/api/v1/me/favourites", nil)
	var list struct{ Favourites []map[string]any }
	if json.Unmarshal(body, &list); res.StatusCode != 200 || len(list.Favourites) != 1 {
		t.Fatalf("favourites: %d %s", res.StatusCode, body)
	}
	for k := range list.Favourites[0] {
		if k != "worker_id" && k != "first_name" && k != "since" {
			t.Fatalf("a favourite shows %q: %s", k, body)
		}
	}
	if _, body = other.do("GET", "/api/v1/me/favourites", nil); !strings.Contains(string(body), `"favourites":[]`) {
		t.Fatalf("another poster sees favourites: %s", body)
	}
	// The poster's data export holds whom they marked, and since when.
	if doc := exportOf(t, poster); len(doc.Favourites) != 1 || doc.Favourites[0].WorkerID != workerID || doc.Favourites[0].Since.IsZero() {
		t.Fatalf("the poster's export: favourites %+v", doc.Favourites)
	}
	if doc := exportOf(t, other); len(doc.Favourites) != 0 {
		t.Fatalf("another poster's export holds favourites: %+v", doc.Favourites)
	}
	res, body = poster.do("GET", "/api/v1/jobs/"+itoa(job.ID), nil)
	if j := repeatJobOf(t, res.StatusCode, body, 200); len(j.Places) != 1 || j.Places[0].WorkerID != workerID || !j.Places[0].Favourite {
		t.Fatalf("the job's place does not show the favourite: %s", body)
	}

	// Unmarked, and marked again; "never again" ends it, and a blocked worker cannot be marked.
	if res, body = poster.do("DELETE", fav, nil); res.StatusCode != 204 {
		t.Fatalf("unmarking: %d %s", res.StatusCode, body)
	}
	if n := a.count(`SELECT count(*) FROM favourites`); n != 0 {
		t.Fatal("unmarked but still a favourite")
	}
	poster.do("PUT", fav, nil)
	if res, body = poster.do("POST", "/api/v1/jobs/"+itoa(job.ID)+"/never-again", map[string]any{"place": 1}); res.StatusCode != 204 {
		t.Fatalf("never again: %d %s", res.StatusCode, body)
	}
	if n := a.count(`SELECT count(*) FROM favourites`); n != 0 {
		t.Fatal("a blocked worker is still a favourite")
	}
	if res, body = poster.do("PUT", fav, nil); res.StatusCode != 409 {
		t.Fatalf("marking a blocked worker: %d %s", res.StatusCode, body)
	}
}

func TestRepost(t *testing.T) {
	a := newApp(t)
	poster := a.signedIn(a.person(klusbuddy.RolePoster, "", 0))
	address := profileOf(t, poster).Poster.Addresses[0].ID
	job, workerID := a.doneJob(t, poster, address)
	poster.do("PUT", "/api/v1/me/favourites/"+itoa(workerID), nil)
	repost := "/api/v1/jobs/" + itoa(job.ID) + "/repost"
	start := nextTuesday10().AddDate(0, 0, 7)

	// Who may: the job's own poster.
	if res, body := a.signInByID(workerID).do("POST", repost, map[string]any{"start": start}); res.StatusCode != 403 {
		t.Fatalf("a worker reposting: %d %s", res.StatusCode, body)
	}
	if res, body := a.signedIn(a.person(klusbuddy.RolePoster, "", 1)).do("POST", repost, map[string]any{"start": start}); res.StatusCode != 404 {
		t.Fatalf("another poster reposting: %d %s", res.StatusCode, body)
	}
	// Bad input names the field and posts nothing.
	jobs := a.count(`SELECT count(*) FROM jobs`)
	res, body := poster.do("POST", repost, map[string]any{})
	wantField(t, res.StatusCode, body, "start")
	res, body = poster.do("POST", repost, map[string]any{"start": start, "end": start.Add(-time.Hour)})
	wantField(t, res.StatusCode, body, "end")
	res, body = poster.do("POST", repost, map[string]any{"start": start, "repeat": map[string]any{"every_weeks": 1, "until": start.AddDate(0, 7, 0).Format(time.DateOnly)}})
	wantField(t, res.StatusCode, body, "repeat.until")
	res, body = poster.do("POST", repost, map[string]any{"start": start, "repeat": map[string]any{"every_weeks": 3, "until": start.Format(time.DateOnly)}})
	wantField(t, res.StatusCode, body, "repeat.every_weeks")
	if n := a.count(`SELECT count(*) FROM jobs`); n != jobs {
		t.Fatalf("bad reposts posted %d jobs", n-jobs)
	}

	// The catalogue's price went up since: the repost is at today's price, the old job keeps its own.
	a.sql.MustExec(`UPDATE categories SET unit_price_cents = unit_price_cents + 150 WHERE slug = 'cleaning'`)
	res, body = poster.do("POST", repost, map[string]any{"start": start, "end": start.Add(3 * time.Hour)})
	n := repeatJobOf(t, res.StatusCode, body, 201)
	if n.ID == job.ID || n.Category != job.Category || n.Description != job.Description || n.Address.ID != job.Address.ID ||
		n.Level != job.Level || n.WorkersNeeded != job.WorkersNeeded || n.Buddy != job.Buddy || !n.Start.Equal(start) || n.End.Sub(n.Start) != 3*time.Hour {
		t.Fatalf("the repost is not a copy at the new time: %s", body)
	}
	if n.Price.UnitPriceCents != job.Price.UnitPriceCents+150 {
		t.Fatalf("repost at %d cents, want today's %d", n.Price.UnitPriceCents, job.Price.UnitPriceCents+150)
	}
	res, body = poster.do("GET", "/api/v1/jobs/"+itoa(job.ID), nil)
	if old := repeatJobOf(t, res.StatusCode, body, 200); old.Price.UnitPriceCents != job.Price.UnitPriceCents {
		t.Fatal("the old job's price changed")
	}
	// Its first wave went to the favourite alone.
	var offered []int64
	a.sql.Select(&offered, `SELECT worker_id FROM offers WHERE job_id = $1`, n.ID)
	if !slices.Equal(offered, []int64{workerID}) {
		t.Fatalf("the repost was offered to %v, want the favourite %d alone", offered, workerID)
	}
	// Without an end it lasts as long as the job reposted.
	res, body = poster.do("POST", repost, map[string]any{"start": start.AddDate(0, 0, 1)})
	if m := repeatJobOf(t, res.StatusCode, body, 201); m.End.Sub(m.Start) != job.End.Sub(job.Start) {
		t.Fatalf("repost without an end: %s", body)
	}
}

func TestSeries(t *testing.T) {
	a := newApp(t)
	poster := a.signedIn(a.person(klusbuddy.RolePoster, "", 0))
	address := profileOf(t, poster).Poster.Addresses[0].ID
	start := nextTuesday10()
	newJob := func(repeat any) map[string]any {
		return map[string]any{"category": "cleaning", "address_id": address, "start": start.Format(time.RFC3339), "minutes": 120,
			"workers_needed": 1, "buddy": "not_allowed", "repeat": repeat}
	}
	jobs := a.count(`SELECT count(*) FROM jobs`)
	res, body := poster.do("POST", "/api/v1/jobs", newJob(map[string]any{"every_weeks": 1, "until": start.AddDate(0, 0, -1).Format(time.DateOnly)}))
	wantField(t, res.StatusCode, body, "repeat.until")
	res, body = poster.do("POST", "/api/v1/jobs", newJob(map[string]any{"every_weeks": 2, "until": start.AddDate(0, 0, 7*2*26).Format(time.DateOnly)}))
	wantField(t, res.StatusCode, body, "repeat.until")
	res, body = poster.do("POST", "/api/v1/jobs", newJob(map[string]any{"every_weeks": 1}))
	wantField(t, res.StatusCode, body, "repeat.until")
	if n := a.count(`SELECT count(*) FROM jobs`); n != jobs {
		t.Fatal("a refused series posted jobs")
	}

	res, body = poster.do("POST", "/api/v1/jobs", newJob(map[string]any{"every_weeks": 1, "until": start.AddDate(0, 0, 21).Format(time.DateOnly)}))
	first := repeatJobOf(t, res.StatusCode, body, 201)
	if first.SeriesID == nil || !first.Start.Equal(start) {
		t.Fatalf("the first job of the series: %s", body)
	}
	series := "/api/v1/series/" + itoa(*first.SeriesID)
	var sr struct {
		ID         int64
		EveryWeeks int `json:"every_weeks"`
		Until      string
		Cancelled  bool
		Jobs       []struct {
			ID    int64
			Start time.Time
			State string
		}
	}
	res, body = poster.do("GET", series, nil)
	if json.Unmarshal(body, &sr); res.StatusCode != 200 || len(sr.Jobs) != 4 || sr.EveryWeeks != 1 || sr.Jobs[0].ID != first.ID {
		t.Fatalf("the series: %d %s", res.StatusCode, body)
	}
	for i, j := range sr.Jobs {
		if l := j.Start.In(brussels); l.Weekday() != time.Tuesday || l.Hour() != 10 || !j.Start.Equal(start.AddDate(0, 0, 7*i)) {
			t.Fatalf("occurrence %d at %v", i, l)
		}
	}
	// Only its poster sees or cancels it.
	if res, body = a.signedIn(a.person(klusbuddy.RolePoster, "", 1)).do("POST", series+"/cancel", nil); res.StatusCode != 404 {
		t.Fatalf("another poster cancelling: %d %s", res.StatusCode, body)
	}
	if res, body = a.signedIn(a.person(klusbuddy.RoleWorker, "", 0)).do("GET", series, nil); res.StatusCode != 403 {
		t.Fatalf("a worker reading a series: %d %s", res.StatusCode, body)
	}

	// Someone is booked on the second; one occurrence cancelled alone stays cancelled.
	second, third := sr.Jobs[1].ID, sr.Jobs[2].ID
	var booked int64
	a.sql.Get(&booked, `SELECT user_id FROM worker_profiles ORDER BY user_id LIMIT 1`)
	a.sql.MustExec(`SELECT move_job($1, 'offering', NULL, $2)`, second, a.clock.Now())
	a.sql.MustExec(`INSERT INTO assignments (job_id, workers_needed, place, worker_id, during) SELECT id, 1, 1, $2, during FROM jobs WHERE id = $1`, second, booked)
	a.sql.MustExec(`SELECT move_job($1, 'filled', NULL, $2)`, second, a.clock.Now())
	if res, body = poster.do("POST", "/api/v1/jobs/"+itoa(third)+"/cancel", nil); res.StatusCode != 200 {
		t.Fatalf("cancelling one occurrence: %d %s", res.StatusCode, body)
	}
	// The first has begun: it stays.
	a.clock.Set(start.Add(time.Minute))
	a.sql.MustExec(`SELECT move_job($1, 'expired', NULL, $2)`, first.ID, a.clock.Now())

	res, body = poster.do("POST", series+"/cancel", nil)
	var out struct {
		Series    struct{ Cancelled bool }
		Cancelled []int64
	}
	if json.Unmarshal(body, &out); res.StatusCode != 200 || !out.Series.Cancelled || !slices.Equal(out.Cancelled, []int64{second, sr.Jobs[3].ID}) {
		t.Fatalf("cancelling the series: %d %s", res.StatusCode, body)
	}
	if n := a.count(`SELECT count(*) FROM jobs WHERE series_id = $1 AND state = 'cancelled'`, *first.SeriesID); n != 3 {
		t.Fatalf("%d occurrences cancelled, want 3", n)
	}
	if n := a.count(`SELECT count(*) FROM notifications WHERE user_id = $1 AND kind = 'job_status' AND data->>'state' = 'cancelled'`, booked); n != 1 {
		t.Fatalf("the booked worker was told %d times", n)
	}
	if n := a.count(`SELECT count(*) FROM assignments WHERE job_id = $1`, second); n != 0 {
		t.Fatal("the booked worker is still on a cancelled occurrence")
	}
	// Again: nothing more to cancel.
	res, body = poster.do("POST", series+"/cancel", nil)
	if json.Unmarshal(body, &out); res.StatusCode != 200 || len(out.Cancelled) != 0 {
		t.Fatalf("cancelling again: %d %s", res.StatusCode, body)
	}
}

// Posting, reposting and series share one rate limit: 60 an hour from one address.
func TestRepostsCountTowardsThePostingLimit(t *testing.T) {
	a := newApp(t)
	poster := a.signedIn(a.person(klusbuddy.RolePoster, "", 0))
	address := profileOf(t, poster).Poster.Addresses[0].ID
	var job int64
	if err := a.sql.Get(&job, `INSERT INTO jobs (poster_id, address_id, category_id, during, workers_needed, unit, unit_price_cents)
		SELECT poster_id, id, (SELECT min(id) FROM categories), tstzrange(now() - interval '7 days', now() - interval '7 days' + interval '2 hours'), 1,
		       'hour', 2500 FROM poster_addresses WHERE id = $1 RETURNING id`, address); err != nil {
		t.Fatal(err)
	}
	for i := range 60 {
		if res, body := poster.do("POST", "/api/v1/jobs/"+itoa(job)+"/repost", map[string]any{}); res.StatusCode != 422 {
			t.Fatalf("repost %d: %d %s", i, res.StatusCode, body)
		}
	}
	res, body := poster.do("POST", "/api/v1/jobs", map[string]any{"category": "cleaning", "address_id": address, "minutes": 120, "workers_needed": 1,
		"start": nextTuesday10().Format(time.RFC3339), "repeat": map[string]any{"every_weeks": 1, "until": nextTuesday10().AddDate(0, 0, 14).Format(time.DateOnly)}})
	if res.StatusCode != 429 {
		t.Fatalf("a series after 60 reposts: %d %s", res.StatusCode, body)
	}
}
