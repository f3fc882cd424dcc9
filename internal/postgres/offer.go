package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// NewOffer is one offer of a wave.
type NewOffer struct {
	WorkerID      int64
	Score         float64
	Breakdown     any // stored as JSON: why this worker
	NeedsBuddy    bool
	TravelMinutes float64
	Slot          *[2]time.Time // the day offered, for a job with a window of days
}

// notify writes an event to a person's outbox, in the caller's transaction.
func notify(ctx context.Context, tx dbtx, userID int64, kind string, data map[string]any) error {
	b, err := json.Marshal(data)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO notification_queue (user_id, kind, data) VALUES ($1, $2, $3)`, userID, kind, b)
	return err
}

// closeOpenOffers ends a job's pending offers in state (taken, withdrawn) and tells each worker
// with a notification of kind, in one statement of the caller's transaction.
func closeOpenOffers(ctx context.Context, tx dbtx, jobID int64, state klusbuddy.OfferState, kind string) error {
	_, err := tx.ExecContext(ctx, `WITH closed AS (
    UPDATE offers SET state = $2, answered_at = now() WHERE job_id = $1 AND state = 'pending' RETURNING id, worker_id)
INSERT INTO notification_queue (user_id, kind, data)
SELECT worker_id, $3, jsonb_build_object('offer_id', id, 'job_id', $1::bigint) FROM closed`, jobID, state, kind)
	return err
}

// moveJob moves a locked job to a new state if the state machine allows it, and records it.
func moveJob(ctx context.Context, tx dbtx, jobID int64, from, to klusbuddy.JobState, actor int64) error {
	if from == to {
		return nil
	}
	if err := from.MoveTo(to); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE jobs SET state = $2 WHERE id = $1`, jobID, to); err != nil {
		return err
	}
	var who *int64
	if actor != 0 {
		who = &actor
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO job_transitions (job_id, from_state, to_state, actor_id) VALUES ($1, $2, $3, $4)`, jobID, from, to, who)
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

// liveOffers reports whether a job has offers still open to answer.
func liveOffers(ctx context.Context, tx dbtx, jobID int64) (bool, error) {
	var live bool
	err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM offers WHERE job_id = $1 AND state = 'pending' AND expires_at > now())`, jobID).Scan(&live)
	return live, err
}

// CreateWave stores a wave of offers for a job that is open or offering, tells each worker, and
// moves the job to offering. It returns how many offers went out. A wave ranked in an earlier
// round (before the job changed) is dropped.
func (db *DB) CreateWave(ctx context.Context, jobID int64, round, wave int, offers []NewOffer, expires time.Time) (int, error) {
	n := 0
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		state, needed, taken, _, err := lockJob(ctx, tx, jobID)
		if err != nil {
			return err
		}
		if (state != klusbuddy.JobOpen && state != klusbuddy.JobOffering && state != klusbuddy.JobUnfilled) || taken >= needed {
			return nil // filled or closed meanwhile: nothing to offer
		}
		// Another instance (or the post and the ticker at once) may have sent this wave
		// already: under the job's lock, only the one that finds the previous wave over sends.
		var lastWave, current int
		if err := tx.QueryRowContext(ctx, `SELECT coalesce((SELECT max(wave) FROM offers WHERE job_id = $1), 0), round FROM jobs WHERE id = $1`,
			jobID).Scan(&lastWave, &current); err != nil {
			return err
		}
		if live, err := liveOffers(ctx, tx, jobID); err != nil || live || lastWave != wave-1 || round != current {
			return err
		}
		for _, o := range offers {
			b, err := json.Marshal(o.Breakdown)
			if err != nil {
				return err
			}
			// A worker whose earlier offer was taken by others (they said nothing wrong) may get
			// the job again when a place opens; anyone else offered before is not asked twice.
			const q = `INSERT INTO offers (job_id, worker_id, wave, score, breakdown, needs_buddy, travel_minutes, expires_at, round, slot)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, CASE WHEN $10::timestamptz IS NULL THEN NULL ELSE tstzrange($10, $11) END)
ON CONFLICT (job_id, round, worker_id) DO UPDATE SET wave = EXCLUDED.wave, score = EXCLUDED.score, breakdown = EXCLUDED.breakdown,
    needs_buddy = EXCLUDED.needs_buddy, travel_minutes = EXCLUDED.travel_minutes, expires_at = EXCLUDED.expires_at, slot = EXCLUDED.slot,
    state = 'pending', created_at = now(), answered_at = NULL
WHERE offers.state = 'taken'
RETURNING id`
			var id int64
			var from, to *time.Time
			if o.Slot != nil {
				from, to = &o.Slot[0], &o.Slot[1]
			}
			err = tx.QueryRowContext(ctx, q, jobID, o.WorkerID, wave, o.Score, b, o.NeedsBuddy, o.TravelMinutes, expires, round, from, to).Scan(&id)
			if errors.Is(err, sql.ErrNoRows) {
				continue // offered in an earlier wave
			}
			if err != nil {
				return err
			}
			if err := notify(ctx, tx, o.WorkerID, "offer_new", map[string]any{"offer_id": id, "job_id": jobID, "expires_at": expires}); err != nil {
				return err
			}
			n++
		}
		if n > 0 {
			return moveJob(ctx, tx, jobID, state, klusbuddy.JobOffering, 0)
		}
		return nil
	})
	return n, err
}

