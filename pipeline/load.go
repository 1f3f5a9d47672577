package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/cloudfacts/ingest/article"
	"github.com/cloudfacts/ingest/htmltext"
	"github.com/cloudfacts/ingest/urlnorm"
)

// ErrUnsupported marks a file whose extension the pipeline does not read.
var ErrUnsupported = errors.New("unsupported file type")

// maxFileSize bounds what is read of one file: news articles are small, and
// a stray disk image in the input folder must not exhaust memory.
const maxFileSize = 32 << 20

// Supported reports whether path has an extension the pipeline reads.
func Supported(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt", ".md", ".markdown", ".html", ".htm":
		return true
	}
	return false
}

// LoadFile reads one saved article: HTML through htmltext, text and
// Markdown with an optional front-matter block.
func LoadFile(ctx context.Context, path string) (*article.Article, error) {
	if !Supported(path) {
		return nil, fmt.Errorf("%s: %w", path, ErrUnsupported)
	}
	source, err := CanonicalPath(path)
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	raw, st, err := readRegular(path)
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	a := &article.Article{Source: source}
	isHTML := false
	switch strings.ToLower(filepath.Ext(path)) {
	case ".html", ".htm":
		isHTML = true
		page, err := htmltext.Extract(ctx, raw, "text/html", "")
		if err != nil {
			return nil, fmt.Errorf("html: %w", err)
		}
		a.Text = page.Text
		a.Title = page.Title
		a.Site = page.Site
		a.Published = page.Published
		a.Language = page.Language
		a.URL = fileCanonical(page.CanonicalURL)
	default:
		text, err := htmltext.Decode(raw, "text/plain")
		if err != nil {
			return nil, fmt.Errorf("decode: %w", err)
		}
		fm, body := splitFrontMatter(text)
		a.Text = body
		a.URL = urlnorm.Identity(fm["url"])
		a.Title = fm["title"]
		a.Site = fm["site"]
		a.Language = fm["language"]
		if p := fm["published"]; p != "" {
			t, err := parseDate(p)
			if err != nil {
				return nil, fmt.Errorf("front matter: published: %w", err)
			}
			a.Published = t
		} else if t, ok := textDate(body, a.URL); ok {
			a.Published = t
		}
	}
	if strings.TrimSpace(a.Text) == "" {
		return nil, fmt.Errorf("text: %w", htmltext.ErrEmpty)
	}
	if a.Title == "" && !isHTML {
		a.Title = headline(a.Text)
	}
	if !isHTML {
		a.Title, a.Site = htmltext.TitleAndSite(a.Title, a.Site, a.URL)
	}
	// Without a title the file name stands in. The
	// modification time is kept apart: it says when the file was written,
	// not when the article was published.
	if a.Title == "" {
		a.Title = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	}
	a.FileModified = st.ModTime().UTC().Truncate(time.Second)
	return a, nil
}

// readRegular reads path if it is a regular file of at most maxFileSize
// bytes. Anything else (a FIFO, a socket, a device, also one swapped in
// for a listed file since the walk) is refused without being read: a FIFO
// is opened non-blocking and refused on the opened file's mode.
func readRegular(path string) ([]byte, fs.FileInfo, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, nil, fmt.Errorf("not a regular file (%s)", kind(st.Mode()))
	}
	f, err := os.OpenFile(path, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	if st, err = f.Stat(); err != nil {
		return nil, nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, nil, fmt.Errorf("not a regular file (%s)", kind(st.Mode()))
	}
	if st.Size() > maxFileSize {
		return nil, nil, fmt.Errorf("file is %d bytes, more than the %d allowed (%d MiB)", st.Size(), maxFileSize, maxFileSize>>20)
	}
	// The file may grow while it is read.
	raw, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, nil, err
	}
	if len(raw) > maxFileSize {
		return nil, nil, fmt.Errorf("file grew past the %d bytes allowed while it was read", maxFileSize)
	}
	return raw, st, nil
}

// fileCanonical is the URL of a saved page: its canonical link (already in
// urlnorm's form), unless that points at the site's front page, a template
// mistake that would fold every saved article of the site into one; the
// path identifies the page then.
func fileCanonical(link string) string {
	if link == "" || isRoot(link) {
		return ""
	}
	return link
}

// headline returns the first line of text when it reads as a headline:
// short (at most 150 characters and 4 to 25 words), not ending like a
// sentence or a label (".", ",", ":", ";"), not a byline, a date or a
// bracketed note, and followed by more text. Else "".
func headline(text string) string {
	first, rest, _ := strings.Cut(strings.TrimLeft(text, " \t\r\n\ufeff"), "\n")
	first = strings.TrimSpace(first)
	if first == "" || strings.TrimSpace(rest) == "" || utf8.RuneCountInString(first) > 150 {
		return ""
	}
	if n := len(strings.Fields(first)); n < 4 || n > 25 {
		return ""
	}
	if strings.ContainsAny(first[len(first)-1:], ".,:;") || strings.HasPrefix(first, "By ") {
		return ""
	}
	r, _ := utf8.DecodeRuneInString(first)
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !strings.ContainsRune("\"“‘'", r) {
		return ""
	}
	if _, ok := textDate(first, ""); ok {
		return ""
	}
	return first
}

// splitFrontMatter reads a leading block of "key: value" lines between two
// "---" lines. Text without one is all body.
// maxFrontMatterLine is the longest front-matter line read, plus one.
const maxFrontMatterLine = 1 << 20

func splitFrontMatter(text string) (map[string]string, string) {
	fm := map[string]string{}
	t := strings.TrimPrefix(text, "\ufeff")
	if !strings.HasPrefix(t, "---\n") && !strings.HasPrefix(t, "---\r\n") {
		return fm, text
	}
	// Lines are read as bufio.ScanLines would (one "\r" before the "\n"
	// dropped) without a scanner's buffer, which cost 64 KB an article;
	// a line of maxFrontMatterLine bytes or more ends the reading, as it
	// ended the scanner that used to read them.
	consumed := 0
	first := true
	for rest := t; rest != ""; {
		raw, after, _ := strings.Cut(rest, "\n")
		if len(raw) >= maxFrontMatterLine {
			break
		}
		rest = after
		line := strings.TrimSuffix(raw, "\r")
		consumed += len(line) + 1
		if strings.HasSuffix(line, "\r") {
			line = strings.TrimSuffix(line, "\r")
		}
		if first {
			first = false
			continue
		}
		if strings.TrimSpace(line) == "---" {
			body := ""
			if consumed < len(t) {
				body = t[consumed:]
			}
			return fm, body
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			// Not front matter after all: a horizontal rule opening a text.
			return map[string]string{}, text
		}
		v = strings.TrimSpace(v)
		v = strings.Trim(v, `"'`)
		fm[strings.ToLower(strings.TrimSpace(k))] = v
	}
	return map[string]string{}, text
}

var dateLayouts = []string{
	time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02",
	time.RFC1123Z, time.RFC1123, "2 January 2006", "January 2, 2006", "Jan 2, 2006", "2006/01/02",
}

func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("unrecognised date %q", s)
}
