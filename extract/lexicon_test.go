package extract

import (
	"reflect"
	"testing"
)

func TestLexiconFind(t *testing.T) {
	l, err := parseLexicon("test", `
# comment
[closed]
shut
shut down
pull out of
[plan]
will
=MoU
[ended]
{drop|dropped} {|its|the} {plan|plans}
`)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		want []string // matched text/tag
	}{
		{"AWS will shut down the site.", []string{"will/plan", "shut down/closed"}},
		{"It shut its doors.", []string{"shut/closed"}},
		{"Shutting is not shut.", []string{"shut/closed"}},         // whole words only
		{"They Pull Out Of Chile", []string{"Pull Out Of/closed"}}, // case-insensitive
		{"signed an MoU; a mou is not", []string{"MoU/plan"}},      // exact case
		{"willing to stay", nil},
		{"Érase will", []string{"will/plan"}}, // non-ASCII before a match keeps offsets
		{"", nil},
		// Braces spell alternatives; an empty one is optional.
		{"Meta dropped its plans for Denmark.", []string{"dropped its plans/ended"}},
		{"They drop plans", []string{"drop plans/ended"}},
		{"It dropped the plan.", []string{"dropped the plan/ended"}},
		{"demand dropped; its plans stand", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, m := range l.find(tt.text) {
			got = append(got, tt.text[m.start:m.end]+"/"+m.tag)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("find(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestLexiconErrors(t *testing.T) {
	for _, data := range []string{"[open\nx", "[t]\n'll", "[t]\n{a|b plans", "[t]\na} plans", "[t]\n{a{b}} c"} {
		if _, err := parseLexicon("bad", data); err == nil {
			t.Errorf("parseLexicon(%q): no error", data)
		}
	}
}

// Every lexicon in data/ must load.
func TestLexiconsLoad(t *testing.T) {
	for _, name := range []string{"status", "facility", "org_heads", "count_cues", "money_cues"} {
		if _, err := loadLexicon(name); err != nil {
			t.Error(err)
		}
	}
}
