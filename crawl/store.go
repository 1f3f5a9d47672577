package crawl

import (
	"context"
	"errors"
	"time"

	"github.com/cloudfacts/ingest/feed"
)

// ErrLeaseLost is returned by Store methods that need the caller's lease
// when another owner holds it (after the caller's expired) or the row is
// gone. The crawl treats it as "someone else took over", not as a failure
// of the store.
var ErrLeaseLost = errors.New("crawl: lease lost")

// Lease identifies a claim: Owner is unique per crawl run; the claim is
// valid until Until. Now is the claimant's clock reading, passed in so that
// stores and tests need no clock of their own.
type Lease struct {
	Owner string
	Now   time.Time
	Until time.Time
	// IgnoreDue makes ClaimFeed grant a feed that is not due yet (a run
	// told to ignore the schedule); leases are still respected.
	IgnoreDue bool
}

// Feed is a subscribed feed and what the crawl remembers about it between
// runs. Stores persist every field; times need survive only to the second.
type Feed struct {
	URL          string
	Title        string // the user's title, or the feed's own once known
	ETag         string // validators for the next conditional GET
	LastModified string
	BodyHash     string // SHA-256 of the last body parsed, for servers without validators
	LastStatus   int    // HTTP status of the last check; 0 if none was received
	LastError    string // why the last check failed; "" after a success
	ErrorCount   int    // consecutive failed checks; reset by success or by the user
	LastCheck    time.Time
	LastSuccess  time.Time
	NextCheck    time.Time // not checked before; zero means due now
}

// Item is a feed item whose page the crawl fetches, keyed by URL, its
// canonical link (package urlnorm). Entry keeps the feed's title, GUID and
// date so a later run can retry the page without the feed, which by then
// may answer 304 or have dropped the item.
type Item struct {
	URL     string
	FeedURL string
	Entry   feed.Item
}

// ItemFailure records a failed attempt at an item's page.
type ItemFailure struct {
	URL      string
	Reason   string
	Attempts int // failed attempts so far, this one included
	// NextRetry is the earliest time the item may be claimed again. The
	// zero time means never: the crawl gave up on it.
	NextRetry time.Time
}

// Store is the crawl's persistent state. Every method must be safe for
// concurrent use by several goroutines and by several processes sharing
// the store (two cron runs); claims must be atomic, so that of two
// concurrent claimants at most one is granted. crawltest.StoreContract
// checks an implementation against this contract.
type Store interface {
	// DueFeeds returns the feeds whose NextCheck is at or before now,
	// including those disabled by failures and those leased by another
	// run; ClaimFeed is the authority on who crawls what.
	DueFeeds(ctx context.Context, now time.Time) ([]Feed, error)

	// ClaimFeed leases a feed to l.Owner until l.Until, and returns its
	// current state. It grants the lease (true) only if the feed exists,
	// is still due at l.Now (unless l.IgnoreDue) and no other owner holds
	// an unexpired lease; the same owner may claim again.
	ClaimFeed(ctx context.Context, feedURL string, l Lease) (Feed, bool, error)

	// SaveFeed stores f (keyed by f.URL) and releases the lease. It
	// returns ErrLeaseLost, changing nothing, unless owner holds the lease,
	// expired or not. Saving the Feed ClaimFeed returned, unchanged, is how
	// a run gives a feed back without recording anything.
	SaveFeed(ctx context.Context, f Feed, owner string) error

	// HasArticle reports whether an article is stored under url, however
	// it got there (a crawl, `ingest run`, another feed).
	HasArticle(ctx context.Context, url string) (bool, error)

	// ClaimItem leases it.URL to l.Owner until l.Until, remembering it on
	// first sight. It is granted, with the number of failed attempts so
	// far, unless the item is complete, was given up, waits for
	// NextRetry > l.Now, or is leased by another owner until after l.Now.
	// The same owner may claim again. On later claims the stored Entry and
	// FeedURL are kept.
	ClaimItem(ctx context.Context, it Item, l Lease) (attempts int, ok bool, err error)

	// CompleteItem marks the item done for good and releases its lease.
	// It succeeds whoever holds the lease: the page was processed, which
	// stays true.
	CompleteItem(ctx context.Context, url, owner string) error

	// FailItem records f, releases the lease and sets when the item may be
	// claimed again (never, for a zero NextRetry). ErrLeaseLost unless
	// owner holds the lease.
	FailItem(ctx context.Context, f ItemFailure, owner string) error

	// ReleaseItem gives a claimed item back untouched, attempts unchanged,
	// as when a run is stopped mid-page. ErrLeaseLost unless owner holds
	// the lease.
	ReleaseItem(ctx context.Context, url, owner string) error

	// DueItems returns up to limit (all if limit <= 0) items that are not
	// complete, not given up, not leased past now, and whose NextRetry is
	// at or before now, oldest NextRetry first. These are the pages a run
	// retries, or takes over from a run that died.
	DueItems(ctx context.Context, now time.Time, limit int) ([]Item, error)
}

// Page is a fetched item page handed to the Processor.
type Page struct {
	URL         string // canonical item URL, the key the crawl deduplicates on
	FinalURL    string // after redirects
	Body        []byte // raw bytes; charset decoding is the processor's job
	ContentType string
	Item        feed.Item // Item.Link is the link as the feed gave it
	FeedURL     string
}

// Processor turns a page into a stored article: text, facts, and the
// feed item's title, GUID and date. It decides the article's key (it may
// prefer the page's <link rel=canonical> to Page.URL) and must store it
// atomically: when ctx is cancelled, either the article is stored or
// nothing is. Wrap an error with ErrPermanent when retrying cannot help
// (the page is not an article); other errors are retried with backoff.
type Processor interface {
	Process(ctx context.Context, page Page) error
}

// ErrPermanent marks a processing failure not worth retrying.
var ErrPermanent = errors.New("permanent failure")
