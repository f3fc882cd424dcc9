// Package app wires Klusbuddy's parts into one running instance on a database: the services,
// the HTTP API with live updates and Web Push, and the loops that run beside it (the outbox's
// sequencer, the dispatcher's ticker, the push sender, purging). `klusbuddy serve` and the
// integration tests start instances through New and Run alone, so that what is tested is wired
// as it runs.
package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/accounts"
	"github.com/klusbuddy/klusbuddy/internal/calendar"
	"github.com/klusbuddy/klusbuddy/internal/dispatch"
	"github.com/klusbuddy/klusbuddy/internal/followup"
	"github.com/klusbuddy/klusbuddy/internal/hours"
	"github.com/klusbuddy/klusbuddy/internal/httpapi"
	"github.com/klusbuddy/klusbuddy/internal/impact"
	"github.com/klusbuddy/klusbuddy/internal/jobday"
	"github.com/klusbuddy/klusbuddy/internal/jobs"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
	"github.com/klusbuddy/klusbuddy/internal/metrics"
	"github.com/klusbuddy/klusbuddy/internal/password"
	"github.com/klusbuddy/klusbuddy/internal/postgres"
	"github.com/klusbuddy/klusbuddy/internal/push"
	"github.com/klusbuddy/klusbuddy/internal/realtime"
	"github.com/klusbuddy/klusbuddy/internal/statements"
)

// Options are an instance's settings; zero values take the defaults noted.
type Options struct {
	Logger *slog.Logger
	// Now is the clock of every service (default time.Now). New sets the store's to the same,
	// so that a test moves time for all of them at once.
	Now      func() time.Time
	Location *time.Location // Belgium (default Europe/Brussels)

	Dispatch       dispatch.Settings          // zero fields: dispatch.DefaultSettings
	Reminders      klusbuddy.ReminderSettings // default klusbuddy.DefaultReminders
	CheckInRadius  float64                    // metres; a check-in farther away is flagged (default jobday.DefaultRadius)
	Approval       klusbuddy.ApprovalSettings // how long hours wait for a step (default klusbuddy.DefaultApprovalDays)
	Keep           Keep                       // how long positions and notifications are kept (default 30 and 180 days)
	PasswordParams password.Params            // argon2id's costs (default password.Default)
	Live           realtime.Settings
	Push           push.Settings
	PushKeys       push.Keys // no public key: the pair kept in the database (made by the first instance)
	PushHosts      []string  // push services subscriptions may point at

	PWA            fs.FS  // the built app (pwa/dist)
	PublicURL      string // the origin people open
	Production     bool   // KLUSBUDDY_ENV=production: browsers are told to use https only (with an https public URL)
	Version        string
	RequestTimeout time.Duration
	MaxBodyBytes   int64
	TrustedProxies []netip.Prefix

	TickEvery     time.Duration // how often the dispatcher expires offers and sends waves (default 5 s)
	SequenceEvery time.Duration // the sequencer's safety net without a NOTIFY (default 5 s)
	PurgeEvery    time.Duration // how often expired sessions, invites and pushes are deleted (default 1 h)
	RemindEvery   time.Duration // how often reminders and nudges that came due are sent (default 30 s)
	HoursEvery    time.Duration // how often hours whose deadline passed are confirmed or approved (default 1 min)
	FollowUpEvery time.Duration // how often the follow-up list is swept for people entering it (default 1 min)
}

// Instance is one running Klusbuddy: API is its HTTP handler; Run runs the rest.
type Instance struct {
	DB         *postgres.DB
	API        *httpapi.Server
	Hub        *realtime.Hub
	Dispatcher *dispatch.Dispatcher
	Reminders  *jobday.Reminders
	Hours      *hours.Service
	FollowUp   *followup.Service
	Sender     *push.Sender
	Keys       push.Keys
	// Metrics is the instance's Prometheus registry; Metrics.Handler serves /metrics, on its
	// own listen address (KLUSBUDDY_METRICS_ADDR), never on API.
	Metrics *metrics.Metrics

	log  *slog.Logger
	opts Options
}

