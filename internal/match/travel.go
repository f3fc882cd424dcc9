// Package match ranks the workers (and finds the buddies) for a job: the hard rules of
// ../../shared/PRODUCT.md first, then an explainable score. It is pure Go, imports no database
// and keeps its candidates in memory in a spatial index, so that ranking one job among a
// million workers takes milliseconds.
package match

import (
	"math"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// TravelEstimator estimates door-to-door travel minutes. The default estimates from distance;
// a real routing engine can take its place behind this interface.
type TravelEstimator interface {
	Minutes(from, to klusbuddy.Point, mode klusbuddy.TravelMode) float64
	// ReachKM bounds the straight-line distance that mode can cover in minutes, so that the
	// spatial index knows how far to look.
	ReachKM(mode klusbuddy.TravelMode, minutes float64) float64
}

// TravelBound is implemented by estimators that can bound travel time from below by the
// straight-line distance; Rank then skips workers who cannot reach the best k anyway.
type TravelBound interface {
	MinMinutes(km float64, mode klusbuddy.TravelMode) float64
}

// LinearTravel is implemented by estimators whose TravelBound is fixed minutes plus minutes
// per km for each mode; Rank then bounds each worker with arithmetic instead of a call.
type LinearTravel interface {
	TravelBound
	Linear(mode klusbuddy.TravelMode) (fixed, minutesPerKM float64, ok bool)
}

// ModeSpeed is how a travel mode moves: average speed over the road distance, the road
// distance as a multiple of the straight line, and fixed minutes (walking to the stop and
// waiting for public transport; parking for a car).
type ModeSpeed struct {
	KMH          float64
	Detour       float64
	FixedMinutes float64
}

// Distance estimates travel time from the great-circle distance with a detour factor per mode.
type Distance struct {
	Modes map[klusbuddy.TravelMode]ModeSpeed
}

// DefaultDistance has speeds for Limburg: thin public transport (a quarter of an hour to reach
// a stop and wait), bikes on cycle paths, cars on regional roads.
func DefaultDistance() Distance {
	return Distance{Modes: map[klusbuddy.TravelMode]ModeSpeed{
		klusbuddy.Walk:            {KMH: 4.5, Detour: 1.25},
		klusbuddy.Bike:            {KMH: 14, Detour: 1.25},
		klusbuddy.EBike:           {KMH: 20, Detour: 1.25},
		klusbuddy.PublicTransport: {KMH: 22, Detour: 1.4, FixedMinutes: 15},
		klusbuddy.Car:             {KMH: 40, Detour: 1.3, FixedMinutes: 3},
	}}
}

// Minutes implements TravelEstimator.
func (d Distance) Minutes(from, to klusbuddy.Point, mode klusbuddy.TravelMode) float64 {
	s, ok := d.Modes[mode]
	if !ok {
		return math.Inf(1)
	}
	km := KM(from, to) * s.Detour
	return s.FixedMinutes + km/s.KMH*60
}

// MinMinutes implements TravelBound: the travel time over km in a straight line.
func (d Distance) MinMinutes(km float64, mode klusbuddy.TravelMode) float64 {
	s, ok := d.Modes[mode]
	if !ok {
		return math.Inf(1)
	}
	return s.FixedMinutes + math.Max(0, km)*s.Detour/s.KMH*60
}

// Linear implements LinearTravel: MinMinutes(km) is fixed + max(0, km) × minutesPerKM.
func (d Distance) Linear(mode klusbuddy.TravelMode) (fixed, minutesPerKM float64, ok bool) {
	s, ok := d.Modes[mode]
	if !ok {
		return 0, 0, false
	}
	return s.FixedMinutes, s.Detour / s.KMH * 60, true
}

// ReachKM implements TravelEstimator.
func (d Distance) ReachKM(mode klusbuddy.TravelMode, minutes float64) float64 {
	s, ok := d.Modes[mode]
	if !ok || minutes <= s.FixedMinutes {
		return 0
	}
	return (minutes - s.FixedMinutes) / 60 * s.KMH / s.Detour
}

const earthKM = 6371.0088

// KM is the great-circle distance between two points (haversine).
func KM(a, b klusbuddy.Point) float64 {
	lat1, lat2 := a.Lat*math.Pi/180, b.Lat*math.Pi/180
	dLat, dLon := lat2-lat1, (b.Lon-a.Lon)*math.Pi/180
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1)*math.Cos(lat2)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthKM * math.Asin(math.Min(1, math.Sqrt(h)))
}