// OfferedWorkers returns the workers not to offer a job again and the last wave number: all
// who had an offer in this round, but those whose offer was only taken by others; and whoever
// said no to the job, or took it, since it last changed.
func (db *DB) OfferedWorkers(ctx context.Context, jobID int64) (map[int64]bool, int, error) {
	rows, err := db.QueryContext(ctx, `SELECT o.worker_id, o.wave,
       (o.round = j.round AND o.state <> 'taken') OR (o.round >= j.terms_round AND o.state IN ('declined', 'accepted'))
FROM offers o JOIN jobs j ON j.id = o.job_id WHERE o.job_id = $1`, jobID)
	if err != nil {
		return nil, 0, mapError(err)
	}
	defer rows.Close()
	out, maxWave := map[int64]bool{}, 0
	for rows.Next() {
		var w int64
		var wave int
		var exclude bool
		if err := rows.Scan(&w, &wave, &exclude); err != nil {
			return nil, 0, err
		}
		if exclude {
			out[w] = true
		}
		maxWave = max(maxWave, wave)
	}
	return out, maxWave, mapError(rows.Err())
}

const offerColumns = `o.id, o.job_id, c.slug AS category, j.description, a.municipality,
	lower(coalesce(o.slot, j.during)) AS starts, upper(coalesce(o.slot, j.during)) AS ends,
	o.travel_minutes, o.needs_buddy, o.state, o.expires_at`

type offerRow struct {
	ID            int64     `db:"id"`
	JobID         int64     `db:"job_id"`
	Category      string    `db:"category"`
	Description   string    `db:"description"`
	Municipality  string    `db:"municipality"`
	Starts        time.Time `db:"starts"`
	Ends          time.Time `db:"ends"`
	TravelMinutes float64   `db:"travel_minutes"`
	NeedsBuddy    bool      `db:"needs_buddy"`
	State         string    `db:"state"`
	ExpiresAt     time.Time `db:"expires_at"`
}

func (r offerRow) offer() klusbuddy.Offer {
	return klusbuddy.Offer{ID: r.ID, JobID: r.JobID, Category: r.Category, Description: r.Description, Municipality: r.Municipality,
		Start: r.Starts, End: r.Ends, TravelMinutes: r.TravelMinutes, NeedsBuddy: r.NeedsBuddy, State: klusbuddy.OfferState(r.State), ExpiresAt: r.ExpiresAt}
}

// WorkerOffers returns a worker's offers still open to answer, the soonest to expire first.
func (db *DB) WorkerOffers(ctx context.Context, workerID int64) ([]klusbuddy.Offer, error) {
	q := `SELECT ` + offerColumns + ` FROM offers o JOIN jobs j ON j.id = o.job_id JOIN categories c ON c.id = j.category_id
JOIN poster_addresses a ON a.id = j.address_id
WHERE o.worker_id = $1 AND o.state = 'pending' AND o.expires_at > now() ORDER BY o.expires_at, o.id`
	var rows []offerRow
	if err := db.SelectContext(ctx, &rows, q, workerID); err != nil {
		return nil, mapError(err)
	}
	out := make([]klusbuddy.Offer, len(rows))
	for i, r := range rows {
		out[i] = r.offer()
	}
	return out, nil
}

