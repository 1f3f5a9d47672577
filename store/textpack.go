package store

import (
	"context"
	"encoding/binary"
	"fmt"
	"sort"
)

// An article's text waits in its batch (cachedTx.texts) and is written
// when the batch commits, with the batch's other texts, in an order that
// fills article_texts' pages. SQLite appends each new row of a table to
// its last page, or starts a new page when the row does not fit there,
// so rows written in the order they come (1.3 KB each, some 4 KB) leave
// a sixth of every page empty: over 1,000 generated articles, 272 of
// 1,577 KB. Written largest first into whatever room is left, the
// batch's texts leave a few bytes a page (TestTextPacking).

// pendingText is an article's text waiting for its batch to commit.
type pendingText struct {
	article int64
	size    int    // text_size: the text's length in bytes
	z       []byte // text_z
}

// pendingText returns the text of article id that the batch has saved
// and not yet written, if any.
func (c *cachedTx) pendingText(id int64) ([]byte, int64, bool) {
	for i := len(c.texts) - 1; i >= 0; i-- {
		if c.texts[i].article == id {
			return c.texts[i].z, int64(c.texts[i].size), true
		}
	}
	return nil, 0, false
}

// writeTexts writes the batch's waiting texts, in packOrder. An article
// deleted since it was saved (in the same batch) has none; one saved
// twice, the last.
func (c *cachedTx) writeTexts(ctx context.Context) error {
	if len(c.texts) == 0 {
		return nil
	}
	// An article saved twice in the batch has its last text.
	last := make(map[int64]int, len(c.texts))
	for i, t := range c.texts {
		last[t.article] = i
	}
	texts := make([]pendingText, 0, len(last))
	for i, t := range c.texts {
		if last[t.article] == i {
			texts = append(texts, t)
		}
	}
	c.texts = nil
	var (
		pageSize, next int64
		free           = -1
	)
	if err := queryRow(ctx, c, `SELECT (SELECT page_size FROM pragma_page_size), (SELECT coalesce(max(id), 0) + 1 FROM article_texts)`).
		Scan(&pageSize, &next); err != nil {
		return fmt.Errorf("store: write texts: %w", err)
	}
	if f, err := lastLeafFree(ctx, c, pageSize); err == nil {
		free = f
	}
	for _, i := range packOrder(texts, int(pageSize), free, next) {
		t := texts[i]
		if _, err := c.ExecContext(ctx, `INSERT INTO article_texts (article_id, text_size, text_z)
			SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?1)`, t.article, t.size, t.z); err != nil {
			return fmt.Errorf("store: write the text of article %d: %w", t.article, err)
		}
	}
	return nil
}

// lastLeafFree returns the free bytes of article_texts' last page, where
// SQLite appends the next row: read through sqlite_dbpage (the pages as
// this connection sees them, its own writes included) from the table's
// root down its right-most pointers, in SQLite's file format (a table
// B-tree page: type 13 leaf, 5 interior; header fields big-endian).
func lastLeafFree(ctx context.Context, q querier, pageSize int64) (int, error) {
	var pgno int64
	if err := queryRow(ctx, q, `SELECT rootpage FROM sqlite_schema WHERE name = 'article_texts'`).Scan(&pgno); err != nil {
		return 0, err
	}
	for depth := 0; depth < 32; depth++ {
		var data []byte
		if err := queryRow(ctx, q, `SELECT data FROM sqlite_dbpage WHERE pgno = ?`, pgno).Scan(&data); err != nil {
			return 0, err
		}
		if int64(len(data)) != pageSize || pageSize < 512 {
			return 0, fmt.Errorf("page %d: %d bytes", pgno, len(data))
		}
		h := 0
		if pgno == 1 {
			h = 100 // the file header
		}
		switch data[h] {
		case 5: // interior: the right-most child
			pgno = int64(binary.BigEndian.Uint32(data[h+8:]))
		case 13: // leaf
			cells := int(binary.BigEndian.Uint16(data[h+3:]))
			top := int(binary.BigEndian.Uint16(data[h+5:]))
			if top == 0 {
				top = 65536
			}
			free := int(data[h+7]) + top - (h + 8 + 2*cells)
			for fb := int(binary.BigEndian.Uint16(data[h+1:])); fb != 0; {
				if fb+4 > len(data) {
					return 0, fmt.Errorf("page %d: freeblock at %d", pgno, fb)
				}
				free += int(binary.BigEndian.Uint16(data[fb+2:]))
				fb = int(binary.BigEndian.Uint16(data[fb:]))
			}
			return free, nil
		default:
			return 0, fmt.Errorf("page %d: type %d", pgno, data[h])
		}
	}
	return 0, fmt.Errorf("article_texts deeper than 32 pages")
}

