// Package accounts signs people up and in: argon2id secrets, server-side sessions with random
// 256-bit tokens stored hashed, one-time invite links, and sign-in throttling per login and per
// IP address that reveals nothing about which accounts exist.
package accounts

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"strings"
	"time"

	"github.com/go-chi/httprate"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
	"github.com/klusbuddy/klusbuddy/internal/password"
)

// Store is what signing up and in needs of storage (internal/postgres).
type Store interface {
	CreatePoster(ctx context.Context, s klusbuddy.Signup, secretHash string) (klusbuddy.User, error)
	CredentialByLogin(ctx context.Context, key string, isEmail bool) (klusbuddy.Credential, error)
	UserByID(ctx context.Context, id int64) (u klusbuddy.User, organisationName string, err error)

	CreateSession(ctx context.Context, userID int64, tokenHash []byte, csrf, device string, expires time.Time) (klusbuddy.Session, error)
	PrincipalBySession(ctx context.Context, tokenHash []byte, lifetime func(klusbuddy.Role) time.Duration) (klusbuddy.Principal, error)
	ListSessions(ctx context.Context, userID int64) ([]klusbuddy.Session, error)
	DeleteSession(ctx context.Context, userID, sessionID int64) error
	DeleteSessions(ctx context.Context, userID int64) error

	ThrottleAttempt(ctx context.Context, key string, max int, window, lockout time.Duration) (lockedUntil time.Time, err error)
	ThrottleSuccess(ctx context.Context, loginKey, ipKey string) error

	InviteByToken(ctx context.Context, tokenHash []byte) (klusbuddy.InviteTarget, error)
	UseInvite(ctx context.Context, tokenHash []byte, secretHash string, kind klusbuddy.SecretKind) (klusbuddy.InviteTarget, error)
	CreateInvite(ctx context.Context, userID, createdBy int64, tokenHash []byte, expires time.Time, signOut bool) error
}

// Service implements klusbuddy.AccountService.
type Service struct {
	db     Store
	log    *slog.Logger
	params password.Params
	// dummyHash is verified against when a login matches no account, so that a wrong login
	// takes as long as a wrong password.
	dummyHash string
	// hashing bounds the argon2id computations running at once: each takes params.Memory, and
	// a burst of sign-ins must not take the server's memory with it.
	hashing chan struct{}

	// Now is the clock (time.Now unless a test moves it).
	Now func() time.Time
}

var _ klusbuddy.AccountService = (*Service)(nil)

// New returns the service; params are argon2id's costs (password.Default in production).
func New(db Store, log *slog.Logger, params password.Params) (*Service, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	dummy, err := password.Hash("no account has this secret", params)
	if err != nil {
		return nil, err
	}
	return &Service{db: db, log: log, params: params, dummyHash: dummy, hashing: make(chan struct{}, 4), Now: time.Now}, nil
}

func (s *Service) hash(secret string) (string, error) {
	s.hashing <- struct{}{}
	defer func() { <-s.hashing }()
	return password.Hash(secret, s.params)
}

func (s *Service) verify(phc, secret string) (bool, error) {
	s.hashing <- struct{}{}
	defer func() { <-s.hashing }()
	return password.Verify(phc, secret)
}

// errBadCredentials is the one answer to a wrong login or secret, whichever it was.
var errBadCredentials = klusbuddy.Errorf(klusbuddy.EUNAUTHORIZED, "The login or the password/PIN is not right.")

func tooMany(until, now time.Time) error {
	wait := until.Sub(now)
	return &klusbuddy.Error{Code: klusbuddy.ETOOMANY, RetryAfter: wait,
		Message: fmt.Sprintf("Too many attempts. Try again in %d minutes.", max(int(math.Ceil(wait.Minutes())), 1))}
}

// Signup creates a poster's account and signs them in.
func (s *Service) Signup(ctx context.Context, su klusbuddy.Signup, device string) (string, klusbuddy.Principal, error) {
	if err := su.Normalize(); err != nil {
		return "", klusbuddy.Principal{}, err
	}
	hash, err := s.hash(su.Password)
	if err != nil {
		return "", klusbuddy.Principal{}, err
	}
	u, err := s.db.CreatePoster(ctx, su, hash)
	if err != nil {
		return "", klusbuddy.Principal{}, err
	}
	return s.startSession(ctx, u, "", device)
}

