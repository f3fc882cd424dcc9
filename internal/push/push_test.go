package push_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/klusbuddy/klusbuddy/internal/clock"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
	"github.com/klusbuddy/klusbuddy/internal/postgres"
	"github.com/klusbuddy/klusbuddy/internal/postgres/pgtest"
	"github.com/klusbuddy/klusbuddy/internal/push"
	"github.com/klusbuddy/klusbuddy/internal/push/pushtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

type world struct {
	t       *testing.T
	db      *postgres.DB
	sql     *sqlx.DB
	clock   *clock.Manual // the store's and the sender's
	service *pushtest.Service
	sender  *push.Sender
	user    int64
	sub     klusbuddy.PushSubscription
	results []string // what the sender's Result hook heard (metrics)
	keys    push.Keys
}

// newWorld is a database with one worker signed in on one phone subscribed to the stand-in,
// and a sender with fresh VAPID keys.
func newWorld(t *testing.T) *world {
	t.Helper()
	db := pgtest.NewDB(t)
	pub, priv, err := push.GenerateKeys()
	if err != nil {
		t.Fatal(err)
	}
	if err := push.CheckKeys(pub, priv); err != nil {
		t.Fatalf("generated keys do not check: %v", err)
	}
	svc := pushtest.New(pub)
	t.Cleanup(svc.Close)
	w := &world{t: t, db: db, sql: pgtest.SQL(t, db), clock: clock.NewManual(time.Now()), service: svc}
	db.Now = w.clock.Now
	if err := w.sql.Get(&w.user, `INSERT INTO users (role, first_name, email, language) VALUES ('poster', 'Bo', 'bo@example.be', 'fr') RETURNING id`); err != nil {
		t.Fatal(err)
	}
	var session int64
	if err := w.sql.Get(&session, `INSERT INTO sessions (user_id, token_hash, csrf_token, expires_at)
		VALUES ($1, sha256('t'::bytea), repeat('c', 32), now() + interval '1 day') RETURNING id`, w.user); err != nil {
		t.Fatal(err)
	}
	w.sub = svc.Subscribe()
	if err := db.SavePushSubscription(context.Background(), w.user, session, w.sub); err != nil {
		t.Fatal(err)
	}
	w.keys = push.Keys{Public: pub, Private: priv, Subject: "mailto:ops@klusbuddy.be"}
	w.sender = push.NewSender(db, w.keys, nil,
		push.Settings{Client: svc.Client(), Now: w.clock.Now, Result: func(r string) { w.results = append(w.results, r) }})
	return w
}

// event writes an event for the user through the queue and sequences it, as the app does.
func (w *world) event(kind klusbuddy.EventKind, data map[string]any) int64 {
	w.t.Helper()
	b, _ := json.Marshal(data)
	if _, err := w.sql.Exec(`INSERT INTO notification_queue (user_id, kind, data) VALUES ($1, $2, $3)`, w.user, kind, b); err != nil {
		w.t.Fatal(err)
	}
	if _, err := w.db.SequenceNotifications(context.Background()); err != nil {
		w.t.Fatal(err)
	}
	id, _ := w.db.LastNotificationID(context.Background(), w.user)
	return id
}

// due moves the clock past the grace period and the backoff of the first attempts, so that
// the next Flush sends what waits.
func (w *world) due() {
	w.clock.Advance(10 * time.Second)
}

func (w *world) flush() int {
	w.t.Helper()
	n, err := w.sender.Flush(context.Background())
	if err != nil {
		w.t.Fatal(err)
	}
	return n
}

func (w *world) count(q string, args ...any) int {
	w.t.Helper()
	var n int
	if err := w.sql.Get(&n, q, args...); err != nil {
		w.t.Fatal(err)
	}
	return n
}

