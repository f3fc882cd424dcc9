package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/demo"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// The day of the job (issue 11), as the worker, the buddy, the poster and the coordinators live
// it, with the clock moved to the moments that matter.

type attendanceDoc struct {
	CheckedInAt  time.Time  `json:"checked_in_at"`
	CheckedOutAt *time.Time `json:"checked_out_at"`
	DistanceM    *float64   `json:"distance_m"`
	Far          bool
}

type contactDoc struct {
	Role, Phone string
	FirstName   string `json:"first_name"`
}

type dayDoc struct {
	JobID      int64 `json:"job_id"`
	ID         int64
	TravelMode string `json:"travel_mode"`
	Meeting    *struct {
		Place  string
		At     time.Time
		Chosen bool
	}
	Contacts       []contactDoc
	Attendance     *attendanceDoc
	Outcome        *string
	SafetyReported bool `json:"safety_reported"`
}

type posterJobDoc struct {
	State  string
	Places []struct {
		Place     int
		FirstName string `json:"first_name"`
		Status    string
	}
	Contacts []contactDoc
}

// dayOfAJob is a booked job with a worker and their buddy, signed in.
type dayOfAJob struct {
	job                  jobDoc
	poster, worker, bud  *client
	workerID, buddyID    int64
	accompaniment, place int64
}

// bookWithBuddy posts a cleaning job needing a buddy at start, lets the best worker accept and
// the nearest buddy go along.
func (a *site) bookWithBuddy(t *testing.T, start time.Time) dayOfAJob {
	t.Helper()
	a.sql.MustExec(`INSERT INTO buddy_categories (buddy_id, category_id) SELECT user_id, (SELECT id FROM categories WHERE slug = 'cleaning')
FROM buddy_profiles ON CONFLICT DO NOTHING`)
	wd := int(start.In(brussels).Weekday())
	if wd == 0 {
		wd = 7
	}
	for _, table := range []string{"buddy_profiles", "worker_profiles"} {
		a.sql.MustExec(`DELETE FROM availability WHERE user_id IN (SELECT user_id FROM `+table+`) AND weekday = $1`, wd)
		a.sql.MustExec(`INSERT INTO availability (user_id, weekday, starts, ends) SELECT user_id, $1, '00:00', '23:59' FROM `+table, wd)
	}
	a.sql.MustExec(`UPDATE buddy_profiles SET max_travel_minutes = 90`)
	var d dayOfAJob
	d.poster = a.signedIn(a.person(klusbuddy.RolePoster, "", 8))
	d.job = postJob(t, d.poster, start, 1, klusbuddy.BuddyRequired)
	d.workerID = a.acceptBest(t, d.job.ID)
	d.worker = a.signInByID(d.workerID)
	var request int64
	if err := a.sql.QueryRow(`SELECT id, buddy_id FROM buddy_requests WHERE job_id = $1 AND state = 'pending' ORDER BY travel_minutes, id LIMIT 1`,
		d.job.ID).Scan(&request, &d.buddyID); err != nil {
		t.Fatalf("no buddy asked: %v", err)
	}
	d.bud = a.signInByID(d.buddyID)
	if res, body := d.bud.do("POST", "/api/v1/me/buddy-requests/"+itoa(request)+"/confirm", nil); res.StatusCode != 200 {
		t.Fatalf("confirming: %d %s", res.StatusCode, body)
	}
	a.sql.Get(&d.accompaniment, `SELECT id FROM assignments WHERE job_id = $1`, d.job.ID)
	return d
}

func arrival(at time.Time, pos ...float64) map[string]any {
	m := map[string]any{"at": at.Format(time.RFC3339Nano)}
	if len(pos) == 3 {
		m["position"] = map[string]any{"lat": pos[0], "lon": pos[1], "accuracy": pos[2]}
	}
	return m
}

// myAssignment is the worker's booking on a job as their list shows it.
func myAssignment(t *testing.T, c *client, jobID int64) (dayDoc, bool) {
	t.Helper()
	res, body := c.do("GET", "/api/v1/me/assignments", nil)
	var out struct{ Assignments []dayDoc }
	if err := json.Unmarshal(body, &out); err != nil || res.StatusCode != 200 {
		t.Fatalf("assignments: %d %s", res.StatusCode, body)
	}
	for _, d := range out.Assignments {
		if d.JobID == jobID {
			return d, true
		}
	}
	return dayDoc{}, false
}

