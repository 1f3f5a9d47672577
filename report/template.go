package report

const pageTemplate = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cloud expansion report</title>
<style>
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2330; margin: 0 auto; max-width: 1200px; padding: 0 24px 48px; }
h1 { font-size: 24px; margin: 24px 0 4px; }
h2 { font-size: 18px; margin: 32px 0 8px; border-bottom: 1px solid #d8dde6; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 16px 0 4px; }
nav a { margin-right: 14px; }
a { color: #1f5fa0; }
.meta { color: #5b6475; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid #d8dde6; padding: 4px 8px; vertical-align: top; text-align: left; }
th { background: #f1f3f7; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.wide { overflow-x: auto; max-width: 100%; }
.matrix td { min-width: 64px; }
.matrix .st { font-size: 12px; }
.matrix th[scope=row] { white-space: nowrap; position: sticky; left: 0; }
.st { display: block; white-space: nowrap; text-decoration: none; border-radius: 3px; padding: 0 4px; margin: 1px 0; }
.launched { background: #dff3e4; color: #176b2c; }
.planned { background: #fff1d6; color: #8a5a00; }
.closed { background: #eceef2; color: #555d6b; text-decoration: line-through; }
.legend span { margin-right: 12px; }
svg.chart { width: 100%; max-width: 680px; height: auto; border: 1px solid #e3e7ee; background: #fff; }
svg .grid { stroke: #e8ebf0; }
svg .tick { font-size: 11px; fill: #5b6475; }
svg .val { font-size: 11px; fill: #1d2330; }
.quotes li { margin: 0 0 10px; padding: 6px 8px; }
.quotes li:target { background: #fff8c5; outline: 2px solid #e0c341; }
blockquote.quote { margin: 2px 0; font-style: italic; }
.src { color: #5b6475; font-size: 12px; word-break: break-all; }
</style>
</head>
<body>
<h1>Cloud expansion report</h1>
<p class="meta">Generated {{.Generated}} · {{len .Facilities}} facilities · {{len .Timeline}} counts · {{len .Money}} money figures · {{len .Conflicts}} conflicts. Every figure links to its quote.</p>
<nav><a href="#matrix">Facilities</a><a href="#counts">Counts</a><a href="#money">Money</a><a href="#conflicts">Conflicts</a><a href="#quotes">Quotes</a></nav>

<h2 id="matrix">Facilities by provider and country</h2>
<p class="legend"><span class="st launched" style="display:inline">launched</span><span class="st planned" style="display:inline">planned</span><span class="st closed" style="display:inline">closed</span> latest status reported; hover for its history.</p>
<div class="wide"><table class="matrix" id="matrix-table">
<thead><tr><th>Provider</th>{{range .Countries}}<th scope="col" class="country">{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Matrix}}<tr><th scope="row" class="provider">{{.Provider}}</th>{{range .Cells}}<td>{{range .Items}}<a class="st {{.Status}} cite" href="#fact-{{.Fact}}" title="{{.History}}">{{.Facility}}</a>{{end}}</td>{{end}}</tr>
{{end}}</tbody>
</table></div>

<h2 id="counts">Regions and availability zones over time</h2>
{{range .Charts}}<h3>{{.Provider}}</h3>
{{.SVG}}
{{else}}<p>No global region or availability-zone counts.</p>
{{end}}
<h3>Every count timeline</h3>
<table>
<thead><tr><th>Provider</th><th>Count</th><th>Scope</th><th>Published</th><th>Value</th><th>Change</th></tr></thead>
<tbody>
{{range .Timeline}}<tr><td>{{.Provider}}</td><td>{{.Count}}</td><td>{{.Scope}}</td><td>{{.Published}}</td><td class="num"><a class="cite" href="#fact-{{.Fact}}">{{if .Qualifier}}{{.Qualifier}} {{end}}{{.Value}}</a></td><td class="num">{{if .Change.Valid}}{{printf "%+d" .Change.Int64}}{{end}}</td></tr>
{{end}}</tbody>
</table>

<h2 id="money">Money</h2>
<table>
<thead><tr><th>Provider</th><th>Type</th><th>Amount</th><th>USD</th><th>Period</th><th>Published</th></tr></thead>
<tbody>
{{range .Money}}<tr><td>{{if .Provider}}{{.Provider}}{{else}}(market){{end}}</td><td>{{.Type}}{{if .Label}} · {{.Label}}{{end}}</td><td class="num"><a class="cite" href="#fact-{{.Fact}}">{{if .Qualifier}}{{.Qualifier}} {{end}}{{nullf .Amount}} {{.Currency}}</a></td><td class="num">{{nullf .USD}}</td><td>{{.Period}}</td><td>{{.Published}}</td></tr>
{{end}}</tbody>
</table>

<h2 id="conflicts">Conflicts</h2>
{{if .Conflicts}}<table>
<thead><tr><th>Kind</th><th>Provider</th><th>What</th><th>Earlier</th><th>Later</th></tr></thead>
<tbody>
{{range .Conflicts}}<tr><td>{{.Kind}}</td><td>{{.Provider}}</td><td>{{.What}}</td><td><a class="cite" href="#fact-{{.Fact1}}">{{cval .Kind .Value1}}</a> · {{.Date1}}</td><td><a class="cite" href="#fact-{{.Fact2}}">{{cval .Kind .Value2}}</a> · {{.Date2}}</td></tr>
{{end}}</tbody>
</table>{{else}}<p>No conflicting claims.</p>{{end}}

<h2 id="quotes">Quotes</h2>
<ol class="quotes">
{{range .Quoted}}<li id="fact-{{.Fact}}"><strong>{{if .Provider}}{{.Provider}}{{else}}(market){{end}}</strong>: {{.What}}{{if .Status}} — {{.Status}}{{end}}
<blockquote class="quote">“{{.Quote}}”</blockquote>
<div class="src">{{if .Title}}{{.Title}} · {{end}}{{if .Published}}{{.Published}} · {{end}}{{if isURL .Source}}<a href="{{.Source}}" rel="noreferrer">{{.Source}}</a>{{else}}{{.Source}}{{end}} · fact {{.Fact}}</div></li>
{{end}}</ol>
</body>
</html>
`
