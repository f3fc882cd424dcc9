package postgres

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// What coordinators do about the day of a job: follow up safety reports and record outcomes.

const safetyColumns = `r.id, r.job_id, r.role, r.person_id, u.first_name, u.last_name, coalesce(u.phone, '') AS phone,
       g.name AS org_name, c.slug AS category, a.municipality, a.street, lower(j.during) AS starts, r.at, r.received,
       r.lat, r.lon, r.accuracy, r.distance_m, r.acknowledged_at, coalesce(k.first_name, '') AS acknowledged_by,
       coalesce(r.follow_up, '') AS follow_up
FROM safety_reports r JOIN users u ON u.id = r.person_id JOIN organisations g ON g.id = r.organisation_id
JOIN jobs j ON j.id = r.job_id JOIN categories c ON c.id = j.category_id JOIN poster_addresses a ON a.id = j.address_id
LEFT JOIN users k ON k.id = r.acknowledged_by`

type safetyRow struct {
	ID             int64      `db:"id"`
	JobID          int64      `db:"job_id"`
	Role           string     `db:"role"`
	PersonID       int64      `db:"person_id"`
	First          string     `db:"first_name"`
	Last           string     `db:"last_name"`
	Phone          string     `db:"phone"`
	OrgName        string     `db:"org_name"`
	Category       string     `db:"category"`
	Municipality   string     `db:"municipality"`
	Street         string     `db:"street"`
	Start          time.Time  `db:"starts"`
	At             time.Time  `db:"at"`
	Received       time.Time  `db:"received"`
	Lat            *float64   `db:"lat"`
	Lon            *float64   `db:"lon"`
	Accuracy       *float64   `db:"accuracy"`
	Distance       *float64   `db:"distance_m"`
	AcknowledgedAt *time.Time `db:"acknowledged_at"`
	AcknowledgedBy string     `db:"acknowledged_by"`
	FollowUp       string     `db:"follow_up"`
}

func (r safetyRow) report() klusbuddy.SafetyReport {
	out := klusbuddy.SafetyReport{ID: r.ID, JobID: r.JobID, Role: klusbuddy.Role(r.Role), Phone: r.Phone, Category: r.Category,
		Municipality: r.Municipality, Street: r.Street, Start: r.Start, At: r.At, Received: r.Received, DistanceM: r.Distance,
		AcknowledgedAt: r.AcknowledgedAt, AcknowledgedBy: r.AcknowledgedBy, FollowUp: r.FollowUp,
		Person: personRef(r.PersonID, r.First, r.Last, r.OrgName, 0, 0)} // always one of the coordinator's own people
	if r.Lat != nil {
		out.Position = &klusbuddy.Position{Lat: *r.Lat, Lon: *r.Lon, Accuracy: *r.Accuracy}
	}
	return out
}

// SafetyReports returns the safety reports of organisation org's people from the last 90 days,
// those not yet acknowledged first, the newest first.
func (db *DB) SafetyReports(ctx context.Context, org int64) ([]klusbuddy.SafetyReport, error) {
	var rows []safetyRow
	q := `SELECT ` + safetyColumns + `
WHERE r.organisation_id = $1 AND r.received > $2::timestamptz - interval '90 days'
ORDER BY r.acknowledged_at IS NOT NULL, r.received DESC, r.id DESC LIMIT 500`
	if err := db.x.SelectContext(ctx, &rows, q, org, db.now()); err != nil {
		return nil, mapError(err)
	}
	out := make([]klusbuddy.SafetyReport, len(rows))
	for i, r := range rows {
		out[i] = r.report()
	}
	return out, nil
}