func TestPushDelivery(t *testing.T) {
	w := newWorld(t)
	expires := w.clock.Now().Add(10 * time.Minute).UTC()
	id := w.event("buddy_request", map[string]any{"request_id": 7, "job_id": 0, "expires_at": expires.Format(time.RFC3339Nano)})

	// Held back for the grace period: the open app may still acknowledge it.
	if n := w.flush(); n != 0 {
		t.Fatalf("sent %d pushes before the grace period ended", n)
	}
	w.due()
	if n := w.flush(); n != 1 {
		t.Fatalf("claimed %d pushes, want 1", n)
	}
	msgs := w.service.Messages()
	if len(msgs) != 1 {
		t.Fatalf("the push service got %d messages (refused: %v)", len(msgs), w.service.Refusals())
	}
	m := msgs[0]
	if m.Topic != "buddy-7" || m.Urgency != "high" || m.Subject != "mailto:ops@klusbuddy.be" {
		t.Errorf("topic %q, urgency %q, sub %q", m.Topic, m.Urgency, m.Subject)
	}
	if m.TTL <= 0 || m.TTL > 600 {
		t.Errorf("TTL %d s, want the time left on the request (at most 600 s)", m.TTL)
	}
	if len(m.Payload) >= 3000 {
		t.Errorf("payload of %d bytes; it must stay under 3 KB", len(m.Payload))
	}
	var p klusbuddy.PushPayload
	if err := json.Unmarshal(m.Payload, &p); err != nil {
		t.Fatalf("payload %s: %v", m.Payload, err)
	}
	if p.ID != id || p.Kind != "buddy_request" || p.RequestID != 7 || p.Tag != "buddy-7" || p.Lang != "fr" || p.ExpiresAt == nil {
		t.Errorf("payload %s", m.Payload)
	}
	if c := w.count(`SELECT count(*) FROM push_sent WHERE status = 201`); c != 1 {
		t.Errorf("%d pushes recorded as sent", c)
	}
	// Once sent, it is not sent again.
	w.due()
	if n := w.flush(); n != 0 {
		t.Errorf("a sent push was claimed again")
	}
}

// An event the open app acknowledged over its socket needs no push.
func TestPushNotNeededAfterAck(t *testing.T) {
	w := newWorld(t)
	id := w.event("offer_new", map[string]any{"offer_id": 3, "job_id": 0, "expires_at": w.clock.Now().Add(time.Hour).Format(time.RFC3339Nano)})
	if err := w.db.Acknowledge(context.Background(), w.user, id); err != nil {
		t.Fatal(err)
	}
	w.due()
	if n := w.flush(); n != 0 || len(w.service.Messages()) != 0 {
		t.Fatalf("pushed an acknowledged event (%d claimed)", n)
	}
}

// 410 from the push service: the subscription is deleted, with what was waiting for it.
func TestPushGoneDeletesTheSubscription(t *testing.T) {
	w := newWorld(t)
	w.service.FailNext(w.sub.Endpoint, http.StatusGone)
	exp := w.clock.Now().Add(time.Hour).Format(time.RFC3339Nano)
	w.event("offer_new", map[string]any{"offer_id": 3, "job_id": 0, "expires_at": exp})
	w.clock.Advance(time.Second)
	w.event("offer_new", map[string]any{"offer_id": 4, "job_id": 0, "expires_at": exp})
	w.clock.Advance(postgres.DefaultPushGrace - time.Second) // the first is due, the second not yet
	w.flush()
	if c := w.count(`SELECT count(*) FROM push_subscriptions`); c != 0 {
		t.Fatalf("the subscription survived a 410")
	}
	if c := w.count(`SELECT count(*) FROM push_outbox`); c != 0 {
		t.Fatalf("%d pushes still wait for a subscription that is gone", c)
	}
	if w.service.Refusals() != nil {
		t.Fatalf("refused: %v", w.service.Refusals())
	}
}

// 429 (with Retry-After) and 5xx are tried again later, and the push gets there in the end.
func TestPushRetries(t *testing.T) {
	w := newWorld(t)
	w.service.FailNext(w.sub.Endpoint, http.StatusTooManyRequests, http.StatusServiceUnavailable)
	w.event("offer_new", map[string]any{"offer_id": 3, "job_id": 0, "expires_at": w.clock.Now().Add(time.Hour).Format(time.RFC3339Nano)})
	w.due()
	w.flush()
	var wait float64
	w.sql.Get(&wait, `SELECT extract(epoch FROM not_before - $1) FROM push_outbox`, w.clock.Now())
	if wait < 0.5 || wait > 1.5 {
		t.Fatalf("after a 429 with Retry-After: 1 the push waits %.2f s", wait)
	}
	if n := w.flush(); n != 0 {
		t.Fatal("retried before Retry-After")
	}
	w.due()
	w.flush() // 503
	if c := w.count(`SELECT count(*) FROM push_outbox WHERE sent_at IS NULL AND not_before > $1 AND last_status = 503`, w.clock.Now()); c != 1 {
		t.Fatal("a 503 is not waiting for its retry")
	}
	w.due()
	w.flush()
	if len(w.service.Messages()) != 1 {
		t.Fatalf("%d messages after 3 attempts", len(w.service.Messages()))
	}
	if w.count(`SELECT count(*) FROM push_outbox`) != 0 || w.count(`SELECT count(*) FROM push_sent WHERE status = 201`) != 1 {
		t.Fatal("the push that got there at the third attempt is not recorded as sent")
	}
}

