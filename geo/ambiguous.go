package geo

// This file is the documented list of names that are not always the place
// the gazetteer would otherwise report. Everything else in the data files
// is taken at face value.

// ambiguous names more than one place. The first target is the default;
// another target is chosen only by its immediate neighbourhood:
//
//	"Atlanta, Georgia"  -> Georgia is US (the mention before the comma is in US)
//	"Tbilisi, Georgia"  -> Georgia is GE
//	"Dublin, Ohio"      -> Dublin is US (the mention after the comma is in US)
//
// i.e. when the mention is joined by a comma to another mention whose
// country is one of its targets. Nothing else in the sentence is used:
// "data centers in Dublin and Columbus, Ohio" still puts Dublin in Ireland.
//
// Georgia defaults to the US state because cloud news names the state far
// more often than the country (and the country is usually given with
// Tbilisi, or as "the country of Georgia", which countries.tsv maps to GE).
var ambiguous = []struct {
	phrase  string
	targets []target
}{
	{"Georgia", []target{{"US", KindCity}, {"GE", KindCountry}}},
	{"San Jose", []target{{"US", KindCity}, {"CR", KindCity}}},
	{"Dublin", []target{{"IE", KindCity}, {"US", KindCity}}},
	{"Birmingham", []target{{"GB", KindCity}, {"US", KindCity}}},
	{"Cambridge", []target{{"GB", KindCity}, {"US", KindCity}}},
	{"Newcastle", []target{{"GB", KindCity}, {"AU", KindCity}}},
	{"Newport", []target{{"GB", KindCity}, {"US", KindCity}}},
	{"Perth", []target{{"AU", KindCity}, {"GB", KindCity}}},
	{"London", []target{{"GB", KindCity}, {"CA", KindCity}}},
	{"Victoria", []target{{"AU", KindCity}, {"CA", KindCity}, {"SC", KindCity}}},
	{"Richmond", []target{{"US", KindCity}, {"GB", KindCity}, {"CA", KindCity}}},
	{"Alexandria", []target{{"EG", KindCity}, {"US", KindCity}}},
	{"Athens", []target{{"GR", KindCity}, {"US", KindCity}}},
	{"Midlothian", []target{{"US", KindCity}, {"GB", KindCity}}},
	{"Saint Petersburg", []target{{"RU", KindCity}, {"US", KindCity}}},
	{"St. Petersburg", []target{{"RU", KindCity}, {"US", KindCity}}},
	{"St Petersburg", []target{{"RU", KindCity}, {"US", KindCity}}},
	{"Panama City", []target{{"PA", KindCity}, {"US", KindCity}}},
	{"Santa Clara", []target{{"US", KindCity}, {"CU", KindCity}}},
	{"Santiago", []target{{"CL", KindCity}, {"ES", KindCity}, {"DO", KindCity}}},
	{"Córdoba", []target{{"AR", KindCity}, {"ES", KindCity}}},
	{"Cartagena", []target{{"CO", KindCity}, {"ES", KindCity}}},
	{"Valencia", []target{{"ES", KindCity}, {"VE", KindCity}}},
	{"Mérida", []target{{"MX", KindCity}, {"ES", KindCity}, {"VE", KindCity}}},
	{"La Paz", []target{{"BO", KindCity}, {"MX", KindCity}}},
	{"San Juan", []target{{"PR", KindCity}, {"AR", KindCity}}},
	{"Odessa", []target{{"UA", KindCity}, {"US", KindCity}}},
	{"Tripoli", []target{{"LY", KindCity}, {"LB", KindCity}}},
	{"Hyderabad", []target{{"IN", KindCity}, {"PK", KindCity}}},
	{"Punjab", []target{{"IN", KindCity}, {"PK", KindCity}}},
}

// guard says when a match is dropped although the phrase is in the data.
type guard uint8

const (
	// guardFirstName: also a first name, dropped when a capitalised word
	// that starts no place follows ("Vladimir Putin", "Jordan Peterson",
	// "Georgia Tech"). "Vladimir, Russia" and "Jordan's" still match.
	guardFirstName guard = 1 << iota
	// guardSurname: also a surname, dropped after a capitalised word that
	// is not sentence-initial ("Michael Jordan", "Charles Darwin").
	guardSurname
	// guardSentenceStart: also an ordinary word ("Nice to see", "Reading
	// the report"), dropped at the start of a sentence or line.
	guardSentenceStart
)

var guarded = map[string]guard{
	"Jordan":    guardFirstName | guardSurname,
	"Chad":      guardFirstName,
	"Vladimir":  guardFirstName,
	"Victoria":  guardFirstName,
	"Georgia":   guardFirstName,
	"Virginia":  guardFirstName,
	"Charlotte": guardFirstName,
	"Austin":    guardFirstName | guardSurname,
	"Quincy":    guardFirstName | guardSurname,
	"Sofia":     guardFirstName,
	"Regina":    guardFirstName,
	"Florence":  guardFirstName,
	"Adelaide":  guardFirstName,
	"Salvador":  guardFirstName,
	"Santiago":  guardFirstName,
	"Paris":     guardFirstName,
	"Israel":    guardFirstName,
	"Savannah":  guardFirstName,
	"Darwin":    guardSurname,
	"Columbus":  guardSurname,
	"Sejong":    guardSurname,
	"Nice":      guardSentenceStart,
	"Reading":   guardSentenceStart,
	"Cork":      guardSentenceStart,
	"Mesa":      guardSentenceStart,
	"Essen":     guardSentenceStart,
}

// currencyWords follow a country or demonym that names a currency, not a
// place: "US dollars", "Mexican pesos", "Saudi riyal". (A "$" glued to the
// name, as in "US$5", is handled the same way.)
var currencyWords = map[string]bool{
	"dollar": true, "dollars": true, "peso": true, "pesos": true,
	"rupee": true, "rupees": true, "yen": true, "yuan": true,
	"renminbi": true, "real": true, "reais": true, "rand": true,
	"riyal": true, "riyals": true, "rial": true, "rials": true,
	"dirham": true, "dirhams": true, "dinar": true, "dinars": true,
	"franc": true, "francs": true, "pound": true, "pounds": true,
	"ringgit": true, "rupiah": true, "baht": true, "won": true,
	"krona": true, "kronor": true, "krone": true, "kroner": true,
	"lira": true, "zloty": true, "forint": true, "naira": true,
	"shilling": true, "shillings": true, "dong": true, "euro": true,
	"euros": true, "cent": true, "cents": true, "sol": true, "soles": true,
	"shekel": true, "shekels": true, "ruble": true, "rubles": true,
	"rouble": true, "roubles": true, "cedi": true, "lei": true, "leu": true,
}

// titleFunctionWords are capitalised in headlines without being names, so
// they do not make the next word look like a surname.
var titleFunctionWords = map[string]bool{
	"In": true, "At": true, "To": true, "From": true, "For": true,
	"And": true, "Of": true, "The": true, "Into": true, "Across": true,
	"With": true, "Near": true, "Outside": true, "Via": true, "On": true,
	"By": true, "Than": true, "Like": true, "As": true, "Or": true,
}
