package postgres

import (
	"context"
	"time"
)

// PruneHistory lets go of what Klusbuddy no longer needs (issue 15, data lifecycle): positions
// from check-ins and check-outs older than keepPositions (the distance and the "far" flag stay:
// they are what the coach reads, not a place), the positions of safety reports a coordinator
// acknowledged that long ago (an open report keeps its position: someone may still need to
// find the person), and notifications older than keepNotifications (the news list; every
// instance delivered them long before). It returns how many rows changed.
func (db *DB) PruneHistory(ctx context.Context, keepPositions, keepNotifications time.Duration) (int64, error) {
	now := db.now()
	var total int64
	for _, s := range []struct {
		q      string
		before time.Time
	}{
		{`UPDATE attendance SET in_lat = NULL, in_lon = NULL, in_accuracy = NULL, out_lat = NULL, out_lon = NULL, out_accuracy = NULL
    WHERE in_at < $1 AND (in_lat IS NOT NULL OR out_lat IS NOT NULL)`, now.Add(-keepPositions)},
		{`UPDATE safety_reports SET lat = NULL, lon = NULL, accuracy = NULL
    WHERE acknowledged_at < $1 AND at < $1 AND lat IS NOT NULL`, now.Add(-keepPositions)},
		{`DELETE FROM notifications WHERE created_at < $1`, now.Add(-keepNotifications)},
	} {
		res, err := db.x.ExecContext(ctx, s.q, s.before)
		if err != nil {
			return total, mapError(err)
		}
		n, _ := res.RowsAffected()
		total += n
	}
	return total, nil
}
