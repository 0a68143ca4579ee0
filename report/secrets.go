package report

import (
	"bytes"
	"sort"

	"github.com/pgtlslint/pgtlslint/rules"
)

// Mask is what output shows in place of a secret.
const Mask = "****"

// clampSpan returns s limited to [0, n] with End >= Start.
func clampSpan(s rules.Span, n int) rules.Span {
	s.Start = min(max(s.Start, 0), n)
	s.End = min(max(s.End, s.Start), n)
	return s
}

// fileLines indexes the lines of one file. Lines end at "\n"; a "\r" before it is not part of
// the line's text.
type fileLines struct {
	content []byte
	starts  []int // byte offset where each line starts
}

func newFileLines(content []byte) *fileLines {
	return &fileLines{content: content, starts: rules.LineStarts(content)}
}

// clampLine limits a 1-based line number to the lines of the file.
func (l *fileLines) clampLine(line int) int {
	return min(max(line, 1), len(l.starts))
}

// bounds returns the byte range of a 1-based line (clamped to the file), without its "\n" or
// "\r\n" terminator.
func (l *fileLines) bounds(line int) (start, end int) {
	i := l.clampLine(line) - 1
	start, end = l.starts[i], len(l.content)
	if i+1 < len(l.starts) {
		end = l.starts[i+1] - 1
	}
	if end > start && l.content[end-1] == '\r' {
		end--
	}
	return start, end
}

// lineOf returns the 1-based line holding byte offset off (clamped to the file).
func (l *fileLines) lineOf(off int) int {
	off = min(max(off, 0), len(l.content))
	return sort.SearchInts(l.starts, off+1)
}

// LastFile reads files through a Source and keeps what build made of the last one: writers
// visit results in path order, so each file is read and indexed once.
type LastFile[T any] struct {
	src    Source
	build  func([]byte) T
	cached bool // path, val and ok hold the last answer
	path   string
	val    T
	ok     bool
}

// NewLastFile returns a LastFile that reads through src and indexes with build.
func NewLastFile[T any](src Source, build func([]byte) T) *LastFile[T] {
	return &LastFile[T]{src: src, build: build}
}

// Get returns the index of the file at path, and false when it cannot be read.
func (c *LastFile[T]) Get(path string) (T, bool) {
	if c.cached && c.path == path {
		return c.val, c.ok
	}
	content, ok := c.src.Read(path)
	var zero T
	c.cached, c.path, c.ok, c.val = true, path, ok, zero
	if ok {
		c.val = c.build(content)
	}
	return c.val, c.ok
}

// lineCache is the line index writers keep of the file they are on.
type lineCache = LastFile[*fileLines]

func newLineCache(src Source) *lineCache { return NewLastFile(src, newFileLines) }

// secretRuns returns the parts of [start, end) of content covered by secrets, clamped to that
// range, sorted and merged.
func secretRuns(secrets []rules.Span, start, end int) []rules.Span {
	var runs []rules.Span
	for _, s := range secrets {
		s.Start = max(s.Start, start)
		s.End = min(s.End, end)
		if s.End <= s.Start {
			continue
		}
		runs = append(runs, s)
	}
	if len(runs) < 2 {
		return runs
	}
	// Insertion sort: spans per finding are few.
	for i := 1; i < len(runs); i++ {
		for j := i; j > 0 && runs[j].Start < runs[j-1].Start; j-- {
			runs[j], runs[j-1] = runs[j-1], runs[j]
		}
	}
	merged := runs[:1]
	for _, r := range runs[1:] {
		last := &merged[len(merged)-1]
		if r.Start <= last.End {
			last.End = max(last.End, r.End)
			continue
		}
		merged = append(merged, r)
	}
	return merged
}

// maskedText returns content[start:end] with every secret byte replaced: each run of secret
// bytes becomes one Mask.
func maskedText(content []byte, start, end int, secrets []rules.Span) string {
	sp := clampSpan(rules.Span{Start: start, End: end}, len(content))
	var b bytes.Buffer
	pos := sp.Start
	for _, r := range secretRuns(secrets, sp.Start, sp.End) {
		b.Write(content[pos:r.Start])
		b.WriteString(Mask)
		pos = r.End
	}
	b.Write(content[pos:sp.End])
	return b.String()
}

// secretValues returns the distinct non-empty byte strings of content that secrets cover.
func secretValues(content []byte, secrets []rules.Span) [][]byte {
	var vals [][]byte
	for _, s := range secrets {
		s = clampSpan(s, len(content))
		v := content[s.Start:s.End]
		if len(v) == 0 {
			continue
		}
		dup := false
		for _, have := range vals {
			if bytes.Equal(have, v) {
				dup = true
				break
			}
		}
		if !dup {
			vals = append(vals, v)
		}
	}
	// Longest first, so a secret that contains another is masked whole.
	for i := 1; i < len(vals); i++ {
		for j := i; j > 0 && len(vals[j]) > len(vals[j-1]); j-- {
			vals[j], vals[j-1] = vals[j-1], vals[j]
		}
	}
	return vals
}
