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

// A worker's phone subscribes through the API; an offer then reaches the push service stand-in
// in the worker's words, unless the open app confirmed it over its socket first.
func TestPushThroughTheAPI(t *testing.T) {
	a := newApp(t)
	pub, priv, err := push.GenerateKeys()
	if err != nil {
		t.Fatal(err)
	}
	svc := pushtest.New(pub)
	t.Cleanup(svc.Close)
	// The instance's own sender polls once an hour: the test sends what is due with flush.
	sender := a.live(t, func(o *app.Options) {
		o.PushKeys = push.Keys{Public: pub, Private: priv, Subject: "https://klusbuddy.example"}
		o.Push = push.Settings{Client: svc.Client(), Poll: time.Hour}
	}).Sender
	poster := a.signedIn(a.person(klusbuddy.RolePoster, "", 8))
	first := postCleaning(t, poster, nextTuesday10(), 3)
	w, _ := a.offeredWorker(t, first)
	poster.do("POST", "/api/v1/jobs/"+itoa(first)+"/cancel", nil)

	t.Run("Key", func(t *testing.T) {
		_, body := w.c.do("GET", "/api/v1/push/key", nil)
		if !strings.Contains(string(body), `"public_key":"`+pub+`"`) {
			t.Fatalf("%s", body)
		}
	})
	t.Run("BadSubscriptions", func(t *testing.T) {
		good := svc.Subscribe()
		for name, body := range map[string]map[string]any{
			"endpoint":    {"endpoint": "https://169.254.169.254/latest", "keys": map[string]string{"p256dh": good.Keys.P256dh, "auth": good.Keys.Auth}},
			"keys.p256dh": {"endpoint": good.Endpoint, "keys": map[string]string{"p256dh": "bm90IGEga2V5", "auth": good.Keys.Auth}},
			"keys.auth":   {"endpoint": good.Endpoint, "keys": map[string]string{"p256dh": good.Keys.P256dh, "auth": ""}},
		} {
			res, b := w.c.do("PUT", "/api/v1/me/push-subscription", body)
			if res.StatusCode != 422 || !strings.Contains(string(b), `"field":"`+name+`"`) {
				t.Errorf("%s: %d %s", name, res.StatusCode, b)
			}
		}
		if res, _ := w.c.do("PUT", "/api/v1/me/push-subscription", map[string]any{"endpoint": good.Endpoint, "keys": good.Keys}, "X-CSRF-Token", ""); res.StatusCode != 403 {
			t.Errorf("without the CSRF token: %d", res.StatusCode)
		}
		if res, _ := a.client().do("PUT", "/api/v1/me/push-subscription", map[string]any{"endpoint": good.Endpoint, "keys": good.Keys}); res.StatusCode != 401 {
			t.Errorf("signed out: %d", res.StatusCode)
		}
		if n := a.count(`SELECT count(*) FROM push_subscriptions`); n != 0 {
			t.Fatalf("%d subscriptions stored from bad requests", n)
		}
	})

	sub := svc.Subscribe()
	body := map[string]any{"endpoint": sub.Endpoint, "expirationTime": nil, "keys": sub.Keys}
	if res, b := w.c.do("PUT", "/api/v1/me/push-subscription", body); res.StatusCode != 204 {
		t.Fatalf("subscribing: %d %s", res.StatusCode, b)
	}
	// Sends what is due once the grace period has passed, as the sender does.
	flush := func() {
		a.clock.Advance(postgres.DefaultPushGrace)
		if _, err := sender.Flush(context.Background()); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("AppClosed", func(t *testing.T) {
		job := postCleaning(t, poster, nextTuesday10(), 3)
		if _, err := a.db.SequenceNotifications(context.Background()); err != nil {
			t.Fatal(err)
		}
		flush()
		msgs := svc.Messages()
		if len(msgs) != 1 {
			t.Fatalf("%d pushes (refused: %v)", len(msgs), svc.Refusals())
		}
		var p klusbuddy.PushPayload
		json.Unmarshal(msgs[0].Payload, &p)
		var category, municipality string
		var start time.Time
		a.sql.QueryRow(`SELECT c.name_nl, ad.municipality, lower(j.during) FROM jobs j JOIN categories c ON c.id = j.category_id
			JOIN poster_addresses ad ON ad.id = j.address_id WHERE j.id = $1`, job).Scan(&category, &municipality, &start)
		if p.Kind != "offer_new" || p.JobID != job || p.Category != category || p.Municipality != municipality || p.Icon == "" ||
			p.Lang != "nl" || p.StartsAt == nil || !p.StartsAt.Equal(start) || p.Tag != msgs[0].Topic || msgs[0].Urgency != "high" {
			t.Fatalf("payload %s, topic %q", msgs[0].Payload, msgs[0].Topic)
		}
		// The address stays private until the worker is booked.
		if strings.Contains(string(msgs[0].Payload), "street") {
			t.Fatalf("the push carries the address: %s", msgs[0].Payload)
		}
		// Cancelling the job replaces the notification on the phone: same topic.
		poster.do("POST", "/api/v1/jobs/"+itoa(job)+"/cancel", nil)
		if _, err := a.db.SequenceNotifications(context.Background()); err != nil {
			t.Fatal(err)
		}
		flush()
		msgs = svc.Messages()
		var closing klusbuddy.PushPayload
		if len(msgs) == 2 {
			json.Unmarshal(msgs[1].Payload, &closing)
		}
		if len(msgs) != 2 || msgs[1].Topic != msgs[0].Topic || closing.Kind != "offer_withdrawn" {
			t.Fatalf("after the cancellation: %d pushes, %+v", len(msgs), closing)
		}
	})

	// A push is in the person's language, the category's name too; without a name in that
	// language, the Dutch one.
	t.Run("InTurkishAndArabic", func(t *testing.T) {
		a.sql.MustExec(`UPDATE categories SET name_tr = 'Temizlik', name_ar = '' WHERE slug = 'cleaning'`)
		for _, c := range []struct{ lang, category string }{{"tr", "Temizlik"}, {"ar", "Poetsen"}} {
			if res, body := w.c.do("PATCH", "/api/v1/me/profile", map[string]any{"language": c.lang}); res.StatusCode != 200 {
				t.Fatalf("%d %s", res.StatusCode, body)
			}
			before := len(svc.Messages())
			job := postCleaning(t, poster, nextTuesday10(), 3)
			if _, err := a.db.SequenceNotifications(context.Background()); err != nil {
				t.Fatal(err)
			}
			flush()
			var p klusbuddy.PushPayload
			for _, m := range svc.Messages()[before:] {
				var q klusbuddy.PushPayload
				if json.Unmarshal(m.Payload, &q) == nil && q.JobID == job && q.Kind == klusbuddy.EventOfferNew {
					p = q
				}
			}
			if p.Lang != c.lang || p.Category != c.category {
				t.Fatalf("%s: payload %+v", c.lang, p)
			}
			poster.do("POST", "/api/v1/jobs/"+itoa(job)+"/cancel", nil)
			if _, err := a.db.SequenceNotifications(context.Background()); err != nil {
				t.Fatal(err)
			}
			flush()
		}
	})

	t.Run("AppOpen", func(t *testing.T) {
		before := len(svc.Messages())
		ws := w.c.mustDial(nil)
		ws.next(5 * time.Second) // ready
		job := postCleaning(t, poster, nextTuesday10(), 3)
		got := ws.until(5*time.Second, func(m wsMessage) bool { return m.Kind == "offer_new" && jobOf(m) == job })
		ack, _ := json.Marshal(map[string]any{"type": "ack", "id": got[len(got)-1].ID})
		if err := ws.conn.WriteMessage(1, ack); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(3 * time.Second)
		for a.count(`SELECT count(*) FROM push_outbox WHERE user_id = $1 AND sent_at IS NULL`, w.id) > 0 {
			if time.Now().After(deadline) {
				var dbg []string
				a.sql.Select(&dbg, `SELECT topic || ' ' || coalesce(sent_at::text, 'unsent') || ' ' || notification_id FROM push_outbox`)
				t.Fatalf("the ack of %d did not cancel the push: %v", got[len(got)-1].ID, dbg)
			}
			time.Sleep(20 * time.Millisecond)
		}
		flush()
		if n := len(svc.Messages()); n != before {
			t.Fatalf("the open app confirmed the offer, yet %d pushes went out", n-before)
		}
		ws.conn.Close()
		poster.do("POST", "/api/v1/jobs/"+itoa(job)+"/cancel", nil)
	})

	t.Run("Unsubscribe", func(t *testing.T) {
		if res, b := w.c.do("DELETE", "/api/v1/me/push-subscription", nil); res.StatusCode != 204 {
			t.Fatalf("%d %s", res.StatusCode, b)
		}
		if n := a.count(`SELECT count(*) FROM push_subscriptions`); n != 0 {
			t.Fatalf("%d subscriptions left", n)
		}
		// Subscribing again, then signing out, also ends it: it belongs to the session.
		w.c.do("PUT", "/api/v1/me/push-subscription", body)
		w.c.do("POST", "/api/v1/logout", nil)
		if n := a.count(`SELECT count(*) FROM push_subscriptions`); n != 0 {
			t.Fatalf("%d subscriptions outlive the session", n)
		}
	})
}

// Pushes go out from an instance that holds no sockets at all: sequencing the outbox is not
// the WebSocket hub's job. Here only the sequencer and the push sender run, no hub; nobody
// reads /notifications.
func TestPushWithoutSockets(t *testing.T) {
	pub, priv, err := push.GenerateKeys()
	if err != nil {
		t.Fatal(err)
	}
	svc := pushtest.New(pub)
	t.Cleanup(svc.Close)
	a := newApp(t, func(o *app.Options) {
		o.PushKeys = push.Keys{Public: pub, Private: priv, Subject: "https://klusbuddy.example"}
		o.Push = push.Settings{Client: svc.Client(), Poll: 20 * time.Millisecond}
	})
	poster := a.signedIn(a.person(klusbuddy.RolePoster, "", 8))
	first := postCleaning(t, poster, nextTuesday10(), 3)
	w, _ := a.offeredWorker(t, first)
	poster.do("POST", "/api/v1/jobs/"+itoa(first)+"/cancel", nil)
	sub := svc.Subscribe()
	if res, b := w.c.do("PUT", "/api/v1/me/push-subscription", map[string]any{"endpoint": sub.Endpoint, "keys": sub.Keys}); res.StatusCode != 204 {
		t.Fatalf("subscribing: %d %s", res.StatusCode, b)
	}

	ctx, cancel := context.WithCancel(context.Background())
	var loops sync.WaitGroup
	loops.Add(2)
	go func() { defer loops.Done(); a.db.RunSequencer(ctx, time.Hour) }()
	go func() { defer loops.Done(); a.inst.Sender.Run(ctx) }()
	t.Cleanup(func() { cancel(); loops.Wait() })

	job := postCleaning(t, poster, nextTuesday10(), 3)
	waitFor(t, "the offer's push to be queued", func() bool { // (a.count would sequence the queue itself)
		var n int
		a.sql.Get(&n, `SELECT count(*) FROM push_outbox p JOIN notifications n ON n.id = p.notification_id
			WHERE p.user_id = $1 AND (n.data->>'job_id')::bigint = $2`, w.id, job)
		return n > 0
	})
	a.clock.Advance(postgres.DefaultPushGrace) // no open app acknowledged it
	waitFor(t, "the push to reach the push service", func() bool {
		for _, m := range svc.Messages() {
			var p klusbuddy.PushPayload
			if json.Unmarshal(m.Payload, &p) == nil && p.JobID == job && p.Kind == klusbuddy.EventOfferNew {
				return true
			}
		}
		return false
	})
}

// waitFor polls cond until it holds, failing the test after 10 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("waited 10 s for %s", what)
		}
	}
}
