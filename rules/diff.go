package rules

import "github.com/pgtlslint/pgtlslint/rules/conninfo"

// maxDiffTokens bounds the quadratic diff; connection strings are far shorter.
const maxDiffTokens = 2048

// tokens splits s into runs of letters and digits and single other bytes, so that a diff keeps
// whole words together ("require" → "verify-full" is one edit, not a scatter of letters).
func tokens(s string) []string {
	var out []string
	start := 0
	word := func(c byte) bool {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c >= 0x80
	}
	for i := 0; i < len(s); i++ {
		if word(s[i]) {
			continue
		}
		if start < i {
			out = append(out, s[start:i])
		}
		out = append(out, s[i:i+1])
		start = i + 1
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// diffEdits returns edits that turn a into b, keeping every token the two share in place (a
// longest common subsequence of tokens), so an edit's text holds only what really changes: a
// password that stays the same never appears in an edit. Adjacent changes merge into one edit.
func diffEdits(a, b string) []conninfo.Edit {
	ta, tb := tokens(a), tokens(b)
	if len(ta) > maxDiffTokens || len(tb) > maxDiffTokens {
		return []conninfo.Edit{{Start: 0, End: len(a), NewText: b}}
	}
	n, m := len(ta), len(tb)
	// lcs[i][j] = length of the LCS of ta[i:] and tb[j:].
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if ta[i] == tb[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var edits []conninfo.Edit
	var cur *conninfo.Edit
	pos := 0 // byte offset in a of ta[i]
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && ta[i] == tb[j]:
			if cur != nil {
				edits = append(edits, *cur)
				cur = nil
			}
			pos += len(ta[i])
			i++
			j++
		case j < m && (i == n || lcs[i][j+1] >= lcs[i+1][j]):
			if cur == nil {
				cur = &conninfo.Edit{Start: pos, End: pos}
			}
			cur.NewText += tb[j]
			j++
		default:
			if cur == nil {
				cur = &conninfo.Edit{Start: pos, End: pos}
			}
			pos += len(ta[i])
			cur.End = pos
			i++
		}
	}
	if cur != nil {
		edits = append(edits, *cur)
	}
	return edits
}
