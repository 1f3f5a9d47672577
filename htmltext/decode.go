package htmltext

import (
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/gogs/chardet"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// sniffLen bounds how much of a document is inspected for charset
// declarations and binary content. Browsers look at 1024 bytes for <meta
// charset>; saved pages often carry long <head> preambles, so we look further.
const sniffLen = 8192

func head(raw []byte) []byte {
	if len(raw) > sniffLen {
		return raw[:sniffLen]
	}
	return raw
}

// Decode converts raw text of any kind (HTML, XML, plain text, Markdown) to
// UTF-8. Valid UTF-8 is trusted first; otherwise a byte order mark, the
// charset parameter of contentType, an HTML <meta> declaration and an XML
// prolog are consulted in that order. Undeclared legacy text is identified
// statistically, falling back to windows-1252.
func Decode(raw []byte, contentType string) (string, error) {
	return decode(raw, contentType, isMarkup(contentType, raw))
}

func decode(raw []byte, contentType string, markup bool) (string, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return "", ErrEmpty
	}
	s, err := decodeText(raw, contentType, markup)
	if err == nil && strings.TrimSpace(s) == "" {
		// A BOM alone, or UTF-16 white space.
		return "", ErrEmpty
	}
	return s, err
}

func decodeText(raw []byte, contentType string, markup bool) (string, error) {
	if enc, name := bomEncoding(raw); enc != nil {
		return decodeWith(raw, enc, name)
	}
	header := headerCharset(contentType)
	// UTF-16 without a BOM is full of NUL bytes; only an explicit label
	// tells it apart from binary data. Without NULs the label is a server
	// misconfiguration.
	if strings.HasPrefix(header, "utf-16") && bytes.IndexByte(head(raw), 0) >= 0 {
		if enc, name := lookup(header); enc != nil {
			return decodeWith(raw, enc, name)
		}
	}
	if looksBinary(raw) {
		return "", ErrBinary
	}
	if utf8.Valid(raw) {
		return string(raw), nil
	}

	// Declarations in the order a browser honours them. A declaration of
	// UTF-8 is demonstrably wrong at this point, and one of UTF-16 too (no
	// NUL bytes), so they are skipped.
	labels := []string{header}
	if markup {
		labels = append(labels, metaCharset(raw))
	}
	labels = append(labels, xmlCharset(raw))
	for _, label := range labels {
		enc, name := lookup(label)
		if enc == nil || name == "utf-8" || strings.HasPrefix(name, "utf-16") {
			continue
		}
		return decodeWith(raw, enc, name)
	}

	// Broken UTF-8 (a truncated sequence, a stray legacy byte) is far more
	// common than legacy text that happens to contain valid multi-byte
	// sequences.
	if mostlyUTF8(raw) {
		return decodeWith(raw, unicode.UTF8, "utf-8")
	}
	if enc, name := detect(raw, markup); enc != nil {
		return decodeWith(raw, enc, name)
	}
	return decodeWith(raw, charmap.Windows1252, "windows-1252")
}

// decodeWith rejects output dominated by U+FFFD: that means the label was
// wrong (or names the WHATWG "replacement" encoding), and the text would be
// worthless.
func decodeWith(raw []byte, enc encoding.Encoding, name string) (string, error) {
	out, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		return "", fmt.Errorf("%w: as %s: %w", ErrUndecodable, name, err)
	}
	s := string(out)
	// A decoded BOM is not text.
	s = strings.TrimPrefix(s, "\uFEFF")
	if n := utf8.RuneCountInString(s); n > 0 {
		bad := strings.Count(s, "\uFFFD")
		if bad*10 > n {
			return "", fmt.Errorf("%w: as %s: %d of %d characters invalid", ErrUndecodable, name, bad, n)
		}
	}
	if !utf8.ValidString(s) {
		return "", fmt.Errorf("%w: as %s: invalid output", ErrUndecodable, name)
	}
	return s, nil
}

var boms = []struct {
	bom  []byte
	enc  encoding.Encoding
	name string
}{
	{[]byte{0xEF, 0xBB, 0xBF}, unicode.UTF8BOM, "utf-8"},
	{[]byte{0xFE, 0xFF}, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "utf-16be"},
	{[]byte{0xFF, 0xFE}, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "utf-16le"},
}