// Login checks credentials under throttling: per login and per IP address, counted whether or
// not the account exists, so that neither the answer nor the lockout tells.
func (s *Service) Login(ctx context.Context, c klusbuddy.Credentials, ip, device string) (string, klusbuddy.Principal, error) {
	key, isEmail := klusbuddy.LoginKey(c.Login)
	fe := klusbuddy.FieldErrors{}
	if key == "" {
		fe.Add("login", "Give your email address or phone number.")
	}
	klusbuddy.CheckLength(fe, "login", c.Login, klusbuddy.MaxEmailLength)
	if c.Secret == "" {
		fe.Add("secret", "Give your password or PIN.")
	}
	klusbuddy.CheckLength(fe, "secret", c.Secret, klusbuddy.MaxSecretLength)
	if err := fe.Err(); err != nil {
		return "", klusbuddy.Principal{}, err
	}
	loginKey, ipKey := "login:"+key, "ip:"+httprate.CanonicalizeIP(ip)
	// Count the attempt before checking the secret: parallel guesses all count.
	for _, k := range []struct {
		key string
		max int
	}{{loginKey, klusbuddy.MaxSignInFailures}, {ipKey, klusbuddy.MaxSignInFailuresIP}} {
		until, err := s.db.ThrottleAttempt(ctx, k.key, k.max, klusbuddy.SignInWindow, klusbuddy.SignInLockout)
		if err != nil {
			return "", klusbuddy.Principal{}, err
		}
		if !until.IsZero() {
			s.log.WarnContext(ctx, "sign-in locked after repeated attempts", "key_kind", k.key[:strings.IndexByte(k.key, ':')])
			return "", klusbuddy.Principal{}, tooMany(until, s.Now())
		}
	}

	cred, err := s.db.CredentialByLogin(ctx, key, isEmail)
	found := err == nil
	if err != nil && klusbuddy.ErrorCode(err) != klusbuddy.ENOTFOUND {
		return "", klusbuddy.Principal{}, err
	}
	hash := cred.SecretHash
	if !found || hash == "" {
		hash = s.dummyHash // the same work whether or not the account exists
	}
	ok, err := s.verify(hash, c.Secret)
	if err != nil {
		return "", klusbuddy.Principal{}, err
	}
	if !found || cred.SecretHash == "" || !ok {
		return "", klusbuddy.Principal{}, errBadCredentials
	}
	if err := s.db.ThrottleSuccess(ctx, loginKey, ipKey); err != nil {
		return "", klusbuddy.Principal{}, err
	}
	return s.startSession(ctx, cred.User, cred.OrganisationName, device)
}

func (s *Service) startSession(ctx context.Context, u klusbuddy.User, orgName, device string) (string, klusbuddy.Principal, error) {
	token, hash := newToken()
	csrf, _ := newToken()
	expires := s.Now().Add(klusbuddy.SessionLifetime(u.Role))
	sess, err := s.db.CreateSession(ctx, u.ID, hash, csrf, device, expires)
	if err != nil {
		return "", klusbuddy.Principal{}, err
	}
	return token, klusbuddy.Principal{User: u, OrganisationName: orgName, Session: sess}, nil
}

// Authenticate returns the principal of a session token.
func (s *Service) Authenticate(ctx context.Context, token string) (klusbuddy.Principal, error) {
	if token == "" || len(token) > 100 {
		return klusbuddy.Principal{}, klusbuddy.Errorf(klusbuddy.EUNAUTHORIZED, "You are not signed in.")
	}
	return s.db.PrincipalBySession(ctx, hashToken(token), klusbuddy.SessionLifetime)
}

// Logout ends the principal's current session.
func (s *Service) Logout(ctx context.Context, p klusbuddy.Principal) error {
	return s.db.DeleteSession(ctx, p.ID, p.Session.ID)
}

// LogoutAll ends every session of the principal.
func (s *Service) LogoutAll(ctx context.Context, p klusbuddy.Principal) error {
	return s.db.DeleteSessions(ctx, p.ID)
}

// ListSessions lists the principal's devices.
func (s *Service) ListSessions(ctx context.Context, p klusbuddy.Principal) ([]klusbuddy.Session, error) {
	return s.db.ListSessions(ctx, p.ID)
}

// RevokeSession signs one of the principal's devices out.
func (s *Service) RevokeSession(ctx context.Context, p klusbuddy.Principal, id int64) error {
	return s.db.DeleteSession(ctx, p.ID, id)
}

