package httpapi

import "testing"

func TestSpreadsheetText(t *testing.T) {
	for in, want := range map[string]string{
		"Ayşe":                     "Ayşe",
		"":                         "",
		"=HYPERLINK(\"http://x\")": "'=HYPERLINK(\"http://x\")",
		"+32 470":                  "'+32 470",
		"-1+1":                     "'-1+1",
		"@SUM(A1)":                 "'@SUM(A1)",
		"\tx":                      "'\tx",
		"Poetsen = schoonmaken":    "Poetsen = schoonmaken",
	} {
		if got := spreadsheetText(in); got != want {
			t.Errorf("spreadsheetText(%q) = %q, want %q", in, got, want)
		}
	}
}
