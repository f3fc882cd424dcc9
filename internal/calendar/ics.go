package calendar

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Options are what a feed is written with.
type Options struct {
	Base     string         // the public URL (https://klusbuddy.be): links to the app, and the UIDs' domain
	Location *time.Location // the events' time zone; nil: Europe/Brussels
	Now      time.Time      // for the document's stamp when it has no events
}

// Brussels is the TZID of every event: Belgian time, with its VTIMEZONE in the feed.
const Brussels = "Europe/Brussels"

const localTime = "20060102T150405"

// words are the few texts of the feed, per interface language.
var words = struct {
	name, summary, buddy, open klusbuddy.Localized
}{
	name:    klusbuddy.Localized{NL: "Klusbuddy", FR: "Klusbuddy", EN: "Klusbuddy"},
	summary: klusbuddy.Localized{NL: "%s in %s", FR: "%s à %s", EN: "%s in %s"},
	buddy:   klusbuddy.Localized{NL: "Buddy: %s", FR: "Buddy : %s", EN: "Buddy: %s"},
	open:    klusbuddy.Localized{NL: "Open in Klusbuddy: %s", FR: "Ouvrir dans Klusbuddy : %s", EN: "Open in Klusbuddy: %s"},
}

// Write writes c as an iCalendar document (RFC 5545): one VEVENT per job with a UID that never
// changes (job-<id>-<role>@<host>), the entry's SEQUENCE, STATUS, DTSTAMP and LAST-MODIFIED at
// its last change, DTSTART and DTEND in Belgian time (TZID=Europe/Brussels, whose VTIMEZONE is
// in the document), the category and municipality in the person's language, the address they
// may see and a link to the app. No phone numbers and no job description: a feed is read by
// calendar services.
func Write(c klusbuddy.Calendar, o Options) ([]byte, error) {
	loc := o.Location
	if loc == nil {
		var err error
		if loc, err = time.LoadLocation(Brussels); err != nil {
			return nil, err
		}
	}
	base := strings.TrimRight(o.Base, "/")
	host := "klusbuddy"
	if u, err := url.Parse(base); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	lang := c.Language
	cal := ics.NewCalendarFor("Klusbuddy")
	cal.SetProductId("-//Klusbuddy//Calendar feed//" + strings.ToUpper(string(lang)))
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ics.MethodPublish)
	cal.SetName(words.name.In(lang))
	cal.SetXWRCalName(words.name.In(lang))
	cal.SetXWRTimezone(Brussels)
	cal.SetRefreshInterval("PT1H")
	cal.SetXPublishedTTL("PT1H")
	cal.AddVTimezone(brusselsZone())

	for _, e := range c.Entries {
		ev := cal.AddEvent(fmt.Sprintf("job-%d-%s@%s", e.JobID, e.Role, host))
		ev.SetDtStampTime(e.Changed)
		ev.SetModifiedAt(e.Changed)
		ev.SetSequence(e.Sequence)
		ev.SetProperty(ics.ComponentPropertyDtStart, e.Start.In(loc).Format(localTime), ics.WithTZID(Brussels))
		ev.SetProperty(ics.ComponentPropertyDtEnd, e.End.In(loc).Format(localTime), ics.WithTZID(Brussels))
		summary := fmt.Sprintf(words.summary.In(lang), e.Category.In(lang), e.Municipality)
		if e.Role == klusbuddy.RoleBuddy {
			summary = fmt.Sprintf(words.buddy.In(lang), summary)
		}
		ev.SetSummary(summary)
		ev.SetLocation(e.Location())
		ev.SetStatus(ics.ObjectStatus(e.Status()))
		ev.SetClass(ics.ClassificationPrivate)
		ev.SetProperty(ics.ComponentPropertyTransp, "OPAQUE")
		link := base + "/"
		if e.Role == klusbuddy.RolePoster {
			link = fmt.Sprintf("%s/jobs/%d", base, e.JobID)
		}
		if base != "" {
			ev.SetURL(link)
			ev.SetDescription(fmt.Sprintf(words.open.In(lang), link))
		}
	}
	var b bytes.Buffer
	if err := cal.SerializeTo(&b, ics.WithNewLineWindows); err != nil { // RFC 5545: CRLF, lines folded at 75 octets
		return nil, err
	}
	return b.Bytes(), nil
}

// brusselsZone is Belgium's time zone as a VTIMEZONE: Central European Time, with summer time
// from the last Sunday of March (02:00) to the last Sunday of October (03:00), the EU rule since
// 1996 (TestBrusselsZoneMatchesGo holds it to Go's time zone data).
func brusselsZone() *ics.VTimezone {
	tz := ics.NewTimezone(Brussels)
	part := func(c ics.Component, from, to, name, start, month string) {
		b := componentBase(c)
		b.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), from)
		b.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), to)
		b.SetProperty(ics.ComponentProperty(ics.PropertyTzname), name)
		b.SetProperty(ics.ComponentPropertyDtStart, start)
		b.SetProperty(ics.ComponentPropertyRrule, "FREQ=YEARLY;BYMONTH="+month+";BYDAY=-1SU")
		tz.Components = append(tz.Components, c)
	}
	part(&ics.Daylight{}, "+0100", "+0200", "CEST", "19700329T020000", "3")
	part(&ics.Standard{}, "+0200", "+0100", "CET", "19701025T030000", "10")
	return tz
}

func componentBase(c ics.Component) *ics.ComponentBase {
	switch v := c.(type) {
	case *ics.Daylight:
		return &v.ComponentBase
	case *ics.Standard:
		return &v.ComponentBase
	}
	panic("not a time zone part")
}
