package klusbuddy

import (
	"context"
	"net/mail"
	"strings"
	"time"
	"unicode"
)

// SecretKind is how someone signs in: a password, or a PIN (workers and buddies, whose phone
// stays signed in and who may not be at ease typing a password).
type SecretKind string

const (
	SecretPassword SecretKind = "password"
	SecretPIN      SecretKind = "pin"
)

// Session is one signed-in device.
type Session struct {
	ID         int64
	UserID     int64
	CSRFToken  string
	Device     string
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
	Renewed    bool // the expiry moved forward on this request: the cookie must follow
}

// Principal is who is asking: the user behind a session, with their organisation's name.
type Principal struct {
	User
	OrganisationName string
	Session          Session
}

// SessionLifetime is how long a session lasts without use: a year for workers and buddies,
// whose phone stays signed in, thirty days for the others.
func SessionLifetime(r Role) time.Duration {
	if r == RoleWorker || r == RoleBuddy {
		return 365 * 24 * time.Hour
	}
	return 30 * 24 * time.Hour
}

// InviteLifetime is how long an invite link works.
const InviteLifetime = 7 * 24 * time.Hour

// Sign-in throttling: after MaxSignInFailures failures within SignInWindow, a login (or an IP
// address) is locked for SignInLockout.
const (
	MaxSignInFailures   = 5 // sign-in attempts per login within SignInWindow; success resets
	MaxSignInFailuresIP = 30
	SignInWindow        = 15 * time.Minute
	SignInLockout       = 15 * time.Minute
)

// Signup is a poster signing up.
type Signup struct {
	Kind        PosterKind
	FirstName   string
	LastName    string
	Email       string
	Password    string
	Phone       string
	Language    Language
	CompanyName string
	VATNumber   string
}

// Normalize trims and canonicalises the fields (email lower-case, phone E.164, VAT BE…) and
// validates them, with a message per field.
func (s *Signup) Normalize() error {
	fe := FieldErrors{}
	s.FirstName, s.LastName = strings.TrimSpace(s.FirstName), strings.TrimSpace(s.LastName)
	checkName(fe, "first_name", s.FirstName, true)
	checkName(fe, "last_name", s.LastName, true)
	s.Email = normalizeEmail(fe, "email", s.Email, true)
	if msg := PasswordProblem(s.Password); msg != "" {
		fe.Add("password", msg)
	}
	s.Phone = normalizePhone(fe, "phone", s.Phone, true)
	if s.Language == "" {
		s.Language = Dutch
	} else if !s.Language.Valid() {
		fe.Add("language", `Choose "nl", "fr", "en", "tr" or "ar".`)
	}
	if tooLong(fe, "company_name", s.CompanyName, MaxCompanyLength) || tooLong(fe, "vat_number", s.VATNumber, MaxVATLength) {
		s.CompanyName, s.VATNumber = "", ""
	}
	switch s.Kind {
	case Household:
		s.CompanyName, s.VATNumber = "", ""
	case Company:
		s.CompanyName = strings.TrimSpace(s.CompanyName)
		if s.CompanyName == "" {
			fe.Add("company_name", "Give the company's name.")
		} else if len([]rune(s.CompanyName)) > 120 {
			fe.Add("company_name", "Use at most 120 characters.")
		}
		vat, ok := NormalizeBelgianVAT(s.VATNumber)
		if !ok {
			fe.Add("vat_number", "Give a valid Belgian VAT number, such as BE 0123.456.749.")
		}
		s.VATNumber = vat
	default:
		fe.Add("kind", `Choose "household" or "company".`)
	}
	return fe.Err()
}

func checkName(fe FieldErrors, field, name string, required bool) {
	switch n := len([]rune(name)); {
	case n == 0 && required:
		fe.Add(field, "This field is required.")
	case n > 80:
		fe.Add(field, "Use at most 80 characters.")
	}
}

func normalizeEmail(fe FieldErrors, field, email string, required bool) string {
	email = strings.ToLower(strings.TrimSpace(email))
	if email == "" {
		if required {
			fe.Add(field, "This field is required.")
		}
		return ""
	}
	a, err := mail.ParseAddress(email)
	if err != nil || a.Address != email || !strings.Contains(email[strings.IndexByte(email, '@'):], ".") || len(email) > 254 {
		fe.Add(field, "Give a valid email address, such as naam@voorbeeld.be.")
	}
	return email
}

