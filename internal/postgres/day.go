package postgres

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// The day of the job: check-in and check-out, safety reports, outcomes and the buddy's meeting
// point. Each tap locks the job, so that the job's state follows its people's taps in order.

// bookedRow is a person's booking on a job, read with the job locked.
type bookedRow struct {
	AssignmentID int64      `db:"assignment_id"`
	JobID        int64      `db:"job_id"`
	Place        int        `db:"place"`
	BuddyState   string     `db:"buddy_state"`
	State        string     `db:"state"`
	Start        time.Time  `db:"starts"`
	End          time.Time  `db:"ends"`
	Needed       int        `db:"workers_needed"`
	PosterID     int64      `db:"poster_id"`
	Lat          float64    `db:"lat"`
	Lon          float64    `db:"lon"`
	InAt         *time.Time `db:"in_at"`
	OutAt        *time.Time `db:"out_at"`
	Distance     *float64   `db:"distance_m"`
	Far          *bool      `db:"far"`
}

func (r bookedRow) booked(role klusbuddy.Role) klusbuddy.Booked {
	b := klusbuddy.Booked{JobID: r.JobID, AssignmentID: r.AssignmentID, Place: r.Place, Role: role, State: klusbuddy.JobState(r.State),
		Start: r.Start, End: r.End, Address: klusbuddy.Point{Lat: r.Lat, Lon: r.Lon}}
	if r.InAt != nil {
		b.Attendance = &klusbuddy.Attendance{CheckedInAt: *r.InAt, CheckedOutAt: r.OutAt, DistanceM: r.Distance, Far: r.Far != nil && *r.Far}
	}
	return b
}

// lockBooking finds the person's booking that the tap names (a worker's by job id, a buddy's by
// assignment id) and locks its job. A job (or accompaniment) that exists but is not theirs is
// EFORBIDDEN, one that does not exist ENOTFOUND.
func lockBooking(ctx context.Context, tx *sqlx.Tx, t klusbuddy.Tap, personID int64) (bookedRow, error) {
	var r bookedRow
	const sel = `SELECT s.id AS assignment_id, s.job_id, s.place, s.buddy_state, j.state, lower(j.during) AS starts, upper(j.during) AS ends,
       j.workers_needed, j.poster_id, a.lat, a.lon, t.in_at, t.out_at, t.distance_m, t.far
FROM assignments s JOIN jobs j ON j.id = s.job_id JOIN poster_addresses a ON a.id = j.address_id
LEFT JOIN attendance t ON t.job_id = s.job_id AND t.person_id = $2
`
	q := sel + `WHERE s.job_id = $1 AND s.worker_id = $2 FOR UPDATE OF j`
	exists, missing := `SELECT EXISTS (SELECT 1 FROM jobs WHERE id = $1)`, "You are not booked on this job."
	if t.Role == klusbuddy.RoleBuddy {
		q = sel + `WHERE s.id = $1 AND s.buddy_id = $2 FOR UPDATE OF j`
		exists, missing = `SELECT EXISTS (SELECT 1 FROM assignments WHERE id = $1)`, "You do not go along on this job."
	}
	err := tx.GetContext(ctx, &r, q, t.ID, personID)
	if errors.Is(err, sql.ErrNoRows) {
		var found bool
		if err := tx.GetContext(ctx, &found, exists, t.ID); err != nil {
			return r, err
		}
		if !found {
			return r, klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such job.")
		}
		return r, &klusbuddy.Error{Code: klusbuddy.EFORBIDDEN, Message: missing}
	}
	return r, err
}

