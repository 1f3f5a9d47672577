package benchgen

var providers = []string{
	"AWS", "Amazon Web Services", "Microsoft", "Microsoft Azure", "Google Cloud", "Google",
	"Oracle", "Oracle Cloud Infrastructure", "Alibaba Cloud", "IBM", "Huawei Cloud",
	"Tencent Cloud", "DigitalOcean", "OVHcloud", "Equinix", "Digital Realty", "CoreWeave",
	"Meta", "OpenAI", "Scaleway", "Hetzner", "Akamai", "Salesforce", "SAP", "Vultr",
	"NTT Data", "Iron Mountain", "Cloudflare", "Nebius", "Lambda",
}

var countryList = []country{
	{"Chile", "Chilean", "Santiago"}, {"Mexico", "Mexican", "Querétaro"},
	{"Brazil", "Brazilian", "São Paulo"}, {"Colombia", "Colombian", "Bogotá"},
	{"Argentina", "Argentine", "Buenos Aires"}, {"Peru", "Peruvian", "Lima"},
	{"Spain", "Spanish", "Madrid"}, {"Italy", "Italian", "Milan"},
	{"Germany", "German", "Frankfurt"}, {"France", "French", "Paris"},
	{"Poland", "Polish", "Warsaw"}, {"Sweden", "Swedish", "Stockholm"},
	{"Norway", "Norwegian", "Oslo"}, {"Finland", "Finnish", "Helsinki"},
	{"Ireland", "Irish", "Dublin"}, {"the Netherlands", "Dutch", "Amsterdam"},
	{"Switzerland", "Swiss", "Zurich"}, {"Austria", "Austrian", "Vienna"},
	{"Greece", "Greek", "Athens"}, {"Portugal", "Portuguese", "Lisbon"},
	{"the United Kingdom", "British", "London"}, {"Denmark", "Danish", "Copenhagen"},
	{"Saudi Arabia", "Saudi", "Riyadh"}, {"the United Arab Emirates", "Emirati", "Abu Dhabi"},
	{"Qatar", "Qatari", "Doha"}, {"Israel", "Israeli", "Tel Aviv"},
	{"Kenya", "Kenyan", "Nairobi"}, {"South Africa", "South African", "Johannesburg"},
	{"Nigeria", "Nigerian", "Lagos"}, {"Egypt", "Egyptian", "Cairo"},
	{"Morocco", "Moroccan", "Casablanca"}, {"India", "Indian", "Hyderabad"},
	{"Indonesia", "Indonesian", "Jakarta"}, {"Malaysia", "Malaysian", "Johor"},
	{"Thailand", "Thai", "Bangkok"}, {"Vietnam", "Vietnamese", "Hanoi"},
	{"the Philippines", "Philippine", "Manila"}, {"Singapore", "Singaporean", "Singapore"},
	{"Japan", "Japanese", "Osaka"}, {"South Korea", "Korean", "Seoul"},
	{"Taiwan", "Taiwanese", "Taipei"}, {"Australia", "Australian", "Melbourne"},
	{"New Zealand", "New Zealand", "Auckland"}, {"Canada", "Canadian", "Calgary"},
	{"the United States", "American", "Ohio"}, {"Turkey", "Turkish", "Istanbul"},
}

var countries = func() []string {
	out := make([]string, len(countryList))
	for i, c := range countryList {
		out[i] = c.name
	}
	return out
}()

var cityNames = []string{
	"Santiago", "Madrid", "Milan", "Zurich", "Warsaw", "Jakarta", "Osaka", "Melbourne",
	"Johannesburg", "Tel Aviv", "Doha", "Hyderabad", "Querétaro", "Bangkok", "Auckland",
	"Frankfurt", "Stockholm", "Calgary", "Riyadh", "Nairobi",
}

var statusVerbs = []string{
	"plans to open", "has opened", "launched", "announced plans for", "will build",
	"is building", "opened", "said it would launch", "went live with", "closed",
	"is expected to open", "has started construction on", "intends to launch",
}

var regionStatus = []string{
	"is now generally available", "is expected to go live next year",
	"opened to customers on Tuesday", "remains in preview",
	"will be retired at the end of the year", "is slated to open in 2027",
}

var reasons = []string{
	"rising energy costs", "low demand", "a consolidation of its footprint",
	"regulatory uncertainty", "the end of its lease",
}

var continents = []string{"Europe", "Latin America", "Asia Pacific", "the Middle East", "Africa", "North America"}

var sources = []string{
	"Synergy Research Group", "Gartner", "IDC", "Canalys", "a regulatory filing",
	"people familiar with the matter", "the company's annual report", "Reuters", "Bloomberg",
}

var people = []string{
	"Maria Ortega", "James Whitfield", "Priya Raman", "Kenji Watanabe", "Amara Okafor",
	"Lukas Becker", "Sofia Lindqvist", "Daniel Cohen", "Mei Lin", "Rafael Souza",
	"Fatima Al-Sayed", "Tom Gallagher", "Ingrid Hansen", "Arjun Mehta", "Chloé Martin",
}

var roles = []string{
	"vice president of infrastructure", "general manager for the region", "chief executive",
	"head of data center operations", "chief technology officer", "country manager",
	"senior director of global expansion",
}

var sites = []site{
	{"Cloud Wire", "cloudwire.example"}, {"DC Insider", "dcinsider.example"},
	{"The Rack Report", "rackreport.example"}, {"Hyperscale Daily", "hyperscaledaily.example"},
	{"Regional Tech Times", "regionaltech.example"}, {"Infra Weekly", "infraweekly.example"},
}

var navItems = []string{
	"News", "Cloud", "Data Centers", "AI", "Networking", "Energy", "Policy",
	"Events", "Podcasts", "Jobs", "Newsletter",
}

// fillers are sentences with one %s (a provider or a country) that state
// no fact: context, opinion and background, as most of a news article is.
var fillers = []string{
	"The move puts %s in direct competition with local telecom operators.",
	"Industry observers have long expected a decision about %s.",
	"Power availability has become the main constraint for new builds, according to people close to %s.",
	"Local officials welcomed the news, saying it would help attract further investment.",
	"The announcement comes amid a wave of interest in sovereign cloud offerings, with %s often cited as an example.",
	"Details on location or timelines were not shared.",
	"Critics point to the water and energy footprint of large facilities like those planned by %s.",
	"The company did not respond to a request for comment.",
	"Latency-sensitive workloads such as gaming and payments are driving much of the demand in %s.",
	"Several other providers already serve customers from neighbouring markets.",
	"It is not yet clear how the plans will be affected by the new data protection law in %s.",
	"The broader market has been reshaped by demand for GPUs and the models they train.",
	"A spokesperson for %s declined to say which partners would build the facilities.",
	"Earlier plans were delayed by permitting issues and supply-chain problems.",
	"Customers have asked for more choice over where their data is stored, said an analyst who follows %s.",
	"The company has been hiring engineers and site managers for several months.",
}
