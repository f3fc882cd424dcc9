package httpapi_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apognu/gocal"
	ics "github.com/arran4/golang-ical"

	"github.com/klusbuddy/klusbuddy/internal/app"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// The calendar feed (issue 11): every feed a test reads is parsed by golang-ical, which wrote
// it, and by gocal, an independent parser; both must read the same events.

type feedEvent struct {
	UID, Status, Summary, Location, URL string
	Sequence                            int
	Start, End                          time.Time
	TZID, RawStart                      string
}

type feedDoc struct {
	URL       string     `json:"url"`
	Webcal    string     `json:"webcal_url"`
	Exists    bool       `json:"exists"`
	CreatedAt *time.Time `json:"created_at"`
}

// makeFeed makes (or renews) the calendar feed of the person signed in on c.
func makeFeed(t testing.TB, c *client) feedDoc {
	t.Helper()
	res, body := c.do("POST", "/api/v1/me/calendar", nil)
	var f feedDoc
	if err := json.Unmarshal(body, &f); err != nil || res.StatusCode != 201 || f.URL == "" || !f.Exists {
		t.Fatalf("making a feed: %d %s", res.StatusCode, body)
	}
	if !strings.HasPrefix(f.Webcal, "webcal://") || strings.TrimPrefix(f.Webcal, "webcal://") != strings.TrimPrefix(f.URL, "http://") {
		t.Fatalf("webcal address %q for %q", f.Webcal, f.URL)
	}
	return f
}

// fetchFeed reads a feed as a calendar app does: no cookie, no Origin.
func fetchFeed(t testing.TB, url string, headers ...string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, b
}

// readFeed fetches a feed and parses it with both parsers, which must agree; events by UID.
func readFeed(t *testing.T, url string) map[string]feedEvent {
	t.Helper()
	res, body := fetchFeed(t, url)
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/calendar; charset=utf-8" {
		t.Fatalf("feed: %d %s %s", res.StatusCode, res.Header.Get("Content-Type"), body)
	}
	if cc := res.Header.Get("Cache-Control"); !strings.HasPrefix(cc, "private") {
		t.Errorf("Cache-Control %q", cc)
	}
	a := parseGolangICal(t, body)
	b := parseGocal(t, body)
	if len(a) != len(b) {
		t.Fatalf("golang-ical reads %d events, gocal %d:\n%s", len(a), len(b), body)
	}
	for uid, ea := range a {
		eb, ok := b[uid]
		if !ok {
			t.Fatalf("gocal does not read %s", uid)
		}
		if !ea.Start.Equal(eb.Start) || !ea.End.Equal(eb.End) || ea.Sequence != eb.Sequence || ea.Status != eb.Status ||
			ea.Summary != eb.Summary || ea.Location != eb.Location || ea.TZID != eb.TZID {
			t.Fatalf("the parsers disagree on %s:\n golang-ical %+v\n gocal       %+v", uid, ea, eb)
		}
	}
	if strings.Contains(string(body), "+32") {
		t.Errorf("a phone number in the feed:\n%s", body)
	}
	return a
}

func parseGolangICal(t *testing.T, body []byte) map[string]feedEvent {
	t.Helper()
	cal, err := ics.ParseCalendar(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("golang-ical: %v\n%s", err, body)
	}
	if len(cal.Timezones()) != 1 {
		t.Errorf("want one VTIMEZONE, got %d", len(cal.Timezones()))
	}
	out := map[string]feedEvent{}
	for _, ev := range cal.Events() {
		var e feedEvent
		e.UID = ev.Id()
		prop := func(p ics.ComponentProperty) string {
			if v := ev.GetProperty(p); v != nil {
				return v.Value
			}
			return ""
		}
		e.Status, e.Summary, e.Location, e.URL = prop(ics.ComponentPropertyStatus), prop(ics.ComponentPropertySummary),
			prop(ics.ComponentPropertyLocation), prop(ics.ComponentPropertyUrl)
		if e.Sequence, err = strconv.Atoi(prop(ics.ComponentPropertySequence)); err != nil {
			t.Fatalf("SEQUENCE of %s: %v", e.UID, err)
		}
		if e.Start, err = ev.GetStartAt(); err != nil {
			t.Fatal(err)
		}
		if e.End, err = ev.GetEndAt(); err != nil {
			t.Fatal(err)
		}
		start := ev.GetProperty(ics.ComponentPropertyDtStart)
		e.RawStart = start.Value
		if v := start.ICalParameters["TZID"]; len(v) == 1 {
			e.TZID = v[0]
		}
		if prop(ics.ComponentPropertyDtstamp) == "" {
			t.Errorf("%s has no DTSTAMP", e.UID)
		}
		out[e.UID] = e
	}
	return out
}

