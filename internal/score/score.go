// Package score measures extracted facts against gold annotations with the
// same set semantics as the shared score.py: per article, each fact reduces
// to a key (count: type, company, value; expansion: company, country,
// status; money: type, currency, amount to 3 significant digits), and a key
// in both gold and predictions is a true positive.
package score

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Fact is the part of an exported or gold fact that scoring reads.
type Fact struct {
	Type     string   `json:"type"`
	Company  *string  `json:"company"`
	Value    *float64 `json:"value"`
	Country  *string  `json:"country"`
	Status   *string  `json:"status"`
	Currency *string  `json:"currency"`
	Amount   *float64 `json:"amount"`
	Quote    string   `json:"quote"`
	Article  string   `json:"article"`
	URL      *string  `json:"url"`
}

type goldFile struct {
	Article string `json:"article"`
	Facts   []Fact `json:"facts"`
}

// Counts are per-type tallies.
type Counts struct{ Gold, Pred, TP int }

// F1 returns precision, recall and F1 as score.py computes them.
func (c Counts) F1() (p, r, f float64) {
	switch {
	case c.Pred > 0:
		p = float64(c.TP) / float64(c.Pred)
	case c.Gold == 0:
		p = 1
	}
	r = 1
	if c.Gold > 0 {
		r = float64(c.TP) / float64(c.Gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// Result is a scoring of predictions against gold.
type Result struct {
	ByType map[string]*Counts
	Micro  Counts
	Misses []string // "article: key"
	Extras []string
}

var aliases = map[string]string{
	"aws": "amazon", "amazon": "amazon", "aliyun": "alibaba", "alibaba": "alibaba",
	"azure": "microsoft", "microsoft": "microsoft", "gcp": "google", "google": "google",
	"oci": "oracle", "oracle": "oracle", "ovh": "ovhcloud", "ovhcloud": "ovhcloud",
}

var reWord = regexp.MustCompile(`[a-z0-9]+`)

func companyKey(c *string) string {
	if c == nil {
		return ""
	}
	w := reWord.FindString(strings.ToLower(*c))
	if a, ok := aliases[w]; ok {
		return a
	}
	return w
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func sig3(x float64) string {
	if x == 0 {
		return "0"
	}
	return fmt.Sprintf("%.3g", x)
}

func key(f Fact) (string, bool) {
	c := companyKey(f.Company)
	switch f.Type {
	case "region_count", "az_count", "datacenter_count":
		if f.Value == nil {
			return "", false
		}
		return fmt.Sprintf("%s|%s|%d", f.Type, c, int(math.Trunc(*f.Value))), true
	case "expansion":
		return fmt.Sprintf("%s|%s|%s|%s", f.Type, c, strings.ToUpper(str(f.Country)), str(f.Status)), true
	case "investment", "money":
		if f.Amount == nil {
			return "", false
		}
		return fmt.Sprintf("%s|%s|%s|%s", f.Type, c, strings.ToUpper(str(f.Currency)), sig3(*f.Amount)), true
	}
	return "", false
}

// LoadGold reads every <name>.json of a gold folder, keyed by article name.
func LoadGold(dir string) (map[string][]Fact, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	gold := map[string][]Fact{}
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			return nil, err
		}
		var g goldFile
		if err := json.Unmarshal(b, &g); err != nil {
			return nil, fmt.Errorf("%s: %w", n, err)
		}
		gold[g.Article] = g.Facts
	}
	return gold, nil
}

// ParseJSONL reads an export, grouping facts by the base name of their url
// (or their article field), as score.py does.
func ParseJSONL(data []byte) (map[string][]Fact, error) {
	preds := map[string][]Fact{}
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		var f Fact
		if err := json.Unmarshal([]byte(line), &f); err != nil {
			return nil, fmt.Errorf("line %d: %w", i+1, err)
		}
		k := f.Article
		if u := str(f.URL); u != "" {
			k = path.Base(strings.TrimSuffix(strings.TrimPrefix(u, "file://"), "/"))
		}
		preds[k] = append(preds[k], f)
	}
	return preds, nil
}

// Score compares predictions with gold, article by article.
func Score(gold, preds map[string][]Fact) Result {
	res := Result{ByType: map[string]*Counts{}}
	for _, t := range []string{"az_count", "datacenter_count", "expansion", "investment", "money", "region_count"} {
		res.ByType[t] = &Counts{}
	}
	arts := make([]string, 0, len(gold))
	for a := range gold {
		arts = append(arts, a)
	}
	sort.Strings(arts)
	for _, art := range arts {
		gk, pk := map[string]string{}, map[string]string{}
		for _, f := range gold[art] {
			if k, ok := key(f); ok {
				gk[k] = f.Type
			}
		}
		for _, f := range preds[art] {
			if _, known := res.ByType[f.Type]; !known {
				continue
			}
			if k, ok := key(f); ok {
				pk[k] = f.Type
			}
		}
		for k, t := range gk {
			res.ByType[t].Gold++
			if _, ok := pk[k]; ok {
				res.ByType[t].TP++
			} else {
				res.Misses = append(res.Misses, art+": "+k)
			}
		}
		for k, t := range pk {
			res.ByType[t].Pred++
			if _, ok := gk[k]; !ok {
				res.Extras = append(res.Extras, art+": "+k)
			}
		}
	}
	for _, c := range res.ByType {
		res.Micro.Gold += c.Gold
		res.Micro.Pred += c.Pred
		res.Micro.TP += c.TP
	}
	sort.Strings(res.Misses)
	sort.Strings(res.Extras)
	return res
}

// Table formats the per-type scores like score.py.
func (r Result) Table() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-18s %5s %5s %5s %6s %6s %6s\n", "type", "gold", "pred", "tp", "P", "R", "F1")
	types := make([]string, 0, len(r.ByType))
	for t := range r.ByType {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		c := r.ByType[t]
		p, rc, f := c.F1()
		fmt.Fprintf(&b, "%-18s %5d %5d %5d %6.3f %6.3f %6.3f\n", t, c.Gold, c.Pred, c.TP, p, rc, f)
	}
	p, rc, f := r.Micro.F1()
	fmt.Fprintf(&b, "micro P %.3f R %.3f F1 %.3f\n", p, rc, f)
	return b.String()
}
