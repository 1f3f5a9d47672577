package quantity

// A sentence is read token by token, and most tokens are ordinary words
// that no number or currency table holds; a map lookup hashes each of them
// to find that out. keyFilter says "not a key" for most of them with one
// bit test, and the lookup runs only when it cannot.
type keyFilter [1 << 12 / 64]uint64

// keyBit is the bit of a non-empty string: its first and last bytes (five
// bits each, so cases share a bit) and the low bits of its length. Keys
// and the strings that equal them share it, which is all soundness needs.
func keyBit(s string) uint {
	return (uint(s[0]&31)<<7 | uint(s[len(s)-1]&31)<<2 | uint(len(s)&3)) & (1<<12 - 1)
}

func (f *keyFilter) add(s string) {
	if s != "" {
		b := keyBit(s)
		f[b/64] |= 1 << (b % 64)
	}
}

// may is false only when s is no key added to f; "" is never one.
func (f *keyFilter) may(s string) bool {
	if s == "" {
		return false
	}
	b := keyBit(s)
	return f[b/64]&(1<<(b%64)) != 0
}

func filterOf[V any](tables ...map[string]V) *keyFilter {
	f := new(keyFilter)
	for _, t := range tables {
		for k := range t {
			f.add(k)
		}
	}
	return f
}

var (
	// numberWordFilter holds every word parseWords reads as part of a
	// number but "and", which it asks about apart.
	numberWordFilter = func() *keyFilter {
		f := filterOf(smallWords, tensWords, scaleWords)
		f.add("hundred")
		f.add("dozen")
		return f
	}()
	// ordinalFilter holds the words ordinals looks up.
	ordinalFilter = filterOf(tensWords, ordinalWords)
	// isoFilter and prefixFilter hold the currency codes and the prefix
	// names ("Rs", "kr"), which currencyPrefix asks of every word.
	isoFilter, prefixFilter *keyFilter
)

// initCurrencyFilters runs once the currency tables are read (init in
// currency.go).
func initCurrencyFilters() {
	isoFilter, prefixFilter = filterOf(isoCodes), filterOf(prefixNames)
}

// prefixName is prefixNames[raw], asked of the filter first.
func prefixName(raw string) (currencyName, bool) {
	if !prefixFilter.may(raw) {
		return currencyName{}, false
	}
	c, ok := prefixNames[raw]
	return c, ok
}
