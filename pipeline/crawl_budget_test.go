package pipeline

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/cloudfacts/ingest/crawl"
)

// The crawl's context reaches fact extraction: a page with thousands of
// sentences processed under a context that has ended returns the
// context's error, and nothing is stored. (How promptly a deadline stops a
// run is checked end to end by cmd/ingest's crawl tests, with wide margins.)
func TestCrawlProcessorHonoursDeadline(t *testing.T) {
	p, _ := newPipeline(t)
	c := &CrawlProcessor{Pipeline: p}
	sentence := "Oracle will open a cloud region in Santiago, Chile, next year, investing $1 billion, the company said. "
	body := "<html><head><title>Long</title></head><body><article><h1>Long</h1><p>" +
		strings.Repeat(sentence, 4000) + "</p></article></body></html>"
	page := crawl.Page{URL: "https://wire.example/long", FinalURL: "https://wire.example/long", Body: []byte(body), ContentType: "text/html"}

	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	err := c.Process(ctx, page)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Process = %v, want the deadline's error", err)
	}
	if n := len(storedArticles(t, p)); n != 0 {
		t.Errorf("%d articles stored", n)
	}
	// The same page with time to spare is stored: the refusal above came
	// from the deadline, not from the page.
	if err := c.Process(context.Background(), page); err != nil {
		t.Fatalf("Process without a deadline: %v", err)
	}
	if n := len(storedArticles(t, p)); n != 1 {
		t.Errorf("%d articles stored, want 1", n)
	}
}
