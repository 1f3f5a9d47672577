package fetch

import (
	"errors"
	"net/url"
	"testing"
)

func TestRedact(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://user:pass@host/a", "https://user:***@host/a"},
		{"https://user:p@ss@host/a", "https://user:***@host/a"}, // the password runs to the last "@"
		{"https://user:***@host/a", "https://user:***@host/a"},  // not "%2A%2A%2A"
		{"https://user:pass@host:8080/a", "https://user:***@host:8080/a"},
		{"https://user:pass@[2001:db8::1]:8443/a?q=1#f", "https://user:***@[2001:db8::1]:8443/a?q=1#f"},
		{"https://us%40er:pass@host/", "https://us%40er:***@host/"},
		{"https://user:@host/a", "https://user:***@host/a"}, // an empty password is one
		{"https://user@host/a", "https://user@host/a"},
		{"https://host/a@b:c", "https://host/a@b:c"},
		{"https://host/?mail=a:b@c", "https://host/?mail=a:b@c"},
		{"https://host/a", "https://host/a"},
		{"not a url", "not a url"},
	} {
		if got := Redact(tc.in); got != tc.want {
			t.Errorf("Redact(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestRedactText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`GET https://reader:s3cret@feeds.example.com/rss: connection refused`, `GET https://reader:***@feeds.example.com/rss: connection refused`},
		{`a http://u:p@h/x and ftp://v:q@w@k then`, `a http://u:***@h/x and ftp://v:***@k then`},
		{`https://user@host/a:b@c`, `https://user@host/a:b@c`},
		{`no URL here`, `no URL here`},
	} {
		if got := RedactText(tc.in); got != tc.want {
			t.Errorf("RedactText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestRedactURLMatchesRedact(t *testing.T) {
	const raw = "https://user:pass@host/a?b=c"
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := redactURL(u), Redact(raw); got != want {
		t.Errorf("redactURL = %q, Redact = %q", got, want)
	}
	err = redactErr(errors.New(`Get "` + raw + `": EOF`))
	if got, want := err.Error(), `Get "https://user:***@host/a?b=c": EOF`; got != want {
		t.Errorf("redactErr = %q, want %q", got, want)
	}
}
