package extract

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The sentence corpus: testdata/corpus/*.txt. Each case is a block of lines
// separated by a blank line:
//
//	# a comment
//	text: Oracle will open its first cloud region in Chile next year.
//	published: 2025-03-01            (optional; resolves "next year")
//	fact: expansion company=Oracle country=CL status=planned facility=region ordinal=1 year=2026
//
// A case with no fact lines must give no fact at all. A case with fact lines
// must give exactly that many facts, each matching its line on every field
// the line names (values with spaces are quoted: scope="outside mainland China").
// Text may span several "text:" lines; they are joined with a newline, so
// a case can set up "the company" in one sentence and use it in the next.
//
// Cases that do not pass yet live in testdata/corpus/pending/, which the
// test does not read unless CORPUS=pending is set.

type corpusCase struct {
	file      string
	line      int
	text      string
	published time.Time
	facts     []map[string]string
}

func readCorpus(t *testing.T) []corpusCase {
	t.Helper()
	// CORPUS=pending runs the cases that are known not to pass yet
	// (testdata/corpus/pending/), to see which a rule change fixed.
	dir := filepath.Join("testdata/corpus", os.Getenv("CORPUS"))
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus files: %v", err)
	}
	var cases []corpusCase
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		var cur *corpusCase
		n := 0
		flush := func() {
			if cur != nil && cur.text != "" {
				cases = append(cases, *cur)
			}
			cur = nil
		}
		for sc.Scan() {
			n++
			line := strings.TrimSpace(sc.Text())
			if line == "" {
				flush()
				continue
			}
			if strings.HasPrefix(line, "#") {
				continue
			}
			if cur == nil {
				cur = &corpusCase{file: filepath.Base(name), line: n}
			}
			key, val, ok := strings.Cut(line, ":")
			if !ok {
				t.Fatalf("%s:%d: want key: value", name, n)
			}
			val = strings.TrimSpace(val)
			switch key {
			case "text":
				if cur.text != "" {
					cur.text += "\n"
				}
				cur.text += val
			case "published":
				p, err := time.Parse("2006-01-02", val)
				if err != nil {
					t.Fatalf("%s:%d: %v", name, n, err)
				}
				cur.published = p
			case "fact":
				fields := splitFields(val)
				if len(fields) == 0 {
					t.Fatalf("%s:%d: empty fact", name, n)
				}
				m := map[string]string{"type": fields[0]}
				for _, kv := range fields[1:] {
					k, v, ok := strings.Cut(kv, "=")
					if !ok {
						t.Fatalf("%s:%d: want field=value, got %q", name, n, kv)
					}
					m[k] = v
				}
				cur.facts = append(cur.facts, m)
			default:
				t.Fatalf("%s:%d: unknown key %q", name, n, key)
			}
		}
		flush()
		f.Close()
	}
	return cases
}

// splitFields splits on spaces outside double quotes and drops the quotes.
func splitFields(s string) []string {
	var out []string
	var b strings.Builder
	quoted := false
	for _, r := range s {
		switch {
		case r == '"':
			quoted = !quoted
		case r == ' ' && !quoted:
			if b.Len() > 0 {
				out = append(out, b.String())
				b.Reset()
			}
		default:
			b.WriteRune(r)
		}
	}
	if b.Len() > 0 {
		out = append(out, b.String())
	}
	return out
}

// field returns a fact's field as the corpus writes it.
func field(f Fact, name string) string {
	itoa := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	num := func(x float64) string {
		if x == 0 {
			return ""
		}
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	switch name {
	case "type":
		return f.Type
	case "company":
		return f.Company
	case "value":
		return itoa(f.Value)
	case "scope":
		return f.Scope
	case "qualifier":
		return f.Qualifier
	case "country":
		return f.Country
	case "city":
		return f.City
	case "facility":
		return f.Facility
	case "status":
		return f.Status
	case "ordinal":
		return itoa(f.Ordinal)
	case "year":
		return itoa(f.Year)
	case "amount":
		return num(f.Amount)
	case "currency":
		return f.Currency
	case "usd":
		return num(f.USD)
	case "period":
		return f.Period
	case "label":
		return f.Label
	}
	return "?" + name
}

func matches(f Fact, want map[string]string) bool {
	for k, v := range want {
		if v == "null" {
			v = ""
		}
		got := field(f, k)
		if k == "amount" || k == "usd" {
			a, _ := strconv.ParseFloat(got, 64)
			b, _ := strconv.ParseFloat(v, 64)
			if a != b {
				return false
			}
			continue
		}
		if got != v {
			return false
		}
	}
	return true
}

func describe(f Fact) string {
	var b strings.Builder
	b.WriteString(f.Type)
	for _, k := range []string{"company", "value", "scope", "qualifier", "country", "city", "facility", "status", "ordinal", "year", "amount", "currency", "usd", "period", "label"} {
		if v := field(f, k); v != "" {
			if strings.Contains(v, " ") {
				v = `"` + v + `"`
			}
			fmt.Fprintf(&b, " %s=%s", k, v)
		}
	}
	return b.String()
}

func TestCorpus(t *testing.T) {
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	cases := readCorpus(t)
	pos, neg := 0, 0
	for _, c := range cases {
		if len(c.facts) == 0 {
			neg++
		} else {
			pos++
		}
		name := fmt.Sprintf("%s:%d", c.file, c.line)
		t.Run(name, func(t *testing.T) {
			got := x.Extract(Document{Text: c.text, Published: c.published})
			used := make([]bool, len(got))
			for _, want := range c.facts {
				found := false
				for i, f := range got {
					if !used[i] && matches(f, want) {
						used[i], found = true, true
						break
					}
				}
				if !found {
					t.Errorf("missing fact %v", want)
				}
			}
			for i, f := range got {
				if !used[i] {
					t.Errorf("unexpected fact: %s (rule %s)", describe(f), f.Rule)
				}
			}
			if t.Failed() {
				t.Logf("text: %s", c.text)
			}
		})
	}
	t.Logf("corpus: %d positive cases, %d negative cases", pos, neg)
}
