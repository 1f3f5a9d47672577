package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Only Open creates a database; OpenExisting and OpenReadOnly say it does
// not exist, with the path.
func TestOpenModes(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	existing := filepath.Join(dir, "old.db")
	db, err := Open(ctx, existing)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	tests := []struct {
		name    string
		open    func(context.Context, string) (*DB, error)
		path    string
		missing bool // want ErrNoDatabase
	}{
		{"Open creates", Open, filepath.Join(dir, "new.db"), false},
		{"OpenExisting refuses", OpenExisting, filepath.Join(dir, "typo.db"), true},
		{"OpenReadOnly refuses", OpenReadOnly, filepath.Join(dir, "typo2.db"), true},
		{"OpenExisting opens", OpenExisting, existing, false},
		{"OpenReadOnly opens", OpenReadOnly, existing, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, err := tt.open(ctx, tt.path)
			if tt.missing {
				if !errors.Is(err, ErrNoDatabase) || !strings.Contains(err.Error(), tt.path) {
					t.Fatalf("err = %v, want ErrNoDatabase naming %s", err, tt.path)
				}
				if _, err := os.Stat(tt.path); err == nil {
					t.Fatalf("%s was created", tt.path)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Failures(ctx); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// A read-only store reads but does not write, and a write's error names
// the database once, without "start run run".
func TestReadOnlyWriteError(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ro.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	ro, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	_, err = ro.StartRun(ctx, "run", nil)
	if err == nil {
		t.Fatal("StartRun on a read-only store succeeded")
	}
	msg := err.Error()
	if strings.Count(msg, path) != 1 || strings.Contains(msg, "run run") {
		t.Errorf("error %q: want the path once and no doubled words", msg)
	}
}
