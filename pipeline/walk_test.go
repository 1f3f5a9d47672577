package pipeline

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cloudfacts/ingest/article"
	"github.com/cloudfacts/ingest/extract"
)

// runWithin runs p over paths and fails the test when the run does not
// return within d: reading a FIFO would block forever.
func runWithin(t *testing.T, p *Pipeline, d time.Duration, paths ...string) Summary {
	t.Helper()
	ctx := context.Background()
	id, err := p.DB.StartRun(ctx, "run", paths)
	if err != nil {
		t.Fatal(err)
	}
	type out struct {
		sum Summary
		err error
	}
	done := make(chan out, 1)
	go func() {
		sum, err := p.Run(ctx, id, paths)
		done <- out{sum, err}
	}()
	select {
	case o := <-done:
		if o.err != nil {
			t.Fatal(o.err)
		}
		return o.sum
	case <-time.After(d):
		t.Fatalf("run over %v still going after %v (a FIFO opened?)", paths, d)
	}
	return Summary{}
}

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
}

// A FIFO is never opened: os.ReadFile on one blocks until a writer comes.
// Given directly or met in a folder, it is skipped and counted.
func TestFIFOIsSkippedNotOpened(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.txt", "Oracle opened a cloud region in Chile.\n")
	fifo := filepath.Join(dir, "pipe.txt")
	mkfifo(t, fifo)

	p, _ := newPipeline(t)
	sum := runWithin(t, p, 10*time.Second, dir)
	if sum.New != 1 || sum.Skipped != 1 || sum.Failed != 0 {
		t.Errorf("folder: %+v, want 1 new, the FIFO skipped", sum)
	}
	sum = runWithin(t, p, 10*time.Second, fifo)
	if sum.Skipped != 1 || sum.Failed != 0 || sum.New+sum.Unchanged != 0 {
		t.Errorf("FIFO given directly: %+v, want it skipped", sum)
	}
}

// A symlink to a regular file is read (once, under the file's own path);
// a dangling one and one to a FIFO are skipped and counted.
func TestSymlinks(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	real := writeFile(t, dir, "real.txt", "Oracle opened a cloud region in Chile.\n")
	fifo := filepath.Join(dir, "pipe.txt")
	mkfifo(t, fifo)
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, target := range map[string]string{"link.txt": real, "dangling.txt": filepath.Join(dir, "gone.txt"), "fifo.txt": fifo} {
		if err := os.Symlink(target, filepath.Join(in, name)); err != nil {
			t.Fatal(err)
		}
	}
	p, path := newPipeline(t)
	sum := runWithin(t, p, 10*time.Second, in)
	if sum.New != 1 || sum.Skipped != 2 || sum.Failed != 0 {
		t.Errorf("summary %+v, want the link read and 2 skipped", sum)
	}
	// Given directly, a dangling symlink is skipped too, not an error.
	if sum := runWithin(t, p, 10*time.Second, filepath.Join(in, "dangling.txt")); sum.Skipped != 1 {
		t.Errorf("dangling symlink given directly: %+v, want it skipped", sum)
	}
	if got := queryString(t, path, `SELECT group_concat(source) FROM articles`); got != real {
		t.Errorf("stored source %q, want the link's target %q", got, real)
	}
}

// One file is one article however its path is written.
func TestOneCanonicalPath(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "in"), "a.txt", "Oracle opened a cloud region in Chile.\n")
	t.Chdir(dir)
	abs, err := filepath.EvalSymlinks(filepath.Join(dir, "in", "a.txt"))
	if err != nil {
		t.Fatal(err)
	}
	p, path := newPipeline(t)
	for i, in := range []string{"in/a.txt", "./in//a.txt", abs, "in", "./in/"} {
		sum := runWithin(t, p, 10*time.Second, in)
		if i > 0 && sum.Unchanged != 1 {
			t.Errorf("run %d over %q: %+v, want the article unchanged", i, in, sum)
		}
	}
	if got := queryString(t, path, `SELECT group_concat(key || ' ' || source, '; ') FROM articles`); got != abs+" "+abs {
		t.Errorf("articles: %q, want one keyed and sourced %q", got, abs)
	}
}

