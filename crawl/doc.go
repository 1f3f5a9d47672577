// Package crawl runs one scheduled crawl: it checks the feeds that are due,
// fetches the pages of items it has not seen, hands them to a Processor
// and records every outcome in a Store, so that runs started by cron every
// 15 to 60 minutes, sometimes overlapping, fetch only what is new and never
// process an article twice.
//
// # One run
//
// Run lists the due feeds and crawls up to Options.Global of them at a
// time; a feed's items are handled one after another. Then it retries the
// pages whose backoff has expired (Store.DueItems), which also picks up
// pages a crashed run left behind. Data flows one way: fetch.Client →
// feed.Parse → urlnorm.Canonical → fetch.Client → Processor.
//
// # Leases
//
// Overlapping runs coordinate only through the Store, never through a PID
// file: a run claims a feed (ClaimFeed) and each item (ClaimItem) with a
// lease that names the run and expires, so a run that dies holds nothing
// for long. A claim is granted to one run only, and a feed is granted only
// while still due, so a feed one run just finished is not checked again by
// the other. Items are keyed by canonical URL (tracking parameters,
// fragment, default port and parameter order removed), so the same article
// reached through two feeds, or by two runs, is fetched once; an article
// already stored under that URL (Store.HasArticle) is not fetched at all.
//
// Nothing is lost when a run stops: a feed's new ETag, Last-Modified and
// body hash are saved only after each of its items has an outcome (done,
// failed, or claimed by someone else). A run stopped by MaxDuration gives
// its in-flight items back (ReleaseItem) and the feed back unchanged, so
// the next run reads the feed in full again and finds what is left.
//
// # Failures and backoff
//
// A failed feed check is saved on the feed (LastError, LastStatus,
// ErrorCount) and its next check is pushed back by MinInterval doubled per
// consecutive failure; after FailureThreshold consecutive failures the feed
// is skipped until the user resets it. A 429 or 503 with Retry-After is
// not a failure of the feed: the next check waits for the time asked and
// the count is left alone.
//
// A failed page is retried after RetryBase, doubling per attempt up to a
// day, and given up after MaxAttempts. Failures that another attempt will
// not fix are given up at once: 4xx other than 408/425/429, robots.txt
// disallow, blocked address, too large, redirect loop, and Processor
// errors wrapping ErrPermanent. A page answered with Retry-After pauses
// its host for the rest of the run; the host's other pages are deferred
// without counting an attempt.
//
// # Politeness and safety
//
// Package fetch does the HTTP: an honest User-Agent with a contact URL,
// connect and total timeouts, a size limit counted after decompression,
// conditional GET, at most PerHost requests in flight per host and Global
// overall, robots.txt for article pages (not for feeds, which are meant to
// be polled), and refusal of link-local, metadata and (without
// AllowPrivate) private addresses, checked on the resolved IP at dial
// time.
//
// # Logging
//
// A run is quiet when all is well. Debug explains each decision (skipped,
// unchanged, deferred); Info reports failed pages, which are routine on the
// web; Warn reports failed or disabled feeds, which the user may need to
// act on; Error reports store failures, which also make Run return an
// error. Sites that fail never make Run fail.
package crawl
