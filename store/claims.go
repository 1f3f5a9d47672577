package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/cloudfacts/ingest/extract"
)

// ClaimKey is the normalised key of the claim a fact states: fields
// joined by "|", lower-cased and trimmed, numbers in Go's shortest form
// without exponent:
//
//	region_count|aws|33|global          counts: type, company, value, scope
//	expansion|oracle|cl|region|planned  expansion: type, company, country, facility, status
//	investment|microsoft|3200000000|usd investment and money: type, company, amount, currency
//
// Two facts with one key cite one claim.
func ClaimKey(f extract.Fact) string {
	parts := []string{f.Type, f.Company}
	switch f.Type {
	case extract.TypeRegionCount, extract.TypeAZCount, extract.TypeDatacenterCount:
		parts = append(parts, strconv.Itoa(f.Value), f.Scope)
	case extract.TypeExpansion:
		parts = append(parts, f.Country, f.Facility, f.Status)
	default:
		parts = append(parts, strconv.FormatFloat(f.Amount, 'f', -1, 64), f.Currency)
	}
	for i, p := range parts {
		parts[i] = strings.ToLower(strings.Join(strings.Fields(p), " "))
	}
	return strings.Join(parts, "|")
}

// ClaimIDLen is the length of a claim id in hex digits.
const ClaimIDLen = 12

// ClaimID is the stable id of the claim a fact states: the first 12 hex
// digits of the SHA-256 of its ClaimKey. It depends on the key only, so
// reextract and a new run give a claim the same id.
func ClaimID(f extract.Fact) string {
	sum := sha256.Sum256([]byte(ClaimKey(f)))
	return hex.EncodeToString(sum[:])[:ClaimIDLen]
}

// ClaimNum is the claim id as the store keeps it (migration 17): its 12
// hex digits read as a number, the first 6 bytes of the SHA-256, so
// that numbers sort as the ids do. The views show it as the id,
// printf('%012x', claim_id).
func ClaimNum(f extract.Fact) int64 {
	sum := sha256.Sum256([]byte(ClaimKey(f)))
	return int64(binary.BigEndian.Uint64(sum[:8]) >> 16)
}

// parseClaimID returns the number of a claim id as users type it (12 hex
// digits, either case, spaces around) and the id in its own form; an
// error wrapping ErrNoClaim for anything else, which no claim has.
func parseClaimID(id string) (int64, string, error) {
	id = strings.ToLower(strings.TrimSpace(id))
	if len(id) != ClaimIDLen {
		return 0, id, fmt.Errorf("claim %q: %w", id, ErrNoClaim)
	}
	n, err := strconv.ParseUint(id, 16, 64)
	if err != nil {
		return 0, id, fmt.Errorf("claim %q: %w", id, ErrNoClaim)
	}
	return int64(n), id, nil
}

// migrationHooks are the Go parts of migrations, by the version they
// bring the schema to; each runs before the migration's SQL, in its
// transaction.
var migrationHooks = map[int]func(context.Context, *sql.Tx) error{
	9:  backfillClaimIDs,
	13: dropFactCopies,
	15: compactStore,
	16: codeStore,
	17: leanStore,
	18: textsStore,
}

// factViews are the views that read facts as migrations 13 and 14 knew
// them; those migrations create them all again. (Views are views.sql's
// from migration 15 on: viewsFileVersion.)
var factViews = []string{"claim_list", "claim_list_all", "claim_rows", "claim_dirty_stats", "claim_bulk_stats",
	"claims_waiting", "claims_pending", "citations", "summary",
	"money_facts", "counts", "footprint", "expansions", "claims", "fact_text", "facts_reviewed",
	"claim_review", "count_timeline", "facility_status", "conflicts", "conflicts_live"}

// dropFactCopies drops the columns facts.quote (the article text between
// the offsets) and facts.extractor_version (the article's), and first the
// views that read them, which SQLite checks on ALTER TABLE DROP COLUMN.
// Columns already dropped are skipped, so the migration can be re-applied.
func dropFactCopies(ctx context.Context, tx *sql.Tx) error {
	for _, v := range factViews {
		if _, err := tx.ExecContext(ctx, `DROP VIEW IF EXISTS `+v); err != nil {
			return fmt.Errorf("drop view %s: %w", v, err)
		}
	}
	for _, col := range []string{"quote", "extractor_version"} {
		var has int
		if err := tx.QueryRowContext(ctx,
			`SELECT count(*) FROM pragma_table_info('facts') WHERE name = ?`, col).Scan(&has); err != nil {
			return fmt.Errorf("drop facts.%s: %w", col, err)
		}
		if has == 0 {
			continue
		}
		// col is one of the two names above.
		if _, err := tx.ExecContext(ctx, `ALTER TABLE facts DROP COLUMN `+col); err != nil {
			return fmt.Errorf("drop facts.%s: %w", col, err)
		}
	}
	return nil
}

