package feed

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestImportListGolden(t *testing.T) {
	goldens, err := filepath.Glob("testdata/list/*.golden.json")
	if err != nil || len(goldens) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, gp := range goldens {
		name := strings.TrimSuffix(filepath.Base(gp), ".golden.json")
		t.Run(name, func(t *testing.T) {
			var want struct {
				Subs []struct {
					URL      string `json:"url"`
					Title    string `json:"title"`
					Category string `json:"category"`
				} `json:"subs"`
				Err string `json:"err"`
			}
			raw, err := os.ReadFile(gp)
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(raw, &want); err != nil {
				t.Fatal(err)
			}
			inputs, _ := filepath.Glob(filepath.Join("testdata/list", name+".*"))
			var input string
			for _, in := range inputs {
				if !strings.HasSuffix(in, ".golden.json") {
					input = in
				}
			}
			f, err := os.Open(input)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()

			got, err := ImportList(f)
			if want.Err != "" {
				if err == nil || !strings.Contains(err.Error(), want.Err) {
					t.Fatalf("err = %v, want one mentioning %q", err, want.Err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			wantSubs := []Subscription{}
			for _, s := range want.Subs {
				wantSubs = append(wantSubs, Subscription(s))
			}
			if got == nil {
				got = []Subscription{}
			}
			if !reflect.DeepEqual(got, wantSubs) {
				t.Errorf("got  %+v\nwant %+v", got, wantSubs)
			}
		})
	}
}

func FuzzImportList(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/list/*")
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil && !strings.HasSuffix(s, ".golden.json") {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		subs, err := ImportList(strings.NewReader(string(data)))
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, s := range subs {
			if !strings.HasPrefix(s.URL, "http://") && !strings.HasPrefix(s.URL, "https://") {
				t.Fatalf("subscription URL %q is not http(s)", s.URL)
			}
			if seen[s.URL] {
				t.Fatalf("duplicate %q", s.URL)
			}
			seen[s.URL] = true
		}
	})
}
