package report

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/scan/result"
)

// FingerprintKey names pgtlslint's fingerprint in SARIF partialFingerprints. The version part
// changes whenever the way fingerprints are computed changes.
const FingerprintKey = "pgtlslint/v1"

// fingerprintLines is how many lines of a finding's span its fingerprint covers: enough to
// tell findings apart, few enough that editing an unrelated part of a long object keeps it.
const fingerprintLines = 3

// Fingerprints returns a stable identifier for each result, in the order of results: the hex
// SHA-256 of the rule id, the path, the finding's line(s) (up to three, starting at the
// finding's start line) with secrets masked, surrounding whitespace dropped and inner runs of
// whitespace collapsed to one space, and an occurrence counter that tells apart findings of the
// same rule on identical lines of the same file (0 for the first in file order, 1 for the next).
//
// The line number is not part of it, so a fingerprint survives lines being inserted or removed
// above the finding, and re-indentation. Counters are computed over every result given,
// suppressed ones included, so that suppressing one finding does not change the fingerprint of
// another: pass all results, not just the ones shown. When the file cannot be read, the
// finding's message stands in for its lines.
func Fingerprints(results []result.Result, src Source) []string {
	files := newLineCache(src)
	order := make([]int, len(results))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		return result.Less(&results[order[a]].Finding, &results[order[b]].Finding)
	})
	out := make([]string, len(results))
	seen := map[string]int{}
	for _, i := range order {
		f := &results[i].Finding
		snippet := fingerprintSnippet(f, files)
		key := f.RuleID + "\x00" + f.Path + "\x00" + snippet
		n := seen[key]
		seen[key] = n + 1
		sum := sha256.Sum256([]byte(FingerprintKey + "\x00" + key + "\x00" + strconv.Itoa(n)))
		out[i] = hex.EncodeToString(sum[:])
	}
	return out
}

// fingerprintSnippet returns the normalized text of the finding's lines, secrets masked.
func fingerprintSnippet(f *rules.Finding, files *lineCache) string {
	lines, ok := files.Get(f.Path)
	if !ok {
		return "message:" + normalizeSpace(f.Message)
	}
	content := lines.content
	first, last, endCol := f.Start.Line, f.End.Line, f.End.Col
	if first < 1 { // not located: use the byte span
		sp := clampSpan(f.Span, len(content))
		first, last = lines.lineOf(sp.Start), lines.lineOf(sp.End)
		lineStart, _ := lines.bounds(last)
		endCol = sp.End - lineStart + 1
	}
	if last < first {
		last = first
	}
	// A span that ends at the start of a line does not cover that line.
	if last > first && endCol <= 1 {
		last--
	}
	last = min(last, first+fingerprintLines-1)
	start, _ := lines.bounds(first)
	_, end := lines.bounds(last)
	end = max(end, start)
	return normalizeSpace(maskedText(content, start, end, f.Secrets))
}

// normalizeSpace trims s and collapses each run of white space to one space.
func normalizeSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}
