package fetch

import (
	"log/slog"
	"net/url"
	"regexp"
)

// Redact returns rawURL with the password of its user information, if any,
// replaced as net/url's URL.Redacted does ("user:xxxxx@host"). Feeds and
// pages may be subscribed with credentials in their URL; the real URL is
// used for fetching, and only the redacted one is printed, logged or
// written to failure text. A string that is not a URL goes through
// RedactText.
func Redact(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return RedactText(rawURL)
	}
	if _, has := u.User.Password(); !has {
		return rawURL
	}
	return u.Redacted()
}

// credentials matches "scheme://user:password@" in free text (an error
// message, a log line): the password runs to the last "@" before the path,
// as net/url reads it.
var credentials = regexp.MustCompile(`(?i)\b([a-z][a-z0-9+.-]*://[^/?#@\s:]*:)[^/?#\s]*@`)

// RedactText replaces the password of every URL in s with "xxxxx", as
// Redact does, for error messages and log values that embed URLs.
func RedactText(s string) string {
	if !credentials.MatchString(s) {
		return s
	}
	return credentials.ReplaceAllString(s, "${1}xxxxx@")
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