// CheckIn records a person's arrival at a job: decide judges it against the booking (the
// window, the distance) and gives what to store. The job's first check-in moves it to in
// progress (settling it first when places were still open). A second check-in changes nothing
// and answers the first.
func (db *DB) CheckIn(ctx context.Context, t klusbuddy.Tap, personID int64, a klusbuddy.Arrival,
	decide func(klusbuddy.Booked) (klusbuddy.Attendance, error)) (klusbuddy.Attendance, error) {
	var out klusbuddy.Attendance
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		r, err := lockBooking(ctx, tx, t, personID)
		if err != nil {
			return err
		}
		b := r.booked(t.Role)
		if b.Attendance != nil {
			out = *b.Attendance
			return nil
		}
		switch {
		case r.BuddyState == string(klusbuddy.BuddySearching):
			return klusbuddy.Errorf(klusbuddy.ECONFLICT, "You are still waiting for a buddy to come along.")
		case b.State == klusbuddy.JobCancelled || b.State == klusbuddy.JobExpired:
			return klusbuddy.Errorf(klusbuddy.ECONFLICT, "This job was cancelled.")
		case b.State == klusbuddy.JobDone || b.State == klusbuddy.JobHoursConfirmed:
			return klusbuddy.Errorf(klusbuddy.ECONFLICT, "This job is closed; tell your coach.")
		}
		if out, err = decide(b); err != nil {
			return err
		}
		now := db.now()
		lat, lon, acc := position(a.Position)
		if _, err := tx.ExecContext(ctx, `INSERT INTO attendance (job_id, person_id, role, place, in_at, in_received, in_lat, in_lon, in_accuracy, distance_m, far)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, r.JobID, personID, t.Role, r.Place, a.At, now, lat, lon, acc, out.DistanceM, out.Far); err != nil {
			return err
		}
		if b.State == klusbuddy.JobOffering || b.State == klusbuddy.JobUnfilled {
			if _, err := goAhead(ctx, tx, r.JobID, r.PosterID, r.Needed, now); err != nil {
				return err
			}
			b.State = klusbuddy.JobFilled
		}
		if b.State == klusbuddy.JobFilled {
			if err := moveJob(ctx, tx, r.JobID, klusbuddy.JobInProgress, personID, now, false); err != nil {
				return err
			}
			if err := notify(ctx, tx, r.PosterID, klusbuddy.EventJobStatus, map[string]any{"job_id": r.JobID, "state": klusbuddy.JobInProgress}); err != nil {
				return err
			}
		}
		if t.Role == klusbuddy.RoleWorker {
			if err := notify(ctx, tx, r.PosterID, klusbuddy.EventJobStatus, map[string]any{"job_id": r.JobID, "place": r.Place, "status": klusbuddy.PlaceArrived}); err != nil {
				return err
			}
		}
		if out.Far {
			return alertCoaches(ctx, tx, personID, map[string]any{"job_id": r.JobID, "person_id": personID, "reason": "far_check_in"})
		}
		return nil
	})
	return out, err
}

func position(p *klusbuddy.Position) (lat, lon, accuracy *float64) {
	if p == nil {
		return nil, nil, nil
	}
	return &p.Lat, &p.Lon, &p.Accuracy
}

// CheckOut records that a person is done: after their check-in (ECONFLICT before), judged by
// decide. A worker's check-out makes their place's outcome done (unless one was recorded);
// when everyone on the job is out, the job is done. A second check-out answers the first.
func (db *DB) CheckOut(ctx context.Context, t klusbuddy.Tap, personID int64, a klusbuddy.Arrival,
	decide func(klusbuddy.Booked) error) (klusbuddy.Attendance, error) {
	var out klusbuddy.Attendance
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		r, err := lockBooking(ctx, tx, t, personID)
		if err != nil {
			return err
		}
		b := r.booked(t.Role)
		if b.Attendance == nil {
			return klusbuddy.Errorf(klusbuddy.ECONFLICT, "Check in first.")
		}
		out = *b.Attendance
		if out.CheckedOutAt != nil {
			return nil
		}
		if err := decide(b); err != nil {
			return err
		}
		now := db.now()
		lat, lon, acc := position(a.Position)
		if _, err := tx.ExecContext(ctx, `UPDATE attendance SET out_at = $3, out_received = $4, out_lat = $5, out_lon = $6, out_accuracy = $7
WHERE job_id = $1 AND person_id = $2`, r.JobID, personID, a.At, now, lat, lon, acc); err != nil {
			return err
		}
		at := a.At
		out.CheckedOutAt = &at
		if err := proposeSheet(ctx, tx, r, t.Role, personID, out.CheckedInAt, at, now); err != nil {
			return err
		}
		if t.Role == klusbuddy.RoleWorker {
			if err := firstOutcome(ctx, tx, r.JobID, r.Place, klusbuddy.OutcomeDone, personID, klusbuddy.RoleWorker, now); err != nil {
				return err
			}
			if err := notify(ctx, tx, r.PosterID, klusbuddy.EventJobStatus, map[string]any{"job_id": r.JobID, "place": r.Place, "status": klusbuddy.PlaceDone}); err != nil {
				return err
			}
		}
		return finishIfEveryoneLeft(ctx, tx, r.JobID, r.PosterID, now)
	})
	return out, err
}

// firstOutcome records a place's outcome (0: the job's) unless it has one.
func firstOutcome(ctx context.Context, tx *sqlx.Tx, jobID int64, place int, o klusbuddy.Outcome, by int64, role klusbuddy.Role, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO outcomes (job_id, place, outcome, by_user, by_role, at)
SELECT $1, $2, $3, $4, $5, $6 WHERE NOT EXISTS (SELECT 1 FROM outcomes WHERE job_id = $1 AND place = $2)`, jobID, place, o, by, role, now)
	return err
}