// AcceptOffer gives the worker a place on the offer's job, if the offer is theirs and still
// open, a place is left and it keeps them within their hour caps, all in one transaction with
// the job (then the worker) locked: the first accepts win, up to the places needed; the database
// refuses a booking that overlaps another. When the last place goes, the job is filled and the
// other open offers are taken. Accepting twice returns the same place.
func (db *DB) AcceptOffer(ctx context.Context, workerID, offerID int64) (int64, int, error) {
	var jobID sql.NullInt64
	var place sql.NullInt32
	var outcome string
	err := db.inTx(ctx, func(plain *sqlx.Tx) error {
		// One round trip (migrations/00012): the job's lock is held only for the statements'
		// own time, so accepts on one job do not queue behind the network.
		tx := db.prepared(plain)
		if err := tx.QueryRowContext(ctx, `SELECT o_job, o_place, o_outcome FROM accept_offer($1, $2)`, workerID, offerID).
			Scan(&jobID, &place, &outcome); err != nil {
			return err
		}
		switch outcome {
		case "ok":
			return nil
		case "not_found":
			return klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such offer.")
		case "cancelled":
			return klusbuddy.Conflict("cancelled", "This job was cancelled.")
		case "changed":
			return klusbuddy.Conflict("changed", "The poster changed this job; it is offered again.")
		case "closed":
			return klusbuddy.Conflict("closed", "This offer is no longer open.")
		case "taken":
			return klusbuddy.Conflict("taken", "All places of this job are taken.")
		case "expired":
			return klusbuddy.Conflict("expired", "This offer has expired.")
		case "cap_month":
			return klusbuddy.Conflict("cap", "This job would take you past your hours for the month.")
		case "cap_year":
			return klusbuddy.Conflict("cap", "This job would take you past your hours for the year.")
		case "booked":
			return klusbuddy.Conflict("booked", "You are already booked on another job at that time.")
		}
		return fmt.Errorf("accept_offer: unknown outcome %q", outcome)
	})
	return jobID.Int64, int(place.Int32), err
}

// fillIfComplete, with the job locked: once every place is taken the other open offers are
// taken, and once every worker who needs a buddy has one the job is filled.
func fillIfComplete(ctx context.Context, tx dbtx, jobID int64, state klusbuddy.JobState, needed, taken int) error {
	if taken < needed {
		return nil
	}
	if err := closeOpenOffers(ctx, tx, jobID, klusbuddy.OfferTaken, "offer_taken"); err != nil {
		return err
	}
	var searching bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM assignments WHERE job_id = $1 AND buddy_state = 'searching')`, jobID).Scan(&searching); err != nil {
		return err
	}
	if searching || state != klusbuddy.JobOffering {
		return nil
	}
	return moveJob(ctx, tx, jobID, state, klusbuddy.JobFilled, 0)
}

// DeclineOffer records a worker's no, with an optional reason.
func (db *DB) DeclineOffer(ctx context.Context, workerID, offerID int64, reason klusbuddy.DeclineReason) error {
	const q = `UPDATE offers SET state = 'declined', decline_reason = NULLIF($3, ''), answered_at = now()
