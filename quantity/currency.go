package quantity

import (
	_ "embed"
	"fmt"
	"strings"
)

// The currency lexicon lives in data/currencies.tsv, which says how to read
// and extend it. It is parsed once, at package initialisation, into the
// tables below.
//
//go:embed data/currencies.tsv
var currencyData string

// currencyName is one way of naming a currency: a prefix abbreviation
// ("Rs"), a suffix ("zł") or a word ("pesos").
type currencyName struct {
	code      string            // ISO 4217; "" when only the context can tell
	byCountry map[string]string // ISO 3166 country -> ISO 4217, for shared names
	weak      bool              // also an ordinary word: needs a scale or >= 1000
	scale     bool              // needs a scale word whatever the amount
	glued     bool              // only glued to the digits after it
	context   bool              // only when the sentence settles the country
	needAdj   bool              // only with a nationality before it ("Brazilian real")
}

var (
	symbolCurrency = map[string]string{}       // "$" -> USD; "¥" is apart (MoneyOptions.Yen)
	dollarPrefixes = map[string]string{}       // "HK" of "HK$" -> HKD
	isoCodes       = map[string]bool{}         // codes accepted in capitals
	weakCodes      = map[string]bool{}         // codes that are also words: "PHP 8"
	prefixNames    = map[string]currencyName{} // "Rs", "RM", "kr", "B", ...
	suffixNames    = map[string]currencyName{} // "zł", "kr", "RMB", "€"
	currencyWords  = map[string]currencyName{} // "yuan", "pesos", ... lowercased
	nationalities  = map[string]string{}       // "swedish" -> SE, lowercased
	placeWords     = map[string]string{}       // "Sweden", "Stockholm" -> SE
)

func init() {
	if err := loadCurrencies(currencyData); err != nil {
		panic("quantity: data/currencies.tsv: " + err.Error())
	}
	initCurrencyFilters()
}

// loadCurrencies fills the tables from the lexicon's text.
func loadCurrencies(data string) error {
	for n, line := range strings.Split(data, "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 3 {
			return fmt.Errorf("line %d: want KIND, TEXT and CODE, got %q", n+1, line)
		}
		kind, names, code := f[0], strings.Split(f[1], "|"), f[2]
		var c currencyName
		if code != "-" {
			c.code = code
		}
		if len(f) > 3 {
			for _, fl := range strings.Split(f[3], ",") {
				switch fl {
				case "-", "":
				case "weak":
					c.weak = true
				case "scale":
					c.scale = true
				case "glued":
					c.glued = true
				case "context":
					c.context = true
				case "adj":
					c.needAdj = true
				default:
					return fmt.Errorf("line %d: unknown flag %q", n+1, fl)
				}
			}
		}
		if len(f) > 4 {
			c.byCountry = map[string]string{}
			for _, p := range strings.Fields(f[4]) {
				cc, cur, ok := strings.Cut(p, ":")
				if !ok {
					return fmt.Errorf("line %d: want CC:CODE, got %q", n+1, p)
				}
				c.byCountry[cc] = cur
			}
		}
		if c.code == "" && c.byCountry == nil && kind != "code" {
			return fmt.Errorf("line %d: no code and no countries", n+1)
		}
		for _, name := range names {
			switch kind {
			case "symbol":
				symbolCurrency[name] = code
			case "dollar":
				dollarPrefixes[name] = code
			case "code":
				isoCodes[name] = true
				if c.weak {
					weakCodes[name] = true
				}
			case "prefix":
				prefixNames[name] = c
			case "suffix":
				suffixNames[name] = c
			case "word":
				currencyWords[name] = c
			case "nation":
				nationalities[name] = code
			case "place":
				placeWords[name] = code
			default:
				return fmt.Errorf("line %d: unknown kind %q", n+1, kind)
			}
		}
	}
	return nil
}

// resolve picks the code of a currency name given a country: the one the
// name takes in that country, else the name's own default ("" if it has
// none).
func (c currencyName) resolve(country string) string {
	if code, ok := c.byCountry[country]; ok {
		return code
	}
	return c.code
}

// sharedCode decides a name several countries share, written at token at,
// when no nationality stands before it: the country word nearest to it in
// the sentence that the name knows ("kr" in a sentence about Sweden), else
// the caller's country hint. Without either, names flagged context get "",
// others their default.
func (t *text) sharedCode(c currencyName, at int, opt MoneyOptions) string {
	if c.byCountry == nil {
		return c.code
	}
	code, dist := "", len(t.toks)
	for i := range t.toks {
		if t.toks[i].kind != tWord {
			continue
		}
		if cc, ok := placeWords[t.raw(i)]; ok {
			if cur, ok := c.byCountry[cc]; ok && abs(i-at) < dist {
				code, dist = cur, abs(i-at)
			}
		}
	}
	if code != "" {
		return code
	}
	t.optRead = true
	if code, ok := c.byCountry[opt.Country]; ok {
		return code
	}
	if c.context {
		return ""
	}
	return c.code
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
