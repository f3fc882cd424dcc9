package httpapi

import "strings"

// spreadsheetText makes text from people (names, category names) safe for a CSV that a
// spreadsheet opens: a cell starting with = + - @ (or a tab or carriage return) would be read as
// a formula, so it is prefixed with an apostrophe, which spreadsheets show as text (OWASP's
// advice on CSV injection). Amounts and dates are written by us and need none.
func spreadsheetText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