func bomEncoding(raw []byte) (encoding.Encoding, string) {
	for _, b := range boms {
		if bytes.HasPrefix(raw, b.bom) {
			return b.enc, b.name
		}
	}
	return nil, ""
}

// lookup resolves a charset label with the WHATWG rules (so ISO-8859-1 means
// windows-1252, as in browsers), accepting a few spellings chardet uses.
func lookup(label string) (encoding.Encoding, string) {
	label = strings.ToLower(strings.TrimSpace(label))
	if label == "" {
		return nil, ""
	}
	if label == "gb-18030" {
		label = "gb18030"
	}
	return charset.Lookup(label)
}

func headerCharset(contentType string) string {
	if contentType == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		// Servers send malformed headers such as "text/html; charset=";
		// fall back to a plain scan for the parameter.
		const key = "charset="
		i := 0
		for ; i+len(key) <= len(contentType); i++ {
			if strings.EqualFold(contentType[i:i+len(key)], key) {
				break
			}
		}
		if i+len(key) > len(contentType) {
			return ""
		}
		v := contentType[i+len(key):]
		if j := strings.IndexAny(v, "; "); j >= 0 {
			v = v[:j]
		}
		return strings.ToLower(strings.Trim(v, `"'`))
	}
	return strings.ToLower(params["charset"])
}

// metaCharset finds <meta charset> or <meta http-equiv=content-type> near
// the start of a document.
func metaCharset(raw []byte) string {
	z := html.NewTokenizer(bytes.NewReader(head(raw)))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "meta":
			case "body":
				return ""
			default:
				continue
			}
			var cs, equiv, content string
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch string(k) {
				case "charset":
					cs = string(v)
				case "http-equiv":
					equiv = strings.ToLower(string(v))
				case "content":
					content = string(v)
				}
			}
			if cs != "" {
				return cs
			}
			if equiv == "content-type" {
				if cs := headerCharset(content); cs != "" {
					return cs
				}
			}
		}
	}
}

var xmlProlog = regexp.MustCompile(`^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']`)

func xmlCharset(raw []byte) string {
	if len(raw) > 512 {
		raw = raw[:512]
	}
	if m := xmlProlog.FindSubmatch(raw); m != nil {
		return string(m[1])
	}
	return ""
}

// mostlyUTF8 reports whether raw has more well-formed multi-byte UTF-8
// sequences than invalid bytes.
func mostlyUTF8(raw []byte) bool {
	var multi, invalid int
	for len(raw) > 0 {
		r, size := utf8.DecodeRune(raw)
		switch {
		case r == utf8.RuneError && size == 1:
			invalid++
		case size > 1:
			multi++
		}
		raw = raw[size:]
	}
	return multi > invalid
}

// minDetectConfidence is below what chardet reports for the single-byte
// Latin guesses it makes on short, mostly ASCII text, which windows-1252
// decodes as well or better.
const minDetectConfidence = 30

func detect(raw []byte, markup bool) (encoding.Encoding, string) {
	d := chardet.NewTextDetector()
	if markup {
		d = chardet.NewHtmlDetector()
	}
	res, err := d.DetectBest(raw)
	if err != nil || res == nil || res.Confidence < minDetectConfidence {
		return nil, ""
	}
	enc, name := lookup(res.Charset)
	if name == "utf-8" {
		return nil, ""
	}
	return enc, name
}

// looksBinary reports content that is not text in any encoding: a known
// binary signature (PNG, PDF, ZIP...), NUL bytes, or many control
// characters.
func looksBinary(raw []byte) bool {
	head := head(raw)
	ct := http.DetectContentType(head)
	if !strings.HasPrefix(ct, "text/") {
		return true
	}
	var ctrl int
	for _, b := range head {
		switch {
		case b == 0:
			return true
		case b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1B:
			// ESC is legitimate in ISO-2022-JP.
			ctrl++
		}
	}
	return ctrl*20 > len(head)
}

// isMarkup reports whether raw should be treated as HTML/XML when looking
// for charset declarations.
func isMarkup(contentType string, raw []byte) bool {
	mt, _, _ := mime.ParseMediaType(contentType)
	switch {
	case strings.Contains(mt, "html"), strings.Contains(mt, "xml"):
		return true
	case mt != "" && mt != "application/octet-stream":
		return false
	}
	t := bytes.TrimLeft(raw, " \t\r\n\uFEFF")
	return len(t) > 0 && t[0] == '<'
}