// AcknowledgeSafety records that a coordinator of organisation org took a report in hand, with
// the follow-up; a later call records a newer follow-up. ENOTFOUND for another organisation's.
func (db *DB) AcknowledgeSafety(ctx context.Context, id, org, by int64, followUp string) (klusbuddy.SafetyReport, error) {
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE safety_reports SET acknowledged_at = $4, acknowledged_by = $3, follow_up = $5
WHERE id = $1 AND organisation_id = $2`, id, org, by, db.now(), followUp)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such safety report.")
		}
		return nil
	})
	if err != nil {
		return klusbuddy.SafetyReport{}, err
	}
	var r safetyRow
	err = db.x.GetContext(ctx, &r, `SELECT `+safetyColumns+` WHERE r.id = $1`, id)
	return r.report(), mapError(err)
}

// RecordOutcome records, for a coordinator of organisation org, how a place (place > 0) or the
// whole job ended, and closes a started job when asked. The job must be the organisation's, or
// have one of its people on it (EFORBIDDEN otherwise). "Cancelled by the coordinator" cancels
// the job as its poster's cancelling would, its people told.
func (db *DB) RecordOutcome(ctx context.Context, jobID int64, place int, o klusbuddy.Outcome, close bool, actor klusbuddy.Principal) error {
	return db.inTx(ctx, func(tx *sqlx.Tx) error {
		var j struct {
			State  klusbuddy.JobState `db:"state"`
			Poster int64              `db:"poster_id"`
			Start  time.Time          `db:"starts"`
			Ours   bool               `db:"ours"`
			Place  bool               `db:"place"`
		}
		err := tx.GetContext(ctx, &j, `SELECT j.state, j.poster_id, lower(j.during) AS starts,
    j.organisation_id IS NOT DISTINCT FROM $2::bigint OR EXISTS (
        SELECT 1 FROM assignments s JOIN users u ON u.id IN (s.worker_id, s.buddy_id) WHERE s.job_id = j.id AND u.organisation_id = $2
        UNION ALL
        SELECT 1 FROM attendance t JOIN users u ON u.id = t.person_id WHERE t.job_id = j.id AND u.organisation_id = $2) AS ours,
    $3 = 0 OR EXISTS (SELECT 1 FROM assignments s WHERE s.job_id = j.id AND s.place = $3)
           OR EXISTS (SELECT 1 FROM attendance t WHERE t.job_id = j.id AND t.place = $3) AS place
FROM jobs j WHERE j.id = $1 FOR UPDATE`, jobID, actor.OrganisationID, place)
		if errors.Is(err, sql.ErrNoRows) {
			return klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such job.")
		}
		if err != nil {
			return err
		}
		if !j.Ours {
			return klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "This job is not one of your organisation's.")
		}
		if !j.Place {
			return &klusbuddy.Error{Code: klusbuddy.EINVALID, Message: "Some fields are not valid.",
				Fields: map[string]string{"place": "There is no such place on this job."}}
		}
		now := db.now()
		if o == klusbuddy.OutcomeCancelledByCoordinator {
			var late bool
			if err := cancelJob(ctx, jobID, actor.ID, klusbuddy.RoleCoordinator, 0, now, &late)(tx); err != nil {
				return err
			}
			return notify(ctx, tx, j.Poster, klusbuddy.EventJobStatus, map[string]any{"job_id": jobID, "state": klusbuddy.JobCancelled})
		}
		if err := recordOutcome(ctx, tx, jobID, place, o, actor.ID, actor.Role, now); err != nil {
			return err
		}
		if !close || j.State == klusbuddy.JobDone || j.State == klusbuddy.JobHoursConfirmed {
			return nil
		}
		if j.State != klusbuddy.JobInProgress && (j.State != klusbuddy.JobFilled || now.Before(j.Start)) {
			return klusbuddy.Errorf(klusbuddy.ECONFLICT, "Only a job that has started can be closed.")
		}
		if place > 0 { // the job's own outcome, unless one was recorded: done
			if err := firstOutcome(ctx, tx, jobID, 0, klusbuddy.OutcomeDone, actor.ID, actor.Role, now); err != nil {
				return err
			}
		}
		return closeJob(ctx, tx, jobID, j.Poster, j.State, actor.ID, now)
	})
}
