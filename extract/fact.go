package extract

// Fact types, as named in the fact model (spec/facts.md).
const (
	TypeRegionCount     = "region_count"
	TypeAZCount         = "az_count"
	TypeDatacenterCount = "datacenter_count"
	TypeExpansion       = "expansion"
	TypeInvestment      = "investment"
	TypeMoney           = "money"
)

// Facility kinds of an expansion fact.
const (
	FacilityRegion           = "region"
	FacilityDataCenter       = "data_center"
	FacilityAvailabilityZone = "availability_zone"
	FacilityEdgeLocation     = "edge_location"
	FacilityLocalZone        = "local_zone"
	FacilityServiceCenter    = "service_center"
	FacilityOther            = "other"
)

// Status of an expansion fact.
const (
	StatusPlanned  = "planned"
	StatusLaunched = "launched"
	StatusClosed   = "closed"
)

// Fact is one claim read from one sentence of an article. Zero values stand
// for null: a fact type only uses the fields the fact model gives it.
type Fact struct {
	Type    string
	Company string // canonical provider name; "" when no provider is involved
	Quote   string // the sentence, exactly as in the article text
	// Start and End are the quote's offsets in the article text, in code
	// points, 0-based, end-exclusive (so sqlite's substr(text, Start+1,
	// End-Start) returns the quote).
	Start, End int
	Rule       string  // id of the rule that produced the fact
	Confidence float64 // in [0,1]

	// Count facts.
	Value     int
	Scope     string // "global", an ISO 3166-1 alpha-2 code, or a phrase
	Qualifier string // "more than", "about", ...; also used by money facts

	// Expansion facts.
	Country  string // ISO 3166-1 alpha-2
	City     string
	Facility string
	Status   string
	Ordinal  int
	Year     int

	// Investment and money facts.
	Amount   float64
	Currency string  // ISO 4217
	USD      float64 // the US-dollar figure; 0 when unknown
	Period   string  // investment only: "3 years", "per quarter"
	Label    string  // money only: revenue, market_spend, capex, bond, market_value, other

	existing bool // count facts: a total that exists now, not a target
}
