package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

// story is an article page the test site serves.
type story struct {
	slug, title, lead string
	canonical         string // path of the page's <link rel=canonical>; "" for none
}

var stories = []story{
	{slug: "oracle-chile", title: "Oracle to open cloud region in Chile",
		lead: "Oracle will open a cloud region in Chile next year. The Santiago region will serve banks, miners and public agencies."},
	{slug: "microsoft-germany", title: "Microsoft commits billions to German data centers",
		lead: "Microsoft will invest 3.2 billion euros in Germany to expand its data center capacity for artificial intelligence."},
	{slug: "google-mexico", title: "Google Cloud opens Mexico region",
		lead: "Google Cloud has launched a new cloud region in Querétaro, Mexico, its third in Latin America."},
	// The same article as oracle-chile under another address, as an AMP
	// page or a syndication partner serves it.
	{slug: "amp/oracle-chile", title: "Oracle to open cloud region in Chile", canonical: "/news/oracle-chile",
		lead: "Oracle will open a cloud region in Chile next year. The Santiago region will serve banks, miners and public agencies."},
}

func storyHTML(s story, base string) string {
	link := ""
	if s.canonical != "" {
		link = fmt.Sprintf(`<link rel="canonical" href="%s%s">`, base, s.canonical)
	}
	return fmt.Sprintf(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>%[1]s - Cloud Wire</title>%[2]s
<meta property="og:site_name" content="Cloud Wire">
<meta property="article:published_time" content="2024-01-15T08:00:00Z">
</head><body>
<header><nav><a href="/">Home</a> | <a href="/cloud">Cloud</a> | <a href="/ai">AI</a> | <a href="/about">About</a></nav></header>
<main><article>
<h1>%[1]s</h1>
<p class="byline">By Ana Torres, March 1, 2025</p>
<p>%[3]s</p>
<p>The company said demand from customers in regulated industries, who must keep data
in the country, had grown quickly over the past two years, and that the investment
would also create jobs in construction and operations.</p>
<p>Analysts said the move would put pressure on rivals, several of which have announced
plans of their own in recent months, while local officials welcomed the announcement
as a sign of confidence in the digital economy.</p>
</article></main>
<aside><h2>Most read</h2><ul><li><a href="/a">Chip exports slow</a></li><li><a href="/b">Cloud prices rise</a></li></ul></aside>
<footer><p>Copyright 2025 Cloud Wire. All rights reserved.</p></footer>
</body></html>`, s.title, link, s.lead)
}

// newsSite is a loopback news site with feeds, counting every request.
type newsSite struct {
	srv *httptest.Server

	mu       sync.Mutex
	hits     map[string]int // path
	feedOK   map[string]int // feed path -> 200 responses
	items    map[string][]string
	status   map[string]int // path -> forced status
	delay    time.Duration  // before each article page
	feedWait time.Duration  // before each feed
	feedETag map[string]bool
}

func newNewsSite(t *testing.T) *newsSite {
	t.Helper()
	s := &newsSite{
		hits:   map[string]int{},
		feedOK: map[string]int{},
		items: map[string][]string{
			// The Oracle story twice: with a tracking parameter, and as its
			// AMP page whose canonical link names the original.
			"/feed.xml":   {"news/oracle-chile?utm_source=rss&utm_medium=feed", "news/microsoft-germany"},
			"/cloud.xml":  {"news/oracle-chile#comments", "news/google-mexico", "news/amp/oracle-chile"},
			"/broken.xml": nil,
		},
		status:   map[string]int{},
		feedETag: map[string]bool{"/feed.xml": true},
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *newsSite) url(path string) string { return s.srv.URL + path }

func (s *newsSite) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func (s *newsSite) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path]++
	code := s.status[r.URL.Path]
	items, isFeed := s.items[r.URL.Path]
	items = append([]string(nil), items...)
	etag := s.feedETag[r.URL.Path]
	delay, feedWait := s.delay, s.feedWait
	s.mu.Unlock()
	if code != 0 {
		http.Error(w, http.StatusText(code), code)
		return
	}
	if isFeed {
		time.Sleep(feedWait)
		body := s.rss(items)
		if etag {
			tag := fmt.Sprintf(`"%x"`, len(body)*31+len(items))
			w.Header().Set("ETag", tag)
			if r.Header.Get("If-None-Match") == tag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
		}
		s.mu.Lock()
		s.feedOK[r.URL.Path]++
		s.mu.Unlock()
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprint(w, body)
		return
	}
	for _, st := range stories {
		if r.URL.Path == "/news/"+st.slug {
			if delay > 0 {
				time.Sleep(delay)
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, storyHTML(st, s.srv.URL))
			return
		}
	}
	http.NotFound(w, r)
}

func (s *newsSite) rss(items []string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Cloud Wire</title><link>` + s.srv.URL + `/</link><description>Cloud news</description>
`)
	for i, it := range items {
		slug := strings.TrimPrefix(strings.SplitN(strings.SplitN(it, "?", 2)[0], "#", 2)[0], "news/")
		title := slug
		for _, st := range stories {
			if st.slug == slug {
				title = st.title
			}
		}
		fmt.Fprintf(&b, `<item><title>%s (feed)</title><link>%s/%s</link><guid isPermaLink="false">cw-%s</guid><pubDate>Sat, 0%d Mar 2025 09:00:00 GMT</pubDate></item>
`, title, s.srv.URL, strings.ReplaceAll(it, "&", "&amp;"), slug, i+1)
	}
	b.WriteString("</channel></rss>\n")
	return b.String()
}

