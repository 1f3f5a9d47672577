package feed

import (
	"bytes"
	"fmt"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

var (
	prologEncoding = regexp.MustCompile(`^(\s*<\?xml[^>]*?\sencoding\s*=\s*)(?:"[^"]*"|'[^']*')`)
	utf8BOM        = []byte{0xEF, 0xBB, 0xBF}
)

// toUTF8 returns data as UTF-8 with any XML declaration saying so, so the
// XML decoder does not convert it a second time. The charset is taken, in
// order, from a byte order mark; from the bytes themselves when they are
// valid UTF-8 (servers and prologs often claim Latin-1 for UTF-8 content,
// rarely the reverse); from the Content-Type header; from the XML
// declaration or an HTML <meta>; and finally windows-1252, the usual
// encoding of undeclared legacy feeds.
func toUTF8(data []byte, contentType string) ([]byte, error) {
	var enc encoding.Encoding
	switch {
	case bytes.HasPrefix(data, utf8BOM):
		data = data[len(utf8BOM):]
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		enc = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		enc = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
	}
	if enc == nil && !utf8.Valid(data) {
		enc = declaredEncoding(data, contentType)
	}
	if enc != nil {
		out, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			return nil, fmt.Errorf("decoding charset: %w", err)
		}
		data = bytes.TrimPrefix(out, utf8BOM)
	}
	return prologEncoding.ReplaceAll(data, []byte(`${1}"UTF-8"`)), nil
}

// declaredEncoding is only asked about data that is not valid UTF-8, so a
// label claiming UTF-8 is wrong and skipped.
func declaredEncoding(data []byte, contentType string) encoding.Encoding {
	if _, params, err := mime.ParseMediaType(contentType); err == nil {
		if enc, name := charset.Lookup(params["charset"]); enc != nil && name != "utf-8" {
			return enc
		}
	}
	if m := prologEncoding.FindSubmatch(data); m != nil {
		label := strings.Trim(string(m[0][len(m[1]):]), `"'`)
		if enc, name := charset.Lookup(label); enc != nil && name != "utf-8" {
			return enc
		}
	}
	head := data[:min(len(data), 1024)]
	if enc, name, certain := charset.DetermineEncoding(head, "text/html"); certain && name != "utf-8" {
		return enc
	}
	return charmap.Windows1252
}
