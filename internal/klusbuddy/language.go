package klusbuddy

// Language is one of the languages the interface is translated into. Dutch is the default:
// Klusbuddy starts in Limburg.
type Language string

const (
	Dutch   Language = "nl"
	French  Language = "fr"
	English Language = "en"
	Turkish Language = "tr"
	Arabic  Language = "ar" // Modern Standard Arabic, written right to left
)

// Languages lists the interface languages, the default first.
var Languages = []Language{Dutch, French, English, Turkish, Arabic}

// Valid reports whether l is an interface language.
func (l Language) Valid() bool {
	switch l {
	case Dutch, French, English, Turkish, Arabic:
		return true
	}
	return false
}

// RTL reports whether l is written right to left.
func (l Language) RTL() bool { return l == Arabic }

// Localized is a text written in the interface languages. Turkish and Arabic came later and
// may be missing (texts stored before them): In then falls back to Dutch.
type Localized struct {
	NL string `json:"nl"`
	FR string `json:"fr"`
	EN string `json:"en"`
	TR string `json:"tr,omitempty"`
	AR string `json:"ar,omitempty"`
}

// In returns the text in l, falling back to Dutch.
func (t Localized) In(l Language) string {
	switch l {
	case French:
		if t.FR != "" {
			return t.FR
		}
	case English:
		if t.EN != "" {
			return t.EN
		}
	case Turkish:
		if t.TR != "" {
			return t.TR
		}
	case Arabic:
		if t.AR != "" {
			return t.AR
		}
	}
	return t.NL
}
