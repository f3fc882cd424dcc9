package postgres

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Feedback both ways after the job (issue 12, migrations/00023_feedback.sql). Who may give an
// answer is checked here against the job (its poster, the people on it, its state); who may
// read one: the person who gave it (their own answers only) and the coordinators of the
// organisation of the worker or buddy it is from or about.

var _ klusbuddy.FeedbackService = (*DB)(nil)

// feedbackSelect reads answers with their job and the names a coordinator sees: a company's
// name, or a first name and the last name's initial.
const feedbackSelect = `SELECT f.id, f.job_id,
       coalesce((SELECT s.place FROM assignments s WHERE s.job_id = f.job_id AND s.worker_id IN (f.about_id, f.from_id) ORDER BY s.place LIMIT 1), 0) AS place,
       c.slug AS category, lower(j.during) AS job_start, f.from_id, f.from_role,
       coalesce((SELECT pp.company_name FROM poster_profiles pp WHERE pp.user_id = fu.id), fu.first_name || coalesce(' ' || left(nullif(fu.last_name, ''), 1) || '.', '')) AS from_name,
       f.about_id, coalesce((SELECT pp.company_name FROM poster_profiles pp WHERE pp.user_id = au.id), au.first_name || coalesce(' ' || left(nullif(au.last_name, ''), 1) || '.', '')) AS about_name,
       au.first_name AS about_first_name,
       f.again, f.face, f.tags, coalesce(f.comment, '') AS comment, f.at
FROM feedback f JOIN jobs j ON j.id = f.job_id JOIN categories c ON c.id = j.category_id
JOIN users fu ON fu.id = f.from_id JOIN users au ON au.id = f.about_id
`

type feedbackRow struct {
	ID         int64          `db:"id"`
	JobID      int64          `db:"job_id"`
	Place      int            `db:"place"`
	Category   string         `db:"category"`
	JobStart   time.Time      `db:"job_start"`
	FromID     int64          `db:"from_id"`
	FromRole   string         `db:"from_role"`
	FromName   string         `db:"from_name"`
	AboutID    int64          `db:"about_id"`
	AboutName  string         `db:"about_name"`
	AboutFirst string         `db:"about_first_name"`
	Again      *bool          `db:"again"`
	Face       *int           `db:"face"`
	Tags       pq.StringArray `db:"tags"`
	Comment    string         `db:"comment"`
	At         time.Time      `db:"at"`
}

func (r feedbackRow) feedback() klusbuddy.Feedback {
	f := klusbuddy.Feedback{ID: r.ID, JobID: r.JobID, Place: r.Place, Category: r.Category, JobStart: r.JobStart, FromID: r.FromID,
		FromRole: klusbuddy.Role(r.FromRole), FromName: r.FromName, AboutID: r.AboutID, AboutName: r.AboutName, AboutFirstName: r.AboutFirst,
		Again: r.Again, Tags: []string(r.Tags), Comment: r.Comment, At: r.At}
	if f.Tags == nil {
		f.Tags = []string{}
	}
	if r.Face != nil {
		face := klusbuddy.FaceOf(*r.Face)
		f.Face = &face
	}
	return f
}

func selectFeedback(ctx context.Context, q sqlx.QueryerContext, where string, args ...any) ([]klusbuddy.Feedback, error) {
	var rows []feedbackRow
	if err := sqlx.SelectContext(ctx, q, &rows, feedbackSelect+where+` ORDER BY f.at DESC, f.id DESC`, args...); err != nil {
		return nil, mapError(err)
	}
	out := make([]klusbuddy.Feedback, len(rows))
	for i, r := range rows {
		out[i] = r.feedback()
	}
	return out, nil
}

func feedbackDone(state klusbuddy.JobState) error {
	if state != klusbuddy.JobDone && state != klusbuddy.JobHoursConfirmed {
		return klusbuddy.Conflict("not_done", "Feedback can be given once the job is done.")
	}
	return nil
}

