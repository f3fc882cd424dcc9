package accounts

import (
	"context"
	"reflect"
	"strings"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// PeopleStore is what managing people needs of storage (internal/postgres).
type PeopleStore interface {
	Person(ctx context.Context, id int64) (klusbuddy.Person, error)
	ListPeople(ctx context.Context, orgID int64, f klusbuddy.PersonFilter) ([]klusbuddy.Person, error)
	CreatePerson(ctx context.Context, orgID, createdBy int64, n klusbuddy.NewPerson, inviteHash []byte, inviteExpires time.Time) (klusbuddy.Person, error)
	SavePerson(ctx context.Context, p klusbuddy.Person, actor int64) (klusbuddy.Person, error)
	AddAddress(ctx context.Context, posterID int64, a klusbuddy.Address) (klusbuddy.Address, error)
	DeleteAddress(ctx context.Context, posterID, id int64) error
	ListSessions(ctx context.Context, userID int64) ([]klusbuddy.Session, error)
	Erase(ctx context.Context, id int64, window time.Duration) (klusbuddy.Released, error)
	SearchPlaces(ctx context.Context, q string) ([]klusbuddy.Place, error)
	NearestPlace(ctx context.Context, p klusbuddy.Point) (klusbuddy.Place, error)

	ListOrganisations(ctx context.Context) ([]klusbuddy.Organisation, error)
	CreateOrganisation(ctx context.Context, o klusbuddy.Organisation) (klusbuddy.Organisation, error)
	CreateStaff(ctx context.Context, u klusbuddy.User, createdBy int64, inviteHash []byte, expires time.Time) (int64, error)

	// What the export adds: every row kept about the person.
	InviteRecords(ctx context.Context, userID int64) ([]klusbuddy.InviteRecord, error)
	PushSubscriptionRecords(ctx context.Context, userID int64) ([]klusbuddy.PushSubscriptionRecord, error)
	NotificationRecords(ctx context.Context, userID int64) ([]klusbuddy.Notification, error)
	TransitionRecords(ctx context.Context, actorID int64) ([]klusbuddy.TransitionRecord, error)
	PosterJobRecords(ctx context.Context, posterID int64) ([]klusbuddy.JobRecord, error)
	WorkerOfferRecords(ctx context.Context, workerID int64) ([]klusbuddy.OfferRecord, error)
	WorkerAssignmentRecords(ctx context.Context, workerID int64) ([]klusbuddy.AssignmentRecord, error)
	DropoutRecords(ctx context.Context, personID int64) ([]klusbuddy.DropoutRecord, error)
	FeedbackRecords(ctx context.Context, personID int64) ([]klusbuddy.FeedbackRecord, error)
	FavouriteRecords(ctx context.Context, posterID int64) ([]klusbuddy.FavouriteRecord, error)
	BlockRecords(ctx context.Context, userID int64) ([]klusbuddy.BlockRecord, error)
	BuddyRequestRecords(ctx context.Context, buddyID int64) ([]klusbuddy.BuddyRequestRecord, error)
	AccompanimentRecords(ctx context.Context, buddyID int64) ([]klusbuddy.AccompanimentRecord, error)
	AttendanceRecords(ctx context.Context, personID int64) ([]klusbuddy.AttendanceRecord, error)
	SafetyReportRecords(ctx context.Context, personID int64) ([]klusbuddy.SafetyReportRecord, error)
	TimesheetRecords(ctx context.Context, personID int64) ([]klusbuddy.TimesheetRecord, error)
	CalendarFeedRecord(ctx context.Context, userID int64) (map[string]any, error)
}

// People implements klusbuddy.PeopleService: coordinators manage the workers and buddies of
// their own organisation; everyone edits the parts of their own profile that are theirs to set.
type People struct {
	db       PeopleStore
	released Releasing

	// Now is the clock (time.Now unless a test moves it).
	Now func() time.Time
}

// Releasing is the dispatcher (dispatch.Dispatcher.Released): the places and accompaniments an
// erasure set free are offered again at once, before the answer.
type Releasing interface {
	Released(ctx context.Context, r klusbuddy.Released)
}

var _ klusbuddy.PeopleService = (*People)(nil)

// NewPeople returns the people service.
func NewPeople(db PeopleStore, released Releasing) *People {
	return &People{db: db, released: released, Now: time.Now}
}

func notFound() error { return klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such person.") }

func forbidden() error {
	return klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "Only coordinators may do this, for their own organisation.")
}

// ListPeople lists the coordinator's organisation's workers and buddies.
func (s *People) ListPeople(ctx context.Context, actor klusbuddy.Principal, f klusbuddy.PersonFilter) ([]klusbuddy.Person, error) {
	if actor.Role != klusbuddy.RoleCoordinator {
		return nil, forbidden()
	}
	if f.Role != "" && f.Role != klusbuddy.RoleWorker && f.Role != klusbuddy.RoleBuddy {
		return nil, &klusbuddy.Error{Code: klusbuddy.EINVALID, Message: "Some fields are not valid.",
			Fields: map[string]string{"role": `Choose "worker" or "buddy".`}}
	}
	if len(f.Query) > 100 {
		return nil, &klusbuddy.Error{Code: klusbuddy.EINVALID, Message: "Some fields are not valid.",
			Fields: map[string]string{"q": "Use at most 100 characters."}}
	}
	return s.db.ListPeople(ctx, actor.OrganisationID, f)
}

// CreatePerson adds a worker or buddy to the coordinator's organisation, with their first invite.
func (s *People) CreatePerson(ctx context.Context, actor klusbuddy.Principal, n klusbuddy.NewPerson) (klusbuddy.Person, klusbuddy.Invite, error) {
	if actor.Role != klusbuddy.RoleCoordinator {
		return klusbuddy.Person{}, klusbuddy.Invite{}, forbidden()
	}
	if err := n.Normalize(); err != nil {
		return klusbuddy.Person{}, klusbuddy.Invite{}, err
	}
	token, hash := newToken()
	inv := klusbuddy.Invite{Token: token, ExpiresAt: s.Now().Add(klusbuddy.InviteLifetime)}
	p, err := s.db.CreatePerson(ctx, actor.OrganisationID, actor.ID, n, hash, inv.ExpiresAt)
	return p, inv, err
}

// GetPerson returns a person the actor may manage (themselves included).
func (s *People) GetPerson(ctx context.Context, actor klusbuddy.Principal, id int64) (klusbuddy.Person, error) {
	p, err := s.db.Person(ctx, id)
	if err != nil {
		return p, err
	}
	if !klusbuddy.CanManage(actor.User, p.User) {
		return klusbuddy.Person{}, notFound()
	}
	return p, nil
}

// UpdatePerson stores the actor's edit of person id. Coordinators set everything of their
// workers and buddies; people editing themselves may change only what is theirs to set, and
// an attempt at anything else is a field error, not silently dropped.
func (s *People) UpdatePerson(ctx context.Context, actor klusbuddy.Principal, id int64, changed klusbuddy.Person) (klusbuddy.Person, error) {
	cur, err := s.GetPerson(ctx, actor, id)
	if err != nil {
		return cur, err
	}
	fe := klusbuddy.FieldErrors{}
	// A section of another role is refused, not dropped: the sender meant something by it.
	for _, sec := range []struct {
		field string
		role  klusbuddy.Role
		sent  bool
		msg   string
	}{
		{"worker", klusbuddy.RoleWorker, changed.Worker != nil, "Only workers have this part of a profile."},
		{"buddy", klusbuddy.RoleBuddy, changed.Buddy != nil, "Only buddies have this part of a profile."},
		{"poster", klusbuddy.RolePoster, changed.Poster != nil, "Only posters have this part of a profile."},
	} {
		if sec.sent && cur.Role != sec.role {
			fe.Add(sec.field, sec.msg)
			fe.Add("role", "A person's role cannot change.")
		}
	}
	if err := fe.Err(); err != nil {
		return cur, err
	}
	next := cur
	if actor.ID == id {
		next = ownEdit(fe, cur, changed)
	} else {
		next.User.FirstName, next.User.LastName, next.User.Email, next.User.Phone, next.User.Language =
			changed.FirstName, changed.LastName, changed.Email, changed.Phone, changed.Language
		next.Worker, next.Buddy = changed.Worker, changed.Buddy
		if (cur.Worker == nil) != (next.Worker == nil) || (cur.Buddy == nil) != (next.Buddy == nil) {
			fe.Add("role", "A person's role cannot change.")
		}
	}
	// Save against the version the edit was made on, not the one just read: anything saved in
	// between is a conflict.
	next.Version = changed.Version
	klusbuddy.NormalizeUser(fe, &next.User)
	if (next.Role == klusbuddy.RoleWorker || next.Role == klusbuddy.RoleBuddy) && next.Phone == "" {
		fe.Add("phone", "This field is required: it is how they sign in.")
	}
	if next.Worker != nil {
		next.Worker.Validate(fe, "worker.")
	}
	if next.Buddy != nil {
		next.Buddy.Validate(fe, "buddy.")
	}
	if next.Poster != nil && (klusbuddy.CheckLength(fe, "poster.company_name", next.Poster.CompanyName, klusbuddy.MaxCompanyLength) ||
		klusbuddy.CheckLength(fe, "poster.vat_number", next.Poster.VATNumber, klusbuddy.MaxVATLength)) {
		// too long to judge further
	} else if next.Poster != nil && next.Poster.Kind == klusbuddy.Company {
		next.Poster.CompanyName = strings.TrimSpace(next.Poster.CompanyName)
		if next.Poster.CompanyName == "" {
			fe.Add("poster.company_name", "Give the company's name.")
		}
		vat, ok := klusbuddy.NormalizeBelgianVAT(next.Poster.VATNumber)
		if !ok {
			fe.Add("poster.vat_number", "Give a valid Belgian VAT number, such as BE 0123.456.749.")
		}
		next.Poster.VATNumber = vat
	}
	if err := fe.Err(); err != nil {
		return cur, err
	}
	return s.db.SavePerson(ctx, next, actor.ID)
}

// ownEdit applies what people may change of their own profile and reports the rest.
func ownEdit(fe klusbuddy.FieldErrors, cur, changed klusbuddy.Person) klusbuddy.Person {
	next := cur
	next.User.Language = changed.Language
	locked := func(field string, same bool) {
		if !same {
			fe.Add(field, "Your coordinator sets this.")
		}
	}
	switch cur.Role {
	case klusbuddy.RoleWorker:
		locked("first_name", changed.FirstName == cur.FirstName)
		locked("last_name", changed.LastName == cur.LastName)
		locked("phone", changed.Phone == cur.Phone)
		locked("email", changed.Email == cur.Email)
		if changed.Worker == nil || cur.Worker == nil {
			break
		}
		w := *cur.Worker
		c := changed.Worker
		w.Availability, w.Exceptions = c.Availability, c.Exceptions
		w.TravelMode, w.MaxTravelMinutes = c.TravelMode, c.MaxTravelMinutes
		w.Languages, w.SpokenLanguages = c.Languages, c.SpokenLanguages
		locked("worker.skills", reflect.DeepEqual(c.Skills, cur.Worker.Skills))
		locked("worker.buddy_need", c.BuddyNeed == cur.Worker.BuddyNeed && c.BuddyFirstJobs == cur.Worker.BuddyFirstJobs)
		locked("worker.month_hour_cap", reflect.DeepEqual(c.MonthHourCap, cur.Worker.MonthHourCap))
		locked("worker.year_hour_cap", reflect.DeepEqual(c.YearHourCap, cur.Worker.YearHourCap))
		locked("worker.postcode", c.Postcode == cur.Worker.Postcode)
		locked("worker.municipality", c.Municipality == cur.Worker.Municipality)
		locked("worker.home_point", reflect.DeepEqual(c.HomePoint, cur.Worker.HomePoint))
		next.Worker = &w
	case klusbuddy.RoleBuddy:
		locked("first_name", changed.FirstName == cur.FirstName)
		locked("last_name", changed.LastName == cur.LastName)
		locked("phone", changed.Phone == cur.Phone)
		locked("email", changed.Email == cur.Email)
		next.Buddy = changed.Buddy
		if next.Buddy == nil {
			next.Buddy = cur.Buddy
		}
	case klusbuddy.RolePoster:
		next.User.FirstName, next.User.LastName, next.User.Phone = changed.FirstName, changed.LastName, changed.Phone
		if changed.Email != cur.Email {
			fe.Add("email", "Your email address is how you sign in; it cannot be changed here.")
		}
		if changed.Poster != nil && cur.Poster != nil {
			pp := *cur.Poster
			if cur.Poster.Kind == klusbuddy.Company {
				pp.CompanyName, pp.VATNumber = changed.Poster.CompanyName, changed.Poster.VATNumber
			} else if changed.Poster.CompanyName != "" || changed.Poster.VATNumber != "" {
				fe.Add("poster.company_name", "A household cannot become a company here, nor the other way round.")
			}
			if changed.Poster.Kind != cur.Poster.Kind {
				fe.Add("poster.kind", "A household cannot become a company here, nor the other way round.")
			}
			if !reflect.DeepEqual(changed.Poster.Addresses, cur.Poster.Addresses) {
				fe.Add("poster.addresses", "Add or remove addresses one at a time.")
			}
			next.Poster = &pp
		}
	default: // coordinators and admins
		next.User.FirstName, next.User.LastName, next.User.Phone = changed.FirstName, changed.LastName, changed.Phone
		locked("email", changed.Email == cur.Email)
	}
	return next
}

// AddAddress adds an address to the poster's profile, placed by postcode or by the nearest
// postcode to a point.
func (s *People) AddAddress(ctx context.Context, actor klusbuddy.Principal, a klusbuddy.Address) (klusbuddy.Address, error) {
	if actor.Role != klusbuddy.RolePoster {
		return a, klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "Only posters have addresses.")
	}
	fe := klusbuddy.FieldErrors{}
	a.Label, a.Street, a.Municipality = strings.TrimSpace(a.Label), strings.TrimSpace(a.Street), strings.TrimSpace(a.Municipality)
	klusbuddy.CheckLength(fe, "label", a.Label, klusbuddy.MaxLabelLength)
	if a.Street == "" {
		fe.Add("street", "Give the street and number.")
	} else {
		klusbuddy.CheckLength(fe, "street", a.Street, klusbuddy.MaxStreetLength)
	}
	klusbuddy.CheckLength(fe, "municipality", a.Municipality, klusbuddy.MaxMunicipalityLength)
	if a.Postcode == "" && (a.Lat != 0 || a.Lon != 0) {
		if !klusbuddy.InBelgium(klusbuddy.Point{Lat: a.Lat, Lon: a.Lon}) {
			fe.Add("lat", "This point is not in Belgium.")
		} else if fe.Err() == nil {
			place, err := s.db.NearestPlace(ctx, klusbuddy.Point{Lat: a.Lat, Lon: a.Lon})
			if err != nil {
				return a, err
			}
			a.Postcode, a.Municipality = place.Postcode, place.Municipality
		}
	} else if len(a.Postcode) != 4 {
		fe.Add("postcode", "Give a Belgian postcode of 4 digits.")
	} else if strings.TrimSpace(a.Municipality) == "" {
		fe.Add("municipality", "Choose the municipality.")
	}
	if err := fe.Err(); err != nil {
		return a, err
	}
	return s.db.AddAddress(ctx, actor.ID, a)
}

