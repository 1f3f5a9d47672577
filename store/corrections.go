package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Correction actions, as stored in corrections.action.
const (
	ActionReject  = "reject"
	ActionConfirm = "confirm"
	ActionCorrect = "correct"
)

// Correction is one analyst action on a claim.
type Correction struct {
	ClaimID      string
	Action       string
	Field, Value string // ActionCorrect only
	Reason       string
	At           string // ISO 8601, UTC
}

// CorrectableFields are the fields `correct` may set.
var CorrectableFields = []string{"company", "value", "scope", "qualifier", "country", "city",
	"facility", "status", "ordinal", "year", "amount", "currency", "usd", "period", "label"}

// CheckCorrection validates and normalises a field's new value: the
// fact model's rules (a two-letter upper-case country, a known status,
// facility or label, whole numbers for value, ordinal and year, a number
// for amount and usd, an upper-case currency code).
func CheckCorrection(field, value string) (string, error) {
	value = strings.TrimSpace(value)
	if !slices.Contains(CorrectableFields, field) {
		return "", fmt.Errorf("unknown field %q (want one of %s)", field, strings.Join(CorrectableFields, ", "))
	}
	if value == "" {
		return "", fmt.Errorf("%s: empty value", field)
	}
	oneOf := func(vals ...string) (string, error) {
		if slices.Contains(vals, value) {
			return value, nil
		}
		return "", fmt.Errorf("%s must be one of %s, not %q", field, strings.Join(vals, ", "), value)
	}
	switch field {
	case "country":
		u := strings.ToUpper(value)
		if len(u) != 2 || strings.Trim(u, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
			return "", fmt.Errorf("country must be a two-letter ISO 3166-1 code, not %q", value)
		}
		return u, nil
	case "currency":
		u := strings.ToUpper(value)
		if len(u) != 3 || strings.Trim(u, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
			return "", fmt.Errorf("currency must be a three-letter ISO 4217 code, not %q", value)
		}
		return u, nil
	case "status":
		return oneOf("planned", "launched", "closed")
	case "facility":
		return oneOf("region", "data_center", "availability_zone", "edge_location", "local_zone", "service_center", "other")
	case "label":
		return oneOf("revenue", "market_spend", "capex", "bond", "market_value", "other")
	case "value", "ordinal", "year":
		n, err := strconv.Atoi(value)
		if err != nil || n < 0 {
			return "", fmt.Errorf("%s must be a whole number, not %q", field, value)
		}
		return strconv.Itoa(n), nil
	case "amount", "usd":
		x, err := strconv.ParseFloat(strings.ReplaceAll(value, ",", ""), 64)
		if err != nil || x < 0 {
			return "", fmt.Errorf("%s must be a number, not %q", field, value)
		}
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	}
	return value, nil
}

// Review records an action on a claim that facts cite: reject or confirm
// (fields nil), or correct (fields: field=value pairs, checked with
// CheckCorrection), with its reason, in one transaction. It fails with an
// error wrapping ErrNoClaim when no stored fact cites the claim.
func (db *DB) Review(ctx context.Context, claimID, action, reason string, fields [][2]string) error {
	num, claimID, err := parseClaimID(claimID)
	if err != nil {
		return err
	}
	switch action {
	case ActionReject, ActionConfirm:
		if len(fields) > 0 {
			return fmt.Errorf("store: %s takes no fields", action)
		}
	case ActionCorrect:
		if len(fields) == 0 {
			return fmt.Errorf("store: correct needs a field=value")
		}
	default:
		return fmt.Errorf("store: unknown review action %q", action)
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM facts WHERE claim_id = ?`, num).Scan(&n); err != nil {
		return fmt.Errorf("store: claim %s: %w", claimID, err)
	}
	if n == 0 {
		return fmt.Errorf("claim %q: %w", claimID, ErrNoClaim)
	}
	ts := now()
	ins := func(field, value any) error {
		_, err := tx.ExecContext(ctx,
			`INSERT INTO corrections (claim_id, action, field, value, reason, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			claimID, action, field, value, nullString(reason), ts)
		if err != nil {
			return fmt.Errorf("store: record %s of claim %s: %w", action, claimID, err)
		}
		return nil
	}
	if action != ActionCorrect {
		if err := ins(nil, nil); err != nil {
			return err
		}
	}
	for _, fv := range fields {
		v, err := CheckCorrection(fv[0], fv[1])
		if err != nil {
			return err
		}
		if err := ins(fv[0], v); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit review of claim %s: %w", claimID, err)
	}
	return nil
}

// Corrections lists the actions on a claim, oldest first.
func (db *DB) Corrections(ctx context.Context, claimID string) ([]Correction, error) {
	rows, err := db.sql.QueryContext(ctx, `
		SELECT claim_id, action, coalesce(field, ''), coalesce(value, ''), coalesce(reason, ''), created_at
		FROM corrections WHERE claim_id = ? ORDER BY id`, strings.ToLower(strings.TrimSpace(claimID)))
	if err != nil {
		return nil, fmt.Errorf("store: corrections: %w", err)
	}
	defer rows.Close()
	var out []Correction
	for rows.Next() {
		var c Correction
		if err := rows.Scan(&c.ClaimID, &c.Action, &c.Field, &c.Value, &c.Reason, &c.At); err != nil {
			return nil, fmt.Errorf("store: corrections: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
