// Package report writes the review report: one self-contained HTML page
// (inline CSS and SVG, no scripts, fonts or other requests) with a provider
// × country matrix of facilities, count timelines as charts, money
// figures, conflicts, and every figure linked to its quote and source
// within the page (#fact-N).
package report

import (
	"context"
	"database/sql"
	"fmt"
	"html/template"
	"io"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/cloudfacts/ingest/store"
)

// Data is what the report shows.
type Data struct {
	Generated  string
	Timeline   []store.TimelineRow
	Facilities []store.FacilityRow
	Conflicts  []store.Conflict
	Money      []store.MoneyRow
	Citations  []store.ReportCitation
}

// Load reads the report's data from db.
func Load(ctx context.Context, db *store.DB) (*Data, error) {
	d := &Data{Generated: time.Now().UTC().Format("2006-01-02 15:04 UTC")}
	var err error
	if d.Timeline, err = db.CountTimeline(ctx, ""); err != nil {
		return nil, err
	}
	if d.Facilities, err = db.FacilityStatus(ctx, ""); err != nil {
		return nil, err
	}
	if d.Conflicts, err = db.Conflicts(ctx); err != nil {
		return nil, err
	}
	if d.Money, err = db.Money(ctx); err != nil {
		return nil, err
	}
	if d.Citations, err = db.ReportCitations(ctx); err != nil {
		return nil, err
	}
	return d, nil
}

// Write writes the report page for d to w.
func Write(w io.Writer, d *Data) error {
	return page.Execute(w, view(d))
}

// Cell is one provider × country cell of the matrix.
type Cell struct {
	Items []CellItem
}

// CellItem is one facility of a cell with its latest status.
type CellItem struct {
	Facility, Status, History string
	Fact                      int64
}

type matrixRow struct {
	Provider string
	Cells    []Cell
}

type chart struct {
	Provider string
	SVG      template.HTML
}

type pageView struct {
	*Data
	Countries []string
	Matrix    []matrixRow
	Charts    []chart
	Quoted    []store.ReportCitation
}

func view(d *Data) pageView {
	v := pageView{Data: d}
	countries := map[string]bool{}
	providers := map[string]map[string][]CellItem{}
	var provOrder []string
	for _, f := range d.Facilities {
		countries[f.Country] = true
		if providers[f.Provider] == nil {
			providers[f.Provider] = map[string][]CellItem{}
			provOrder = append(provOrder, f.Provider)
		}
		providers[f.Provider][f.Country] = append(providers[f.Provider][f.Country],
			CellItem{Facility: f.Facility, Status: f.Status, History: f.History, Fact: f.Fact})
	}
	for c := range countries {
		v.Countries = append(v.Countries, c)
	}
	sort.Strings(v.Countries)
	for _, p := range provOrder {
		r := matrixRow{Provider: p}
		for _, c := range v.Countries {
			items := providers[p][c]
			sort.SliceStable(items, func(i, j int) bool { return statusOrder(items[i].Status) < statusOrder(items[j].Status) })
			r.Cells = append(r.Cells, Cell{Items: items})
		}
		v.Matrix = append(v.Matrix, r)
	}
	v.Charts = charts(d.Timeline)
	// Quote every fact the page links to, and only those.
	linked := map[int64]bool{}
	for _, f := range d.Facilities {
		linked[f.Fact] = true
	}
	for _, t := range d.Timeline {
		linked[t.Fact] = true
	}
	for _, c := range d.Conflicts {
		linked[c.Fact1], linked[c.Fact2] = true, true
	}
	for _, m := range d.Money {
		linked[m.Fact] = true
	}
	for _, c := range d.Citations {
		if linked[c.Fact] {
			v.Quoted = append(v.Quoted, c)
		}
	}
	return v
}

func statusOrder(s string) int {
	switch s {
	case "launched":
		return 0
	case "planned":
		return 1
	}
	return 2
}

// series is one count timeline drawn in a chart.
type series struct {
	name, color string
	points      []store.TimelineRow
}

// charts draws, per provider, its region and availability-zone counts of
// scope "global" over time; providers without global counts get none.
func charts(rows []store.TimelineRow) []chart {
	byProv := map[string][]series{}
	var order []string
	for _, r := range rows {
		if r.Scope != "global" || r.Published == "" || (r.Count != "regions" && r.Count != "availability zones") {
			continue
		}
		ss, ok := byProv[r.Provider]
		if !ok {
			order = append(order, r.Provider)
			ss = []series{{name: "regions", color: "#1f6fb2"}, {name: "availability zones", color: "#d9730d"}}
		}
		for i := range ss {
			if ss[i].name == r.Count {
				ss[i].points = append(ss[i].points, r)
			}
		}
		byProv[r.Provider] = ss
	}
	var out []chart
	for _, p := range order {
		out = append(out, chart{Provider: p, SVG: drawChart(p, byProv[p])})
	}
	return out
}

