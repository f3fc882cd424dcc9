package postgres

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// userColumns are the columns of klusbuddy.User, with the organisation's name.
const userColumns = `u.id, u.role, coalesce(u.organisation_id, 0) AS organisation_id, u.first_name, u.last_name,
	coalesce(u.email, '') AS email, coalesce(u.phone, '') AS phone, u.language, u.created_at,
	coalesce(o.name, '') AS organisation_name`

type userRow struct {
	ID               int64     `db:"id"`
	Role             string    `db:"role"`
	OrganisationID   int64     `db:"organisation_id"`
	FirstName        string    `db:"first_name"`
	LastName         string    `db:"last_name"`
	Email            string    `db:"email"`
	Phone            string    `db:"phone"`
	Language         string    `db:"language"`
	CreatedAt        time.Time `db:"created_at"`
	OrganisationName string    `db:"organisation_name"`
}

func (r userRow) user() klusbuddy.User {
	return klusbuddy.User{ID: r.ID, Role: klusbuddy.Role(r.Role), OrganisationID: r.OrganisationID, FirstName: r.FirstName,
		LastName: r.LastName, Email: r.Email, Phone: r.Phone, Language: klusbuddy.Language(r.Language), CreatedAt: r.CreatedAt}
}

// CreatePoster stores a signed-up poster with their hashed password, all or nothing. An email
// or phone already in use is a field error.
func (db *DB) CreatePoster(ctx context.Context, s klusbuddy.Signup, secretHash string) (klusbuddy.User, error) {
	var u klusbuddy.User
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := checkFree(ctx, tx, klusbuddy.RolePoster, s.Email, s.Phone, 0); err != nil {
			return err
		}
		const q = `
INSERT INTO users (role, first_name, last_name, email, phone, language, secret_hash, secret_kind, activated_at)
VALUES ('poster', $1, $2, $3, $4, $5, $6, 'password', $7)
RETURNING id, created_at`
		if err := tx.QueryRowContext(ctx, q, s.FirstName, s.LastName, s.Email, s.Phone, s.Language, secretHash, db.now()).Scan(&u.ID, &u.CreatedAt); err != nil {
			return err
		}
		const qp = `INSERT INTO poster_profiles (user_id, kind, company_name, vat_number) VALUES ($1, $2, NULLIF($3, ''), NULLIF($4, ''))`
		_, err := tx.ExecContext(ctx, qp, u.ID, s.Kind, s.CompanyName, s.VATNumber)
		return err
	})
	if err != nil {
		return u, err
	}
	u.Role, u.FirstName, u.LastName, u.Email, u.Phone, u.Language = klusbuddy.RolePoster, s.FirstName, s.LastName, s.Email, s.Phone, s.Language
	return u, nil
}

// checkFree reports an email, or for workers and buddies a phone number, that another live
// account (not except) already uses, as a field error: the unique indexes would refuse it
// anyway, but without saying which field. Phones are logins only for workers and buddies.
func checkFree(ctx context.Context, tx *sqlx.Tx, role klusbuddy.Role, email, phone string, except int64) error {
	fe := klusbuddy.FieldErrors{}
	var n int
	if email != "" {
		if err := tx.GetContext(ctx, &n, `SELECT count(*) FROM users WHERE lower(email) = lower($1) AND id <> $2`, email, except); err != nil {
			return err
		}
		if n > 0 {
			fe.Add("email", "An account with this email address exists already.")
		}
	}
	if phone != "" && (role == klusbuddy.RoleWorker || role == klusbuddy.RoleBuddy) {
		const q = `SELECT count(*) FROM users WHERE phone = $1 AND role IN ('worker', 'buddy') AND deleted_at IS NULL AND id <> $2`
		if err := tx.GetContext(ctx, &n, q, phone, except); err != nil {
			return err
		}
		if n > 0 {
			fe.Add("phone", "An account with this phone number exists already.")
		}
	}
	return fe.Err()
}

