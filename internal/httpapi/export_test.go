package httpapi_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
	"github.com/klusbuddy/klusbuddy/internal/push"
	"github.com/klusbuddy/klusbuddy/internal/push/pushtest"
)

type exportDoc struct {
	Account struct {
		ID    int64
		Role  string
		Email string
		Phone string
	}
	Poster            *klusbuddy.PosterProfile
	Devices           []map[string]any
	Invites           []klusbuddy.InviteRecord
	PushSubscriptions []klusbuddy.PushSubscriptionRecord `json:"push_subscriptions"`
	Notifications     []klusbuddy.Notification
	Transitions       []klusbuddy.TransitionRecord
	Jobs              []klusbuddy.JobRecord
	Offers            []klusbuddy.OfferRecord
	Assignments       []klusbuddy.AssignmentRecord
	Dropouts          []klusbuddy.DropoutRecord
	Blocks            []klusbuddy.BlockRecord
	BuddyRequests     []klusbuddy.BuddyRequestRecord `json:"buddy_requests"`
	Accompaniments    []klusbuddy.AccompanimentRecord
	Attendance        []klusbuddy.AttendanceRecord
	SafetyReports     []klusbuddy.SafetyReportRecord `json:"safety_reports"`
	Favourites        []klusbuddy.FavouriteRecord
}

func exportOf(t *testing.T, c *client) exportDoc {
	t.Helper()
	res, body := c.do("GET", "/api/v1/me/export", nil)
	var doc exportDoc
	if err := json.Unmarshal(body, &doc); err != nil || res.StatusCode != 200 {
		t.Fatalf("export: %d %s", res.StatusCode, body)
	}
	return doc
}