// When an offer is taken: a push that went out is followed by one with the same topic, which
// replaces it on the phone; one that had not gone out is dropped.
func TestPushClosingAnOffer(t *testing.T) {
	w := newWorld(t)
	exp := w.clock.Now().Add(time.Hour).Format(time.RFC3339Nano)
	w.event("offer_new", map[string]any{"offer_id": 3, "job_id": 0, "expires_at": exp})
	w.due()
	w.flush()
	w.event("offer_taken", map[string]any{"offer_id": 3, "job_id": 0})
	w.flush()
	msgs := w.service.Messages()
	if len(msgs) != 2 || msgs[1].Topic != "offer-3" || msgs[1].Urgency != "normal" {
		t.Fatalf("messages %+v", msgs)
	}
	var p klusbuddy.PushPayload
	json.Unmarshal(msgs[1].Payload, &p)
	if p.Kind != "offer_taken" || p.Tag != "offer-3" {
		t.Fatalf("closing payload %s", msgs[1].Payload)
	}

	// Not yet sent, then withdrawn: nothing goes out at all.
	w.event("offer_new", map[string]any{"offer_id": 4, "job_id": 0, "expires_at": exp})
	w.event("offer_withdrawn", map[string]any{"offer_id": 4, "job_id": 0})
	w.due()
	w.flush()
	if n := len(w.service.Messages()); n != 2 {
		t.Fatalf("%d messages; an offer withdrawn before its push went out was pushed anyway", n)
	}
}

// A claimed push is the claiming sender's for the lease: another sender skips it, and takes
// it over once the lease has run out (the first one died before it could report).
func TestPushLease(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	w.event("offer_new", map[string]any{"offer_id": 3, "job_id": 0, "expires_at": w.clock.Now().Add(time.Hour).Format(time.RFC3339Nano)})
	w.due()
	first, err := w.db.ClaimPushes(ctx, 10, time.Minute)
	if err != nil || len(first) != 1 {
		t.Fatalf("claimed %d pushes (%v), want 1", len(first), err)
	}
	w.clock.Advance(59 * time.Second)
	if again, err := w.db.ClaimPushes(ctx, 10, time.Minute); err != nil || len(again) != 0 {
		t.Fatalf("another sender claimed %d pushes within the lease (%v)", len(again), err)
	}
	if _, err := w.db.PurgeSentPushes(ctx); err != nil || w.count(`SELECT count(*) FROM push_outbox`) != 1 {
		t.Fatalf("the purge took a leased push (%v)", err)
	}
	w.clock.Advance(2 * time.Second)
	later, err := w.db.ClaimPushes(ctx, 10, time.Minute)
	if err != nil || len(later) != 1 || later[0].ID != first[0].ID || later[0].Attempts != 2 {
		t.Fatalf("after the lease: %+v (%v), want the same push at its second attempt", later, err)
	}
}

// While a rolling upgrade runs, a push claimed by an instance of the previous version (a lease
// on the row, functions/claim_pushes.sql) is that instance's until its lease runs out.
func TestPushClaimedByThePreviousVersion(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	w.event("offer_new", map[string]any{"offer_id": 3, "job_id": 0, "expires_at": w.clock.Now().Add(time.Hour).Format(time.RFC3339Nano)})
	w.due()
	if n := w.count(`SELECT count(*) FROM claim_pushes(10, 60000, 10, $1)`, w.clock.Now()); n != 1 {
		t.Fatalf("the previous version claimed %d pushes, want 1", n)
	}
	if got, err := w.db.ClaimPushes(ctx, 10, time.Minute); err != nil || len(got) != 0 {
		t.Fatalf("claimed %d pushes another version holds (%v)", len(got), err)
	}
	w.clock.Advance(61 * time.Second)
	if got, err := w.db.ClaimPushes(ctx, 10, time.Minute); err != nil || len(got) != 1 || got[0].Attempts != 2 {
		t.Fatalf("after the old lease: %+v (%v), want the push at its second attempt", got, err)
	}
}

