// Package demo builds the demo data set that `make run` loads into an empty database: two
// social-economy organisations around Genk and Hasselt with their coordinators, about forty
// workers, ten buddies, twenty posters and the category catalogue. The set is the same every
// time (a fixed random seed), so demo logins and screenshots stay stable.
package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// The demo secrets: every poster, coordinator and the admin signs in with Password, every
// worker and buddy with their phone number and PIN.
const (
	Password = "klusbuddy-demo"
	PIN      = "358024"
)

// Sizes of the demo set.
const (
	WorkersPerOrganisation = 20
	Buddies                = 10
	Posters                = 20
	Companies              = 5 // of the posters
)

// Categories is the catalogue with unit prices (euro cents, VAT included), in display order.
var Categories = []klusbuddy.Category{
	{Slug: "cleaning", Icon: "broom", Names: klusbuddy.Localized{NL: "Poetsen", FR: "Nettoyage", EN: "Cleaning", TR: "Temizlik", AR: "التنظيف"}, Unit: klusbuddy.PerHour, UnitPriceCents: 2400, Active: true},
	{Slug: "flatpack", Icon: "toolbox", Names: klusbuddy.Localized{NL: "Meubels monteren", FR: "Montage de meubles", EN: "Flat-pack assembly", TR: "Mobilya kurulumu", AR: "تركيب الأثاث"}, Unit: klusbuddy.PerItem, UnitPriceCents: 3500, Active: true},
	{Slug: "garden", Icon: "leaf", Names: klusbuddy.Localized{NL: "Tuinwerk", FR: "Jardinage", EN: "Gardening", TR: "Bahçe işleri", AR: "أعمال الحديقة"}, Unit: klusbuddy.PerHour, UnitPriceCents: 2600, Active: true},
	{Slug: "moving", Icon: "truck", Names: klusbuddy.Localized{NL: "Hulp bij verhuis", FR: "Aide au déménagement", EN: "Moving help", TR: "Taşınmaya yardım", AR: "المساعدة في الانتقال"}, Unit: klusbuddy.PerHour, UnitPriceCents: 2800, Active: true},
	{Slug: "ironing", Icon: "iron", Names: klusbuddy.Localized{NL: "Strijken", FR: "Repassage", EN: "Ironing", TR: "Ütü", AR: "الكيّ"}, Unit: klusbuddy.PerHour, UnitPriceCents: 2200, Active: true},
	{Slug: "painting", Icon: "paintbrush", Names: klusbuddy.Localized{NL: "Schilderwerk", FR: "Peinture", EN: "Painting", TR: "Boya işleri", AR: "الدهان"}, Unit: klusbuddy.PerHour, UnitPriceCents: 2900, Active: true},
	{Slug: "windows", Icon: "window", Names: klusbuddy.Localized{NL: "Ramen wassen", FR: "Lavage de vitres", EN: "Window cleaning", TR: "Cam silme", AR: "تنظيف النوافذ"}, Unit: klusbuddy.PerHour, UnitPriceCents: 2500, Active: true},
	{Slug: "errands", Icon: "bag", Names: klusbuddy.Localized{NL: "Boodschappen", FR: "Courses", EN: "Errands", TR: "Alışveriş", AR: "التسوّق"}, Unit: klusbuddy.PerHour, UnitPriceCents: 2000, Active: true},
}

// Organisations are the two demo enterprises.
var Organisations = []klusbuddy.Organisation{
	{Slug: "kompas-genk", Name: "Kompas Maatwerk Genk", Municipality: "Genk", MonthHourCap: 60, YearHourCap: 630, SharedPool: true},
	{Slug: "de-schakel-hasselt", Name: "De Schakel Hasselt vzw", Municipality: "Hasselt", MonthHourCap: 60, YearHourCap: 630, SharedPool: true},
}

