package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/cloudfacts/ingest/extract"
)

// Commands that only read or change existing data do not create a missing
// database: they say it does not exist, with the path. Those that write new
// data create it.
func TestMissingDatabase(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args   []string // --db PATH is appended
		create bool
	}{
		{[]string{"failures"}, false},
		{[]string{"failures", "--format", "json"}, false},
		{[]string{"feeds", "list"}, false},
		{[]string{"feeds", "remove", "https://example.com/feed.xml"}, false},
		{[]string{"feeds", "reset", "--all"}, false},
		{[]string{"reextract"}, false},
		{[]string{"export"}, false},
		{[]string{"feeds", "add", "https://example.com/feed.xml"}, true},
		{[]string{"crawl"}, true}, // no feeds: says so, exit 0
		{[]string{"run", "../../testdata/articles/"}, true},
	}
	for i, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			db := filepath.Join(dir, fmt.Sprintf("typo%d.db", i))
			code, _, errs := runCLI(t, nil, append(tt.args, "--db", db)...)
			_, statErr := os.Stat(db)
			if tt.create {
				if code != exitOK || statErr != nil {
					t.Errorf("exit %d (%s), database: %v; want it created", code, errs, statErr)
				}
				return
			}
			if code != exitFailed {
				t.Errorf("exit %d, want %d: %s", code, exitFailed, errs)
			}
			if !strings.Contains(errs, db+" does not exist") {
				t.Errorf("stderr lacks %q: %s", db+" does not exist", errs)
			}
			if statErr == nil {
				t.Errorf("%s was created", db)
			}
		})
	}
}

// Issue 8, item 9: version, help, -v, --workers, plurals.
func TestCommandLineDetails(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	one := filepath.Join(dir, "one")
	os.MkdirAll(one, 0o755)
	os.WriteFile(filepath.Join(one, "a.txt"), []byte("Oracle opened a cloud region in Chile.\n"), 0o644)
	bad := filepath.Join(dir, "bad")
	os.MkdirAll(bad, 0o755)
	os.WriteFile(filepath.Join(bad, "empty.txt"), nil, 0o644)

	versionLines := []string{"extractor " + extract.Version, "go go1.", "github.com/markusmobius/go-trafilatura ",
		"github.com/mmcdole/gofeed ", "modernc.org/sqlite ", "github.com/jdkato/prose/v3 "}
	tests := []struct {
		name      string
		args      []string
		want      int
		inStdout  []string
		inStderr  []string
		notStdout []string
	}{
		{"version", []string{"version"}, exitOK, versionLines, nil, nil},
		{"--version", []string{"--version"}, exitOK, versionLines, nil, nil},
		{"help of an unknown command", []string{"help", "bogus"}, exitUsage, nil, []string{`unknown command "bogus"`}, nil},
		{"help version", []string{"help", "version"}, exitOK, []string{"usage: ingest version"}, nil, nil},
		{"negative workers", []string{"run", "--db", db, "--workers", "-3", one}, exitUsage, nil, []string{"--workers"}, nil},
		{"zero workers", []string{"run", "--db", db, "--workers", "0", one}, exitUsage, nil, []string{"--workers"}, nil},
		{"run lists -v", []string{"run", "--help"}, exitOK, []string{"\n  -v\t"}, nil, nil},
		{"export does not list -v", []string{"export", "--help"}, exitOK, []string{"-format"}, nil, []string{"\n  -v"}},
		{"failures does not list -v", []string{"help", "failures"}, exitOK, []string{"-format"}, nil, []string{"\n  -v"}},
		{"feeds does not list -v", []string{"help", "feeds"}, exitOK, []string{"-all"}, nil, []string{"\n  -v"}},
		{"one file", []string{"run", "--db", db, one}, exitOK, []string{"1 file: 1 new"}, nil, []string{"1 files"}},
		{"one failure", []string{"run", "--db", db, bad}, exitFailed, []string{"1 file: 0 new"}, nil, []string{"1 files"}},
		{"one attempt", []string{"failures", "--db", db}, exitOK, []string{"\t1 attempt\t"}, nil, []string{"1 attempts"}},
		{"one article re-extracted", []string{"reextract", "--db", db}, exitOK, []string{"1 article re-extracted"}, nil, []string{"1 articles"}},
		{"-v unknown to export", []string{"export", "--db", db, "-v"}, exitUsage, nil, []string{"-v"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCLI(t, nil, tt.args...)
			if code != tt.want {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.want, out, errs)
			}
			for _, s := range tt.inStdout {
				if !strings.Contains(out, s) {
					t.Errorf("stdout lacks %q: %s", s, out)
				}
			}
			for _, s := range tt.inStderr {
				if !strings.Contains(errs, s) {
					t.Errorf("stderr lacks %q: %s", s, errs)
				}
			}
			for _, s := range tt.notStdout {
				if strings.Contains(out, s) {
					t.Errorf("stdout has %q: %s", s, out)
				}
			}
		})
	}
}

