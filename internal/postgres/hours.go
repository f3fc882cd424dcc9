package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Hours after the job (issue 12): timesheets, their steps and the sweep that takes a step when
// its deadline passed. A step locks the job, then the sheet (the order a check-out takes), so
// that the job's move to hours confirmed follows its sheets in order.

// proposeSheet creates the sheet of a person who checked out, in the check-out's transaction:
// minutes from the phone's times (klusbuddy.ProposeMinutes), or items to count on a per-item
// job; the person is asked to confirm.
func proposeSheet(ctx context.Context, tx *sqlx.Tx, r bookedRow, role klusbuddy.Role, personID int64, in, out, now time.Time) error {
	var unit klusbuddy.Unit
	if err := tx.GetContext(ctx, &unit, `SELECT unit FROM jobs WHERE id = $1`, r.JobID); err != nil {
		return err
	}
	su := klusbuddy.SheetUnitFor(role, unit)
	var proposed *int
	var since *time.Time
	if su == klusbuddy.SheetMinutes {
		m := klusbuddy.ProposeMinutes(in, out, r.Start, r.End)
		proposed, since = &m, &now
	}
	var id int64
	err := tx.GetContext(ctx, &id, `INSERT INTO timesheets (job_id, person_id, role, place, unit, proposed, waiting_since)
VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (job_id, person_id) DO NOTHING RETURNING id`, r.JobID, personID, role, r.Place, su, proposed, since)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO timesheet_steps (sheet_id, step, by_user, by_role, at, value) VALUES ($1, 'propose', NULL, 'system', $2, $3)`,
		id, now, proposed); err != nil {
		return err
	}
	return notify(ctx, tx, personID, klusbuddy.EventHoursToConfirm, map[string]any{"job_id": r.JobID, "sheet_id": id, "role": role})
}

type sheetRow struct {
	ID            int64          `db:"id"`
	JobID         int64          `db:"job_id"`
	PersonID      int64          `db:"person_id"`
	FirstName     string         `db:"first_name"`
	Role          string         `db:"role"`
	Place         int            `db:"place"`
	Unit          string         `db:"unit"`
	Start         time.Time      `db:"starts"`
	End           time.Time      `db:"ends"`
	Proposed      *int           `db:"proposed"`
	Confirmed     *int           `db:"confirmed"`
	Reason        sql.NullString `db:"reason"`
	State         string         `db:"state"`
	WaitingSince  *time.Time     `db:"waiting_since"`
	DisputeReason sql.NullString `db:"dispute_reason"`
	Approved      *int           `db:"approved"`
	DecisionNote  sql.NullString `db:"decision_note"`
	PosterID      int64          `db:"poster_id"`
	Organisation  *int64         `db:"organisation_id"`
}

const sheetSelect = `SELECT t.id, t.job_id, t.person_id, u.first_name, t.role, t.place, t.unit, lower(j.during) AS starts, upper(j.during) AS ends,
       t.proposed, t.confirmed, t.reason, t.state, t.waiting_since, t.dispute_reason, t.approved, t.decision_note, j.poster_id, u.organisation_id
FROM timesheets t JOIN jobs j ON j.id = t.job_id JOIN users u ON u.id = t.person_id
`

func (r sheetRow) sheet(wait time.Duration) klusbuddy.Sheet {
	s := klusbuddy.Sheet{ID: r.ID, JobID: r.JobID, PersonID: r.PersonID, FirstName: r.FirstName, Role: klusbuddy.Role(r.Role), Place: r.Place,
		Unit: klusbuddy.SheetUnit(r.Unit), Start: r.Start, End: r.End, Proposed: r.Proposed, Confirmed: r.Confirmed, Reason: r.Reason.String,
		State: klusbuddy.SheetState(r.State), DisputeReason: r.DisputeReason.String, Approved: r.Approved, DecisionNote: r.DecisionNote.String}
	if r.WaitingSince != nil {
		due := r.WaitingSince.Add(wait)
		s.DueAt = &due
	}
	return s
}

// sheets reads the sheets a query selects, with their steps.
func (db *DB) sheets(ctx context.Context, q sqlx.QueryerContext, wait time.Duration, where string, args ...any) ([]klusbuddy.Sheet, error) {
	var rows []sheetRow
	if err := sqlx.SelectContext(ctx, q, &rows, sheetSelect+where, args...); err != nil {
		return nil, err
	}
	out := make([]klusbuddy.Sheet, len(rows))
	ids := make([]int64, len(rows))
	at := map[int64]int{}
	for i, r := range rows {
		out[i] = r.sheet(wait)
		out[i].Steps = []klusbuddy.SheetStepRecord{}
		ids[i], at[r.ID] = r.ID, i
	}
	var steps []struct {
		SheetID int64          `db:"sheet_id"`
		Step    string         `db:"step"`
		Role    string         `db:"by_role"`
		At      time.Time      `db:"at"`
		Value   *int           `db:"value"`
		Text    sql.NullString `db:"text"`
	}
	if err := sqlx.SelectContext(ctx, q, &steps, `SELECT sheet_id, step, by_role, at, value, text FROM timesheet_steps WHERE sheet_id = ANY($1) ORDER BY sheet_id, id`,
		pq.Array(ids)); err != nil {
		return nil, err
	}
	for _, s := range steps {
		i := at[s.SheetID]
		out[i].Steps = append(out[i].Steps, klusbuddy.SheetStepRecord{Step: klusbuddy.SheetStep(s.Step), Role: klusbuddy.Role(s.Role), At: s.At,
			Value: s.Value, Text: s.Text.String})
	}
	return out, nil
}

// findSheet finds the sheet ref names for actor, without locking it: ENOTFOUND when there is
// none (yet), EFORBIDDEN when it (or its job) is someone else's.
func findSheet(ctx context.Context, q sqlx.QueryerContext, ref klusbuddy.SheetRef, actor klusbuddy.Principal) (sheetRow, error) {
	var r sheetRow
	var err error
	switch ref.As {
	case klusbuddy.RoleWorker:
		err = sqlx.GetContext(ctx, q, &r, sheetSelect+`WHERE t.job_id = $1 AND t.person_id = $2`, ref.ID, actor.ID)
		if errors.Is(err, sql.ErrNoRows) {
			return r, missingSheet(ctx, q, `SELECT EXISTS (SELECT 1 FROM assignments WHERE job_id = $1 AND worker_id = $2)`,
				`SELECT EXISTS (SELECT 1 FROM jobs WHERE id = $1)`, ref.ID, actor.ID)
		}
	case klusbuddy.RoleBuddy:
		err = sqlx.GetContext(ctx, q, &r, sheetSelect+`JOIN assignments s ON s.job_id = t.job_id AND s.buddy_id = t.person_id WHERE s.id = $1 AND t.person_id = $2`,
			ref.ID, actor.ID)
		if errors.Is(err, sql.ErrNoRows) {
			return r, missingSheet(ctx, q, `SELECT EXISTS (SELECT 1 FROM assignments WHERE id = $1 AND buddy_id = $2)`,
				`SELECT EXISTS (SELECT 1 FROM assignments WHERE id = $1)`, ref.ID, actor.ID)
		}
	case klusbuddy.RolePoster:
		err = sqlx.GetContext(ctx, q, &r, sheetSelect+`WHERE t.id = $1 AND t.job_id = $2`, ref.ID, ref.JobID)
		if err == nil && r.PosterID != actor.ID {
			return r, klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "This is not your job.")
		}
	case klusbuddy.RoleCoordinator:
		err = sqlx.GetContext(ctx, q, &r, sheetSelect+`WHERE t.id = $1 AND u.organisation_id = $2`, ref.ID, actor.OrganisationID)
	default:
		return r, klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "These hours are not yours to see.")
	}
	if errors.Is(err, sql.ErrNoRows) {
		return r, klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There are no such hours.")
	}
	return r, err
}

// missingSheet tells "no hours yet" (ENOTFOUND: not checked out) from "not yours" (EFORBIDDEN)
// and "no such job" (ENOTFOUND).
func missingSheet(ctx context.Context, q sqlx.QueryerContext, mine, exists string, id, person int64) error {
	var ok bool
	if err := sqlx.GetContext(ctx, q, &ok, mine, id, person); err != nil {
		return err
	}
	if ok {
		return klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There are no hours yet: they are proposed at check-out.")
	}
	if err := sqlx.GetContext(ctx, q, &ok, exists, id); err != nil {
		return err
	}
	if ok {
		return klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "These are not your hours.")
	}
	return klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such job.")
}

// Sheet returns the sheet ref names for actor, with its steps.
func (db *DB) Sheet(ctx context.Context, ref klusbuddy.SheetRef, actor klusbuddy.Principal, wait time.Duration) (klusbuddy.Sheet, error) {
	r, err := findSheet(ctx, db.x, ref, actor)
	if err != nil {
		return klusbuddy.Sheet{}, mapError(err)
	}
	out, err := db.sheets(ctx, db.x, wait, `WHERE t.id = $1`, r.ID)
	if err != nil {
		return klusbuddy.Sheet{}, mapError(err)
	}
	return out[0], nil
}

// JobSheets returns the workers' sheets of a poster's job (EFORBIDDEN for another's job).
func (db *DB) JobSheets(ctx context.Context, jobID, posterID int64, wait time.Duration) ([]klusbuddy.Sheet, error) {
	var poster int64
	err := db.x.GetContext(ctx, &poster, `SELECT poster_id FROM jobs WHERE id = $1`, jobID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such job.")
	}
	if err != nil {
		return nil, mapError(err)
	}
	if poster != posterID {
		return nil, klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "This is not your job.")
	}
	out, err := db.sheets(ctx, db.x, wait, `WHERE t.job_id = $1 AND t.role = 'worker' ORDER BY t.place`, jobID)
	return out, mapError(err)
}

// OrgSheets returns the sheets of an organisation's people in a state (all open ones when
// empty), oldest job first.
func (db *DB) OrgSheets(ctx context.Context, org int64, state klusbuddy.SheetState, wait time.Duration) ([]klusbuddy.Sheet, error) {
	out, err := db.sheets(ctx, db.x, wait, `WHERE u.organisation_id = $1 AND (t.state = $2 OR ($2 = '' AND t.state IN ('proposed', 'confirmed', 'disputed')))
ORDER BY lower(j.during), t.id LIMIT 500`, org, state)
	return out, mapError(err)
}

// StepSheet takes a step on the sheet ref names, as judged by take: the job and the sheet are
// locked, the change written with its step in the history, the people concerned told, and the
// job moved to hours confirmed once every worker's sheet is final. A change the sheet already
// has (Same) writes nothing.
func (db *DB) StepSheet(ctx context.Context, ref klusbuddy.SheetRef, actor klusbuddy.Principal, wait time.Duration,
	take func(klusbuddy.Sheet) (klusbuddy.Change, error)) (klusbuddy.Sheet, error) {
	var id int64
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		r, err := findSheet(ctx, tx, ref, actor)
		if err != nil {
			return err
		}
		id = r.ID
		if _, err := tx.ExecContext(ctx, `SELECT 1 FROM jobs WHERE id = $1 FOR UPDATE`, r.JobID); err != nil {
			return err
		}
		if err := tx.GetContext(ctx, &r, sheetSelect+`WHERE t.id = $1 FOR UPDATE OF t`, id); err != nil {
			return err
		}
		c, err := take(r.sheet(wait))
		if err != nil || c.Same {
			return err
		}
		return db.applyStep(ctx, tx, r, c, actor)
	})
	if err != nil {
		return klusbuddy.Sheet{}, mapError(err)
	}
	out, err := db.sheets(ctx, db.x, wait, `WHERE t.id = $1`, id)
	if err != nil {
		return klusbuddy.Sheet{}, mapError(err)
	}
	return out[0], nil
}

func nullText(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// applyStep writes a change on a locked sheet.
func (db *DB) applyStep(ctx context.Context, tx *sqlx.Tx, r sheetRow, c klusbuddy.Change, actor klusbuddy.Principal) error {
	now := db.now()
	var q string
	args := []any{r.ID}
	value := c.Value
	switch c.Move.To {
	case klusbuddy.SheetConfirmed:
		q = `UPDATE timesheets SET state = 'confirmed', confirmed = $2, reason = $3, waiting_since = $4 WHERE id = $1`
		args = append(args, *c.Value, nullText(c.Text), now)
	case klusbuddy.SheetApproved:
		q = `UPDATE timesheets SET state = 'approved', approved = confirmed, waiting_since = NULL WHERE id = $1`
		value = r.Confirmed
	case klusbuddy.SheetDisputed:
		q = `UPDATE timesheets SET state = 'disputed', dispute_reason = $2, waiting_since = NULL WHERE id = $1`
		args = append(args, c.Text)
	case klusbuddy.SheetDecided:
		q = `UPDATE timesheets SET state = 'decided', approved = $2, decision_note = $3 WHERE id = $1`
		args = append(args, *c.Value, c.Text)
	}
	if _, err := tx.ExecContext(ctx, q, args...); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO timesheet_steps (sheet_id, step, by_user, by_role, at, value, text) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		r.ID, c.Move.Step, actor.ID, actor.Role, now, value, nullText(c.Text)); err != nil {
		return err
	}
	data := map[string]any{"job_id": r.JobID, "sheet_id": r.ID, "role": r.Role}
	switch c.Move.To {
	case klusbuddy.SheetConfirmed:
		if r.Role == string(klusbuddy.RoleWorker) {
			return notify(ctx, tx, r.PosterID, klusbuddy.EventHoursToApprove, data)
		}
		return notifyCoaches(ctx, tx, r.PersonID, klusbuddy.EventHoursToApprove, data)
	case klusbuddy.SheetDisputed:
		return notifyCoaches(ctx, tx, r.PersonID, klusbuddy.EventHoursDisputed, data)
	}
	if err := notify(ctx, tx, r.PersonID, klusbuddy.EventHoursApproved, data); err != nil {
		return err
	}
	if c.Move.To == klusbuddy.SheetDecided {
		if err := notify(ctx, tx, r.PosterID, klusbuddy.EventHoursApproved, data); err != nil {
			return err
		}
	}
	_, err := settleJobs(ctx, tx, []int64{r.JobID}, now)
	return err
}

// notifyCoaches tells every coordinator of a person's organisation.
func notifyCoaches(ctx context.Context, tx *sqlx.Tx, personID int64, kind klusbuddy.EventKind, data map[string]any) error {
	b, err := json.Marshal(data)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO notification_queue (user_id, kind, data)
SELECT c.id, $2, $3 FROM users c JOIN users p ON p.organisation_id = c.organisation_id
WHERE p.id = $1 AND c.role = 'coordinator' AND c.deleted_at IS NULL ORDER BY c.id`, personID, kind, b)
	return err
}

