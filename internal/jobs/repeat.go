package jobs

import (
	"context"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

var _ klusbuddy.RepeatService = (*Service)(nil)

// PostSeries posts a job once, or with r once for each date of its series, all in one
// transaction; the first is offered at once, each later one from the start of the one before
// it (the ticker sends it then), so that whoever does one is asked first for the next.
func (s *Service) PostSeries(ctx context.Context, actor klusbuddy.Principal, n klusbuddy.NewJob, r *klusbuddy.Repeat) (klusbuddy.Job, error) {
	if r == nil {
		return s.PostJob(ctx, actor, n)
	}
	if err := posterOnly(actor); err != nil {
		return klusbuddy.Job{}, err
	}
	now := s.Now()
	fe := klusbuddy.FieldErrors{}
	if err := n.Validate(now); err != nil {
		fe = fieldsOf(err)
		if fe == nil {
			return klusbuddy.Job{}, err
		}
	}
	var starts []time.Time
	if !n.Start.IsZero() {
		var err error
		if starts, err = r.Occurrences(n.Start, now, s.Loc); err != nil {
			for f, m := range fieldsOf(err) {
				fe.Add(f, m)
			}
		}
	}
	if n.WindowDays > 1 {
		fe.Add("window_days", "A job that recurs has no window of days.")
	}
	if err := fe.Err(); err != nil {
		return klusbuddy.Job{}, err
	}
	j, err := s.db.CreateSeries(ctx, actor.ID, n, r.EveryWeeks, r.Until, starts)
	if err != nil {
		return j, err
	}
	s.offer.OfferNow(ctx, j.ID)
	return s.db.Job(ctx, j.ID)
}

// fieldsOf returns the per-field messages of an EINVALID error, nil for any other.
func fieldsOf(err error) klusbuddy.FieldErrors {
	if e, ok := err.(*klusbuddy.Error); ok && e.Code == klusbuddy.EINVALID && len(e.Fields) > 0 {
		return klusbuddy.FieldErrors(e.Fields)
	}
	return nil
}

// Repost posts a new job like one of the poster's own, at a new start (and end), at the
// catalogue's price of today, checked as any new job.
func (s *Service) Repost(ctx context.Context, actor klusbuddy.Principal, jobID int64, rp klusbuddy.Repost) (klusbuddy.Job, error) {
	if err := posterOnly(actor); err != nil {
		return klusbuddy.Job{}, err
	}
	j, err := s.GetJob(ctx, actor, jobID)
	if err != nil {
		return j, err
	}
	n := j.Draft()
	n.Start = rp.Start
	if rp.End != nil {
		if !rp.End.After(rp.Start) {
			return klusbuddy.Job{}, klusbuddy.FieldErrors{"end": "Choose an end after the start."}.Err()
		}
		n.Minutes = int(rp.End.Sub(rp.Start).Minutes())
		if n.Minutes < 30 || n.Minutes > 12*60 {
			return klusbuddy.Job{}, klusbuddy.FieldErrors{"end": "Give a duration from 30 minutes to 12 hours."}.Err()
		}
	}
	if rp.Repeat != nil {
		n.WindowDays = 1
	}
	return s.PostSeries(ctx, actor, n, rp.Repeat)
}

// Series returns one of the poster's series; anyone else's is not found.
func (s *Service) Series(ctx context.Context, actor klusbuddy.Principal, id int64) (klusbuddy.Series, error) {
	if err := posterOnly(actor); err != nil {
		return klusbuddy.Series{}, err
	}
	poster, sr, err := s.db.Series(ctx, id)
	if err == nil && poster != actor.ID {
		return klusbuddy.Series{}, klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such series.")
	}
	return sr, err
}

// CancelSeries cancels every occurrence of one of the poster's series not yet started.
func (s *Service) CancelSeries(ctx context.Context, actor klusbuddy.Principal, id int64) ([]int64, error) {
	if _, err := s.Series(ctx, actor, id); err != nil {
		return nil, err
	}
	return s.db.CancelSeries(ctx, id, actor.ID, klusbuddy.FreeCancellation)
}

// Favourites lists the poster's favourites by first name.
func (s *Service) Favourites(ctx context.Context, actor klusbuddy.Principal) ([]klusbuddy.Favourite, error) {
	if err := posterOnly(actor); err != nil {
		return nil, err
	}
	return s.db.Favourites(ctx, actor.ID)
}

// AddFavourite marks "graag opnieuw" a worker who did a job for the poster.
func (s *Service) AddFavourite(ctx context.Context, actor klusbuddy.Principal, workerID int64) (klusbuddy.Favourite, error) {
	if err := posterOnly(actor); err != nil {
		return klusbuddy.Favourite{}, err
	}
	return s.db.AddFavourite(ctx, actor.ID, workerID)
}

// RemoveFavourite unmarks a favourite.
func (s *Service) RemoveFavourite(ctx context.Context, actor klusbuddy.Principal, workerID int64) error {
	if err := posterOnly(actor); err != nil {
		return err
	}
	return s.db.RemoveFavourite(ctx, actor.ID, workerID)
}
