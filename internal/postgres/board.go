package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/lib/pq"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

const boardColumns = `j.id, c.slug AS category, a.municipality, lower(j.during) AS starts, upper(j.during) AS ends, j.state,
	j.workers_needed, j.level, j.buddy, j.description,
	(SELECT count(*) FROM assignments s WHERE s.job_id = j.id) AS booked,
	(SELECT count(*) FROM assignments s WHERE s.job_id = j.id AND s.buddy_state = 'searching') AS awaiting_buddy,
	(SELECT count(*) FROM offers o WHERE o.job_id = j.id AND o.state = 'pending' AND o.expires_at > $1) AS offers_pending,
	(SELECT count(*) FROM offers o WHERE o.job_id = j.id AND o.state = 'declined') AS declines,
	j.organisation_id, (SELECT g.name FROM organisations g WHERE g.id = j.organisation_id) AS organisation_name,
	(SELECT g.shared_pool FROM organisations g WHERE g.id = j.organisation_id) AS shared_pool,
	(SELECT count(*) FROM assignments s WHERE s.job_id = j.id AND s.buddy_state <> 'searching'
	   AND j.state IN ('filled', 'in_progress') AND lower(j.during) + $2 * interval '1 second' <= $1
	   AND NOT EXISTS (SELECT 1 FROM attendance t WHERE t.job_id = j.id AND t.person_id = s.worker_id)
	   AND NOT EXISTS (SELECT 1 FROM safety_reports r WHERE r.job_id = j.id AND r.person_id = s.worker_id)
	   AND NOT EXISTS (SELECT 1 FROM outcomes o WHERE o.job_id = j.id AND o.place = s.place)) AS not_arrived,
	(SELECT count(*) FROM attendance t WHERE t.job_id = j.id AND t.far) AS far_check_ins,
	(SELECT count(*) FROM safety_reports r WHERE r.job_id = j.id AND r.acknowledged_at IS NULL) AS safety_open`

type boardRow struct {
	ID            int64     `db:"id"`
	Category      string    `db:"category"`
	Municipality  string    `db:"municipality"`
	Starts        time.Time `db:"starts"`
	Ends          time.Time `db:"ends"`
	State         string    `db:"state"`
	WorkersNeeded int       `db:"workers_needed"`
	Level         int       `db:"level"`
	Buddy         string    `db:"buddy"`
	Description   string    `db:"description"`
	Booked        int       `db:"booked"`
	AwaitingBuddy int       `db:"awaiting_buddy"`
	OffersPending int       `db:"offers_pending"`
	Declines      int       `db:"declines"`

	OrganisationID   sql.NullInt64  `db:"organisation_id"`
	OrganisationName sql.NullString `db:"organisation_name"`
	SharedPool       sql.NullBool   `db:"shared_pool"`

	NotArrived  int `db:"not_arrived"`
	FarCheckIns int `db:"far_check_ins"`
	SafetyOpen  int `db:"safety_open"`
}

func (r boardRow) job() klusbuddy.BoardJob {
	j := klusbuddy.BoardJob{ID: r.ID, Category: r.Category, Municipality: r.Municipality, Start: r.Starts, End: r.Ends,
		State: klusbuddy.JobState(r.State), WorkersNeeded: r.WorkersNeeded, Booked: r.Booked, AwaitingBuddy: r.AwaitingBuddy,
		OffersPending: r.OffersPending, Declines: r.Declines, Level: r.Level, Buddy: klusbuddy.BuddyPolicy(r.Buddy),
		NotArrived: r.NotArrived, FarCheckIns: r.FarCheckIns, SafetyOpen: r.SafetyOpen}
	if r.OrganisationID.Valid {
		j.Organisation = &klusbuddy.JobOrganisation{ID: r.OrganisationID.Int64, Name: r.OrganisationName.String, SharedPool: r.SharedPool.Bool}
	}
	return j
}

