package store

import (
	"database/sql"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cloudfacts/ingest/extract"
)

// FuzzOffsetsAgreeWithSQLite checks that the Go-side quote check accepts
// exactly the slices sqlite's substr returns, for any valid UTF-8 text.
func FuzzOffsetsAgreeWithSQLite(f *testing.F) {
	f.Add("Alibaba Cloud’s data centre in Querétaro – 🚀 opened.", 3, 20)
	f.Add("é", 0, 1)
	f.Add("", 0, 0)
	f.Add("a\x00b", 2, 1)
	f.Add("a\u0301b\U0001F1F2\U0001F1FDc", 1, 3) // combining mark, flag pair
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		f.Fatal(err)
	}
	defer db.Close()
	f.Fuzz(func(t *testing.T, text string, start, length int) {
		// A NUL ends text for sqlite's substr; checkFacts rejects such text.
		if !utf8.ValidString(text) {
			t.Skip()
		}
		n := utf8.RuneCountInString(text)
		if n == 0 {
			start, length = 0, 0
		} else {
			start = abs(start) % (n + 1)
			length = abs(length) % (n - start + 1)
		}
		end := start + length
		quote := string([]rune(text)[start:end])
		if err := checkFacts(text, []extract.Fact{{Quote: quote, Start: start, End: end}}); (err != nil) != strings.Contains(text, "\x00") {
			t.Fatalf("checkFacts(%q) = %v; want an error only for a NUL", text, err)
		}
		if strings.Contains(text, "\x00") {
			return
		}
		var got string
		if err := db.QueryRow("SELECT substr(?, ?, ?)", text, start+1, length).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != quote {
			t.Errorf("substr(%q, %d, %d) = %q, Go slice %q", text, start+1, length, got, quote)
		}
	})
}

func abs(n int) int {
	if n < 0 {
		if n == -n { // math.MinInt
			return 0
		}
		return -n
	}
	return n
}
