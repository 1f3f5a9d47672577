// Package article holds the document that flows through the pipeline: the
// text of one news article and what is known about where it came from.
// Fetchers and text extractors fill it in; extractors and the store read it.
package article

import "time"

// Article is one news article after text extraction.
type Article struct {
	// Source is where the article was read from: a file path or the URL that
	// was fetched.
	Source string
	// URL is the article's canonical URL when one is known (front matter,
	// <link rel=canonical>, og:url, the feed item link), else "".
	URL string
	// Title, Site (publisher) and Language are "" when unknown.
	Title    string
	Site     string
	Language string
	// Published is the publication date the article states (metadata, the
	// feed, a dateline or a date line in its text, a date in its URL); the
	// zero time when unknown. Never a file's modification time.
	Published time.Time
	// FileModified is the modification time of the file an article was
	// read from; zero for fetched pages.
	FileModified time.Time
	// Text is the main text, UTF-8, as stored and cited: fact offsets index
	// into it.
	Text string

	// Feed item metadata, set only for articles reached through a feed.
	FeedURL   string
	FeedGUID  string
	FeedTitle string
}

// Key identifies an article across runs: its canonical URL when known, else
// its source path or URL. Two runs over the same input produce the same key.
func (a *Article) Key() string {
	if a.URL != "" {
		return a.URL
	}
	return a.Source
}
