package filter

import "github.com/pgtlslint/pgtlslint/scan/result"

// Dedupe drops, from results in the canonical order (result.Sorted), a finding that repeats the
// previous one at the same place: the same value seen by two extractors, such as a YAML value
// that is also a Compose environment entry.
func Dedupe(rs []result.Result) []result.Result {
	out := rs[:0]
	for i, r := range rs {
		if i > 0 {
			p := rs[i-1].Finding
			if p.Path == r.Path && p.Span == r.Span && p.RuleID == r.RuleID {
				continue
			}
		}
		out = append(out, r)
	}
	return out
}
