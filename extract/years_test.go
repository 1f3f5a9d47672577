package extract

import (
	"regexp"
	"testing"
)

// TestYearSpansIsThePattern keeps the hand-written year scan equal to the
// pattern it replaced, on sentences with years at edges, inside longer
// numbers, glued to letters and next to non-ASCII text.
func TestYearSpansIsThePattern(t *testing.T) {
	re := regexp.MustCompile(`\b(19[89]\d|20[0-4]\d)\b`)
	for _, s := range []string{
		"",
		"2024",
		"In 2024 and 1999, not 1979 or 2050, nor 20245 or 12024.",
		"FY2025, 2025-2027, 2026/27, 2030MW, 2031%, _2032, 2033_",
		"The plan (2026) runs to 2048; 2049. 1980! 1989?",
		"Über 2027 café 2028é ¥2029 二〇二五 2030年",
		"x2025 2025x 2025 2025",
	} {
		var want [][2]int
		for _, m := range re.FindAllStringIndex(s, -1) {
			want = append(want, [2]int{m[0], m[1]})
		}
		got := yearSpans(s)
		if len(got) != len(want) {
			t.Errorf("%q: got %v, want %v", s, got, want)
			continue
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%q: got %v, want %v", s, got, want)
				break
			}
		}
	}
}
