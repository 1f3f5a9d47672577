package extract

import "testing"

// TestHomesNameKnownProviders keeps homes.tsv in step with providers.tsv:
// a home that points at a name the gazetteer does not give would never
// resolve.
func TestHomesNameKnownProviders(t *testing.T) {
	g, err := loadOrgs(providersTSV)
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, o := range g.alias {
		if o.kind == orgProvider {
			known[o.name] = true
		}
	}
	if len(homes) == 0 {
		t.Fatal("homes.tsv gave no homes")
	}
	for home, names := range homes {
		for _, name := range names {
			if !known[name] {
				t.Errorf("homes.tsv: %s: %q is not a provider in providers.tsv", home, name)
			}
		}
	}
}
