package klusbuddy

// Language is one of the languages the interface is translated into. Dutch is the default:
// Klusbuddy starts in Limburg.
type Language string

const (
	Dutch   Language = "nl"
	French  Language = "fr"
	English Language = "en"
)

// Languages lists the interface languages, the default first.
var Languages = []Language{Dutch, French, English}

// Valid reports whether l is an interface language.
func (l Language) Valid() bool {
	return l == Dutch || l == French || l == English
}

// Localized is a text written in every interface language.
type Localized struct {
	NL string `json:"nl"`
	FR string `json:"fr"`
	EN string `json:"en"`
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
	}
	return t.NL
}
