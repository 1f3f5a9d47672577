package store

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// Export formats.
const (
	FormatJSONL = "jsonl"
	FormatCSV   = "csv"
)

// typeFields are the fields of each fact type, in the order of the fact
// model (spec/facts.md).
var typeFields = map[string][]string{
	"region_count":     {"value", "scope", "qualifier"},
	"az_count":         {"value", "scope", "qualifier"},
	"datacenter_count": {"value", "scope", "qualifier"},
	"expansion":        {"country", "city", "facility", "status", "ordinal", "year"},
	"investment":       {"amount", "currency", "usd", "period", "qualifier"},
	"money":            {"amount", "currency", "usd", "qualifier", "label"},
}

var (
	headFields = []string{"type", "company", "quote", "article"}
	// url is the article's URL, else the path it was read from; path is
	// the file it was read from, null for a fetched page.
	tailFields = []string{"url", "path", "title", "published", "start", "end", "rule", "confidence"}
	// csvColumns is the union of all fields, each once.
	csvColumns = append(append(append([]string{}, headFields...),
		"value", "scope", "qualifier",
		"country", "city", "facility", "status", "ordinal", "year",
		"amount", "currency", "usd", "period", "label"), tailFields...)
)

// Export writes every fact of a claim not rejected, with its claim's
// corrections applied, ordered by article id, start offset and fact id,
// as JSON Lines (FormatJSONL: one object per fact, fields as in the fact
// model, null where unset) or CSV (FormatCSV: a header row, then the same
// fields, all types' fields as columns, empty where unset).
func (db *DB) Export(ctx context.Context, w io.Writer, format string) error {
	return db.ExportFiltered(ctx, w, format, ExportFilter{})
}