// The run summary gives the numbers run_log records.
func TestRunSummaryMatchesRunLog(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	in := filepath.Join(dir, "in")
	os.MkdirAll(in, 0o755)
	os.WriteFile(filepath.Join(in, "a.txt"), []byte("Oracle opened a cloud region in Chile.\n"), 0o644)
	os.WriteFile(filepath.Join(in, "b.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(in, "c.csv"), []byte("x,y\n"), 0o644)
	_, out, _ := runCLI(t, nil, "run", "--db", db, in)
	m := regexp.MustCompile(`^(\d+) files?: (\d+) new, (\d+) updated, (\d+) unchanged, (\d+) failed, (\d+) skipped .*; (\d+) facts? written`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("summary not understood: %s", out)
	}
	conn, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var logged [7]string
	err = conn.QueryRow(`SELECT files, new, updated, unchanged, failed, skipped, facts FROM run_log LIMIT 1`).
		Scan(&logged[0], &logged[1], &logged[2], &logged[3], &logged[4], &logged[5], &logged[6])
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"files", "new", "updated", "unchanged", "failed", "skipped", "facts"} {
		if m[i+1] != logged[i] {
			t.Errorf("%s: summary says %s, run_log %s (%s)", name, m[i+1], logged[i], out)
		}
	}
}

// export's filters are checked, and applied.
func TestExportFilterFlags(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	// The seed articles state no dates; one dated article gives --since
	// something to keep.
	dated := filepath.Join(dir, "dated.txt")
	if err := os.WriteFile(dated, []byte("---\npublished: 2025-03-01\n---\nOracle now operates 50 cloud regions worldwide.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runCLI(t, nil, "run", "--db", db, "../../testdata/articles", dated); code != exitOK {
		t.Fatalf("run: exit %d: %s", code, errs)
	}
	_, all, _ := runCLI(t, nil, "export", "--db", db)
	total := strings.Count(all, "\n")
	tests := []struct {
		name string
		args []string
		want int
		ok   func(f map[string]any) bool // every exported fact passes
	}{
		{"type", []string{"--type", "expansion"}, exitOK, func(f map[string]any) bool { return f["type"] == "expansion" }},
		{"country", []string{"--country", "mx"}, exitOK, func(f map[string]any) bool { return f["country"] == "MX" || f["scope"] == "MX" }},
		{"min confidence", []string{"--min-confidence", "0.9"}, exitOK, func(f map[string]any) bool { return f["confidence"].(float64) >= 0.9 }},
		{"since", []string{"--since", "2000-01-01", "--type", "region_count,az_count"}, exitOK,
			func(f map[string]any) bool {
				return strings.HasSuffix(f["type"].(string), "_count") && f["published"] != nil
			}},
		{"unknown type", []string{"--type", "regions"}, exitUsage, nil},
		{"bad date", []string{"--since", "March"}, exitUsage, nil},
		{"bad country", []string{"--country", "Mexico"}, exitUsage, nil},
		{"confidence above 1", []string{"--min-confidence", "2"}, exitUsage, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCLI(t, nil, append([]string{"export", "--db", db}, tt.args...)...)
			if code != tt.want {
				t.Fatalf("exit %d, want %d: %s", code, tt.want, errs)
			}
			if tt.ok == nil {
				return
			}
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if out == "" || len(lines) >= total {
				t.Fatalf("%d of %d facts exported: the filter selected nothing or everything", len(lines), total)
			}
			for _, l := range lines {
				var f map[string]any
				if err := json.Unmarshal([]byte(l), &f); err != nil {
					t.Fatal(err)
				}
				if !tt.ok(f) {
					t.Errorf("does not match the filter: %s", l)
				}
			}
		})
	}
}

// feeds list and failures write a table, one JSON array, or CSV.
func TestListFormats(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	bad := filepath.Join(dir, "bad")
	os.MkdirAll(bad, 0o755)
	os.WriteFile(filepath.Join(bad, "empty.txt"), nil, 0o644)
	runCLI(t, nil, "run", "--db", db, bad)
	runCLI(t, nil, "feeds", "add", "--db", db, "https://example.com/feed.xml")
	tests := []struct {
		args   []string
		want   int
		field  string // a JSON field / CSV column
		value  string
		format string
	}{
		{[]string{"failures", "--format", "json"}, exitOK, "source", filepath.Join(bad, "empty.txt"), "json"},
		{[]string{"failures", "--format", "csv"}, exitOK, "source", filepath.Join(bad, "empty.txt"), "csv"},
		{[]string{"feeds", "list", "--format", "json"}, exitOK, "url", "https://example.com/feed.xml", "json"},
		{[]string{"feeds", "list", "--format", "csv"}, exitOK, "url", "https://example.com/feed.xml", "csv"},
		{[]string{"feeds", "list", "--format", "table"}, exitOK, "", "https://example.com/feed.xml", "table"},
		{[]string{"failures", "--format", "xml"}, exitUsage, "", "", ""},
		{[]string{"feeds", "list", "--format", "yaml"}, exitUsage, "", "", ""},
		{[]string{"feeds", "remove", "--format", "json", "https://example.com/feed.xml"}, exitUsage, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, errs := runCLI(t, nil, append(tt.args, "--db", db)...)
			if code != tt.want {
				t.Fatalf("exit %d, want %d: %s", code, tt.want, errs)
			}
			switch tt.format {
			case "json":
				var rows []map[string]any
				if err := json.Unmarshal([]byte(out), &rows); err != nil {
					t.Fatalf("not one JSON array: %v\n%s", err, out)
				}
				if len(rows) != 1 || rows[0][tt.field] != tt.value {
					t.Errorf("want one row with %s=%s: %s", tt.field, tt.value, out)
				}
			case "csv":
				recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
				if err != nil || len(recs) != 2 || recs[0][0] != tt.field || recs[1][0] != tt.value {
					t.Errorf("want a header and one row with %s=%s (%v): %s", tt.field, tt.value, err, out)
				}
			case "table":
				if !strings.Contains(out, tt.value) {
					t.Errorf("table lacks %s: %s", tt.value, out)
				}
			}
		})
	}
}

