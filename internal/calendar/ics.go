package calendar

import (
	"bytes"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Options are what a feed is written with.
type Options struct {
	Base     string         // the public URL (https://klusbuddy.be): links to the app, and the UIDs' domain
	Location *time.Location // the events' time zone; nil: Europe/Brussels
}

// Brussels is the TZID of every event: Belgian time, with its VTIMEZONE in the feed.
const Brussels = "Europe/Brussels"

const (
	localTime = "20060102T150405"
	utcTime   = "20060102T150405Z"
)

// words are the few texts of the feed, per interface language.
var words = struct {
	name, summary, buddy, open klusbuddy.Localized
}{
	name:    klusbuddy.Localized{NL: "Klusbuddy", FR: "Klusbuddy", EN: "Klusbuddy", TR: "Klusbuddy", AR: "Klusbuddy"},
	summary: klusbuddy.Localized{NL: "%s in %s", FR: "%s à %s", EN: "%s in %s", TR: "%s (%s)", AR: "%s في %s"},
	buddy:   klusbuddy.Localized{NL: "Buddy: %s", FR: "Buddy : %s", EN: "Buddy: %s", TR: "Buddy: %s", AR: "المرافق: %s"},
	open:    klusbuddy.Localized{NL: "Open in Klusbuddy: %s", FR: "Ouvrir dans Klusbuddy : %s", EN: "Open in Klusbuddy: %s", TR: "Klusbuddy'de açın: %s", AR: "افتح في Klusbuddy: %s"},
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

	// Events are built as property lists rather than through SetProperty, which searches the
	// properties set so far and gives each its own parameter map: a third of the time of a feed
	// of 500 jobs (BenchmarkWrite). The TZID parameter map is shared, and only read.
	tzid := map[string][]string{string(ics.ParameterTzid): {Brussels}}
	prop := func(name ics.ComponentProperty, value string) ics.IANAProperty {
		return ics.IANAProperty{BaseProperty: ics.BaseProperty{IANAToken: string(name), Value: value}}
	}
	stamp := func(t time.Time) string { return t.UTC().Format(utcTime) }
	summaryFormat, buddyFormat, openFormat := words.summary.In(lang), words.buddy.In(lang), words.open.In(lang)
	cal.Components = slices.Grow(cal.Components, len(c.Entries))
	for _, e := range c.Entries {
		summary := fmt.Sprintf(summaryFormat, e.Category.In(lang), e.Municipality)
		if e.Role == klusbuddy.RoleBuddy {
			summary = fmt.Sprintf(buddyFormat, summary)
		}
		start, end := prop(ics.ComponentPropertyDtStart, e.Start.In(loc).Format(localTime)), prop(ics.ComponentPropertyDtEnd, e.End.In(loc).Format(localTime))
		start.ICalParameters, end.ICalParameters = tzid, tzid
		props := make([]ics.IANAProperty, 0, 13)
		props = append(props,
			prop(ics.ComponentPropertyUniqueId, fmt.Sprintf("job-%d-%s@%s", e.JobID, e.Role, host)),
			prop(ics.ComponentPropertyDtstamp, stamp(e.Changed)),
			prop(ics.ComponentPropertyLastModified, stamp(e.Changed)),
			prop(ics.ComponentPropertySequence, strconv.Itoa(e.Sequence)),
			start, end,
			prop(ics.ComponentPropertySummary, summary),
			prop(ics.ComponentPropertyLocation, e.Location()),
			prop(ics.ComponentPropertyStatus, string(e.Status())),
			prop(ics.ComponentPropertyClass, string(ics.ClassificationPrivate)),
			prop(ics.ComponentPropertyTransp, "OPAQUE"))
		if base != "" {
			link := base + "/"
			if e.Role == klusbuddy.RolePoster {
				link = base + "/jobs/" + strconv.FormatInt(e.JobID, 10)
			}
			props = append(props, prop(ics.ComponentPropertyUrl, link), prop(ics.ComponentPropertyDescription, fmt.Sprintf(openFormat, link)))
		}
		cal.AddVEvent(&ics.VEvent{ComponentBase: ics.ComponentBase{Properties: props}})
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
