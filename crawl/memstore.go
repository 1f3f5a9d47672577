package crawl

import (
	"context"
	"sort"
	"sync"
	"time"
)

// MemStore is a Store in memory, with the same lease semantics a database
// store must have. It serves tests and runs that need no persistence.
type MemStore struct {
	mu       sync.Mutex
	feeds    map[string]*memFeed
	items    map[string]*memItem
	articles map[string]bool
}

type memFeed struct {
	Feed
	lease memLease
}

type memItem struct {
	Item
	attempts  int
	reason    string
	nextRetry time.Time
	done      bool
	gaveUp    bool
	lease     memLease
}

type memLease struct {
	owner string
	until time.Time
}

// heldByOther reports whether someone other than owner holds the lease
// at now.
func (l memLease) heldByOther(owner string, now time.Time) bool {
	return l.owner != "" && l.owner != owner && l.until.After(now)
}

// NewMemStore returns an empty MemStore.
func NewMemStore() *MemStore {
	return &MemStore{
		feeds:    make(map[string]*memFeed),
		items:    make(map[string]*memItem),
		articles: make(map[string]bool),
	}
}

// AddFeed subscribes to url; adding it again changes nothing.
func (m *MemStore) AddFeed(_ context.Context, url string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.feeds[url] == nil {
		m.feeds[url] = &memFeed{Feed: Feed{URL: url}}
	}
	return nil
}

// AddArticle records that an article is stored under url, as a Processor
// would.
func (m *MemStore) AddArticle(_ context.Context, url string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.articles[url] = true
	return nil
}

// Feed returns the stored state of a feed.
func (m *MemStore) Feed(url string) (Feed, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	f, ok := m.feeds[url]
	if !ok {
		return Feed{}, false
	}
	return f.Feed, true
}

func (m *MemStore) DueFeeds(_ context.Context, now time.Time) ([]Feed, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []Feed
	for _, f := range m.feeds {
		if !f.NextCheck.After(now) {
			out = append(out, f.Feed)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].NextCheck.Equal(out[j].NextCheck) {
			return out[i].NextCheck.Before(out[j].NextCheck)
		}
		return out[i].URL < out[j].URL
	})
	return out, nil
}

func (m *MemStore) ClaimFeed(_ context.Context, feedURL string, l Lease) (Feed, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	f, ok := m.feeds[feedURL]
	if !ok || (f.NextCheck.After(l.Now) && !l.IgnoreDue) || f.lease.heldByOther(l.Owner, l.Now) {
		return Feed{}, false, nil
	}
	f.lease = memLease{owner: l.Owner, until: l.Until}
	return f.Feed, true, nil
}

func (m *MemStore) SaveFeed(_ context.Context, f Feed, owner string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	cur, ok := m.feeds[f.URL]
	if !ok || cur.lease.owner != owner || owner == "" {
		return ErrLeaseLost
	}
	cur.Feed = f
	cur.lease = memLease{}
	return nil
}

func (m *MemStore) HasArticle(_ context.Context, url string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.articles[url], nil
}

func (m *MemStore) ClaimItem(_ context.Context, it Item, l Lease) (int, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	cur, ok := m.items[it.URL]
	if !ok {
		cur = &memItem{Item: it}
		m.items[it.URL] = cur
	}
	if cur.done || cur.gaveUp || cur.nextRetry.After(l.Now) || cur.lease.heldByOther(l.Owner, l.Now) {
		return 0, false, nil
	}
	cur.lease = memLease{owner: l.Owner, until: l.Until}
	return cur.attempts, true, nil
}

func (m *MemStore) CompleteItem(_ context.Context, url, _ string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	cur, ok := m.items[url]
	if !ok {
		cur = &memItem{Item: Item{URL: url}}
		m.items[url] = cur
	}
	cur.done = true
	cur.lease = memLease{}
	return nil
}

func (m *MemStore) FailItem(_ context.Context, f ItemFailure, owner string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	cur, ok := m.items[f.URL]
	if !ok || cur.lease.owner != owner || owner == "" {
		return ErrLeaseLost
	}
	cur.attempts = f.Attempts
	cur.reason = f.Reason
	cur.nextRetry = f.NextRetry
	cur.gaveUp = f.NextRetry.IsZero()
	cur.lease = memLease{}
	return nil
}

func (m *MemStore) ReleaseItem(_ context.Context, url, owner string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	cur, ok := m.items[url]
	if !ok || cur.lease.owner != owner || owner == "" {
		return ErrLeaseLost
	}
	cur.lease = memLease{}
	return nil
}

func (m *MemStore) DueItems(_ context.Context, now time.Time, limit int) ([]Item, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var due []*memItem
	for _, it := range m.items {
		if it.done || it.gaveUp || it.nextRetry.After(now) || (it.lease.owner != "" && it.lease.until.After(now)) {
			continue
		}
		due = append(due, it)
	}
	sort.Slice(due, func(i, j int) bool {
		if !due[i].nextRetry.Equal(due[j].nextRetry) {
			return due[i].nextRetry.Before(due[j].nextRetry)
		}
		return due[i].URL < due[j].URL
	})
	if limit > 0 && len(due) > limit {
		due = due[:limit]
	}
	out := make([]Item, len(due))
	for i, it := range due {
		out[i] = it.Item
	}
	return out, nil
}