// CredentialByLogin finds a live account by email or phone; ENOTFOUND when there is none.
func (db *DB) CredentialByLogin(ctx context.Context, key string, isEmail bool) (klusbuddy.Credential, error) {
	q := `SELECT ` + userColumns + `, coalesce(u.secret_hash, '') AS secret_hash, coalesce(u.secret_kind, '') AS secret_kind
FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id
WHERE u.deleted_at IS NULL AND `
	if isEmail {
		q += `lower(u.email) = $1`
	} else {
		q += `u.phone = $1 AND u.role IN ('worker', 'buddy')`
	}
	var row struct {
		userRow
		SecretHash string `db:"secret_hash"`
		SecretKind string `db:"secret_kind"`
	}
	if err := db.x.GetContext(ctx, &row, q, key); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return klusbuddy.Credential{}, klusbuddy.Errorf(klusbuddy.ENOTFOUND, "No such account.")
		}
		return klusbuddy.Credential{}, mapError(err)
	}
	return klusbuddy.Credential{User: row.user(), OrganisationName: row.OrganisationName, SecretHash: row.SecretHash,
		SecretKind: klusbuddy.SecretKind(row.SecretKind)}, nil
}

// CreateSession stores a new session and returns it.
func (db *DB) CreateSession(ctx context.Context, userID int64, tokenHash []byte, csrf, device string, expires time.Time) (klusbuddy.Session, error) {
	const q = `
INSERT INTO sessions (user_id, token_hash, csrf_token, device, expires_at, created_at, last_seen_at)
VALUES ($1, $2, $3, $4, $5, $6, $6)
RETURNING id, created_at, last_seen_at`
	s := klusbuddy.Session{UserID: userID, CSRFToken: csrf, Device: device, ExpiresAt: expires}
	now := db.now()
	err := db.x.QueryRowContext(ctx, q, userID, tokenHash, csrf, device, expires, now).Scan(&s.ID, &s.CreatedAt, &s.LastSeenAt)
	if err == nil {
		// A user who signs in for the first time is now active.
		_, err = db.x.ExecContext(ctx, `UPDATE users SET activated_at = $2 WHERE id = $1 AND activated_at IS NULL`, userID, now)
	}
	return s, mapError(err)
}

type sessionRow struct {
	userRow
	SessionID  int64     `db:"session_id"`
	CSRFToken  string    `db:"csrf_token"`
	Device     string    `db:"device"`
	SCreatedAt time.Time `db:"session_created_at"`
	LastSeenAt time.Time `db:"last_seen_at"`
	ExpiresAt  time.Time `db:"expires_at"`
}

// PrincipalBySession returns who holds a live session, sliding its expiry forward by lifetime
// (at most once a minute, to spare the database a write per request).
func (db *DB) PrincipalBySession(ctx context.Context, tokenHash []byte, lifetime func(klusbuddy.Role) time.Duration) (klusbuddy.Principal, error) {
	q := `SELECT ` + userColumns + `, s.id AS session_id, s.csrf_token, s.device, s.created_at AS session_created_at,
	s.last_seen_at, s.expires_at
FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN organisations o ON o.id = u.organisation_id
WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.deleted_at IS NULL`
	var r sessionRow
	now := db.now()
	if err := db.x.GetContext(ctx, &r, q, tokenHash, now); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return klusbuddy.Principal{}, klusbuddy.Errorf(klusbuddy.EUNAUTHORIZED, "You are not signed in.")
		}
		return klusbuddy.Principal{}, mapError(err)
	}
	p := klusbuddy.Principal{User: r.user(), OrganisationName: r.OrganisationName, Session: klusbuddy.Session{
		ID: r.SessionID, UserID: r.ID, CSRFToken: r.CSRFToken, Device: r.Device, CreatedAt: r.SCreatedAt,
		LastSeenAt: r.LastSeenAt, ExpiresAt: r.ExpiresAt}}
	if now.Sub(r.LastSeenAt) > time.Minute {
		const u = `UPDATE sessions SET last_seen_at = $3, expires_at = $3::timestamptz + $2 * interval '1 second' WHERE id = $1 RETURNING expires_at`
		if err := db.x.QueryRowContext(ctx, u, r.SessionID, lifetime(p.Role).Seconds(), now).Scan(&p.Session.ExpiresAt); err != nil {
			return klusbuddy.Principal{}, mapError(err)
		}
		p.Session.Renewed = true
	}
	return p, nil
}