// DeleteAddress removes one of the poster's addresses.
func (s *People) DeleteAddress(ctx context.Context, actor klusbuddy.Principal, id int64) error {
	return s.db.DeleteAddress(ctx, actor.ID, id)
}

// Export returns everything Klusbuddy keeps about the actor: their account, profile and
// devices, and every row of their history (see klusbuddy.JobRecord and the other records).
func (s *People) Export(ctx context.Context, actor klusbuddy.Principal) (map[string]any, error) {
	p, err := s.db.Person(ctx, actor.ID)
	if err != nil {
		return nil, err
	}
	sessions, err := s.db.ListSessions(ctx, actor.ID)
	if err != nil {
		return nil, err
	}
	devices := make([]map[string]any, len(sessions))
	for i, se := range sessions {
		devices[i] = map[string]any{"device": se.Device, "created_at": se.CreatedAt, "last_seen_at": se.LastSeenAt, "expires_at": se.ExpiresAt}
	}
	out := map[string]any{
		"exported_at": s.Now().UTC(),
		"account": map[string]any{"id": p.ID, "role": p.Role, "first_name": p.FirstName, "last_name": p.LastName,
			"email": p.Email, "phone": p.Phone, "language": p.Language, "organisation": p.OrganisationName, "created_at": p.CreatedAt},
		"worker": p.Worker, "buddy": p.Buddy, "poster": p.Poster, "devices": devices,
	}
	// Every row kept about them, whatever their role: what does not apply to it is empty.
	id := actor.ID
	for _, part := range []struct {
		key  string
		load func() (any, error)
	}{
		{"invites", func() (any, error) { return s.db.InviteRecords(ctx, id) }},
		{"push_subscriptions", func() (any, error) { return s.db.PushSubscriptionRecords(ctx, id) }},
		{"notifications", func() (any, error) { return s.db.NotificationRecords(ctx, id) }},
		{"transitions", func() (any, error) { return s.db.TransitionRecords(ctx, id) }},
		{"jobs", func() (any, error) { return s.db.PosterJobRecords(ctx, id) }},
		{"offers", func() (any, error) { return s.db.WorkerOfferRecords(ctx, id) }},
		{"assignments", func() (any, error) { return s.db.WorkerAssignmentRecords(ctx, id) }},
		{"dropouts", func() (any, error) { return s.db.DropoutRecords(ctx, id) }},
		{"blocks", func() (any, error) { return s.db.BlockRecords(ctx, id) }},
		{"buddy_requests", func() (any, error) { return s.db.BuddyRequestRecords(ctx, id) }},
		{"accompaniments", func() (any, error) { return s.db.AccompanimentRecords(ctx, id) }},
		{"attendance", func() (any, error) { return s.db.AttendanceRecords(ctx, id) }},
		{"safety_reports", func() (any, error) { return s.db.SafetyReportRecords(ctx, id) }},
		{"timesheets", func() (any, error) { return s.db.TimesheetRecords(ctx, id) }},
		{"calendar_feed", func() (any, error) { return s.db.CalendarFeedRecord(ctx, id) }},
		{"feedback_given", func() (any, error) { return s.db.FeedbackRecords(ctx, id) }},
		{"favourites", func() (any, error) { return s.db.FavouriteRecords(ctx, id) }},
	} {
		v, err := part.load()
		if err != nil {
			return nil, err
		}
		out[part.key] = v
	}
	return out, nil
}