// A sent push leaves the outbox; that the device was sent its topic is kept a day, for a push
// that replaces it ("taken" after "new"), and then forgotten, as it is once the device is.
func TestPushSentKeptADay(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	exp := w.clock.Now().Add(48 * time.Hour).Format(time.RFC3339Nano)
	w.event("offer_new", map[string]any{"offer_id": 3, "job_id": 0, "expires_at": exp})
	w.event("offer_new", map[string]any{"offer_id": 4, "job_id": 0, "expires_at": exp})
	w.due()
	w.flush()
	if w.count(`SELECT count(*) FROM push_outbox`) != 0 || w.count(`SELECT count(*) FROM push_sent`) != 2 {
		t.Fatal("sent pushes are not recorded as sent, out of the outbox")
	}
	w.clock.Advance(23 * time.Hour)
	if _, err := w.db.PurgeSentPushes(ctx); err != nil {
		t.Fatal(err)
	}
	w.event("offer_taken", map[string]any{"offer_id": 3, "job_id": 0})
	w.flush()
	if msgs := w.service.Messages(); len(msgs) != 3 || msgs[2].Topic != "offer-3" {
		t.Fatalf("a push sent 23 hours ago was not replaced when its offer was taken: %d messages", len(msgs))
	}

	w.clock.Advance(2 * time.Hour)
	if _, err := w.db.PurgeSentPushes(ctx); err != nil {
		t.Fatal(err)
	}
	if c := w.count(`SELECT count(*) FROM push_sent`); c != 1 {
		t.Fatalf("%d pushes recorded as sent after a day; want only the \"taken\" of an hour ago", c)
	}
	w.event("offer_taken", map[string]any{"offer_id": 4, "job_id": 0})
	w.flush()
	if n := len(w.service.Messages()); n != 3 {
		t.Fatalf("%d messages: a push forgotten after a day was replaced", n)
	}

	if _, err := w.sql.Exec(`DELETE FROM push_subscriptions`); err != nil { // signed out
		t.Fatal(err)
	}
	if _, err := w.db.PurgeSentPushes(ctx); err != nil {
		t.Fatal(err)
	}
	if c := w.count(`SELECT count(*) FROM push_sent`); c != 0 {
		t.Fatalf("%d pushes of a removed device still recorded", c)
	}
}

// A push whose TTL has passed is dropped without being sent.
func TestPushExpired(t *testing.T) {
	w := newWorld(t)
	w.event("offer_new", map[string]any{"offer_id": 3, "job_id": 0, "expires_at": w.clock.Now().Add(time.Hour).Format(time.RFC3339Nano)})
	w.clock.Advance(time.Hour + time.Second) // nobody sent it in time
	w.flush()
	if len(w.service.Messages()) != 0 || w.count(`SELECT count(*) FROM push_outbox`) != 0 {
		t.Fatal("an expired push was sent or kept")
	}
}

func TestAllowedEndpoint(t *testing.T) {
	for endpoint, ok := range map[string]bool{
		"https://fcm.googleapis.com/fcm/send/abc":              true,
		"https://updates.push.services.mozilla.com/wpush/v2/x": true,
		"https://wns2-par02p.notify.windows.com/w/?token=x":    true,
		"https://web.push.apple.com/QAbc":                      true,
		"http://fcm.googleapis.com/fcm/send/abc":               false,
		"https://169.254.169.254/latest/meta-data":             false,
		"https://evil.example/notify.windows.com":              false,
		"https://notify.windows.com.evil.example/x":            false,
	} {
		if err := push.AllowedEndpoint(endpoint, push.DefaultHosts); (err == nil) != ok {
			t.Errorf("%s: %v", endpoint, err)
		}
	}
}