// settleJobs moves the done jobs among ids whose workers' sheets are all final to hours
// confirmed (by Klusbuddy, through move_job), and tells their posters, in one statement. The
// jobs are locked by the caller.
func settleJobs(ctx context.Context, tx *sqlx.Tx, ids []int64, now time.Time) (int, error) {
	var n int
	err := tx.GetContext(ctx, &n, `WITH settled AS (
    SELECT j.id, j.poster_id FROM jobs j WHERE j.id = ANY($1) AND j.state = 'done'
      AND EXISTS (SELECT 1 FROM timesheets t WHERE t.job_id = j.id AND t.role = 'worker')
      AND NOT EXISTS (SELECT 1 FROM timesheets t WHERE t.job_id = j.id AND t.role = 'worker' AND t.state NOT IN ('approved', 'decided'))),
moved AS MATERIALIZED (SELECT id, poster_id, move_job(id, $3, NULL, $2) FROM settled ORDER BY id),
queued AS (
    INSERT INTO notification_queue (user_id, kind, data)
    SELECT poster_id, $4, jsonb_build_object('job_id', id, 'state', $3::text) FROM moved ORDER BY id
    RETURNING 1)
SELECT count(*) FROM queued`, pq.Array(ids), now, klusbuddy.JobHoursConfirmed, klusbuddy.EventJobStatus)
	return n, err
}

