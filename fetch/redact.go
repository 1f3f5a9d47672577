package fetch

import (
	"log/slog"
	"net/url"
	"regexp"
	"strings"
)

// Redact returns rawURL with the password of its user information, if any,
// replaced by "***" ("user:***@host"), as the feed_status and crawl_queue
// views show it. Feeds and pages may be subscribed with credentials in
// their URL; the real URL is used for fetching, and only the redacted one is
// printed, logged or written to failure text. A URL without a password is
// returned unchanged. A string that is not a URL goes through RedactText.
func Redact(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return RedactText(rawURL)
	}
	if _, has := u.User.Password(); !has {
		return rawURL
	}
	return redactURL(u)
}

// redactURL returns u as a string with its password, if any, replaced by
// "***". URL.Redacted would say "xxxxx"; and String escapes a "*" in a
// password (UserPassword(name, "***") prints "%2A%2A%2A"), so the user alone
// is set and ":***" written before the "@" that ends it: the first "@" of
// the string, since an escaped user name has none.
func redactURL(u *url.URL) string {
	if _, has := u.User.Password(); !has {
		return u.String()
	}
	c := *u
	c.User = url.User(u.User.Username())
	s := c.String()
	at := strings.IndexByte(s, '@')
	if at < 0 { // not printed with a user (an opaque URL): nothing to hide
		return s
	}
	return s[:at] + ":***" + s[at:]
}

// credentials matches "scheme://user:password@" in free text (an error
// message, a log line): the password runs to the last "@" before the path,
// as net/url reads it.
var credentials = regexp.MustCompile(`(?i)\b([a-z][a-z0-9+.-]*://[^/?#@\s:]*:)[^/?#\s]*@`)

// RedactText replaces the password of every URL in s with "***", as
// Redact does, for error messages and log values that embed URLs.
func RedactText(s string) string {
	if !credentials.MatchString(s) {
		return s
	}
	return credentials.ReplaceAllString(s, "${1}***@")
}

// RedactAttr is a slog.HandlerOptions.ReplaceAttr that passes every string,
// error and Stringer value, and the message, through RedactText, so no log
// line shows a password from a URL.
func RedactAttr(_ []string, a slog.Attr) slog.Attr {
	switch v := a.Value; v.Kind() {
	case slog.KindString:
		if s := v.String(); credentials.MatchString(s) {
			a.Value = slog.StringValue(RedactText(s))
		}
	case slog.KindAny:
		switch x := v.Any().(type) {
		case error:
			a.Value = slog.StringValue(RedactText(x.Error()))
		case interface{ String() string }:
			a.Value = slog.StringValue(RedactText(x.String()))
		}
	}
	return a
}

// redactedError is an error whose message went through RedactText; it
// still unwraps to the original.
type redactedError struct{ err error }

func (e redactedError) Error() string { return RedactText(e.err.Error()) }
func (e redactedError) Unwrap() error { return e.err }

func redactErr(err error) error {
	if err == nil {
		return nil
	}
	return redactedError{err}
}
