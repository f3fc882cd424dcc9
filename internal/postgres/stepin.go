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

// Stepping in (issue 13, part 7): a coordinator's offers, direct assignments, answers on a
// worker's behalf, cancellations, and households that phoned.

// jobAccessQuery says whether a coordinator of organisation $2 sees job $1 (it is theirs, a
// platform job, one of a shared pool, or one of their people was asked or is on it) and
// whether it is theirs (their organisation's, or one of their people is on it: as
// RecordOutcome decides who may cancel).
const jobAccessQuery = `SELECT
    j.organisation_id IS NOT DISTINCT FROM $2::bigint OR EXISTS (
        SELECT 1 FROM assignments s JOIN users u ON u.id IN (s.worker_id, s.buddy_id) WHERE s.job_id = j.id AND u.organisation_id = $2) AS ours,
    j.organisation_id IS NULL OR coalesce(g.shared_pool, true) OR j.organisation_id = $2 OR EXISTS (
        SELECT 1 FROM offers o JOIN users u ON u.id = o.worker_id WHERE o.job_id = j.id AND u.organisation_id = $2)
        OR EXISTS (SELECT 1 FROM assignments s JOIN users u ON u.id IN (s.worker_id, s.buddy_id) WHERE s.job_id = j.id AND u.organisation_id = $2) AS sees
FROM jobs j LEFT JOIN organisations g ON g.id = j.organisation_id WHERE j.id = $1`

// JobAccess reports whether the job is the organisation's own to cancel; ENOTFOUND when its
// coordinators do not see it at all.
func (db *DB) JobAccess(ctx context.Context, jobID, org int64) (ours bool, err error) {
	return jobAccess(ctx, db.x, jobID, org)
}

func jobAccess(ctx context.Context, q sqlx.QueryerContext, jobID, org int64) (bool, error) {
	var ours, sees bool
	err := q.QueryRowxContext(ctx, jobAccessQuery, jobID, org).Scan(&ours, &sees)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !sees) {
		return false, klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such job.")
	}
	return ours, mapError(err)
}

// StepInFacts returns a job's offers by worker (the newest per worker), who is booked on it and
// the names of the organisation's workers (first name and initial).
func (db *DB) StepInFacts(ctx context.Context, jobID, org int64) (klusbuddy.StepInFacts, error) {
	f := klusbuddy.StepInFacts{Offers: map[int64]klusbuddy.JobOfferRef{}, Booked: map[int64]bool{}, Names: map[int64]string{}}
	var offers []struct {
		ID       int64  `db:"id"`
		Worker   int64  `db:"worker_id"`
		State    string `db:"state"`
		Current  bool   `db:"current"`
		Declined bool   `db:"declined"`
	}
	const qo = `SELECT o.id, o.worker_id, o.state, o.round = j.round AS current,
       o.state = 'declined' AND o.round >= j.terms_round AS declined
FROM offers o JOIN jobs j ON j.id = o.job_id WHERE o.job_id = $1 ORDER BY o.round, o.id`
	if err := db.x.SelectContext(ctx, &offers, qo, jobID); err != nil {
		return f, mapError(err)
	}
	for _, o := range offers {
		ref := f.Offers[o.Worker]
		if o.Current {
			ref.ID, ref.State = o.ID, klusbuddy.OfferState(o.State)
		}
		ref.Declined = ref.Declined || o.Declined
		f.Offers[o.Worker] = ref
	}
	var booked []int64
	if err := db.x.SelectContext(ctx, &booked, `SELECT worker_id FROM assignments WHERE job_id = $1`, jobID); err != nil {
		return f, mapError(err)
	}
	for _, id := range booked {
		f.Booked[id] = true
	}
	var names []struct {
		ID    int64  `db:"id"`
		First string `db:"first_name"`
		Last  string `db:"last_name"`
	}
	if err := db.x.SelectContext(ctx, &names, `SELECT id, first_name, last_name FROM users
WHERE organisation_id = $1 AND role = 'worker' AND deleted_at IS NULL`, org); err != nil {
		return f, mapError(err)
	}
	for _, n := range names {
		f.Names[n.ID] = personRef(n.ID, n.First, n.Last, "", org, org).Name
	}
	return f, nil
}

