package feed

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// golden describes the expected parse of its sibling input file:
// testdata/parse/<case>.<ext> beside <case>.golden.json.
type golden struct {
	ContentType string `json:"contentType"`
	BaseURL     string `json:"baseURL"`
	Title       string `json:"title"`
	Partial     bool   `json:"partial"`
	Items       []struct {
		Title     string `json:"title"`
		Link      string `json:"link"`
		GUID      string `json:"guid"`
		Published string `json:"published"`
	} `json:"items"`
	// Err is "ErrNotAFeed" or a substring of the expected error.
	Err         string `json:"err"`
	ErrContains string `json:"errContains"`
}

func TestParseGolden(t *testing.T) {
	goldens, err := filepath.Glob("testdata/parse/*.golden.json")
	if err != nil || len(goldens) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, gp := range goldens {
		name := strings.TrimSuffix(filepath.Base(gp), ".golden.json")
		t.Run(name, func(t *testing.T) {
			var want golden
			raw, err := os.ReadFile(gp)
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(raw, &want); err != nil {
				t.Fatal(err)
			}
			inputs, _ := filepath.Glob(filepath.Join("testdata/parse", name+".*"))
			var input string
			for _, in := range inputs {
				if !strings.HasSuffix(in, ".golden.json") {
					input = in
				}
			}
			data, err := os.ReadFile(input)
			if err != nil {
				t.Fatalf("input for %s: %v", name, err)
			}

			got, err := Parse(data, want.ContentType, want.BaseURL)
			if want.Err != "" {
				switch {
				case err == nil:
					t.Fatalf("Parse succeeded with %d items, want error %q", len(got.Items), want.Err)
				case want.Err == "ErrNotAFeed" && !errors.Is(err, ErrNotAFeed):
					t.Fatalf("err = %v, want ErrNotAFeed", err)
				case want.Err != "ErrNotAFeed" && (errors.Is(err, ErrNotAFeed) || !strings.Contains(err.Error(), want.Err)):
					t.Fatalf("err = %v, want one mentioning %q", err, want.Err)
				case !strings.Contains(err.Error(), want.ErrContains):
					t.Fatalf("err = %v, want it to mention %q", err, want.ErrContains)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if got.Title != want.Title || got.Partial != want.Partial {
				t.Errorf("title %q partial %v, want %q %v", got.Title, got.Partial, want.Title, want.Partial)
			}
			if len(got.Items) != len(want.Items) {
				t.Fatalf("%d items %+v, want %d", len(got.Items), got.Items, len(want.Items))
			}
			for i, w := range want.Items {
				g := got.Items[i]
				var wantPub time.Time
				if w.Published != "" {
					wantPub, _ = time.Parse(time.RFC3339, w.Published)
				}
				if g.Title != w.Title || g.Link != w.Link || g.GUID != w.GUID || !g.Published.Equal(wantPub) {
					t.Errorf("item %d = %+v\nwant title=%q link=%q guid=%q published=%v", i, g, w.Title, w.Link, w.GUID, wantPub)
				}
				if !g.Published.IsZero() && g.Published.Location() != time.UTC {
					t.Errorf("item %d: Published not in UTC: %v", i, g.Published)
				}
			}
		})
	}
}

func TestToUTF8RewritesDeclaration(t *testing.T) {
	in := []byte("<?xml version='1.0' encoding='ISO-8859-1'?><rss>caf\xe9</rss>")
	got, err := toUTF8(in, "")
	if err != nil {
		t.Fatal(err)
	}
	want := `<?xml version='1.0' encoding="UTF-8"?><rss>café</rss>`
	if string(got) != want {
		t.Fatalf("toUTF8 = %q, want %q", got, want)
	}
}

func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/parse/*")
	for _, s := range seeds {
		if strings.HasSuffix(s, ".golden.json") {
			continue
		}
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data, "application/xml")
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, contentType string) {
		got, err := Parse(data, contentType, "https://example.com/feed")
		if err != nil {
			return
		}
		for _, it := range got.Items {
			if !strings.HasPrefix(it.Link, "http://") && !strings.HasPrefix(it.Link, "https://") {
				t.Fatalf("item link %q is not absolute http(s)", it.Link)
			}
		}
	})
}