func myAccompaniment(t *testing.T, c *client, id int64) dayDoc {
	t.Helper()
	res, body := c.do("GET", "/api/v1/me/accompaniments", nil)
	var out struct{ Accompaniments []dayDoc }
	if err := json.Unmarshal(body, &out); err != nil || res.StatusCode != 200 {
		t.Fatalf("accompaniments: %d %s", res.StatusCode, body)
	}
	for _, d := range out.Accompaniments {
		if d.ID == id {
			return d
		}
	}
	t.Fatalf("accompaniment %d not listed: %s", id, body)
	return dayDoc{}
}

func posterJob(t *testing.T, c *client, id int64) posterJobDoc {
	t.Helper()
	res, body := c.do("GET", "/api/v1/jobs/"+itoa(id), nil)
	var j posterJobDoc
	if err := json.Unmarshal(body, &j); err != nil || res.StatusCode != 200 {
		t.Fatalf("job: %d %s", res.StatusCode, body)
	}
	return j
}

func hasRole(cs []contactDoc, role string) bool {
	for _, c := range cs {
		if c.Role == role && c.Phone != "" {
			return true
		}
	}
	return false
}

// The whole day: the contacts open a day before, the check-ins (one far from the address), the
// check-outs, and the job in progress then done, with what each side sees on the way.
func TestTheDayOfAJob(t *testing.T) {
	a := newApp(t)
	start := nextTuesday10()
	d := a.bookWithBuddy(t, start)
	job := itoa(d.job.ID)
	coach := a.signedIn(a.person(klusbuddy.RoleCoordinator, "", 0))
	var lat, lon float64
	a.sql.QueryRow(`SELECT a.lat, a.lon FROM jobs j JOIN poster_addresses a ON a.id = j.address_id WHERE j.id = $1`, d.job.ID).Scan(&lat, &lon)

	// Two days before: the booking shows its meeting point (the default), no phones yet.
	a.clock.Set(start.Add(-48 * time.Hour))
	mine, ok := myAssignment(t, d.worker, d.job.ID)
	if !ok || mine.Meeting == nil || mine.Meeting.Chosen || !mine.Meeting.At.Equal(start.Add(-15*time.Minute)) || len(mine.Contacts) != 0 || mine.TravelMode == "" {
		t.Fatalf("two days before, the worker sees %+v", mine)
	}
	if j := posterJob(t, d.poster, d.job.ID); len(j.Contacts) != 0 || len(j.Places) != 1 || j.Places[0].Status != "booked" {
		t.Fatalf("two days before, the poster sees %+v", j)
	}

	// The buddy chooses where to meet: the worker sees it.
	meet := map[string]any{"place": "Station Genk, perron 1", "at": start.Add(-40 * time.Minute).Format(time.RFC3339)}
	if res, body := d.bud.do("PUT", "/api/v1/me/accompaniments/"+itoa(d.accompaniment)+"/meeting", meet); res.StatusCode != 200 {
		t.Fatalf("meeting: %d %s", res.StatusCode, body)
	}
	if mine, _ = myAssignment(t, d.worker, d.job.ID); mine.Meeting == nil || !mine.Meeting.Chosen || mine.Meeting.Place != "Station Genk, perron 1" {
		t.Fatalf("the worker does not see the meeting point: %+v", mine.Meeting)
	}
	early := map[string]any{"place": "", "at": start.Add(-4 * time.Hour).Format(time.RFC3339)}
	if res, body := d.bud.do("PUT", "/api/v1/me/accompaniments/"+itoa(d.accompaniment)+"/meeting", early); res.StatusCode != 422 ||
		!strings.Contains(string(body), `"at"`) {
		t.Fatalf("a meeting four hours early: %d %s", res.StatusCode, body)
	}

	// A day before: everyone on the job can call the others, a worker another worker's buddy not.
	a.clock.Set(start.Add(-23 * time.Hour))
	mine, _ = myAssignment(t, d.worker, d.job.ID)
	if !hasRole(mine.Contacts, "poster") || !hasRole(mine.Contacts, "buddy") || len(mine.Contacts) != 2 {
		t.Fatalf("the worker's contacts: %+v", mine.Contacts)
	}
	if b := myAccompaniment(t, d.bud, d.accompaniment); !hasRole(b.Contacts, "poster") || !hasRole(b.Contacts, "worker") {
		t.Fatalf("the buddy's contacts: %+v", b.Contacts)
	}
	if j := posterJob(t, d.poster, d.job.ID); !hasRole(j.Contacts, "worker") || !hasRole(j.Contacts, "buddy") {
		t.Fatalf("the poster's contacts: %+v", j.Contacts)
	}

	// 31 minutes before: too early to check in; nothing is written.
	a.clock.Set(start.Add(-31 * time.Minute))
	res, body := d.worker.do("POST", "/api/v1/me/assignments/"+job+"/check-in", arrival(a.clock.Now()))
	if p := decodeProblem(t, res, body); res.StatusCode != 422 || len(p.Errors) != 1 || p.Errors[0].Field != "at" {
		t.Fatalf("checking in 31 minutes early: %d %s", res.StatusCode, body)
	}
	// Checking out before checking in: 409.
	if res, body = d.worker.do("POST", "/api/v1/me/assignments/"+job+"/check-out", arrival(a.clock.Now())); res.StatusCode != 409 {
		t.Fatalf("checking out before checking in: %d %s", res.StatusCode, body)
	}
	if n := a.count(`SELECT count(*) FROM attendance WHERE job_id = $1`, d.job.ID); n != 0 {
		t.Fatalf("%d attendance rows after refused taps", n)
	}

	// 20 minutes before, a kilometre north of the address: checked in, flagged, never refused;
	// the job is in progress; the coach is told.
	a.clock.Set(start.Add(-20 * time.Minute))
	res, body = d.worker.do("POST", "/api/v1/me/assignments/"+job+"/check-in", arrival(a.clock.Now(), lat+0.009, lon, 25),
		"Idempotency-Key", "checkin-worker-1")
	var got struct{ Attendance attendanceDoc }
	json.Unmarshal(body, &got)
	if res.StatusCode != 200 || !got.Attendance.Far || got.Attendance.DistanceM == nil || *got.Attendance.DistanceM < 950 || *got.Attendance.DistanceM > 1050 {
		t.Fatalf("checking in a kilometre away: %d %s", res.StatusCode, body)
	}
	first := got.Attendance
	// Twice (a second tap, a minute later): the same answer. Sent again with its key: replayed.
	a.clock.Advance(time.Minute)
	res, body = d.worker.do("POST", "/api/v1/me/assignments/"+job+"/check-in", arrival(a.clock.Now(), lat, lon, 10))
	json.Unmarshal(body, &got)
	if res.StatusCode != 200 || !got.Attendance.CheckedInAt.Equal(first.CheckedInAt) || !got.Attendance.Far {
		t.Fatalf("checking in twice: %d %s", res.StatusCode, body)
	}
	res, _ = d.worker.do("POST", "/api/v1/me/assignments/"+job+"/check-in", arrival(start.Add(-20*time.Minute), lat+0.009, lon, 25),
		"Idempotency-Key", "checkin-worker-1")
	if res.StatusCode != 200 || res.Header.Get("Idempotent-Replayed") != "true" {
		t.Fatalf("the check-in sent again with its key: %d %v", res.StatusCode, res.Header)
	}
	if j := posterJob(t, d.poster, d.job.ID); j.State != "in_progress" || j.Places[0].Status != "arrived" {
		t.Fatalf("after the check-in the poster sees %+v", j)
	}
	var far int
	a.sql.Get(&far, `SELECT count(*) FROM notification_queue WHERE kind = 'coordinator_alert' AND data->>'reason' = 'far_check_in'`)
	far += a.count(`SELECT count(*) FROM notifications WHERE kind = 'coordinator_alert' AND data->>'reason' = 'far_check_in'`)
	if far == 0 {
		t.Error("no coach was told of the far check-in")
	}
	_, body = coach.do("GET", "/api/v1/org/jobs/"+job, nil)
	if !strings.Contains(string(body), `"far_check_ins":1`) || !strings.Contains(string(body), `"far":true`) {
		t.Errorf("the board does not flag the far check-in: %.600s", body)
	}
	// Both times are kept: the phone's and the server's.
	if n := a.count(`SELECT count(*) FROM attendance WHERE job_id = $1 AND in_at = $2 AND in_received = $2`, d.job.ID, start.Add(-20*time.Minute)); n != 1 {
		t.Error("the phone's and the server's time of the check-in are not both kept")
	}

	// The buddy checks in without a position: no distance, not flagged.
	res, body = d.bud.do("POST", "/api/v1/me/accompaniments/"+itoa(d.accompaniment)+"/check-in", arrival(a.clock.Now()))
	json.Unmarshal(body, &got)
	if res.StatusCode != 200 || got.Attendance.Far || got.Attendance.DistanceM != nil {
		t.Fatalf("the buddy checking in: %d %s", res.StatusCode, body)
	}

	// A check-out with a time before the check-in: 422. Then the worker is done; the job waits for
	// the buddy, then is done, with its outcome.
	a.clock.Set(start.Add(2 * time.Hour))
	res, body = d.worker.do("POST", "/api/v1/me/assignments/"+job+"/check-out", arrival(start.Add(-time.Hour)))
	if res.StatusCode != 422 || !strings.Contains(string(body), `"at"`) {
		t.Fatalf("checking out before the check-in: %d %s", res.StatusCode, body)
	}
	if res, body = d.worker.do("POST", "/api/v1/me/assignments/"+job+"/check-out", arrival(a.clock.Now())); res.StatusCode != 200 {
		t.Fatalf("checking out: %d %s", res.StatusCode, body)
	}
	if j := posterJob(t, d.poster, d.job.ID); j.State != "in_progress" || j.Places[0].Status != "done" {
		t.Fatalf("after the worker's check-out the poster sees %+v", j)
	}
	if res, body = d.bud.do("POST", "/api/v1/me/accompaniments/"+itoa(d.accompaniment)+"/check-out", arrival(a.clock.Now())); res.StatusCode != 200 {
		t.Fatalf("the buddy checking out: %d %s", res.StatusCode, body)
	}
	if j := posterJob(t, d.poster, d.job.ID); j.State != "done" {
		t.Fatalf("everyone checked out, the job is %s", j.State)
	}
	if mine, _ = myAssignment(t, d.worker, d.job.ID); mine.Outcome == nil || *mine.Outcome != "done" || mine.Attendance == nil || mine.Attendance.CheckedOutAt == nil {
		t.Fatalf("after the day the worker sees %+v", mine)
	}
	if n := a.count(`SELECT count(*) FROM outcomes WHERE job_id = $1 AND place = 0 AND outcome = 'done' AND by_role = 'system'`, d.job.ID); n != 1 {
		t.Error("the job's outcome is not recorded")
	}

	// More than a day after the end: no phones any more, and the job leaves the worker's list.
	a.clock.Set(start.Add(26*time.Hour + time.Minute))
	if j := posterJob(t, d.poster, d.job.ID); len(j.Contacts) != 0 {
		t.Fatalf("a day after the end, the poster still sees phones: %+v", j.Contacts)
	}
	if _, ok := myAssignment(t, d.worker, d.job.ID); ok {
		t.Error("the job is still in the worker's list a day after its end")
	}
}