// NormalizePhone turns a Belgian or international number into E.164 (+32470123456): 0470 12 34
// 56, 0032 470…, +32 (0)470… are all accepted. ok is false when it cannot be a phone number.
func NormalizePhone(s string) (string, bool) {
	s = strings.TrimSpace(s)
	s = strings.ReplaceAll(s, "(0)", "")
	var b strings.Builder
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0:
			b.WriteRune(r)
		case r == ' ' || r == '.' || r == '-' || r == '/' || r == '(' || r == ')':
		default:
			return "", false
		}
	}
	n := b.String()
	switch {
	case strings.HasPrefix(n, "+"):
	case strings.HasPrefix(n, "00"):
		n = "+" + n[2:]
	case strings.HasPrefix(n, "0"):
		n = "+32" + n[1:]
	default:
		return "", false
	}
	digits := len(n) - 1
	if digits < 8 || digits > 15 || n[1] == '0' {
		return "", false
	}
	if strings.HasPrefix(n, "+32") && (digits < 10 || digits > 11) { // Belgian: 8 or 9 digits after 32
		return "", false
	}
	return n, true
}

func normalizePhone(fe FieldErrors, field, phone string, required bool) string {
	if strings.TrimSpace(phone) == "" {
		if required {
			fe.Add(field, "This field is required.")
		}
		return ""
	}
	n, ok := NormalizePhone(phone)
	if !ok {
		fe.Add(field, "Give a valid phone number, such as 0470 12 34 56.")
	}
	return n
}

// PasswordProblem says what is wrong with a new password, or "" when it will do. Length is
// what matters (NIST SP 800-63B); a few very common choices are refused.
func PasswordProblem(p string) string {
	n := len([]rune(p))
	switch {
	case n < 10:
		return "Use at least 10 characters."
	case n > 200:
		return "Use at most 200 characters."
	}
	lower := strings.ToLower(p)
	for _, common := range []string{"1234567890", "0123456789", "wachtwoord", "motdepasse", "password12", "azertyuiop", "qwertyuiop", "klusbuddy1"} {
		if strings.HasPrefix(lower, common) && n < 14 {
			return "This password is too easy to guess; choose another."
		}
	}
	return ""
}

// PINProblem says what is wrong with a new PIN, or "" when it will do: six digits, not all the
// same and not a straight run up or down.
func PINProblem(pin string) string {
	if len(pin) != 6 {
		return "Use exactly 6 digits."
	}
	for _, r := range pin {
		if !unicode.IsDigit(r) || r > '9' {
			return "Use exactly 6 digits."
		}
	}
	same, up, down := true, true, true
	for i := 1; i < len(pin); i++ {
		d := int(pin[i]) - int(pin[i-1])
		same = same && d == 0
		up = up && d == 1
		down = down && d == -1
	}
	if same || up || down {
		return "This PIN is too easy to guess; choose another."
	}
	return ""
}

// Credentials are what someone types to sign in: an email or phone number, and a password or PIN.
type Credentials struct {
	Login  string
	Secret string
}

// LoginKey normalises a login (email or phone) for lookups and throttling, and tells which.
func LoginKey(login string) (key string, isEmail bool) {
	login = strings.TrimSpace(login)
	if strings.Contains(login, "@") {
		return strings.ToLower(login), true
	}
	if p, ok := NormalizePhone(login); ok {
		return p, false
	}
	return strings.ToLower(login), false
}

// InviteInfo is what an invite link shows before it is accepted.
type InviteInfo struct {
	FirstName        string
	Role             Role
	OrganisationName string
	SecretKinds      []SecretKind
	ExpiresAt        time.Time
}

// Acceptance is someone choosing their PIN or password through an invite link.
type Acceptance struct {
	Token    string
	PIN      string
	Password string
}

// Invite is a fresh invite link's token (shown once) and expiry.
type Invite struct {
	Token     string
	ExpiresAt time.Time
}

// AccountService signs people up and in, and manages their sessions and invites.
type AccountService interface {
	Signup(ctx context.Context, s Signup, device string) (token string, p Principal, err error)
	Login(ctx context.Context, c Credentials, ip, device string) (token string, p Principal, err error)
	// Authenticate returns the principal of a session token; EUNAUTHORIZED when it is unknown
	// or expired.
	Authenticate(ctx context.Context, token string) (Principal, error)
	Logout(ctx context.Context, p Principal) error
	LogoutAll(ctx context.Context, p Principal) error
	ListSessions(ctx context.Context, p Principal) ([]Session, error)
	RevokeSession(ctx context.Context, p Principal, sessionID int64) error
	LookupInvite(ctx context.Context, token string) (InviteInfo, error)
	AcceptInvite(ctx context.Context, a Acceptance, device string) (token string, p Principal, err error)
	// NewInvite makes a new link for userID, revoking the earlier ones; signOut also ends the
	// user's sessions (a lost phone). The actor must be allowed to manage userID.
	NewInvite(ctx context.Context, actor Principal, userID int64, signOut bool) (Invite, error)
}

// Credential is what sign-in needs to know about a user.
type Credential struct {
	User
	OrganisationName string
	SecretHash       string
	SecretKind       SecretKind
}

// InviteTarget is the user an invite is for, with the invite's state.
type InviteTarget struct {
	InviteID         int64
	User             User
	OrganisationName string
	ExpiresAt        time.Time
}