// Board returns the jobs that match f, the soonest first, as a coordinator of organisation org
// sees them: with who is booked and whether they came, and the other organisations on each job
// with their coordinators. With ids, only those jobs (those of them that match f).
func (db *DB) Board(ctx context.Context, f klusbuddy.BoardFilter, org int64, ids []int64) ([]klusbuddy.BoardJob, error) {
	// Jobs still to come; today's also when they are over (the day's list).
	when := `upper(j.during) > $1`
	if f == klusbuddy.BoardToday {
		when = `j.during && tstzrange(date_trunc('day', $1::timestamptz AT TIME ZONE 'Europe/Brussels') AT TIME ZONE 'Europe/Brussels',
	(date_trunc('day', $1::timestamptz AT TIME ZONE 'Europe/Brussels') + interval '1 day') AT TIME ZONE 'Europe/Brussels')`
	}
	var only any // NULL: every job
	if ids != nil {
		only = pq.Array(ids)
	}
	args := []any{db.now(), klusbuddy.NotArrivedAfter.Seconds(), only}
	q := `SELECT * FROM (SELECT ` + boardColumns + `
FROM jobs j JOIN categories c ON c.id = j.category_id JOIN poster_addresses a ON a.id = j.address_id
WHERE ` + when + ` AND ($3::bigint[] IS NULL OR j.id = ANY($3))) b WHERE `
	switch f {
	case klusbuddy.BoardOpen:
		q += `state IN ('open', 'offering', 'unfilled')`
	case klusbuddy.BoardAll, klusbuddy.BoardToday:
		q += `true`
	case klusbuddy.BoardNotArrived:
		q += `not_arrived > 0`
	case klusbuddy.BoardSafety:
		q += `safety_open > 0`
	default: // attention
		q += `state = 'unfilled' OR awaiting_buddy > 0 OR not_arrived > 0 OR safety_open > 0
   OR (state IN ('open', 'offering') AND booked < workers_needed
       AND (starts < $1::timestamptz + interval '24 hours' OR (declines >= $4 AND offers_pending = 0)))`
		args = append(args, klusbuddy.DeclinesAttention)
	}
	q += ` ORDER BY starts, id LIMIT 500`
	var rows []boardRow
	if err := db.x.SelectContext(ctx, &rows, q, args...); err != nil {
		return nil, mapError(err)
	}
	out := make([]klusbuddy.BoardJob, len(rows))
	for i, r := range rows {
		out[i] = r.job()
	}
	return out, db.boardPeople(ctx, out, org)
}

