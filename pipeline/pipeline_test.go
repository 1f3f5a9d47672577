package pipeline

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cloudfacts/ingest/extract"
	"github.com/cloudfacts/ingest/internal/score"
	"github.com/cloudfacts/ingest/store"

	_ "modernc.org/sqlite"
)

const seedArticles = "../testdata/articles"

var sharedExtractor *extract.Extractor

func extractor(tb testing.TB) *extract.Extractor {
	tb.Helper()
	if sharedExtractor == nil {
		x, err := extract.New()
		if err != nil {
			tb.Fatal(err)
		}
		sharedExtractor = x
	}
	return sharedExtractor
}

func newPipeline(tb testing.TB) (*Pipeline, string) {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "test.db")
	db, err := store.Open(context.Background(), path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return &Pipeline{DB: db, Extractor: extractor(tb)}, path
}

func ingest(tb testing.TB, p *Pipeline, paths ...string) Summary {
	tb.Helper()
	ctx := context.Background()
	id, err := p.DB.StartRun(ctx, "run", paths)
	if err != nil {
		tb.Fatal(err)
	}
	sum, err := p.Run(ctx, id, paths)
	if err != nil {
		tb.Fatal(err)
	}
	return sum
}

func export(tb testing.TB, p *Pipeline) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := p.DB.Export(context.Background(), &buf, "jsonl"); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func scoreAgainst(t *testing.T, articles, gold string) score.Result {
	t.Helper()
	p, _ := newPipeline(t)
	sum := ingest(t, p, articles)
	if sum.Failed > 0 {
		t.Fatalf("failures: %+v", sum.Failures)
	}
	g, err := score.LoadGold(gold)
	if err != nil {
		t.Fatal(err)
	}
	preds, err := score.ParseJSONL(export(t, p))
	if err != nil {
		t.Fatal(err)
	}
	return score.Score(g, preds)
}

// TestSeedArticlesAccuracy scores the five seed articles against their gold
// facts with score.py's set semantics.
func TestSeedArticlesAccuracy(t *testing.T) {
	r := scoreAgainst(t, seedArticles, "../testdata/gold")
	t.Logf("\n%s", r.Table())
	for _, m := range r.Misses {
		t.Logf("MISS  %s", m)
	}
	for _, e := range r.Extras {
		t.Logf("EXTRA %s", e)
	}
	// Issue 2 asked for 0.90; the bar is now 0.97 so a regression shows.
	if _, _, f1 := r.Micro.F1(); f1 < 0.97 {
		t.Errorf("micro F1 %.3f on the seed articles, want at least 0.97", f1)
	}
}

// devFloors is a ratchet: the scores main achieves on the shared
// development set (60 articles), per fact type and micro-averaged. Raise a
// floor whenever a change gains; never lower one. Issue 7's acceptance is
// micro 0.93, every type 0.85, money precision 0.85.
var devFloors = struct {
	micro, moneyPrecision float64
	byType                map[string]float64
}{
	micro:          0.967,
	moneyPrecision: 1.000,
	byType: map[string]float64{
		"az_count":         1.000,
		"datacenter_count": 1.000,
		"expansion":        0.946,
		"investment":       0.993,
		"money":            1.000,
		"region_count":     1.000,
	},
}

// TestDevSetAccuracy measures generalisation on the shared development set,
// which is not part of the project; it is skipped when absent.
func TestDevSetAccuracy(t *testing.T) {
	dev := "../../shared/dev"
	if _, err := os.Stat(dev); err != nil {
		t.Skip("shared development set not present")
	}
	r := scoreAgainst(t, filepath.Join(dev, "articles"), filepath.Join(dev, "gold"))
	t.Logf("\n%s", r.Table())
	// Scores are printed with three decimals; compare at that precision.
	below := func(got, floor float64) bool { return got < floor-0.0005 }
	if _, _, f1 := r.Micro.F1(); below(f1, devFloors.micro) {
		t.Errorf("micro F1 %.3f on the development set, below the floor %.3f", f1, devFloors.micro)
	}
	for typ, floor := range devFloors.byType {
		c, ok := r.ByType[typ]
		if !ok {
			t.Errorf("%s: no gold facts of this type; the development set changed", typ)
			continue
		}
		if _, _, f1 := c.F1(); below(f1, floor) {
			t.Errorf("%s: F1 %.3f on the development set, below the floor %.3f", typ, f1, floor)
		}
	}
	if p, _, _ := r.ByType["money"].F1(); below(p, devFloors.moneyPrecision) {
		t.Errorf("money: precision %.3f on the development set, below the floor %.3f", p, devFloors.moneyPrecision)
	}
}

