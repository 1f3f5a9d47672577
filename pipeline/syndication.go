package pipeline

import (
	"context"
	"sort"
	"sync"

	"github.com/cloudfacts/ingest/article"
	"github.com/cloudfacts/ingest/extract"
	"github.com/cloudfacts/ingest/simhash"
	"github.com/cloudfacts/ingest/store"
)

// syndication links syndicated copies (issue 10): every stored article
// gets a SimHash fingerprint in article_fingerprints, and duplicate_of is
// the original among the articles within simhash.Threshold bits of it:
// the first of them by store.Rank (publication day, then key), when that
// is not the article itself. An exact copy (the same text, by content
// hash, under another key) is stored without facts: its facts are the
// original's, the first by the same rank. Neither depends on the order the
// articles are stored in: an article ranked before its stored neighbours
// re-links them (and takes an exact copy's facts over from it), so two
// runs over one folder link the same copies whichever worker finished
// first. The fingerprints are held in an in-memory index, loaded once per
// Pipeline and caught up with the ones other processes added at the start
// of each batch (which holds the write lock: no other process adds any
// until it ends).
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

// neighbours returns the stored articles within simhash.Threshold bits
// of fp, self left out, with their ranks, and self's own rank when it is
// stored; how far each is from fp is in dist, by id. Most articles have no
// neighbour, and then nothing is read.
func (p *Pipeline) neighbours(ctx context.Context, b *store.Batch, fp uint64, self int64) (ns []store.Rank, own store.Rank, dist map[int64]int, err error) {
	var ids []int64
	p.synd.idx.Near(fp, simhash.Threshold, func(id int64, d int) bool {
		if id != self {
			if dist == nil {
				dist = map[int64]int{}
			}
			ids = append(ids, id)
			dist[id] = d
		}
		return true
	})
	if self != 0 {
		ids = append(ids, self)
	}
	ranks, err := b.Ranks(ctx, ids)
	if err != nil {
		return nil, own, nil, err
	}
	for _, r := range ranks {
		if r.ID == self {
			own = r
		} else {
			ns = append(ns, r)
		}
	}
	return ns, own, dist, nil
}

// originals returns the exact original of an article ranked self with
// content hash self.Hash (the first of its neighbours ns with the same
// text ranked before it), and its near original (the first ranked before
// it, exact or not); 0 for none.
func originals(ns []store.Rank, dist map[int64]int, self store.Rank) (exact, near int64) {
	var e, n *store.Rank
	for i := range ns {
		r := &ns[i]
		if !r.Before(self) {
			continue
		}
		if n == nil || r.Before(*n) {
			n = r
		}
		if dist[r.ID] == 0 && r.Hash == self.Hash && (e == nil || r.Before(*e)) {
			e = r
		}
	}
	if e != nil {
		exact = e.ID
	}
	if n != nil {
		near = n.ID
	}
	return exact, near
}

// save stores a, whose fingerprint is fp, with its facts, or without them
// when it is an exact copy of an article ranked before it, and records its
// fingerprint and link, in b. It returns the number of facts written. A
// failure to record the link is logged, not returned: the article is
// stored. Held: p.synd.mu, with the index caught up in b.
func (p *Pipeline) save(ctx context.Context, b *store.Batch, a *article.Article, fp uint64, facts []extract.Fact) (store.SaveResult, int, error) {
	own, err := b.ArticleID(ctx, a.Key())
	if err != nil {
		return store.SaveResult{}, 0, err
	}
	ns, _, dist, err := p.neighbours(ctx, b, fp, own)
	if err != nil {
		return store.SaveResult{}, 0, err
	}
	self := store.RankOf(a)
	orig, near := originals(ns, dist, self)
	if orig != 0 {
		facts = nil // stored once: the original's facts stand for both
	}
	res, err := b.SaveArticle(ctx, a, facts, extract.Version)
	if err != nil {
		return res, 0, err
	}
	self.ID = res.ArticleID
	// A stored article whose text, date or metadata changed may have
	// changed rank or fingerprint: every article whose link could follow
	// is linked again. An unchanged one changes no other's link.
	changed := own != 0 && res.Outcome != store.Unchanged
	if err := p.link(ctx, b, self, fp, orig, near, ns, changed); err != nil {
		// The article is stored; the next run of it links it again.
		p.logger().Warn("linking syndicated copies", "source", a.Source, "err", err)
	}
	return res, len(facts), nil
}

// link records article self's fingerprint fp and its link (orig, its exact
// original, else near), drops its facts when it is an exact copy stored
// with facts, and links again the articles whose link may change with it:
// the neighbours ns ranked after it (it may be their original now), and
// when changed, or when its fingerprint changed, its former copies and
// every neighbour. Held: p.synd.mu.
func (p *Pipeline) link(ctx context.Context, b *store.Batch, self store.Rank, fp uint64, orig, near int64, ns []store.Rank, changed bool) error {
	id := self.ID
	old, had := p.synd.idx.Get(id)
	if err := p.setLink(ctx, b, id, fp, orig, near); err != nil {
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
	var affected []int64
	if changed || had && old != fp {
		copies, err := b.CopiesOf(ctx, id)
		if err != nil {
			return err
		}
		affected = copies
	}
	for _, r := range ns {
		if changed || had && old != fp || self.Before(r) {
			affected = append(affected, r.ID)
		}
	}
	return p.relink(ctx, b, id, affected)
}

func (p *Pipeline) setLink(ctx context.Context, b *store.Batch, id int64, fp uint64, orig, near int64) error {
	dup := orig
	if dup == 0 {
		dup = near
	}
	if err := b.SetFingerprint(ctx, id, fp, dup); err != nil {
		return err
	}
	p.synd.idx.Add(id, fp)
	p.synd.last = max(p.synd.last, id)
	return nil
}

// relink links again the articles affected (but id, the article that
// affected them), each from its own neighbours, in id order: a former
// exact copy that is no longer one is given its own facts, extracted from
// its stored text, and an article that became one loses its facts to its
// original. Relinking one of them changes no other's link (links follow
// fingerprints and ranks, and neither changes here). Held: p.synd.mu.
func (p *Pipeline) relink(ctx context.Context, b *store.Batch, id int64, affected []int64) error {
	sort.Slice(affected, func(i, j int) bool { return affected[i] < affected[j] })
	for i, x := range affected {
		if x == id || i > 0 && x == affected[i-1] {
			continue
		}
		st, err := b.ArticleByID(ctx, x)
		if err != nil {
			return err
		}
		xfp := simhash.Fingerprint(st.Text)
		ns, self, dist, err := p.neighbours(ctx, b, xfp, x)
		if err != nil {
			return err
		}
		orig, near := originals(ns, dist, self)
		if err := p.setLink(ctx, b, x, xfp, orig, near); err != nil {
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
	ns, self, dist, err := p.neighbours(ctx, b, fp, id)
	if err != nil {
		return 0, err
	}
	orig, near := originals(ns, dist, self)
	if orig != 0 {
		facts = nil
	}
	if err := b.ReplaceFacts(ctx, id, facts, extract.Version); err != nil {
		return 0, err
	}
	if err := p.link(ctx, b, self, fp, orig, near, ns, false); err != nil {
		p.logger().Warn("linking syndicated copies", "source", a.Source, "err", err)
	}
	return len(facts), nil
}
