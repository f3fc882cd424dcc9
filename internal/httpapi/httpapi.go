// Package httpapi is Klusbuddy's HTTP interface: the JSON API under /api/v1, health endpoints and
// the embedded PWA. Every route is registered in this file; handlers live in one file per
// resource and speak domain types and errors only.
package httpapi

import (
	"context"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/httprate"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Deps are what the HTTP layer needs from the rest of the program.
type Deps struct {
	Logger         *slog.Logger
	Ready          func(r *http.Request) error // nil when the service can take traffic
	Alive          func(r *http.Request) error // nil unless the process is stuck for good and must be restarted
	Categories     klusbuddy.CategoryService
	Accounts       klusbuddy.AccountService
	People         klusbuddy.PeopleService
	Jobs           klusbuddy.JobService
	Offers         klusbuddy.OfferService
	Notifications  klusbuddy.NotificationService
	Buddies        klusbuddy.BuddyService
	Board          klusbuddy.BoardService
	StepIn         klusbuddy.StepInService
	Phoned         klusbuddy.PhonedService
	CategoryAdmin  klusbuddy.CategoryAdmin
	Blocks         klusbuddy.BlockService
	Day            klusbuddy.DayService
	Hours          klusbuddy.HoursService
	Feedback       klusbuddy.FeedbackService
	Repeat         klusbuddy.RepeatService
	Worked         klusbuddy.WorkedService
	Statements     klusbuddy.StatementService
	Calendar       klusbuddy.CalendarService
	Audit          klusbuddy.AuditService
	Impact         klusbuddy.ImpactService
	FollowUp       klusbuddy.FollowUpService
	Seen           func(ctx context.Context, p klusbuddy.Principal) // records a signed-in person's activity (nil: not kept)
	PokeFollowUp   func()                                           // sweeps the follow-up list now (nil: the next sweep will)
	Exports        klusbuddy.ExportService
	Idempotency    IdempotencyStore
	Live           LiveService // nil: no WebSocket (the app polls /notifications)
	Push           PushService // nil: no Web Push
	PWA            fs.FS       // the built app (pwa/dist)
	PublicURL      string      // the origin people open (https://…), for invite links, cookies and Origin checks
	HSTS           bool        // tell browsers to use https only (production with an https public URL)
	Version        string
	RequestTimeout time.Duration
	MaxBodyBytes   int64
	TrustedProxies []netip.Prefix   // reverse proxies whose X-Forwarded-For names the client
	Now            func() time.Time // the services' clock, for what the answers say about time (default time.Now)
	// ObserveRequest records each answered request by chi route pattern (nil: not recorded).
	ObserveRequest func(route, method string, status int, d time.Duration)
}

// Server holds the router and what the handlers share.
type Server struct {
	deps   Deps
	log    *slog.Logger
	router chi.Router
	pwa    *pwaHandler
}

// New builds the HTTP handler with every route.
func New(deps Deps) (*Server, error) {
	if deps.Logger == nil {
		deps.Logger = slog.New(slog.DiscardHandler)
	}
	if deps.RequestTimeout == 0 {
		deps.RequestTimeout = 30 * time.Second
	}
	if deps.MaxBodyBytes == 0 {
		deps.MaxBodyBytes = 1 << 20
	}
	if deps.Now == nil {
		deps.Now = time.Now
	}
	pwa, err := newPWAHandler(deps.PWA)
	if err != nil {
		return nil, err
	}
	s := &Server{deps: deps, log: deps.Logger, router: chi.NewRouter(), pwa: pwa}
	r := s.router
	r.Use(realClientIP(deps.TrustedProxies), withRequestID, s.accessLog, s.recoverPanics, securityHeaders(deps.HSTS), withTimeout(deps.RequestTimeout), s.limitBody(deps.MaxBodyBytes))

	r.Get("/healthz", s.healthz)
	r.Get("/readyz", s.readyz)

	// Calendar feeds, read by calendar apps without a session: the token in the path is the key
	// (never logged, see logPath). Google's and Apple's fetchers share addresses, hence a
	// generous limit.
	r.With(s.rateLimit(300, time.Minute)).Get("/calendar/{token}.ics", s.calendarFeed)

	// The public impact page: no session, cacheable, the embed the only page others may frame.
	r.Get("/impact", s.impactPage)
	r.Get("/impact/embed", s.impactEmbed)
	r.Get("/impact/impact.css", s.impactCSS)

	// Sign-in endpoints get a per-IP rate limit on top of the per-login throttle in the
	// database: it slows guessing and mass sign-ups, and a household signs up only once.
	signInLimit := s.rateLimit(30, time.Minute)
	signupLimit := s.rateLimit(10, time.Hour)

	r.Route("/api", func(r chi.Router) {
		r.Use(noStore, s.checkOrigin, s.authenticate, s.checkCSRF)
		r.Route("/v1", func(r chi.Router) {
			r.Get("/categories", s.listCategories)
			r.Get("/postcodes", s.searchPlaces)
			r.Get("/postcodes/nearest", s.nearestPlace)
			r.Get("/impact", s.publicImpactJSON)

			r.With(signupLimit).Post("/signup", s.signup)
			r.With(signInLimit).Post("/login", s.login)
			r.With(signInLimit).Post("/invites/lookup", s.lookupInvite)
			r.With(signInLimit).Post("/invites/accept", s.acceptInvite)

			r.Group(func(r chi.Router) {
				r.Use(s.requireRole())
				r.Get("/session", s.getSession)
				r.Post("/logout", s.logout)
				r.Post("/logout-all", s.logoutAll)
				r.Get("/sessions", s.listSessions)
				r.Delete("/sessions/{id}", s.deleteSession)
				r.Get("/me/profile", s.getProfile)
				r.Patch("/me/profile", s.updateProfile)
				r.Get("/me/export", s.exportMe)
				r.Get("/notifications", s.listNotifications)
				r.Get("/ws", s.live)
				r.Get("/push/key", s.pushKey)
				r.Put("/me/push-subscription", s.savePushSubscription)
				r.Delete("/me/push-subscription", s.deletePushSubscription)
				r.Delete("/me", s.eraseMe)
				r.Post("/jobs/{id}/never-again", s.neverAgain)
			})
			r.Group(func(r chi.Router) {
				r.Use(s.requireRole(klusbuddy.RoleWorker, klusbuddy.RoleBuddy, klusbuddy.RolePoster))
				r.Get("/me/calendar", s.getCalendarFeed)
				r.Post("/me/calendar", s.createCalendarFeed)
				r.Delete("/me/calendar", s.revokeCalendarFeed)
			})
			r.Group(func(r chi.Router) {
				r.Use(s.requireRole(klusbuddy.RolePoster))
				r.Post("/me/addresses", s.addAddress)
				r.Delete("/me/addresses/{id}", s.deleteAddress)
				// One limit for every way of posting: a job, a series, a repost.
				postLimit := s.rateLimit(60, time.Hour)
				r.With(postLimit).Post("/jobs", s.postJob)
				r.With(postLimit).Post("/jobs/{id}/repost", s.repost)
				r.Get("/series/{id}", s.getSeries)
				r.Post("/series/{id}/cancel", s.cancelSeries)
				r.Get("/me/favourites", s.listFavourites)
				r.Put("/me/favourites/{worker}", s.addFavourite)
				r.Delete("/me/favourites/{worker}", s.removeFavourite)
				r.Get("/jobs", s.listJobs)
				r.Get("/jobs/{id}", s.getJob)
				r.Patch("/jobs/{id}", s.editJob)
				r.Post("/jobs/{id}/cancel", s.cancelJob)
				r.Get("/jobs/{id}/hours", s.jobSheets)
				r.Post("/jobs/{id}/hours/{sheet}/approve", s.stepSheet(klusbuddy.RolePoster, klusbuddy.StepApprove))
				r.Post("/jobs/{id}/hours/{sheet}/dispute", s.stepSheet(klusbuddy.RolePoster, klusbuddy.StepDispute))
				r.Get("/jobs/{id}/feedback", s.posterJobFeedback)
				r.Post("/jobs/{id}/feedback", s.givePosterFeedback)
				r.Get("/me/statements", s.statementMonths)
				r.Get("/me/statements/{month}", s.monthStatement)
			})
			r.Group(func(r chi.Router) {
				r.Use(s.requireRole(klusbuddy.RolePoster, klusbuddy.RoleCoordinator))
				r.Get("/jobs/{id}/statement", s.jobStatement)
			})
			r.Group(func(r chi.Router) {
				r.Use(s.requireRole(klusbuddy.RoleWorker))
				r.Get("/offers", s.listOffers)
				r.Post("/offers/{id}/accept", s.acceptOffer)
				r.Post("/offers/{id}/decline", s.declineOffer)
				r.Get("/me/assignments", s.listAssignments)
				r.Post("/me/assignments/{id}/drop-out", s.dropOut)
				r.Post("/me/assignments/{id}/check-in", s.tap(klusbuddy.RoleWorker, checkIn))
				r.Post("/me/assignments/{id}/check-out", s.tap(klusbuddy.RoleWorker, checkOut))
				r.Post("/me/assignments/{id}/safety", s.reportUnsafe(klusbuddy.RoleWorker))
				r.Get("/me/assignments/{id}/hours", s.mySheet(klusbuddy.RoleWorker))
				r.Post("/me/assignments/{id}/hours/confirm", s.stepSheet(klusbuddy.RoleWorker, klusbuddy.StepConfirm))
				r.Get("/me/assignments/{id}/feedback", s.myJobFeedback(klusbuddy.RoleWorker))
				r.Post("/me/assignments/{id}/feedback", s.giveJobFeedback(klusbuddy.RoleWorker))
				r.Get("/me/hours", s.myHours)
			})
			r.Group(func(r chi.Router) {
				r.Use(s.requireRole(klusbuddy.RoleBuddy))
				r.Get("/me/buddy-requests", s.listBuddyRequests)
				r.Post("/me/buddy-requests/{id}/confirm", s.confirmBuddyRequest)
				r.Post("/me/buddy-requests/{id}/decline", s.declineBuddyRequest)
				r.Get("/me/accompaniments", s.listAccompaniments)
				r.Post("/me/accompaniments/{id}/drop-out", s.buddyDropOut)
				r.Post("/me/accompaniments/{id}/check-in", s.tap(klusbuddy.RoleBuddy, checkIn))
				r.Post("/me/accompaniments/{id}/check-out", s.tap(klusbuddy.RoleBuddy, checkOut))
				r.Post("/me/accompaniments/{id}/safety", s.reportUnsafe(klusbuddy.RoleBuddy))
				r.Put("/me/accompaniments/{id}/meeting", s.setMeeting)
				r.Get("/me/accompaniments/{id}/hours", s.mySheet(klusbuddy.RoleBuddy))
				r.Post("/me/accompaniments/{id}/hours/confirm", s.stepSheet(klusbuddy.RoleBuddy, klusbuddy.StepConfirm))
				r.Get("/me/accompaniments/{id}/feedback", s.myJobFeedback(klusbuddy.RoleBuddy))
				r.Post("/me/accompaniments/{id}/feedback", s.giveJobFeedback(klusbuddy.RoleBuddy))
				r.Get("/me/volunteer-hours", s.myVolunteerHours)
			})
			r.Group(func(r chi.Router) {
				r.Use(s.requireRole(klusbuddy.RoleCoordinator), s.audited)
				r.Get("/org/people", s.listPeople)
				r.Post("/org/people", s.createPerson)
				r.Get("/org/people/{id}", s.getPerson)
				r.Patch("/org/people/{id}", s.updatePerson)
				r.Post("/org/people/{id}/invite", s.newInvite)
				r.Get("/org/people/{id}/blocks", s.personBlocks)
				r.Delete("/org/people/{id}/blocks/{poster}", s.unblock)
				r.Get("/org/people/{id}/feedback", s.personFeedback)
				r.Get("/org/posters/{id}/feedback", s.posterFeedback)
				r.Get("/org/jobs", s.board)
				r.Get("/org/jobs/{id}", s.reviewJob)
				r.Post("/org/jobs/{id}/reoffer", s.reoffer)
				r.Post("/org/jobs/{id}/outcome", s.recordOutcome)
				r.Get("/org/jobs/{id}/candidates", s.stepInCandidates)
				r.Post("/org/jobs/{id}/assign", s.stepInChoice(true))
				r.Post("/org/jobs/{id}/offers", s.stepInChoice(false))
				r.Post("/org/jobs/{id}/cancel", s.cancelJobFor)
				r.Post("/org/offers/{id}/accept", s.acceptOfferFor)
				r.Post("/org/offers/{id}/decline", s.declineOfferFor)
				r.Get("/org/posters", s.listKeptPosters)
				r.Post("/org/posters", s.createPhonedPoster)
				r.Post("/org/posters/{id}/jobs", s.postJobFor)
				r.Get("/org/safety", s.listSafetyReports)
				r.Post("/org/safety/{id}/ack", s.acknowledgeSafety)
				r.Get("/org/hours", s.orgSheets)
				r.Post("/org/hours/{id}/approve", s.stepSheet(klusbuddy.RoleCoordinator, klusbuddy.StepApprove))
				r.Post("/org/hours/{id}/confirm", s.stepSheet(klusbuddy.RoleCoordinator, klusbuddy.StepConfirm))
				r.Post("/org/hours/{id}/decide", s.stepSheet(klusbuddy.RoleCoordinator, klusbuddy.StepDecide))
				r.Get("/org/settings", s.orgSettings)
				r.Patch("/org/settings", s.updateOrgSettings)
				r.Get("/org/figures", s.orgFigures)
				r.Get("/org/impact", s.orgImpact)
				r.Get("/org/impact/values", s.impactValues)
				r.Put("/org/impact/values", s.setImpactValues)
				r.Get("/org/audit", s.orgAudit)
				r.Get("/org/follow-up", s.followUpList)
				r.Post("/org/follow-up/{person}/actions", s.followUpAct)
				r.Get("/org/people/{id}/follow-up", s.followUpHistory)
				r.Get("/org/exports/jobs.csv", s.exportJobs(false))
				r.Get("/org/exports/assignments.csv", s.exportAssignments(false))
			})
			r.Group(func(r chi.Router) {
				r.Use(s.requireRole(klusbuddy.RoleAdmin), s.audited)
				r.Get("/admin/organisations", s.listOrganisations)
				r.Post("/admin/organisations", s.createOrganisation)
				r.Post("/admin/invites", s.inviteStaff)
				r.Get("/admin/categories", s.adminCategories)
				r.Post("/admin/categories", s.createCategory)
				r.Patch("/admin/categories/{slug}", s.updateCategory)
				r.Get("/admin/audit", s.adminAudit)
				r.Get("/admin/impact", s.adminImpact)
				r.Get("/admin/exports/jobs.csv", s.exportJobs(true))
				r.Get("/admin/exports/assignments.csv", s.exportAssignments(true))
			})
		})
		r.NotFound(s.apiNotFound)
		r.MethodNotAllowed(s.apiMethodNotAllowed)
	})

	r.NotFound(pwa.ServeHTTP)
	r.MethodNotAllowed(pwa.ServeHTTP)
	return s, nil
}

// PWABuilt reports whether the app was built into the binary; without it only the API works.
func (s *Server) PWABuilt() bool { return s.pwa.Built() }

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.router.ServeHTTP(w, r) }