// Erase deletes the actor's personal data, keeping their anonymised history. What they still
// had to do is released as their own drop-out or cancellation would release it (see
// postgres.DB.Erase), and offered again at once.
func (s *People) Erase(ctx context.Context, actor klusbuddy.Principal) error {
	rel, err := s.db.Erase(ctx, actor.ID, klusbuddy.FreeCancellation)
	if err == nil {
		s.released.Released(ctx, rel)
	}
	return err
}

func adminOnly(actor klusbuddy.Principal) error {
	if actor.Role != klusbuddy.RoleAdmin {
		return klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "Only admins may do this.")
	}
	return nil
}

// ListOrganisations lists every organisation (admins).
func (s *People) ListOrganisations(ctx context.Context, actor klusbuddy.Principal) ([]klusbuddy.Organisation, error) {
	if err := adminOnly(actor); err != nil {
		return nil, err
	}
	return s.db.ListOrganisations(ctx)
}

// CreateOrganisation adds an organisation (admins).
func (s *People) CreateOrganisation(ctx context.Context, actor klusbuddy.Principal, o klusbuddy.Organisation) (klusbuddy.Organisation, error) {
	if err := adminOnly(actor); err != nil {
		return o, err
	}
	if err := o.Normalize(); err != nil {
		return o, err
	}
	return s.db.CreateOrganisation(ctx, o)
}

