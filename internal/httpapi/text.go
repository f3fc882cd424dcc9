package httpapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// checkText looks at every string of a JSON body before it is decoded, and refuses, naming the
// field, what Go's decoder would silently turn into U+FFFD (bytes that are not UTF-8, a lone
// UTF-16 surrogate in a \u escape), NUL (PostgreSQL text cannot hold it), and any text longer
// than klusbuddy.MaxTextLength, which no field needs. This is the backstop: each field has its
// own, lower limit in the domain; nothing unbounded ever reaches the database.
func checkText(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	type level struct {
		array bool
		index int
		key   string
		isKey bool // the next string is a key
	}
	var stack []*level
	path := func() string {
		parts := make([]string, 0, len(stack))
		for _, l := range stack {
			if l.array {
				parts = append(parts, strconv.Itoa(l.index))
			} else {
				parts = append(parts, l.key)
			}
		}
		if len(parts) == 0 {
			return "body"
		}
		return strings.Join(parts, ".")
	}
	done := func() { // a value ended in the container on top
		if len(stack) == 0 {
			return
		}
		if l := stack[len(stack)-1]; l.array {
			l.index++
		} else {
			l.isKey = true
		}
	}
	fe := klusbuddy.FieldErrors{}
	for {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			break // the end, or malformed JSON, which the strict decoder reports
		}
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{':
				stack = append(stack, &level{isKey: true})
			case '[':
				stack = append(stack, &level{array: true})
			default:
				stack = stack[:len(stack)-1]
				done()
			}
		case string:
			raw := b[start:dec.InputOffset()]
			raw = raw[bytes.IndexByte(raw, '"'):]
			if l := len(stack); l > 0 && !stack[l-1].array && stack[l-1].isKey {
				stack[l-1].key, stack[l-1].isKey = v, false
				if msg := textProblem(raw, v, 100); msg != "" {
					return klusbuddy.Errorf(klusbuddy.EINVALID, "The body has a field name that is not valid.")
				}
				continue
			}
			if msg := textProblem(raw, v, klusbuddy.MaxTextLength); msg != "" {
				fe.Add(path(), msg)
			}
			done()
		default:
			done()
		}
	}
	return fe.Err()
}

// textProblem says what is wrong with a JSON string, given as sent (raw, quotes included) and
// decoded, or "" when nothing is.
func textProblem(raw []byte, decoded string, max int) string {
	if !utf8.Valid(raw) {
		return "Use text in UTF-8: this has bytes that are not."
	}
	if utf8.RuneCountInString(decoded) > max {
		return fmt.Sprintf("Use at most %d characters.", max)
	}
	// Escapes: \u0000, and surrogates that do not come in pairs.
	for i := 0; i < len(raw); i++ {
		if raw[i] != '\\' {
			continue
		}
		i++
		if i >= len(raw) || raw[i] != 'u' || i+4 >= len(raw) {
			continue
		}
		u, err := strconv.ParseUint(string(raw[i+1:i+5]), 16, 16)
		if err != nil {
			continue
		}
		i += 4
		switch {
		case u == 0:
			return "Text may not contain NUL characters."
		case u >= 0xDC00 && u <= 0xDFFF:
			return "Use valid text: this has half of a character (a lone surrogate)."
		case u >= 0xD800 && u <= 0xDBFF:
			if i+6 >= len(raw) || raw[i+1] != '\\' || raw[i+2] != 'u' {
				return "Use valid text: this has half of a character (a lone surrogate)."
			}
			low, err := strconv.ParseUint(string(raw[i+3:i+7]), 16, 16)
			if err != nil || low < 0xDC00 || low > 0xDFFF {
				return "Use valid text: this has half of a character (a lone surrogate)."
			}
			i += 6
		}
	}
	return ""
}