// boardPeople adds to each job who is booked (worker and buddy per place) and whether they
// came, named only for the coordinator's own organisation, and the other organisations on it
// (the job's own, the people's) with their coordinators' first names and phones, as a worker's
// day shows their coach. Two queries for the whole page.
func (db *DB) boardPeople(ctx context.Context, jobs []klusbuddy.BoardJob, org int64) error {
	if len(jobs) == 0 {
		return nil
	}
	ids := make([]int64, len(jobs))
	at := make(map[int64]int, len(jobs))
	for i, j := range jobs {
		ids[i], at[j.ID] = j.ID, i
		jobs[i].People, jobs[i].Others = []klusbuddy.BoardPerson{}, []klusbuddy.OrganisationContacts{}
	}
	var people []struct {
		JobID    int64      `db:"job_id"`
		Place    int        `db:"place"`
		Role     string     `db:"role"`
		PersonID int64      `db:"person_id"`
		First    string     `db:"first_name"`
		Last     string     `db:"last_name"`
		Org      int64      `db:"organisation_id"`
		OrgName  string     `db:"org_name"`
		Arrival  string     `db:"arrival"`
		InAt     *time.Time `db:"in_at"`
	}
	// A buddy going along is listed on the place of the worker they accompany.
	const qp = `SELECT s.job_id, s.place, p.role, p.id AS person_id, u.first_name, u.last_name, u.organisation_id, g.name AS org_name,
       CASE WHEN t.out_at IS NOT NULL THEN 'checked_out'
            WHEN t.in_at IS NOT NULL AND t.in_at > lower(j.during) + $3 * interval '1 second' THEN 'late'
            WHEN t.in_at IS NOT NULL THEN 'checked_in'
            WHEN EXISTS (SELECT 1 FROM safety_reports r WHERE r.job_id = s.job_id AND r.person_id = p.id)
              OR EXISTS (SELECT 1 FROM outcomes o WHERE o.job_id = s.job_id AND o.place = s.place) THEN 'away'
            WHEN j.state IN ('filled', 'in_progress') AND lower(j.during) + $3 * interval '1 second' <= $2 THEN 'not_arrived'
            ELSE 'expected' END AS arrival,
       t.in_at
FROM assignments s JOIN jobs j ON j.id = s.job_id
CROSS JOIN LATERAL (VALUES ('worker', s.worker_id), ('buddy', CASE WHEN s.buddy_state = 'confirmed' THEN s.buddy_id END)) AS p(role, id)
JOIN users u ON u.id = p.id JOIN organisations g ON g.id = u.organisation_id
LEFT JOIN attendance t ON t.job_id = s.job_id AND t.person_id = p.id
WHERE s.job_id = ANY($1)
ORDER BY s.job_id, s.place, p.role DESC`
	if err := db.x.SelectContext(ctx, &people, qp, pq.Array(ids), db.now(), klusbuddy.NotArrivedAfter.Seconds()); err != nil {
		return mapError(err)
	}
	for _, p := range people {
		j := &jobs[at[p.JobID]]
		j.People = append(j.People, klusbuddy.BoardPerson{Place: p.Place, Role: klusbuddy.Role(p.Role),
			Person: personRef(p.PersonID, p.First, p.Last, p.OrgName, p.Org, org), Arrival: klusbuddy.Presence(p.Arrival), CheckedInAt: p.InAt})
	}

	var others []struct {
		JobID   int64          `db:"job_id"`
		OrgID   int64          `db:"org_id"`
		OrgName string         `db:"org_name"`
		First   sql.NullString `db:"first_name"`
		Phone   sql.NullString `db:"phone"`
	}
	// The organisations on a job: its own and those of the people booked or asked (an answer
	// still awaited); the coordinator's own is left out.
	const qo = `WITH on_job AS (
    SELECT id AS job_id, organisation_id AS org_id FROM jobs WHERE id = ANY($1) AND organisation_id IS NOT NULL
    UNION SELECT s.job_id, u.organisation_id FROM assignments s JOIN users u ON u.id IN (s.worker_id, s.buddy_id) WHERE s.job_id = ANY($1)
    UNION SELECT o.job_id, u.organisation_id FROM offers o JOIN users u ON u.id = o.worker_id WHERE o.job_id = ANY($1) AND o.state = 'pending')
SELECT x.job_id, g.id AS org_id, g.name AS org_name, c.first_name, c.phone
FROM on_job x JOIN organisations g ON g.id = x.org_id
LEFT JOIN users c ON c.organisation_id = g.id AND c.role = 'coordinator' AND c.deleted_at IS NULL AND c.phone IS NOT NULL
WHERE x.org_id <> $2
ORDER BY x.job_id, g.name, g.id, c.first_name, c.id`
	if err := db.x.SelectContext(ctx, &others, qo, pq.Array(ids), org); err != nil {
		return mapError(err)
	}
	for _, o := range others {
		j := &jobs[at[o.JobID]]
		if n := len(j.Others); n == 0 || j.Others[n-1].ID != o.OrgID {
			j.Others = append(j.Others, klusbuddy.OrganisationContacts{ID: o.OrgID, Name: o.OrgName, Coordinators: []klusbuddy.Contact{}})
		}
		if o.Phone.Valid {
			last := &j.Others[len(j.Others)-1]
			last.Coordinators = append(last.Coordinators, klusbuddy.Contact{Role: klusbuddy.RoleCoordinator, FirstName: o.First.String, Phone: o.Phone.String})
		}
	}
	return nil
}

// personRef names a person for a coordinator of organisation org.
func personRef(id int64, first, last, orgName string, personOrg, org int64) klusbuddy.PersonRef {
	if personOrg == org {
		name := first
		if last != "" {
			name += " " + string([]rune(last)[:1]) + "."
		}
		return klusbuddy.PersonRef{ID: id, Name: name, Organisation: orgName}
	}
	return klusbuddy.PersonRef{Organisation: orgName}
}