// A phone that was offline sends its check-in hours later with the time of the tap: it counts,
// with both times kept. A time ahead of the server's, or long after the job, is refused.
func TestCheckInSentLater(t *testing.T) {
	a := newApp(t)
	start := nextTuesday10()
	d := a.bookWithBuddy(t, start)
	job := itoa(d.job.ID)
	a.clock.Set(start.Add(3 * time.Hour)) // the job ended an hour ago
	tap := start.Add(-10 * time.Minute)
	res, body := d.worker.do("POST", "/api/v1/me/assignments/"+job+"/check-in", arrival(a.clock.Now().Add(10*time.Minute)))
	if p := decodeProblem(t, res, body); res.StatusCode != 422 || p.Errors[0].Field != "at" {
		t.Fatalf("a tap ahead of the server's clock: %d %s", res.StatusCode, body)
	}
	if res, body = d.worker.do("POST", "/api/v1/me/assignments/"+job+"/check-in", arrival(tap)); res.StatusCode != 200 {
		t.Fatalf("the late check-in: %d %s", res.StatusCode, body)
	}
	if n := a.count(`SELECT count(*) FROM attendance WHERE job_id = $1 AND in_at = $2 AND in_received = $3`, d.job.ID, tap, a.clock.Now()); n != 1 {
		t.Fatal("the phone's time and the server's are not both kept")
	}
	a.clock.Set(start.Add(10 * time.Hour))
	res, body = d.bud.do("POST", "/api/v1/me/accompaniments/"+itoa(d.accompaniment)+"/check-in", arrival(start.Add(9*time.Hour)))
	if res.StatusCode != 422 || !strings.Contains(string(body), `"at"`) {
		t.Fatalf("a check-in seven hours after the end: %d %s", res.StatusCode, body)
	}
}

