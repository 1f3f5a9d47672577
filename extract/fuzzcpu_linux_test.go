package extract

import (
	"runtime"
	"syscall"
	"time"
)

// cpuClock measures the CPU time the calling goroutine spends until the
// returned function is called: the thread's CPU time, with the goroutine
// locked to its thread, so that fuzz workers waiting for a shared CPU are
// not charged for the wait.
func cpuClock() (elapsed func() time.Duration) {
	runtime.LockOSThread()
	start, ok := threadCPU()
	wall := time.Now()
	return func() time.Duration {
		defer runtime.UnlockOSThread()
		if end, ok2 := threadCPU(); ok && ok2 {
			return end - start
		}
		return time.Since(wall)
	}
}

const rusageThread = 1 // RUSAGE_THREAD

func threadCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
