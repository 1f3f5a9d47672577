package pipeline

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/cloudfacts/ingest/crawl"
	"github.com/cloudfacts/ingest/extract"
)

// The crawl's deadline reaches fact extraction: a page with thousands of
// sentences stops promptly when its context ends, and nothing is stored.
func TestCrawlProcessorHonoursDeadline(t *testing.T) {
	p, _ := newPipeline(t)
	c := &CrawlProcessor{Pipeline: p}
	sentence := "Oracle will open a cloud region in Santiago, Chile, next year, investing $1 billion, the company said. "
	body := "<html><head><title>Long</title></head><body><article><h1>Long</h1><p>" +
		strings.Repeat(sentence, 4000) + "</p></article></body></html>"
	page := crawl.Page{URL: "https://wire.example/long", FinalURL: "https://wire.example/long", Body: []byte(body), ContentType: "text/html"}

	a, err := PageArticle(context.Background(), page)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	p.Extractor.Extract(extract.Document{Text: a.Text, Published: a.Published})
	full := time.Since(start)

	budget := full / 10
	ctx, cancel := context.WithTimeout(context.Background(), budget)
	defer cancel()
	start = time.Now()
	err = c.Process(ctx, page)
	took := time.Since(start)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Process = %v, want the deadline's error", err)
	}
	if took > full/2 {
		t.Errorf("Process took %v with a %v deadline; a full extraction takes %v", took, budget, full)
	}
	if n := len(storedArticles(t, p)); n != 0 {
		t.Errorf("%d articles stored", n)
	}
}
