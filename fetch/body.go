package fetch

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/andybalholm/brotli"
)

// readBody returns the decompressed body, failing with ErrTooLarge as soon
// as either the bytes on the wire or the bytes after decompression exceed
// max: a small gzip bomb must not become a large allocation.
func readBody(res *http.Response, max int64) ([]byte, error) {
	if res.ContentLength > max {
		return nil, fmt.Errorf("%w: Content-Length %d exceeds %d bytes", ErrTooLarge, res.ContentLength, max)
	}
	var r io.Reader = &limitReader{r: res.Body, left: max}
	encodings := strings.Split(res.Header.Get("Content-Encoding"), ",")
	// Encodings are listed in the order applied, so undo them backwards.
	for i := len(encodings) - 1; i >= 0; i-- {
		var err error
		r, err = decoder(strings.ToLower(strings.TrimSpace(encodings[i])), r)
		if err != nil {
			return nil, err
		}
	}
	body, err := io.ReadAll(&limitReader{r: r, left: max})
	if err != nil {
		if errors.Is(err, ErrTooLarge) {
			return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, max)
		}
		return nil, fmt.Errorf("reading body: %w", err)
	}
	return body, nil
}

func decoder(enc string, r io.Reader) (io.Reader, error) {
	switch enc {
	case "", "identity":
		return r, nil
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(r)
		if errors.Is(err, io.EOF) {
			return strings.NewReader(""), nil
		}
		if err != nil {
			return nil, fmt.Errorf("gzip: %w", err)
		}
		return zr, nil
	case "br":
		return brotli.NewReader(r), nil
	case "deflate":
		// "deflate" should be zlib-wrapped, but servers also send raw
		// deflate; the zlib header tells them apart.
		br := bufio.NewReader(r)
		hdr, _ := br.Peek(2)
		if len(hdr) == 2 && hdr[0]&0x0f == 8 && (uint16(hdr[0])<<8|uint16(hdr[1]))%31 == 0 {
			zr, err := zlib.NewReader(br)
			if err != nil {
				return nil, fmt.Errorf("deflate: %w", err)
			}
			return zr, nil
		}
		return flate.NewReader(br), nil
	}
	return nil, fmt.Errorf("%w: %q", ErrUnsupportedEncoding, enc)
}

// limitReader fails with ErrTooLarge instead of stopping silently: a
// truncated feed or page would parse into something wrong.
type limitReader struct {
	r    io.Reader
	left int64
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.left < 0 {
		return 0, ErrTooLarge
	}
	if int64(len(p)) > l.left+1 {
		p = p[:l.left+1]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	if l.left < 0 {
		return n, ErrTooLarge
	}
	return n, err
}
