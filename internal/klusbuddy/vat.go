package klusbuddy

import "strings"

// NormalizeBelgianVAT returns a Belgian VAT number in its canonical form BE0123456789, and
// whether it is valid: ten digits starting with 0 or 1, the last two being 97 minus the first
// eight modulo 97. People type it as "BE 0123.456.789", "0123 456 789" or "be0123456789".
func NormalizeBelgianVAT(s string) (string, bool) {
	var digits []byte
	s = strings.ToUpper(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "BE")
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits = append(digits, c)
		case c == ' ' || c == '.' || c == '-':
		default:
			return "", false
		}
	}
	if len(digits) == 9 { // old numbers without the leading 0
		digits = append([]byte{'0'}, digits...)
	}
	if len(digits) != 10 || (digits[0] != '0' && digits[0] != '1') {
		return "", false
	}
	base, check := 0, 0
	for _, c := range digits[:8] {
		base = base*10 + int(c-'0')
	}
	check = int(digits[8]-'0')*10 + int(digits[9]-'0')
	if 97-base%97 != check {
		return "", false
	}
	return "BE" + string(digits), true
}
