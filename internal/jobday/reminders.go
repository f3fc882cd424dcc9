package jobday

import (
	"context"
	"log/slog"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// reminderBatch is how many jobs one statement of a sweep takes: a sweep repeats it until the
// due jobs are done, so that 18:00, when a whole day's evening reminders come due at once, is
// many short transactions rather than one long one.
const reminderBatch = 200

// Reminders sends the reminders and nudges as they come due.
type Reminders struct {
	db       Store
	log      *slog.Logger
	loc      *time.Location
	settings klusbuddy.ReminderSettings

	// Now is the clock (time.Now unless a test moves it).
	Now func() time.Time
}

// NewReminders returns the reminders' sweeper for Belgian time loc.
func NewReminders(db Store, log *slog.Logger, loc *time.Location, s klusbuddy.ReminderSettings) *Reminders {
	return &Reminders{db: db, log: log, loc: loc, settings: s, Now: time.Now}
}

// Sweep sends every reminder due now, of each kind, a batch of jobs per kind at a time.
// Instances may sweep at once: each reminder still goes out once (postgres.DB.SendReminders).
func (r *Reminders) Sweep(ctx context.Context) error {
	due := r.settings.Due(r.Now(), r.loc)
	for {
		more, err := r.db.SendReminders(ctx, due, reminderBatch)
		if err != nil || !more {
			return err
		}
	}
}

// Run sweeps every interval until ctx ends.
func (r *Reminders) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if err := r.Sweep(ctx); err != nil && ctx.Err() == nil {
			r.log.Warn("sending reminders", "error", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