func drawChart(provider string, ss []series) template.HTML {
	const W, H, left, right, top, bottom = 680.0, 240.0, 48.0, 190.0, 16.0, 36.0
	var minT, maxT time.Time
	maxV := 0.0
	for _, s := range ss {
		for _, p := range s.points {
			t, err := time.Parse("2006-01-02", p.Published)
			if err != nil {
				continue
			}
			if minT.IsZero() || t.Before(minT) {
				minT = t
			}
			if t.After(maxT) {
				maxT = t
			}
			maxV = math.Max(maxV, float64(p.Value))
		}
	}
	if maxV == 0 {
		maxV = 1
	}
	maxV = niceCeil(maxV * 1.1)
	span := maxT.Sub(minT).Hours()
	x := func(d string) float64 {
		t, _ := time.Parse("2006-01-02", d)
		if span == 0 {
			return left + (W-left-right)/2
		}
		return left + t.Sub(minT).Hours()/span*(W-left-right)
	}
	y := func(v int64) float64 { return top + (1-float64(v)/maxV)*(H-top-bottom) }
	var b strings.Builder
	e := template.HTMLEscapeString
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 %g %g" role="img" aria-label="%s: regions and availability zones over time">`, W, H, e(provider))
	// Axes and grid.
	for i := 0; i <= 4; i++ {
		v := maxV * float64(i) / 4
		yy := top + (1-float64(i)/4)*(H-top-bottom)
		fmt.Fprintf(&b, `<line x1="%g" y1="%.1f" x2="%g" y2="%.1f" class="grid"/>`, left, yy, W-right, yy)
		fmt.Fprintf(&b, `<text x="%g" y="%.1f" class="tick" text-anchor="end">%g</text>`, left-6, yy+4, v)
	}
	if !minT.IsZero() {
		fmt.Fprintf(&b, `<text x="%g" y="%g" class="tick" text-anchor="start">%s</text>`, left, H-12, minT.Format("2006-01-02"))
		if span > 0 {
			fmt.Fprintf(&b, `<text x="%g" y="%g" class="tick" text-anchor="end">%s</text>`, W-right, H-12, maxT.Format("2006-01-02"))
		}
	}
	for i, s := range ss {
		if len(s.points) == 0 {
			continue
		}
		var pts []string
		for _, p := range s.points {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(p.Published), y(p.Value)))
		}
		fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>`, strings.Join(pts, " "), s.color)
		for _, p := range s.points {
			fmt.Fprintf(&b, `<a href="#fact-%d" class="cite"><circle cx="%.1f" cy="%.1f" r="5" fill="%s"><title>%s: %d %s (%s), %s</title></circle>`+
				`<text x="%.1f" y="%.1f" class="val" text-anchor="middle">%d</text></a>`,
				p.Fact, x(p.Published), y(p.Value), s.color, e(provider), p.Value, e(s.name), e(p.Scope), e(p.Published),
				x(p.Published), y(p.Value)-9, p.Value)
		}
		// Legend.
		ly := top + 10 + float64(i)*20
		fmt.Fprintf(&b, `<rect x="%g" y="%g" width="14" height="4" fill="%s"/><text x="%g" y="%g" class="tick">%s (global)</text>`,
			W-right+12, ly-4, s.color, W-right+32, ly+2, e(s.name))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// niceCeil rounds v up to 1, 2 or 5 times a power of ten.
func niceCeil(v float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= v {
			return m * p
		}
	}
	return 10 * p
}

// Money formats an amount readably: "52.3 billion", "150 million".
func Money(v float64) string {
	switch a := math.Abs(v); {
	case a >= 1e12:
		return trim(v/1e12) + " trillion"
	case a >= 1e9:
		return trim(v/1e9) + " billion"
	case a >= 1e6:
		return trim(v/1e6) + " million"
	}
	return trim(v)
}

func trim(v float64) string {
	s := fmt.Sprintf("%.2f", v)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

// slug makes an HTML id fragment of s.
func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	return b.String()
}

var page = template.Must(template.New("report").Funcs(template.FuncMap{
	"money": Money,
	"slug":  slug,
	"nullf": func(n sql.NullFloat64) string {
		if !n.Valid {
			return ""
		}
		return Money(n.Float64)
	},
	"cval": func(kind string, v float64) string {
		if kind == "USD differs" || kind == "amount differs" {
			return "USD " + Money(v)
		}
		return fmt.Sprintf("%g", v)
	},
	"isURL": func(s string) bool { return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") },
}).Parse(pageTemplate))
