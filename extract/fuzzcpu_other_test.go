//go:build !linux

package extract

import "time"

// cpuClock measures wall time where the thread's CPU time is not at hand.
func cpuClock() (elapsed func() time.Duration) {
	start := time.Now()
	return func() time.Duration { return time.Since(start) }
}
