package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromium returns a Chromium or Chrome binary, or "" when there is none.
func chromium() string {
	if p := os.Getenv("CHROME_PATH"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// The report in a real browser: the matrix holds the expected providers
// and countries, nothing is logged as an error, nothing is fetched but the
// page, and every citation link leads to an element with a quote.
func TestReportInBrowser(t *testing.T) {
	db, _ := datedArticles(t)
	page := filepath.Join(t.TempDir(), "report.html")
	out := mustIngest(t, "report", "--db", db, "-o", page)
	if !strings.HasPrefix(out, "wrote "+page) {
		t.Errorf("report printed %q", out)
	}
	html, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<script", "<link", "@import", "url(", "src="} {
		if strings.Contains(string(html), bad) {
			t.Errorf("the page is not self-contained: it has %q", bad)
		}
	}

	bin := chromium()
	if bin == "" {
		t.Skip("no Chromium binary found (install the chromium package, or set CHROME_PATH)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin), chromedp.NoSandbox, chromedp.WindowSize(1280, 900))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 60*time.Second)
	defer cancel()

	// Open the tab first, so that the listener sees every event of the page.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("chromium %s: %v", bin, err)
	}
	var mu sync.Mutex
	var problems, requests []string
	err = chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == "error" || ev.Type == "warning" || ev.Type == "assert" {
				problems = append(problems, "console "+string(ev.Type))
			}
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+ev.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError {
				problems = append(problems, "log: "+ev.Entry.Text+" "+ev.Entry.URL)
			}
		case *network.EventRequestWillBeSent:
			requests = append(requests, ev.Request.URL)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, log.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+page)); err != nil {
		t.Fatalf("navigate: %v", err)
	}
	type domResult struct {
		Providers []string
		Countries []string
		Links     int
		Broken    []string
		Charts    int
	}
	result, err := chromedp.Run(ctx, chromedp.Evaluate[domResult](`(() => {
			const text = s => [...document.querySelectorAll(s)].map(e => e.textContent.trim());
			const r = {Providers: text('#matrix-table th.provider'), Countries: text('#matrix-table th.country'),
			           Links: 0, Broken: [], Charts: document.querySelectorAll('svg.chart').length};
			for (const a of document.querySelectorAll('a.cite')) {
				r.Links++;
				const href = a.getAttribute('href') || '';
				const target = href.startsWith('#') ? document.getElementById(href.slice(1)) : null;
				const q = target && target.querySelector('blockquote.quote');
				if (!q || q.textContent.trim().length < 10) r.Broken.push(href);
			}
			return r;
		})()`))
	if err != nil {
		t.Fatalf("reading the DOM: %v", err)
	}
	// Follow one link as a reader would: the quote becomes the :target.
	target, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
			const a = document.querySelector('#matrix-table a.cite');
			location.hash = a.getAttribute('href');
			const t = document.querySelector(':target');
			return t ? t.querySelector('blockquote.quote').textContent : '';
		})()`))
	if err != nil || len(target) < 10 {
		t.Errorf("following a matrix link: %q, %v", target, err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](`location.hash = ''; window.scrollTo(0, 0); 1`)); err != nil {
		t.Fatal(err)
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	shotPath := filepath.Join(t.TempDir(), "report.png")
	if err := os.WriteFile(shotPath, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	if keep := os.Getenv("REPORT_SCREENSHOT"); keep != "" {
		os.WriteFile(keep, shot, 0o644)
	}
	t.Logf("screenshot: %s (%d bytes)", shotPath, len(shot))

	for _, p := range []string{"Alibaba Cloud", "Amazon Web Services", "Google Cloud", "Huawei Cloud", "Microsoft", "Oracle", "Tencent Cloud"} {
		if !slices.Contains(result.Providers, p) {
			t.Errorf("matrix rows %q lack %s", result.Providers, p)
		}
	}
	for _, c := range []string{"AE", "BR", "FR", "MX", "NL", "SA", "TH"} {
		if !slices.Contains(result.Countries, c) {
			t.Errorf("matrix columns %q lack %s", result.Countries, c)
		}
	}
	if result.Links < 50 {
		t.Errorf("only %d citation links", result.Links)
	}
	if len(result.Broken) > 0 {
		t.Errorf("%d links lead to no quote: %q", len(result.Broken), result.Broken)
	}
	if result.Charts != 1 {
		t.Errorf("%d charts, want 1 (Alibaba Cloud's global counts)", result.Charts)
	}
	// The DOM read above and the screenshot are done; events have arrived.
	mu.Lock()
	defer mu.Unlock()
	if len(problems) > 0 {
		t.Errorf("browser errors: %q", problems)
	}
	if len(requests) == 0 {
		t.Errorf("no request seen: the listener does not work")
	}
	for _, u := range requests {
		if !strings.HasPrefix(u, "file://") {
			t.Errorf("the page requested %s", u)
		}
	}
	if raw, _ := json.Marshal(result); testing.Verbose() {
		t.Logf("DOM: %s", raw)
	}
}
