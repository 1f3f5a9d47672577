package urlnorm

import (
	"bufio"
	"errors"
	"os"
	"strings"
	"testing"
)

// TestCanonical reads testdata/cases.txt so that a regression case is one
// line: input, a tab, and the expected output or ERR.
func TestCanonical(t *testing.T) {
	f, err := os.Open("testdata/cases.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		in, want, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("malformed case %q", line)
		}
		n++
		t.Run(strings.TrimSpace(in), func(t *testing.T) {
			got, err := Canonical(in)
			if want == "ERR" {
				if err == nil {
					t.Fatalf("Canonical(%q) = %q, want an error", in, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("Canonical(%q): %v", in, err)
			}
			if got != want {
				t.Errorf("Canonical(%q) = %q, want %q", in, got, want)
			}
			// Canonical forms are fixed points: storing the result and
			// canonicalising it again must not create a second key.
			again, err := Canonical(got)
			if err != nil || again != got {
				t.Errorf("Canonical(%q) = %q, %v; not idempotent", got, again, err)
			}
		})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 20 {
		t.Fatalf("only %d cases read", n)
	}
}

func TestCanonicalSchemeError(t *testing.T) {
	_, err := Canonical("file:///etc/passwd")
	if !errors.Is(err, ErrUnsupportedScheme) {
		t.Fatalf("err = %v, want ErrUnsupportedScheme", err)
	}
}

func FuzzCanonical(f *testing.F) {
	for _, s := range []string{
		"https://example.com/p?utm_source=x&b=1&a=2#frag",
		"HTTP://EXAMPLE.com:80",
		"http://[::1]:8080/a?x",
		"https://example.com/%zz?%zz=1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := Canonical(in)
		if err != nil {
			return
		}
		if !strings.HasPrefix(got, "http://") && !strings.HasPrefix(got, "https://") {
			t.Fatalf("Canonical(%q) = %q: not http(s)", in, got)
		}
		if strings.Contains(got, "#") {
			t.Fatalf("Canonical(%q) = %q: fragment kept", in, got)
		}
		again, err := Canonical(got)
		if err != nil || again != got {
			t.Fatalf("not idempotent: %q -> %q -> %q (%v)", in, got, again, err)
		}
	})
}

func TestIdentity(t *testing.T) {
	for in, want := range map[string]string{
		"HTTPS://Example.com:443/a?utm_source=x&b=1#frag": "https://example.com/a?b=1",
		"  urn:isbn:0451450523 ":                          "urn:isbn:0451450523",
		"":                                                "",
	} {
		if got := Identity(in); got != want {
			t.Errorf("Identity(%q) = %q, want %q", in, got, want)
		}
	}
}
