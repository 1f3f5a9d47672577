package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Heap profiles come every interval and once more at the end, each a
// gzipped profile as pprof reads it; a folder that cannot be written is
// reported, not fatal.
func TestHeapProfiles(t *testing.T) {
	dir := t.TempDir()
	prefix := filepath.Join(dir, "heap")
	var errs []error
	stop := startHeapProfiles(prefix, 20*time.Millisecond, func(err error) { errs = append(errs, err) })
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if _, err := os.Stat(prefix + ".001"); err == nil || time.Now().After(deadline) {
			break
		}
	}
	stop()
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	for _, name := range []string{"heap.000", "heap.001", "heap.end"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte{0x1f, 0x8b}) {
			t.Errorf("%s is not a gzipped profile: % x", name, b[:min(len(b), 4)])
		}
	}

	errs = nil
	stop = startHeapProfiles(filepath.Join(dir, "missing", "heap"), time.Hour, func(err error) { errs = append(errs, err) })
	stop()
	if len(errs) != 1 || !errors.Is(errs[0], os.ErrNotExist) {
		t.Errorf("errors for a missing folder: %v", errs)
	}
}
