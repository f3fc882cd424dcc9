package httpapi

import (
	"slices"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// The public impact page's words, in a file of its own: a catalogue per language, not English
// messages to translate (TestMessagesAreTranslated reads no *messages.go file).

// impactPageText is the page's catalogue: every key in every language (TestImpactPageIsTranslated).
var impactPageText = map[klusbuddy.Language]map[string]string{
	klusbuddy.Dutch: {
		"title":         "De impact van Klusbuddy",
		"intro":         "Wat mensen met een afstand tot werk via Klusbuddy deden voor gezinnen en bedrijven, in cijfers.",
		"platform":      "Heel Klusbuddy",
		"period":        "Jaar",
		"municipality":  "Gemeente",
		"all":           "Alle gemeenten",
		"show":          "Toon",
		"from_to":       "Van %s tot en met %s",
		"jobs_done":     "Klussen gedaan",
		"hours_worked":  "Uren gewerkt",
		"people_worked": "Mensen aan het werk",
		"new_people":    "Nieuwe mensen aan het werk",
		"households":    "Gezinnen geholpen",
		"companies":     "Bedrijven geholpen",
		"buddy_hours":   "Vrijwilligersuren van buddy's",
		"buddies":       "Buddy's",
		"filled_share":  "Aandeel klussen ingevuld",
		"no_shows":      "Keren niet opgedaagd",
		"dropouts":      "Keren afgehaakt",
		"hidden":        "verborgen",
		"hidden_why":    "Een getal over minder dan 5 mensen tonen we niet: zo is niemand te herkennen.",
		"none":          "Nog geen klussen in deze periode.",
		"by_place":      "Per gemeente",
		"table_caption": "Klussen, uren en mensen per gemeente",
		"embed":         "Op je eigen website tonen",
		"embed_help":    "Kopieer deze code in je pagina:",
		"languages":     "Taal",
		"definitions":   "Een klus telt in de periode waarin hij begint. Uren zijn goedgekeurde uren. Persoonsgegevens staan nergens op deze pagina.",
		"unknown":       "Deze gemeente of periode kennen we niet.",
	},
	klusbuddy.French: {
		"title":         "L'impact de Klusbuddy",
		"intro":         "Ce que des personnes éloignées de l'emploi ont fait via Klusbuddy pour des ménages et des entreprises, en chiffres.",
		"platform":      "Tout Klusbuddy",
		"period":        "Année",
		"municipality":  "Commune",
		"all":           "Toutes les communes",
		"show":          "Afficher",
		"from_to":       "Du %s au %s",
		"jobs_done":     "Missions faites",
		"hours_worked":  "Heures travaillées",
		"people_worked": "Personnes au travail",
		"new_people":    "Nouvelles personnes au travail",
		"households":    "Ménages aidés",
		"companies":     "Entreprises aidées",
		"buddy_hours":   "Heures bénévoles des buddies",
		"buddies":       "Buddies",
		"filled_share":  "Part des missions pourvues",
		"no_shows":      "Absences",
		"dropouts":      "Désistements",
		"hidden":        "masqué",
		"hidden_why":    "Nous ne montrons aucun chiffre qui concerne moins de 5 personnes : ainsi personne n'est reconnaissable.",
		"none":          "Pas encore de missions pendant cette période.",
		"by_place":      "Par commune",
		"table_caption": "Missions, heures et personnes par commune",
		"embed":         "Afficher sur votre site",
		"embed_help":    "Copiez ce code dans votre page :",
		"languages":     "Langue",
		"definitions":   "Une mission compte dans la période où elle commence. Les heures sont des heures approuvées. Aucune donnée personnelle ne figure sur cette page.",
		"unknown":       "Nous ne connaissons pas cette commune ou cette période.",
	},
	klusbuddy.English: {
		"title":         "Klusbuddy's impact",
		"intro":         "What people at a distance from work did through Klusbuddy for households and companies, in figures.",
		"platform":      "All of Klusbuddy",
		"period":        "Year",
		"municipality":  "Municipality",
		"all":           "All municipalities",
		"show":          "Show",
		"from_to":       "From %s to %s",
		"jobs_done":     "Jobs done",
		"hours_worked":  "Hours worked",
		"people_worked": "People who worked",
		"new_people":    "New people who worked",
		"households":    "Households helped",
		"companies":     "Companies helped",
		"buddy_hours":   "Buddies' volunteer hours",
		"buddies":       "Buddies",
		"filled_share":  "Share of jobs filled",
		"no_shows":      "No-shows",
		"dropouts":      "Drop-outs",
		"hidden":        "hidden",
		"hidden_why":    "We show no number about fewer than 5 people, so that nobody can be recognised.",
		"none":          "No jobs in this period yet.",
		"by_place":      "By municipality",
		"table_caption": "Jobs, hours and people by municipality",
		"embed":         "Show on your own website",
		"embed_help":    "Copy this code into your page:",
		"languages":     "Language",
		"definitions":   "A job counts in the period it starts in. Hours are approved hours. No personal data appears on this page.",
		"unknown":       "We do not know this municipality or period.",
	},
}

// languageNames are the languages' own names, for the language links.
var languageNames = map[klusbuddy.Language]string{klusbuddy.Dutch: "Nederlands", klusbuddy.French: "Français", klusbuddy.English: "English"}

// ImpactPageKeys lists the page's words in l, sorted (for the test that every language has all).
func ImpactPageKeys(l klusbuddy.Language) []string {
	var out []string
	for k, v := range impactPageText[l] {
		if v != "" {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}
