// Package jobs lets posters post, follow, edit and cancel their jobs, at the prices of the
// catalogue that admins keep; and records "never again" between a poster and a person.
// Matching and offers live in internal/match and internal/dispatch.
package jobs

import (
	"context"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Store is what jobs need of storage (internal/postgres).
type Store interface {
	CreateJob(ctx context.Context, posterID int64, n klusbuddy.NewJob) (jobID int64, err error)
	Job(ctx context.Context, id int64) (klusbuddy.Job, error)
	PosterJobs(ctx context.Context, posterID int64) ([]klusbuddy.Job, error)
	CancelJob(ctx context.Context, id, actor int64, window time.Duration) (late bool, err error)
	EditJob(ctx context.Context, id, actor int64, check func(j klusbuddy.Job, booked int) (klusbuddy.Edit, error)) (wave bool, err error)
	// PosterContacts fills in whom the poster may call about the job (klusbuddy.ContactsFor).
	PosterContacts(ctx context.Context, j *klusbuddy.Job) error

	ListCategories(ctx context.Context) ([]klusbuddy.Category, error)
	AllCategories(ctx context.Context) ([]klusbuddy.Category, error)
	CreateCategory(ctx context.Context, c klusbuddy.Category) (klusbuddy.Category, error)
	UpdateCategory(ctx context.Context, c klusbuddy.Category) (klusbuddy.Category, error)

	CreateSeries(ctx context.Context, posterID int64, n klusbuddy.NewJob, everyWeeks int, until string, starts []time.Time) (klusbuddy.Job, error)
	Series(ctx context.Context, id int64) (posterID int64, s klusbuddy.Series, err error)
	CancelSeries(ctx context.Context, seriesID, actor int64, window time.Duration) ([]int64, error)
	Favourites(ctx context.Context, posterID int64) ([]klusbuddy.Favourite, error)
	AddFavourite(ctx context.Context, posterID, workerID int64) (klusbuddy.Favourite, error)
	RemoveFavourite(ctx context.Context, posterID, workerID int64) error

	CreatePhonedPoster(ctx context.Context, org int64, p klusbuddy.PhonedPoster) (klusbuddy.PhonedPoster, error)
	KeptPosters(ctx context.Context, org int64) ([]klusbuddy.PhonedPoster, error)
	CreateJobFor(ctx context.Context, posterID, org, by int64, n klusbuddy.NewJob) (klusbuddy.Job, error)

	BlockFromJob(ctx context.Context, jobID int64, by klusbuddy.Principal, place int, personID int64) error
	PersonBlocks(ctx context.Context, personID int64) ([]klusbuddy.Block, error)
	Unblock(ctx context.Context, personID, posterID int64) error
}

// Offering is the dispatcher (dispatch.Dispatcher.OfferNow): a job posted, or changed in what
// matching looks at, is offered at once, before the poster gets the answer.
type Offering interface {
	OfferNow(ctx context.Context, jobID int64)
}

// Service implements klusbuddy.JobService, CategoryService, CategoryAdmin and BlockService.
type Service struct {
	db    Store
	offer Offering

	// Now is the clock (time.Now unless a test moves it).
	Now func() time.Time
	// Loc is Belgium's time zone, in which a series keeps its weekday and time.
	Loc *time.Location
}

var _ klusbuddy.JobService = (*Service)(nil)

// New returns the job service.
func New(db Store, offer Offering) *Service {
	loc, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		loc = time.UTC
	}
	return &Service{db: db, offer: offer, Now: time.Now, Loc: loc}
}

func posterOnly(actor klusbuddy.Principal) error {
	if actor.Role != klusbuddy.RolePoster {
		return klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "Only posters post jobs.")
	}
	return nil
}

// PostJob checks and stores a poster's new job, and sends its first wave of offers.
func (s *Service) PostJob(ctx context.Context, actor klusbuddy.Principal, n klusbuddy.NewJob) (klusbuddy.Job, error) {
	if err := posterOnly(actor); err != nil {
		return klusbuddy.Job{}, err
	}
	if err := n.Validate(s.Now()); err != nil {
		return klusbuddy.Job{}, err
	}
	id, err := s.db.CreateJob(ctx, actor.ID, n)
	if err != nil {
		return klusbuddy.Job{}, err
	}
	s.offer.OfferNow(ctx, id)
	return s.db.Job(ctx, id) // its state after the first wave
}

// PosterJobs lists the poster's own jobs.
func (s *Service) PosterJobs(ctx context.Context, actor klusbuddy.Principal) ([]klusbuddy.Job, error) {
	if err := posterOnly(actor); err != nil {
		return nil, err
	}
	jobs, err := s.db.PosterJobs(ctx, actor.ID)
	for i := range jobs {
		if err == nil {
			err = s.db.PosterContacts(ctx, &jobs[i])
		}
	}
	return jobs, err
}

// GetJob returns one of the poster's own jobs; anyone else's is not found.
func (s *Service) GetJob(ctx context.Context, actor klusbuddy.Principal, id int64) (klusbuddy.Job, error) {
	if err := posterOnly(actor); err != nil {
		return klusbuddy.Job{}, err
	}
	j, err := s.db.Job(ctx, id)
	if err == nil && j.PosterID != actor.ID {
		return klusbuddy.Job{}, klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such job.")
	}
	if err == nil {
		err = s.db.PosterContacts(ctx, &j)
	}
	return j, err
}

// CancelJob cancels one of the poster's jobs: free until FreeCancellation before the start,
// recorded as late after that.
func (s *Service) CancelJob(ctx context.Context, actor klusbuddy.Principal, id int64) (bool, error) {
	if _, err := s.GetJob(ctx, actor, id); err != nil {
		return false, err
	}
	return s.db.CancelJob(ctx, id, actor.ID, klusbuddy.FreeCancellation)
}

// EditJob changes one of the poster's jobs until it is filled (klusbuddy.CheckEdit says what
// may change). After a change to its time, place or work (or more places on an unfilled job)
// the job is offered again at once.
func (s *Service) EditJob(ctx context.Context, actor klusbuddy.Principal, id int64, patch func(klusbuddy.NewJob) (klusbuddy.NewJob, error)) (klusbuddy.Job, error) {
	if _, err := s.GetJob(ctx, actor, id); err != nil {
		return klusbuddy.Job{}, err
	}
	wave, err := s.db.EditJob(ctx, id, actor.ID, func(j klusbuddy.Job, booked int) (klusbuddy.Edit, error) {
		next, err := patch(j.Draft())
		if err != nil {
			return klusbuddy.Edit{}, err
		}
		return klusbuddy.CheckEdit(j, next, booked, s.Now())
	})
	if err != nil {
		return klusbuddy.Job{}, err
	}
	if wave {
		s.offer.OfferNow(ctx, id)
	}
	return s.db.Job(ctx, id)
}
