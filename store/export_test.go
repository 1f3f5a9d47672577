package store

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata golden files")

func TestExportGolden(t *testing.T) {
	for _, format := range []string{FormatJSONL, FormatCSV} {
		t.Run(format, func(t *testing.T) {
			db, _ := openTest(t)
			seed(t, db)
			var buf bytes.Buffer
			if err := db.Export(context.Background(), &buf, format); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "export."+format)
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create)", err)
			}
			if got := buf.String(); got != string(want) {
				t.Errorf("export differs from %s (run with -update after checking):\n got:\n%s\nwant:\n%s", golden, got, want)
			}
		})
	}
}

// The JSONL fields are exactly the fact model's, in its order.
func TestExportJSONLFields(t *testing.T) {
	db, _ := openTest(t)
	ids := seed(t, db)
	out := exportOf(t, db, FormatJSONL)
	common := []string{"type", "company", "quote", "article"}
	tail := []string{"url", "path", "title", "published", "start", "end", "rule", "confidence"}
	wantKeys := map[string][]string{
		"region_count":     {"value", "scope", "qualifier"},
		"az_count":         {"value", "scope", "qualifier"},
		"datacenter_count": {"value", "scope", "qualifier"},
		"expansion":        {"country", "city", "facility", "status", "ordinal", "year"},
		"investment":       {"amount", "currency", "usd", "period", "qualifier"},
		"money":            {"amount", "currency", "usd", "qualifier", "label"},
	}
	sc := bufio.NewScanner(strings.NewReader(out))
	types := map[string]bool{}
	lines := 0
	for sc.Scan() {
		lines++
		line := sc.Bytes()
		keys := jsonKeys(t, line)
		var obj map[string]any
		if err := json.Unmarshal(line, &obj); err != nil {
			t.Fatalf("line %d: %v", lines, err)
		}
		typ, _ := obj["type"].(string)
		types[typ] = true
		want := slices.Concat(common, wantKeys[typ], tail)
		if !slices.Equal(keys, want) {
			t.Errorf("line %d (%s): keys %v, want %v", lines, typ, keys, want)
		}
		if _, ok := obj["article"].(string); !ok {
			t.Errorf("line %d: article %v is not a string", lines, obj["article"])
		}
	}
	if lines != queryInt(t, db, "SELECT count(*) FROM facts") {
		t.Errorf("%d lines, want one per fact", lines)
	}
	if len(types) != len(wantKeys) {
		t.Errorf("fixture covers types %v, want all %d", types, len(wantKeys))
	}
	for _, want := range []string{
		`"amount":380000000000,`, `"usd":53000000000,`, `"amount":723400000000,`,
		`"company":null`, `"published":"2025-03-04"`, `"published":null`,
		`"article":"` + itoa(ids[1]) + `"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("export lacks %s", want)
		}
	}
}

func exportOf(t *testing.T, db *DB, format string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := db.Export(context.Background(), &buf, format); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func itoa(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// jsonKeys returns the top-level keys of a JSON object in order.
func jsonKeys(t *testing.T, line []byte) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(line))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not an object: %s", line)
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, tok.(string))
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}

func TestExportCSVShape(t *testing.T) {
	db, _ := openTest(t)
	seed(t, db)
	recs, err := csv.NewReader(strings.NewReader(exportOf(t, db, FormatCSV))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1+queryInt(t, db, "SELECT count(*) FROM facts") {
		t.Fatalf("%d records, want a header and one per fact", len(recs))
	}
	header := recs[0]
	col := func(name string) int {
		i := slices.Index(header, name)
		if i < 0 {
			t.Fatalf("no column %q in %v", name, header)
		}
		return i
	}
	seen := map[string]int{}
	for _, name := range header {
		seen[name]++
		if seen[name] > 1 {
			t.Errorf("column %q repeated", name)
		}
	}
	for _, r := range recs[1:] {
		if r[col("type")] == "investment" && (r[col("amount")] != "380000000000" || r[col("currency")] != "CNY" || r[col("period")] != "3 years") {
			t.Errorf("investment row %v", r)
		}
		if r[col("type")] == "expansion" && r[col("value")] != "" {
			t.Errorf("expansion row has a value: %v", r)
		}
	}
}

func TestExportEmptyAndUnknownFormat(t *testing.T) {
	db, _ := openTest(t)
	if got := exportOf(t, db, FormatJSONL); got != "" {
		t.Errorf("empty store JSONL = %q, want nothing", got)
	}
	if got := exportOf(t, db, FormatCSV); !strings.HasPrefix(got, "type,company,quote,article,") || strings.Count(got, "\n") != 1 {
		t.Errorf("empty store CSV = %q, want the header only", got)
	}
	if err := db.Export(context.Background(), &bytes.Buffer{}, "xml"); err == nil {
		t.Error("Export(xml) succeeded")
	}
}

// The exported url is the article's URL when it has one (front matter,
// canonical link, crawl), with the file it was read from in path; a file
// without a URL exports its path as url too, so that scorers matching
// gold files by the url's base name keep working.
func TestExportURLAndPath(t *testing.T) {
	db, _ := openTest(t)
	seed(t, db)
	want := map[string][2]any{ // title: url, path
		"Alibaba Cloud goes to Querétaro": {"https://example.com/alibaba-mexico", "testdata/articles/alibaba.md"},
		"Cloud spending, \"record\" year": {"https://example.org/market?id=7", nil},
		"Dublin exit":                     {"testdata/articles/closed.txt", "testdata/articles/closed.txt"},
	}
	sc := bufio.NewScanner(strings.NewReader(exportOf(t, db, FormatJSONL)))
	seen := map[string]bool{}
	for sc.Scan() {
		var obj map[string]any
		if err := json.Unmarshal(sc.Bytes(), &obj); err != nil {
			t.Fatal(err)
		}
		title, _ := obj["title"].(string)
		w, ok := want[title]
		if !ok {
			t.Fatalf("unexpected title %q", title)
		}
		seen[title] = true
		if obj["url"] != w[0] || obj["path"] != w[1] {
			t.Errorf("%s: url %v, path %v; want %v, %v", title, obj["url"], obj["path"], w[0], w[1])
		}
	}
	if len(seen) != len(want) {
		t.Errorf("saw %d articles, want %d", len(seen), len(want))
	}
}