// backfillClaimIDs adds the column facts.claim_id if it is missing and
// computes the claim id of every stored fact that has none (SQLite has no
// SHA-256).
func backfillClaimIDs(ctx context.Context, tx *sql.Tx) error {
	var has int
	if err := tx.QueryRowContext(ctx,
		`SELECT count(*) FROM pragma_table_info('facts') WHERE name = 'claim_id'`).Scan(&has); err != nil {
		return fmt.Errorf("backfill claim ids: %w", err)
	}
	if has == 0 {
		if _, err := tx.ExecContext(ctx, `ALTER TABLE facts ADD COLUMN claim_id TEXT`); err != nil {
			return fmt.Errorf("add facts.claim_id: %w", err)
		}
	}
	rows, err := tx.QueryContext(ctx, `
		SELECT id, type, coalesce(company, ''), coalesce(value, 0), coalesce(scope, ''),
			coalesce(country, ''), coalesce(facility, ''), coalesce(status, ''),
			coalesce(amount, 0), coalesce(currency, '')
		FROM facts WHERE claim_id IS NULL`)
	if err != nil {
		return fmt.Errorf("backfill claim ids: %w", err)
	}
	ids := map[int64]string{}
	for rows.Next() {
		var (
			id int64
			f  extract.Fact
		)
		if err := rows.Scan(&id, &f.Type, &f.Company, &f.Value, &f.Scope,
			&f.Country, &f.Facility, &f.Status, &f.Amount, &f.Currency); err != nil {
			rows.Close()
			return fmt.Errorf("backfill claim ids: %w", err)
		}
		ids[id] = ClaimID(f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("backfill claim ids: %w", err)
	}
	stmt, err := tx.PrepareContext(ctx, `UPDATE facts SET claim_id = ? WHERE id = ?`)
	if err != nil {
		return fmt.Errorf("backfill claim ids: %w", err)
	}
	defer stmt.Close()
	for id, claim := range ids {
		if _, err := stmt.ExecContext(ctx, claim, id); err != nil {
			return fmt.Errorf("backfill claim ids: %w", err)
		}
	}
	return nil
}

// RefreshClaims stores in claim_stats the claims written since it was
// last brought up to date (claims_waiting: the claims of facts written
// since, above claim_mark, and those triggers noted in claim_dirty), in
// one transaction. The views are right without it (claim_rows computes those
// claims afresh); it makes them fast again. Close calls it for a handle
// that may have written.
func (db *DB) RefreshClaims(ctx context.Context) error {
	// Most handles wrote no claim: no write transaction, no lock to wait
	// for behind another process's run.
	var dirty bool
	if err := db.sql.QueryRowContext(ctx, `SELECT pending FROM claims_pending`).Scan(&dirty); err != nil {
		return fmt.Errorf("store: refresh claims: %w", err)
	}
	if !dirty {
		return nil
	}
	// A connection of its own, with a small page cache (512 KiB) and
	// temporary tables in files: when most claims wait, claim_dirty_stats
	// sorts every fact and conflicts_live every count, which must not be
	// held in memory as on the writer's connection (cache 16 MiB,
	// temp_store = MEMORY), which Close returns to the pool before this
	// runs. SQLite's memory is outside the Go heap, where GOMEMLIMIT does
	// not see it: over 100,000 articles the refresh took 16 MiB for the
	// claims with a 2 MiB cache, 7 MiB with this one, no slower, and 31
	// MiB for the conflicts.
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: refresh claims: %w", err)
	}
	defer conn.Close()
	// Its sorts get a helper thread (PRAGMA threads = 1): the refresh runs
	// when the workers have stopped and a core is idle.
	if _, err := conn.ExecContext(ctx, `PRAGMA cache_size = -512; PRAGMA temp_store = FILE; PRAGMA threads = 1`); err != nil {
		return fmt.Errorf("store: refresh claims: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA cache_size = -2000; PRAGMA temp_store = DEFAULT; PRAGMA threads = 0`)
	var bulk bool
	if err := conn.QueryRowContext(ctx, `SELECT bulk FROM claim_refresh_plan`).Scan(&bulk); err != nil {
		return fmt.Errorf("store: refresh claims: %w", err)
	}
	if bulk {
		// After a large run the heap its workers left is garbage: given
		// back to the system before SQLite takes its own, peak RSS is the
		// larger of the two, not their sum (over 100,000 articles RSS fell
		// from 138 to 113 MiB here, and the run peaked at 141 MiB, not
		// 176).
		debug.FreeOSMemory()
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: refresh claims: %w", err)
	}
	defer tx.Rollback()
	stats := []string{
		correctedCompanies,
		`DELETE FROM claim_stats WHERE claim_id IN (SELECT claim_id FROM claims_waiting)`,
		// claim_dirty_stats reads the facts in one ordered pass when most
		// claims wait (claim_refresh_plan), else claim by claim.
		`INSERT INTO claim_stats ` + codedClaimStats,
	}
	if bulk {
		// Most claims written again: the table made afresh, copied whole
		// from a temporary one of the same definition, and its indexes
		// made afresh. SQLite copies a table into an empty one of the
		// same definition page after page, full (as CREATE INDEX and
		// VACUUM write); rows inserted one by one, even in the table's
		// order, leave its pages an eighth empty (82 of 745 KB over
		// 1,000 generated articles), and over 100,000 articles would
		// write into a B-tree larger than the page cache.
		var def string
		if err := tx.QueryRowContext(ctx, `SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'claim_stats'`).Scan(&def); err != nil {
			return fmt.Errorf("store: refresh claims: %w", err)
		}
		def = tableName.ReplaceAllString(def, "CREATE TEMP TABLE claim_stats_new")
		stats = []string{
			correctedCompanies,
			`DROP TABLE IF EXISTS temp.claim_stats_new`,
			def,
			`INSERT INTO temp.claim_stats_new SELECT * FROM claim_stats WHERE claim_id NOT IN (SELECT claim_id FROM claims_waiting)`,
			`INSERT INTO temp.claim_stats_new ` + codedClaimStats + ` ORDER BY 1, 2, 3 DESC, 4`,
			`DROP INDEX IF EXISTS claim_stats_claim`,
			`DROP INDEX IF EXISTS claim_stats_review`,
			`DELETE FROM claim_stats`,
			`INSERT INTO claim_stats SELECT * FROM temp.claim_stats_new`,
			`DROP TABLE temp.claim_stats_new`,
			`CREATE UNIQUE INDEX claim_stats_claim ON claim_stats (claim_id)`,
			`CREATE INDEX claim_stats_review ON claim_stats (review) WHERE review IS NOT NULL`,
		}
	}
	for _, q := range append(stats,
		// Conflicts compare claims across the store: stored whole, while
		// claim_dirty still says the live view is the one to read.
		`DELETE FROM conflict_cache`,
		// Coded, and without what the conflict is about (the view says
		// it from the type and scope) or its sources (read from the
		// facts' articles): cachedConflictSQL.
		`INSERT INTO conflict_cache `+fmt.Sprintf(cachedConflictSQL, "p.type", "p.scope",
			conflictDaySQL("p.date_1"), conflictDaySQL("p.date_2"))+` FROM conflict_pairs p`,
		`DELETE FROM claim_dirty`,
		`UPDATE claim_mark SET fact_id = (SELECT coalesce(max(id), 0) FROM facts)`,
	) {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("store: refresh claims: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: refresh claims: %w", err)
	}
	return nil
}

// tableName is the start of a CREATE TABLE statement, up to the table's
// name.
var tableName = regexp.MustCompile(`^CREATE TABLE ("[^"]*"|\S+)`)

// correctedCompanies adds to companies the names corrections give claims
// (claim_stats keeps a claim's corrected company as an id, migration 18).
const correctedCompanies = `INSERT INTO companies (name)
	SELECT DISTINCT value FROM corrections WHERE action = 'correct' AND field = 'company' AND value IS NOT NULL
	ON CONFLICT DO NOTHING`

// codedClaimStats is claim_dirty_stats as claim_stats keeps it: the
// company's id for its name (correctedCompanies has added every name).
const codedClaimStats = `SELECT (SELECT c.id FROM companies c WHERE c.name = d.company), d.type, d.last_seen, d.claim_id,
	d.value, d.scope, d.country, d.facility, d.status, d.year, d.amount, d.currency, d.usd, d.label, d.first_seen,
	d.citations, d.sources, d.confidence, d.fact, d.review
	FROM claim_dirty_stats d`

// Claim is one row of claim_list_all.
type Claim struct {
	ID, Company, Type, What  string
	Value                    sql.NullInt64
	Scope, Country, Facility string
	Status                   string
	Year                     sql.NullInt64
	Amount, USD              sql.NullFloat64
	Currency                 string
	FirstSeen, LastSeen      string
	Citations, Sources       int
	Confidence               float64
	Quote                    string
	Review                   string // "", rejected, confirmed or corrected
}

// ClaimFilter selects claims; the zero value selects every claim that is
// not rejected.
type ClaimFilter struct {
	Providers     []string
	Types         []string
	Countries     []string // an expansion's country or a count's scope
	Since         string   // YYYY-MM-DD: last seen on or after
	MinConfidence float64  // the best citation's confidence
	All           bool     // rejected claims too
	Limit         int      // at most this many claims, in claim_list's order; 0: all
}

// Claims lists claims as claim_list shows them (claim_list_all with All),
// in its order. claim_list reads claim_stats, one row per claim keyed in
// that order, so a filter is a scan of one row per claim and a Limit
// reads no more rows than it needs.
func (db *DB) Claims(ctx context.Context, f ClaimFilter) ([]Claim, error) {
	q, args := claimsQuery(f)
	return db.queryClaims(ctx, q, args...)
}

// claimsQuery is the query of Claims.
func claimsQuery(f ClaimFilter) (string, []any) {
	view, conds, args := claimConds(f)
	q := `SELECT ` + claimColumns + ` FROM ` + view
	if len(conds) > 0 {
		q += ` WHERE ` + strings.Join(conds, " AND ")
	}
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	return q, args
}

// claimConds returns the view f reads and its conditions on the view's
// columns.
func claimConds(f ClaimFilter) (view string, where []string, args []any) {
	view = "claim_list"
	if f.All {
		view = "claim_list_all"
	}
	var c sqlWhere
	c.in("company COLLATE NOCASE", f.Providers)
	c.in("type", f.Types)
	c.in("coalesce(country, scope)", upperAll(f.Countries))
	if f.Since != "" {
		c.add("last_seen >= ?", f.Since)
	}
	if f.MinConfidence > 0 {
		c.add("confidence >= ?", f.MinConfidence)
	}
	return view, c.list, c.args
}

func upperAll(vals []string) []string {
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = strings.ToUpper(v)
	}
	return out
}

const claimColumns = `claim, coalesce(company, ''), type, coalesce(what, ''), value,
	coalesce(scope, ''), coalesce(country, ''), coalesce(facility, ''), coalesce(status, ''), year,
	amount, usd, coalesce(currency, ''), coalesce(first_seen, ''), coalesce(last_seen, ''),
	citations, sources, confidence, coalesce(quote, ''), coalesce(review, '')`

func (db *DB) queryClaims(ctx context.Context, q string, args ...any) ([]Claim, error) {
	rows, err := db.sql.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: claims: %w", err)
	}
	defer rows.Close()
	var out []Claim
	for rows.Next() {
		var c Claim
		if err := rows.Scan(&c.ID, &c.Company, &c.Type, &c.What, &c.Value,
			&c.Scope, &c.Country, &c.Facility, &c.Status, &c.Year,
			&c.Amount, &c.USD, &c.Currency, &c.FirstSeen, &c.LastSeen,
			&c.Citations, &c.Sources, &c.Confidence, &c.Quote, &c.Review); err != nil {
			return nil, fmt.Errorf("store: claims: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: claims: %w", err)
	}
	return out, nil
}

// ErrNoClaim is wrapped by the error for a claim id that no fact cites.
var ErrNoClaim = errors.New("no such claim")

// ClaimByID returns one claim, rejected or not.
func (db *DB) ClaimByID(ctx context.Context, id string) (Claim, error) {
	num, id, err := parseClaimID(id)
	if err != nil {
		return Claim{}, err
	}
	cs, err := db.queryClaims(ctx, `SELECT `+claimColumns+` FROM claim_list_all WHERE claim_num = ?`, num)
	if err != nil {
		return Claim{}, err
	}
	if len(cs) == 0 {
		return Claim{}, fmt.Errorf("claim %q: %w", id, ErrNoClaim)
	}
	return cs[0], nil
}

// Citation is one row of the citations view: a fact citing a claim.
type Citation struct {
	Title, Site, Published string
	Quote                  string
	Start, End             int
	Rule                   string
	Confidence             float64
	URL                    string
	CopyOf                 string // the original's URL when the article is a syndicated copy
}

// Citations lists the citations of a claim, oldest article first.
func (db *DB) Citations(ctx context.Context, claimID string) ([]Citation, error) {
	num, _, err := parseClaimID(claimID)
	if errors.Is(err, ErrNoClaim) {
		return nil, nil // no fact cites it
	}
	rows, err := db.sql.QueryContext(ctx, `
		SELECT coalesce(title, ''), site, coalesce(published, ''), quote, start, "end",
			coalesce(rule, ''), confidence, url, coalesce(copy_of, '')
		FROM citations WHERE claim_num = ?`, num)
	if err != nil {
		return nil, fmt.Errorf("store: citations: %w", err)
	}
	defer rows.Close()
	var out []Citation
	for rows.Next() {
		var c Citation
		if err := rows.Scan(&c.Title, &c.Site, &c.Published, &c.Quote, &c.Start, &c.End,
			&c.Rule, &c.Confidence, &c.URL, &c.CopyOf); err != nil {
			return nil, fmt.Errorf("store: citations: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: citations: %w", err)
	}
	return out, nil
}