// LookupInvite tells who an invite link is for.
func (s *Service) LookupInvite(ctx context.Context, token string) (klusbuddy.InviteInfo, error) {
	fe := klusbuddy.FieldErrors{}
	if klusbuddy.CheckLength(fe, "token", token, klusbuddy.MaxTokenLength) {
		return klusbuddy.InviteInfo{}, fe.Err()
	}
	t, err := s.db.InviteByToken(ctx, hashToken(token))
	if err != nil {
		return klusbuddy.InviteInfo{}, err
	}
	return klusbuddy.InviteInfo{FirstName: t.User.FirstName, Role: t.User.Role, OrganisationName: t.OrganisationName,
		SecretKinds: secretKinds(t.User.Role), ExpiresAt: t.ExpiresAt}, nil
}

func secretKinds(r klusbuddy.Role) []klusbuddy.SecretKind {
	if r == klusbuddy.RoleWorker || r == klusbuddy.RoleBuddy {
		return []klusbuddy.SecretKind{klusbuddy.SecretPIN, klusbuddy.SecretPassword}
	}
	return []klusbuddy.SecretKind{klusbuddy.SecretPassword}
}

// AcceptInvite sets the chosen PIN or password and signs the person in on this device.
func (s *Service) AcceptInvite(ctx context.Context, a klusbuddy.Acceptance, device string) (string, klusbuddy.Principal, error) {
	long := klusbuddy.FieldErrors{}
	klusbuddy.CheckLength(long, "token", a.Token, klusbuddy.MaxTokenLength)
	klusbuddy.CheckLength(long, "password", a.Password, klusbuddy.MaxSecretLength)
	klusbuddy.CheckLength(long, "pin", a.PIN, klusbuddy.MaxSecretLength)
	if err := long.Err(); err != nil {
		return "", klusbuddy.Principal{}, err
	}
	info, err := s.LookupInvite(ctx, a.Token)
	if err != nil {
		return "", klusbuddy.Principal{}, err
	}
	fe := klusbuddy.FieldErrors{}
	var secret string
	var kind klusbuddy.SecretKind
	switch {
	case a.PIN != "" && a.Password != "":
		fe.Add("pin", "Choose a PIN or a password, not both.")
	case a.PIN != "":
		if info.SecretKinds[0] != klusbuddy.SecretPIN {
			fe.Add("pin", "Choose a password.")
		} else if msg := klusbuddy.PINProblem(a.PIN); msg != "" {
			fe.Add("pin", msg)
		}
		secret, kind = a.PIN, klusbuddy.SecretPIN
	case a.Password != "":
		if msg := klusbuddy.PasswordProblem(a.Password); msg != "" {
			fe.Add("password", msg)
		}
		secret, kind = a.Password, klusbuddy.SecretPassword
	default:
		fe.Add(string(info.SecretKinds[0]), "This field is required.")
	}
	if err := fe.Err(); err != nil {
		return "", klusbuddy.Principal{}, err
	}
	hash, err := s.hash(secret)
	if err != nil {
		return "", klusbuddy.Principal{}, err
	}
	t, err := s.db.UseInvite(ctx, hashToken(a.Token), hash, kind)
	if err != nil {
		return "", klusbuddy.Principal{}, err
	}
	return s.startSession(ctx, t.User, t.OrganisationName, device)
}

// NewInvite makes a fresh invite link for a user the actor manages: a coordinator their own
// organisation's workers and buddies, an admin anyone.
func (s *Service) NewInvite(ctx context.Context, actor klusbuddy.Principal, userID int64, signOut bool) (klusbuddy.Invite, error) {
	u, _, err := s.db.UserByID(ctx, userID)
	if err != nil {
		return klusbuddy.Invite{}, err
	}
	if !klusbuddy.CanManage(actor.User, u) {
		return klusbuddy.Invite{}, klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such person.")
	}
	if u.Role == klusbuddy.RolePoster {
		return klusbuddy.Invite{}, klusbuddy.Errorf(klusbuddy.EINVALID, "Posters sign in with their email and password.")
	}
	token, hash := newToken()
	inv := klusbuddy.Invite{Token: token, ExpiresAt: s.Now().Add(klusbuddy.InviteLifetime)}
	if err := s.db.CreateInvite(ctx, userID, actor.ID, hash, inv.ExpiresAt, signOut); err != nil {
		return klusbuddy.Invite{}, err
	}
	return inv, nil
}

// newToken returns a random 256-bit token (base64url) and its SHA-256, which is what is stored:
// a stolen database does not yield working sessions or invites.
func newToken() (string, []byte) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(errors.New("crypto/rand failed: " + err.Error())) // the OS has no randomness: nothing is safe
	}
	t := base64.RawURLEncoding.EncodeToString(b)
	return t, hashToken(t)
}

func hashToken(t string) []byte {
	h := sha256.Sum256([]byte(t))
	return h[:]
}