// TakeDueSteps takes, as Klusbuddy, the step of the sheets that have waited since before
// before: a proposal the person did not confirm is confirmed as proposed, a confirmed sheet
// nobody approved or disputed is approved. It looks at up to limit due sheets (by the waiting
// index), locks their jobs with FOR UPDATE SKIP LOCKED and moves every due sheet of the jobs it
// got. Every writer of a sheet holds its job first (a check-out, a person's step), so holding
// the job is holding its sheets: instances sweeping at once take disjoint jobs, never wait for
// each other or for a person's step in progress (that job comes in a later sweep), and the
// step rows' unique index makes a second approval impossible whatever happens. It reports how
// many sheets moved and how many due sheets it looked at (limit: there may be more).
func (db *DB) TakeDueSteps(ctx context.Context, before time.Time, limit int) (moved, seen int, err error) {
	err = db.inTx(ctx, func(tx *sqlx.Tx) error {
		now := db.now()
		var rows []struct {
			JobID *int64 `db:"job_id"`
			Seen  int    `db:"seen"`
		}
		if err := tx.SelectContext(ctx, &rows, dueStepsQuery, before, limit, now); err != nil {
			return err
		}
		var jobs []int64
		for _, r := range rows {
			seen = r.Seen
			if r.JobID != nil {
				jobs = append(jobs, *r.JobID)
			}
		}
		moved = len(jobs)
		if moved == 0 {
			return nil
		}
		_, err := settleJobs(ctx, tx, jobs, now)
		return err
	})
	return moved, seen, mapError(err)
}