WHERE id = $1 AND worker_id = $2 AND state = 'pending' RETURNING id`
	var id int64
	err := db.QueryRowContext(ctx, q, offerID, workerID, reason).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		var exists bool
		db.GetContext(ctx, &exists, `SELECT EXISTS (SELECT 1 FROM offers WHERE id = $1 AND worker_id = $2)`, offerID, workerID)
		if exists {
			return klusbuddy.Conflict("closed", "This offer is no longer open.")
		}
		return klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such offer.")
	}
	return mapError(err)
}

// ExpireOffers marks pending offers past their expiry as expired and tells their workers. Rows
// another instance is expiring are skipped (SKIP LOCKED). It returns the jobs concerned.
func (db *DB) ExpireOffers(ctx context.Context) ([]int64, error) {
	var jobs []int64
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		rows, err := tx.QueryxContext(ctx, `
WITH due AS (SELECT id FROM offers WHERE state = 'pending' AND expires_at <= now() ORDER BY expires_at LIMIT 1000 FOR UPDATE SKIP LOCKED)
UPDATE offers o SET state = 'expired', answered_at = now() FROM due WHERE o.id = due.id RETURNING o.id, o.worker_id, o.job_id`)
		if err != nil {
			return err
		}
		var expired [][3]int64
		for rows.Next() {
			var e [3]int64
			if err := rows.Scan(&e[0], &e[1], &e[2]); err != nil {
				rows.Close()
				return err
			}
			expired = append(expired, e)
		}
		rows.Close()
		seen := map[int64]bool{}
		for _, e := range expired {
			if err := notify(ctx, tx, e[1], "offer_expired", map[string]any{"offer_id": e[0], "job_id": e[2]}); err != nil {
				return err
			}
			if !seen[e[2]] {
				seen[e[2]] = true
				jobs = append(jobs, e[2])
			}
		}
		return nil
	})
	return jobs, err
}

// JobsNeedingAWave returns jobs still to fill that have no open offers: their last wave ended
// (or none went out yet). Jobs another instance is handling are skipped.
func (db *DB) JobsNeedingAWave(ctx context.Context, limit int) ([]int64, error) {
	var ids []int64
	const q = `
SELECT j.id FROM jobs j
WHERE j.state IN ('open', 'offering') AND lower(j.during) > now()
  AND (SELECT count(*) FROM assignments a WHERE a.job_id = j.id) < j.workers_needed
  AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.job_id = j.id AND o.state = 'pending' AND o.expires_at > now())
ORDER BY lower(j.during) LIMIT $1`
	err := db.SelectContext(ctx, &ids, q, limit)
	return ids, mapError(err)
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
		if live, err := liveOffers(ctx, tx, jobID); err != nil || live {
			return err // a wave is still out: not unfilled (yet)
		}
		var searching bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM assignments WHERE job_id = $1 AND buddy_state = 'searching')`,
			jobID).Scan(&searching); err != nil || searching {
			return err // a worker holds a place while buddies are asked: that settles first
		}
		if err := moveJob(ctx, tx, jobID, state, klusbuddy.JobUnfilled, 0); err != nil {
			return err
		}
		if err := notify(ctx, tx, posterID, "job_status", map[string]any{"job_id": jobID, "state": "unfilled"}); err != nil {
			return err
		}
		var coordinators []int64
		if err := tx.SelectContext(ctx, &coordinators, `SELECT id FROM users WHERE role = 'coordinator' AND deleted_at IS NULL`); err != nil {
			return err
		}
		for _, c := range coordinators {
			if err := notify(ctx, tx, c, "coordinator_alert", map[string]any{"job_id": jobID, "reason": "unfilled"}); err != nil {
				return err
			}
		}
		return nil
	})
}

// Notifications returns a person's events after id `after`, oldest first.
func (db *DB) Notifications(ctx context.Context, userID, after int64) ([]klusbuddy.Notification, error) {
	if err := db.flushFor(ctx, userID); err != nil {
		return nil, err
	}
	rows, err := db.QueryContext(ctx, `SELECT id, kind, data, created_at FROM notifications WHERE user_id = $1 AND id > $2 ORDER BY id LIMIT 200`, userID, after)
	if err != nil {
		return nil, mapError(err)
	}
	defer rows.Close()
	out := []klusbuddy.Notification{}
	for rows.Next() {
		var n klusbuddy.Notification
		var data []byte
		if err := rows.Scan(&n.ID, &n.Kind, &data, &n.CreatedAt); err != nil {
			return nil, err
		}
		json.Unmarshal(data, &n.Data)
		out = append(out, n)
	}
	return out, mapError(rows.Err())
}

