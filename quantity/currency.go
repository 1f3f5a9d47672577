package quantity

// symbolCurrency maps currency signs written before an amount. "¥" is not
// here: it is yen or yuan depending on the article (MoneyOptions.Yen).
var symbolCurrency = map[string]string{
	"$": "USD", "€": "EUR", "£": "GBP", "₹": "INR", "₩": "KRW", "₽": "RUB",
	"₱": "PHP", "₺": "TRY", "₦": "NGN", "₫": "VND", "฿": "THB", "₪": "ILS",
}

// dollarPrefixes are the letters glued to "$" that name a dollar (or, for
// R$, the Brazilian real). Case matters: "s$" is not Singapore.
var dollarPrefixes = map[string]string{
	"US": "USD", "A": "AUD", "AU": "AUD", "C": "CAD", "CA": "CAD", "Can": "CAD",
	"HK": "HKD", "S": "SGD", "SG": "SGD", "NZ": "NZD", "NT": "TWD", "R": "BRL",
	"MX": "MXN", "Mex": "MXN",
}

// isoCodes are ISO 4217 codes accepted before or after an amount, written
// in capitals. weakCodes are also ordinary words or acronyms ("PHP 8", "CAD
// drawings"), so they need a scale word or a four-digit amount.
var isoCodes = map[string]bool{
	"USD": true, "EUR": true, "GBP": true, "JPY": true, "CNY": true, "INR": true,
	"KRW": true, "AUD": true, "CAD": true, "SGD": true, "HKD": true, "NZD": true,
	"TWD": true, "BRL": true, "MXN": true, "ZAR": true, "AED": true, "SAR": true,
	"QAR": true, "KWD": true, "BHD": true, "OMR": true, "EGP": true, "MYR": true,
	"IDR": true, "THB": true, "PHP": true, "VND": true, "CHF": true, "SEK": true,
	"NOK": true, "DKK": true, "PLN": true, "TRY": true, "NGN": true, "KES": true,
	"RUB": true, "ILS": true, "CLP": true, "COP": true, "ARS": true, "PEN": true,
	"CZK": true, "HUF": true, "RON": true, "PKR": true, "BDT": true, "LKR": true,
	"JOD": true, "MAD": true, "UAH": true, "KZT": true, "GHS": true, "ISK": true,
}

var weakCodes = map[string]bool{"PHP": true, "TRY": true, "CAD": true, "RON": true, "MAD": true, "PEN": true}

// codeAliases are non-ISO abbreviations used as codes. "R" (rand) is handled
// apart because "R2" is far more often a name than money.
var codeAliases = map[string]string{
	"RMB": "CNY", "Rs": "INR", "RM": "MYR", "Rp": "IDR", "KSh": "KES", "Dhs": "AED",
}

// currencyWord is a currency named in words after the amount.
type currencyWord struct {
	code      string
	byCountry map[string]string // ISO 3166 country -> ISO 4217, for shared names
	weak      bool              // also an ordinary word: needs a scale or >= 1000
	needAdj   bool              // only with a nationality before it ("Brazilian real")
}

var (
	pesos   = map[string]string{"MX": "MXN", "PH": "PHP", "AR": "ARS", "CO": "COP", "CL": "CLP", "UY": "UYU", "DO": "DOP", "CU": "CUP"}
	dollars = map[string]string{"US": "USD", "AU": "AUD", "CA": "CAD", "SG": "SGD", "HK": "HKD", "NZ": "NZD", "TW": "TWD", "JM": "JMD", "BN": "BND", "FJ": "FJD"}
	rupees  = map[string]string{"IN": "INR", "PK": "PKR", "LK": "LKR", "NP": "NPR", "MU": "MUR"}
	riyals  = map[string]string{"SA": "SAR", "QA": "QAR", "OM": "OMR", "YE": "YER", "IR": "IRR"}
	kronor  = map[string]string{"SE": "SEK", "NO": "NOK", "DK": "DKK", "IS": "ISK"}
	dinars  = map[string]string{"KW": "KWD", "BH": "BHD", "JO": "JOD", "IQ": "IQD", "DZ": "DZD", "TN": "TND", "RS": "RSD", "LY": "LYD"}
	pounds  = map[string]string{"GB": "GBP", "EG": "EGP", "LB": "LBP", "SY": "SYP"}
	shills  = map[string]string{"KE": "KES", "UG": "UGX", "TZ": "TZS", "SO": "SOS"}
	dirhams = map[string]string{"AE": "AED", "MA": "MAD"}
)