// StepInOffer stores a coordinator's offer of a job to a worker, with why (reason, "" when no
// soft rule was overridden) and the match's facts in o, and tells the worker; with assign, the
// offer is accepted at once through accept_offer in the same transaction, so that the places,
// the hour caps and the exclusion constraint against double booking hold as for any accept.
// Either way the job is locked, so a worker accepting elsewhere or the job filling meanwhile
// takes turns with it. It returns the offer's id.
func (db *DB) StepInOffer(ctx context.Context, jobID, by int64, o klusbuddy.NewOffer, reason string, expires time.Time, assign bool) (int64, error) {
	var offerID int64
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		now := db.now()
		state, needed, taken, _, err := lockJob(ctx, tx, jobID)
		if err != nil {
			return err
		}
		var start time.Time
		var round, wave, windowDays int
		var onJob bool
		var current sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT lower(j.during), j.round, j.window_days,
       coalesce((SELECT max(wave) FROM offers WHERE job_id = j.id), 1),
       EXISTS (SELECT 1 FROM assignments s WHERE s.job_id = j.id AND s.worker_id = $2),
       (SELECT o.state FROM offers o WHERE o.job_id = j.id AND o.round = j.round AND o.worker_id = $2 FOR UPDATE)
FROM jobs j WHERE j.id = $1`, jobID, o.WorkerID).Scan(&start, &round, &windowDays, &wave, &onJob, &current); err != nil {
			return err
		}
		switch {
		case taken >= needed && state != klusbuddy.JobCancelled:
			return klusbuddy.HardRuleError("full")
		case state != klusbuddy.JobOpen && state != klusbuddy.JobOffering && state != klusbuddy.JobUnfilled:
			return klusbuddy.HardRuleError("not_open")
		case !start.After(now):
			return klusbuddy.HardRuleError("started")
		case onJob:
			return klusbuddy.HardRuleError("on_job")
		case !assign && current.String == string(klusbuddy.OfferPending):
			return klusbuddy.HardRuleError("offer_open")
		}
		if state != klusbuddy.JobOffering {
			if err := moveJob(ctx, tx, jobID, klusbuddy.JobOffering, by, now, false); err != nil {
				return err
			}
		}
		b, err := json.Marshal(o.Breakdown)
		if err != nil {
			return err
		}
		if expires.After(start) {
			expires = start
		}
		// A job with a window of days is offered on its first day: accepting settles it.
		const q = `INSERT INTO offers (job_id, worker_id, wave, score, breakdown, needs_buddy, travel_minutes, expires_at, round, slot,
    created_at, sent_by, override_reason)
SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, CASE WHEN $10 THEN j.during END, $11, $12, NULLIF($13, '')
FROM jobs j WHERE j.id = $1
ON CONFLICT (job_id, round, worker_id) DO UPDATE SET wave = EXCLUDED.wave, score = EXCLUDED.score, breakdown = EXCLUDED.breakdown,
    needs_buddy = EXCLUDED.needs_buddy, travel_minutes = EXCLUDED.travel_minutes, expires_at = EXCLUDED.expires_at, slot = EXCLUDED.slot,
    state = 'pending', decline_reason = NULL, created_at = EXCLUDED.created_at, answered_at = NULL, answered_by = NULL,
    sent_by = EXCLUDED.sent_by, override_reason = EXCLUDED.override_reason
RETURNING id`
		if err := tx.QueryRowContext(ctx, q, jobID, o.WorkerID, wave, o.Score, b, o.NeedsBuddy, o.TravelMinutes, expires, round,
			windowDays > 1, now, by, reason).Scan(&offerID); err != nil {
			return err
		}
		if !assign {
			return notify(ctx, tx, o.WorkerID, klusbuddy.EventOfferNew, map[string]any{"offer_id": offerID, "job_id": jobID, "expires_at": expires})
		}
		return acceptInTx(ctx, tx, o.WorkerID, offerID, by, now, nil, nil, true)
	})
	return offerID, err
}

// acceptInTx runs accept_offer within tx and turns its outcome into an error; by (a
// coordinator, 0 for the worker) is recorded on the offer and the place. forCoach phrases the
// refusals for a coordinator (the hard rule's code as the reason).
func acceptInTx(ctx context.Context, tx dbtx, workerID, offerID, by int64, now time.Time, jobID *sql.NullInt64, place *sql.NullInt32, forCoach bool) error {
	var job sql.NullInt64
	var pl sql.NullInt32
	var outcome string
	if err := tx.QueryRowContext(ctx, `SELECT o_job, o_place, o_outcome FROM accept_offer($1, $2, $3)`, workerID, offerID, now).
		Scan(&job, &pl, &outcome); err != nil {
		return err
	}
	if jobID != nil {
		*jobID, *place = job, pl
	}
	if outcome == "ok" {
		if by == 0 {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE offers SET answered_by = $2 WHERE id = $1`, offerID, by); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE assignments SET assigned_by = $3 WHERE job_id = $1 AND worker_id = $2`, job, workerID, by)
		return err
	}
	if forCoach {
		switch outcome {
		case "cap_month":
			return klusbuddy.HardRuleError("month_cap")
		case "cap_year":
			return klusbuddy.HardRuleError("year_cap")
		case "booked":
			return klusbuddy.HardRuleError("booked")
		case "taken":
			return klusbuddy.HardRuleError("full")
		}
	}
	switch outcome {
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
}

// OfferOwner returns an offer's worker, the worker's organisation and the offer's job.
func (db *DB) OfferOwner(ctx context.Context, offerID int64) (workerID, org, jobID int64, err error) {
	err = db.x.QueryRowContext(ctx, `SELECT o.worker_id, u.organisation_id, o.job_id FROM offers o JOIN users u ON u.id = o.worker_id