// Who may tap on which booking: another worker is refused (403), a job that does not exist is
// 404, a position out of range is 422 naming the field, and nothing is written.
func TestTapsAreChecked(t *testing.T) {
	a := newApp(t)
	start := nextTuesday10()
	d := a.bookWithBuddy(t, start)
	job := itoa(d.job.ID)
	a.clock.Set(start.Add(-5 * time.Minute))
	other := a.signedIn(a.person(klusbuddy.RoleWorker, "de-schakel-hasselt", 0))
	for _, path := range []string{"/check-in", "/check-out", "/safety"} {
		if res, body := other.do("POST", "/api/v1/me/assignments/"+job+path, arrival(a.clock.Now())); res.StatusCode != 403 {
			t.Errorf("another worker's %s: %d %s", path, res.StatusCode, body)
		}
		if res, body := d.worker.do("POST", "/api/v1/me/assignments/99999999"+path, arrival(a.clock.Now())); res.StatusCode != 404 {
			t.Errorf("%s on no job: %d %s", path, res.StatusCode, body)
		}
		if res, body := d.worker.do("POST", "/api/v1/me/accompaniments/"+itoa(d.accompaniment)+path, arrival(a.clock.Now())); res.StatusCode != 403 {
			t.Errorf("a worker on the buddy's %s: %d %s", path, res.StatusCode, body)
		}
	}
	res, body := d.worker.do("POST", "/api/v1/me/assignments/"+job+"/check-in", arrival(a.clock.Now(), 91, 200, -1))
	p := decodeProblem(t, res, body)
	fields := map[string]bool{}
	for _, e := range p.Errors {
		fields[e.Field] = true
	}
	if res.StatusCode != 422 || !fields["position.lat"] || !fields["position.lon"] || !fields["position.accuracy"] {
		t.Fatalf("a position out of range: %d %s", res.StatusCode, body)
	}
	if n := a.count(`SELECT (SELECT count(*) FROM attendance) + (SELECT count(*) FROM safety_reports) + (SELECT count(*) FROM outcomes)`); n != 0 {
		t.Fatalf("refused taps wrote %d rows", n)
	}
	if j := posterJob(t, d.poster, d.job.ID); j.State != "filled" {
		t.Fatalf("refused taps moved the job to %s", j.State)
	}
}