// packOrder is the order to write texts in. They are packed into pages
// best fit decreasing (largest first, each into the page it leaves the
// least room on, a new page when none has room): first the room left on
// the last page (free bytes; -1 when unknown, taken as none), then new
// pages, written one after another, the emptiest last, where the next
// batch's texts go first. SQLite appends each row to the last page when
// it fits (else starts a new one), so a page's texts land on one page,
// or partly on the page before when they fit there: never on more pages
// than packed. Rows get ids from next on, in the order written.
func packOrder(texts []pendingText, pageSize, free int, next int64) []int {
	// Sizes as they stand on a page: the cell and its 2-byte pointer.
	// A row's id only grows its cell by a byte at powers of 128: each
	// text is sized with the largest id of the batch, a byte too large
	// at worst.
	cells := make([]int, len(texts))
	for i, t := range texts {
		cells[i] = textCellSize(pageSize, next+int64(len(texts)), t) + 2
	}
	bySize := make([]int, len(texts))
	for i := range bySize {
		bySize[i] = i
	}
	sort.SliceStable(bySize, func(a, b int) bool { return cells[bySize[a]] > cells[bySize[b]] })
	type page struct {
		room  int
		texts []int
	}
	pages := []page{{room: max(free, 0)}} // the last page's room comes first
	for _, i := range bySize {
		best := -1
		for p := range pages {
			if cells[i] <= pages[p].room && (best < 0 || pages[p].room < pages[best].room) {
				best = p
			}
		}
		if best < 0 {
			pages = append(pages, page{room: pageSize - 8})
			best = len(pages) - 1
		}
		pages[best].room -= cells[i]
		pages[best].texts = append(pages[best].texts, i)
	}
	rest := pages[1:]
	sort.SliceStable(rest, func(a, b int) bool { return rest[a].room < rest[b].room })
	order := make([]int, 0, len(texts))
	for _, p := range pages {
		order = append(order, p.texts...)
	}
	return order
}

// textCellSize is the size of the cell of article_texts' row for t with
// the given id, on a table leaf page, as SQLite's file format lays it
// out: the payload's length and the rowid as varints, then the record
// (a header of serial types: NULL for the id, two integers, a blob; then
// the integers and the blob), of which a payload larger than a page
// allows keeps its first part on the page with the number of its
// overflow page.
func textCellSize(pageSize int, id int64, t pendingText) int {
	blobType := int64(2*len(t.z) + 12)
	header := 4 + varintLen(blobType)
	header += varintLen(int64(header+1)) - 1 // the header's own length
	payload := header + intLen(t.article) + intLen(int64(t.size)) + len(t.z)
	cell := varintLen(int64(payload)) + varintLen(id)
	usable := pageSize
	maxLocal := usable - 35
	if payload <= maxLocal {
		return cell + payload
	}
	minLocal := (usable-12)*32/255 - 23
	local := minLocal + (payload-minLocal)%(usable-4)
	if local > maxLocal {
		local = minLocal
	}
	return cell + local + 4
}

// varintLen is the length of SQLite's varint for v.
func varintLen(v int64) int {
	u := uint64(v)
	n := 1
	for u >= 0x80 && n < 9 {
		u >>= 7
		n++
	}
	return n
}

// intLen is the length of the record's body for the integer v (serial
// types 8 and 9 hold 0 and 1 in the header alone).
func intLen(v int64) int {
	switch {
	case v == 0 || v == 1:
		return 0
	case v >= -128 && v <= 127:
		return 1
	case v >= -32768 && v <= 32767:
		return 2
	case v >= -8388608 && v <= 8388607:
		return 3
	case v >= -2147483648 && v <= 2147483647:
		return 4
	case v >= -140737488355328 && v <= 140737488355327:
		return 6
	}
	return 8
}
