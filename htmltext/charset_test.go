package htmltext

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// legacy lists each encoding with a title and a sentence it can represent.
var legacy = []struct {
	label  string
	enc    encoding.Encoding
	title  string
	phrase string
}{
	{"windows-1252", charmap.Windows1252, "Café news", "Prices at the Zürich café rose by 5 € — “naïve” façade, said Ångström."},
	{"iso-8859-1", charmap.ISO8859_1, "Société générale", "La société a ouvert à Besançon un centre de données, a déclaré le père Noël."},
	{"gbk", simplifiedchinese.GBK, "阿里云新闻", "阿里云宣布在马来西亚吉隆坡开设第三个数据中心，进一步扩大其在东南亚的基础设施。"},
	{"gb18030", simplifiedchinese.GB18030, "腾讯云新闻", "腾讯云表示将在沙特阿拉伯建设首个云计算区域，并计划投资一亿五千万美元。"},
	{"shift_jis", japanese.ShiftJIS, "クラウドのニュース", "アマゾンウェブサービスは大阪に新しいリージョンを開設したと発表しました。"},
	{"euc-jp", japanese.EUCJP, "日本のニュース", "マイクロソフトは東京と大阪のデータセンターを拡張すると発表しました。"},
	{"euc-kr", korean.EUCKR, "클라우드 소식", "마이크로소프트는 서울에 새로운 데이터 센터를 열었다고 발표했습니다."},
	{"big5", traditionalchinese.Big5, "雲端新聞", "谷歌宣布在台灣彰化縣擴建資料中心，並增加投資金額。"},
	{"windows-1251", charmap.Windows1251, "Новости облаков", "Компания объявила об открытии нового центра обработки данных в Москве."},
}

// page builds a small article page around phrase. decl is inserted into
// <head>; the body repeats the phrase so that undeclared pages give the
// charset detector enough to work with.
func page(decl, title, phrase string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html><head>%s<title>%s</title></head><body><article><h1>%s</h1>\n", decl, title, title)
	for i := range 6 {
		fmt.Fprintf(&b, "<p>%d. %s %s</p>\n", i+1, phrase, phrase)
	}
	b.WriteString("</article></body></html>\n")
	return b.String()
}

func encode(t *testing.T, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encoding test page: %v", err)
	}
	return b
}

func TestExtractCharsets(t *testing.T) {
	decls := []struct {
		name        string
		contentType func(label string) string
		meta        func(label string) string
	}{
		{"header", func(l string) string { return "text/html; charset=" + l }, func(string) string { return "" }},
		{"meta charset", func(string) string { return "text/html" }, func(l string) string { return `<meta charset="` + l + `">` }},
		{"http-equiv", func(string) string { return "" }, func(l string) string {
			return `<meta http-equiv="Content-Type" content="text/html; charset=` + l + `">`
		}},
		{"header beats meta", func(l string) string { return "text/html; charset=" + l }, func(string) string { return `<meta charset="koi8-r">` }},
		{"undeclared", func(string) string { return "" }, func(string) string { return "" }},
	}
	for _, lc := range legacy {
		for _, d := range decls {
			t.Run(lc.label+"/"+d.name, func(t *testing.T) {
				raw := encode(t, lc.enc, page(d.meta(lc.label), lc.title, lc.phrase))
				p, err := Extract(context.Background(), raw, d.contentType(lc.label), "")
				if err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(p.Text, lc.phrase) {
					t.Errorf("text does not contain %q:\n%s", lc.phrase, p.Text)
				}
				if p.Title != lc.title {
					t.Errorf("Title = %q, want %q", p.Title, lc.title)
				}
			})
		}
	}
}

