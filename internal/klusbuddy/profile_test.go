package klusbuddy_test

import (
	"testing"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// An evening can run to midnight (24:00) and join the next morning; 24:00 is no start.
func TestAvailabilityToMidnight(t *testing.T) {
	w := klusbuddy.WorkerProfile{Postcode: "3600", Municipality: "Genk", TravelMode: klusbuddy.Bike, MaxTravelMinutes: 20,
		Availability: []klusbuddy.WeeklySlot{{Weekday: 2, Start: "18:00", End: "24:00"}, {Weekday: 3, Start: "00:00", End: "06:00"}}}
	fe := klusbuddy.FieldErrors{}
	w.Validate(fe, "")
	if err := fe.Err(); err != nil {
		t.Fatalf("evening to midnight refused: %v", err)
	}
	w.Availability = []klusbuddy.WeeklySlot{{Weekday: 2, Start: "24:00", End: "24:00"}}
	fe = klusbuddy.FieldErrors{}
	w.Validate(fe, "")
	if fe.Err() == nil {
		t.Fatal("a period starting at 24:00 accepted")
	}
}