// The offer is taken while its push is on its way (claimed, not yet recorded as sent): the
// push may well arrive, so a replacing push must follow.
func TestPushClosingWhileInFlight(t *testing.T) {
	w := newWorld(t)
	exp := w.clock.Now().Add(time.Hour).Format(time.RFC3339Nano)
	w.event("offer_new", map[string]any{"offer_id": 3, "job_id": 0, "expires_at": exp})
	w.due()
	claimed, err := w.db.ClaimPushes(context.Background(), 10, time.Minute)
	if err != nil || len(claimed) != 1 {
		t.Fatalf("claimed %d: %v", len(claimed), err)
	}
	w.event("offer_taken", map[string]any{"offer_id": 3, "job_id": 0})
	// The first push went out meanwhile.
	if err := w.db.CompletePushes(context.Background(), []klusbuddy.PushOutcome{{ID: claimed[0].ID, Result: klusbuddy.PushSent, Status: 201}}, nil); err != nil {
		t.Fatal(err)
	}
	w.flush()
	msgs := w.service.Messages()
	if len(msgs) != 1 || msgs[0].Topic != "offer-3" {
		t.Fatalf("after an offer was taken while its push was on its way: %d pushes %+v; want the replacing one", len(msgs), msgs)
	}
	var p klusbuddy.PushPayload
	json.Unmarshal(msgs[0].Payload, &p)
	if p.Kind != "offer_taken" {
		t.Fatalf("payload %s", msgs[0].Payload)
	}
}

// An ack (from any of the person's devices) cancels the offer's push, never the push that
// replaces one already sent: another phone may be showing the offer.
func TestPushAckKeepsReplacements(t *testing.T) {
	w := newWorld(t)
	exp := w.clock.Now().Add(time.Hour).Format(time.RFC3339Nano)
	w.event("offer_new", map[string]any{"offer_id": 3, "job_id": 0, "expires_at": exp})
	w.due()
	w.flush()
	taken := w.event("offer_taken", map[string]any{"offer_id": 3, "job_id": 0})
	if err := w.db.Acknowledge(context.Background(), w.user, taken); err != nil {
		t.Fatal(err)
	}
	w.flush()
	if n := len(w.service.Messages()); n != 2 {
		t.Fatalf("%d pushes; the ack cancelled the replacing push", n)
	}
}

// A safety alert goes out at once and stays when the coach's open app acknowledges it: a board
// left open in an office must not silence the phone in their pocket.
func TestSafetyAlertIsNeverHeldBack(t *testing.T) {
	w := newWorld(t)
	exp := w.clock.Now().Add(24 * time.Hour).Format(time.RFC3339Nano)
	alert := w.event(klusbuddy.EventSafetyAlert, map[string]any{"report_id": 9, "job_id": 4, "expires_at": exp})
	if err := w.db.Acknowledge(context.Background(), w.user, alert); err != nil {
		t.Fatal(err)
	}
	if n := w.flush(); n != 1 { // no grace period: the clock has not moved
		t.Fatalf("%d pushes sent before the grace period; want the safety alert at once", n)
	}
	msgs := w.service.Messages()
	if len(msgs) != 1 || msgs[0].Urgency != "high" || msgs[0].Topic != "safety-9" {
		t.Fatalf("pushes %+v", msgs)
	}
}

// A 410 for a subscription's old endpoint does not delete the endpoint the device has since
// replaced it with.
func TestPushGoneForAnOldEndpoint(t *testing.T) {
	w := newWorld(t)
	w.event("offer_new", map[string]any{"offer_id": 3, "job_id": 0, "expires_at": w.clock.Now().Add(time.Hour).Format(time.RFC3339Nano)})
	w.due()
	claimed, err := w.db.ClaimPushes(context.Background(), 10, time.Minute)
	if err != nil || len(claimed) != 1 {
		t.Fatalf("claimed %d: %v", len(claimed), err)
	}
	var session int64
	w.sql.Get(&session, `SELECT session_id FROM push_subscriptions`)
	if err := w.db.SavePushSubscription(context.Background(), w.user, session, w.service.Subscribe()); err != nil {
		t.Fatal(err)
	}
	gone := klusbuddy.PushOutcome{ID: claimed[0].ID, Result: klusbuddy.PushGone, Status: 410, Endpoint: claimed[0].Endpoint}
	if err := w.db.CompletePushes(context.Background(), []klusbuddy.PushOutcome{gone}, []int64{claimed[0].Claim}); err != nil {
		t.Fatal(err)
	}
	if n := w.count(`SELECT count(*) FROM push_subscriptions`); n != 1 {
		t.Fatal("a 410 for the old endpoint deleted the new subscription")
	}
}