// New wires an instance on db, which is migrated already.
func New(ctx context.Context, db *postgres.DB, o Options) (*Instance, error) {
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Location == nil {
		loc, err := time.LoadLocation("Europe/Brussels")
		if err != nil {
			return nil, err
		}
		o.Location = loc
	}
	if o.PasswordParams == (password.Params{}) {
		o.PasswordParams = password.Default
	}
	db.Now = o.Now
	log := o.Logger

	dispatcher := dispatch.New(db, log, o.Location, o.Dispatch)
	dispatcher.Now = o.Now
	accountService, err := accounts.New(db, log, o.PasswordParams)
	if err != nil {
		return nil, err
	}
	accountService.Now = o.Now
	people := accounts.NewPeople(db, dispatcher)
	people.Now = o.Now
	jobService := jobs.New(db, dispatcher)
	jobService.Now = o.Now
	jobService.Loc = o.Location
	hub := realtime.New(db, log, o.Live)
	day := jobday.New(db, o.CheckInRadius)
	day.Now = o.Now
	if o.Reminders == (klusbuddy.ReminderSettings{}) {
		o.Reminders = klusbuddy.DefaultReminders
	}
	reminders := jobday.NewReminders(db, log, o.Location, o.Reminders)
	reminders.Now = o.Now
	hoursService := hours.New(db, log, o.Approval)
	hoursService.Now = o.Now
	worked := hours.NewWorked(db, o.Location)
	worked.Now = o.Now
	figures := impact.New(db, o.Location)
	figures.Now = o.Now
	feeds := calendar.New(db, o.Location)
	feeds.Now = o.Now
	followUp := followup.New(db, log, o.Location)
	followUp.Now = o.Now
	activity := followup.NewActivity(db, log)
	activity.Now = o.Now

	keys, err := pushKeys(ctx, db, o.PushKeys)
	if err != nil {
		return nil, err
	}
	m := metrics.New()
	m.WatchDB("klusbuddy", db.Pool())
	m.WatchConnections(hub.Connections)
	m.WatchOutboxLag(func(ctx context.Context) (int64, error) {
		last, err := db.LastEventID(ctx)
		return max(0, last-hub.Delivered()), err
	})
	db.SequencerRan = m.LoopRan("sequencer")
	dispatcher.Accepted, dispatcher.OffersSent, dispatcher.Ran = m.Accept, m.OffersSent, m.LoopRan("dispatcher")

	o.Push.Now = o.Now
	o.Push.Result, o.Push.Ran = m.Push, m.LoopRan("push_sender")
	sender := push.NewSender(db, keys, log, o.Push)

	api, err := httpapi.New(httpapi.Deps{
		Logger:         log,
		Ready:          func(r *http.Request) error { return db.Ready(r.Context()) },
		Alive:          func(r *http.Request) error { return db.Live(r.Context()) },
		Categories:     jobService,
		Accounts:       accountService,
		People:         people,
		Jobs:           jobService,
		Offers:         dispatcher,
		Notifications:  hub,
		Buddies:        dispatcher,
		Board:          dispatcher,
		StepIn:         dispatcher,
		Phoned:         jobService,
		CategoryAdmin:  jobService,
		Blocks:         jobService,
		Day:            day,
		Hours:          hoursService,
		Feedback:       db,
		Repeat:         jobService,
		Worked:         worked,
		Statements:     statements.New(db, o.Location),
		Calendar:       feeds,
		Audit:          db,
		Impact:         figures,
		FollowUp:       followUp,
		Seen:           activity.Seen,
		PokeFollowUp:   followUp.Poke,
		Exports:        db,
		Idempotency:    db,
		Live:           hub,
		Push:           push.NewSubscriptions(db, keys.Public, o.PushHosts),
		PublicURL:      o.PublicURL,
		HSTS:           o.Production && strings.HasPrefix(o.PublicURL, "https://"),
		PWA:            o.PWA,
		Version:        o.Version,
		RequestTimeout: o.RequestTimeout,
		MaxBodyBytes:   o.MaxBodyBytes,
		TrustedProxies: o.TrustedProxies,
		Now:            o.Now,
		ObserveRequest: m.ObserveRequest,
	})
	if err != nil {
		return nil, err
	}
	return &Instance{DB: db, API: api, Hub: hub, Dispatcher: dispatcher, Reminders: reminders, Hours: hoursService, FollowUp: followUp, Sender: sender, Keys: keys, Metrics: m, log: log, opts: o}, nil
}