func parseGocal(t *testing.T, body []byte) map[string]feedEvent { return parseGocalTB(t, body) }

func parseGocalTB(t testing.TB, body []byte) map[string]feedEvent {
	t.Helper()
	p := gocal.NewParser(bytes.NewReader(body))
	p.SkipBounds = true
	if err := p.Parse(); err != nil {
		t.Fatalf("gocal: %v\n%s", err, body)
	}
	out := map[string]feedEvent{}
	for _, ev := range p.Events {
		if ev.Start == nil || ev.End == nil {
			t.Fatalf("gocal: %s without start or end", ev.Uid)
		}
		out[ev.Uid] = feedEvent{UID: ev.Uid, Status: ev.Status, Summary: ev.Summary, Location: ev.Location, URL: ev.URL,
			Sequence: ev.Sequence, Start: *ev.Start, End: *ev.End, TZID: ev.RawStart.Params["TZID"], RawStart: ev.RawStart.Value}
	}
	return out
}

// dstChange is the first change of Belgian summer or winter time from three days on: the days
// before and after it, at 10:00 in Belgium, are an hour apart in UTC offset.
func dstChange(t *testing.T) (before, after time.Time) {
	d := time.Now().In(brussels).AddDate(0, 0, 3)
	d = time.Date(d.Year(), d.Month(), d.Day(), 10, 0, 0, 0, brussels)
	for i := 0; i < 370; i++ {
		next := time.Date(d.Year(), d.Month(), d.Day()+1, 10, 0, 0, 0, brussels)
		_, o1 := d.Zone()
		_, o2 := next.Zone()
		if o1 != o2 {
			return d, time.Date(d.Year(), d.Month(), d.Day()+2, 10, 0, 0, 0, brussels)
		}
		d = next
	}
	t.Fatal("no change of summer time within a year")
	return
}

func uid(job int64, role string, host string) string {
	return "job-" + itoa(job) + "-" + role + "@" + host
}