// "Ik voel me niet veilig": the worker may leave at once and gets their coaches' phones and
// 112; the coaches of their organisation are alerted and follow it up; the poster sees only that
// the worker had to leave. Sent twice, it is one report.
func TestUnsafe(t *testing.T) {
	a := newApp(t)
	start := nextTuesday10()
	d := a.bookWithBuddy(t, start)
	job := itoa(d.job.ID)
	var org string
	a.sql.Get(&org, `SELECT o.slug FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1`, d.workerID)
	otherOrg := "de-schakel-hasselt"
	if org == otherOrg {
		otherOrg = "kompas-genk"
	}
	coach := a.signedIn(a.person(klusbuddy.RoleCoordinator, org, 0))
	otherCoach := a.signedIn(a.person(klusbuddy.RoleCoordinator, otherOrg, 0))

	a.clock.Set(start.Add(30 * time.Minute))
	d.worker.do("POST", "/api/v1/me/assignments/"+job+"/check-in", arrival(start.Add(-5*time.Minute)))
	res, body := d.worker.do("POST", "/api/v1/me/assignments/"+job+"/safety", arrival(a.clock.Now(), 50.96, 5.5, 30), "Idempotency-Key", "unsafe-0001")
	var ans struct {
		ReportID     int64 `json:"report_id"`
		Coordinators []contactDoc
		Emergency    string
	}
	json.Unmarshal(body, &ans)
	if res.StatusCode != 201 || ans.Emergency != "112" || len(ans.Coordinators) == 0 || ans.Coordinators[0].Phone == "" {
		t.Fatalf("reporting: %d %s", res.StatusCode, body)
	}
	// Again (the phone was not sure it went): the same report.
	res, body = d.worker.do("POST", "/api/v1/me/assignments/"+job+"/safety", arrival(a.clock.Now()))
	var again struct {
		ReportID int64 `json:"report_id"`
	}
	json.Unmarshal(body, &again)
	if res.StatusCode != 201 || again.ReportID != ans.ReportID || a.count(`SELECT count(*) FROM safety_reports`) != 1 {
		t.Fatalf("reporting twice: %d %s", res.StatusCode, body)
	}
	// Every coach of the organisation got the alert, with the job and the position.
	alerts := a.count(`SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id
WHERE n.kind = 'safety_alert' AND (n.data->>'job_id')::bigint = $1 AND (n.data->>'lat')::float = 50.96 AND u.role = 'coordinator'`, d.job.ID)
	coaches := a.count(`SELECT count(*) FROM users c JOIN users w ON w.organisation_id = c.organisation_id WHERE w.id = $1 AND c.role = 'coordinator'`, d.workerID)
	if alerts != coaches || coaches == 0 {
		t.Fatalf("%d safety alerts for %d coaches", alerts, coaches)
	}
	// The poster: the worker left, nothing more.
	res, body = d.poster.do("GET", "/api/v1/jobs/"+job, nil)
	if j := posterJob(t, d.poster, d.job.ID); j.Places[0].Status != "left" || strings.Contains(string(body), "safe") {
		t.Fatalf("the poster sees %s", body)
	}
	if mine, _ := myAssignment(t, d.worker, d.job.ID); !mine.SafetyReported || mine.Outcome == nil || *mine.Outcome != "left_for_safety" ||
		mine.Attendance == nil || mine.Attendance.CheckedOutAt == nil {
		t.Fatalf("the worker's booking after leaving: %+v", mine)
	}
	// Their coach sees it first, and on the board; a coach of another organisation does not.
	_, body = coach.do("GET", "/api/v1/org/safety", nil)
	var list struct {
		Reports []struct {
			ID       int64
			Phone    string
			Position *struct{ Lat float64 }
			FollowUp *string `json:"follow_up"`
		}
	}
	json.Unmarshal(body, &list)
	if len(list.Reports) != 1 || list.Reports[0].ID != ans.ReportID || list.Reports[0].Position == nil || list.Reports[0].Phone == "" {
		t.Fatalf("the coach's safety reports: %s", body)
	}
	if _, body = otherCoach.do("GET", "/api/v1/org/safety", nil); strings.Contains(string(body), fmt.Sprintf(`"id":%d`, ans.ReportID)) {
		t.Fatalf("another organisation's coach sees the report: %s", body)
	}
	if res, body = otherCoach.do("POST", fmt.Sprintf("/api/v1/org/safety/%d/ack", ans.ReportID), map[string]any{"follow_up": "Gebeld"}); res.StatusCode != 404 {
		t.Fatalf("another organisation's coach acknowledging: %d %s", res.StatusCode, body)
	}
	if _, body = coach.do("GET", "/api/v1/org/jobs/"+job, nil); !strings.Contains(string(body), `"safety_open":1`) {
		t.Errorf("the board does not show the open report: %.400s", body)
	}
	res, body = coach.do("POST", fmt.Sprintf("/api/v1/org/safety/%d/ack", ans.ReportID),
		map[string]any{"follow_up": "Gebeld met Ahmed; hij is veilig thuis. Klant morgen bellen."})
	if res.StatusCode != 200 || !strings.Contains(string(body), "veilig thuis") {
		t.Fatalf("acknowledging: %d %s", res.StatusCode, body)
	}
	if _, body = coach.do("GET", "/api/v1/org/jobs/"+job, nil); !strings.Contains(string(body), `"safety_open":0`) {
		t.Errorf("the board still shows the report open: %.400s", body)
	}

	// The worker's export holds their check-in and the report with its follow-up; once they
	// erase their account, where their phone was and what was written about them are gone.
	doc := exportOf(t, d.worker)
	if len(doc.Attendance) != 1 || doc.Attendance[0].JobID != d.job.ID || doc.Attendance[0].CheckedOutAt == nil ||
		len(doc.SafetyReports) != 1 || doc.SafetyReports[0].Position == nil || doc.SafetyReports[0].FollowUp == nil {
		t.Fatalf("the worker's export: %+v %+v", doc.Attendance, doc.SafetyReports)
	}
	var phone string
	a.sql.Get(&phone, `SELECT phone FROM users WHERE id = $1`, d.workerID)
	a.eraseAndCheck(t, d.worker, phone, demo.PIN, d.workerID)
	if n := a.count(`SELECT count(*) FROM safety_reports WHERE person_id = $1 AND lat IS NULL AND follow_up = '-'`, d.workerID); n != 1 {
		t.Error("the erased worker's safety report keeps their position or the follow-up")
	}
}

