// Package klusbuddy holds the domain of Klusbuddy: its types, their validation and the errors
// every adapter speaks. It imports nothing but the standard library.
package klusbuddy

import (
	"errors"
	"fmt"
	"sort"
	"time"
)

// Error codes: one per kind of failure a caller can act on. The HTTP layer maps each to a status
// in one place; the database layer maps constraint violations onto them.
const (
	ECONFLICT       = "conflict"        // the action conflicts with the current state (taken, duplicate)
	EINTERNAL       = "internal"        // a bug or an outage; details are logged, never shown
	EINVALID        = "invalid"         // the input is wrong; Fields says where
	ENOTFOUND       = "not_found"       // the thing does not exist or the caller may not know it does
	EUNAUTHORIZED   = "unauthorized"    // the caller is not signed in
	EFORBIDDEN      = "forbidden"       // the caller is signed in but may not do this
	ETOOMANY        = "too_many"        // rate limited
	ETOOLARGE       = "too_large"       // the request body is over the limit
	EUNAVAILABLE    = "unavailable"     // a dependency (the database) is down; try again later
	EUNSUPPORTED    = "unsupported"     // wrong media type or method
	ENOTIMPLEMENTED = "not_implemented" // reserved for endpoints announced but not built
)

// Error is the one error type that crosses package boundaries. Message is safe to show to the
// user (the HTTP layer translates by Code where it can); Fields holds per-field messages for
// EINVALID, keyed by the JSON name of the field.
type Error struct {
	Code       string
	Message    string
	Fields     map[string]string
	RetryAfter time.Duration // for ETOOMANY and EUNAVAILABLE: when trying again makes sense
	Reason     string        // finer than Code, for clients that act on it (an offer: taken, expired, …)
}

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return fmt.Sprintf("klusbuddy error: code=%s message=%s", e.Code, e.Message)
	}
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	s := fmt.Sprintf("klusbuddy error: code=%s message=%s fields=", e.Code, e.Message)
	for i, k := range keys {
		if i > 0 {
			s += ","
		}
		s += k + ":" + e.Fields[k]
	}
	return s
}

// Errorf returns an *Error with the code and a formatted, user-safe message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err: that of the first *Error in its chain, EINTERNAL for any
// other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-safe message of err; an error that is not an *Error is internal
// and gets a generic message so that nothing of its text leaks.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Internal error."
}

// Conflict returns an ECONFLICT error with a machine-readable reason.
func Conflict(reason, message string) *Error {
	return &Error{Code: ECONFLICT, Message: message, Reason: reason}
}

// FieldErrors collects per-field validation messages; Err turns them into one EINVALID error.
type FieldErrors map[string]string

// Add records msg for field unless the field already has a message (the first problem is the
// one to fix first).
func (f FieldErrors) Add(field, msg string) {
	if _, ok := f[field]; !ok {
		f[field] = msg
	}
}

// Err returns nil when there are no messages, otherwise an EINVALID *Error holding them.
func (f FieldErrors) Err() error {
	if len(f) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: "Some fields are not valid.", Fields: f}
}

// MaxTextLength is the most characters any text of a request may have: no field needs more
// (a job's description is the longest). Each field has its own, lower limit besides; together
// they keep unbounded input from the database (docs/decisions.md: lib/pq and long errors).
const MaxTextLength = 2000