// The export holds everything Klusbuddy keeps about a person (issue 10): a poster, a worker and
// a buddy with history made through the API find every kind of row of theirs in it.
func TestExportHoldsEverything(t *testing.T) {
	a := newApp(t)
	pub, _, err := push.GenerateKeys()
	if err != nil {
		t.Fatal(err)
	}
	pushService := pushtest.New(pub)
	t.Cleanup(pushService.Close)
	a.sql.MustExec(`UPDATE worker_profiles SET buddy_need = 'never'`) // only jobs that require one get a buddy
	// Every demo buddy can accompany cleaning on Tuesdays within an hour's travel.
	a.sql.MustExec(`INSERT INTO buddy_categories (buddy_id, category_id) SELECT user_id, (SELECT id FROM categories WHERE slug = 'cleaning')
FROM buddy_profiles ON CONFLICT DO NOTHING`)
	a.sql.MustExec(`DELETE FROM availability WHERE user_id IN (SELECT user_id FROM buddy_profiles) AND weekday = 2`)
	a.sql.MustExec(`INSERT INTO availability (user_id, weekday, starts, ends) SELECT user_id, 2, '08:00', '17:00' FROM buddy_profiles`)
	a.sql.MustExec(`UPDATE buddy_profiles SET max_travel_minutes = 60`)

	pp := a.person(klusbuddy.RolePoster, "", 8)
	poster, posterID := a.signedIn(pp), a.idOf(pp)
	sub := pushService.Subscribe()
	if res, body := poster.do("PUT", "/api/v1/me/push-subscription", map[string]any{"endpoint": sub.Endpoint, "keys": sub.Keys}); res.StatusCode != 204 {
		t.Fatalf("subscribing: %d %s", res.StatusCode, body)
	}
	if res, body := poster.do("POST", "/api/v1/me/addresses", map[string]any{"label": "Moeder", "street": "Molenstraat 12",
		"postcode": "3600", "municipality": "Genk"}); res.StatusCode != 201 {
		t.Fatalf("%d %s", res.StatusCode, body)
	}

	// The worker: a drop-out, a place done, a place to come, a no with its reason, an offer open.
	tue := nextTuesday10()
	dropped := postJob(t, poster, tue, 1, klusbuddy.BuddyAllowed)
	w, first := a.offeredWorker(t, dropped.ID)
	done := postJob(t, poster, tue.AddDate(0, 0, 7), 3, klusbuddy.BuddyAllowed)
	coming := postJob(t, poster, tue.AddDate(0, 0, 14), 3, klusbuddy.BuddyAllowed)
	declined := postJob(t, poster, tue.AddDate(0, 0, 21), 3, klusbuddy.BuddyAllowed)
	open := postJob(t, poster, tue.AddDate(0, 0, 28), 3, klusbuddy.BuddyAllowed)
	for _, o := range []int64{first, a.pendingOffer(t, done.ID, w.id), a.pendingOffer(t, coming.ID, w.id)} {
		if res, body := w.c.do("POST", "/api/v1/offers/"+itoa(o)+"/accept", nil); res.StatusCode != 200 {
			t.Fatalf("accepting: %d %s", res.StatusCode, body)
		}
	}
	if res, body := w.c.do("POST", "/api/v1/me/assignments/"+itoa(dropped.ID)+"/drop-out", nil); res.StatusCode != 200 {
		t.Fatalf("dropping out: %d %s", res.StatusCode, body)
	}
	a.pastAndDone(done.ID, 4)
	no := a.pendingOffer(t, declined.ID, w.id)
	if res, body := w.c.do("POST", "/api/v1/offers/"+itoa(no)+"/decline", map[string]string{"reason": "not_available"}); res.StatusCode != 204 {
		t.Fatalf("declining: %d %s", res.StatusCode, body)
	}
	stillOpen := a.pendingOffer(t, open.ID, w.id)

	// The buddy: an accompaniment to come, one done, a no with its reason, a drop-out.
	requestOn := func(jobID int64) (request, buddy int64) {
		a.acceptBest(t, jobID)
		if err := a.sql.QueryRow(`SELECT id, buddy_id FROM buddy_requests WHERE job_id = $1 AND state = 'pending' ORDER BY travel_minutes, id LIMIT 1`,
			jobID).Scan(&request, &buddy); err != nil {
			t.Fatalf("no buddy asked: %v", err)
		}
		return
	}
	along := postJob(t, poster, tue.AddDate(0, 0, 35), 1, klusbuddy.BuddyRequired)
	r, buddyID := requestOn(along.ID)
	b := a.signInByID(buddyID)
	confirm := func(request int64) {
		if res, body := b.do("POST", "/api/v1/me/buddy-requests/"+itoa(request)+"/confirm", nil); res.StatusCode != 200 {
			t.Fatalf("confirming: %d %s", res.StatusCode, body)
		}
	}
	confirm(r)
	wentAlong := postJob(t, poster, tue.AddDate(0, 0, 42), 1, klusbuddy.BuddyRequired)
	a.acceptBest(t, wentAlong.ID)
	confirm(a.pendingRequest(t, wentAlong.ID, buddyID))
	a.pastAndDone(wentAlong.ID, 8)
	refused := postJob(t, poster, tue.AddDate(0, 0, 49), 1, klusbuddy.BuddyRequired)
	a.acceptBest(t, refused.ID)
	if res, body := b.do("POST", "/api/v1/me/buddy-requests/"+itoa(a.pendingRequest(t, refused.ID, buddyID))+"/decline",
		map[string]string{"reason": "too_far"}); res.StatusCode != 204 {
		t.Fatalf("declining: %d %s", res.StatusCode, body)
	}
	left := postJob(t, poster, tue.AddDate(0, 0, 56), 1, klusbuddy.BuddyRequired)
	a.acceptBest(t, left.ID)
	confirm(a.pendingRequest(t, left.ID, buddyID))
	var leftAssignment int64
	a.sql.Get(&leftAssignment, `SELECT id FROM assignments WHERE job_id = $1`, left.ID)
	if res, body := b.do("POST", "/api/v1/me/accompaniments/"+itoa(leftAssignment)+"/drop-out", nil); res.StatusCode != 200 {
		t.Fatalf("buddy dropping out: %d %s", res.StatusCode, body)
	}
	var buddyOrg string
	a.sql.Get(&buddyOrg, `SELECT o.slug FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1`, buddyID)
	coach := a.signedIn(a.person(klusbuddy.RoleCoordinator, buddyOrg, 0))
	if res, body := coach.do("POST", "/api/v1/org/people/"+itoa(buddyID)+"/invite", nil); res.StatusCode != 201 {
		t.Fatalf("new invite: %d %s", res.StatusCode, body)
	}

	// Never again, both ways: the worker and the buddy leave the poster, the poster a worker.
	cancelled := postJob(t, poster, tue.AddDate(0, 0, 63), 3, klusbuddy.BuddyAllowed)
	var x, xOffer int64 // someone other than the worker followed above
	if err := a.sql.QueryRow(`SELECT worker_id, id FROM offers WHERE job_id = $1 AND state = 'pending' AND worker_id <> $2 ORDER BY score DESC LIMIT 1`,
		cancelled.ID, w.id).Scan(&x, &xOffer); err != nil {
		t.Fatal(err)
	}
	if res, body := a.signInByID(x).do("POST", "/api/v1/offers/"+itoa(xOffer)+"/accept", nil); res.StatusCode != 200 {
		t.Fatalf("accepting: %d %s", res.StatusCode, body)
	}
	if res, body := poster.do("POST", "/api/v1/jobs/"+itoa(cancelled.ID)+"/never-again", map[string]int{"place": 1}); res.StatusCode != 204 {
		t.Fatalf("poster's never again: %d %s", res.StatusCode, body)
	}
	if res, body := poster.do("POST", "/api/v1/jobs/"+itoa(cancelled.ID)+"/cancel", nil); res.StatusCode != 200 {
		t.Fatalf("cancelling: %d %s", res.StatusCode, body)
	}
	if res, body := w.c.do("POST", "/api/v1/jobs/"+itoa(coming.ID)+"/never-again", nil); res.StatusCode != 204 {
		t.Fatalf("worker's never again: %d %s", res.StatusCode, body)
	}
	if res, body := b.do("POST", "/api/v1/jobs/"+itoa(along.ID)+"/never-again", nil); res.StatusCode != 204 {
		t.Fatalf("buddy's never again: %d %s", res.StatusCode, body)
	}

	t.Run("Poster", func(t *testing.T) {
		doc := exportOf(t, poster)
		if doc.Account.ID != posterID || doc.Account.Email != pp.Email || doc.Poster == nil || len(doc.Poster.Addresses) != 2 {
			t.Fatalf("account and profile: %+v %+v", doc.Account, doc.Poster)
		}
		if len(doc.Devices) == 0 || len(doc.PushSubscriptions) != 1 || doc.PushSubscriptions[0].Endpoint != sub.Endpoint {
			t.Errorf("devices %v, push subscriptions %+v", doc.Devices, doc.PushSubscriptions)
		}
		jobs := map[int64]klusbuddy.JobRecord{}
		for _, j := range doc.Jobs {
			jobs[j.ID] = j
		}
		for _, id := range []int64{dropped.ID, done.ID, coming.ID, declined.ID, open.ID, along.ID, wentAlong.ID, refused.ID, left.ID, cancelled.ID} {
			if _, ok := jobs[id]; !ok {
				t.Errorf("job %d not exported", id)
			}
		}
		if j := jobs[done.ID]; j.State != klusbuddy.JobDone || !strings.HasPrefix(j.Description, "Keuken") || j.UnitPriceCents == 0 || j.AddressID == 0 {
			t.Errorf("job done exported as %+v", j)
		}
		if !hasTransition(doc.Transitions, cancelled.ID, klusbuddy.JobOffering, klusbuddy.JobCancelled) ||
			!hasTransition(doc.Transitions, done.ID, "", klusbuddy.JobOpen) {
			t.Errorf("the poster's transitions: %+v", doc.Transitions)
		}
		for _, tr := range doc.Transitions {
			if _, ok := jobs[tr.JobID]; !ok {
				t.Errorf("a transition of a job not theirs: %+v", tr)
			}
		}
		if !hasBlock(doc.Blocks, posterID, x, klusbuddy.RolePoster, true) || !hasBlock(doc.Blocks, posterID, w.id, klusbuddy.RoleWorker, false) ||
			!hasBlock(doc.Blocks, posterID, buddyID, klusbuddy.RoleBuddy, false) {
			t.Errorf("the poster's blocks, both ways: %+v", doc.Blocks)
		}
		if !hasNotification(doc.Notifications, "job_status") {
			t.Errorf("notifications: %+v", doc.Notifications)
		}
		if len(doc.Offers)+len(doc.Assignments)+len(doc.BuddyRequests)+len(doc.Accompaniments)+len(doc.Dropouts) != 0 {
			t.Error("a poster's export holds a worker's or buddy's rows")
		}
	})

	t.Run("Worker", func(t *testing.T) {
		doc := exportOf(t, w.c)
		if doc.Account.ID != w.id || doc.Account.Phone != w.phone {
			t.Fatalf("account: %+v", doc.Account)
		}
		offers := map[int64]klusbuddy.OfferRecord{}
		for _, o := range doc.Offers {
			offers[o.JobID] = o
			if _, ok := o.Breakdown["fairness"]; !ok || o.Score <= 0 {
				t.Errorf("offer without its score breakdown: %+v", o)
			}
			if _, ok := o.Breakdown["buddy_id"]; ok {
				t.Errorf("offer breakdown names another person: %+v", o.Breakdown)
			}
		}
		if o := offers[declined.ID]; o.State != klusbuddy.OfferDeclined || o.DeclineReason == nil || *o.DeclineReason != klusbuddy.DeclineNotAvailable {
			t.Errorf("declined offer exported as %+v", o)
		}
		if o := offers[open.ID]; o.ID != stillOpen || o.State != klusbuddy.OfferPending || o.AnsweredAt != nil {
			t.Errorf("open offer exported as %+v", o)
		}
		if offers[coming.ID].State != klusbuddy.OfferAccepted || offers[dropped.ID].State != klusbuddy.OfferAccepted {
			t.Errorf("accepted offers exported as %+v", doc.Offers)
		}
		states := map[int64]klusbuddy.JobState{}
		for _, s := range doc.Assignments {
			states[s.JobID] = s.JobState
		}
		if states[done.ID] != klusbuddy.JobDone || states[coming.ID] == "" {
			t.Errorf("assignments past and to come: %+v", doc.Assignments)
		}
		if len(doc.Dropouts) != 1 || doc.Dropouts[0].JobID != dropped.ID || doc.Dropouts[0].Role != klusbuddy.RoleWorker {
			t.Errorf("drop-outs: %+v", doc.Dropouts)
		}
		if !hasTransition(doc.Transitions, dropped.ID, klusbuddy.JobFilled, klusbuddy.JobOffering) {
			t.Errorf("the worker's transitions: %+v", doc.Transitions)
		}
		if len(doc.Blocks) != 1 || !hasBlock(doc.Blocks, posterID, w.id, klusbuddy.RoleWorker, true) {
			t.Errorf("the worker's blocks: %+v", doc.Blocks)
		}
		if !hasNotification(doc.Notifications, "offer_new") || !hasNotification(doc.Notifications, "assignment_confirmed") {
			t.Errorf("notifications: %+v", doc.Notifications)
		}
		if len(doc.Jobs)+len(doc.BuddyRequests)+len(doc.Accompaniments) != 0 {
			t.Error("a worker's export holds a poster's or buddy's rows")
		}
	})

	t.Run("Buddy", func(t *testing.T) {
		doc := exportOf(t, b)
		if doc.Account.ID != buddyID || doc.Account.Role != "buddy" {
			t.Fatalf("account: %+v", doc.Account)
		}
		requests := map[int64]klusbuddy.BuddyRequestRecord{}
		for _, q := range doc.BuddyRequests {
			requests[q.JobID] = q
		}
		if q := requests[refused.ID]; q.State != klusbuddy.OfferDeclined || q.DeclineReason == nil || *q.DeclineReason != klusbuddy.DeclineTooFar {
			t.Errorf("declined request exported as %+v", q)
		}
		if q := requests[along.ID]; q.State != klusbuddy.OfferAccepted || q.AssignmentID == nil {
			t.Errorf("confirmed request exported as %+v", q)
		}
		along2 := map[int64]klusbuddy.JobState{}
		for _, s := range doc.Accompaniments {
			along2[s.JobID] = s.JobState
		}
		if along2[wentAlong.ID] != klusbuddy.JobDone || along2[along.ID] == "" || len(along2) != 2 {
			t.Errorf("accompaniments past and to come: %+v", doc.Accompaniments)
		}
		if len(doc.Dropouts) != 1 || doc.Dropouts[0].JobID != left.ID || doc.Dropouts[0].Role != klusbuddy.RoleBuddy {
			t.Errorf("drop-outs: %+v", doc.Dropouts)
		}
		if len(doc.Blocks) != 1 || !hasBlock(doc.Blocks, posterID, buddyID, klusbuddy.RoleBuddy, true) {
			t.Errorf("the buddy's blocks: %+v", doc.Blocks)
		}
		if !hasNotification(doc.Notifications, "buddy_request") {
			t.Errorf("notifications: %+v", doc.Notifications)
		}
		if len(doc.Invites) != 1 || doc.Invites[0].UsedAt != nil {
			t.Errorf("invites: %+v", doc.Invites)
		}
		if len(doc.Jobs)+len(doc.Offers)+len(doc.Assignments) != 0 {
			t.Error("a buddy's export holds a poster's or worker's rows")
		}
	})
}

func hasTransition(ts []klusbuddy.TransitionRecord, job int64, from, to klusbuddy.JobState) bool {
	return slices.ContainsFunc(ts, func(t klusbuddy.TransitionRecord) bool {
		return t.JobID == job && t.To == to && ((from == "" && t.From == nil) || (t.From != nil && *t.From == from))
	})
}

func hasBlock(bs []klusbuddy.BlockRecord, poster, person int64, by klusbuddy.Role, byYou bool) bool {
	return slices.ContainsFunc(bs, func(b klusbuddy.BlockRecord) bool {
		return b.PosterID == poster && b.PersonID == person && b.By == by && b.ByYou == byYou && b.JobID != nil
	})
}

func hasNotification(ns []klusbuddy.Notification, kind klusbuddy.EventKind) bool {
	return slices.ContainsFunc(ns, func(n klusbuddy.Notification) bool { return n.Kind == kind })
}