// A worker who went alone, checked in, leaves for safety: their report is taken, and as nobody
// is left on the job, it ends with the outcome "left for safety".
func TestUnsafeAlone(t *testing.T) {
	a := newApp(t)
	start := nextTuesday10()
	poster := a.signedIn(a.person(klusbuddy.RolePoster, "", 8))
	j := postJob(t, poster, start, 1, klusbuddy.BuddyNotAllowed)
	worker := a.signInByID(a.acceptBest(t, j.ID))
	job := itoa(j.ID)

	a.clock.Set(start.Add(-20 * time.Minute))
	if res, body := worker.do("POST", "/api/v1/me/assignments/"+job+"/check-in", arrival(a.clock.Now())); res.StatusCode != 200 {
		t.Fatalf("checking in: %d %s", res.StatusCode, body)
	}
	a.clock.Advance(time.Minute)
	if res, body := worker.do("POST", "/api/v1/me/assignments/"+job+"/safety", arrival(a.clock.Now())); res.StatusCode != 201 {
		t.Fatalf("reporting: %d %s", res.StatusCode, body)
	}
	var state, outcome string
	a.sql.Get(&state, `SELECT state FROM jobs WHERE id = $1`, j.ID)
	a.sql.Get(&outcome, `SELECT outcome FROM outcomes WHERE job_id = $1 AND place = 0 ORDER BY id DESC LIMIT 1`, j.ID)
	if state != "done" || outcome != "left_for_safety" {
		t.Fatalf("job %s with outcome %q after its only worker left for safety; want done, left_for_safety", state, outcome)
	}
}

