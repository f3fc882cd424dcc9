package accounts

import (
	"context"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Places: the postcode areas people pick their home or job address from (PostcodeField in the
// app), and the area nearest to a point the phone gave.

// SearchPlaces looks up postcodes.
func (s *People) SearchPlaces(ctx context.Context, q string) ([]klusbuddy.Place, error) {
	if len(q) > 60 {
		return nil, &klusbuddy.Error{Code: klusbuddy.EINVALID, Message: "Some fields are not valid.", Fields: map[string]string{"q": "Use at most 60 characters."}}
	}
	return s.db.SearchPlaces(ctx, q)
}

// NearestPlace finds the postcode area nearest to a point in Belgium.
func (s *People) NearestPlace(ctx context.Context, p klusbuddy.Point) (klusbuddy.Place, error) {
	if !klusbuddy.InBelgium(p) {
		return klusbuddy.Place{}, &klusbuddy.Error{Code: klusbuddy.EINVALID, Message: "Some fields are not valid.", Fields: map[string]string{"lat": "This point is not in Belgium."}}
	}
	return s.db.NearestPlace(ctx, p)
}