// Hours waiting for someone's answer reach a closed app: the worker's to confirm, the poster's to
// approve, the coach's to decide. They can wait for the phone to wake (normal urgency), one push
// per sheet, and a day later a push is no use any more (the app's list keeps the event).
func TestHoursWaitingArePushed(t *testing.T) {
	w := newWorld(t)
	waiting := []klusbuddy.EventKind{klusbuddy.EventHoursToConfirm, klusbuddy.EventHoursToApprove, klusbuddy.EventHoursDisputed}
	for i, kind := range waiting {
		w.event(kind, map[string]any{"job_id": 4, "sheet_id": 10 + i, "role": "worker"})
	}
	w.event(klusbuddy.EventHoursApproved, map[string]any{"job_id": 4, "sheet_id": 20, "role": "worker"})
	w.due()
	if n := w.flush(); n != 3 {
		t.Fatalf("%d pushes; want one for each sheet waiting for an answer, none for approved hours", n)
	}
	for _, m := range w.service.Messages() {
		var p klusbuddy.PushPayload
		json.Unmarshal(m.Payload, &p)
		i := slices.Index(waiting, p.Kind)
		if i < 0 || m.Urgency != "normal" || m.Topic != fmt.Sprintf("hours-%d", 10+i) || p.JobID != 4 || p.Role != "worker" || p.ExpiresAt == nil {
			t.Errorf("push: urgency %q, topic %q, payload %s", m.Urgency, m.Topic, m.Payload)
			continue
		}
		if got := p.ExpiresAt.Sub(w.clock.Now()); got <= 0 || got > klusbuddy.DefaultPushTTL {
			t.Errorf("%s push expires in %s; want within %s", p.Kind, got, klusbuddy.DefaultPushTTL)
		}
	}
}

// Each attempt's result is heard (for the pushes_total metric): a 503 to retry, then sent, one
// past its TTL dropped, and a 410 gone.
func TestPushResultsAreHeard(t *testing.T) {
	w := newWorld(t)
	w.service.FailNext(w.sub.Endpoint, http.StatusServiceUnavailable)
	w.event("offer_new", map[string]any{"offer_id": 3, "job_id": 0, "expires_at": w.clock.Now().Add(time.Hour).Format(time.RFC3339Nano)})
	w.due()
	w.flush()
	w.due()
	w.flush()
	w.event("offer_new", map[string]any{"offer_id": 4, "job_id": 0, "expires_at": w.clock.Now().Add(time.Hour).Format(time.RFC3339Nano)})
	w.clock.Advance(time.Hour + time.Second)
	w.flush()
	w.service.FailNext(w.sub.Endpoint, http.StatusGone)
	w.event("offer_new", map[string]any{"offer_id": 5, "job_id": 0, "expires_at": w.clock.Now().Add(time.Hour).Format(time.RFC3339Nano)})
	w.due()
	w.flush()
	if got := strings.Join(w.results, " "); got != "retry sent dropped gone" {
		t.Fatalf("heard %q, want %q", got, "retry sent dropped gone")
	}
}

// A running sender does not wait for a slow push before sending the next ones: with batches of
// 4, a push service that holds one device's push must not keep the other devices' pushes
// (in later batches) back. Once it answers, that push is recorded too.
func TestRunSendsPastASlowPush(t *testing.T) {
	w := newWorld(t)
	release := w.service.Hold(w.sub.Endpoint)
	defer release()
	// The held device's push first, then 12 for other devices (separate topics).
	w.event("buddy_request", map[string]any{"request_id": 1})
	var others []int64
	for i := range 12 {
		var user, session int64
		if err := w.sql.Get(&user, `INSERT INTO users (role, first_name, email) VALUES ('poster', 'P', $1) RETURNING id`, fmt.Sprintf("o%d@example.be", i)); err != nil {
			t.Fatal(err)
		}
		if err := w.sql.Get(&session, `INSERT INTO sessions (user_id, token_hash, csrf_token, expires_at)
			VALUES ($1, sha256($2::bytea), repeat('c', 32), now() + interval '1 day') RETURNING id`, user, fmt.Sprint("o", i)); err != nil {
			t.Fatal(err)
		}
		if err := w.db.SavePushSubscription(context.Background(), user, session, w.service.Subscribe()); err != nil {
			t.Fatal(err)
		}
		others = append(others, user)
	}
	for _, u := range others {
		if _, err := w.sql.Exec(`INSERT INTO notification_queue (user_id, kind, data) VALUES ($1, 'buddy_request', '{"request_id": 2}')`, u); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.db.SequenceNotifications(context.Background()); err != nil {
		t.Fatal(err)
	}
	w.due()
	rec := newRecorder()
	sender := push.NewSender(rec.store(w.db), w.keys, nil, push.Settings{Client: w.service.Client(), Now: w.clock.Now, Batch: 4, Concurrency: 4})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); sender.Run(ctx) }()
	defer func() { cancel(); <-done }()

	if got := len(w.service.Wait(12, 20*time.Second)); got != 12 {
		t.Fatalf("%d of the 12 other pushes arrived while one push was held (refused: %v)", got, w.service.Refusals())
	}
	release()
	if got := len(w.service.Wait(13, 20*time.Second)); got != 13 {
		t.Fatalf("%d of 13 pushes arrived after the held one was answered", got)
	}
	if !rec.wait(13, 20*time.Second) {
		t.Fatalf("%d of 13 outcomes recorded", rec.n.Load())
	}
	if n := w.count(`SELECT count(*) FROM push_sent`); n != 13 {
		t.Fatalf("%d of 13 pushes recorded as sent", n)
	}
}