// Places around each organisation (postcodes from the built-in table), the first the most likely.
var placesNear = map[string][]klusbuddy.Place{
	"kompas-genk": {
		{Postcode: "3600", Municipality: "Genk"}, {Postcode: "3600", Municipality: "Genk"}, {Postcode: "3600", Municipality: "Genk"},
		{Postcode: "3665", Municipality: "As"}, {Postcode: "3690", Municipality: "Zutendaal"}, {Postcode: "3630", Municipality: "Maasmechelen"},
		{Postcode: "3630", Municipality: "Eisden"}, {Postcode: "3660", Municipality: "Opglabbeek"}, {Postcode: "3530", Municipality: "Houthalen"},
		{Postcode: "3620", Municipality: "Lanaken"},
	},
	"de-schakel-hasselt": {
		{Postcode: "3500", Municipality: "Hasselt"}, {Postcode: "3500", Municipality: "Hasselt"}, {Postcode: "3500", Municipality: "Hasselt"},
		{Postcode: "3511", Municipality: "Kuringen"}, {Postcode: "3510", Municipality: "Kermt"}, {Postcode: "3520", Municipality: "Zonhoven"},
		{Postcode: "3590", Municipality: "Diepenbeek"}, {Postcode: "3550", Municipality: "Heusden"}, {Postcode: "3570", Municipality: "Alken"},
		{Postcode: "3580", Municipality: "Beringen"},
	},
}

// Streets per municipality, for posters' addresses.
var streets = map[string][]string{
	"Genk":         {"Stalenstraat", "Hoogstraat", "Vennestraat", "Molenstraat", "Winterslagstraat", "Sledderloweg", "Weg naar As", "Bochtlaan"},
	"Hasselt":      {"Kapelstraat", "Demerstraat", "Koning Albertstraat", "Kuringersteenweg", "Kempische Steenweg", "Sint-Truidersteenweg", "Genkersteenweg", "Maastrichtersteenweg"},
	"As":           {"Stationsstraat", "Kerkstraat"},
	"Zutendaal":    {"Daalstraat", "Oosterzonneweg"},
	"Maasmechelen": {"Rijksweg", "Pauwengraaf"},
	"Zonhoven":     {"Dorp", "Kempische Steenweg"},
	"Diepenbeek":   {"Stationsstraat", "Dorpsstraat"},
	"Kuringen":     {"Kuringersteenweg", "Hemelrijkstraat"},
}

var (
	firstNames = []string{"Ayşe", "Mehmet", "Emre", "Fatma", "Giuseppe", "Maria", "Rosa", "Fatima", "Youssef", "Samira",
		"Jan", "Els", "Koen", "Lies", "Katarzyna", "Piotr", "Yonas", "Rania", "Olena", "Dmytro", "Hassan", "Nadia",
		"Luca", "Anna", "Bram", "Sofie", "Ahmed", "Leila", "Tom", "Nele", "Mustafa", "Zeynep", "Marco", "Ilse",
		"Abdi", "Hawa", "Kevin", "Sandra", "Omar", "Ines"}
	lastNames = []string{"Yılmaz", "Demir", "Kaya", "Rossi", "Esposito", "Bruno", "El Amrani", "Benali", "Peeters",
		"Janssens", "Claes", "Vanderhoven", "Nowak", "Kowalski", "Tesfaye", "Haddad", "Kovalenko", "Vanhoof",
		"Hermans", "Bosmans", "Schepers", "Lenaerts", "Smeets", "Vrancken", "Öztürk", "Çelik", "Moens", "Gielen"}
	spoken = []string{"tr", "it", "ar", "pl", "ti", "uk", "ru", "so", "fa", "es"}

	companies = []struct{ name, vatBase string }{
		{"Bakkerij Vanhoof", "04123456"},
		{"Kinderdagverblijf Het Zonnetje", "07891234"},
		{"Tuincentrum De Linde", "04567890"},
		{"Boekhoudkantoor Claes & Co", "08765432"},
		{"Brasserie De Markt", "06543210"},
	}
)

// Login is one demo login to print.
type Login struct {
	Role, Who, Login, Secret string
}

