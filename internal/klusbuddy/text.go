package klusbuddy

import (
	"fmt"
	"unicode/utf8"
)

// The most characters each kind of free text may have. Every field has its limit, checked
// before any query, in the API description (maxLength) and by a CHECK in the schema; with
// MaxTextLength as the backstop for any text of a request, nothing unbounded reaches the
// database (docs/decisions.md: lib/pq and long error messages).
const (
	MaxNameLength         = 80  // first and last names, a category's name in a language
	MaxEmailLength        = 254 // RFC 5321
	MaxPhoneLength        = 32  // as typed, before it becomes E.164
	MaxMunicipalityLength = 80
	MaxStreetLength       = 120
	MaxLabelLength        = 60 // an address's label ("Thuis")
	MaxCompanyLength      = 120
	MaxVATLength          = 20 // as typed: BE 0123.456.749
	MaxSecretLength       = 200
	MaxTokenLength        = 100 // invite links carry 43 characters
)

// tooLong records a field error when s is longer than max characters and reports whether it was.
func tooLong(fe FieldErrors, field, s string, max int) bool {
	if utf8.RuneCountInString(s) > max {
		fe.Add(field, fmt.Sprintf("Use at most %d characters.", max))
		return true
	}
	return false
}

// CheckLength is tooLong for the packages around the domain.
func CheckLength(fe FieldErrors, field, s string, max int) bool { return tooLong(fe, field, s, max) }