// InviteStaff adds a coordinator or admin and returns their invite (admins).
func (s *People) InviteStaff(ctx context.Context, actor klusbuddy.Principal, u klusbuddy.User) (klusbuddy.Invite, error) {
	if err := adminOnly(actor); err != nil {
		return klusbuddy.Invite{}, err
	}
	fe := klusbuddy.FieldErrors{}
	klusbuddy.NormalizeUser(fe, &u)
	if u.Email == "" {
		fe.Add("email", "This field is required: it is how they sign in.")
	}
	switch u.Role {
	case klusbuddy.RoleCoordinator:
		if u.OrganisationID == 0 {
			fe.Add("organisation_id", "Choose the coordinator's organisation.")
		}
	case klusbuddy.RoleAdmin:
		u.OrganisationID = 0
	default:
		fe.Add("role", `Choose "coordinator" or "admin".`)
	}
	if err := fe.Err(); err != nil {
		return klusbuddy.Invite{}, err
	}
	token, hash := newToken()
	inv := klusbuddy.Invite{Token: token, ExpiresAt: s.Now().Add(klusbuddy.InviteLifetime)}
	if _, err := s.db.CreateStaff(ctx, u, actor.ID, hash, inv.ExpiresAt); err != nil {
		if klusbuddy.ErrorCode(err) == klusbuddy.EINVALID && strings.Contains(err.Error(), "does not exist") {
			return inv, &klusbuddy.Error{Code: klusbuddy.EINVALID, Message: "Some fields are not valid.",
				Fields: map[string]string{"organisation_id": "There is no such organisation."}}
		}
		return inv, err
	}
	return inv, nil
}
