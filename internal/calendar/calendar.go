// Package calendar is a person's calendar feed (issue 11): a private iCalendar address with
// their booked jobs, made, renewed and revoked from the devices screen, and the feed itself,
// written with github.com/arran4/golang-ical.
package calendar

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"regexp"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Store is what the feed needs of storage (internal/postgres).
type Store interface {
	CalendarFeed(ctx context.Context, userID int64) (klusbuddy.CalendarFeed, error)
	SaveCalendarFeed(ctx context.Context, userID int64, tokenHash []byte, at time.Time) error
	DeleteCalendarFeed(ctx context.Context, userID int64) error
	// CalendarByToken is the feed of a token's owner with the jobs that ended after since;
	// ENOTFOUND for an unknown token.
	CalendarByToken(ctx context.Context, tokenHash []byte, since time.Time) (klusbuddy.Calendar, error)
}

// Service implements klusbuddy.CalendarService.
type Service struct {
	db    Store
	loc   *time.Location // the time zone of the events (Europe/Brussels)
	cache *written

	// Now is the clock (time.Now unless a test moves it).
	Now func() time.Time
}

var _ klusbuddy.CalendarService = (*Service)(nil)

// New returns the feed's service, with events in loc (Belgium's time).
func New(db Store, loc *time.Location) *Service {
	return &Service{db: db, loc: loc, cache: newWritten(cacheBytes), Now: time.Now}
}

func mayHave(actor klusbuddy.Principal) error {
	if !klusbuddy.HasCalendar(actor.Role) {
		return klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "Only workers, buddies and posters have a calendar feed.")
	}
	return nil
}

// CalendarFeed says whether the actor has a feed and since when (never its address).
func (s *Service) CalendarFeed(ctx context.Context, actor klusbuddy.Principal) (klusbuddy.CalendarFeed, error) {
	if err := mayHave(actor); err != nil {
		return klusbuddy.CalendarFeed{}, err
	}
	return s.db.CalendarFeed(ctx, actor.ID)
}

// CreateCalendarFeed makes a new token for the actor's feed; an earlier one stops working.
func (s *Service) CreateCalendarFeed(ctx context.Context, actor klusbuddy.Principal) (klusbuddy.CalendarFeed, error) {
	if err := mayHave(actor); err != nil {
		return klusbuddy.CalendarFeed{}, err
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(errors.New("crypto/rand failed: " + err.Error())) // the OS has no randomness: nothing is safe
	}
	token := base64.RawURLEncoding.EncodeToString(b)
	now := s.Now().UTC().Truncate(time.Microsecond)
	if err := s.db.SaveCalendarFeed(ctx, actor.ID, hash(token), now); err != nil {
		return klusbuddy.CalendarFeed{}, err
	}
	return klusbuddy.CalendarFeed{Exists: true, CreatedAt: &now, Token: token}, nil
}

// RevokeCalendarFeed ends the actor's feed; without one it does nothing.
func (s *Service) RevokeCalendarFeed(ctx context.Context, actor klusbuddy.Principal) error {
	if err := mayHave(actor); err != nil {
		return err
	}
	return s.db.DeleteCalendarFeed(ctx, actor.ID)
}

// tokenShape is what CreateCalendarFeed makes: 32 random bytes in base64url.
var tokenShape = regexp.MustCompile(`^[A-Za-z0-9_-]{43}$`)

// CalendarICS writes the feed of a token.
func (s *Service) CalendarICS(ctx context.Context, token, base string) ([]byte, error) {
	if !tokenShape.MatchString(token) {
		return nil, notFound()
	}
	now := s.Now()
	c, err := s.db.CalendarByToken(ctx, hash(token), now.Add(-klusbuddy.CalendarHistory))
	if err != nil {
		return nil, err
	}
	// Calendar apps fetch a feed every hour or so and it rarely changes in between: the
	// document written last for the same content is served again (see written).
	key := s.cache.fingerprint(c, base)
	if b, ok := s.cache.get(c.UserID, key); ok {
		return b, nil
	}
	b, err := Write(c, Options{Base: base, Location: s.loc})
	if err == nil {
		s.cache.put(c.UserID, key, b)
	}
	return b, err
}

func notFound() error {
	return klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no calendar at this address; make a new link in the app.")
}

func hash(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}