// ReviewJob returns a job with its offers, places and history as a coordinator of organisation
// org sees them.
func (db *DB) ReviewJob(ctx context.Context, jobID, org int64) (klusbuddy.JobReview, error) {
	var rv klusbuddy.JobReview
	var r boardRow
	q := `SELECT ` + boardColumns + ` FROM jobs j JOIN categories c ON c.id = j.category_id JOIN poster_addresses a ON a.id = j.address_id WHERE j.id = $3`
	if err := db.x.GetContext(ctx, &r, q, db.now(), klusbuddy.NotArrivedAfter.Seconds(), jobID); errors.Is(err, sql.ErrNoRows) {
		return rv, klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such job.")
	} else if err != nil {
		return rv, mapError(err)
	}
	rv.Job, rv.Description = r.job(), r.Description

	var offers []struct {
		ID            int64          `db:"id"`
		Wave          int            `db:"wave"`
		State         string         `db:"state"`
		Reason        sql.NullString `db:"decline_reason"`
		Score         float64        `db:"score"`
		Breakdown     []byte         `db:"breakdown"`
		TravelMinutes float64        `db:"travel_minutes"`
		NeedsBuddy    bool           `db:"needs_buddy"`
		Created       time.Time      `db:"created_at"`
		Answered      *time.Time     `db:"answered_at"`
		WorkerID      int64          `db:"worker_id"`
		First         string         `db:"first_name"`
		Last          string         `db:"last_name"`
		Org           int64          `db:"organisation_id"`
		OrgName       string         `db:"org_name"`
	}
	const qo = `SELECT o.id, o.wave, o.state, o.decline_reason, o.score, o.breakdown, o.travel_minutes, o.needs_buddy, o.created_at,
       o.answered_at, u.id AS worker_id, u.first_name, u.last_name, u.organisation_id, g.name AS org_name
FROM offers o JOIN users u ON u.id = o.worker_id JOIN organisations g ON g.id = u.organisation_id
WHERE o.job_id = $1 ORDER BY o.wave, o.score DESC, o.id`
	if err := db.x.SelectContext(ctx, &offers, qo, jobID); err != nil {
		return rv, mapError(err)
	}
	rv.Offers = make([]klusbuddy.OfferReview, len(offers))
	for i, o := range offers {
		br, err := shownBreakdown(o.Breakdown)
		if err != nil {
			return rv, err
		}
		rv.Offers[i] = klusbuddy.OfferReview{ID: o.ID, Wave: o.Wave, State: klusbuddy.OfferState(o.State),
			DeclineReason: klusbuddy.DeclineReason(o.Reason.String), Score: o.Score, Breakdown: br, TravelMinutes: o.TravelMinutes,
			NeedsBuddy: o.NeedsBuddy, Created: o.Created, Answered: o.Answered,
			Worker: personRef(o.WorkerID, o.First, o.Last, o.OrgName, o.Org, org)}
	}

	var reqs []struct {
		ID            int64          `db:"id"`
		Wave          int            `db:"wave"`
		State         string         `db:"state"`
		Reason        sql.NullString `db:"decline_reason"`
		TravelMinutes float64        `db:"travel_minutes"`
		Created       time.Time      `db:"created_at"`
		Answered      *time.Time     `db:"answered_at"`
		BuddyID       int64          `db:"buddy_id"`
		First         string         `db:"first_name"`
		Last          string         `db:"last_name"`
		Org           int64          `db:"organisation_id"`
		OrgName       string         `db:"org_name"`
	}
	const qr = `SELECT r.id, r.wave, r.state, r.decline_reason, r.travel_minutes, r.created_at, r.answered_at, u.id AS buddy_id,
       u.first_name, u.last_name, u.organisation_id, g.name AS org_name
FROM buddy_requests r JOIN users u ON u.id = r.buddy_id JOIN organisations g ON g.id = u.organisation_id
WHERE r.job_id = $1 ORDER BY r.id`
	if err := db.x.SelectContext(ctx, &reqs, qr, jobID); err != nil {
		return rv, mapError(err)
	}
	rv.BuddyRequests = make([]klusbuddy.BuddyRequestReview, len(reqs))
	for i, r := range reqs {
		rv.BuddyRequests[i] = klusbuddy.BuddyRequestReview{ID: r.ID, Wave: r.Wave, State: klusbuddy.OfferState(r.State),
			DeclineReason: klusbuddy.DeclineReason(r.Reason.String), TravelMinutes: r.TravelMinutes, Created: r.Created, Answered: r.Answered,
			Buddy: personRef(r.BuddyID, r.First, r.Last, r.OrgName, r.Org, org)}
	}

	var places []struct {
		Place      int            `db:"place"`
		BuddyState string         `db:"buddy_state"`
		WorkerID   int64          `db:"worker_id"`
		First      string         `db:"first_name"`
		Last       string         `db:"last_name"`
		Org        int64          `db:"organisation_id"`
		OrgName    string         `db:"org_name"`
		BuddyID    sql.NullInt64  `db:"buddy_id"`
		BFirst     sql.NullString `db:"b_first"`
		BLast      sql.NullString `db:"b_last"`
		BOrg       sql.NullInt64  `db:"b_org"`
		BOrgName   sql.NullString `db:"b_org_name"`
	}
	const qa = `SELECT s.place, s.buddy_state, u.id AS worker_id, u.first_name, u.last_name, u.organisation_id, g.name AS org_name,
       s.buddy_id, b.first_name AS b_first, b.last_name AS b_last, b.organisation_id AS b_org, bg.name AS b_org_name
FROM assignments s JOIN users u ON u.id = s.worker_id JOIN organisations g ON g.id = u.organisation_id
LEFT JOIN users b ON b.id = s.buddy_id LEFT JOIN organisations bg ON bg.id = b.organisation_id
WHERE s.job_id = $1 ORDER BY s.place`
	if err := db.x.SelectContext(ctx, &places, qa, jobID); err != nil {
		return rv, mapError(err)
	}
	rv.Assignments = make([]klusbuddy.AssignmentReview, len(places))
	for i, p := range places {
		a := klusbuddy.AssignmentReview{Place: p.Place, BuddyState: klusbuddy.BuddyState(p.BuddyState),
			Worker: personRef(p.WorkerID, p.First, p.Last, p.OrgName, p.Org, org)}
		if p.BuddyID.Valid {
			b := personRef(p.BuddyID.Int64, p.BFirst.String, p.BLast.String, p.BOrgName.String, p.BOrg.Int64, org)
			a.Buddy = &b
		}
		rv.Assignments[i] = a
	}

	var moves []struct {
		From *string   `db:"from_state"`
		To   string    `db:"to_state"`
		At   time.Time `db:"at"`
		By   string    `db:"by"`
		Late bool      `db:"late"`
	}
	const qt = `SELECT t.from_state, t.to_state, t.at, coalesce(u.role, 'system') AS by, t.late
FROM job_transitions t LEFT JOIN users u ON u.id = t.actor_id WHERE t.job_id = $1 ORDER BY t.at, t.id`
	if err := db.x.SelectContext(ctx, &moves, qt, jobID); err != nil {
		return rv, mapError(err)
	}
	rv.Transitions = make([]klusbuddy.Transition, len(moves))
	for i, m := range moves {
		t := klusbuddy.Transition{To: klusbuddy.JobState(m.To), At: m.At, By: m.By, Late: m.Late}
		if m.From != nil {
			f := klusbuddy.JobState(*m.From)
			t.From = &f
		}
		rv.Transitions[i] = t
	}
	return rv, db.reviewDay(ctx, &rv, jobID, org)
}