// saveFeedback stores an answer once: the same answer again answers the stored one, another
// one is a conflict (the first answer stands).
func saveFeedback(ctx context.Context, tx *sqlx.Tx, jobID, from int64, role klusbuddy.Role, about int64, again *bool, face *klusbuddy.Face,
	tags []string, comment string, now time.Time) (klusbuddy.Feedback, error) {
	var faceValue *int
	if face != nil {
		v := face.Value()
		faceValue = &v
	}
	var text *string
	if comment != "" {
		text = &comment
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO feedback (job_id, from_id, from_role, about_id, again, face, tags, comment, at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (job_id, from_id, about_id) DO NOTHING`,
		jobID, from, role, about, again, faceValue, pq.StringArray(tags), text, now); err != nil {
		return klusbuddy.Feedback{}, mapError(err)
	}
	got, err := selectFeedback(ctx, tx, `WHERE f.job_id = $1 AND f.from_id = $2 AND f.about_id = $3`, jobID, from, about)
	if err != nil {
		return klusbuddy.Feedback{}, err
	}
	if len(got) != 1 {
		return klusbuddy.Feedback{}, errors.New("feedback: the answer just stored is missing")
	}
	if !got[0].SameAs(again, face, tags, comment) {
		return klusbuddy.Feedback{}, klusbuddy.Conflict("answered", "You already answered; your first answer stands.")
	}
	return got[0], nil
}

// posterJob checks that the job is the poster's: EFORBIDDEN for another's, ENOTFOUND for none.
func posterJob(ctx context.Context, q sqlx.QueryerContext, jobID, posterID int64) (klusbuddy.JobState, error) {
	var r struct {
		Poster int64              `db:"poster_id"`
		State  klusbuddy.JobState `db:"state"`
	}
	err := sqlx.GetContext(ctx, q, &r, `SELECT poster_id, state FROM jobs WHERE id = $1`, jobID)
	if errors.Is(err, sql.ErrNoRows) {
		return "", klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such job.")
	}
	if err != nil {
		return "", err
	}
	if r.Poster != posterID {
		return "", klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "This is not your job.")
	}
	return r.State, nil
}

// GivePosterFeedback stores the poster's answer about one worker of their job, once it is done.
func (db *DB) GivePosterFeedback(ctx context.Context, actor klusbuddy.Principal, jobID int64, in klusbuddy.PosterFeedbackInput) (klusbuddy.Feedback, error) {
	if actor.Role != klusbuddy.RolePoster {
		return klusbuddy.Feedback{}, klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "Only the poster answers about the workers.")
	}
	if err := in.Check(); err != nil {
		return klusbuddy.Feedback{}, err
	}
	var out klusbuddy.Feedback
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		state, err := posterJob(ctx, tx, jobID, actor.ID)
		if err != nil {
			return err
		}
		if err := feedbackDone(state); err != nil {
			return err
		}
		var worker int64
		err = tx.GetContext(ctx, &worker, `SELECT worker_id FROM assignments WHERE job_id = $1 AND place = $2`, jobID, in.Place)
		if errors.Is(err, sql.ErrNoRows) {
			return klusbuddy.FieldErrors{"place": "Nobody worked on this place."}.Err()
		}
		if err != nil {
			return err
		}
		before := 0
		if err := tx.GetContext(ctx, &before, `SELECT count(*) FROM feedback WHERE job_id = $1 AND from_id = $2 AND about_id = $3`, jobID, actor.ID, worker); err != nil {
			return err
		}
		if out, err = saveFeedback(ctx, tx, jobID, actor.ID, klusbuddy.RolePoster, worker, in.Again, nil, in.Tags, in.Comment, db.now()); err != nil {
			return err
		}
		// A "no" is a signal for the worker's coordinators (once, not again on the same answer);
		// it blocks nobody.
		if before == 0 && !*in.Again {
			return alertCoaches(ctx, tx, worker, map[string]any{"job_id": jobID, "worker_id": worker, "reason": "feedback_no"})
		}
		return nil
	})
	return out, err
}

// PosterJobFeedback lists the poster's own answers about the workers of their job.
func (db *DB) PosterJobFeedback(ctx context.Context, actor klusbuddy.Principal, jobID int64) ([]klusbuddy.Feedback, error) {
	if actor.Role != klusbuddy.RolePoster {
		return nil, klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "Only the poster answers about the workers.")
	}
	if _, err := posterJob(ctx, db.x, jobID, actor.ID); err != nil {
		return nil, err
	}
	return selectFeedback(ctx, db.x, `WHERE f.job_id = $1 AND f.from_id = $2`, jobID, actor.ID)
}

// bookedJob finds the job a worker (by job id) or buddy (by assignment id) is on, with its
// poster and state: EFORBIDDEN for one that is not theirs, ENOTFOUND for none.
func bookedJob(ctx context.Context, q sqlx.QueryerContext, t klusbuddy.Tap, personID int64) (jobID, posterID int64, state klusbuddy.JobState, err error) {
	var r struct {
		Job    int64              `db:"job_id"`
		Poster int64              `db:"poster_id"`
		State  klusbuddy.JobState `db:"state"`
	}
	sel := `SELECT j.id AS job_id, j.poster_id, j.state FROM assignments s JOIN jobs j ON j.id = s.job_id `
	where, exists, missing := `WHERE s.job_id = $1 AND s.worker_id = $2 LIMIT 1`, `SELECT EXISTS (SELECT 1 FROM jobs WHERE id = $1)`, "You are not booked on this job."
	if t.Role == klusbuddy.RoleBuddy {
		where, exists, missing = `WHERE s.id = $1 AND s.buddy_id = $2`, `SELECT EXISTS (SELECT 1 FROM assignments WHERE id = $1)`, "You do not go along on this job."
	}
	err = sqlx.GetContext(ctx, q, &r, sel+where, t.ID, personID)
	if errors.Is(err, sql.ErrNoRows) {
		var found bool
		if err := sqlx.GetContext(ctx, q, &found, exists, t.ID); err != nil {
			return 0, 0, "", err
		}
		if !found {
			return 0, 0, "", klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such job.")
		}
		return 0, 0, "", &klusbuddy.Error{Code: klusbuddy.EFORBIDDEN, Message: missing}
	}
	return r.Job, r.Poster, r.State, err
}

// GiveJobFeedback stores a worker's or buddy's answer about a job they were on, once it is done.
func (db *DB) GiveJobFeedback(ctx context.Context, actor klusbuddy.Principal, ref klusbuddy.Tap, in klusbuddy.JobFeedbackInput) (klusbuddy.Feedback, error) {
	if actor.Role != ref.Role {
		return klusbuddy.Feedback{}, klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "Only the people on the job answer about it.")
	}
	if err := in.Check(); err != nil {
		return klusbuddy.Feedback{}, err
	}
	var out klusbuddy.Feedback
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		jobID, posterID, state, err := bookedJob(ctx, tx, ref, actor.ID)
		if err != nil {
			return err
		}
		if err := feedbackDone(state); err != nil {
			return err
		}
		face := in.Face
		out, err = saveFeedback(ctx, tx, jobID, actor.ID, ref.Role, posterID, nil, &face, in.Tags, in.Comment, db.now())
		return err
	})
	return out, err
}

// MyJobFeedback is a worker's or buddy's own answer about a job (nil: none yet).
func (db *DB) MyJobFeedback(ctx context.Context, actor klusbuddy.Principal, ref klusbuddy.Tap) (*klusbuddy.Feedback, error) {
	if actor.Role != ref.Role {
		return nil, klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "Only the people on the job answer about it.")
	}
	jobID, _, _, err := bookedJob(ctx, db.x, ref, actor.ID)
	if err != nil {
		return nil, err
	}
	got, err := selectFeedback(ctx, db.x, `WHERE f.job_id = $1 AND f.from_id = $2`, jobID, actor.ID)
	if err != nil || len(got) == 0 {
		return nil, err
	}
	return &got[0], nil
}

func coordinatorOnly(actor klusbuddy.Principal) error {
	if actor.Role != klusbuddy.RoleCoordinator {
		return klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "Only coordinators read feedback.")
	}
	return nil
}

// PersonFeedback is what posters answered about one of the coordinator's workers, and what
// the worker or buddy answered about their jobs. A person of another organisation is ENOTFOUND.
func (db *DB) PersonFeedback(ctx context.Context, actor klusbuddy.Principal, personID int64) (received, given []klusbuddy.Feedback, err error) {
	if err := coordinatorOnly(actor); err != nil {
		return nil, nil, err
	}
	var ours bool
	if err := db.x.GetContext(ctx, &ours, `SELECT EXISTS (SELECT 1 FROM users WHERE id = $1 AND organisation_id = $2
	AND role IN ('worker', 'buddy') AND deleted_at IS NULL)`, personID, actor.OrganisationID); err != nil {
		return nil, nil, mapError(err)
	}
	if !ours {
		return nil, nil, klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such person.")
	}
	if received, err = selectFeedback(ctx, db.x, `WHERE f.about_id = $1`, personID); err != nil {
		return nil, nil, err
	}
	given, err = selectFeedback(ctx, db.x, `WHERE f.from_id = $1`, personID)
	return received, given, err
}

// PosterFeedback is what the coordinator's own people answered about a poster, and what the
// poster answered about them. A poster none of the organisation's people worked for is ENOTFOUND.
func (db *DB) PosterFeedback(ctx context.Context, actor klusbuddy.Principal, posterID int64) (received, given []klusbuddy.Feedback, err error) {
	if err := coordinatorOnly(actor); err != nil {
		return nil, nil, err
	}
	var known bool
	if err := db.x.GetContext(ctx, &known, `SELECT EXISTS (SELECT 1 FROM jobs j JOIN assignments s ON s.job_id = j.id
	JOIN users u ON u.id = s.worker_id OR u.id = s.buddy_id
	WHERE j.poster_id = $1 AND u.organisation_id = $2)`, posterID, actor.OrganisationID); err != nil {
		return nil, nil, mapError(err)
	}
	if !known {
		return nil, nil, klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such poster for your organisation.")
	}
	if received, err = selectFeedback(ctx, db.x, `WHERE f.about_id = $1 AND fu.organisation_id = $2`, posterID, actor.OrganisationID); err != nil {
		return nil, nil, err
	}
	given, err = selectFeedback(ctx, db.x, `WHERE f.from_id = $1 AND au.organisation_id = $2`, posterID, actor.OrganisationID)
	return received, given, err
}

// FeedbackRecords returns the answers a person gave, for their data export.
func (db *DB) FeedbackRecords(ctx context.Context, personID int64) ([]klusbuddy.FeedbackRecord, error) {
	got, err := selectFeedback(ctx, db.x, `WHERE f.from_id = $1`, personID)
	if err != nil {
		return nil, err
	}
	out := make([]klusbuddy.FeedbackRecord, len(got))
	for i, f := range got {
		out[i] = klusbuddy.FeedbackRecord{JobID: f.JobID, Role: f.FromRole, AboutID: f.AboutID, Again: f.Again, Face: f.Face, Tags: f.Tags, At: f.At}
		if f.Comment != "" {
			c := f.Comment
			out[i].Comment = &c
		}
	}
	return out, nil
}
