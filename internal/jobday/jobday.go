// Package jobday is the day of a job: check-in and check-out from a phone that may have been
// offline, the buddy's meeting point, a safe way out, the outcomes coordinators record, and the
// reminders and nudges that go out around the start.
package jobday

import (
	"context"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
	"github.com/klusbuddy/klusbuddy/internal/match"
)

// Store is what the day needs of storage (internal/postgres).
type Store interface {
	CheckIn(ctx context.Context, t klusbuddy.Tap, personID int64, a klusbuddy.Arrival, decide func(klusbuddy.Booked) (klusbuddy.Attendance, error)) (klusbuddy.Attendance, error)
	CheckOut(ctx context.Context, t klusbuddy.Tap, personID int64, a klusbuddy.Arrival, decide func(klusbuddy.Booked) error) (klusbuddy.Attendance, error)
	ReportUnsafe(ctx context.Context, t klusbuddy.Tap, personID int64, a klusbuddy.Arrival, decide func(klusbuddy.Booked) (*float64, error)) (klusbuddy.SafetyAnswer, error)
	SetMeeting(ctx context.Context, assignmentID, buddyID int64, m klusbuddy.Meeting, check func(start time.Time) error) error
	SafetyReports(ctx context.Context, org int64) ([]klusbuddy.SafetyReport, error)
	AcknowledgeSafety(ctx context.Context, id, org, by int64, followUp string) (klusbuddy.SafetyReport, error)
	RecordOutcome(ctx context.Context, jobID int64, place int, o klusbuddy.Outcome, close bool, actor klusbuddy.Principal) error
	SendReminders(ctx context.Context, due []klusbuddy.DueReminders, limit int) (more bool, err error)
}

// DefaultRadius is how far from the job's address a check-in may be before the coordinator
// sees it flagged: a phone's position indoors is often off by a hundred metres or more.
const DefaultRadius = 300.0

// Service implements klusbuddy.DayService.
type Service struct {
	db     Store
	radius float64 // metres

	// Now is the clock (time.Now unless a test moves it).
	Now func() time.Time
}

var _ klusbuddy.DayService = (*Service)(nil)

// New returns the day's service; a check-in farther than radius metres from the address is
// flagged (DefaultRadius when 0).
func New(db Store, radius float64) *Service {
	if radius <= 0 {
		radius = DefaultRadius
	}
	return &Service{db: db, radius: radius, Now: time.Now}
}

// tapper checks that the actor may tap on a booking of the tap's kind: a worker on their own
// assignment, a buddy on an accompaniment.
func tapper(actor klusbuddy.Principal, t klusbuddy.Tap) error {
	if actor.Role != t.Role {
		return klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "Only the worker or the buddy on a job checks in.")
	}
	return nil
}

// distance is how far the phone was from the job's address, in metres; nil without a position.
func distance(p *klusbuddy.Position, address klusbuddy.Point) *float64 {
	if p == nil {
		return nil
	}
	m := match.KM(klusbuddy.Point{Lat: p.Lat, Lon: p.Lon}, address) * 1000
	return &m
}

// CheckIn records "Ik ben er": from CheckInEarly before the start, by the phone's time, with
// the distance to the address when the phone gave its position (flagged beyond the radius,
// never refused for it).
func (s *Service) CheckIn(ctx context.Context, actor klusbuddy.Principal, t klusbuddy.Tap, a klusbuddy.Arrival) (klusbuddy.Attendance, error) {
	if err := tapper(actor, t); err != nil {
		return klusbuddy.Attendance{}, err
	}
	if err := a.Check(s.Now()); err != nil {
		return klusbuddy.Attendance{}, err
	}
	return s.db.CheckIn(ctx, t, actor.ID, a, func(b klusbuddy.Booked) (klusbuddy.Attendance, error) {
		if err := klusbuddy.CheckInOpen(a.At, b.Start, b.End); err != nil {
			return klusbuddy.Attendance{}, err
		}
		d := distance(a.Position, b.Address)
		return klusbuddy.Attendance{CheckedInAt: a.At, DistanceM: d, Far: d != nil && *d > s.radius}, nil
	})
}

