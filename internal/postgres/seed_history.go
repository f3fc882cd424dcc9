package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// seedUser is a seeded person, found by their login (e-mail, or phone for workers and buddies).
type seedUser struct {
	ID    int64          `db:"id"`
	Login string         `db:"login"`
	Org   *int64         `db:"organisation_id"`
	Role  klusbuddy.Role `db:"role"`
}

type seedPeople struct {
	byLogin     map[string]seedUser
	coordinator map[int64]int64 // organisation → its first coordinator
}

func (s seedPeople) find(login string, role klusbuddy.Role) (seedUser, error) {
	u, ok := s.byLogin[login]
	if !ok || u.Role != role {
		return u, fmt.Errorf("no %s %q", role, login)
	}
	return u, nil
}

// seedHistory writes a past (klusbuddy.SeedHistory) relative to now, the seed's clock, in the
// seed's transaction: each job as the app leaves it after its day — posted, offered, filled, in
// progress, done and its hours confirmed, every move recorded — with its places, the check-ins
// and check-outs, the sheets and each of their steps, the outcomes, the drop-outs and the
// feedback. The rows satisfy every constraint the app's own writes do; a job's state is written
// once, at its end, with its moves recorded beside it (as the statements' property test writes
// sheets).
func seedHistory(ctx context.Context, tx *sqlx.Tx, h *klusbuddy.SeedHistory, now time.Time) error {
	loc, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		return err
	}
	for slug, rate := range h.WorkerRates {
		res, err := tx.ExecContext(ctx, `UPDATE organisations SET worker_rate_cents = $2 WHERE slug = $1`, slug, rate)
		if err != nil {
			return fmt.Errorf("rate of %s: %w", slug, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return fmt.Errorf("rate of unknown organisation %q", slug)
		}
	}
	var users []seedUser
	if err := tx.SelectContext(ctx, &users, `SELECT id, coalesce(CASE WHEN role IN ('worker', 'buddy') THEN phone ELSE email END, '') AS login,
    organisation_id, role FROM users ORDER BY id`); err != nil {
		return err
	}
	people := seedPeople{byLogin: map[string]seedUser{}, coordinator: map[int64]int64{}}
	for _, u := range users {
		people.byLogin[u.Login] = u
		if u.Role == klusbuddy.RoleCoordinator && u.Org != nil && people.coordinator[*u.Org] == 0 {
			people.coordinator[*u.Org] = u.ID
		}
	}
	today := now.In(loc)
	for i, j := range h.Jobs {
		if err := seedPastJob(ctx, tx, j, today, people); err != nil {
			return fmt.Errorf("history job %d (%s, %d days ago): %w", i, j.Poster, j.DaysAgo, err)
		}
	}
	for _, f := range h.Favourites {
		p, err := people.find(f.Poster, klusbuddy.RolePoster)
		if err != nil {
			return err
		}
		w, err := people.find(f.Worker, klusbuddy.RoleWorker)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO favourites (poster_id, worker_id, created_at) VALUES ($1, $2, $3)`,
			p.ID, w.ID, today.AddDate(0, 0, -f.DaysAgo)); err != nil {
			return err
		}
	}
	return nil
}

func seedPastJob(ctx context.Context, tx *sqlx.Tx, j klusbuddy.SeedJob, today time.Time, people seedPeople) error {
	if j.DaysAgo < 1 || len(j.Places) == 0 {
		return fmt.Errorf("a past job needs a day before today and a place")
	}
	poster, err := people.find(j.Poster, klusbuddy.RolePoster)
	if err != nil {
		return err
	}
	day := today.AddDate(0, 0, -j.DaysAgo)
	start := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, today.Location()).Add(time.Duration(j.StartMinute) * time.Minute)
	end := start.Add(time.Duration(j.Minutes) * time.Minute)
	posted := start.AddDate(0, 0, -4).Add(-3 * time.Hour)

	var jobID int64
	var unit klusbuddy.Unit
	var org *int64
	const qJob = `
INSERT INTO jobs (poster_id, address_id, category_id, description, during, workers_needed, state, created_at, unit, unit_price_cents)
SELECT $1, (SELECT id FROM poster_addresses WHERE poster_id = $1 ORDER BY id LIMIT 1), c.id, $3,
       tstzrange($4, $5), $6, 'open', $7, c.unit, c.unit_price_cents
FROM categories c WHERE c.slug = $2
RETURNING id, unit, organisation_id`
	if err := tx.QueryRowContext(ctx, qJob, poster.ID, j.Category, j.Description, start, end, len(j.Places), posted).Scan(&jobID, &unit, &org); err != nil {
		return fmt.Errorf("job: %w", err)
	}

	// The job's moves, as they happened; its state is the last one's.
	type move struct {
		from, to string
		by       *int64
		at       time.Time
	}
	moves := []move{{"", "open", &poster.ID, posted}, {"open", "offering", nil, posted.Add(time.Second)}}
	filled := posted.Add(2 * time.Hour)
	if j.LateDropout != "" {
		w, err := people.find(j.LateDropout, klusbuddy.RoleWorker)
		if err != nil {
			return err
		}
		dropped := start.Add(-8 * time.Hour)
		if _, err := tx.ExecContext(ctx, `INSERT INTO dropouts (job_id, worker_id, late, at, role) VALUES ($1, $2, true, $3, 'worker')`,
			jobID, w.ID, dropped); err != nil {
			return fmt.Errorf("drop-out: %w", err)
		}
		moves = append(moves, move{"offering", "filled", nil, filled}, move{"filled", "offering", &w.ID, dropped})
		filled = dropped.Add(90 * time.Minute)
	}
	moves = append(moves, move{"offering", "filled", nil, filled})

	step := func(sheet int64, what string, by *int64, role string, at time.Time, value *int, text string) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO timesheet_steps (sheet_id, step, by_user, by_role, at, value, text) VALUES ($1, $2, $3, $4, $5, $6, NULLIF($7, ''))`,
			sheet, what, by, role, at, value, text)
		return err
	}
	allFinal := true
	var lastFinal, lastOut time.Time
	var firstIn *int64
	for i, pl := range j.Places {
		place := i + 1
		w, err := people.find(pl.Worker, klusbuddy.RoleWorker)
		if err != nil {
			return err
		}
		var buddy *seedUser
		buddyState := "none"
		var buddyID *int64
		if pl.Buddy != "" {
			b, err := people.find(pl.Buddy, klusbuddy.RoleBuddy)
			if err != nil {
				return err
			}
			buddy, buddyID, buddyState = &b, &b.ID, "confirmed"
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO assignments (job_id, workers_needed, place, worker_id, during, created_at, buddy_state, buddy_id)
VALUES ($1, $2, $3, $4, tstzrange($5, $6), $7, $8, $9)`, jobID, len(j.Places), place, w.ID, start, end, filled, buddyState, buddyID); err != nil {
			return fmt.Errorf("place %d: %w", place, err)
		}
		if pl.NoShow {
			if _, err := tx.ExecContext(ctx, `INSERT INTO outcomes (job_id, place, outcome, by_user, by_role, at) VALUES ($1, $2, 'worker_no_show', $3, 'poster', $4)`,
				jobID, place, poster.ID, start.Add(40*time.Minute)); err != nil {
				return fmt.Errorf("no-show: %w", err)
			}
			continue
		}
		// In a few minutes early or late, out when the work was done (per item: about the end).
		in := start.Add(time.Duration((jobID+int64(place))%7-4) * time.Minute)
		out := end.Add(time.Duration((jobID*3+int64(place))%9-2) * time.Minute)
		if unit == klusbuddy.PerHour {
			out = start.Add(time.Duration(pl.Worked)*time.Minute + time.Duration((jobID+int64(place))%5)*time.Minute)
		}
		if out.Before(in) {
			out = in
		}
		if out.After(lastOut) {
			lastOut = out
		}
		if firstIn == nil {
			firstIn = &w.ID
		}
		coordinator := people.coordinator[orgOf(w.Org, org)]
		type who struct {
			id   int64
			role string
		}
		on := []who{{w.ID, "worker"}}
		if buddy != nil {
			on = append(on, who{buddy.ID, "buddy"})
		}
		for _, p := range on {
			if _, err := tx.ExecContext(ctx, `INSERT INTO attendance (job_id, person_id, role, place, in_at, in_received, out_at, out_received)
VALUES ($1, $2, $3, $4, $5, $5::timestamptz + interval '2 seconds', $6, $6::timestamptz + interval '2 seconds')`,
				jobID, p.id, p.role, place, in, out); err != nil {
				return fmt.Errorf("attendance: %w", err)
			}
		}

		// The worker's sheet: proposed at check-out, confirmed by the worker, then approved,
		// or disputed and decided.
		unitOf, proposed := "minutes", &pl.Worked
		if unit == klusbuddy.PerItem {
			unitOf, proposed = "items", nil
		}
		confirmedAt := out.Add(12 * time.Minute)
		var approved *int
		var since *time.Time
		var finalAt time.Time
		switch pl.Sheet {
		case klusbuddy.SheetConfirmed:
			since = &confirmedAt
			allFinal = false
		case klusbuddy.SheetApproved:
			approved = &pl.Worked
			finalAt = out.Add(26 * time.Hour)
			if pl.ApprovedBy == "" {
				finalAt = confirmedAt.AddDate(0, 0, klusbuddy.DefaultApprovalDays).Add(7 * time.Minute)
			}
		case klusbuddy.SheetDecided:
			v := pl.Worked - 30
			approved = &v
			finalAt = out.AddDate(0, 0, 2).Add(3 * time.Hour)
		default:
			return fmt.Errorf("a past sheet is confirmed, approved or decided, not %q", pl.Sheet)
		}
		var sheet int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO timesheets (job_id, person_id, role, place, unit, proposed, state, confirmed, waiting_since,
    dispute_reason, approved, decision_note)
VALUES ($1, $2, 'worker', $3, $4, $5, $6, $7, $8, NULLIF($9, ''), $10, NULLIF($11, '')) RETURNING id`,
			jobID, w.ID, place, unitOf, proposed, pl.Sheet, pl.Worked, since, pl.Dispute, approved, pl.Decision).Scan(&sheet); err != nil {
			return fmt.Errorf("sheet: %w", err)
		}
		if err := step(sheet, "propose", nil, "system", out.Add(time.Second), proposed, ""); err != nil {
			return err
		}
		if err := step(sheet, "confirm", &w.ID, "worker", confirmedAt, &pl.Worked, ""); err != nil {
			return err
		}
		if pl.Sheet == klusbuddy.SheetConfirmed { // the poster is told, as after the worker's confirm
			if err := notify(ctx, tx, poster.ID, klusbuddy.EventHoursToApprove, map[string]any{"job_id": jobID, "sheet_id": sheet, "role": "worker"}); err != nil {
				return err
			}
		}
		switch {
		case pl.Sheet == klusbuddy.SheetApproved && pl.ApprovedBy == "":
			err = step(sheet, "approve", nil, "system", finalAt, approved, "")
		case pl.Sheet == klusbuddy.SheetApproved:
			err = step(sheet, "approve", &poster.ID, "poster", finalAt, approved, "")
		case pl.Sheet == klusbuddy.SheetDecided:
			if err = step(sheet, "dispute", &poster.ID, "poster", out.Add(20*time.Hour), nil, pl.Dispute); err == nil {
				err = step(sheet, "decide", &coordinator, "coordinator", finalAt, approved, pl.Decision)
			}
		}
		if err != nil {
			return fmt.Errorf("steps: %w", err)
		}
		if finalAt.After(today) {
			return fmt.Errorf("place %d: its sheet would end after the seed's clock (%s)", place, finalAt)
		}
		if finalAt.After(lastFinal) {
			lastFinal = finalAt
		}
		// A buddy's sheet: their time beside the worker, approved by the coordinator.
		if buddy != nil {
			minutes := int(out.Sub(in).Round(15*time.Minute) / time.Minute)
			var bsheet int64
			if err := tx.QueryRowContext(ctx, `INSERT INTO timesheets (job_id, person_id, role, place, unit, proposed, state, confirmed, approved)
VALUES ($1, $2, 'buddy', $3, 'minutes', $4, 'approved', $4, $4) RETURNING id`, jobID, buddy.ID, place, minutes).Scan(&bsheet); err != nil {
				return fmt.Errorf("buddy's sheet: %w", err)
			}
			at := out.Add(time.Hour)
			if at.After(lastFinal) && allFinal {
				lastFinal = at
			}
			for _, s := range []struct {
				what, role string
				by         *int64
				at         time.Time
			}{{"propose", "system", nil, out.Add(time.Second)}, {"confirm", "buddy", &buddy.ID, out.Add(5 * time.Minute)}, {"approve", "coordinator", &coordinator, at}} {
				if err := step(bsheet, s.what, s.by, s.role, s.at, &minutes, ""); err != nil {
					return fmt.Errorf("buddy's steps: %w", err)
				}
			}
		}

		// Feedback both ways, the day after.
		if pl.Again != nil {
			if _, err := tx.ExecContext(ctx, `INSERT INTO feedback (job_id, from_id, from_role, about_id, again, tags, comment, at)
VALUES ($1, $2, 'poster', $3, $4, $5, NULLIF($6, ''), $7)`, jobID, poster.ID, w.ID, *pl.Again, textArray(pl.Tags), pl.Comment, out.Add(22*time.Hour)); err != nil {
				return fmt.Errorf("poster's feedback: %w", err)
			}
		}
		if pl.Face != nil {
			if _, err := tx.ExecContext(ctx, `INSERT INTO feedback (job_id, from_id, from_role, about_id, face, tags, at)
VALUES ($1, $2, 'worker', $3, $4, $5, $6)`, jobID, w.ID, poster.ID, *pl.Face, textArray(pl.FaceTags), confirmedAt); err != nil {
				return fmt.Errorf("worker's feedback: %w", err)
			}
		}
	}
	if firstIn == nil {
		return fmt.Errorf("nobody came to a past job")
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO outcomes (job_id, place, outcome, by_role, at) VALUES ($1, 0, 'done', 'system', $2)`, jobID, lastOut); err != nil {
		return fmt.Errorf("outcome: %w", err)
	}
	moves = append(moves, move{"filled", "in_progress", firstIn, start}, move{"in_progress", "done", nil, lastOut})
	if allFinal {
		moves = append(moves, move{"done", "hours_confirmed", nil, lastFinal})
	}
	// Every move through move_job, as the app makes them: the guard checks each against
	// klusbuddy.JobTransitions and the move is recorded with who and when.
	if _, err := tx.ExecContext(ctx, `INSERT INTO job_transitions (job_id, from_state, to_state, actor_id, at) VALUES ($1, NULL, 'open', $2, $3)`,
		jobID, poster.ID, posted); err != nil {
		return fmt.Errorf("posting: %w", err)
	}
	for _, m := range moves[1:] {
		if _, err := tx.ExecContext(ctx, `SELECT move_job($1, $2, $3, $4)`, jobID, m.to, m.by, m.at); err != nil {
			return fmt.Errorf("move to %s: %w", m.to, err)
		}
	}
	return nil
}

// orgOf is the worker's organisation, or else the job's (a coordinator decides for either).
func orgOf(worker, job *int64) int64 {
	switch {
	case worker != nil:
		return *worker
	case job != nil:
		return *job
	}
	return 0
}