var currencyWords = map[string]currencyWord{
	"yuan": {code: "CNY"}, "renminbi": {code: "CNY"}, "rmb": {code: "CNY"},
	"yen": {code: "JPY"}, "won": {code: "KRW", weak: true},
	"rupee": {code: "INR", byCountry: rupees}, "rupees": {code: "INR", byCountry: rupees},
	"rupiah": {code: "IDR"},
	"ruble":  {code: "RUB"}, "rubles": {code: "RUB"}, "rouble": {code: "RUB"}, "roubles": {code: "RUB"},
	"euro": {code: "EUR"}, "euros": {code: "EUR"},
	"pound": {code: "GBP", byCountry: pounds, weak: true}, "pounds": {code: "GBP", byCountry: pounds, weak: true},
	"sterling": {code: "GBP"},
	"ringgit":  {code: "MYR"},
	"dirham":   {code: "AED", byCountry: dirhams}, "dirhams": {code: "AED", byCountry: dirhams},
	"riyal": {code: "SAR", byCountry: riyals}, "riyals": {code: "SAR", byCountry: riyals},
	"rial": {code: "OMR", byCountry: riyals}, "rials": {code: "OMR", byCountry: riyals},
	"rand": {code: "ZAR", weak: true}, "rands": {code: "ZAR"},
	"peso": {code: "MXN", byCountry: pesos}, "pesos": {code: "MXN", byCountry: pesos},
	"baht":   {code: "THB"},
	"dollar": {code: "USD", byCountry: dollars}, "dollars": {code: "USD", byCountry: dollars},
	"franc": {code: "CHF"}, "francs": {code: "CHF"},
	"krona": {code: "SEK", byCountry: kronor}, "kronor": {code: "SEK", byCountry: kronor},
	"krone": {code: "SEK", byCountry: kronor}, "kroner": {code: "SEK", byCountry: kronor},
	"kronur": {code: "ISK"},
	"zloty":  {code: "PLN"}, "zlotys": {code: "PLN"}, "zlotych": {code: "PLN"},
	"lira": {code: "TRY"}, "liras": {code: "TRY"}, "lire": {code: "TRY"},
	"naira":    {code: "NGN"},
	"shilling": {code: "KES", byCountry: shills}, "shillings": {code: "KES", byCountry: shills},
	"dong":  {code: "VND", weak: true},
	"reais": {code: "BRL"}, "real": {code: "BRL", needAdj: true},
	"dinar": {code: "KWD", byCountry: dinars}, "dinars": {code: "KWD", byCountry: dinars},
	"taka":   {code: "BDT"},
	"shekel": {code: "ILS"}, "shekels": {code: "ILS"},
	"hryvnia": {code: "UAH"}, "hryvnias": {code: "UAH"},
	"tenge":  {code: "KZT"},
	"forint": {code: "HUF"}, "forints": {code: "HUF"},
	"koruna": {code: "CZK"}, "korunas": {code: "CZK"},
	"cedi": {code: "GHS"}, "cedis": {code: "GHS"},
}

// nationalities name the country of a shared currency word ("Australian
// dollars", "Swiss francs"). Two-word keys are joined by a space; "u s" is
// "U.S." with its dots dropped.
var nationalities = map[string]string{
	"us": "US", "u s": "US", "american": "US", "australian": "AU", "canadian": "CA",
	"singapore": "SG", "singaporean": "SG", "hong kong": "HK", "new taiwan": "TW",
	"taiwan": "TW", "taiwanese": "TW", "new zealand": "NZ", "mexican": "MX",
	"philippine": "PH", "argentine": "AR", "argentinian": "AR", "argentinean": "AR",
	"colombian": "CO", "chilean": "CL", "uruguayan": "UY", "dominican": "DO",
	"swiss": "CH", "swedish": "SE", "norwegian": "NO", "danish": "DK", "icelandic": "IS",
	"saudi": "SA", "qatari": "QA", "omani": "OM", "iranian": "IR", "yemeni": "YE",
	"emirati": "AE", "uae": "AE", "moroccan": "MA", "indian": "IN", "pakistani": "PK",
	"sri lankan": "LK", "nepalese": "NP", "nepali": "NP", "mauritian": "MU",
	"egyptian": "EG", "british": "GB", "uk": "GB", "lebanese": "LB", "syrian": "SY",
	"kenyan": "KE", "ugandan": "UG", "tanzanian": "TZ", "somali": "SO",
	"kuwaiti": "KW", "bahraini": "BH", "jordanian": "JO", "iraqi": "IQ",
	"algerian": "DZ", "tunisian": "TN", "serbian": "RS", "libyan": "LY",
	"brazilian": "BR", "jamaican": "JM", "brunei": "BN", "fijian": "FJ",
	"chinese": "CN", "japanese": "JP", "korean": "KR", "south korean": "KR",
	"south african": "ZA", "malaysian": "MY", "indonesian": "ID", "thai": "TH",
	"vietnamese": "VN", "polish": "PL", "turkish": "TR", "nigerian": "NG",
	"russian": "RU", "ghanaian": "GH", "israeli": "IL", "hungarian": "HU", "czech": "CZ",
}

// resolve picks the code of a currency word given a nationality (or the
// caller's country hint); the word's own default otherwise.
func (c currencyWord) resolve(country string) string {
	if code, ok := c.byCountry[country]; ok {
		return code
	}
	return c.code
}
