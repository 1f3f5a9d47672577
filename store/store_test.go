package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestOpenTwiceIsIdempotent(t *testing.T) {
	ctx := context.Background()
	db, path := openTest(t)
	seed(t, db)
	before := queryInt(t, db, "SELECT count(*) FROM facts")
	db.Close()

	db2, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("second Open: %v", err)
	}
	defer db2.Close()
	if v := queryInt(t, db2, "PRAGMA user_version"); v != len(migrations) {
		t.Errorf("user_version = %d, want %d", v, len(migrations))
	}
	if n := queryInt(t, db2, "SELECT count(*) FROM facts"); n != before {
		t.Errorf("facts after reopen = %d, want %d", n, before)
	}
	for _, name := range []string{"articles", "facts", "runs", "failures",
		"claims", "expansions", "footprint", "counts", "money_facts", "summary", "open_failures", "run_log"} {
		if n := queryInt(t, db2, "SELECT count(*) FROM sqlite_schema WHERE name = ?", name); n != 1 {
			t.Errorf("schema object %q: found %d", name, n)
		}
	}
}

func TestOpenPaths(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"plain.db", "with space.db", "q?mark#hash%25.db", "ünï.db"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			db, err := Open(context.Background(), path)
			if err != nil {
				t.Fatalf("Open(%q): %v", path, err)
			}
			defer db.Close()
			var file string
			if err := db.sql.QueryRow("SELECT file FROM pragma_database_list WHERE name = 'main'").Scan(&file); err != nil {
				t.Fatal(err)
			}
			if file != path {
				t.Errorf("database file = %q, want %q", file, path)
			}
		})
	}
	if _, err := Open(context.Background(), ""); err == nil {
		t.Error("Open(\"\") succeeded")
	}
}

// Every pooled connection, not just the first, must carry the pragmas.
func TestPragmasOnEveryConnection(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	var conns []*sql.Conn
	for range 3 {
		c, err := db.sql.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	for i, c := range conns {
		for _, p := range []struct{ pragma, want string }{
			{"journal_mode", "wal"},
			{"foreign_keys", "1"},
			{"busy_timeout", "10000"},
			{"synchronous", "1"},
		} {
			var got string
			if err := c.QueryRowContext(ctx, "PRAGMA "+p.pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != p.want {
				t.Errorf("conn %d: %s = %s, want %s", i, p.pragma, got, p.want)
			}
		}
	}
	for _, c := range conns {
		c.Close()
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	db, path := openTest(t)
	if _, err := db.sql.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db2, err := Open(context.Background(), path)
	if err == nil {
		db2.Close()
		t.Fatal("Open of a newer schema succeeded")
	}
	if !strings.Contains(err.Error(), "newer") {
		t.Errorf("error = %v, want one about a newer schema", err)
	}
}

// Processes starting at once on a fresh file must not fail migrating.
func TestOpenConcurrentlyOnFreshFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fresh.db")
	const n = 8
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for range n {
		wg.Go(func() {
			db, err := Open(context.Background(), path)
			if err != nil {
				errs <- err
				return
			}
			errs <- db.Close()
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

func TestContentHash(t *testing.T) {
	tests := []struct {
		a, b string
		same bool
	}{
		{"text", "text", true},
		{"text", "text ", false},
		{"", "", true},
		{"café", "cafe\u0301", false}, // no normalisation: offsets index the bytes as stored
	}
	for _, tt := range tests {
		if got := ContentHash(tt.a) == ContentHash(tt.b); got != tt.same {
			t.Errorf("ContentHash(%q) == ContentHash(%q): %v, want %v", tt.a, tt.b, got, tt.same)
		}
	}
	if h := ContentHash("x"); len(h) != 64 {
		t.Errorf("ContentHash length %d, want 64 hex digits", len(h))
	}
}

// A migration file that is not in the slice would never be applied.
func TestEveryMigrationFileIsListed(t *testing.T) {
	files, err := migrationFiles.ReadDir("migrations")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, "migrations/"+f.Name())
	}
	if strings.Join(names, ",") != strings.Join(migrations, ",") {
		t.Errorf("migration files %v, listed %v: append new files to migrations in order", names, migrations)
	}
}

// A store left at an older version gets only the missing migrations.
func TestOpenAppliesMissingMigrations(t *testing.T) {
	cur, curPath := openTest(t)
	seed(t, cur)
	facts := queryInt(t, cur, "SELECT count(*) FROM facts")
	nviews := queryInt(t, cur, "SELECT count(*) FROM sqlite_schema WHERE type = 'view'")
	if nviews == 0 {
		t.Fatal("no views in a new store")
	}
	// The fixture as a program of migration 1 stored it: tables, no views.
	old, path := storeAt(t, 1)
	copyAt(t, old, 1, curPath)
	if n := queryInt(t, &DB{sql: old}, "SELECT count(*) FROM sqlite_schema WHERE type = 'view'"); n != 0 {
		t.Fatalf("%d views at version 1", n)
	}
	old.Close()

	db2, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	if n := queryInt(t, db2, "SELECT count(*) FROM sqlite_schema WHERE type = 'view'"); n != nviews {
		t.Errorf("%d views after reopening, want %d", n, nviews)
	}
	if n := queryInt(t, db2, "SELECT count(*) FROM claims"); n != facts {
		t.Errorf("claims = %d, want %d facts kept", n, facts)
	}
}