// recorder counts the outcomes senders have written, so that tests and benchmarks wait for
// the recording itself instead of polling the outbox.
type recorder struct {
	n    atomic.Int64
	more chan struct{}
}

func newRecorder() *recorder { return &recorder{more: make(chan struct{}, 1)} }

// store is db as a sender's store whose recordings r counts.
func (r *recorder) store(db *postgres.DB) push.Store { return recordingStore{db, r} }

// recorded counts n more outcomes recorded and wakes wait.
func (r *recorder) recorded(n int) {
	r.n.Add(int64(n))
	select {
	case r.more <- struct{}{}:
	default:
	}
}

// wait waits until at least n outcomes are recorded, or timeout passes.
func (r *recorder) wait(n int64, timeout time.Duration) bool {
	deadline := time.After(timeout)
	for r.n.Load() < n {
		select {
		case <-r.more:
		case <-deadline:
			return false
		}
	}
	return true
}

type recordingStore struct {
	*postgres.DB
	r *recorder
}

func (s recordingStore) CompletePushes(ctx context.Context, outcomes []klusbuddy.PushOutcome, done []int64) error {
	err := s.DB.CompletePushes(ctx, outcomes, done)
	if err == nil {
		s.r.recorded(len(outcomes))
	}
	return err
}

// Senders on several instances share the outbox: each push goes out once, through whichever
// sender claimed it, with small batches so that claims interleave; every outcome is recorded
// and every claim given back.
func TestSendersShareTheOutbox(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	const pushes = 300
	exp := w.clock.Now().Add(time.Hour).Format(time.RFC3339Nano)
	if _, err := w.sql.Exec(`INSERT INTO notification_queue (user_id, kind, data)
SELECT $1, 'offer_new', jsonb_build_object('offer_id', g, 'job_id', 0, 'expires_at', $2::text) FROM generate_series(1, $3) g`,
		w.user, exp, pushes); err != nil {
		t.Fatal(err)
	}
	if _, err := w.db.SequenceNotifications(ctx); err != nil {
		t.Fatal(err)
	}
	w.due()
	rec := newRecorder()
	runCtx, cancel := context.WithCancel(ctx)
	var running sync.WaitGroup
	defer func() { cancel(); running.Wait() }()
	for range 3 {
		db, err := postgres.Open(ctx, w.db.URL(), postgres.OpenOptions{MaxConns: 4, Now: w.clock.Now})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		s := push.NewSender(rec.store(db), w.keys, nil, push.Settings{Client: w.service.Client(), Now: w.clock.Now, Batch: 7, Concurrency: 4})
		running.Go(func() { s.Run(runCtx) })
	}
	msgs := w.service.Wait(pushes, 30*time.Second)
	if !rec.wait(pushes, 30*time.Second) {
		t.Fatalf("%d of %d outcomes recorded", rec.n.Load(), pushes)
	}
	seen := map[string]int{}
	for _, m := range w.service.Messages() {
		seen[m.Topic]++
	}
	for topic, n := range seen {
		if n != 1 {
			t.Errorf("%s went out %d times", topic, n)
		}
	}
	if len(msgs) != pushes || len(seen) != pushes {
		t.Fatalf("%d pushes on %d topics arrived; want %d, each once", len(w.service.Messages()), len(seen), pushes)
	}
	cancel()
	running.Wait()
	if n := w.count(`SELECT count(*) FROM push_outbox`); n != 0 {
		t.Errorf("%d pushes left in the outbox", n)
	}
	if n := w.count(`SELECT count(*) FROM push_claims`); n != 0 {
		t.Errorf("%d claims not given back", n)
	}
}