// WorkerAssignments returns the jobs a worker is booked on that have not ended, soonest first,
// or only their place on one job when jobID is not 0.
func (db *DB) WorkerAssignments(ctx context.Context, workerID, jobID int64) ([]klusbuddy.Assignment, error) {
	var rows []struct {
		ID         int64     `db:"id"`
		JobID      int64     `db:"job_id"`
		Place      int       `db:"place"`
		Created    time.Time `db:"created_at"`
		BuddyState string    `db:"buddy_state"`
		BuddyName  string    `db:"buddy_name"`
	}
	const q = `SELECT s.id, s.job_id, s.place, s.created_at, s.buddy_state, coalesce(b.first_name, '') AS buddy_name
FROM assignments s LEFT JOIN users b ON b.id = s.buddy_id
WHERE s.worker_id = $1 AND upper(s.during) > now() AND ($2 = 0 OR s.job_id = $2) ORDER BY lower(s.during)`
	if err := db.SelectContext(ctx, &rows, q, workerID, jobID); err != nil {
		return nil, mapError(err)
	}
	out := make([]klusbuddy.Assignment, 0, len(rows))
	for _, r := range rows {
		job, err := db.Job(ctx, r.JobID)
		if err != nil {
			return nil, err
		}
		out = append(out, klusbuddy.Assignment{ID: r.ID, JobID: r.JobID, Place: r.Place, Job: job, Worker: workerID, Created: r.Created,
			BuddyState: klusbuddy.BuddyState(r.BuddyState), BuddyName: r.BuddyName})
	}
	return out, nil
}

// IdempotentResult returns the stored answer to an earlier request with this key, if any.
func (db *DB) IdempotentResult(ctx context.Context, userID int64, key string) (int, []byte, bool, error) {
	var status int
	var body []byte
	err := db.QueryRowContext(ctx, `SELECT status, body FROM idempotency_keys WHERE user_id = $1 AND key = $2`, userID, key).Scan(&status, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil, false, nil
	}
	return status, body, err == nil, mapError(err)
}

// StoreIdempotentResult keeps the answer to a request with this key (the first one stored wins).
func (db *DB) StoreIdempotentResult(ctx context.Context, userID int64, key string, status int, body []byte) error {
	_, err := db.ExecContext(ctx, `INSERT INTO idempotency_keys (user_id, key, status, body) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
		userID, key, status, body)
	return mapError(err)
}

// DropOut takes a worker off a job they were booked on: the place opens again, a filled job goes
// back to offering (the next wave goes out with the ticker) and the poster is told. It returns
// whether it was late (within window of the start).
func (db *DB) DropOut(ctx context.Context, workerID, jobID int64, window time.Duration) (bool, error) {
	var late bool
	err := db.inTx(ctx, dropOut(ctx, workerID, jobID, window, &late))
	return late, err
}

// dropOut is DropOut's transaction, to run by itself or within a larger one (an erasure).
func dropOut(ctx context.Context, workerID, jobID int64, window time.Duration, late *bool) func(tx *sqlx.Tx) error {
	return func(tx *sqlx.Tx) error {
		state, _, _, posterID, err := lockJob(ctx, tx, jobID)
		if err != nil {
			return err
		}
		if err := releaseBuddies(ctx, tx, jobID, workerID); err != nil {
			return err
		}
		var start time.Time
		err = tx.QueryRowContext(ctx, `DELETE FROM assignments WHERE job_id = $1 AND worker_id = $2 RETURNING lower(during)`, jobID, workerID).Scan(&start)
		if errors.Is(err, sql.ErrNoRows) {
			return klusbuddy.Errorf(klusbuddy.ENOTFOUND, "You are not booked on this job.")
		}
		if err != nil {
			return err
		}
		if !start.After(time.Now()) {
			return klusbuddy.Conflict("started", "This job has started; tell your coach instead.")
		}
		*late = time.Until(start) < window
		if state == klusbuddy.JobFilled {
			if err := moveJob(ctx, tx, jobID, state, klusbuddy.JobOffering, workerID); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO dropouts (job_id, worker_id, late) VALUES ($1, $2, $3)`, jobID, workerID, *late); err != nil {
			return err
		}
		return notify(ctx, tx, posterID, "job_status", map[string]any{"job_id": jobID, "dropout": true})
	}
}

