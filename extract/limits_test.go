package extract

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestExtractLimits(t *testing.T) {
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Repeat("Oracle opened a cloud region in Chile. ", 50)
	tests := []struct {
		name      string
		lim       Limits
		wantFacts int
		truncated string // substring of Result.Truncated; "" means not truncated
	}{
		{"defaults read everything", Limits{}, 50, ""},
		{"sentence limit", Limits{MaxSentences: 10}, 10, "sentence limit 10"},
		{"fact limit", Limits{MaxFacts: 7}, 7, "fact limit 7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := x.ExtractContext(context.Background(), Document{Text: text}, tt.lim)
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Facts) != tt.wantFacts {
				t.Errorf("got %d facts, want %d", len(r.Facts), tt.wantFacts)
			}
			if tt.truncated == "" && r.Truncated != "" || !strings.Contains(r.Truncated, tt.truncated) {
				t.Errorf("Truncated = %q, want %q", r.Truncated, tt.truncated)
			}
		})
	}
}

// A cancelled context stops extraction with its error.
func TestExtractContextCancelled(t *testing.T) {
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = x.ExtractContext(ctx, Document{Text: "Oracle opened a cloud region in Chile."}, Limits{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}
