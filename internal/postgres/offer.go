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

// closeOpenOffers ends a job's pending offers in state (taken, withdrawn) and tells each worker
// with a notification of kind, in one statement of the caller's transaction.
func closeOpenOffers(ctx context.Context, tx dbtx, jobID int64, state klusbuddy.OfferState, kind klusbuddy.EventKind, now time.Time) error {
	_, err := tx.ExecContext(ctx, `WITH closed AS (
    UPDATE offers SET state = $2, answered_at = $4 WHERE job_id = $1 AND state = 'pending' RETURNING id, worker_id)
INSERT INTO notification_queue (user_id, kind, data)
SELECT worker_id, $3, jsonb_build_object('offer_id', id, 'job_id', $1::bigint) FROM closed`, jobID, state, kind, now)
	return err
}

// liveOffers reports whether a job has offers still open to answer.
func liveOffers(ctx context.Context, tx dbtx, jobID int64, now time.Time) (bool, error) {
	var live bool
	err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM offers WHERE job_id = $1 AND state = 'pending' AND expires_at > $2)`, jobID, now).Scan(&live)
	return live, err
}

// CreateWave stores a wave of offers for a job that is open or offering, tells each worker, and
// moves the job to offering. It returns how many offers went out. A wave ranked in an earlier
// round (before the job changed) is dropped.
func (db *DB) CreateWave(ctx context.Context, jobID int64, round, wave int, offers []klusbuddy.NewOffer, expires time.Time) (int, error) {
	var (
		workers          []int64
		scores, minutes  []float64
		breakdowns       []string
		buddies          []bool
		slotFrom, slotTo []*time.Time
	)
	for _, o := range offers {
		b, err := json.Marshal(o.Breakdown)
		if err != nil {
			return 0, err
		}
		var from, to *time.Time
		if o.Slot != nil {
			from, to = &o.Slot[0], &o.Slot[1]
		}
		workers, scores, breakdowns = append(workers, o.WorkerID), append(scores, o.Score), append(breakdowns, string(b))
		buddies, minutes = append(buddies, o.NeedsBuddy), append(minutes, o.TravelMinutes)
		slotFrom, slotTo = append(slotFrom, from), append(slotTo, to)
	}
	// One statement (migrations/functions/create_wave.sql): the checks under the job's lock,
	// the offers, their events and the job's move to offering.
	var n sql.NullInt32
	err := db.alone(ctx, true, func(q dbtx) error {
		return q.QueryRowContext(ctx, `SELECT create_wave($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
			jobID, round, wave, pq.Array(workers), pq.Array(scores), pq.Array(breakdowns), pq.Array(buddies), pq.Array(minutes),
			pq.Array(slotFrom), pq.Array(slotTo), expires, db.now(),
			klusbuddy.EventOfferNew, expires.Format(time.RFC3339Nano)).Scan(&n) // as json.Marshal writes a time
	})
	if err == nil && !n.Valid {
		err = klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such job.")
	}
	return int(n.Int32), err
}