// writtenFloors is the ratchet for testdata/written: 482 articles that
// helpers wrote in newsroom styles, with gold annotated from facts.md alone,
// without seeing the extractor or the shared development set (README,
// "Extraction rules"). Raise a floor whenever a change gains; never lower
// one. The floors were set again as batches f31 to f41 joined the set in
// the eighth stop (the 306 articles before them then scored micro 0.889,
// each type at or above its floor of the time).
var writtenFloors = map[string]float64{
	"micro":            0.877,
	"az_count":         0.947,
	"datacenter_count": 0.877,
	"expansion":        0.857,
	"investment":       0.892,
	"money":            0.903,
	"region_count":     0.942,
}

// TestWrittenSetAccuracy scores the project's own written articles, so a
// clean clone has an accuracy check beyond the five seed articles.
func TestWrittenSetAccuracy(t *testing.T) {
	r := scoreAgainst(t, "../testdata/written/articles", "../testdata/written/gold")
	t.Logf("\n%s", r.Table())
	below := func(got, floor float64) bool { return got < floor-0.0005 }
	if _, _, f1 := r.Micro.F1(); below(f1, writtenFloors["micro"]) {
		t.Errorf("micro F1 %.3f on the written set, below the floor %.3f", f1, writtenFloors["micro"])
	}
	for typ, floor := range writtenFloors {
		if typ == "micro" {
			continue
		}
		if _, _, f1 := r.ByType[typ].F1(); below(f1, floor) {
			t.Errorf("%s: F1 %.3f on the written set, below the floor %.3f", typ, f1, floor)
		}
	}
}

