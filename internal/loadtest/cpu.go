package loadtest

import (
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// CPUUsed returns the CPU time the whole machine has spent (from /proc/stat; 0 elsewhere) and
// this process's: what a unit of work costs, beside how long it takes. On a machine of a few
// cores the database's share is the difference.
func CPUUsed() (machine, own time.Duration) {
	if b, err := os.ReadFile("/proc/stat"); err == nil {
		f := strings.Fields(strings.SplitN(string(b), "\n", 2)[0]) // cpu user nice system idle iowait irq softirq …
		for _, i := range []int{1, 2, 3, 6, 7} {
			n, _ := strconv.ParseInt(f[i], 10, 64)
			machine += time.Duration(n) * 10 * time.Millisecond // USER_HZ: 100 on Linux
		}
	}
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		own = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	return machine, own
}
