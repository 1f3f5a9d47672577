package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

// heapProfileEnv names the variable that makes any command write heap
// profiles: PREFIX.000, PREFIX.001, ... every heapProfileEvery while it
// runs, and PREFIX.end when it returns, each after a collection, so that
// `go tool pprof -sample_index=inuse_space BINARY PREFIX.003` shows what
// is live at that point of a run (GODEBUG=memprofilerate=512 samples
// finer). A variable rather than a flag: it is for whoever measures the
// program, and it reaches every command the same way.
const heapProfileEnv = "INGEST_HEAPPROFILE"

const heapProfileEvery = 10 * time.Second

// startHeapProfiles writes heap profiles under prefix every interval until
// the returned function is called, which writes the last one. Errors go
// to warn; they do not stop the command.
func startHeapProfiles(prefix string, every time.Duration, warn func(error)) (stop func()) {
	write := func(name string) {
		runtime.GC()
		f, err := os.Create(name)
		if err == nil {
			err = pprof.Lookup("heap").WriteTo(f, 0)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			warn(fmt.Errorf("heap profile: %w", err))
		}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for i := 0; ; i++ {
			select {
			case <-t.C:
				write(fmt.Sprintf("%s.%03d", prefix, i))
			case <-done:
				return
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
		write(prefix + ".end")
	}
}
