package postgres

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// moveJob moves a locked job to a new state and records who moved it (0: Klusbuddy itself),
// when, and whether it was late (a cancellation within the free-cancellation window), through
// the stored function move_job; the database refuses a move that klusbuddy.JobTransitions does
// not list (ECONFLICT).
func moveJob(ctx context.Context, tx dbtx, jobID int64, to klusbuddy.JobState, actor int64, now time.Time, late bool) error {
	var who *int64
	if actor != 0 {
		who = &actor
	}
	_, err := tx.ExecContext(ctx, `SELECT move_job($1, $2, $3, $4, $5)`, jobID, to, who, now, late)
	return err
}

// lockJob locks a job row for the rest of the transaction: accepts on one job take turns, so
// places are handed out in order and the job's state follows them exactly. The places taken are
// counted by a statement of their own after the lock: in READ COMMITTED each statement sees what
// was committed before it began, so the count includes accepts that held the lock before us.
func lockJob(ctx context.Context, tx dbtx, jobID int64) (state klusbuddy.JobState, needed, taken int, posterID int64, err error) {
	err = tx.QueryRowContext(ctx, `SELECT state, workers_needed, poster_id FROM jobs WHERE id = $1 FOR UPDATE`, jobID).Scan(&state, &needed, &posterID)
	if errors.Is(err, sql.ErrNoRows) {
		err = klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such job.")
	}
	if err == nil {
		err = tx.QueryRowContext(ctx, `SELECT count(*) FROM assignments WHERE job_id = $1`, jobID).Scan(&taken)
	}
	return
}

// fillIfComplete, with the job locked: once every place is taken the other open offers are
// taken, and once every worker who needs a buddy has one the job is filled.
func fillIfComplete(ctx context.Context, tx dbtx, jobID int64, state klusbuddy.JobState, needed, taken int, now time.Time) error {
	if taken < needed {
		return nil
	}
	if err := closeOpenOffers(ctx, tx, jobID, klusbuddy.OfferTaken, klusbuddy.EventOfferTaken, now); err != nil {
		return err
	}
	var searching bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM assignments WHERE job_id = $1 AND buddy_state = 'searching')`, jobID).Scan(&searching); err != nil {
		return err
	}
	if searching || state != klusbuddy.JobOffering {
		return nil
	}
	return moveJob(ctx, tx, jobID, klusbuddy.JobFilled, 0, now, false)
}

// MarkUnfilled moves a job no wave could fill to unfilled and alerts its poster and the
// coordinators of every organisation (the job was open to the shared pool).
func (db *DB) MarkUnfilled(ctx context.Context, jobID int64) error {
	return db.inTx(ctx, func(tx *sqlx.Tx) error {
		state, needed, taken, posterID, err := lockJob(ctx, tx, jobID)
		if err != nil {
			return err
		}
		if (state != klusbuddy.JobOpen && state != klusbuddy.JobOffering) || taken >= needed {
			return nil
		}
		now := db.now()
		if live, err := liveOffers(ctx, tx, jobID, now); err != nil || live {
			return err // a wave is still out: not unfilled (yet)
		}
		var searching bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM assignments WHERE job_id = $1 AND buddy_state = 'searching')`,
			jobID).Scan(&searching); err != nil || searching {
			return err // a worker holds a place while buddies are asked: that settles first
		}
		if err := moveJob(ctx, tx, jobID, klusbuddy.JobUnfilled, 0, now, false); err != nil {
			return err
		}
		if err := notify(ctx, tx, posterID, klusbuddy.EventJobStatus, map[string]any{"job_id": jobID, "state": "unfilled"}); err != nil {
			return err
		}
		var coordinators []int64
		if err := tx.SelectContext(ctx, &coordinators, `SELECT id FROM users WHERE role = 'coordinator' AND deleted_at IS NULL`); err != nil {
			return err
		}
		for _, c := range coordinators {
			if err := notify(ctx, tx, c, klusbuddy.EventCoordinatorAlert, map[string]any{"job_id": jobID, "reason": "unfilled"}); err != nil {
				return err
			}
		}
		return nil
	})
}