// ListSessions returns the user's live sessions, most recently used first.
func (db *DB) ListSessions(ctx context.Context, userID int64) ([]klusbuddy.Session, error) {
	const q = `
SELECT id, user_id, csrf_token, device, created_at, last_seen_at, expires_at
FROM sessions WHERE user_id = $1 AND expires_at > $2 ORDER BY last_seen_at DESC, id DESC`
	rows, err := db.x.QueryContext(ctx, q, userID, db.now())
	if err != nil {
		return nil, mapError(err)
	}
	defer rows.Close()
	var out []klusbuddy.Session
	for rows.Next() {
		var s klusbuddy.Session
		if err := rows.Scan(&s.ID, &s.UserID, &s.CSRFToken, &s.Device, &s.CreatedAt, &s.LastSeenAt, &s.ExpiresAt); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, mapError(rows.Err())
}

// DeleteSession ends one session of the user; ENOTFOUND when they have no such session.
func (db *DB) DeleteSession(ctx context.Context, userID, sessionID int64) error {
	res, err := db.x.ExecContext(ctx, `DELETE FROM sessions WHERE id = $1 AND user_id = $2`, sessionID, userID)
	if err != nil {
		return mapError(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such session.")
	}
	return nil
}

// DeleteSessions ends every session of the user.
func (db *DB) DeleteSessions(ctx context.Context, userID int64) error {
	_, err := db.x.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID)
	return mapError(err)
}

// ThrottleAttempt counts a sign-in attempt for key before its secret is checked, in one
// statement, so that attempts sent at once cannot outrun the count. Beyond max attempts within
// window the key is locked for lockout; it returns the end of the lock (zero when the attempt
// may go ahead). A locked key stays locked, its count frozen, until the lock ends.
func (db *DB) ThrottleAttempt(ctx context.Context, key string, max int, window, lockout time.Duration) (time.Time, error) {
	const q = `
INSERT INTO signin_throttle AS t (key, failures, window_start) VALUES ($1, 1, $5)
ON CONFLICT (key) DO UPDATE SET
    failures = CASE
        WHEN t.locked_until > $5 THEN t.failures
        WHEN t.window_start < $5::timestamptz - $2 * interval '1 second' THEN 1
        ELSE t.failures + 1 END,
    window_start = CASE
        WHEN t.locked_until > $5 THEN t.window_start
        WHEN t.window_start < $5::timestamptz - $2 * interval '1 second' THEN $5
        ELSE t.window_start END,
    locked_until = CASE
        WHEN t.locked_until > $5 THEN t.locked_until
        WHEN t.window_start >= $5::timestamptz - $2 * interval '1 second' AND t.failures + 1 > $3 THEN $5::timestamptz + $4 * interval '1 second'
        END
RETURNING locked_until`
	var until sql.NullTime
	err := db.x.QueryRowContext(ctx, q, key, window.Seconds(), max, lockout.Seconds(), db.now()).Scan(&until)
	if err != nil {
		return time.Time{}, mapError(err)
	}
	return until.Time, nil
}

// ThrottleSuccess forgets the attempts of a login that signed in, and gives its attempt back to
// the IP address, so that an office full of people signing in is not locked out.
func (db *DB) ThrottleSuccess(ctx context.Context, loginKey, ipKey string) error {
	if _, err := db.x.ExecContext(ctx, `DELETE FROM signin_throttle WHERE key = $1`, loginKey); err != nil {
		return mapError(err)
	}
	_, err := db.x.ExecContext(ctx, `UPDATE signin_throttle SET failures = greatest(failures - 1, 0) WHERE key = $1 AND locked_until IS NULL`, ipKey)
	return mapError(err)
}

// InviteByToken returns a usable invite (not used, revoked or expired, for a live account);
// ENOTFOUND otherwise, without saying which.
func (db *DB) InviteByToken(ctx context.Context, tokenHash []byte) (klusbuddy.InviteTarget, error) {
	return inviteByToken(ctx, db.x, tokenHash, db.now(), "")
}

func inviteByToken(ctx context.Context, q sqlx.QueryerContext, tokenHash []byte, now time.Time, lock string) (klusbuddy.InviteTarget, error) {
	query := `SELECT ` + userColumns + `, i.id AS invite_id, i.expires_at
FROM invites i JOIN users u ON u.id = i.user_id LEFT JOIN organisations o ON o.id = u.organisation_id
WHERE i.token_hash = $1 AND i.used_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > $2 AND u.deleted_at IS NULL ` + lock
	var r struct {
		userRow
		InviteID  int64     `db:"invite_id"`
		ExpiresAt time.Time `db:"expires_at"`
	}
	if err := sqlx.GetContext(ctx, q, &r, query, tokenHash, now); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return klusbuddy.InviteTarget{}, klusbuddy.Errorf(klusbuddy.ENOTFOUND, "This invite link is no longer valid: ask your coach for a new one.")
		}
		return klusbuddy.InviteTarget{}, mapError(err)
	}
	return klusbuddy.InviteTarget{InviteID: r.InviteID, User: r.user(), OrganisationName: r.OrganisationName, ExpiresAt: r.ExpiresAt}, nil
}

