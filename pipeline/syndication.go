package pipeline

import (
	"context"
	"math"
	"sort"
	"sync"

	"github.com/cloudfacts/ingest/article"
	"github.com/cloudfacts/ingest/extract"
	"github.com/cloudfacts/ingest/simhash"
	"github.com/cloudfacts/ingest/store"
)

// syndication links syndicated copies (issue 10): every stored article
// gets a SimHash fingerprint in article_fingerprints, and duplicate_of is
// the earliest stored article (by id) within simhash.Threshold bits of it.
// An exact copy (the same text, by content hash, under another key) is
// stored without facts: its facts are the original's. The fingerprints
// are held in an in-memory index, loaded once per Pipeline and caught up
// with the ones other processes added at the start of each batch (which
// holds the write lock: no other process adds any until it ends).
type syndication struct {
	mu   sync.Mutex // held for the life of a batch
	idx  *simhash.Index
	last int64 // the highest article id read from the store
}

// catchUp loads the fingerprints stored since the last call, read in b,
// which holds the write lock: none can be added but by b until it ends.
// Held: s.mu.
func (p *Pipeline) catchUp(ctx context.Context, b *store.Batch) error {
	s := &p.synd
	if s.idx == nil {
		s.idx = simhash.NewIndex()
	}
	return b.Fingerprints(ctx, s.last, func(id int64, fp uint64) {
		s.idx.Add(id, fp)
		s.last = max(s.last, id)
	})
}

// forget drops the fingerprint index, which may hold fingerprints of a
// batch that was not committed: the next batch loads it again. Held: s.mu.
func (p *Pipeline) forget() {
	p.synd.idx, p.synd.last = nil, 0
}

// exactOriginal returns the earliest article below before with the text
// whose fingerprint is fp and content hash hash, 0 when none.
func (p *Pipeline) exactOriginal(ctx context.Context, b *store.Batch, fp uint64, hash string, before int64) (int64, error) {
	var ids []int64
	p.synd.idx.Near(fp, 0, func(id int64, _ int) bool {
		if id < before {
			ids = append(ids, id)
		}
		return true
	})
	return b.EarliestWithHash(ctx, ids, hash)
}

// save stores a, whose fingerprint is fp, with its facts, or without them
// when it is an exact copy of an earlier article, and records its
// fingerprint and link, in b. It returns the number of facts written. A
// failure to record the link is logged, not returned: the article is
// stored. Held: p.synd.mu, with the index caught up in b.
func (p *Pipeline) save(ctx context.Context, b *store.Batch, a *article.Article, fp uint64, facts []extract.Fact) (store.SaveResult, int, error) {
	own, err := b.ArticleID(ctx, a.Key())
	if err != nil {
		return store.SaveResult{}, 0, err
	}
	before := int64(math.MaxInt64)
	if own != 0 {
		before = own
	}
	orig, err := p.exactOriginal(ctx, b, fp, store.ContentHash(a.Text), before)
	if err != nil {
		return store.SaveResult{}, 0, err
	}
	if orig != 0 {
		facts = nil // stored once: the original's facts stand for both
	}
	res, err := b.SaveArticle(ctx, a, facts, extract.Version)
	if err != nil {
		return res, 0, err
	}
	if err := p.link(ctx, b, res.ArticleID, fp, orig); err != nil {
		// The article is stored; the next run of it links it again.
		p.logger().Warn("linking syndicated copies", "source", a.Source, "err", err)
	}
	return res, len(facts), nil
}

// link records article id's fingerprint fp and its link (orig, its exact
// original, or the earliest near one), drops its facts when it is an exact
// copy stored with facts, and re-links the articles whose link may change
// with it when its fingerprint changed. Held: p.synd.mu.
func (p *Pipeline) link(ctx context.Context, b *store.Batch, id int64, fp uint64, orig int64) error {
	idx := p.synd.idx
	old, had := idx.Get(id)
	if err := p.setLink(ctx, b, id, fp, orig); err != nil {
		return err
	}
	if orig != 0 {
		st, err := b.ArticleByID(ctx, id)
		if err != nil {
			return err
		}
		if st.Facts > 0 { // stored before this rule, or an original whose text became an earlier one's
			if err := b.ReplaceFacts(ctx, id, nil, extract.Version); err != nil {
				return err
			}
		}
	}
	if had && old != fp {
		return p.relinkAround(ctx, b, id, fp)
	}
	return nil
}

func (p *Pipeline) setLink(ctx context.Context, b *store.Batch, id int64, fp uint64, orig int64) error {
	dup := orig
	if dup == 0 {
		dup, _ = p.synd.idx.Earliest(fp, simhash.Threshold, id)
	}
	if err := b.SetFingerprint(ctx, id, fp, dup); err != nil {
		return err
	}
	p.synd.idx.Add(id, fp)
	p.synd.last = max(p.synd.last, id)
	return nil
}

// relinkAround re-links, after article id's text changed, its former copies
// and the later articles near its new fingerprint. A former exact copy that
// is no longer one is given its own facts, extracted from its stored text.
// Held: p.synd.mu.
func (p *Pipeline) relinkAround(ctx context.Context, b *store.Batch, id int64, fp uint64) error {
	affected, err := b.CopiesOf(ctx, id)
	if err != nil {
		return err
	}
	p.synd.idx.Near(fp, simhash.Threshold, func(other int64, _ int) bool {
		if other > id {
			affected = append(affected, other)
		}
		return true
	})
	sort.Slice(affected, func(i, j int) bool { return affected[i] < affected[j] })
	for i, x := range affected {
		if i > 0 && x == affected[i-1] {
			continue
		}
		st, err := b.ArticleByID(ctx, x)
		if err != nil {
			return err
		}
		xfp := simhash.Fingerprint(st.Text)
		orig, err := p.exactOriginal(ctx, b, xfp, st.ContentHash, x)
		if err != nil {
			return err
		}
		if err := p.setLink(ctx, b, x, xfp, orig); err != nil {
			return err
		}
		var facts []extract.Fact
		switch {
		case orig != 0 && st.Facts > 0:
			// became an exact copy: facts stay with the original
		case orig == 0 && st.Facts == 0:
			// was an exact copy (or has no facts): read its own
			r, err := p.Extract(ctx, &st.Article)
			if err != nil {
				return err
			}
			if len(r.Facts) == 0 {
				continue
			}
			facts = r.Facts
		default:
			continue
		}
		if err := b.ReplaceFacts(ctx, x, facts, extract.Version); err != nil {
			return err
		}
	}
	return nil
}

// reextractFacts is Reextract's save, in b: the facts of an exact copy
// are not stored, and the article's fingerprint and link are recorded (for
// an article stored before fingerprints, the first time). Held:
// p.synd.mu, with the index caught up in b.
func (p *Pipeline) reextractFacts(ctx context.Context, b *store.Batch, id int64, a *article.Article, facts []extract.Fact) (int, error) {
	fp := simhash.Fingerprint(a.Text)
	orig, err := p.exactOriginal(ctx, b, fp, store.ContentHash(a.Text), id)
	if err != nil {
		return 0, err
	}
	if orig != 0 {
		facts = nil
	}
	if err := b.ReplaceFacts(ctx, id, facts, extract.Version); err != nil {
		return 0, err
	}
	if err := p.link(ctx, b, id, fp, orig); err != nil {
		p.logger().Warn("linking syndicated copies", "source", a.Source, "err", err)
	}
	return len(facts), nil
}