// A worker, their buddy and the poster each subscribe to their feed; the feeds follow the
// jobs through an edit, a buddy's drop-out, the worker's drop-out and the cancellation, across
// a change of summer time.
func TestCalendarFeeds(t *testing.T) {
	a := newApp(t)
	before, after := dstChange(t)
	d := a.bookWithBuddy(t, before)
	later := postJob(t, d.poster, after, 1, klusbuddy.BuddyAllowed)
	host := strings.TrimPrefix(a.srv.URL, "http://")
	host = host[:strings.IndexByte(host, ':')]
	var street, municipality, cleaning string
	a.sql.QueryRow(`SELECT a.street, a.municipality, c.name_nl FROM jobs j JOIN poster_addresses a ON a.id = j.address_id
JOIN categories c ON c.id = j.category_id WHERE j.id = $1`, d.job.ID).Scan(&street, &municipality, &cleaning)

	worker, buddy, poster := makeFeed(t, d.worker), makeFeed(t, d.bud), makeFeed(t, d.poster)

	// The worker's feed: their place, confirmed, in Belgian time, at the address.
	w := readFeed(t, worker.URL)
	ev, ok := w[uid(d.job.ID, "worker", host)]
	if len(w) != 1 || !ok {
		t.Fatalf("the worker's feed: %+v", w)
	}
	if ev.Status != "CONFIRMED" || !ev.Start.Equal(before) || !ev.End.Equal(before.Add(2*time.Hour)) || ev.TZID != "Europe/Brussels" ||
		!strings.HasSuffix(ev.RawStart, "T100000") || !strings.Contains(ev.Location, street) ||
		ev.Summary != cleaning+" in "+municipality || ev.URL != a.srv.URL+"/" {
		t.Fatalf("the worker's event: %+v", ev)
	}
	workerSeq := ev.Sequence

	// The buddy's: the accompaniment.
	b := readFeed(t, buddy.URL)
	bev, ok := b[uid(d.job.ID, "buddy", host)]
	if len(b) != 1 || !ok || bev.Status != "CONFIRMED" || bev.Summary != "Buddy: "+cleaning+" in "+municipality || !strings.Contains(bev.Location, street) {
		t.Fatalf("the buddy's feed: %+v", b)
	}

	// The poster's: both jobs, at 10:00 Belgian time on either side of the change of summer
	// time; the one nobody took yet tentative.
	p := readFeed(t, poster.URL)
	first, second := p[uid(d.job.ID, "poster", host)], p[uid(later.ID, "poster", host)]
	if len(p) != 2 || first.Status != "CONFIRMED" || second.Status != "TENTATIVE" {
		t.Fatalf("the poster's feed: %+v", p)
	}
	if !first.Start.Equal(before) || !second.Start.Equal(after) || !strings.HasSuffix(first.RawStart, "T100000") ||
		!strings.HasSuffix(second.RawStart, "T100000") || second.TZID != "Europe/Brussels" {
		t.Fatalf("across the change of summer time: %+v / %+v", first, second)
	}
	if _, o1 := first.Start.In(brussels).Zone(); func() bool { _, o2 := second.Start.In(brussels).Zone(); return o1 == o2 }() {
		t.Fatal("the two jobs are not on either side of a change of summer time")
	}
	if second.URL != a.srv.URL+"/jobs/"+itoa(later.ID) {
		t.Errorf("the poster's link: %q", second.URL)
	}

	// Read again: the same document, and a 304 for its ETag.
	res, body1 := fetchFeed(t, poster.URL)
	res2, body2 := fetchFeed(t, poster.URL)
	if !bytes.Equal(body1, body2) || res.Header.Get("ETag") == "" || res.Header.Get("ETag") != res2.Header.Get("ETag") {
		t.Fatal("reading the feed twice gives two documents")
	}
	if res, _ := fetchFeed(t, poster.URL, "If-None-Match", res.Header.Get("ETag")); res.StatusCode != 304 {
		t.Fatalf("If-None-Match: %d", res.StatusCode)
	}

	// The poster moves the free job an hour: a new version of it, the other unchanged.
	if res, body := d.poster.do("PATCH", "/api/v1/jobs/"+itoa(later.ID), map[string]any{"start": after.Add(time.Hour).Format(time.RFC3339)}); res.StatusCode != 200 {
		t.Fatalf("moving the job: %d %s", res.StatusCode, body)
	}
	p2 := readFeed(t, poster.URL)
	if e := p2[uid(later.ID, "poster", host)]; e.Sequence <= second.Sequence || !strings.HasSuffix(e.RawStart, "T110000") {
		t.Fatalf("after the move: %+v (was %+v)", e, second)
	}
	if e := p2[uid(d.job.ID, "poster", host)]; e.Sequence != first.Sequence {
		t.Fatalf("the other job changed version: %d → %d", first.Sequence, e.Sequence)
	}

	// The buddy drops out: cancelled in their calendar, without the street; the worker waits for
	// a buddy again: tentative, a new version.
	if res, body := d.bud.do("POST", "/api/v1/me/accompaniments/"+itoa(d.accompaniment)+"/drop-out", nil); res.StatusCode != 200 {
		t.Fatalf("the buddy's drop-out: %d %s", res.StatusCode, body)
	}
	b = readFeed(t, buddy.URL)
	if e := b[uid(d.job.ID, "buddy", host)]; e.Status != "CANCELLED" || e.Sequence <= bev.Sequence || e.Location != municipality {
		t.Fatalf("the buddy's event after dropping out: %+v", e)
	}
	w = readFeed(t, worker.URL)
	if e := w[uid(d.job.ID, "worker", host)]; e.Status != "TENTATIVE" || e.Sequence <= workerSeq {
		t.Fatalf("the worker's event while waiting for a buddy again: %+v", e)
	} else {
		workerSeq = e.Sequence
	}

	// The worker drops out: cancelled, a new version; still in the feed.
	if res, body := d.worker.do("POST", "/api/v1/me/assignments/"+itoa(d.job.ID)+"/drop-out", nil); res.StatusCode != 200 {
		t.Fatalf("the worker's drop-out: %d %s", res.StatusCode, body)
	}
	w = readFeed(t, worker.URL)
	if e := w[uid(d.job.ID, "worker", host)]; len(w) != 1 || e.Status != "CANCELLED" || e.Sequence <= workerSeq || e.Location != municipality {
		t.Fatalf("the worker's event after dropping out: %+v", w)
	}

	// The poster cancels: cancelled in their calendar too.
	if res, body := d.poster.do("POST", "/api/v1/jobs/"+itoa(d.job.ID)+"/cancel", nil); res.StatusCode != 200 {
		t.Fatalf("cancelling: %d %s", res.StatusCode, body)
	}
	p3 := readFeed(t, poster.URL)
	if e := p3[uid(d.job.ID, "poster", host)]; e.Status != "CANCELLED" || e.Sequence <= first.Sequence {
		t.Fatalf("the poster's event after cancelling: %+v", e)
	}
}

