package postgres_test

import (
	"context"
	"testing"
)

func TestPurgeExpired(t *testing.T) {
	db, sq := newDB(t)
	ctx := context.Background()
	sq.MustExec(`INSERT INTO users (role, first_name, email) VALUES ('admin', 'A', 'a@example.be')`)
	hash := func(b byte) []byte {
		h := make([]byte, 32)
		h[0] = b
		return h
	}
	csrf := "0123456789abcdef0123456789abcdef"
	sq.MustExec(`INSERT INTO sessions (user_id, token_hash, csrf_token, created_at, expires_at) VALUES (1, $1, $2, now() - interval '2 days', now() - interval '1 day')`, hash(1), csrf)
	sq.MustExec(`INSERT INTO sessions (user_id, token_hash, csrf_token, expires_at) VALUES (1, $1, $2, now() + interval '1 day')`, hash(2), csrf)
	sq.MustExec(`INSERT INTO invites (user_id, token_hash, created_at, expires_at) VALUES (1, $1, now() - interval '60 days', now() - interval '53 days')`, hash(3))
	sq.MustExec(`INSERT INTO invites (user_id, token_hash, expires_at) VALUES (1, $1, now() + interval '7 days')`, hash(4))
	sq.MustExec(`INSERT INTO signin_throttle (key, failures, window_start) VALUES ('login:old', 3, now() - interval '2 days'), ('login:new', 3, now())`)
	sq.MustExec(`INSERT INTO signin_throttle (key, failures, window_start, locked_until) VALUES ('login:locked', 0, now() - interval '2 days', now() + interval '10 minutes')`)

	n, err := db.PurgeExpired(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Fatalf("purged %d rows, want 3", n)
	}
	var left int
	sq.Get(&left, `SELECT (SELECT count(*) FROM sessions) + (SELECT count(*) FROM invites) + (SELECT count(*) FROM signin_throttle)`)
	if left != 4 {
		t.Fatalf("%d rows left, want 4 (live session, live invite, recent and locked counters)", left)
	}
}