// UseInvite spends the invite and sets the user's secret, in one transaction; a second use of
// the same link, even at the same moment, finds it spent (ENOTFOUND).
func (db *DB) UseInvite(ctx context.Context, tokenHash []byte, secretHash string, kind klusbuddy.SecretKind) (klusbuddy.InviteTarget, error) {
	var t klusbuddy.InviteTarget
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		var err error
		now := db.now()
		if t, err = inviteByToken(ctx, tx, tokenHash, now, "FOR UPDATE OF i"); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE invites SET used_at = $2 WHERE id = $1`, t.InviteID, now); err != nil {
			return err
		}
		const q = `UPDATE users SET secret_hash = $2, secret_kind = $3 WHERE id = $1`
		_, err = tx.ExecContext(ctx, q, t.User.ID, secretHash, kind)
		return err
	})
	return t, err
}

// CreateInvite stores a new invite for userID and revokes the earlier unused ones; signOut also
// ends the user's sessions (a lost phone).
func (db *DB) CreateInvite(ctx context.Context, userID, createdBy int64, tokenHash []byte, expires time.Time, signOut bool) error {
	return db.inTx(ctx, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE invites SET revoked_at = $2 WHERE user_id = $1 AND used_at IS NULL AND revoked_at IS NULL`, userID, db.now()); err != nil {
			return err
		}
		var creator *int64
		if createdBy != 0 {
			creator = &createdBy
		}
		const q = `INSERT INTO invites (user_id, token_hash, created_by, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)`
		if _, err := tx.ExecContext(ctx, q, userID, tokenHash, creator, expires, db.now()); err != nil {
			return err
		}
		if signOut {
			_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID)
			return err
		}
		return nil
	})
}

// UserByID returns a live user; ENOTFOUND otherwise.
func (db *DB) UserByID(ctx context.Context, id int64) (klusbuddy.User, string, error) {
	q := `SELECT ` + userColumns + ` FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1 AND u.deleted_at IS NULL`
	var r userRow
	if err := db.x.GetContext(ctx, &r, q, id); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return klusbuddy.User{}, "", klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such person.")
		}
		return klusbuddy.User{}, "", mapError(err)
	}
	return r.user(), r.OrganisationName, nil
}

// PurgeExpired deletes what has run out: sessions past their expiry, invites spent, revoked or
// expired for more than 30 days, and sign-in counters idle for a day. It returns how many rows
// went.
func (db *DB) PurgeExpired(ctx context.Context) (int64, error) {
	var total int64
	for _, q := range []string{
		`DELETE FROM sessions WHERE expires_at < $1`,
		`DELETE FROM invites WHERE coalesce(used_at, revoked_at, expires_at) < $1::timestamptz - interval '30 days'`,
		`DELETE FROM signin_throttle WHERE window_start < $1::timestamptz - interval '1 day' AND (locked_until IS NULL OR locked_until < $1)`,
	} {
		res, err := db.x.ExecContext(ctx, q, db.now())
		if err != nil {
			return total, mapError(err)
		}
		n, _ := res.RowsAffected()
		total += n
	}
	return total, nil
}

// LiveSessions returns which of the sessions still stand (not signed out, revoked or expired).
func (db *DB) LiveSessions(ctx context.Context, ids []int64) ([]int64, error) {
	var live []int64
	err := db.x.SelectContext(ctx, &live, `SELECT id FROM sessions WHERE id = ANY($1) AND expires_at > $2`, pq.Array(ids), db.now())
	return live, mapError(err)
}

// InviteRecords returns the invites made for a person (not their links, which are not kept),
// for their data export.
func (db *DB) InviteRecords(ctx context.Context, userID int64) ([]klusbuddy.InviteRecord, error) {
	var rows []struct {
		CreatedAt time.Time  `db:"created_at"`
		ExpiresAt time.Time  `db:"expires_at"`
		UsedAt    *time.Time `db:"used_at"`
		RevokedAt *time.Time `db:"revoked_at"`
	}
	const q = `SELECT created_at, expires_at, used_at, revoked_at FROM invites WHERE user_id = $1 ORDER BY id`
	if err := db.x.SelectContext(ctx, &rows, q, userID); err != nil {
		return nil, mapError(err)
	}
	out := make([]klusbuddy.InviteRecord, len(rows))
	for i, r := range rows {
		out[i] = klusbuddy.InviteRecord{CreatedAt: r.CreatedAt, ExpiresAt: r.ExpiresAt, UsedAt: r.UsedAt, RevokedAt: r.RevokedAt}
	}
	return out, nil
}