func TestDecode(t *testing.T) {
	const cafe = "Le café de la gare à Zürich a ouvert ses portes, et la façade est rénovée."
	utf16le := encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), cafe)
	utf16be := encode(t, unicode.UTF16(unicode.BigEndian, unicode.UseBOM), cafe)
	utf16leNoBOM := encode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), cafe)
	latin := func(s string) string { return string(encode(t, charmap.Windows1252, s)) }
	sjis := string(encode(t, japanese.ShiftJIS, strings.Repeat(legacy[4].phrase, 3)))

	tests := []struct {
		name        string
		raw         string
		contentType string
		want        string
	}{
		{"utf-8", cafe, "", cafe},
		{"utf-8 bom", "\ufeff" + cafe, "text/plain", cafe},
		{"utf-8 beats wrong label", cafe, "text/plain; charset=iso-8859-1", cafe},
		{"utf-16le bom", string(utf16le), "", cafe},
		{"utf-16be bom", string(utf16be), "text/plain", cafe},
		{"utf-16le label", string(utf16leNoBOM), "text/plain; charset=UTF-16LE", cafe},
		{"utf-16 label on utf-8", cafe, "text/html; charset=utf-16", cafe},
		{"header label", latin(cafe), "text/plain; charset=ISO-8859-1", cafe},
		{"quoted header label", latin(cafe), `text/plain; charset="windows-1252"`, cafe},
		{"malformed header", latin(cafe), "text/plain; charset=windows-1252; charset", cafe},
		{"wrong utf-8 label", latin(cafe), "text/plain; charset=utf-8", cafe},
		{"undeclared latin", latin(cafe), "", cafe},
		{"undeclared markdown", latin("# " + cafe), "text/markdown", "# " + cafe},
		{"undeclared shift_jis", sjis, "", strings.Repeat(legacy[4].phrase, 3)},
		{"unknown label", latin(cafe), "text/plain; charset=x-no-such-thing", cafe},
		{
			"xml prolog",
			latin(`<?xml version="1.0" encoding="ISO-8859-1"?><rss><title>` + cafe + `</title></rss>`),
			"application/rss+xml",
			`<?xml version="1.0" encoding="ISO-8859-1"?><rss><title>` + cafe + `</title></rss>`,
		},
		{
			"meta in html",
			latin(`<html><head><meta charset="windows-1252"></head><body>` + cafe + `</body></html>`),
			"",
			`<html><head><meta charset="windows-1252"></head><body>` + cafe + `</body></html>`,
		},
		{
			"meta ignored in plain text",
			string(encode(t, charmap.Windows1251, `<meta charset="windows-1251"> Компания объявила об открытии центра`)),
			"text/plain; charset=koi8-r",
			string(mustDecode(t, charmap.KOI8R, encode(t, charmap.Windows1251, `<meta charset="windows-1251"> Компания объявила об открытии центра`))),
		},
		// Too short for statistics: only the declarations can get these right.
		{
			"short meta charset",
			string(encode(t, charmap.Windows1251, `<meta charset=windows-1251><p>Дата-центр</p>`)),
			"",
			`<meta charset=windows-1251><p>Дата-центр</p>`,
		},
		{
			"short http-equiv",
			string(encode(t, korean.EUCKR, `<meta http-equiv=content-type content="text/html; charset=euc-kr"><p>서울 리전</p>`)),
			"text/html",
			`<meta http-equiv=content-type content="text/html; charset=euc-kr"><p>서울 리전</p>`,
		},
		{
			"short xml prolog",
			string(encode(t, charmap.KOI8R, `<?xml version='1.0' encoding='koi8-r'?><t>Москва</t>`)),
			"",
			`<?xml version='1.0' encoding='koi8-r'?><t>Москва</t>`,
		},
		{"short header", string(encode(t, japanese.ShiftJIS, "大阪リージョン")), "text/plain;charset=Shift_JIS", "大阪リージョン"},
		{"broken utf-8", "Zürich café São Paulo \xff naïve", "", "Zürich café São Paulo \ufffd naïve"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decode([]byte(tt.raw), tt.contentType)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("Decode = %q, want %q", got, tt.want)
			}
		})
	}
}

func mustDecode(t *testing.T, enc encoding.Encoding, b []byte) []byte {
	t.Helper()
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name        string
		raw         string
		contentType string
		want        error
	}{
		{"empty", "", "", ErrEmpty},
		{"blank", "\r\n  \n", "text/plain", ErrEmpty},
		{"bom only", "\ufeff", "", ErrEmpty},
		{"utf-16 blank", "\xff\xfe \x00\n\x00", "", ErrEmpty},
		{"gzip", "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03abc", "text/plain", ErrBinary},
		{"zip", "PK\x03\x04\x14\x00\x00\x00\x08\x00", "", ErrBinary},
		{"jpeg", "\xff\xd8\xff\xe0\x00\x10JFIF\x00", "", ErrBinary},
		{"replacement encoding", "\x80\x81\x82 text", "text/plain; charset=iso-2022-kr", ErrUndecodable},
		{"utf-16 label on odd bytes", "\x00", "text/plain; charset=utf-16le", ErrUndecodable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decode([]byte(tt.raw), tt.contentType)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Decode = %q, %v; want error %v", got, err, tt.want)
			}
		})
	}
}