// One record carries outcomes of every kind, from two devices, and sent pushes of two statuses:
// each is recorded as it should be, in the one statement.
func TestPushOutcomesOfEveryKindInOneRecord(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	var session int64
	if err := w.sql.Get(&session, `INSERT INTO sessions (user_id, token_hash, csrf_token, expires_at)
		VALUES ($1, sha256('tablet'::bytea), repeat('c', 32), now() + interval '1 day') RETURNING id`, w.user); err != nil {
		t.Fatal(err)
	}
	tablet := w.service.Subscribe()
	if err := w.db.SavePushSubscription(ctx, w.user, session, tablet); err != nil {
		t.Fatal(err)
	}
	exp := w.clock.Now().Add(time.Hour).Format(time.RFC3339Nano)
	for offer := 1; offer <= 5; offer++ {
		w.event("offer_new", map[string]any{"offer_id": offer, "job_id": 0, "expires_at": exp})
	}
	w.due()
	claimed, err := w.db.ClaimPushes(ctx, 20, time.Minute)
	if err != nil || len(claimed) != 10 {
		t.Fatalf("claimed %d of 10: %v", len(claimed), err)
	}
	retryAt := w.clock.Now().Add(time.Minute).Truncate(time.Microsecond)
	var outcomes []klusbuddy.PushOutcome
	for _, p := range claimed {
		o := klusbuddy.PushOutcome{ID: p.ID, Endpoint: p.Endpoint}
		switch {
		case p.Endpoint == tablet.Endpoint:
			o.Result, o.Status = klusbuddy.PushGone, http.StatusGone
		case p.Topic == "offer-2":
			o.Result, o.Status = klusbuddy.PushSent, http.StatusAccepted
		case p.Topic == "offer-3":
			o.Result, o.Status, o.RetryAt = klusbuddy.PushRetry, http.StatusServiceUnavailable, retryAt
		case p.Topic == "offer-4":
			o.Result = klusbuddy.PushDropped
		default:
			o.Result, o.Status = klusbuddy.PushSent, http.StatusCreated
		}
		outcomes = append(outcomes, o)
	}
	if err := w.db.CompletePushes(ctx, outcomes, []int64{claimed[0].Claim}); err != nil {
		t.Fatal(err)
	}

	var sent []struct {
		Topic  string
		Status int
	}
	if err := w.sql.Select(&sent, `SELECT topic, status FROM push_sent ORDER BY topic`); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(sent) != "[{offer-1 201} {offer-2 202} {offer-5 201}]" {
		t.Errorf("recorded as sent: %v; want offers 1 and 5 with 201 and offer 2 with 202", sent)
	}
	var left []struct {
		Topic      string
		Attempts   int
		LastStatus int       `db:"last_status"`
		NotBefore  time.Time `db:"not_before"`
	}
	if err := w.sql.Select(&left, `SELECT topic, attempts, last_status, not_before FROM push_outbox`); err != nil {
		t.Fatal(err)
	}
	if len(left) != 1 || left[0].Topic != "offer-3" || left[0].Attempts != 1 || left[0].LastStatus != 503 || !left[0].NotBefore.Equal(retryAt) {
		t.Errorf("left in the outbox: %+v; want only the retry of offer 3, once tried, due at %v", left, retryAt)
	}
	if n := w.count(`SELECT count(*) FROM push_subscriptions WHERE endpoint = $1`, tablet.Endpoint); n != 0 {
		t.Error("the gone tablet is still subscribed")
	}
	if n := w.count(`SELECT count(*) FROM push_subscriptions`); n != 1 {
		t.Errorf("%d subscriptions; the phone's should stay", n)
	}
	if n := w.count(`SELECT count(*) FROM push_claims`); n != 0 {
		t.Errorf("%d claims left; the one done should be given back", n)
	}
}