// A coordinator records outcomes: a place's (the buddy did not come), closing the job; a
// coordinator of an organisation with nobody on the job may not; a poster's late cancellation
// is recorded as such, and a coordinator's cancellation tells the poster.
func TestOutcomes(t *testing.T) {
	a := newApp(t)
	start := nextTuesday10()
	d := a.bookWithBuddy(t, start)
	job := itoa(d.job.ID)
	var org string
	a.sql.Get(&org, `SELECT o.slug FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1`, d.workerID)
	coach := a.signedIn(a.person(klusbuddy.RoleCoordinator, org, 0))

	a.clock.Set(start.Add(-time.Hour))
	if res, body := coach.do("POST", "/api/v1/org/jobs/"+job+"/outcome", map[string]any{"place": 1, "outcome": "buddy_no_show", "close": true}); res.StatusCode != 409 {
		t.Fatalf("closing a job before its start: %d %s", res.StatusCode, body)
	}
	if n := a.count(`SELECT count(*) FROM outcomes`); n != 0 {
		t.Fatalf("a refused close left %d outcomes", n)
	}
	for _, bad := range []map[string]any{{"outcome": "exploded"}, {"outcome": "worker_no_show"}, {"place": 1, "outcome": "cancelled_by_coordinator"}, {"place": 7, "outcome": "done"}} {
		if res, body := coach.do("POST", "/api/v1/org/jobs/"+job+"/outcome", bad); res.StatusCode != 422 {
			t.Errorf("%v: %d %s", bad, res.StatusCode, body)
		}
	}
	a.clock.Set(start.Add(30 * time.Minute))
	d.worker.do("POST", "/api/v1/me/assignments/"+job+"/check-in", arrival(start))
	res, body := coach.do("POST", "/api/v1/org/jobs/"+job+"/outcome", map[string]any{"place": 1, "outcome": "buddy_no_show", "close": true})
	if res.StatusCode != 200 || !strings.Contains(string(body), `"state":"done"`) {
		t.Fatalf("recording and closing: %d %s", res.StatusCode, body)
	}
	_, body = coach.do("GET", "/api/v1/org/jobs/"+job, nil)
	if !strings.Contains(string(body), `"outcome":"buddy_no_show"`) || !strings.Contains(string(body), `"by":"coordinator"`) {
		t.Fatalf("the review's outcomes: %.800s", body)
	}

	// Nobody of another organisation on the job, and not its organisation's: 403.
	var jobOrg string
	a.sql.Get(&jobOrg, `SELECT coalesce(o.slug, '') FROM jobs j LEFT JOIN organisations o ON o.id = j.organisation_id WHERE j.id = $1`, d.job.ID)
	var stranger string
	a.sql.Get(&stranger, `SELECT slug FROM organisations WHERE slug NOT IN ($1, $2) AND id NOT IN
    (SELECT u.organisation_id FROM assignments s JOIN users u ON u.id IN (s.worker_id, s.buddy_id) WHERE s.job_id = $3) ORDER BY id LIMIT 1`, org, jobOrg, d.job.ID)
	if stranger != "" {
		other := a.signedIn(a.person(klusbuddy.RoleCoordinator, stranger, 0))
		if res, body := other.do("POST", "/api/v1/org/jobs/"+job+"/outcome", map[string]any{"outcome": "poster_absent"}); res.StatusCode != 403 {
			t.Fatalf("a coach of another organisation: %d %s", res.StatusCode, body)
		}
	}

	// Cancellations: late by the poster, and by a coordinator.
	late := postJob(t, d.poster, start.AddDate(0, 0, 7), 1, klusbuddy.BuddyAllowed)
	a.clock.Set(start.AddDate(0, 0, 7).Add(-2 * time.Hour))
	if res, body := d.poster.do("POST", "/api/v1/jobs/"+itoa(late.ID)+"/cancel", nil); res.StatusCode != 200 {
		t.Fatalf("cancelling late: %d %s", res.StatusCode, body)
	}
	if n := a.count(`SELECT count(*) FROM outcomes WHERE job_id = $1 AND outcome = 'cancelled_late_by_poster' AND by_role = 'poster'`, late.ID); n != 1 {
		t.Error("the late cancellation is not recorded as the job's outcome")
	}
	later := postJob(t, d.poster, start.AddDate(0, 0, 14), 1, klusbuddy.BuddyAllowed)
	a.acceptBest(t, later.ID)
	var laterOrg string
	a.sql.Get(&laterOrg, `SELECT o.slug FROM assignments s JOIN users u ON u.id = s.worker_id JOIN organisations o ON o.id = u.organisation_id WHERE s.job_id = $1`, later.ID)
	res, body = a.signedIn(a.person(klusbuddy.RoleCoordinator, laterOrg, 0)).do("POST", "/api/v1/org/jobs/"+itoa(later.ID)+"/outcome",
		map[string]any{"outcome": "cancelled_by_coordinator"})
	if res.StatusCode != 200 || !strings.Contains(string(body), `"state":"cancelled"`) {
		t.Fatalf("a coordinator cancelling: %d %s", res.StatusCode, body)
	}
	if n := a.count(`SELECT count(*) FROM notifications n JOIN jobs j ON j.poster_id = n.user_id
WHERE j.id = $1 AND n.kind = 'job_status' AND n.data->>'state' = 'cancelled' AND (n.data->>'job_id')::bigint = j.id`, later.ID); n != 1 {
		t.Error("the poster was not told of the coordinator's cancellation")
	}
}

