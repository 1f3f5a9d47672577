package feed

import (
	"bytes"
	"encoding/xml"
	"slices"
)

// salvage cuts a broken XML feed after its last complete item or entry and
// closes the elements still open there. It reports false when no item
// completed before the break.
func salvage(data []byte) ([]byte, bool) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	var (
		open    []xml.Name
		cut     int64
		openCut []xml.Name
	)
	for {
		tok, err := d.RawToken()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			open = append(open, t.Name)
		case xml.EndElement:
			// Without Strict, end tags are not matched for us: close up to
			// the nearest element of that name, ignore strays.
			for i := len(open) - 1; i >= 0; i-- {
				if open[i] == t.Name {
					open = open[:i]
					break
				}
			}
			if t.Name.Local == "item" || t.Name.Local == "entry" {
				cut = d.InputOffset()
				openCut = slices.Clone(open)
			}
		}
	}
	if cut == 0 {
		return nil, false
	}
	var b bytes.Buffer
	b.Write(data[:cut])
	for i := len(openCut) - 1; i >= 0; i-- {
		b.WriteString("</")
		if openCut[i].Space != "" {
			b.WriteString(openCut[i].Space + ":")
		}
		b.WriteString(openCut[i].Local + ">")
	}
	return b.Bytes(), true
}