// OfferedWorkers returns the workers not to offer a job again and the last wave number: all
// who had an offer in this round, but those whose offer was only taken by others; and whoever
// said no to the job, or took it, since it last changed.
func (db *DB) OfferedWorkers(ctx context.Context, jobID int64) (map[int64]bool, int, error) {
	rows, err := db.x.QueryContext(ctx, `SELECT o.worker_id, o.wave,
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

// WorkerOffers returns a worker's offers still open to answer, the soonest to expire first,
// with their pay estimate where the worker's organisation sets a rate.
func (db *DB) WorkerOffers(ctx context.Context, workerID int64) ([]klusbuddy.Offer, error) {
	q := `SELECT ` + offerColumns + ` FROM offers o JOIN jobs j ON j.id = o.job_id JOIN categories c ON c.id = j.category_id
JOIN poster_addresses a ON a.id = j.address_id
WHERE o.worker_id = $1 AND o.state = 'pending' AND o.expires_at > $2 ORDER BY o.expires_at, o.id`
	var rows []offerRow
	if err := db.x.SelectContext(ctx, &rows, q, workerID, db.now()); err != nil {
		return nil, mapError(err)
	}
	rate, err := db.WorkerRate(ctx, workerID)
	if err != nil {
		return nil, err
	}
	out := make([]klusbuddy.Offer, len(rows))
	for i, r := range rows {
		out[i] = r.offer()
		out[i].PayCents = klusbuddy.PayCents(rate, klusbuddy.WindowHours(r.Starts, r.Ends))
	}
	return out, nil
}

// AcceptOffer gives the worker a place on the offer's job, if the offer is theirs and still
// open, a place is left and it keeps them within their hour caps, all in one transaction with
// the job (then the worker) locked: the first accepts win, up to the places needed; the database
// refuses a booking that overlaps another. When the last place goes, the job is filled and the
// other open offers are taken. Accepting twice returns the same place.
func (db *DB) AcceptOffer(ctx context.Context, workerID, offerID int64) (int64, int, error) {
	return db.AcceptOfferBy(ctx, workerID, offerID, 0)
}

// AcceptOfferBy is AcceptOffer done by a coordinator (by) for a worker who phoned: the offer
// and the place record who answered. by 0 is the worker themselves.
func (db *DB) AcceptOfferBy(ctx context.Context, workerID, offerID, by int64) (int64, int, error) {
	var jobID sql.NullInt64
	var place sql.NullInt32
	if by == 0 {
		// One statement (migrations/functions/accept_offer.sql): the job's lock is held only
		// for the statement's own time, so accepts on one job do not queue behind the network.
		err := db.alone(ctx, true, func(q dbtx) error {
			return acceptInTx(ctx, q, workerID, offerID, 0, db.now(), &jobID, &place, false)
		})
		return jobID.Int64, int(place.Int32), err
	}
	// A coordinator's accept also records who answered: a transaction of three statements.
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		return acceptInTx(ctx, tx, workerID, offerID, by, db.now(), &jobID, &place, false)
	})
	return jobID.Int64, int(place.Int32), err
}

// DeclineOffer records a worker's no, with an optional reason.
func (db *DB) DeclineOffer(ctx context.Context, workerID, offerID int64, reason klusbuddy.DeclineReason) error {
	return db.DeclineOfferBy(ctx, workerID, offerID, reason, 0)
}

// DeclineOfferBy is DeclineOffer done by a coordinator (by) for the worker; by 0: the worker.
func (db *DB) DeclineOfferBy(ctx context.Context, workerID, offerID int64, reason klusbuddy.DeclineReason, by int64) error {
	const q = `UPDATE offers SET state = 'declined', decline_reason = NULLIF($3, ''), answered_at = $4, answered_by = NULLIF($5, 0::bigint)
WHERE id = $1 AND worker_id = $2 AND state = 'pending' RETURNING id`
	var id int64
	var err error
	if klusbuddy.AuditFrom(ctx) != nil {
		// A coordinator's answer: the audit row goes with it, in one transaction.
		err = db.inTx(ctx, func(tx *sqlx.Tx) error {
			return tx.QueryRowContext(ctx, q, offerID, workerID, reason, db.now(), by).Scan(&id)
		})
	} else {
		err = db.x.QueryRowContext(ctx, q, offerID, workerID, reason, db.now(), by).Scan(&id)
	}
	if errors.Is(err, sql.ErrNoRows) {
		var exists bool
		db.x.GetContext(ctx, &exists, `SELECT EXISTS (SELECT 1 FROM offers WHERE id = $1 AND worker_id = $2)`, offerID, workerID)
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
WITH due AS (SELECT id FROM offers WHERE state = 'pending' AND expires_at <= $1 ORDER BY expires_at LIMIT 1000 FOR UPDATE SKIP LOCKED)
UPDATE offers o SET state = 'expired', answered_at = $1 FROM due WHERE o.id = due.id RETURNING o.id, o.worker_id, o.job_id`, db.now())
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
			if err := notify(ctx, tx, e[1], klusbuddy.EventOfferExpired, map[string]any{"offer_id": e[0], "job_id": e[2]}); err != nil {
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
// (or none went out yet). Jobs another instance is handling are skipped, and so are the later
// occurrences of a series until their time to be offered (offer_from).
func (db *DB) JobsNeedingAWave(ctx context.Context, limit int) ([]int64, error) {
	var ids []int64
	const q = `
SELECT j.id FROM jobs j
WHERE j.state IN ('open', 'offering') AND lower(j.during) > $2 AND (j.offer_from IS NULL OR j.offer_from <= $2)
  AND (SELECT count(*) FROM assignments a WHERE a.job_id = j.id) < j.workers_needed
  AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.job_id = j.id AND o.state = 'pending' AND o.expires_at > $2)
ORDER BY lower(j.during) LIMIT $1`
	err := db.x.SelectContext(ctx, &ids, q, limit, db.now())
	return ids, mapError(err)
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
	if err := db.x.SelectContext(ctx, &rows, q, workerID); err != nil {
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