// Routes lists every registered route as "METHOD /pattern", for the API description test.
func (s *Server) Routes() []string {
	var out []string
	chi.Walk(s.router, func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		out = append(out, method+" "+route)
		return nil
	})
	return out
}

func (s *Server) apiNotFound(w http.ResponseWriter, r *http.Request) {
	writeError(w, r, s.log, klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no API endpoint at %s.", r.URL.Path))
}

func (s *Server) apiMethodNotAllowed(w http.ResponseWriter, r *http.Request) {
	writeError(w, r, s.log, klusbuddy.Errorf(eMethod, "This endpoint does not accept %s.", r.Method))
}

// rateLimit allows n requests per IP address per window, answering 429 problems beyond. The
// address is the connection's, which realClientIP has already replaced by the client's when a
// trusted proxy forwarded the request.
func (s *Server) rateLimit(n int, window time.Duration) func(http.Handler) http.Handler {
	byAddress := func(r *http.Request) (string, error) {
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			return r.RemoteAddr, nil
		}
		return host, nil
	}
	return httprate.LimitBy(n, window, byAddress,
		httprate.WithLimitHandler(func(w http.ResponseWriter, r *http.Request) {
			writeError(w, r, s.log, &klusbuddy.Error{Code: klusbuddy.ETOOMANY, RetryAfter: window,
				Message: "Too many requests from this address. Try again later."})
		}))
}

// noStore keeps API answers out of every cache: they are personal and change all the time.
func noStore(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}