// recordOutcome records an outcome for a place (0: the job), by someone (0: Klusbuddy itself).
func recordOutcome(ctx context.Context, tx dbtx, jobID int64, place int, o klusbuddy.Outcome, by int64, role klusbuddy.Role, now time.Time) error {
	var who *int64
	if by != 0 {
		who = &by
	} else {
		role = "system"
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO outcomes (job_id, place, outcome, by_user, by_role, at) VALUES ($1, $2, $3, $4, $5, $6)`,
		jobID, place, o, who, role, now)
	return err
}

// finishIfEveryoneLeft moves a job in progress to done once every worker and buddy on it has
// checked out or left for safety, and records the job's outcome: left for safety when every
// place's is, otherwise done.
func finishIfEveryoneLeft(ctx context.Context, tx *sqlx.Tx, jobID, posterID int64, now time.Time) error {
	var state klusbuddy.JobState
	var waiting bool
	var allLeft bool
	err := tx.QueryRowContext(ctx, `SELECT j.state,
    EXISTS (SELECT 1 FROM assignments s, LATERAL (VALUES (s.worker_id), (s.buddy_id)) AS p(id)
            WHERE s.job_id = j.id AND p.id IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM attendance t WHERE t.job_id = j.id AND t.person_id = p.id AND t.out_at IS NOT NULL)
              AND NOT EXISTS (SELECT 1 FROM safety_reports r WHERE r.job_id = j.id AND r.person_id = p.id)),
    NOT EXISTS (SELECT 1 FROM assignments s WHERE s.job_id = j.id
                  AND coalesce((SELECT o.outcome FROM outcomes o WHERE o.job_id = j.id AND o.place = s.place ORDER BY o.id DESC LIMIT 1), '') <> 'left_for_safety')
FROM jobs j WHERE j.id = $1`, jobID).Scan(&state, &waiting, &allLeft)
	if err != nil || waiting || state != klusbuddy.JobInProgress {
		return err
	}
	o := klusbuddy.OutcomeDone
	if allLeft {
		o = klusbuddy.OutcomeLeftForSafety
	}
	if err := recordOutcome(ctx, tx, jobID, 0, o, 0, "", now); err != nil {
		return err
	}
	return closeJob(ctx, tx, jobID, posterID, state, 0, now)
}

// closeJob moves a started job (filled or in progress) to done, by someone (0: Klusbuddy
// itself), and tells its poster.
func closeJob(ctx context.Context, tx *sqlx.Tx, jobID, posterID int64, state klusbuddy.JobState, by int64, now time.Time) error {
	if state == klusbuddy.JobFilled {
		if err := moveJob(ctx, tx, jobID, klusbuddy.JobInProgress, by, now, false); err != nil {
			return err
		}
	}
	if err := moveJob(ctx, tx, jobID, klusbuddy.JobDone, by, now, false); err != nil {
		return err
	}
	return notify(ctx, tx, posterID, klusbuddy.EventJobStatus, map[string]any{"job_id": jobID, "state": klusbuddy.JobDone})
}

// ReportUnsafe records that a person does not feel safe on a job and leaves: the coordinators
// of their organisation are alerted at once, the place's outcome is left for safety, a
// check-in is closed at the report's time, and the poster learns only that the worker had to
// leave. decide judges the report against the booking and gives the distance from the address.
// A second report on the same job answers the first.
func (db *DB) ReportUnsafe(ctx context.Context, t klusbuddy.Tap, personID int64, a klusbuddy.Arrival,
	decide func(klusbuddy.Booked) (*float64, error)) (klusbuddy.SafetyAnswer, error) {
	var out klusbuddy.SafetyAnswer
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		r, err := lockBooking(ctx, tx, t, personID)
		if err != nil {
			return err
		}
		err = tx.GetContext(ctx, &out.ReportID, `SELECT id FROM safety_reports WHERE job_id = $1 AND person_id = $2`, r.JobID, personID)
		if errors.Is(err, sql.ErrNoRows) {
			err = db.newSafetyReport(ctx, tx, r, t.Role, personID, a, decide, &out.ReportID)
		}
		if err != nil {
			return err
		}
		return tx.SelectContext(ctx, &out.Coordinators, `SELECT 'coordinator' AS role, c.first_name AS firstname, c.phone FROM users c JOIN users p ON p.organisation_id = c.organisation_id
WHERE p.id = $1 AND c.role = 'coordinator' AND c.deleted_at IS NULL AND c.phone IS NOT NULL ORDER BY c.first_name, c.id`, personID)
	})
	return out, err
}

func (db *DB) newSafetyReport(ctx context.Context, tx *sqlx.Tx, r bookedRow, role klusbuddy.Role, personID int64, a klusbuddy.Arrival,
	decide func(klusbuddy.Booked) (*float64, error), id *int64) error {
	b := r.booked(role)
	distance, err := decide(b)
	if err != nil {
		return err
	}
	now := db.now()
	lat, lon, acc := position(a.Position)
	var first string
	if err := tx.QueryRowContext(ctx, `INSERT INTO safety_reports (job_id, person_id, role, place, organisation_id, at, received, lat, lon, accuracy, distance_m)
SELECT $1, u.id, $3, $4, u.organisation_id, $5, $6, $7, $8, $9, $10 FROM users u WHERE u.id = $2
RETURNING id, (SELECT first_name FROM users WHERE id = $2)`, r.JobID, personID, role, r.Place, a.At, now, lat, lon, acc, distance).Scan(id, &first); err != nil {
		return err
	}
	if err := recordOutcome(ctx, tx, r.JobID, r.Place, klusbuddy.OutcomeLeftForSafety, personID, role, now); err != nil {
		return err
	}
	if b.Attendance != nil && b.Attendance.CheckedOutAt == nil {
		out := a.At
		if out.Before(b.Attendance.CheckedInAt) {
			out = b.Attendance.CheckedInAt
		}
		if _, err := tx.ExecContext(ctx, `UPDATE attendance SET out_at = $3, out_received = $4 WHERE job_id = $1 AND person_id = $2`,
			r.JobID, personID, out, now); err != nil {
			return err
		}
		if err := proposeSheet(ctx, tx, r, role, personID, b.Attendance.CheckedInAt, out, now); err != nil {
			return err
		}
	}
	alert := map[string]any{"report_id": *id, "job_id": r.JobID, "role": role, "first_name": first, "at": a.At,
		"expires_at": now.Add(24 * time.Hour)}
	if a.Position != nil {
		alert["lat"], alert["lon"], alert["accuracy"] = a.Position.Lat, a.Position.Lon, a.Position.Accuracy
	}
	var coaches []int64
	if err := tx.SelectContext(ctx, &coaches, `SELECT c.id FROM users c JOIN users p ON p.organisation_id = c.organisation_id
WHERE p.id = $1 AND c.role = 'coordinator' AND c.deleted_at IS NULL`, personID); err != nil {
		return err
	}
	for _, c := range coaches {
		if err := notify(ctx, tx, c, klusbuddy.EventSafetyAlert, alert); err != nil {
			return err
		}
	}
	if role == klusbuddy.RoleWorker {
		if err := notify(ctx, tx, r.PosterID, klusbuddy.EventJobStatus, map[string]any{"job_id": r.JobID, "place": r.Place, "status": klusbuddy.PlaceLeft}); err != nil {
			return err
		}
	}
	return finishIfEveryoneLeft(ctx, tx, r.JobID, r.PosterID, now)
}

// SetMeeting stores where and when a buddy meets the worker, judged by check against the job's
// start; ENOTFOUND when the buddy does not go along on that assignment.
func (db *DB) SetMeeting(ctx context.Context, assignmentID, buddyID int64, m klusbuddy.Meeting, check func(start time.Time) error) error {
	return db.inTx(ctx, func(tx *sqlx.Tx) error {
		var start time.Time
		err := tx.QueryRowContext(ctx, `SELECT lower(during) FROM assignments WHERE id = $1 AND buddy_id = $2 FOR UPDATE`, assignmentID, buddyID).Scan(&start)
		if errors.Is(err, sql.ErrNoRows) {
			return klusbuddy.Errorf(klusbuddy.ENOTFOUND, "You do not go along on this job.")
		}
		if err != nil {
			return err
		}
		if err := check(start); err != nil {
			return err
		}
		var place *string
		if m.Place != "" {
			place = &m.Place
		}
		var worker, jobID int64
		if err := tx.QueryRowContext(ctx, `UPDATE assignments SET meeting_place = $2, meeting_at = $3 WHERE id = $1 RETURNING worker_id, job_id`,
			assignmentID, place, m.At).Scan(&worker, &jobID); err != nil {
			return err
		}
		return notify(ctx, tx, worker, klusbuddy.EventJobStatus, map[string]any{"job_id": jobID, "meeting": true})
	})
}

// jobPeople lists who is on a job: its workers (not those still waiting for a buddy), their
// buddies and its poster, with their phones.
func jobPeople(ctx context.Context, q sqlx.QueryerContext, jobID int64) ([]klusbuddy.JobPerson, error) {
	var out []klusbuddy.JobPerson
	err := sqlx.SelectContext(ctx, q, &out, `SELECT u.id, s.place, 'worker' AS role, u.first_name AS firstname, coalesce(u.phone, '') AS phone
FROM assignments s JOIN users u ON u.id = s.worker_id WHERE s.job_id = $1 AND s.buddy_state <> 'searching'
UNION ALL
SELECT u.id, s.place, 'buddy', u.first_name, coalesce(u.phone, '') FROM assignments s JOIN users u ON u.id = s.buddy_id WHERE s.job_id = $1
UNION ALL
SELECT u.id, 0, 'poster', u.first_name, coalesce(u.phone, '') FROM jobs j JOIN users u ON u.id = j.poster_id WHERE j.id = $1
ORDER BY 2, 3 DESC`, jobID)
	return out, err
}

// onTheDay reads what a worker or buddy (viewer) sees of their booking on the day.
func (db *DB) onTheDay(ctx context.Context, viewer klusbuddy.Role, personID, assignmentID int64) (klusbuddy.OnTheDay, error) {
	var r struct {
		JobID        int64          `db:"job_id"`
		Place        int            `db:"place"`
		Start        time.Time      `db:"starts"`
		End          time.Time      `db:"ends"`
		TravelMode   string         `db:"travel_mode"`
		HasBuddy     bool           `db:"has_buddy"`
		MeetingPlace sql.NullString `db:"meeting_place"`
		MeetingAt    *time.Time     `db:"meeting_at"`
		InAt         *time.Time     `db:"in_at"`
		OutAt        *time.Time     `db:"out_at"`
		Distance     *float64       `db:"distance_m"`
		Far          *bool          `db:"far"`
		Outcome      sql.NullString `db:"outcome"`
		Safety       bool           `db:"safety"`
	}
	const q = `SELECT s.job_id, s.place, lower(s.during) AS starts, upper(s.during) AS ends,
       coalesce(w.travel_mode, b.travel_mode, 'public_transport') AS travel_mode, s.buddy_id IS NOT NULL AS has_buddy,
       s.meeting_place, s.meeting_at, t.in_at, t.out_at, t.distance_m, t.far,
       (SELECT o.outcome FROM outcomes o WHERE o.job_id = s.job_id AND o.place = s.place ORDER BY o.id DESC LIMIT 1) AS outcome,
       EXISTS (SELECT 1 FROM safety_reports r WHERE r.job_id = s.job_id AND r.person_id = $2) AS safety
FROM assignments s LEFT JOIN worker_profiles w ON w.user_id = $2 LEFT JOIN buddy_profiles b ON b.user_id = $2
LEFT JOIN attendance t ON t.job_id = s.job_id AND t.person_id = $2
WHERE s.id = $1`
	if err := db.x.GetContext(ctx, &r, q, assignmentID, personID); err != nil {
		return klusbuddy.OnTheDay{}, mapError(err)
	}
	d := klusbuddy.OnTheDay{TravelMode: klusbuddy.TravelMode(r.TravelMode), Outcome: klusbuddy.Outcome(r.Outcome.String), SafetyReported: r.Safety}
	if r.HasBuddy {
		m := klusbuddy.DefaultMeeting(r.Start)
		if r.MeetingAt != nil {
			m = klusbuddy.Meeting{Place: r.MeetingPlace.String, At: *r.MeetingAt, Chosen: true}
		}
		d.Meeting = &m
	}
	if r.InAt != nil {
		d.Attendance = &klusbuddy.Attendance{CheckedInAt: *r.InAt, CheckedOutAt: r.OutAt, DistanceM: r.Distance, Far: r.Far != nil && *r.Far}
	}
	d.Contacts = []klusbuddy.Contact{}
	if klusbuddy.ContactsOpen(r.Start, r.End, db.now()) {
		people, err := jobPeople(ctx, db.x, r.JobID)
		if err != nil {
			return d, mapError(err)
		}
		d.Contacts = klusbuddy.ContactsFor(viewer, r.Place, people, r.Start, r.End, db.now())
	}
	return d, nil
}

// PosterContacts fills in whom a job's poster may call: its workers and buddies, around the day.
func (db *DB) PosterContacts(ctx context.Context, j *klusbuddy.Job) error {
	j.Contacts = []klusbuddy.Contact{}
	if !klusbuddy.ContactsOpen(j.Start, j.End, db.now()) {
		return nil
	}
	people, err := jobPeople(ctx, db.x, j.ID)
	if err != nil {
		return mapError(err)
	}
	j.Contacts = klusbuddy.ContactsFor(klusbuddy.RolePoster, 0, people, j.Start, j.End, db.now())
	return nil
}

// AttendanceRecords returns every check-in of a person, for their data export.
func (db *DB) AttendanceRecords(ctx context.Context, personID int64) ([]klusbuddy.AttendanceRecord, error) {
	var rows []struct {
		JobID       int64      `db:"job_id"`
		Role        string     `db:"role"`
		Place       int        `db:"place"`
		InAt        time.Time  `db:"in_at"`
		InReceived  time.Time  `db:"in_received"`
		InLat       *float64   `db:"in_lat"`
		InLon       *float64   `db:"in_lon"`
		InAccuracy  *float64   `db:"in_accuracy"`
		Distance    *float64   `db:"distance_m"`
		Far         bool       `db:"far"`
		OutAt       *time.Time `db:"out_at"`
		OutReceived *time.Time `db:"out_received"`
		OutLat      *float64   `db:"out_lat"`
		OutLon      *float64   `db:"out_lon"`
		OutAccuracy *float64   `db:"out_accuracy"`
	}
	if err := db.x.SelectContext(ctx, &rows, `SELECT job_id, role, place, in_at, in_received, in_lat, in_lon, in_accuracy, distance_m, far,
       out_at, out_received, out_lat, out_lon, out_accuracy FROM attendance WHERE person_id = $1 ORDER BY in_at, job_id`, personID); err != nil {
		return nil, mapError(err)
	}
	out := make([]klusbuddy.AttendanceRecord, len(rows))
	for i, r := range rows {
		out[i] = klusbuddy.AttendanceRecord{JobID: r.JobID, Role: klusbuddy.Role(r.Role), Place: r.Place, CheckedInAt: r.InAt,
			InReceivedAt: r.InReceived, InPosition: positionOf(r.InLat, r.InLon, r.InAccuracy), DistanceM: r.Distance, Far: r.Far,
			CheckedOutAt: r.OutAt, OutReceivedAt: r.OutReceived, OutPosition: positionOf(r.OutLat, r.OutLon, r.OutAccuracy)}
	}
	return out, nil
}

func positionOf(lat, lon, accuracy *float64) *klusbuddy.Position {
	if lat == nil || lon == nil || accuracy == nil {
		return nil
	}
	return &klusbuddy.Position{Lat: *lat, Lon: *lon, Accuracy: *accuracy}
}

// SafetyReportRecords returns every safety report a person made, with its follow-up, for their
// data export.
func (db *DB) SafetyReportRecords(ctx context.Context, personID int64) ([]klusbuddy.SafetyReportRecord, error) {
	var rows []struct {
		ID             int64      `db:"id"`
		JobID          int64      `db:"job_id"`
		Role           string     `db:"role"`
		At             time.Time  `db:"at"`
		Received       time.Time  `db:"received"`
		Lat            *float64   `db:"lat"`
		Lon            *float64   `db:"lon"`
		Accuracy       *float64   `db:"accuracy"`
		Distance       *float64   `db:"distance_m"`
		AcknowledgedAt *time.Time `db:"acknowledged_at"`
		FollowUp       *string    `db:"follow_up"`
	}
	if err := db.x.SelectContext(ctx, &rows, `SELECT id, job_id, role, at, received, lat, lon, accuracy, distance_m, acknowledged_at, follow_up
FROM safety_reports WHERE person_id = $1 ORDER BY id`, personID); err != nil {
		return nil, mapError(err)
	}
	out := make([]klusbuddy.SafetyReportRecord, len(rows))
	for i, r := range rows {
		out[i] = klusbuddy.SafetyReportRecord{ID: r.ID, JobID: r.JobID, Role: klusbuddy.Role(r.Role), At: r.At, ReceivedAt: r.Received,
			Position: positionOf(r.Lat, r.Lon, r.Accuracy), DistanceM: r.Distance, AcknowledgedAt: r.AcknowledgedAt, FollowUp: r.FollowUp}
	}
	return out, nil
}