WHERE o.id = $1`, offerID).Scan(&workerID, &org, &jobID)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, 0, klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such offer.")
	}
	return workerID, org, jobID, mapError(err)
}

// CancelJobFor cancels a job for a coordinator of org, with their reason: as a poster's
// cancelling does, the booked people and open offers are told, and the poster too; EFORBIDDEN
// when the job is not the organisation's own (ENOTFOUND when they do not see it).
func (db *DB) CancelJobFor(ctx context.Context, jobID, org, by int64, reason string) error {
	return db.inTx(ctx, func(tx *sqlx.Tx) error {
		var poster int64
		if err := tx.QueryRowContext(ctx, `SELECT poster_id FROM jobs WHERE id = $1 FOR UPDATE`, jobID).Scan(&poster); errors.Is(err, sql.ErrNoRows) {
			return klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such job.")
		} else if err != nil {
			return err
		}
		ours, err := jobAccess(ctx, tx, jobID, org)
		if err != nil {
			return err
		}
		if !ours {
			return klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "This job is not one of your organisation's.")
		}
		var late bool
		if err := cancelJob(ctx, jobID, by, klusbuddy.RoleCoordinator, 0, db.now(), &late)(tx); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE jobs SET cancel_reason = $2 WHERE id = $1`, jobID, reason); err != nil {
			return err
		}
		return notify(ctx, tx, poster, klusbuddy.EventJobStatus, map[string]any{"job_id": jobID, "state": klusbuddy.JobCancelled})
	})
}

