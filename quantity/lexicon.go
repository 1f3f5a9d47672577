package quantity

import (
	"fmt"
	"strconv"
	"strings"
)

// The word lists the readers match against live in data/*.tsv, each with a
// header comment saying how to read and extend it:
//
//	data/currencies.tsv  currency signs, codes and words (currency.go)
//	data/qualifiers.tsv  hedges such as "more than", "or more" (qualifier.go)
//	data/scales.tsv      scale words such as "billion", "bn", "m" (amount.go)
//	data/numbers.tsv     number and ordinal words (amount.go, ordinals.go)
//	data/periods.tsv     words of time spans and rates (period.go)
//
// Each is embedded at build time and parsed once, at package
// initialisation; a malformed file stops the program with file:line.

// readTSV calls fn with the tab-separated fields of each line of data that is
// neither blank nor a comment ("#"). Every line must have exactly fields
// fields, none empty or padded with spaces. Errors, the line's own and fn's,
// are reported as file:line.
func readTSV(file, data string, fields int, fn func(f []string) error) error {
	for n, line := range strings.Split(data, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || line[0] == '#' {
			continue
		}
		err := func() error {
			f := strings.Split(line, "\t")
			if len(f) != fields {
				return fmt.Errorf("want %d tab-separated fields, got %d in %q", fields, len(f), line)
			}
			for _, x := range f {
				if x == "" || x != strings.TrimSpace(x) {
					return fmt.Errorf("empty field or stray space in %q", line)
				}
			}
			return fn(f)
		}()
		if err != nil {
			return fmt.Errorf("%s:%d: %w", file, n+1, err)
		}
	}
	return nil
}

// lowerWords checks that s is lowercase words separated by single spaces,
// as the readers compare them against the lowercased sentence.
func lowerWords(s string) error {
	if s != strings.ToLower(s) || strings.Join(strings.Fields(s), " ") != s {
		return fmt.Errorf("%q: want lowercase words separated by single spaces", s)
	}
	return nil
}

// must stops the program on a broken data file: it is part of the build.
func must[T any](v T, err error) T {
	if err != nil {
		panic("quantity: " + err.Error())
	}
	return v
}

// must2 is must for parsers that return two tables.
func must2[A, B any](a A, b B, err error) (A, B) {
	if err != nil {
		panic("quantity: " + err.Error())
	}
	return a, b
}

// parseWordValues reads a table of WORD VALUE KIND lines (scales.tsv,
// numbers.tsv) into one map per kind. allowed holds the kinds and says
// which values each takes; a word may appear once in the whole table.
func parseWordValues(file, data string, allowed map[string]func(v int) bool) (map[string]map[string]int, error) {
	out := map[string]map[string]int{}
	for kind := range allowed {
		out[kind] = map[string]int{}
	}
	seen := map[string]bool{}
	err := readTSV(file, data, 3, func(f []string) error {
		word, kind := f[0], f[2]
		if err := lowerWords(word); err != nil || strings.Contains(word, " ") {
			return fmt.Errorf("%q: want one lowercase word", word)
		}
		ok, known := allowed[kind]
		if !known {
			return fmt.Errorf("unknown kind %q", kind)
		}
		v, err := strconv.Atoi(f[1])
		if err != nil || !ok(v) {
			return fmt.Errorf("%s: value %q out of range for %s", word, f[1], kind)
		}
		if seen[word] {
			return fmt.Errorf("%q listed twice", word)
		}
		seen[word] = true
		out[kind][word] = v
		return nil
	})
	return out, err
}