// CheckOut records "Klaar", after the check-in.
func (s *Service) CheckOut(ctx context.Context, actor klusbuddy.Principal, t klusbuddy.Tap, a klusbuddy.Arrival) (klusbuddy.Attendance, error) {
	if err := tapper(actor, t); err != nil {
		return klusbuddy.Attendance{}, err
	}
	if err := a.Check(s.Now()); err != nil {
		return klusbuddy.Attendance{}, err
	}
	return s.db.CheckOut(ctx, t, actor.ID, a, func(b klusbuddy.Booked) error {
		return klusbuddy.CheckOutOpen(a.At, b.Attendance.CheckedInAt, b.End)
	})
}

// ReportUnsafe records "Ik voel me niet veilig" at any moment until CheckInLate after the end;
// the person may leave at once and is given their coordinators' phones.
func (s *Service) ReportUnsafe(ctx context.Context, actor klusbuddy.Principal, t klusbuddy.Tap, a klusbuddy.Arrival) (klusbuddy.SafetyAnswer, error) {
	if err := tapper(actor, t); err != nil {
		return klusbuddy.SafetyAnswer{}, err
	}
	if err := a.Check(s.Now()); err != nil {
		return klusbuddy.SafetyAnswer{}, err
	}
	return s.db.ReportUnsafe(ctx, t, actor.ID, a, func(b klusbuddy.Booked) (*float64, error) {
		if a.At.After(b.End.Add(klusbuddy.CheckInLate)) {
			return nil, &klusbuddy.Error{Code: klusbuddy.EINVALID, Message: "Some fields are not valid.",
				Fields: map[string]string{"at": "This time lies too long after the job's end."}}
		}
		return distance(a.Position, b.Address), nil
	})
}

// SetMeeting stores where and when the buddy meets the worker, until the start.
func (s *Service) SetMeeting(ctx context.Context, actor klusbuddy.Principal, assignmentID int64, m klusbuddy.Meeting) error {
	if actor.Role != klusbuddy.RoleBuddy {
		return klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "Only the buddy sets the meeting point.")
	}
	return s.db.SetMeeting(ctx, assignmentID, actor.ID, m, func(start time.Time) error {
		return klusbuddy.CheckMeeting(m, start, s.Now())
	})
}

func coordinatorOnly(actor klusbuddy.Principal) error {
	if actor.Role != klusbuddy.RoleCoordinator {
		return klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "Only coordinators follow up the day of a job.")
	}
	return nil
}

// SafetyReports lists the safety reports of the coordinator's organisation.
func (s *Service) SafetyReports(ctx context.Context, actor klusbuddy.Principal) ([]klusbuddy.SafetyReport, error) {
	if err := coordinatorOnly(actor); err != nil {
		return nil, err
	}
	return s.db.SafetyReports(ctx, actor.OrganisationID)
}

// AcknowledgeSafety records that the coordinator took a report in hand, with the follow-up.
func (s *Service) AcknowledgeSafety(ctx context.Context, actor klusbuddy.Principal, id int64, followUp string) (klusbuddy.SafetyReport, error) {
	if err := coordinatorOnly(actor); err != nil {
		return klusbuddy.SafetyReport{}, err
	}
	fe := klusbuddy.FieldErrors{}
	if followUp == "" {
		fe.Add("follow_up", "Write what was done.")
	}
	klusbuddy.CheckLength(fe, "follow_up", followUp, klusbuddy.MaxFollowUp)
	if err := fe.Err(); err != nil {
		return klusbuddy.SafetyReport{}, err
	}
	return s.db.AcknowledgeSafety(ctx, id, actor.OrganisationID, actor.ID, followUp)
}

// RecordOutcome records how a place (place > 0) or the whole job ended, and closes it when
// asked.
func (s *Service) RecordOutcome(ctx context.Context, actor klusbuddy.Principal, jobID int64, place int, o klusbuddy.Outcome, close bool) error {
	if err := coordinatorOnly(actor); err != nil {
		return err
	}
	fe := klusbuddy.FieldErrors{}
	switch {
	case !o.Valid():
		fe.Add("outcome", "Choose one of the outcomes.")
	case place > 0 && !o.OfAPlace():
		fe.Add("outcome", "This outcome is the whole job's; leave out the place.")
	case place == 0 && !o.OfTheJob():
		fe.Add("place", "Say which place this outcome is for.")
	}
	if place < 0 || place > 20 {
		fe.Add("place", "There is no such place on this job.")
	}
	if o == klusbuddy.OutcomeCancelledByCoordinator && close {
		fe.Add("close", "A cancelled job is not closed as done.")
	}
	if err := fe.Err(); err != nil {
		return err
	}
	return s.db.RecordOutcome(ctx, jobID, place, o, close, actor)
}