// CreatePhonedPoster stores a household that phoned a coordinator of org: a poster without
// e-mail or password (who cannot sign in), kept by org, with one address that must lie in
// org's area (job_organisation). Nothing is stored when the address is elsewhere.
func (db *DB) CreatePhonedPoster(ctx context.Context, org int64, p klusbuddy.PhonedPoster) (klusbuddy.PhonedPoster, error) {
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		const q = `INSERT INTO users (role, first_name, last_name, phone, language, kept_by, created_at)
VALUES ('poster', $1, $2, $3, $4, $5, $6) RETURNING id`
		if err := tx.QueryRowContext(ctx, q, p.FirstName, p.LastName, p.Phone, p.Language, org, db.now()).Scan(&p.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO poster_profiles (user_id, kind) VALUES ($1, 'household')`, p.ID); err != nil {
			return err
		}
		const qa = `INSERT INTO poster_addresses (poster_id, label, street, postcode, municipality, lat, lon)
SELECT $1, $2, $3, postcode, municipality, lat, lon FROM postcodes WHERE postcode = $4 AND lower(municipality) = lower($5)
RETURNING id, label, street, postcode, municipality, lat, lon`
		if err := tx.GetContext(ctx, &p.Address, qa, p.ID, p.Address.Label, p.Address.Street, p.Address.Postcode, p.Address.Municipality); errors.Is(err, sql.ErrNoRows) {
			return &klusbuddy.Error{Code: klusbuddy.EINVALID, Message: "Some fields are not valid.",
				Fields: map[string]string{"address.municipality": "This municipality does not have this postcode."}}
		} else if err != nil {
			return err
		}
		var area sql.NullInt64
		if err := tx.GetContext(ctx, &area, `SELECT job_organisation($1)`, p.Address.ID); err != nil {
			return err
		}
		if area.Int64 != org {
			return &klusbuddy.Error{Code: klusbuddy.EINVALID, Message: "Some fields are not valid.",
				Fields: map[string]string{"address.postcode": "This address is outside your organisation's area."}}
		}
		klusbuddy.AuditFrom(ctx).SetSubject(p.ID)
		return nil
	})
	return p, err
}

// KeptPosters lists the households org keeps (that phoned), the newest first.
func (db *DB) KeptPosters(ctx context.Context, org int64) ([]klusbuddy.PhonedPoster, error) {
	const q = `SELECT u.id, u.first_name, u.last_name, coalesce(u.phone, '') AS phone, u.language,
       a.id AS aid, a.label, a.street, a.postcode, a.municipality, a.lat, a.lon
FROM users u JOIN LATERAL (SELECT * FROM poster_addresses a WHERE a.poster_id = u.id ORDER BY a.id LIMIT 1) a ON true
WHERE u.kept_by = $1 AND u.deleted_at IS NULL ORDER BY u.id DESC LIMIT 500`
	r, err := db.x.QueryContext(ctx, q, org)
	if err != nil {
		return nil, mapError(err)
	}
	defer r.Close()
	var out []klusbuddy.PhonedPoster
	for r.Next() {
		var p klusbuddy.PhonedPoster
		a := &p.Address
		if err := r.Scan(&p.ID, &p.FirstName, &p.LastName, &p.Phone, &p.Language, &a.ID, &a.Label, &a.Street, &a.Postcode, &a.Municipality, &a.Lat, &a.Lon); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, mapError(r.Err())
}

// CreateJobFor posts a job for a household org keeps, recorded as posted by the coordinator
// (ENOTFOUND for any other poster).
func (db *DB) CreateJobFor(ctx context.Context, posterID, org, by int64, n klusbuddy.NewJob) (klusbuddy.Job, error) {
	var id int64
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		var kept bool
		if err := tx.GetContext(ctx, &kept, `SELECT EXISTS (SELECT 1 FROM users WHERE id = $1 AND kept_by = $2 AND deleted_at IS NULL)`, posterID, org); err != nil {
			return err
		}
		if !kept {
			return klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such poster.")
		}
		var err error
		if id, err = insertJob(ctx, tx, posterID, n, 0, nil, db.now()); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE jobs SET posted_by = $2 WHERE id = $1`, id, by); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE job_transitions SET actor_id = $2 WHERE job_id = $1`, id, by); err != nil {
			return err
		}
		klusbuddy.AuditFrom(ctx).Detail("job_id", id)
		return nil
	})
	if err != nil {
		return klusbuddy.Job{}, err
	}
	return db.Job(ctx, id)
}