// ingest runs the CLI in-process.
func ingest(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code = run(context.Background(), e, args)
	return code, out.String(), errb.String()
}

func mustIngest(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errs := ingest(t, args...)
	if code != exitOK {
		t.Fatalf("ingest %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, out, errs)
	}
	return out
}

func queryDB(t *testing.T, path, q string, args ...any) int {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func TestCrawlTwiceFetchesNothingNew(t *testing.T) {
	site := newNewsSite(t)
	dbPath := filepath.Join(t.TempDir(), "ingest.db")
	mustIngest(t, "feeds", "add", site.url("/feed.xml"), site.url("/cloud.xml"), "--db", dbPath)

	// Quiet on success: cron mails whatever is printed.
	code, out, errs := ingest(t, "crawl", "--db", dbPath, "--allow-private", "--min-interval", "1ms")
	if code != exitOK || out != "" || errs != "" {
		t.Fatalf("first crawl: exit %d, stdout %q, stderr %q; want 0 and silence", code, out, errs)
	}
	for _, p := range []string{"/news/oracle-chile", "/news/microsoft-germany", "/news/google-mexico", "/news/amp/oracle-chile"} {
		if n := site.count(p); n != 1 {
			t.Errorf("%s fetched %d times in the first run, want 1", p, n)
		}
	}
	// Three articles: the Oracle story reached three ways is stored once.
	if n := queryDB(t, dbPath, `SELECT count(*) FROM articles`); n != 3 {
		t.Errorf("%d articles stored, want 3", n)
	}
	oracle := site.url("/news/oracle-chile")
	if n := queryDB(t, dbPath, `SELECT count(*) FROM articles WHERE key = ? AND url = ? AND feed_guid = 'cw-oracle-chile'
		AND feed_title = 'Oracle to open cloud region in Chile (feed)' AND published LIKE '2025-03-0%'`, oracle, oracle); n != 1 {
		t.Errorf("Oracle article not stored under its canonical URL with the feed's title, GUID and date")
	}
	if n := queryDB(t, dbPath, `SELECT count(*) FROM claims WHERE company LIKE 'Oracle%' AND quote = 'Oracle will open a cloud region in Chile next year.'`); n == 0 {
		t.Error("no fact cited from 'Oracle will open a cloud region in Chile next year.'")
	}
	if n := queryDB(t, dbPath, `SELECT count(*) FROM expansions WHERE country = 'CL' AND year = 2026`); n == 0 {
		t.Error("no expansion in Chile for 2026: the feed's date should resolve 'next year'")
	}

	// Second run: the ETag feed answers 304, the other sends the same bytes;
	// neither is parsed and no page is fetched again.
	out = mustIngest(t, "crawl", "--db", dbPath, "--allow-private", "--min-interval", "1ms", "-v")
	if !strings.Contains(out, "feeds: 2 checked, 2 unchanged, 0 failed") || !strings.Contains(out, "pages: 0 stored") {
		t.Errorf("second run summary = %q; want both feeds unchanged, nothing stored", out)
	}
	for _, p := range []string{"/news/oracle-chile", "/news/microsoft-germany", "/news/google-mexico", "/news/amp/oracle-chile"} {
		if n := site.count(p); n != 1 {
			t.Errorf("%s fetched %d times after two runs, want 1", p, n)
		}
	}
	site.mu.Lock()
	full := site.feedOK["/feed.xml"]
	site.mu.Unlock()
	if full != 1 || site.count("/feed.xml") != 2 {
		t.Errorf("feed.xml: %d full responses of %d requests; want 1 of 2 (the second a 304)", full, site.count("/feed.xml"))
	}

	// At the default interval (10 minutes), a run right after another
	// requests nothing: no feed is due.
	mustIngest(t, "crawl", "--db", dbPath, "--allow-private")
	before := site.count("/feed.xml") + site.count("/cloud.xml")
	mustIngest(t, "crawl", "--db", dbPath, "--allow-private")
	if after := site.count("/feed.xml") + site.count("/cloud.xml"); after != before {
		t.Errorf("feeds requested %d times by a run before they were due", after-before)
	}

	// A new item: only its page is fetched.
	site.mu.Lock()
	site.items["/feed.xml"] = append(site.items["/feed.xml"], "news/google-mexico?utm_campaign=x")
	site.mu.Unlock()
	mustIngest(t, "feeds", "reset", "--all", "--db", dbPath)
	mustIngest(t, "crawl", "--db", dbPath, "--allow-private")
	if n := site.count("/news/google-mexico"); n != 1 {
		t.Errorf("stored article fetched again through another feed: %d requests", n)
	}
	if n := queryDB(t, dbPath, `SELECT count(*) FROM runs WHERE command = 'crawl' AND status = 'ok'`); n != 5 {
		t.Errorf("%d crawl runs recorded ok, want 5", n)
	}
}

func TestCrawlFailuresRecordedAndFeedDisabled(t *testing.T) {
	site := newNewsSite(t)
	site.status["/broken.xml"] = http.StatusInternalServerError
	site.status["/news/microsoft-germany"] = http.StatusServiceUnavailable
	dbPath := filepath.Join(t.TempDir(), "ingest.db")
	mustIngest(t, "feeds", "add", site.url("/broken.xml"), site.url("/feed.xml"), "--db", dbPath)

	for i := range 3 {
		code, out, errs := ingest(t, "crawl", "--db", dbPath, "--allow-private", "--min-interval", "1ms", "--retry-base", "1h")
		if code != exitOK || out != "" || errs != "" {
			t.Fatalf("crawl %d with failing sites: exit %d, stdout %q, stderr %q; want 0 and silence", i, code, out, errs)
		}
		time.Sleep(10 * time.Millisecond) // past the feed's backoff
	}
	if n := site.count("/broken.xml"); n != 3 {
		t.Errorf("broken feed requested %d times, want 3", n)
	}
	// Disabled after 3 failures: not requested again until reset.
	mustIngest(t, "crawl", "--db", dbPath, "--allow-private", "--min-interval", "1ms")
	if n := site.count("/broken.xml"); n != 3 {
		t.Errorf("disabled feed requested: %d requests", n)
	}
	// The failed page waits for its retry (1h), it is not fetched each run.
	if n := site.count("/news/microsoft-germany"); n != 1 {
		t.Errorf("failed page fetched %d times, want 1 (retry after backoff)", n)
	}
	if n := queryDB(t, dbPath, `SELECT count(*) FROM open_failures WHERE source = ? AND stage = 'feed' AND attempts = 3 AND reason LIKE '%500%'`, site.url("/broken.xml")); n != 1 {
		t.Error("broken feed not in open_failures with 3 attempts")
	}
	if n := queryDB(t, dbPath, `SELECT count(*) FROM open_failures WHERE source = ? AND stage = 'page' AND reason LIKE '%503%'`, site.url("/news/microsoft-germany")); n != 1 {
		t.Error("failed page not in open_failures")
	}
	if n := queryDB(t, dbPath, `SELECT count(*) FROM crawl_queue WHERE url = ? AND state = 'failed' AND next_retry IS NOT NULL`, site.url("/news/microsoft-germany")); n != 1 {
		t.Error("failed page not queued for a retry")
	}

	list := mustIngest(t, "feeds", "list", "--db", dbPath)
	if !strings.Contains(list, "disabled") || !strings.Contains(list, "after reset") || !strings.Contains(list, "500") {
		t.Errorf("feeds list does not show the disabled feed:\n%s", list)
	}

	mustIngest(t, "feeds", "reset", site.url("/broken.xml"), "--db", dbPath)
	site.mu.Lock()
	delete(site.status, "/broken.xml")
	site.mu.Unlock()
	mustIngest(t, "crawl", "--db", dbPath, "--allow-private")
	if n := site.count("/broken.xml"); n != 4 {
		t.Errorf("reset feed requested %d times in all, want 4", n)
	}
	if n := queryDB(t, dbPath, `SELECT count(*) FROM open_failures WHERE source = ?`, site.url("/broken.xml")); n != 0 {
		t.Error("feed's failure still open after a successful check")
	}
	if list := mustIngest(t, "feeds", "list", "--db", dbPath); strings.Contains(list, "disabled") {
		t.Errorf("feed still disabled after reset and a successful check:\n%s", list)
	}
}

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// binary builds the command once for the tests that run it as processes.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "ingest-test-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "ingest")
		gocmd, err := exec.LookPath("go")
		if err != nil {
			gocmd = filepath.Join(os.Getenv("GOROOT"), "bin", "go")
		}
		out, err := exec.Command(gocmd, "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// Two cron runs started at once on one database, as two OS processes: both
// succeed, each feed is read once, each page fetched once, each article
// stored once.
func TestCrawlTwoProcessesAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := binary(t)
	site := newNewsSite(t)
	site.delay = 40 * time.Millisecond
	site.feedWait = 40 * time.Millisecond
	// More feeds and shared items, crawled two at a time by each run, so
	// that both runs have work at once and meet on the shared items.
	var feeds []string
	for i := range 6 {
		path := fmt.Sprintf("/f%d.xml", i)
		site.items[path] = []string{"news/oracle-chile?utm_source=f" + fmt.Sprint(i), "news/microsoft-germany", "news/google-mexico", "news/amp/oracle-chile"}[i%4:]
		feeds = append(feeds, site.url(path))
	}
	dbPath := filepath.Join(t.TempDir(), "ingest.db")
	mustIngest(t, append([]string{"feeds", "add", "--db", dbPath}, feeds...)...)

	start := time.Now()
	type result struct {
		code           int
		stdout, stderr string
	}
	results := make([]result, 2)
	var wg sync.WaitGroup
	for i := range results {
		wg.Go(func() {
			cmd := exec.Command(bin, "crawl", "--db", dbPath, "--allow-private", "--global", "2")
			var out, errb bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &errb
			err := cmd.Run()
			results[i] = result{cmd.ProcessState.ExitCode(), out.String(), errb.String()}
			if err != nil && cmd.ProcessState == nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	t.Logf("two concurrent crawls took %s", time.Since(start).Round(time.Millisecond))
	for i, r := range results {
		if r.code != 0 || r.stdout != "" || r.stderr != "" {
			t.Errorf("crawl %d: exit %d, stdout %q, stderr %q; want 0 and silence", i, r.code, r.stdout, r.stderr)
		}
	}
	for i := range 6 {
		if n := site.count(fmt.Sprintf("/f%d.xml", i)); n != 1 {
			t.Errorf("feed %d read %d times, want 1", i, n)
		}
	}
	for _, p := range []string{"/news/oracle-chile", "/news/microsoft-germany", "/news/google-mexico", "/news/amp/oracle-chile"} {
		if n := site.count(p); n != 1 {
			t.Errorf("%s fetched %d times by two runs, want 1", p, n)
		}
	}
	if n := queryDB(t, dbPath, `SELECT count(*) FROM articles`); n != 3 {
		t.Errorf("%d articles, want 3", n)
	}
	if n := queryDB(t, dbPath, `SELECT count(*) FROM (SELECT key FROM articles GROUP BY key HAVING count(*) > 1)`); n != 0 {
		t.Errorf("%d articles stored twice", n)
	}
	if n := queryDB(t, dbPath, `SELECT count(*) FROM runs WHERE command = 'crawl' AND status = 'ok'`); n != 2 {
		t.Errorf("%d crawl runs recorded ok, want 2", n)
	}
	overlap := queryDB(t, dbPath, `SELECT count(*) FROM runs a JOIN runs b ON a.id < b.id
		WHERE a.command = 'crawl' AND b.command = 'crawl' AND a.started_at < b.finished_at AND b.started_at < a.finished_at`)
	split := queryDB(t, dbPath, `SELECT count(*) FROM runs WHERE command = 'crawl' AND articles_new + articles_unchanged > 0`)
	t.Logf("the two runs overlapped: %v; runs that stored pages: %d", overlap == 1, split)
}

// The same with two goroutines in one process, each with its own store
// handle: this one also runs under -race and -short.
func TestCrawlTwoRunsInProcess(t *testing.T) {
	site := newNewsSite(t)
	site.delay = 20 * time.Millisecond
	dbPath := filepath.Join(t.TempDir(), "ingest.db")
	mustIngest(t, "feeds", "add", site.url("/feed.xml"), site.url("/cloud.xml"), "--db", dbPath)
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			code, out, errs := ingest(t, "crawl", "--db", dbPath, "--allow-private")
			if code != 0 || out != "" || errs != "" {
				t.Errorf("crawl: exit %d, stdout %q, stderr %q", code, out, errs)
			}
		})
	}
	wg.Wait()
	for _, p := range []string{"/feed.xml", "/cloud.xml", "/news/oracle-chile", "/news/microsoft-germany", "/news/google-mexico", "/news/amp/oracle-chile"} {
		if n := site.count(p); n != 1 {
			t.Errorf("%s requested %d times, want 1", p, n)
		}
	}
	if n := queryDB(t, dbPath, `SELECT count(*) FROM articles`); n != 3 {
		t.Errorf("%d articles, want 3", n)
	}
}

func TestCrawlMaxDuration(t *testing.T) {
	site := newNewsSite(t)
	site.delay = 400 * time.Millisecond
	dbPath := filepath.Join(t.TempDir(), "ingest.db")
	mustIngest(t, "feeds", "add", site.url("/cloud.xml"), "--db", dbPath)
	start := time.Now()
	code, out, errs := ingest(t, "crawl", "--db", dbPath, "--allow-private", "--max-duration", "200ms", "-v")
	if code != exitOK || !strings.Contains(out, "stopped early") {
		t.Fatalf("crawl --max-duration: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("--max-duration 200ms took %s", d)
	}
	// The next run finds what is left.
	site.mu.Lock()
	site.delay = 0
	site.mu.Unlock()
	mustIngest(t, "crawl", "--db", dbPath, "--allow-private")
	if n := queryDB(t, dbPath, `SELECT count(*) FROM articles`); n != 2 {
		t.Errorf("%d articles after the second run, want 2", n)
	}
}

func TestFeedsImportAndList(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "ingest.db")
	opml := filepath.Join(dir, "subs.opml")
	os.WriteFile(opml, []byte(`<?xml version="1.0"?>
<opml version="2.0"><head><title>Subscriptions</title></head><body>
  <outline text="Cloud">
    <outline text="AWS">
      <outline text="AWS News" type="rss" xmlUrl="https://aws.example/feed/"/>
    </outline>
    <outline text="Azure Blog" type="rss" xmlUrl="https://azure.example/rss"/>
  </outline>
  <outline text="Loose" type="rss" xmlUrl="https://loose.example/atom.xml"/>
</body></opml>`), 0o644)
	txt := filepath.Join(dir, "subs.txt")
	os.WriteFile(txt, []byte("# my feeds\nhttps://aws.example/feed/   # again\n\nhttps://dc.example/feed.json\n"), 0o644)

	if out := mustIngest(t, "feeds", "import", opml, "--db", dbPath); out != "3 feeds added, 0 already subscribed\n" {
		t.Errorf("import OPML: %q", out)
	}
	if out := mustIngest(t, "feeds", "import", "--db", dbPath, txt); out != "1 feeds added, 1 already subscribed\n" {
		t.Errorf("import text: %q", out)
	}
	list := mustIngest(t, "feeds", "list", "--db", dbPath)
	var rows []string
	for _, line := range strings.Split(strings.TrimSpace(list), "\n") {
		rows = append(rows, strings.Join(strings.Fields(line), " "))
	}
	want := []string{
		"FEED CATEGORY STATUS HTTP LAST SUCCESS ERRORS NEXT CHECK PAGES LAST ERROR",
		"https://dc.example/feed.json - new - - 0 now 0/0 -",
		"https://loose.example/atom.xml - new - - 0 now 0/0 -",
		"https://azure.example/rss Cloud new - - 0 now 0/0 -",
		"https://aws.example/feed/ Cloud/AWS new - - 0 now 0/0 -",
	}
	if strings.Join(rows, "\n") != strings.Join(want, "\n") {
		t.Errorf("feeds list:\n%s\nwant (spacing aside):\n%s", list, strings.Join(want, "\n"))
	}
	mustIngest(t, "feeds", "remove", "https://loose.example/atom.xml", "--db", dbPath)
	if code, _, errs := ingest(t, "feeds", "remove", "https://loose.example/atom.xml", "--db", dbPath); code != exitFailed || !strings.Contains(errs, "not subscribed") {
		t.Errorf("removing an unknown feed: exit %d, %q", code, errs)
	}
	if n := queryDB(t, dbPath, `SELECT count(*) FROM feed_status WHERE status = 'new'`); n != 3 {
		t.Errorf("feed_status lists %d new feeds, want 3", n)
	}
}

func TestCrawlAndFeedsUsage(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "ingest.db")
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"crawl", "--db", dbPath, "--no-such-flag"}, exitUsage},
		{[]string{"crawl", "--db", dbPath, "extra"}, exitUsage},
		{[]string{"crawl", "--db", dbPath, "--max-duration", "-1s"}, exitUsage},
		{[]string{"crawl", "--db", dbPath, "--max-duration", "soon"}, exitUsage},
		{[]string{"crawl", "--db", dbPath, "--per-host", "0"}, exitUsage},
		{[]string{"feeds", "--db", dbPath}, exitUsage},
		{[]string{"feeds", "--db", dbPath, "subscribe", "https://a.example/feed"}, exitUsage},
		{[]string{"feeds", "--db", dbPath, "add"}, exitUsage},
		{[]string{"feeds", "--db", dbPath, "add", "not a url"}, exitUsage},
		{[]string{"feeds", "--db", dbPath, "reset"}, exitUsage},
		{[]string{"feeds", "--db", dbPath, "reset", "--all", "https://a.example/feed"}, exitUsage},
		{[]string{"feeds", "--db", dbPath, "import", filepath.Join(dir, "missing.opml")}, exitFailed},
		// The database is unusable: a directory.
		{[]string{"crawl", "--db", dir}, exitFailed},
		{[]string{"crawl", "--help"}, exitOK},
	} {
		code, _, _ := ingest(t, tc.args...)
		if code != tc.code {
			t.Errorf("ingest %s: exit %d, want %d", strings.Join(tc.args, " "), code, tc.code)
		}
	}
	// No feeds: exit 0, but say so, since it is most likely a wrong --db.
	code, out, errs := ingest(t, "crawl", "--db", dbPath)
	if code != exitOK || out != "" || !strings.Contains(errs, "no feeds") {
		t.Errorf("crawl without feeds: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}