// ExportFiltered is Export of the facts that f selects, filtered in SQL.
func (db *DB) ExportFiltered(ctx context.Context, w io.Writer, format string, f ExportFilter) error {
	where, args := f.where()
	var write func(exportRow) error
	var flush func() error
	switch format {
	case FormatJSONL:
		bw := bufio.NewWriter(w)
		// bufio errors stick; Flush reports them.
		write = func(r exportRow) error { r.writeJSON(bw); return nil }
		flush = bw.Flush
	case FormatCSV:
		cw := csv.NewWriter(w)
		header := csvColumns
		if f.All {
			header = append(append([]string{}, csvColumns...), "review")
		}
		if err := cw.Write(header); err != nil {
			return fmt.Errorf("store: export: %w", err)
		}
		write = func(r exportRow) error { return cw.Write(r.csvRecord()) }
		flush = func() error { cw.Flush(); return cw.Error() }
	default:
		return fmt.Errorf("store: unknown export format %q (want %s or %s)", format, FormatJSONL, FormatCSV)
	}

	rows, err := db.sql.QueryContext(ctx, `
		SELECT f.type, f.company, t.text_z, t.text_size, f.article_id,
			f.value, f.scope, f.qualifier,
			f.country, f.city, f.facility, f.status, f.ordinal, f.year,
			f.amount, f.currency, f.usd, f.period, f.label,
			coalesce(a.url, a.source),
			CASE WHEN a.source LIKE 'http://%' OR a.source LIKE 'https://%' THEN NULL ELSE a.source END,
			a.title, substr(a.published, 1, 10),
			f.start_offset, f.end_offset, f.rule, f.confidence, f.review
		FROM facts_reviewed f JOIN articles a ON a.id = f.article_id
		JOIN article_texts t ON t.article_id = f.article_id
		`+where+`
		ORDER BY f.article_id, f.start_offset, f.id`, args...)
	if err != nil {
		return fmt.Errorf("store: export: %w", err)
	}
	defer rows.Close()
	// Facts come by article: each article's text is inflated once.
	var (
		text string
		last int64 = -1
	)
	for rows.Next() {
		var (
			z                                                  sql.RawBytes
			size                                               int64
			typ, url                                           string
			path                                               sql.NullString
			articleID, start, end                              int64
			confidence                                         float64
			company, scope, qualifier, country, city, facility sql.NullString
			status, currency, period, label, title, published  sql.NullString
			rule, review                                       sql.NullString
			value, ordinal, year                               sql.NullInt64
			amount, usd                                        sql.NullFloat64
		)
		if err := rows.Scan(&typ, &company, &z, &size, &articleID,
			&value, &scope, &qualifier,
			&country, &city, &facility, &status, &ordinal, &year,
			&amount, &currency, &usd, &period, &label,
			&url, &path, &title, &published,
			&start, &end, &rule, &confidence, &review); err != nil {
			return fmt.Errorf("store: export: %w", err)
		}
		if articleID != last {
			var err error
			if text, err = articleText(z, size); err != nil {
				return fmt.Errorf("store: export: article %d: %w", articleID, err)
			}
			last = articleID
		}
		quote := substrChars(text, start, end)
		r := exportRow{typ: typ, withReview: f.All, vals: map[string]any{
			"type": typ, "company": company, "quote": quote,
			"article": strconv.FormatInt(articleID, 10),
			"value":   value, "scope": scope, "qualifier": qualifier,
			"country": country, "city": city, "facility": facility,
			"status": status, "ordinal": ordinal, "year": year,
			"amount": amount, "currency": currency, "usd": usd,
			"period": period, "label": label,
			"url": url, "path": path, "title": title, "published": published,
			"start": start, "end": end, "rule": rule, "confidence": confidence,
			"review": review,
		}}
		if err := write(r); err != nil {
			return fmt.Errorf("store: export: %w", err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: export: %w", err)
	}
	if err := flush(); err != nil {
		return fmt.Errorf("store: export: %w", err)
	}
	return nil
}

// ExportFilter selects facts for ExportFiltered; the zero value selects
// every fact, and the conditions set must all hold.
type ExportFilter struct {
	Providers     []string // the fact's company is one of these (case-insensitive)
	Types         []string // the fact's type is one of these
	Countries     []string // ISO 3166-1 alpha-2: an expansion's country, or a count's scope
	Since         string   // YYYY-MM-DD: the article was published on or after this day
	MinConfidence float64  // the fact's confidence is at least this
	// All includes the facts of rejected claims, and adds a field
	// "review" to every row: rejected, confirmed, corrected or null.
	All bool
}

// FactTypes are the fact types, as ExportFilter.Types names them.
func FactTypes() []string {
	types := make([]string, 0, len(typeFields))
	for t := range typeFields {
		types = append(types, t)
	}
	sort.Strings(types)
	return types
}

// where returns the filter as a WHERE clause ("" for none) and its
// arguments.
func (f ExportFilter) where() (string, []any) {
	var c sqlWhere
	c.in("f.company COLLATE NOCASE", f.Providers)
	c.in("f.type", f.Types)
	c.in("coalesce(f.country, f.scope)", upperAll(f.Countries))
	if f.Since != "" {
		c.add("substr(a.published, 1, 10) >= ?", f.Since)
	}
	if f.MinConfidence > 0 {
		c.add("f.confidence >= ?", f.MinConfidence)
	}
	if !f.All {
		c.add("f.review IS NOT 'rejected'")
	}
	if len(c.list) == 0 {
		return "", nil
	}
	return "WHERE " + strings.Join(c.list, " AND "), c.args
}

// exportRow is one fact with its values by export field name: string,
// int64, float64, or a sql.Null* that is null when unset.
type exportRow struct {
	typ        string
	withReview bool // export --all: a "review" field last
	vals       map[string]any
}

func (r exportRow) fields() []string {
	fs := append([]string{}, headFields...)
	fs = append(fs, typeFields[r.typ]...)
	fs = append(fs, tailFields...)
	if r.withReview {
		fs = append(fs, "review")
	}
	return fs
}

// writeJSON writes the row as one JSON object with fields in the fact
// model's order, which encoding/json cannot do for a map.
func (r exportRow) writeJSON(w *bufio.Writer) {
	w.WriteByte('{')
	for i, name := range r.fields() {
		if i > 0 {
			w.WriteByte(',')
		}
		writeJSONString(w, name)
		w.WriteByte(':')
		v, null := r.value(name)
		if null {
			w.WriteString("null")
		} else if s, ok := v.(string); ok {
			writeJSONString(w, s)
		} else {
			w.WriteString(formatNumber(v))
		}
	}
	w.WriteString("}\n")
}

func (r exportRow) csvRecord() []string {
	cols := csvColumns
	if r.withReview {
		cols = append(append([]string{}, csvColumns...), "review")
	}
	rec := make([]string, len(cols))
	for i, name := range cols {
		v, null := r.value(name)
		if null {
			continue
		}
		if s, ok := v.(string); ok {
			rec[i] = s
		} else {
			rec[i] = formatNumber(v)
		}
	}
	return rec
}

// value returns the field's plain value (string, int64 or float64), or
// null=true when unset or not a field of the row's type.
func (r exportRow) value(name string) (v any, null bool) {
	switch v := r.vals[name].(type) {
	case sql.NullString:
		return v.String, !v.Valid
	case sql.NullInt64:
		return v.Int64, !v.Valid
	case sql.NullFloat64:
		return v.Float64, !v.Valid
	case nil:
		return nil, true
	default:
		return v, false
	}
}

// formatNumber writes numbers without exponents: 380000000000, not 3.8e+11.
func formatNumber(v any) string {
	switch v := v.(type) {
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	panic(fmt.Sprintf("store: formatNumber(%T)", v))
}

func writeJSONString(w *bufio.Writer, s string) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	// Quotes are cited text; keep <, > and & readable.
	enc.SetEscapeHTML(false)
	enc.Encode(s) // a string always encodes
	w.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}