func queryString(t *testing.T, path, query string) string {
	t.Helper()
	db := openSQL(t, path)
	var s string
	if err := db.QueryRow(`SELECT coalesce((` + query + `), '')`).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

// An article cut by the extraction limits keeps the facts read and is
// recorded in failures (stage extract, reason "truncated: ..."), not
// silently cut.
func TestTruncatedArticleIsRecorded(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "long.txt", strings.Repeat("Oracle opened a cloud region in Chile. ", 2100))
	p, path := newPipeline(t)
	sum := runWithin(t, p, 2*time.Minute, dir)
	if sum.New != 1 {
		t.Fatalf("summary %+v, want the article stored", sum)
	}
	if n := queryString(t, path, `SELECT count(*) FROM facts`); n != "2000" {
		t.Errorf("%s facts stored, want the 2000 read before the limit", n)
	}
	if got := queryString(t, path, `SELECT stage || ': ' || reason FROM open_failures`); !strings.HasPrefix(got, "extract: truncated: fact limit 2000") {
		t.Errorf("open failure %q, want the truncation", got)
	}
	// The next run finds the article unchanged: the truncation stays open.
	runWithin(t, p, 2*time.Minute, dir)
	if n := queryString(t, path, `SELECT count(*) FROM open_failures WHERE stage = 'extract'`); n != "1" {
		t.Errorf("%s open extract failures after a second run, want 1", n)
	}
}

// Cancelling the run's context (SIGTERM) stops the extraction of a long
// article within a second.
func TestCancelStopsExtraction(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat(strings.Repeat("Oracle opened a cloud region in Chile, AWS plans three data centers in Kenya by 2027, ", 12)+"and more. ", 4900)
	for _, name := range []string{"long1.txt", "long2.txt", "long3.txt"} {
		writeFile(t, dir, name, long) // seconds of work, one after the other
	}
	p, _ := newPipeline(t)
	p.Workers = 1
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	id, err := p.DB.StartRun(ctx, "run", []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := p.Run(ctx, id, []string{dir})
		done <- err
	}()
	time.Sleep(700 * time.Millisecond) // well into the first extraction
	cancel()
	start := time.Now()
	select {
	case err := <-done:
		if err == nil {
			t.Errorf("run finished without error; want the context's (did it end before the cancel?)")
		}
		t.Logf("stopped %v after the cancel: %v", time.Since(start), err)
	case <-time.After(time.Second):
		t.Fatal("run still going a second after the cancel")
	}
}

func openSQL(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// An article an earlier version stored under the relative path it was
// listed under is adopted, not stored twice, by a run from the same folder.
func TestRelativeKeyAdopted(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "in"), "a.txt", "Oracle opened a cloud region in Chile.\n")
	t.Chdir(dir)
	p, path := newPipeline(t)
	if _, err := p.DB.SaveArticle(context.Background(), &article.Article{Source: "in/a.txt", Text: "Oracle opened a cloud region in Chile.\n"}, nil, "old"); err != nil {
		t.Fatal(err)
	}
	if err := p.DB.RecordFailure(context.Background(), 0, "in/b.txt", "read", "was unreadable"); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "in"), "b.txt", "AWS opened a data center in Kenya.\n")
	runWithin(t, p, 10*time.Second, "in")
	abs, _ := CanonicalPath(filepath.Join(dir, "in"))
	if got := queryString(t, path, `SELECT group_concat(key, ' ') FROM (SELECT key FROM articles ORDER BY key)`); got != abs+"/a.txt "+abs+"/b.txt" {
		t.Errorf("articles %q, want a.txt adopted under its canonical path", got)
	}
	if n := queryString(t, path, `SELECT count(*) FROM open_failures`); n != "0" {
		t.Errorf("%s open failures, want the old one of b.txt resolved", n)
	}
}

// LoadFile refuses what is not a regular file without blocking on it
// (a FIFO swapped in for a listed file), and a file over the size limit
// without reading it.
func TestLoadFileRefusesFIFOAndHugeFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "swapped.txt")
	mkfifo(t, fifo)
	done := make(chan error, 1)
	go func() { _, err := LoadFile(context.Background(), fifo); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "named pipe") {
			t.Errorf("FIFO: err %v, want a refusal naming it", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("LoadFile blocked on a FIFO")
	}
	huge := filepath.Join(dir, "huge.txt")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(maxFileSize + 1); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	if _, err := LoadFile(context.Background(), huge); err == nil || !strings.Contains(err.Error(), "32 MiB") {
		t.Errorf("huge file: err %v, want the size refused", err)
	}
}

// reextract records a truncation too, and a complete re-extraction clears it.
func TestReextractRecordsTruncation(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.txt", strings.Repeat("Oracle opened a cloud region in Chile. ", 5))
	p, path := newPipeline(t)
	runWithin(t, p, time.Minute, dir)
	p.Limits = extract.Limits{MaxFacts: 3}
	if _, err := p.Reextract(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := queryString(t, path, `SELECT stage || ': ' || reason FROM open_failures`); !strings.HasPrefix(got, "extract: truncated: fact limit 3") {
		t.Errorf("open failure %q, want the truncation", got)
	}
	p.Limits = extract.Limits{}
	if _, err := p.Reextract(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := queryString(t, path, `SELECT count(*) FROM open_failures`); n != "0" {
		t.Errorf("%s open failures after a complete reextract, want 0", n)
	}
}
