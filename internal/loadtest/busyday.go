package loadtest

// A busy day, as docs/PRODUCT.md and docs/BENCHMARKS.md put Klusbuddy's scale ("a few thousand
// jobs a day"), made concrete for the load test. The assumptions:
//
//   - 3,000 jobs posted in the day, 90 % of them in the ten hours from 8:00 to 18:00, and the
//     busiest hour twice the mean of those hours: 540 posts an hour, 0.15 a second;
//   - 1,000 workers with the app open (a socket each) in that hour: about one in three of the
//     region's workers, each looking for work;
//   - one place per job on average, so about as many accepts as posts (plus the refusals of
//     those who tapped after the place went).
//
// Ten times that, the load test's default: 1.5 posts a second (5,400 in the hour) with 10,000
// sockets open, spread over two instances.
const (
	BusyDayJobs          = 3000
	BusyDayPeakPerSecond = BusyDayJobs * 0.9 / 10 * 2 / 3600 // 0.15
	BusyDaySockets       = 1000
)
