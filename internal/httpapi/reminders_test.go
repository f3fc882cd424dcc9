package httpapi_test

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/app"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
	"github.com/klusbuddy/klusbuddy/internal/postgres"
	"github.com/klusbuddy/klusbuddy/internal/push"
	"github.com/klusbuddy/klusbuddy/internal/push/pushtest"
)

// reminders counts the reminders of a kind sent for a job, per person.
func (a *site) reminders(jobID int64, kind klusbuddy.ReminderKind) map[int64]int {
	a.t.Helper()
	a.count(`SELECT 0`) // sequences the queue
	var rows []struct {
		User int64 `db:"user_id"`
		N    int   `db:"n"`
	}
	if err := a.sql.Select(&rows, `SELECT user_id, count(*) AS n FROM notifications WHERE kind = 'reminder'
AND (data->>'job_id')::bigint = $1 AND data->>'reminder' = $2 GROUP BY user_id`, jobID, kind); err != nil {
		a.t.Fatal(err)
	}
	out := map[int64]int{}
	for _, r := range rows {
		out[r.User] = r.N
	}
	return out
}

func (a *site) sweep(t *testing.T, inst *app.Instance) {
	t.Helper()
	if err := inst.Reminders.Sweep(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// The evening before (18:00 in Belgium) and two hours before, to the worker, the buddy and the
// poster, once each, on the days the clocks change too: a Sunday after the spring change, the
// Monday after it, and the Sunday of the autumn change.
func TestRemindersAcrossDaylightSaving(t *testing.T) {
	for _, tc := range []struct {
		name           string
		start          time.Time // in Brussels
		evening, early time.Time // when the reminders are due, in UTC
	}{
		{"SpringSunday", time.Date(2027, 3, 28, 10, 0, 0, 0, brussels),
			time.Date(2027, 3, 27, 17, 0, 0, 0, time.UTC), time.Date(2027, 3, 28, 6, 0, 0, 0, time.UTC)},
		{"SpringMonday", time.Date(2027, 3, 29, 9, 0, 0, 0, brussels),
			time.Date(2027, 3, 28, 16, 0, 0, 0, time.UTC), time.Date(2027, 3, 29, 5, 0, 0, 0, time.UTC)},
		{"AutumnSunday", time.Date(2027, 10, 31, 10, 0, 0, 0, brussels),
			time.Date(2027, 10, 30, 16, 0, 0, 0, time.UTC), time.Date(2027, 10, 31, 7, 0, 0, 0, time.UTC)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := newApp(t)
			a.clock.Set(tc.start.AddDate(0, 0, -5))
			d := a.bookWithBuddy(t, tc.start)
			var posterID int64
			a.sql.Get(&posterID, `SELECT poster_id FROM jobs WHERE id = $1`, d.job.ID)
			everyone := map[int64]int{d.workerID: 1, d.buddyID: 1, posterID: 1}
			second := a.wire(t) // another instance on the same database

			a.sweep(t, a.inst)
			for _, step := range []struct {
				kind klusbuddy.ReminderKind
				at   time.Time
			}{{klusbuddy.ReminderEvening, tc.evening}, {klusbuddy.ReminderSoon, tc.early}} {
				a.clock.Set(step.at.Add(-time.Minute))
				a.sweep(t, a.inst)
				if got := a.reminders(d.job.ID, step.kind); len(got) != 0 {
					t.Fatalf("%s reminders a minute early: %v", step.kind, got)
				}
				a.clock.Set(step.at)
				var wg sync.WaitGroup // both instances at once: each reminder still goes out once
				for _, inst := range []*app.Instance{a.inst, second} {
					wg.Go(func() { a.sweep(t, inst) })
				}
				wg.Wait()
				a.clock.Advance(time.Minute)
				a.sweep(t, second)
				if got := a.reminders(d.job.ID, step.kind); !equalCounts(got, everyone) {
					t.Fatalf("%s reminders at %s: %v, want one each for %v", step.kind, step.at, got, everyone)
				}
			}
			// In the person's language, with what the app and the push need.
			var data map[string]any
			var raw []byte
			a.sql.Get(&raw, `SELECT data FROM notifications WHERE kind = 'reminder' AND user_id = $1 ORDER BY id DESC LIMIT 1`, d.workerID)
			json.Unmarshal(raw, &data)
			if starts, _ := time.Parse(time.RFC3339, data["starts_at"].(string)); !starts.Equal(tc.start) || data["role"] != "worker" {
				t.Fatalf("the reminder's data: %v", data)
			}
		})
	}
}

// The app's list of what happened: the newest events first, the reminders among them.
func TestLatestNotifications(t *testing.T) {
	a := newApp(t)
	start := nextTuesday10()
	a.clock.Set(start.AddDate(0, 0, -3))
	d := a.bookWithBuddy(t, start)
	a.sweep(t, a.inst) // the reminders' cursors start here
	a.clock.Set(start.Add(-2 * time.Hour))
	a.sweep(t, a.inst)

	res, body := d.worker.do("GET", "/api/v1/notifications?latest=2", nil)
	var got struct {
		Notifications []struct {
			ID   int64
			Kind string
		}
	}
	json.Unmarshal(body, &got)
	if res.StatusCode != 200 || len(got.Notifications) != 2 || got.Notifications[0].ID <= got.Notifications[1].ID {
		t.Fatalf("the latest two, newest first: %d %s", res.StatusCode, body)
	}
	var newest int64
	a.sql.Get(&newest, `SELECT max(id) FROM notifications WHERE user_id = $1`, d.workerID)
	if got.Notifications[0].ID != newest || got.Notifications[0].Kind != "reminder" {
		t.Fatalf("the newest is %d (a reminder was sent last); got %s", newest, body)
	}
	for _, q := range []string{"latest=0", "latest=201", "latest=x", "latest=5&after=1"} {
		if res, body := d.worker.do("GET", "/api/v1/notifications?"+q, nil); res.StatusCode != 422 || !strings.Contains(string(body), `"field":"latest"`) {
			t.Errorf("%s: %d %s", q, res.StatusCode, body)
		}
	}
}

func equalCounts(a, b map[int64]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// A reminder is withdrawn with the booking: nothing goes to a worker who dropped out, nor for a
// cancelled job; and a reminder already on a phone is replaced by the cancellation (the same
// Web Push topic) rather than left standing.
func TestRemindersWithdrawn(t *testing.T) {
	pub, priv, err := push.GenerateKeys()
	if err != nil {
		t.Fatal(err)
	}
	svc := pushtest.New(pub)
	t.Cleanup(svc.Close)
	a := newApp(t, func(o *app.Options) {
		o.PushKeys = push.Keys{Public: pub, Private: priv, Subject: "https://klusbuddy.example"}
		o.Push = push.Settings{Client: svc.Client(), Poll: time.Hour}
	})
	ctx := context.Background()
	start := nextTuesday10()
	a.clock.Set(start.AddDate(0, 0, -3))
	dropped := a.bookWithBuddy(t, start)
	cancelled := a.bookWithBuddy(t, start.Add(3*time.Hour))
	afterwards := a.bookWithBuddy(t, start.Add(6*time.Hour))
	a.sweep(t, a.inst)

	if res, body := dropped.worker.do("POST", "/api/v1/me/assignments/"+itoa(dropped.job.ID)+"/drop-out", nil); res.StatusCode != 200 {
		t.Fatalf("dropping out: %d %s", res.StatusCode, body)
	}
	if res, body := cancelled.poster.do("POST", "/api/v1/jobs/"+itoa(cancelled.job.ID)+"/cancel", nil); res.StatusCode != 200 {
		t.Fatalf("cancelling: %d %s", res.StatusCode, body)
	}
	sub := svc.Subscribe()
	if res, b := afterwards.worker.do("PUT", "/api/v1/me/push-subscription", map[string]any{"endpoint": sub.Endpoint, "keys": sub.Keys}); res.StatusCode != 204 {
		t.Fatalf("subscribing: %d %s", res.StatusCode, b)
	}
	evening := time.Date(start.Year(), start.Month(), start.Day()-1, 18, 0, 0, 0, brussels)
	a.clock.Set(evening)
	a.sweep(t, a.inst)
	if got := a.reminders(dropped.job.ID, klusbuddy.ReminderEvening); got[dropped.workerID] != 0 {
		t.Errorf("the worker who dropped out was reminded: %v", got)
	}
	if got := a.reminders(cancelled.job.ID, klusbuddy.ReminderEvening); len(got) != 0 {
		t.Errorf("a cancelled job was reminded: %v", got)
	}
	if got := a.reminders(afterwards.job.ID, klusbuddy.ReminderEvening); got[afterwards.workerID] != 1 {
		t.Fatalf("the booked worker was not reminded: %v", got)
	}

	// The reminder reaches the phone (normal urgency, the job's topic); the job is then cancelled
	// and the cancellation replaces it there.
	flush := func() {
		a.clock.Advance(postgres.DefaultPushGrace)
		if _, err := a.inst.Sender.Flush(ctx); err != nil {
			t.Fatal(err)
		}
	}
	flush()
	msgs := svc.Messages()
	if len(msgs) != 1 || msgs[0].Urgency != "normal" || msgs[0].Topic != "job-"+itoa(afterwards.job.ID) {
		t.Fatalf("the reminder's push: %+v", msgs)
	}
	var p klusbuddy.PushPayload
	if err := json.Unmarshal(msgs[0].Payload, &p); err != nil || p.Kind != klusbuddy.EventReminder || p.StartsAt == nil || !p.StartsAt.Equal(start.Add(6*time.Hour)) {
		t.Fatalf("the reminder's payload: %s", msgs[0].Payload)
	}
	afterwards.poster.do("POST", "/api/v1/jobs/"+itoa(afterwards.job.ID)+"/cancel", nil)
	a.count(`SELECT 0`)
	flush()
	msgs = svc.Messages()
	if len(msgs) != 2 || msgs[1].Topic != msgs[0].Topic || json.Unmarshal(msgs[1].Payload, &p) != nil || p.Kind != klusbuddy.EventJobStatus {
		t.Fatalf("after the cancellation the phone got %+v", msgs)
	}
	a.clock.Set(start.Add(4 * time.Hour)) // two hours before the last job: cancelled, so nothing
	a.sweep(t, a.inst)
	if got := a.reminders(afterwards.job.ID, klusbuddy.ReminderSoon); len(got) != 0 {
		t.Errorf("a cancelled job was reminded two hours before: %v", got)
	}
}
