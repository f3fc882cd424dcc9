package match

import (
	"math/rand/v2"
	"testing"
)

// weekHours' full hours are exactly the hours that covers finds covered, however the spans
// overlap, touch, leave gaps or run backwards: Rank trusts them in place of covers.
func TestWeekHoursAgreesWithCovers(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		var av Availability
		for wd := 1; wd <= 7; wd++ {
			for range r.IntN(4) {
				from := r.IntN(24*60) / 15 * 15
				av.Weekly[wd] = append(av.Weekly[wd], Span{from, from + (r.IntN(10*60)-30)/15*15})
			}
		}
		av.normalize()
		_, full := weekHours(&av)
		for wd := 1; wd <= 7; wd++ {
			for h := range 24 {
				bit := (wd-1)*24 + h
				if got, want := full[bit/64]&(1<<(bit%64)) != 0, coversDay(av.Weekly[wd], h*60, (h+1)*60); got != want {
					t.Fatalf("%v, weekday %d hour %d: full %v, covers says %v", av.Weekly[wd], wd, h, got, want)
				}
			}
		}
	}
}
