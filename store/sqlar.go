package store

import (
	"bytes"
	"compress/zlib"
	"database/sql/driver"
	"fmt"
	"io"
	"sync"

	"modernc.org/sqlite"
)

// Article text is stored as SQLite's sqlar archive format stores a file:
// articles.text_z holds the UTF-8 text zlib-compressed (RFC 1950), or the
// text's own bytes when compressing would not make it smaller, and
// articles.text_size the length of the text in bytes; the two lengths are
// equal exactly when the text is stored as it is. The sqlite3 shell has
// the two functions of that format built in,
//
//	sqlar_compress(X)        -- X compressed when that is smaller, else X
//	sqlar_uncompress(Z, n)   -- Z inflated to n bytes, or Z when length(Z) = n
//
// so every view reads quotes with
//
//	substr(CAST(sqlar_uncompress(a.text_z, a.text_size) AS TEXT), start + 1, end - start)
//
// (CAST: substr then counts characters, as the code-point offsets do).
// init registers the same two functions on this program's connections; Go
// code reading many quotes inflates each article once (articleText).

func init() {
	sqlite.MustRegisterFunction("sqlar_compress", &sqlite.FunctionImpl{
		NArgs: 1, Deterministic: true,
		Scalar: func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			// As the shell's: only a blob is compressed.
			b, ok := args[0].([]byte)
			if !ok {
				return args[0], nil
			}
			return compressText(b), nil
		},
	})
	sqlite.MustRegisterFunction("sqlar_uncompress", &sqlite.FunctionImpl{
		NArgs: 2, Deterministic: true,
		// z is not kept (the cache keys on a copy), and the driver copies
		// a result into SQLite before the call returns.
		VolatileArgs: true,
		Scalar: func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			var z []byte
			switch v := args[0].(type) {
			case []byte:
				z = v
			case string:
				z = []byte(v)
			default:
				return args[0], nil
			}
			n, _ := args[1].(int64)
			if n <= 0 || int(n) == len(z) {
				return args[0], nil // as the shell's: the value as it is
			}
			return inflated.get(z, int(n))
		},
	})
}

var zlibWriters = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.DefaultCompression)
	return w
}}

// compressText returns text as articles.text_z stores it: zlib-compressed
// when that is shorter, else a copy of text.
func compressText(text []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(text)/2 + 64)
	w := zlibWriters.Get().(*zlib.Writer)
	w.Reset(&buf)
	_, err := w.Write(text)
	if err == nil {
		err = w.Close()
	}
	zlibWriters.Put(w)
	if err != nil || buf.Len() >= len(text) {
		return append([]byte(nil), text...)
	}
	return buf.Bytes()
}

// zlibReaders reuse the inflater's tables between articles.
var zlibReaders sync.Pool

// inflate returns the n bytes that z, zlib data, holds.
func inflate(z []byte, n int) ([]byte, error) {
	src := bytes.NewReader(z)
	var r io.ReadCloser
	if p, ok := zlibReaders.Get().(io.ReadCloser); ok {
		if err := p.(zlib.Resetter).Reset(src, nil); err != nil {
			return nil, fmt.Errorf("inflate article text: %w", err)
		}
		r = p
	} else {
		var err error
		if r, err = zlib.NewReader(src); err != nil {
			return nil, fmt.Errorf("inflate article text: %w", err)
		}
	}
	out := make([]byte, n)
	_, err := io.ReadFull(r, out)
	if err == nil {
		// The stream must end where the stored size says.
		var one [1]byte
		if k, e := r.Read(one[:]); k != 0 || (e != io.EOF && e != nil) {
			err = fmt.Errorf("more than %d bytes", n)
		}
	}
	zlibReaders.Put(r)
	if err != nil {
		return nil, fmt.Errorf("inflate article text: %w", err)
	}
	return out, nil
}

// articleText is the text stored as text_z and size (see above).
func articleText(z []byte, size int64) (string, error) {
	if size <= 0 || int(size) == len(z) {
		return string(z), nil
	}
	b, err := inflate(z, int(size))
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// substrChars is SQLite's substr(text, start + 1, end - start) for
// 0 <= start <= end: characters are counted as SQLite counts them (a byte,
// and after a byte of 0xC0 or more the continuation bytes that follow),
// so that a quote read here is the one the views show.
func substrChars(text string, start, end int64) string {
	i := skipChars(text, 0, start)
	return text[i:skipChars(text, i, end-start)]
}

func skipChars(s string, i int, n int64) int {
	for ; n > 0 && i < len(s); n-- {
		c := s[i]
		i++
		if c >= 0xc0 {
			for i < len(s) && s[i]&0xc0 == 0x80 {
				i++
			}
		}
	}
	return i
}

// inflated keeps the texts sqlar_uncompress inflated last: a view that
// gives several quotes of one article (the conflicts between two facts,
// an article's citations) inflates it once. Keys are the compressed bytes
// themselves, so a hit is exact.
var inflated = &inflateCache{m: map[string][]byte{}}

type inflateCache struct {
	mu   sync.Mutex
	m    map[string][]byte
	keys []string // oldest first
}

// inflateCacheSize bounds the cache: a few hundred kilobytes of text.
const inflateCacheSize = 64

func (c *inflateCache) get(z []byte, n int) ([]byte, error) {
	c.mu.Lock()
	text, ok := c.m[string(z)]
	c.mu.Unlock()
	if ok && len(text) == n {
		return text, nil
	}
	text, err := inflate(z, n)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[string(z)]; !ok {
		if len(c.keys) == inflateCacheSize {
			delete(c.m, c.keys[0])
			c.keys = c.keys[1:]
		}
		k := string(z)
		c.keys = append(c.keys, k)
		c.m[k] = text
	}
	return text, nil
}