// ExpireJobs closes jobs whose start has come before they were filled. A worker still waiting
// for a buddy cannot go and is released. A job with someone booked goes ahead with fewer
// workers (filled, the poster told how many are missing); a job with nobody expires. Their open
// offers are withdrawn. Jobs another instance is closing are skipped.
func (db *DB) ExpireJobs(ctx context.Context) (int, error) {
	n := 0
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		var jobs []struct {
			ID     int64  `db:"id"`
			State  string `db:"state"`
			Poster int64  `db:"poster_id"`
			Needed int    `db:"workers_needed"`
			Window int    `db:"window_days"`
		}
		const q = `SELECT id, state, poster_id, workers_needed, window_days FROM jobs
WHERE state IN ('open', 'offering', 'unfilled') AND lower(during) <= now()
ORDER BY lower(during) LIMIT 500 FOR UPDATE SKIP LOCKED`
		if err := tx.SelectContext(ctx, &jobs, q); err != nil {
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
			var searching []int64
			if err := tx.SelectContext(ctx, &searching, `SELECT id FROM assignments WHERE job_id = $1 AND buddy_state = 'searching'`, j.ID); err != nil {
				return err
			}
			for _, a := range searching {
				if err := closeBuddyRequests(ctx, tx, a, klusbuddy.OfferWithdrawn); err != nil {
					return err
				}
			}
			var released []int64
			if err := tx.SelectContext(ctx, &released, `DELETE FROM assignments WHERE job_id = $1 AND buddy_state = 'searching' RETURNING worker_id`, j.ID); err != nil {
				return err
			}
			for _, w := range released {
				if err := notify(ctx, tx, w, "buddy_missing", map[string]any{"job_id": j.ID}); err != nil {
					return err
				}
				if err := alertCoaches(ctx, tx, w, map[string]any{"job_id": j.ID, "worker_id": w, "reason": "no_buddy"}); err != nil {
					return err
				}
			}
			var booked int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM assignments WHERE job_id = $1`, j.ID).Scan(&booked); err != nil {
				return err
			}
			to, data := klusbuddy.JobExpired, map[string]any{"job_id": j.ID, "state": "expired"}
			if booked > 0 {
				to, data = klusbuddy.JobFilled, map[string]any{"job_id": j.ID, "state": "filled", "missing": j.Needed - booked}
			}
			if err := moveJob(ctx, tx, j.ID, klusbuddy.JobState(j.State), to, 0); err != nil {
				return err
			}
			if err := closeOpenOffers(ctx, tx, j.ID, klusbuddy.OfferWithdrawn, "offer_withdrawn"); err != nil {
				return err
			}
			if err := notify(ctx, tx, j.Poster, "job_status", data); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}

// WorkerOfferRecords returns every offer made to a worker, with its score breakdown as
// coordinators see it, for their data export.
func (db *DB) WorkerOfferRecords(ctx context.Context, workerID int64) ([]klusbuddy.OfferRecord, error) {
	var rows []struct {
		ID            int64          `db:"id"`
		JobID         int64          `db:"job_id"`
		Category      string         `db:"category"`
		Municipality  string         `db:"municipality"`
		Starts        time.Time      `db:"starts"`
		Ends          time.Time      `db:"ends"`
		Round         int            `db:"round"`
		Wave          int            `db:"wave"`
		State         string         `db:"state"`
		Reason        sql.NullString `db:"decline_reason"`
		Score         float64        `db:"score"`
		Breakdown     []byte         `db:"breakdown"`
		TravelMinutes float64        `db:"travel_minutes"`
		NeedsBuddy    bool           `db:"needs_buddy"`
		CreatedAt     time.Time      `db:"created_at"`
		ExpiresAt     time.Time      `db:"expires_at"`
		AnsweredAt    *time.Time     `db:"answered_at"`
	}
	const q = `SELECT o.id, o.job_id, c.slug AS category, a.municipality, lower(coalesce(o.slot, j.during)) AS starts,
       upper(coalesce(o.slot, j.during)) AS ends, o.round, o.wave, o.state, o.decline_reason, o.score, o.breakdown, o.travel_minutes,
       o.needs_buddy, o.created_at, o.expires_at, o.answered_at
FROM offers o JOIN jobs j ON j.id = o.job_id JOIN categories c ON c.id = j.category_id JOIN poster_addresses a ON a.id = j.address_id
WHERE o.worker_id = $1 ORDER BY o.id`
	if err := db.SelectContext(ctx, &rows, q, workerID); err != nil {
		return nil, mapError(err)
	}
	out := make([]klusbuddy.OfferRecord, len(rows))
	for i, r := range rows {
		br, err := shownBreakdown(r.Breakdown)
		if err != nil {
			return nil, err
		}
		out[i] = klusbuddy.OfferRecord{ID: r.ID, JobID: r.JobID, Category: r.Category, Municipality: r.Municipality, Start: r.Starts, End: r.Ends,
			Round: r.Round, Wave: r.Wave, State: klusbuddy.OfferState(r.State), DeclineReason: declineReason(r.Reason), Score: r.Score,
			Breakdown: br, TravelMinutes: r.TravelMinutes, NeedsBuddy: r.NeedsBuddy, CreatedAt: r.CreatedAt, ExpiresAt: r.ExpiresAt,
			AnsweredAt: r.AnsweredAt}
	}
	return out, nil
}

// declineReason is a stored reason, nil when none was given.
func declineReason(s sql.NullString) *klusbuddy.DeclineReason {
	if !s.Valid {
		return nil
	}
	r := klusbuddy.DeclineReason(s.String)
	return &r
}

// WorkerAssignmentRecords returns every place a worker has or had on a job, past and to come,
// for their data export (a place they dropped out of is gone; the drop-out stays).
func (db *DB) WorkerAssignmentRecords(ctx context.Context, workerID int64) ([]klusbuddy.AssignmentRecord, error) {
	var rows []struct {
		ID           int64     `db:"id"`
		JobID        int64     `db:"job_id"`
		Place        int       `db:"place"`
		Category     string    `db:"category"`
		Municipality string    `db:"municipality"`
		Starts       time.Time `db:"starts"`
		Ends         time.Time `db:"ends"`
		JobState     string    `db:"job_state"`
		BuddyState   string    `db:"buddy_state"`
		CreatedAt    time.Time `db:"created_at"`
	}
	const q = `SELECT s.id, s.job_id, s.place, c.slug AS category, a.municipality, lower(s.during) AS starts, upper(s.during) AS ends,
       j.state AS job_state, s.buddy_state, s.created_at
FROM assignments s JOIN jobs j ON j.id = s.job_id JOIN categories c ON c.id = j.category_id JOIN poster_addresses a ON a.id = j.address_id
WHERE s.worker_id = $1 ORDER BY lower(s.during), s.id`
	if err := db.SelectContext(ctx, &rows, q, workerID); err != nil {
		return nil, mapError(err)
	}
	out := make([]klusbuddy.AssignmentRecord, len(rows))
	for i, r := range rows {
		out[i] = klusbuddy.AssignmentRecord{ID: r.ID, JobID: r.JobID, Place: r.Place, Category: r.Category, Municipality: r.Municipality,
			Start: r.Starts, End: r.Ends, JobState: klusbuddy.JobState(r.JobState), BuddyState: klusbuddy.BuddyState(r.BuddyState), CreatedAt: r.CreatedAt}
	}
	return out, nil
}

// DropoutRecords returns the jobs a worker or buddy dropped out of, for their data export.
func (db *DB) DropoutRecords(ctx context.Context, personID int64) ([]klusbuddy.DropoutRecord, error) {
	var rows []struct {
		JobID int64     `db:"job_id"`
		Role  string    `db:"role"`
		Late  bool      `db:"late"`
		At    time.Time `db:"at"`
	}
	const q = `SELECT job_id, role, late, at FROM dropouts WHERE worker_id = $1 ORDER BY at, id`
	if err := db.SelectContext(ctx, &rows, q, personID); err != nil {
		return nil, mapError(err)
	}
	out := make([]klusbuddy.DropoutRecord, len(rows))
	for i, r := range rows {
		out[i] = klusbuddy.DropoutRecord{JobID: r.JobID, Role: klusbuddy.Role(r.Role), Late: r.Late, At: r.At}
	}
	return out, nil
}
