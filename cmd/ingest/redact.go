package main

import (
	"io"

	"github.com/cloudfacts/ingest/fetch"
)

// redactEnv returns e with standard output and error passing through
// fetch.RedactText: whatever crawl and feeds print, a password in a feed or
// page URL ("user:password@") shows as "user:***@". Each Write is
// redacted on its own; the commands write whole lines or cells.
func redactEnv(e *env) *env {
	c := *e
	c.stdout = redactWriter{e.stdout}
	c.stderr = redactWriter{e.stderr}
	return &c
}

type redactWriter struct{ w io.Writer }

func (r redactWriter) Write(p []byte) (int, error) {
	s := fetch.RedactText(string(p))
	if len(s) == len(p) && s == string(p) {
		return r.w.Write(p)
	}
	if _, err := io.WriteString(r.w, s); err != nil {
		return 0, err
	}
	return len(p), nil
}