// lockedBuffer is a log destination the server's goroutines may write to at once.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// The link's life: made, shown once, renewed (the old one stops working), revoked; the token
// never in the log.
func TestCalendarFeedLink(t *testing.T) {
	var logs lockedBuffer
	a := newApp(t, func(o *app.Options) {
		o.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	})
	c := a.signedIn(a.person(klusbuddy.RoleWorker, "", 0))

	res, body := c.do("GET", "/api/v1/me/calendar", nil)
	var f feedDoc
	if json.Unmarshal(body, &f); res.StatusCode != 200 || f.Exists || f.CreatedAt != nil || f.URL != "" {
		t.Fatalf("before any feed: %d %s", res.StatusCode, body)
	}
	// Without the CSRF token: refused, like every mutation.
	if res, _ := c.do("POST", "/api/v1/me/calendar", nil, "X-CSRF-Token", ""); res.StatusCode != 403 {
		t.Fatalf("making a feed without the CSRF token: %d", res.StatusCode)
	}
	old := makeFeed(t, c)
	token := strings.TrimSuffix(old.URL[strings.LastIndex(old.URL, "/")+1:], ".ics")
	if len(token) != 43 {
		t.Fatalf("token %q", token)
	}
	if n := a.count(`SELECT count(*) FROM calendar_feeds WHERE token_hash = sha256(convert_to($1, 'UTF8'))`, token); n != 1 {
		t.Fatal("the token's hash is not what is kept")
	}
	if n := a.count(`SELECT count(*) FROM calendar_feeds WHERE position(convert_to($1, 'UTF8') IN token_hash) > 0`, token); n != 0 {
		t.Fatal("the token itself is kept")
	}
	res, body = c.do("GET", "/api/v1/me/calendar", nil)
	if json.Unmarshal(body, &f); !f.Exists || f.CreatedAt == nil || f.URL != "" || strings.Contains(string(body), token) {
		t.Fatalf("the feed shown again: %s", body)
	}
	readFeed(t, old.URL)

	// Renewed: the old address is a 404, the new one works.
	renewed := makeFeed(t, c)
	if renewed.URL == old.URL {
		t.Fatal("renewing gave the same address")
	}
	if res, body := fetchFeed(t, old.URL); res.StatusCode != 404 || !strings.Contains(res.Header.Get("Content-Type"), "problem+json") ||
		strings.Contains(string(body), token) {
		t.Fatalf("the old address after renewing: %d %s", res.StatusCode, body)
	}
	readFeed(t, renewed.URL)

	// Nonsense and near misses: 404.
	for _, p := range []string{"/calendar/x.ics", "/calendar/" + strings.Repeat("A", 43) + ".ics", "/calendar/" + token[:42] + ".ics"} {
		if res, _ := fetchFeed(t, a.srv.URL+p); res.StatusCode != 404 {
			t.Errorf("%s: %d", p, res.StatusCode)
		}
	}

	// Revoked: 404; revoking again is no error.
	if res, _ := c.do("DELETE", "/api/v1/me/calendar", nil); res.StatusCode != 204 {
		t.Fatalf("revoking: %d", res.StatusCode)
	}
	if res, _ := fetchFeed(t, renewed.URL); res.StatusCode != 404 {
		t.Fatalf("the revoked address: %d", res.StatusCode)
	}
	if res, _ := c.do("DELETE", "/api/v1/me/calendar", nil); res.StatusCode != 204 {
		t.Fatalf("revoking twice: %d", res.StatusCode)
	}
	if res, body := c.do("GET", "/api/v1/me/calendar", nil); res.StatusCode != 200 || strings.Contains(string(body), `"exists":true`) {
		t.Fatalf("after revoking: %s", body)
	}

	// The log has every request to the feeds, never a token.
	renewedToken := strings.TrimSuffix(renewed.URL[strings.LastIndex(renewed.URL, "/")+1:], ".ics")
	log := logs.String()
	if !strings.Contains(log, "/calendar/[token].ics") {
		t.Fatalf("the feed's requests are not logged:\n%s", log)
	}
	if strings.Contains(log, token) || strings.Contains(log, renewedToken) || strings.Contains(log, token[:20]) {
		t.Fatalf("a token in the log:\n%s", log)
	}
}

