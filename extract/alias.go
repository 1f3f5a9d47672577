package extract

import "strings"

// ProviderName returns the canonical name of the organisation that name
// (a canonical name or an alias of providers.tsv, in any case) stands for:
// "aws" gives "Amazon Web Services". ok is false for an unknown name.
func ProviderName(name string) (canonical string, ok bool) {
	name = strings.TrimSpace(name)
	for _, line := range strings.Split(providersTSV, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			continue
		}
		if strings.EqualFold(f[0], name) {
			return f[0], true
		}
		for _, a := range strings.Split(f[2], "|") {
			if strings.EqualFold(strings.TrimSpace(a), name) {
				return f[0], true
			}
		}
	}
	return "", false
}