// ExpireJobs closes jobs whose start has come before they were filled. A worker still waiting
// for a buddy cannot go and is released. A job with someone booked goes ahead with fewer
// workers (filled, the poster told how many are missing); a job with nobody expires. Their open
// offers are withdrawn. Jobs another instance is closing are skipped.
func (db *DB) ExpireJobs(ctx context.Context) (int, error) {
	n := 0
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		var jobs []struct {
			ID     int64 `db:"id"`
			Poster int64 `db:"poster_id"`
			Needed int   `db:"workers_needed"`
			Window int   `db:"window_days"`
		}
		const q = `SELECT id, poster_id, workers_needed, window_days FROM jobs
WHERE state IN ('open', 'offering', 'unfilled') AND lower(during) <= $1
ORDER BY lower(during) LIMIT 500 FOR UPDATE SKIP LOCKED`
		now := db.now()
		if err := tx.SelectContext(ctx, &jobs, q, now); err != nil {
			return err
		}
		for _, j := range jobs {
			if j.Window > 1 {
				// A day of its window has passed unsettled: the window starts a day later (at
				// the same time in Belgium); the offers for later days still stand.
				if _, err := tx.ExecContext(ctx, `UPDATE jobs SET window_days = window_days - 1,
    during = tstzrange(((lower(during) AT TIME ZONE 'Europe/Brussels') + interval '1 day') AT TIME ZONE 'Europe/Brussels',
                       ((upper(during) AT TIME ZONE 'Europe/Brussels') + interval '1 day') AT TIME ZONE 'Europe/Brussels')
WHERE id = $1`, j.ID); err != nil {
					return err
				}
				continue
			}
			if _, err := goAhead(ctx, tx, j.ID, j.Poster, j.Needed, now); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}

// goAhead settles a job that starts (or that someone checked in on early) while places are
// still open: a worker still waiting for a buddy cannot go and is released; with someone booked
// the job goes ahead with fewer workers (filled, the poster told how many are missing), with
// nobody it expires; its open offers are withdrawn. The job is locked by the caller. It
// reports how many are booked.
func goAhead(ctx context.Context, tx *sqlx.Tx, jobID, posterID int64, needed int, now time.Time) (int, error) {
	var searching []int64
	if err := tx.SelectContext(ctx, &searching, `SELECT id FROM assignments WHERE job_id = $1 AND buddy_state = 'searching'`, jobID); err != nil {
		return 0, err
	}
	for _, a := range searching {
		if err := closeBuddyRequests(ctx, tx, a, klusbuddy.OfferWithdrawn, now); err != nil {
			return 0, err
		}
	}
	var released []int64
	if err := tx.SelectContext(ctx, &released, `DELETE FROM assignments WHERE job_id = $1 AND buddy_state = 'searching' RETURNING worker_id`, jobID); err != nil {
		return 0, err
	}
	for _, w := range released {
		if err := notify(ctx, tx, w, klusbuddy.EventBuddyMissing, map[string]any{"job_id": jobID}); err != nil {
			return 0, err
		}
		if err := alertCoaches(ctx, tx, w, map[string]any{"job_id": jobID, "worker_id": w, "reason": "no_buddy"}); err != nil {
			return 0, err
		}
	}
	var booked int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM assignments WHERE job_id = $1`, jobID).Scan(&booked); err != nil {
		return 0, err
	}
	to, data := klusbuddy.JobExpired, map[string]any{"job_id": jobID, "state": "expired"}
	if booked > 0 {
		to, data = klusbuddy.JobFilled, map[string]any{"job_id": jobID, "state": "filled", "missing": needed - booked}
	}
	if err := moveJob(ctx, tx, jobID, to, 0, now, false); err != nil {
		return 0, err
	}
	if err := closeOpenOffers(ctx, tx, jobID, klusbuddy.OfferWithdrawn, klusbuddy.EventOfferWithdrawn, now); err != nil {
		return 0, err
	}
	return booked, notify(ctx, tx, posterID, klusbuddy.EventJobStatus, data)
}