// reviewDay adds the day of the job to a coordinator's review: who checked in and out (by name
// for their own people), the outcomes with who recorded them, and the phones of their own
// people on the job and of its poster.
func (db *DB) reviewDay(ctx context.Context, rv *klusbuddy.JobReview, jobID, org int64) error {
	var rows []struct {
		Place    int        `db:"place"`
		Role     string     `db:"role"`
		PersonID int64      `db:"person_id"`
		First    string     `db:"first_name"`
		Last     string     `db:"last_name"`
		Org      int64      `db:"organisation_id"`
		OrgName  string     `db:"org_name"`
		InAt     time.Time  `db:"in_at"`
		OutAt    *time.Time `db:"out_at"`
		Distance *float64   `db:"distance_m"`
		Far      bool       `db:"far"`
	}
	const qa = `SELECT t.place, t.role, t.person_id, u.first_name, u.last_name, u.organisation_id, g.name AS org_name,
       t.in_at, t.out_at, t.distance_m, t.far
FROM attendance t JOIN users u ON u.id = t.person_id JOIN organisations g ON g.id = u.organisation_id
WHERE t.job_id = $1 ORDER BY t.place, t.role DESC`
	if err := db.x.SelectContext(ctx, &rows, qa, jobID); err != nil {
		return mapError(err)
	}
	rv.Attendance = make([]klusbuddy.AttendanceReview, len(rows))
	for i, r := range rows {
		rv.Attendance[i] = klusbuddy.AttendanceReview{Place: r.Place, Role: klusbuddy.Role(r.Role),
			Person:     personRef(r.PersonID, r.First, r.Last, r.OrgName, r.Org, org),
			Attendance: klusbuddy.Attendance{CheckedInAt: r.InAt, CheckedOutAt: r.OutAt, DistanceM: r.Distance, Far: r.Far}}
	}
	var outcomes []struct {
		Place   int       `db:"place"`
		Outcome string    `db:"outcome"`
		At      time.Time `db:"at"`
		By      string    `db:"by_role"`
	}
	if err := db.x.SelectContext(ctx, &outcomes, `SELECT place, outcome, at, by_role FROM outcomes WHERE job_id = $1 ORDER BY id`, jobID); err != nil {
		return mapError(err)
	}
	rv.Outcomes = make([]klusbuddy.OutcomeRecord, len(outcomes))
	for i, o := range outcomes {
		rv.Outcomes[i] = klusbuddy.OutcomeRecord{Place: o.Place, Outcome: klusbuddy.Outcome(o.Outcome), At: o.At, By: klusbuddy.Role(o.By)}
	}
	var contacts []klusbuddy.Contact
	const qc = `SELECT 'poster' AS role, u.first_name AS firstname, u.phone FROM jobs j JOIN users u ON u.id = j.poster_id
WHERE j.id = $1 AND u.phone IS NOT NULL
UNION ALL
SELECT p.role, p.first_name, p.phone FROM assignments s JOIN users p ON p.id IN (s.worker_id, s.buddy_id)
WHERE s.job_id = $1 AND p.organisation_id = $2 AND p.phone IS NOT NULL`
	if err := db.x.SelectContext(ctx, &contacts, qc, jobID, org); err != nil {
		return mapError(err)
	}
	rv.Contacts = append([]klusbuddy.Contact{}, contacts...)
	return nil
}

// shownBreakdown is an offer's stored score breakdown as people see it (coordinators on the
// board, the worker in their export): without which buddy was free, no business of theirs.
func shownBreakdown(raw []byte) (map[string]any, error) {
	var br map[string]any
	if err := json.Unmarshal(raw, &br); err != nil {
		return nil, err
	}
	delete(br, "buddy_id")
	return br, nil
}

// BoardJob returns one job as the board shows it.
func (db *DB) BoardJob(ctx context.Context, jobID int64) (klusbuddy.BoardJob, error) {
	var r boardRow
	q := `SELECT ` + boardColumns + ` FROM jobs j JOIN categories c ON c.id = j.category_id JOIN poster_addresses a ON a.id = j.address_id WHERE j.id = $3`
	if err := db.x.GetContext(ctx, &r, q, db.now(), klusbuddy.NotArrivedAfter.Seconds(), jobID); errors.Is(err, sql.ErrNoRows) {
		return klusbuddy.BoardJob{}, klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such job.")
	} else if err != nil {
		return klusbuddy.BoardJob{}, mapError(err)
	}
	return r.job(), nil
}
