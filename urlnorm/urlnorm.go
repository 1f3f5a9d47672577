// Package urlnorm turns the many spellings of an article URL into one, so
// that an article reached through two feeds, or through a link decorated
// with campaign parameters, is fetched and stored once.
package urlnorm

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"sort"
	"strings"
)

// ErrUnsupportedScheme is returned for URLs that are not http or https:
// feeds may carry mailto:, javascript: or file: links and none of them is an
// article we may fetch.
var ErrUnsupportedScheme = errors.New("urlnorm: only http and https URLs are supported")

// trackingParams are query parameters that identify a campaign or a click,
// never the document. Names are compared in lower case.
var trackingParams = map[string]bool{
	"fbclid": true, "fb_action_ids": true, "fb_action_types": true, "fb_ref": true, "fb_source": true,
	"gclid": true, "gclsrc": true, "dclid": true, "gbraid": true, "wbraid": true, "srsltid": true,
	"msclkid": true, "twclid": true, "yclid": true, "ysclid": true, "igshid": true, "igsh": true,
	"mc_cid": true, "mc_eid": true, "mc_tc": true,
	"_hsenc": true, "_hsmi": true, "__hstc": true, "__hssc": true, "__hsfp": true, "hsctatracking": true,
	"mkt_tok": true, "vero_id": true, "vero_conv": true, "oly_anon_id": true, "oly_enc_id": true,
	"rb_clickid": true, "sc_cid": true, "_bhlid": true, "_openstat": true, "wickedid": true,
	"_ga": true, "_gl": true, "cmpid": true, "ncid": true, "sr_share": true,
}

var trackingPrefixes = []string{"utm_", "mtm_", "pk_", "hmb_", "itm_"}

func isTracking(name string) bool {
	name = strings.ToLower(name)
	for _, p := range trackingPrefixes {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return trackingParams[name]
}

// Canonical returns the canonical form of an absolute http(s) URL: scheme
// and host in lower case, default port, fragment and tracking parameters
// removed, remaining query parameters sorted by name. Parameter values keep
// their original encoding because some sites tell "a=b+c" from "a=b%20c".
func Canonical(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", fmt.Errorf("urlnorm: %w", err)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("%w: %q", ErrUnsupportedScheme, raw)
	}
	if u.Opaque != "" || u.Host == "" {
		return "", fmt.Errorf("urlnorm: %q has no host", raw)
	}

	host := strings.ToLower(u.Hostname())
	host = strings.TrimSuffix(host, ".")
	if host == "" {
		return "", fmt.Errorf("urlnorm: %q has no host", raw)
	}
	port := u.Port()
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	switch {
	case port != "":
		u.Host = net.JoinHostPort(host, port)
	case strings.Contains(host, ":"):
		u.Host = "[" + host + "]"
	default:
		u.Host = host
	}

	u.Fragment, u.RawFragment = "", ""
	if u.Path == "" {
		u.Path, u.RawPath = "/", ""
	}
	u.RawQuery = cleanQuery(u.RawQuery)
	u.ForceQuery = false
	return u.String(), nil
}

// cleanQuery drops tracking parameters and sorts the rest by decoded name,
// keeping each pair's raw spelling and the relative order of repeated names.
func cleanQuery(raw string) string {
	if raw == "" {
		return ""
	}
	type pair struct{ name, raw string }
	var kept []pair
	for part := range strings.SplitSeq(raw, "&") {
		if part == "" {
			continue
		}
		name, _, _ := strings.Cut(part, "=")
		if dec, err := url.QueryUnescape(name); err == nil {
			name = dec
		}
		if isTracking(name) {
			continue
		}
		// A raw space is not valid in a URL and would be trimmed away by
		// the next Canonical, giving the same article a second key.
		kept = append(kept, pair{name, strings.ReplaceAll(part, " ", "%20")})
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].name < kept[j].name })
	parts := make([]string, len(kept))
	for i, p := range kept {
		parts[i] = p.raw
	}
	return strings.Join(parts, "&")
}

// Identity returns the form of raw that identifies an article: Canonical's
// for an http(s) URL, else raw without surrounding space (a front-matter
// url may name something urlnorm has no rules for; it is kept as written
// rather than lost).
func Identity(raw string) string {
	if c, err := Canonical(raw); err == nil {
		return c
	}
	return strings.TrimSpace(raw)
}