// pushKeys are the configured Web Push keys, or the ones kept in the database (made by the
// first instance that started without configured keys).
func pushKeys(ctx context.Context, db *postgres.DB, keys push.Keys) (push.Keys, error) {
	if keys.Public == "" {
		var err error
		if keys.Public, keys.Private, err = db.VAPIDKeys(ctx, push.GenerateKeys); err != nil {
			return keys, fmt.Errorf("web push keys: %w", err)
		}
	}
	if err := push.CheckKeys(keys.Public, keys.Private); err != nil {
		return keys, fmt.Errorf("KLUSBUDDY_VAPID_PUBLIC_KEY and KLUSBUDDY_VAPID_PRIVATE_KEY: %v", err)
	}
	return keys, nil
}

// Run runs the instance's loops until ctx ends: the live-updates hub (it takes sockets once
// Hub.Started is closed), the outbox's sequencer, the dispatcher's ticker, the push sender,
// the reminders and purging. It returns once they have all stopped (the hub having closed its sockets with 1001),
// with an error when one could not start or stopped before ctx ended.
func (i *Instance) Run(ctx context.Context) error {
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	var wg sync.WaitGroup
	errs := make(chan error, 10) // one per loop: none blocks when several stop
	loop := func(name string, run func(context.Context) error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := run(ctx)
			if ctx.Err() == nil { // a loop that ends on its own stops the instance
				if err == nil {
					err = errors.New("stopped")
				}
				errs <- fmt.Errorf("%s: %w", name, err)
				stop()
			}
		}()
	}
	loop("live updates", func(ctx context.Context) error { return i.Hub.Run(ctx, i.DB.URL()) })
	loop("outbox sequencer", func(ctx context.Context) error { return i.DB.RunSequencer(ctx, i.opts.SequenceEvery) })
	loop("dispatcher", func(ctx context.Context) error {
		i.Dispatcher.Run(ctx, orDefault(i.opts.TickEvery, 5*time.Second))
		return nil
	})
	loop("push sender", func(ctx context.Context) error { i.Sender.Run(ctx); return nil })
	loop("reminders", func(ctx context.Context) error {
		i.Reminders.Run(ctx, orDefault(i.opts.RemindEvery, 30*time.Second))
		return nil
	})
	loop("hours", func(ctx context.Context) error {
		i.Hours.Run(ctx, orDefault(i.opts.HoursEvery, time.Minute))
		return nil
	})
	loop("follow-up", func(ctx context.Context) error {
		i.FollowUp.Run(ctx, orDefault(i.opts.FollowUpEvery, time.Minute))
		return nil
	})
	loop("purging", func(ctx context.Context) error { i.purge(ctx, orDefault(i.opts.PurgeEvery, time.Hour)); return nil })
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}

func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

// Keep is how long data that is only useful for a while is kept (the data lifecycle, docs/operations.md).
type Keep struct {
	Positions     time.Duration // positions from check-ins and check-outs, and of acknowledged safety reports
	Notifications time.Duration // notifications: the news list
}

// purge deletes expired sessions, invites and sign-in counters, old positions and old
// notifications every interval until ctx ends. Every instance may run it: it is idempotent.
func (i *Instance) purge(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if n, err := i.DB.PurgeExpired(ctx); err != nil && ctx.Err() == nil {
			i.log.Warn("purging expired sessions and invites", "error", err)
		} else if n > 0 {
			i.log.Info("purged expired sessions, invites and sign-in counters", "rows", n)
		}
		keep := i.opts.Keep
		if n, err := i.DB.PruneHistory(ctx, orDefault(keep.Positions, 30*24*time.Hour), orDefault(keep.Notifications, 180*24*time.Hour)); err != nil && ctx.Err() == nil {
			i.log.Warn("pruning old positions and notifications", "error", err)
		} else if n > 0 {
			i.log.Info("pruned old positions and notifications", "rows", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