// A progress line is drawn on a terminal, and nothing when stderr is not
// one.
func TestProgressOnTerminalOnly(t *testing.T) {
	master, slave, err := openPTY()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer master.Close()
	got := make(chan string)
	go func() {
		b, _ := io.ReadAll(master) // ends with EIO once the slave is closed
		got <- string(b)
	}()
	dir := t.TempDir()
	var out bytes.Buffer
	e := &env{stdout: &out, stderr: slave, getenv: func(string) string { return "" }}
	code := run(context.Background(), e, []string{"run", "--db", filepath.Join(dir, "tty.db"), "../../testdata/articles"})
	slave.Close()
	var drawn string
	select {
	case drawn = <-got:
	case <-time.After(10 * time.Second):
		t.Fatal("reading the terminal timed out")
	}
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, drawn)
	}
	for _, s := range []string{"\r", "/5", "files", "facts"} {
		if !strings.Contains(drawn, s) {
			t.Errorf("progress line lacks %q: %q", s, drawn)
		}
	}

	code, _, errs := runCLI(t, nil, "run", "--db", filepath.Join(dir, "pipe.db"), "../../testdata/articles")
	if code != exitOK || errs != "" {
		t.Errorf("not a terminal: exit %d, stderr %q; want nothing", code, errs)
	}
}

// openPTY opens a pseudo-terminal pair.
func openPTY() (master, slave *os.File, err error) {
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		return nil, nil, err
	}
	var unlock int32
	if _, _, errno := unix.Syscall(unix.SYS_IOCTL, m.Fd(), unix.TIOCSPTLCK, uintptr(unsafe.Pointer(&unlock))); errno != 0 {
		m.Close()
		return nil, nil, errno
	}
	n, err := unix.IoctlGetUint32(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		m.Close()
		return nil, nil, err
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		m.Close()
		return nil, nil, err
	}
	return m, s, nil
}

// A database in a folder the user cannot write to: read commands work,
// write commands fail with one message naming the database. Runs the
// built binary as an unprivileged user when the tests run as root (root
// ignores permissions).
func TestReadOnlyFolder(t *testing.T) {
	base := t.TempDir()
	os.Chmod(filepath.Dir(base), 0o755)
	os.Chmod(base, 0o755)
	bin := filepath.Join(base, "ingest")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	ro := filepath.Join(base, "ro")
	os.Mkdir(ro, 0o755)
	db := filepath.Join(ro, "facts.db")
	articles, _ := filepath.Abs("../../testdata/articles")
	if code, _, errs := runCLI(t, nil, "run", "--db", db, articles); code != exitOK {
		t.Fatalf("run: %s", errs)
	}
	os.Chmod(db, 0o644)
	os.Chmod(ro, 0o555)
	defer os.Chmod(ro, 0o755)

	tests := []struct {
		args     []string
		want     int
		inStdout string
	}{
		{[]string{"export", "--format", "jsonl"}, exitOK, `"type":`},
		{[]string{"export", "--format", "csv", "--type", "expansion"}, exitOK, "type,company"},
		{[]string{"failures", "--format", "json"}, exitOK, "[]"},
		{[]string{"feeds", "list"}, exitOK, "FEED"},
		{[]string{"run", articles}, exitFailed, ""},
		{[]string{"reextract"}, exitFailed, ""},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			cmd := exec.Command(bin, append(tt.args, "--db", db)...)
			if os.Geteuid() == 0 {
				cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
			}
			var out, errb bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &errb
			cmd.Run()
			code := cmd.ProcessState.ExitCode()
			if code != tt.want {
				t.Fatalf("exit %d, want %d\nstderr: %s", code, tt.want, errb.String())
			}
			if !strings.Contains(out.String(), tt.inStdout) {
				t.Errorf("stdout lacks %q: %.200s", tt.inStdout, out.String())
			}
			if tt.want == exitOK {
				if errb.Len() > 0 {
					t.Errorf("stderr: %s", errb.String())
				}
				return
			}
			msg := errb.String()
			if strings.Count(msg, db) != 1 || strings.Contains(msg, "run run") || strings.Contains(msg, "migrat") {
				t.Errorf("want one error naming %s once, not a migration: %s", db, msg)
			}
		})
	}
}