// TestQuotesAreAtTheirOffsets checks every stored fact in Go and in SQL:
// substr(text, start+1, end-start) must return the quote exactly.
func TestQuotesAreAtTheirOffsets(t *testing.T) {
	p, path := newPipeline(t)
	ingest(t, p, seedArticles)
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// The store keeps offsets only: the quote a view shows is sqlite's
	// substr, which must be the code points the extractor cited.
	rows, err := db.Query(`SELECT substr(a.text, f.start_offset+1, f.end_offset-f.start_offset),
		f.start_offset, f.end_offset, a.text
		FROM facts f JOIN article_text a ON a.id = f.article_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var quote, text string
		var start, end int
		if err := rows.Scan(&quote, &start, &end, &text); err != nil {
			t.Fatal(err)
		}
		n++
		runes := []rune(text)
		if end > len(runes) || string(runes[start:end]) != quote || quote == "" {
			t.Errorf("sqlite substr %q is not the text at [%d,%d)", quote, start, end)
		}
	}
	if n == 0 {
		t.Fatal("no facts stored")
	}
}

func tableCounts(t *testing.T, path string) map[string]int {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := map[string]int{}
	for _, table := range []string{"articles", "facts", "failures"} {
		var n int
		if err := db.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[table] = n
	}
	return out
}

func TestRunTwiceAddsNothing(t *testing.T) {
	p, path := newPipeline(t)
	first := ingest(t, p, seedArticles)
	before := tableCounts(t, path)
	second := ingest(t, p, seedArticles)
	after := tableCounts(t, path)
	if first.New != 5 || second.Unchanged != 5 || second.New != 0 || second.Facts != 0 {
		t.Errorf("first run %+v, second run %+v", first, second)
	}
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s: %d rows before, %d after the second run", k, v, after[k])
		}
	}
}

func TestChangedTextReplacesFacts(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "story.txt")
	write := func(s string) {
		if err := os.WriteFile(file, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, path := newPipeline(t)
	write("Oracle opened a cloud region in Chile.\n")
	ingest(t, p, dir)
	write("Oracle opened a cloud region in Chile.\nOracle plans a data center in Kenya.\n")
	sum := ingest(t, p, dir)
	if sum.Updated != 1 {
		t.Fatalf("second run: %+v", sum)
	}
	c := tableCounts(t, path)
	if c["articles"] != 1 || c["facts"] != 2 {
		t.Errorf("after the change: %v, want 1 article with 2 facts", c)
	}
}

func TestBadInputIsRecordedAndTheRunGoesOn(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{
		"good.txt":    []byte("Microsoft launched a cloud region in Poland.\n"),
		"empty.txt":   nil,
		"spaces.md":   []byte(" \n\t\n"),
		"binary.html": {0x89, 'P', 'N', 'G', 0, 0, 0, 0x0d, 1, 2, 3, 0, 0},
		"notes.pdf":   []byte("%PDF-1.4"),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, path := newPipeline(t)
	sum := ingest(t, p, dir)
	if sum.New != 1 || sum.Failed != 3 || sum.Skipped != 1 {
		t.Fatalf("summary %+v, want 1 new, 3 failed, 1 skipped", sum)
	}
	for _, f := range sum.Failures {
		if f.Err == nil || f.Err.Error() == "" {
			t.Errorf("failure without a reason: %+v", f)
		}
	}
	if c := tableCounts(t, path); c["failures"] != 3 {
		t.Errorf("failures table has %d rows, want 3", c["failures"])
	}
	// Fixing a file lets the next run pick it up and clears its failure.
	if err := os.WriteFile(filepath.Join(dir, "empty.txt"), []byte("AWS opened a data center in Chile.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	sum = ingest(t, p, dir)
	if sum.New != 1 || sum.Failed != 2 {
		t.Errorf("re-run %+v, want the fixed file new and 2 still failing", sum)
	}
	fs, err := p.DB.Failures(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if strings.HasSuffix(f.Source, "empty.txt") {
			t.Errorf("fixed file still listed as failing: %+v", f)
		}
	}
}

func TestFrontMatter(t *testing.T) {
	tests := []struct {
		name, in        string
		url, title, pub string
		bodyStartsWith  string
	}{
		{"full", "---\nurl: https://example.com/a\ntitle: \"A title\"\nsite: Example\npublished: 2025-03-01\n---\nBody text.\n",
			"https://example.com/a", "A title", "2025-03-01", "Body text."},
		{"none", "Just text.\n", "", "", "", "Just text."},
		{"rule not front matter", "---\nJust a rule line\n---\nText\n", "", "", "", "---"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fm, body := splitFrontMatter(tt.in)
			if fm["url"] != tt.url || fm["title"] != tt.title || fm["published"] != tt.pub {
				t.Errorf("front matter %v", fm)
			}
			if !strings.HasPrefix(body, tt.bodyStartsWith) {
				t.Errorf("body %q", body)
			}
		})
	}
}

func TestFilesSkipsUnsupportedAndHidden(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.txt", "b.HTML", "c.md", "d.json", ".git/e.txt", "sub/f.htm"} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("x"), 0o644)
	}
	files, skipped, err := Files([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 4 || skipped != 1 {
		t.Errorf("files %v skipped %d", files, skipped)
	}
}

// BenchmarkIngest measures end-to-end articles per second on the seed
// articles: read, extract, store (extraction is not skipped: each iteration
// uses a fresh database).
func BenchmarkIngest(b *testing.B) {
	extractor(b)
	n := 0
	for b.Loop() {
		b.StopTimer()
		p, _ := newPipeline(b)
		b.StartTimer()
		sum := ingest(b, p, seedArticles)
		n += sum.New
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}

// TestReextractRefreshesFromStoredText runs the extractor over stored
// articles without their sources: deleting the input folder must not matter.
func TestReextractRefreshesFromStoredText(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("Oracle opened a cloud region in Chile.\nAWS plans a data center in Kenya.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, path := newPipeline(t)
	ingest(t, p, dir)
	before := tableCounts(t, path)
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE articles SET extractor_version = 'old'`); err != nil {
		t.Fatal(err)
	}
	sum, err := p.Reextract(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if sum.Updated != 1 || sum.Facts != before["facts"] {
		t.Errorf("reextract %+v, want 1 article and %d facts", sum, before["facts"])
	}
	var stale int
	if err := db.QueryRow(`SELECT count(*) FROM articles WHERE extractor_version <> ?`, extract.Version).Scan(&stale); err != nil {
		t.Fatal(err)
	}
	if stale != 0 {
		t.Errorf("%d articles still carry an old extractor version", stale)
	}
}
