package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// ingest run takes URLs, fetched like crawled pages, mixed with files,
// and "-" reads paths and URLs from standard input.
func TestRunURLsFilesAndStdin(t *testing.T) {
	var srv *httptest.Server
	var mu sync.Mutex
	hits := map[string]int{}
	hit := func(path string) int {
		mu.Lock()
		defer mu.Unlock()
		return hits[path]
	}
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		switch r.URL.Path {
		case "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
		case "/news/oracle-chile":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, storyHTML(stories[0], srv.URL))
		case "/news/google-mexico":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, storyHTML(stories[2], srv.URL))
		case "/tag/cloud":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<html><head><meta property="og:type" content="website"></head><body><h1>Tags</h1><p>a</p></body></html>`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	dir := t.TempDir()
	dbPath := filepath.Join(dir, "ingest.db")
	file := filepath.Join(dir, "aws.txt")
	os.WriteFile(file, []byte("---\nurl: https://files.example/aws-spain\n---\nAmazon Web Services opened a cloud region in Spain. It has three availability zones.\n"), 0o644)

	// Without --allow-private the loopback page is refused; the file is stored.
	code, out, errs := ingest(t, "run", "--db", dbPath, srv.URL+"/news/oracle-chile", file)
	if code != exitFailed || !strings.Contains(errs, "private or loopback") || !strings.Contains(out, "2 files and pages: 1 new") {
		t.Fatalf("run URL without --allow-private: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if hit("/news/oracle-chile") != 0 {
		t.Fatal("a refused address was requested")
	}

	out = mustIngest(t, "run", "--db", dbPath, "--allow-private", srv.URL+"/news/oracle-chile?utm_source=x", file)
	if !strings.Contains(out, "2 files and pages: 1 new, 0 updated, 1 unchanged, 0 failed") {
		t.Errorf("run URL and file: %q", out)
	}
	oracle := srv.URL + "/news/oracle-chile"
	if n := queryDB(t, dbPath, `SELECT count(*) FROM articles WHERE key = ? AND url = ?`, oracle, oracle); n != 1 {
		t.Error("page not stored under its canonical URL")
	}
	if n := queryDB(t, dbPath, `SELECT count(*) FROM claims WHERE company LIKE 'Oracle%' AND quote LIKE 'Oracle will open a cloud region in Chile%'`); n == 0 {
		t.Error("no fact from the fetched page")
	}
	if n := queryDB(t, dbPath, `SELECT count(*) FROM open_failures WHERE source = ?`, oracle); n != 0 {
		t.Error("the page's earlier failure is still open after it was stored")
	}
	if hit("/robots.txt") == 0 {
		t.Error("robots.txt not read")
	}

	// A list on standard input: comments, a file, URLs; robots.txt and
	// not-an-article pages fail with their reason.
	stdin = strings.NewReader(fmt.Sprintf("# to read\n%s\n\n%s/news/google-mexico   # Google\n%s/private/memo\n%s/tag/cloud\n", file, srv.URL, srv.URL, srv.URL))
	t.Cleanup(func() { stdin = os.Stdin })
	code, out, errs = ingest(t, "run", "--db", dbPath, "--allow-private", "-")
	if code != exitFailed || !strings.Contains(out, "4 files and pages: 1 new, 0 updated, 1 unchanged, 2 failed") {
		t.Errorf("run -: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if hit("/private/memo") != 0 {
		t.Error("a page robots.txt disallows was fetched")
	}
	if n := queryDB(t, dbPath, `SELECT count(*) FROM open_failures WHERE source = ? AND reason LIKE '%robots.txt%'`, srv.URL+"/private/memo"); n != 1 {
		t.Error("robots.txt refusal not recorded")
	}
	if n := queryDB(t, dbPath, `SELECT count(*) FROM open_failures WHERE source = ? AND reason LIKE '%not an article%'`, srv.URL+"/tag/cloud"); n != 1 {
		t.Error("tag page not recorded as not an article")
	}
	if n := queryDB(t, dbPath, `SELECT count(*) FROM articles`); n != 3 {
		t.Errorf("%d articles, want 3", n)
	}
}
