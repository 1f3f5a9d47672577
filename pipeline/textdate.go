package pipeline

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/araddon/dateparse"
)

// A plain-text article often states its date in its opening lines: a
// "Published:" line, a press-release dateline ("LONDON, March 3, 2025 —"),
// or a date on its own line under the headline. textDate finds it; the
// file's modification time is never a publication date (it is when the
// file was copied, not when the article appeared).

// dateExpr matches one written date: "March 3, 2025", "Mar. 3rd 2025",
// "3 March 2025", "2025-03-03", "2025/03/03". All-numeric day/month forms
// (03/04/2025) are ambiguous and not read.
const dateExpr = `(?:` + month + `\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}` +
	`|\d{1,2}(?:st|nd|rd|th)?\s+` + month + `\.?,?\s+\d{4}` +
	`|\d{4}-\d{2}-\d{2}|\d{4}/\d{2}/\d{2})`

const month = `(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)`

const weekday = `(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\.?,?\s+`

var (
	// "Published: March 3, 2025", "Posted on Tuesday, 4 March 2025 10:00".
	labelledDate = regexp.MustCompile(`(?i)^(published|posted|first published|date|updated|last updated|last modified|modified)(?:\s+on)?\s*[:\-–—|]?\s*(?:` + weekday + `)?(` + dateExpr + `)`)
	// "LONDON, March 3, 2025 —", "Seattle, Wash., March 3, 2025 /PRNewswire/ --",
	// "SEATTLE--(BUSINESS WIRE)--March 3, 2025--".
	datelineDate = regexp.MustCompile(`(?i)^\p{Lu}[\p{L}.'’ ]{1,40}(?:,\s*\p{Lu}[\p{L}.'’ ]{0,30}){0,2}(?:,\s*|\s*--\([^)]{1,40}\)--\s*|\s*\([^)]{1,40}\)\s*[-–—]*\s*)(?:` + weekday + `)?(` + dateExpr + `)\s*(?:—|–|--|-|/)`)
	// A line that is only a date, perhaps with a weekday and a time, or a
	// byline ending in one: "Tuesday, March 4, 2025 10:30 GMT", "By Ana Torres | 4 March 2025".
	dateLine = regexp.MustCompile(`(?i)^(?:By\s[^|•·]{1,60}[|•·,]\s*)?(?:` + weekday + `)?(` + dateExpr + `)(?:\s*(?:,|at|-|–|\|)?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*\p{L}{2,5})?)?\.?$`)
	// /2025/03/04/ in an article URL.
	urlDate = regexp.MustCompile(`/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:/|$|[?#])`)
)

// headLines is how many non-empty lines at the top of a text are searched
// for a date; headLineBytes bounds each one.
const (
	headLines     = 8
	headLineBytes = 300
)

// textDate returns the publication date stated at the top of text, else
// one in the article's URL, else a stated update date; ok is false when
// there is none. Dates are days (UTC midnight): the time of day, when
// given, comes without a dependable zone.
func textDate(text, articleURL string) (t time.Time, ok bool) {
	var labelled, dateline, alone, updated time.Time
	n := 0
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if n++; n > headLines {
			break
		}
		if len(line) > headLineBytes {
			line = line[:headLineBytes]
		}
		if m := labelledDate.FindStringSubmatch(line); m != nil {
			if d, ok := parseDay(m[2]); ok {
				if strings.Contains(strings.ToLower(m[1]), "modified") || strings.Contains(strings.ToLower(m[1]), "updated") {
					setOnce(&updated, d)
				} else {
					setOnce(&labelled, d)
				}
			}
			continue
		}
		if m := datelineDate.FindStringSubmatch(line); m != nil {
			if d, ok := parseDay(m[1]); ok {
				setOnce(&dateline, d)
			}
			continue
		}
		// A date alone on a line belongs to the article only near its
		// headline, not to a table or a quoted document further down.
		if n <= 4 {
			if m := dateLine.FindStringSubmatch(line); m != nil {
				if d, ok := parseDay(m[1]); ok {
					setOnce(&alone, d)
				}
			}
		}
	}
	for _, d := range []time.Time{labelled, dateline, alone, urlDay(articleURL), updated} {
		if !d.IsZero() {
			return d, true
		}
	}
	return time.Time{}, false
}

func setOnce(dst *time.Time, t time.Time) {
	if dst.IsZero() {
		*dst = t
	}
}

// parseDay parses one date matched by dateExpr with dateparse.
func parseDay(s string) (time.Time, bool) {
	t, err := dateparse.ParseIn(s, time.UTC)
	if err != nil {
		return time.Time{}, false
	}
	t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return t, plausibleDate(t)
}

func urlDay(u string) time.Time {
	m := urlDate.FindStringSubmatch(u)
	if m == nil {
		return time.Time{}
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	// time.Date normalises 2025/02/30 to March 2: such a path is no date.
	if mo < 1 || mo > 12 || t.Day() != d || !plausibleDate(t) {
		return time.Time{}
	}
	return t
}

// plausibleDate rejects years no news article has: before the web, or
// more than a year ahead.
func plausibleDate(t time.Time) bool {
	return t.Year() >= 1990 && t.Before(time.Now().AddDate(1, 0, 0))
}
