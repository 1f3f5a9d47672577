package extract

import (
	"fmt"
	"reflect"
	"testing"
)

func TestFindCorporateNames(t *testing.T) {
	tests := []struct {
		text string
		want []string // name/kind/first
	}{
		{"Zephyr Data Centres will open a site in Lagos.", []string{"Zephyr Data Centres/provider/Zephyr"}},
		{"The deal values Kestrel Networks Ltd at $2 billion.", []string{"Kestrel Networks/provider/Kestrel"}},
		{"Orbis Holdings bought a stake in Lumen Peak Technologies Inc.", []string{"Orbis Holdings/other/Orbis", "Lumen Peak Technologies/other/Lumen"}},
		{"It was approved by the Board of Investment.", nil},                                             // "Board" alone: no name before a head
		{"The Northern Power Authority approved the plan.", []string{"Northern Power Authority/other/"}}, // public body
		{"Mexican Data Centres are in demand.", nil},                                                     // a nationality is not a name
		{"Digital Realty To Buy U.K. Data Centers For $1 Billion", nil},                                  // headline: capitals prove nothing
		{"Microsoft's Intelligent Cloud segment grew.", nil},                                             // a unit of the owner
		{"Tarsier Pty Ltd signed the lease.", []string{"Tarsier Pty/other/Tarsier"}},
		{"the new data centres of a local firm", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range findCorporateNames(tt.text) {
			got = append(got, fmt.Sprintf("%s/%s/%s", c.name, c.kind, c.first))
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("findCorporateNames(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestLocalOrgsFindFirstWord(t *testing.T) {
	l := newLocalOrgs()
	for _, c := range findCorporateNames("Zephyr Data Centres opened its first site.") {
		l.learn(c)
	}
	got := l.find("Zephyr said Zephyr Data Centres and Zephyrus differ.")
	var names []string
	for _, o := range got {
		names = append(names, o.name)
	}
	want := []string{"Zephyr Data Centres", "Zephyr Data Centres"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("find = %v, want %v", names, want)
	}
}