// Coordinators and admins have no feed.
func TestCalendarFeedOnlyForPeopleWithJobs(t *testing.T) {
	a := newApp(t)
	for _, role := range []klusbuddy.Role{klusbuddy.RoleCoordinator, klusbuddy.RoleAdmin} {
		c := a.signedIn(a.person(role, "", 0))
		for _, m := range []string{"GET", "POST", "DELETE"} {
			if res, _ := c.do(m, "/api/v1/me/calendar", nil); res.StatusCode != 403 {
				t.Errorf("%s %s: %d", role, m, res.StatusCode)
			}
		}
	}
}

// An erased account's feed stops at once and nothing of it stays.
func TestErasureEndsTheCalendarFeed(t *testing.T) {
	a := newApp(t)
	d := a.bookWithBuddy(t, nextTuesday10())
	feed := makeFeed(t, d.worker)
	readFeed(t, feed.URL)
	res, body := d.worker.do("GET", "/api/v1/me/export", nil)
	if res.StatusCode != 200 || !strings.Contains(string(body), `"calendar_feed"`) || !strings.Contains(string(body), `"exists": true`) {
		t.Fatalf("the export does not say there is a feed: %.300s", body)
	}
	if strings.Contains(string(body), feed.URL[strings.LastIndex(feed.URL, "/")+1:]) {
		t.Fatal("the export holds the feed's token")
	}
	if res, body := d.worker.do("DELETE", "/api/v1/me", map[string]bool{"confirm": true}); res.StatusCode != 204 {
		t.Fatalf("erasing: %d %s", res.StatusCode, body)
	}
	if res, _ := fetchFeed(t, feed.URL); res.StatusCode != 404 {
		t.Fatalf("the erased worker's feed: %d", res.StatusCode)
	}
	for _, table := range []string{"calendar_feeds", "calendar_entries"} {
		if n := a.count(`SELECT count(*) FROM `+table+` WHERE user_id = $1`, d.workerID); n != 0 {
			t.Errorf("%d rows of %s left", n, table)
		}
	}
	// The buddy still has the job, the poster too; both keep their own feed.
	readFeed(t, makeFeed(t, d.bud).URL)
}

// A feed's address is guessed no faster than the limit allows: 300 a minute from one address,
// then 429 with Retry-After.
func TestCalendarFeedRateLimit(t *testing.T) {
	a := newApp(t)
	for i := range 300 {
		if res, _ := fetchFeed(t, a.srv.URL+"/calendar/guess.ics"); res.StatusCode != 404 {
			t.Fatalf("request %d: %d", i+1, res.StatusCode)
		}
	}
	res, _ := fetchFeed(t, a.srv.URL+"/calendar/guess.ics")
	if res.StatusCode != 429 || res.Header.Get("Retry-After") == "" {
		t.Fatalf("request 301: %d, Retry-After %q", res.StatusCode, res.Header.Get("Retry-After"))
	}
}