// Fifteen minutes after the start without a check-in, the worker gets a nudge and their coach
// an alert; the board shows the worker as not arrived until they check in.
func TestNotArrived(t *testing.T) {
	a := newApp(t)
	start := nextTuesday10()
	d := a.bookWithBuddy(t, start)
	ctx := context.Background()
	var org string
	a.sql.Get(&org, `SELECT o.slug FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1`, d.workerID)
	coach := a.signedIn(a.person(klusbuddy.RoleCoordinator, org, 0))
	a.clock.Set(start.Add(-time.Hour))
	a.inst.Reminders.Sweep(ctx) // starts the cursors
	// The buddy is there; the worker not.
	a.clock.Set(start.Add(-10 * time.Minute))
	d.bud.do("POST", "/api/v1/me/accompaniments/"+itoa(d.accompaniment)+"/check-in", arrival(a.clock.Now()))
	a.clock.Set(start.Add(14 * time.Minute))
	a.inst.Reminders.Sweep(ctx)
	if n := a.count(`SELECT count(*) FROM notifications WHERE kind = 'checkin_nudge'`); n != 0 {
		t.Fatalf("%d nudges 14 minutes after the start", n)
	}
	if _, body := coach.do("GET", "/api/v1/org/jobs/"+itoa(d.job.ID), nil); !strings.Contains(string(body), `"not_arrived":0`) {
		t.Fatalf("not arrived before 15 minutes: %.300s", body)
	}
	a.clock.Set(start.Add(15 * time.Minute))
	a.inst.Reminders.Sweep(ctx)
	a.inst.Reminders.Sweep(ctx)
	if n := a.count(`SELECT count(*) FROM notifications WHERE kind = 'checkin_nudge' AND user_id = $1 AND (data->>'job_id')::bigint = $2`, d.workerID, d.job.ID); n != 1 {
		t.Fatalf("%d nudges for the worker", n)
	}
	if n := a.count(`SELECT count(*) FROM notifications WHERE kind = 'checkin_nudge' AND user_id <> $1`, d.workerID); n != 0 {
		t.Fatalf("%d nudges for others (the buddy checked in)", n)
	}
	if n := a.count(`SELECT count(*) FROM notifications n JOIN users c ON c.id = n.user_id
WHERE n.kind = 'coordinator_alert' AND n.data->>'reason' = 'not_arrived' AND c.role = 'coordinator'`); n == 0 {
		t.Fatal("no coach was alerted")
	}
	_, body := coach.do("GET", "/api/v1/org/jobs?filter=attention", nil)
	if !strings.Contains(string(body), `"not_arrived":1`) {
		t.Fatalf("the board's attention list: %.500s", body)
	}
	d.worker.do("POST", "/api/v1/me/assignments/"+itoa(d.job.ID)+"/check-in", arrival(a.clock.Now()))
	if _, body := coach.do("GET", "/api/v1/org/jobs/"+itoa(d.job.ID), nil); !strings.Contains(string(body), `"not_arrived":0`) {
		t.Fatalf("still not arrived after the check-in: %.300s", body)
	}
}
