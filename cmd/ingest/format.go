package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"
)

// validListFormat reports whether format is one that feeds list and
// failures write.
func validListFormat(format string) bool {
	switch format {
	case "table", "json", "csv":
		return true
	}
	return false
}

// writeRows writes rows as format "json" (one JSON array of objects whose
// keys are cols, in order) or "csv" (a header row of cols, then the rows).
// Values are strings, ints, int64s, time.Times (the zero time is null in
// JSON and empty in CSV; others are RFC 3339 in UTC) or nil (null).
func writeRows(w io.Writer, format string, cols []string, rows [][]any) error {
	switch format {
	case "json":
		bw := bufio.NewWriter(w)
		bw.WriteString("[")
		for i, row := range rows {
			if i > 0 {
				bw.WriteString(",")
			}
			bw.WriteString("\n{")
			for j, col := range cols {
				if j > 0 {
					bw.WriteString(",")
				}
				k, _ := marshal(col)
				v, err := marshal(jsonValue(row[j]))
				if err != nil {
					return err
				}
				bw.Write(k)
				bw.WriteString(":")
				bw.Write(v)
			}
			bw.WriteString("}")
		}
		if len(rows) > 0 {
			bw.WriteString("\n")
		}
		bw.WriteString("]\n")
		return bw.Flush()
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write(cols)
		for _, row := range rows {
			rec := make([]string, len(row))
			for j, v := range row {
				rec[j] = csvValue(v)
			}
			cw.Write(rec)
		}
		cw.Flush()
		return cw.Error()
	}
	return fmt.Errorf("unknown format %q", format)
}

// marshal is json.Marshal without escaping <, > and &, which are common in
// reasons and titles.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

func jsonValue(v any) any {
	if t, ok := v.(time.Time); ok {
		if t.IsZero() {
			return nil
		}
		return t.UTC().Format(time.RFC3339)
	}
	return v
}

func csvValue(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case time.Time:
		if v.IsZero() {
			return ""
		}
		return v.UTC().Format(time.RFC3339)
	}
	return fmt.Sprint(v)
}
