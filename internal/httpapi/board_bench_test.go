package httpapi_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// BenchmarkBoardEvents measures what the live board adds to a write: one change of a job that
// a job organisation and a worker's organisation both follow, committed and sequenced into the
// outbox, with N coordinators (open boards) in each organisation. "board" is the change with
// its board_changed triggers; "alerts" is the same change with the triggers off and instead a
// coordinator_alert written to every coordinator of both organisations in the transaction (the
// existing alerts path, one row per coach); "bare" is the change alone. The socket delivery
// after the outbox is the hub's, the same for both kinds.
//
//	go test -run '^$' -bench BoardEvents -benchtime 2000x ./internal/httpapi/
func BenchmarkBoardEvents(b *testing.B) {
	for _, n := range []int{2, 50} {
		a := newApp(b)
		poster := a.signedIn(a.person(klusbuddy.RolePoster, "", 8))
		job := postCleaning(b, poster, nextTuesday10(), 1)
		// N coordinators in each organisation; the job belongs to one, a worker of the other is
		// asked.
		a.sql.MustExec(`INSERT INTO users (role, organisation_id, first_name, email)
SELECT 'coordinator', o.id, 'Coach', 'bench-' || o.id || '-' || g || '@example.be'
FROM organisations o, generate_series(1, $1) g`, n-1)
		var orgA, orgB int64
		a.sql.QueryRow(`SELECT min(id), max(id) FROM organisations`).Scan(&orgA, &orgB)
		a.sql.MustExec(`UPDATE jobs SET organisation_id = $1 WHERE id = $2`, orgA, job)
		a.sql.MustExec(`UPDATE offers SET state = 'pending' WHERE job_id = $1`, job)
		a.sql.MustExec(`UPDATE offers SET worker_id = (SELECT id FROM users WHERE role = 'worker' AND organisation_id = $2 LIMIT 1)
WHERE id = (SELECT min(id) FROM offers WHERE job_id = $1)`, job, orgB)
		ctx := context.Background()
		run := func(name, change string, triggers bool) {
			b.Run(name+"/coaches="+strconv.Itoa(n), func(b *testing.B) {
				state := "ENABLE"
				if !triggers {
					state = "DISABLE"
				}
				a.sql.MustExec(`ALTER TABLE jobs ` + state + ` TRIGGER board_changed_update`)
				defer a.sql.MustExec(`ALTER TABLE jobs ENABLE TRIGGER board_changed_update`)
				if _, err := a.db.SequenceNotifications(ctx); err != nil {
					b.Fatal(err)
				}
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					a.sql.MustExec(change, job, orgA, orgB)
					if _, err := a.db.SequenceNotifications(ctx); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		const touch = `UPDATE jobs SET level = 1 + (level % 3) WHERE id = $1 AND $2::bigint IS NOT NULL AND $3::bigint IS NOT NULL`
		run("bare", touch, false)
		run("alerts", `WITH touched AS (`+touch+` RETURNING id)
INSERT INTO notification_queue (user_id, kind, data)
SELECT c.id, 'coordinator_alert', jsonb_build_object('job_id', t.id, 'reason', 'unfilled')
FROM touched t JOIN users c ON c.role = 'coordinator' AND c.organisation_id IN ($2, $3)`, false)
		run("board", touch, true)
	}
}