// Logins picks one demo login per role and organisation (and a household and a company
// among the posters), for `make run` to print.
func Logins(d klusbuddy.SeedData) []Login {
	var out []Login
	seen := map[string]bool{}
	for _, p := range d.People {
		key := string(p.Role) + "/" + p.OrganisationSlug
		if p.Poster != nil {
			key += "/" + string(p.Poster.Kind)
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		who := p.FirstName + " " + p.LastName
		switch {
		case p.OrganisationSlug != "":
			who += " (" + p.OrganisationSlug + ")"
		case p.Poster != nil && p.Poster.Kind == klusbuddy.Company:
			who += " (" + p.Poster.CompanyName + ")"
		}
		if p.Role == klusbuddy.RoleWorker || p.Role == klusbuddy.RoleBuddy {
			out = append(out, Login{string(p.Role), who, p.Phone, PIN})
		} else {
			out = append(out, Login{string(p.Role), who, p.Email, Password})
		}
	}
	return out
}

// Data returns the demo data set.
func Data() klusbuddy.SeedData {
	r := rand.New(rand.NewPCG(2026, 11))
	data := klusbuddy.SeedData{Organisations: Organisations, Categories: Categories}
	usedEmails := map[string]bool{}
	email := func(first, last string) string {
		base := strings.ToLower(asciiFold(first) + "." + strings.ReplaceAll(asciiFold(last), " ", ""))
		e := base + "@demo.klusbuddy.be"
		for i := 2; usedEmails[e]; i++ {
			e = fmt.Sprintf("%s%d@demo.klusbuddy.be", base, i)
		}
		usedEmails[e] = true
		return e
	}
	phone := func() string { return fmt.Sprintf("+324%d%06d", 70+r.IntN(30), r.IntN(1_000_000)) }
	name := func() (string, string) { return firstNames[r.IntN(len(firstNames))], lastNames[r.IntN(len(lastNames))] }

	data.People = append(data.People, klusbuddy.Person{User: klusbuddy.User{
		Role: klusbuddy.RoleAdmin, FirstName: "Hilde", LastName: "Wouters", Email: "admin@demo.klusbuddy.be", Phone: phone(), Language: klusbuddy.Dutch}})

	coordinators := map[string][][2]string{
		"kompas-genk":        {{"Sarah", "Coenen"}, {"Murat", "Aydın"}},
		"de-schakel-hasselt": {{"Lotte", "Hendrikx"}, {"Pieter", "Vandeweyer"}},
	}
	for _, org := range Organisations {
		for _, n := range coordinators[org.Slug] {
			data.People = append(data.People, klusbuddy.Person{OrganisationSlug: org.Slug, User: klusbuddy.User{
				Role: klusbuddy.RoleCoordinator, FirstName: n[0], LastName: n[1], Email: email(n[0], n[1]), Phone: phone(), Language: klusbuddy.Dutch}})
		}
		for i := 0; i < WorkersPerOrganisation; i++ {
			first, last := name()
			data.People = append(data.People, klusbuddy.Person{OrganisationSlug: org.Slug, User: klusbuddy.User{
				Role: klusbuddy.RoleWorker, FirstName: first, LastName: last, Phone: phone(), Language: pickLanguage(r)},
				Worker: worker(r, placesNear[org.Slug])})
		}
	}
	for i := 0; i < Buddies; i++ {
		org := Organisations[i%len(Organisations)]
		first, last := name()
		data.People = append(data.People, klusbuddy.Person{OrganisationSlug: org.Slug, User: klusbuddy.User{
			Role: klusbuddy.RoleBuddy, FirstName: first, LastName: last, Email: email(first, last), Phone: phone(), Language: klusbuddy.Dutch},
			Buddy: buddy(r, placesNear[org.Slug])})
	}
	for i := 0; i < Posters; i++ {
		org := Organisations[i%len(Organisations)]
		place := placesNear[org.Slug][r.IntN(4)]
		first, last := name()
		p := &klusbuddy.PosterProfile{Kind: klusbuddy.Household}
		label := "Thuis"
		if i < Companies {
			c := companies[i]
			p = &klusbuddy.PosterProfile{Kind: klusbuddy.Company, CompanyName: c.name, VATNumber: vat(c.vatBase)}
			label = "Vestiging"
		}
		p.Addresses = []klusbuddy.Address{{Label: label, Street: street(r, place.Municipality), Postcode: place.Postcode, Municipality: place.Municipality}}
		lang := klusbuddy.Dutch
		if i%7 == 3 {
			lang = klusbuddy.French
		}
		data.People = append(data.People, klusbuddy.Person{User: klusbuddy.User{
			Role: klusbuddy.RolePoster, FirstName: first, LastName: last, Email: email(first, last), Phone: phone(), Language: lang},
			Poster: p})
	}
	return data
}

func worker(r *rand.Rand, places []klusbuddy.Place) *klusbuddy.WorkerProfile {
	w := &klusbuddy.WorkerProfile{Languages: []klusbuddy.Language{klusbuddy.Dutch}}
	pl := places[r.IntN(len(places))]
	w.Postcode, w.Municipality = pl.Postcode, pl.Municipality
	// Most workers have no licence or car: public transport and bikes dominate.
	switch x := r.IntN(100); {
	case x < 15:
		w.TravelMode, w.MaxTravelMinutes = klusbuddy.Walk, 15+5*r.IntN(3)
	case x < 45:
		w.TravelMode, w.MaxTravelMinutes = klusbuddy.Bike, 15+5*r.IntN(4)
	case x < 55:
		w.TravelMode, w.MaxTravelMinutes = klusbuddy.EBike, 20+5*r.IntN(4)
	case x < 90:
		w.TravelMode, w.MaxTravelMinutes = klusbuddy.PublicTransport, 30+5*r.IntN(4)
	default:
		w.TravelMode, w.MaxTravelMinutes = klusbuddy.Car, 20+5*r.IntN(4)
	}
	if r.IntN(2) == 0 {
		w.SpokenLanguages = []string{spoken[r.IntN(len(spoken))]}
	}
	if r.IntN(5) == 0 {
		w.Languages = append(w.Languages, klusbuddy.French)
	}
	switch x := r.IntN(100); {
	case x < 60:
		w.BuddyNeed = klusbuddy.BuddyNever
	case x < 75:
		w.BuddyNeed = klusbuddy.BuddyAlways
	case x < 90:
		w.BuddyNeed = klusbuddy.BuddyNewCategory
	default:
		w.BuddyNeed, w.BuddyFirstJobs = klusbuddy.BuddyFirstJobs, 3
	}
	w.Availability = week(r)
	for _, i := range r.Perm(len(Categories))[:1+r.IntN(3)] {
		level := 1 + r.IntN(3)
		w.Skills = append(w.Skills, klusbuddy.Skill{Category: Categories[i].Slug, Level: level, Verified: level > 1 || r.IntN(2) == 0})
	}
	return w
}

func buddy(r *rand.Rand, places []klusbuddy.Place) *klusbuddy.BuddyProfile {
	b := &klusbuddy.BuddyProfile{}
	pl := places[r.IntN(len(places))]
	b.Postcode, b.Municipality = pl.Postcode, pl.Municipality
	modes := []klusbuddy.TravelMode{klusbuddy.Bike, klusbuddy.EBike, klusbuddy.Car, klusbuddy.Car}
	b.TravelMode, b.MaxTravelMinutes = modes[r.IntN(len(modes))], 20+5*r.IntN(5)
	if r.IntN(3) == 0 {
		b.SpokenLanguages = []string{spoken[r.IntN(len(spoken))]}
	}
	for _, i := range r.Perm(len(Categories))[:2+r.IntN(4)] {
		b.Categories = append(b.Categories, Categories[i].Slug)
	}
	b.Availability = week(r)
	return b
}

// week gives a typical week: most people on weekdays from 8 or 9 to 16 or 17, some mornings
// only, a few on Saturday too.
func week(r *rand.Rand) []klusbuddy.WeeklySlot {
	var slots []klusbuddy.WeeklySlot
	start, end := []string{"08:00", "09:00"}[r.IntN(2)], []string{"16:00", "17:00", "12:30"}[r.IntN(3)]
	for d := 1; d <= 5; d++ {
		if r.IntN(6) > 0 {
			slots = append(slots, klusbuddy.WeeklySlot{Weekday: d, Start: start, End: end})
		}
	}
	if r.IntN(4) == 0 {
		slots = append(slots, klusbuddy.WeeklySlot{Weekday: 6, Start: "09:00", End: "13:00"})
	}
	return slots
}

func pickLanguage(r *rand.Rand) klusbuddy.Language {
	switch x := r.IntN(10); {
	case x < 7:
		return klusbuddy.Dutch
	case x < 9:
		return klusbuddy.French
	default:
		return klusbuddy.English
	}
}

func street(r *rand.Rand, municipality string) string {
	list := streets[municipality]
	if len(list) == 0 {
		list = []string{"Kerkstraat", "Stationsstraat", "Dorpsstraat"}
	}
	return fmt.Sprintf("%s %d", list[r.IntN(len(list))], 1+r.IntN(180))
}

// vat completes an 8-digit base into a valid Belgian VAT number (the check digits are 97 minus
// the base modulo 97).
func vat(base8 string) string {
	n := 0
	for _, c := range base8 {
		n = n*10 + int(c-'0')
	}
	return fmt.Sprintf("BE%s%02d", base8, 97-n%97)
}

func asciiFold(s string) string {
	return strings.NewReplacer("ş", "s", "ı", "i", "ç", "c", "ö", "o", "ü", "u", "ğ", "g", "é", "e", "ë", "e", "Ö", "O", "Ç", "C", "'", "").Replace(s)
}