// dueStepsQuery looks at the due sheets ($1: waiting since before, $2: how many) in order of the
// waiting index, locks their jobs (skipping those another transaction holds), moves every due
// sheet of those jobs one step, records the steps as Klusbuddy's at $3, queues who must know,
// and returns the job of each sheet moved with the number of sheets looked at (one row with a
// NULL job when none moved).
const dueStepsQuery = `WITH candidates AS MATERIALIZED (
    SELECT job_id FROM timesheets WHERE waiting_since < $1 ORDER BY waiting_since, id LIMIT $2),
locked AS MATERIALIZED (SELECT id FROM jobs WHERE id = ANY (ARRAY(SELECT job_id FROM candidates)) FOR UPDATE SKIP LOCKED),
moved AS (
    -- the SET expressions read the row as it was: proposed is confirmed, confirmed approved
    UPDATE timesheets t SET state = CASE t.state WHEN 'proposed' THEN 'confirmed' ELSE 'approved' END,
        confirmed = CASE t.state WHEN 'proposed' THEN t.proposed ELSE t.confirmed END,
        approved = CASE t.state WHEN 'confirmed' THEN t.confirmed END,
        waiting_since = CASE t.state WHEN 'proposed' THEN $3::timestamptz END
    WHERE t.job_id = ANY (ARRAY(SELECT id FROM locked)) AND t.waiting_since < $1
    RETURNING t.id, t.job_id, t.person_id, t.role, t.state, coalesce(t.approved, t.confirmed) AS value),
steps AS (
    INSERT INTO timesheet_steps (sheet_id, step, by_role, at, value)
    SELECT id, CASE state WHEN 'confirmed' THEN 'confirm' ELSE 'approve' END, 'system', $3, value FROM moved ORDER BY id),
told AS (
    SELECT j.poster_id AS user_id, 'hours_to_approve' AS kind, m.id, m.job_id, m.role FROM moved m JOIN jobs j ON j.id = m.job_id
    WHERE m.state = 'confirmed' AND m.role = 'worker'
    UNION ALL
    SELECT c.id, 'hours_to_approve', m.id, m.job_id, m.role FROM moved m JOIN users p ON p.id = m.person_id
    JOIN users c ON c.organisation_id = p.organisation_id AND c.role = 'coordinator' AND c.deleted_at IS NULL
    WHERE m.state = 'confirmed' AND m.role = 'buddy'
    UNION ALL
    SELECT m.person_id, 'hours_approved', m.id, m.job_id, m.role FROM moved m WHERE m.state = 'approved'),
queued AS (
    INSERT INTO notification_queue (user_id, kind, data)
    SELECT user_id, kind, jsonb_build_object('job_id', job_id, 'sheet_id', id, 'role', role) FROM told ORDER BY id, kind, user_id)
SELECT m.job_id, (SELECT count(*) FROM candidates) AS seen FROM (SELECT 1) one LEFT JOIN moved m ON true ORDER BY m.job_id`

// TimesheetRecords returns every sheet of a person's hours, with its steps, for their data
// export.
func (db *DB) TimesheetRecords(ctx context.Context, personID int64) ([]klusbuddy.TimesheetRecord, error) {
	ss, err := db.sheets(ctx, db.x, 0, `WHERE t.person_id = $1 ORDER BY t.id`, personID)
	if err != nil {
		return nil, mapError(err)
	}
	out := make([]klusbuddy.TimesheetRecord, len(ss))
	for i, s := range ss {
		out[i] = klusbuddy.TimesheetRecord{ID: s.ID, JobID: s.JobID, Role: s.Role, Place: s.Place, Unit: s.Unit, State: s.State,
			Proposed: s.Proposed, Confirmed: s.Confirmed, Reason: s.Reason, DisputeReason: s.DisputeReason, Approved: s.Approved,
			DecisionNote: s.DecisionNote, Steps: make([]klusbuddy.TimesheetStepRecord, len(s.Steps))}
		for j, st := range s.Steps {
			out[i].Steps[j] = klusbuddy.TimesheetStepRecord{Step: st.Step, Role: st.Role, At: st.At, Value: st.Value, Text: st.Text}
		}
	}
	return out, nil
}
