package yaml

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// file holds what the offset computations need.
type file struct {
	s string
	// orig, for a template read masked, is the file as it is (s is the masked text, byte for
	// byte in the same places); "" otherwise.
	orig  string
	lines []int // start offset of each line as YAML counts lines
	// Offsets computed on line cpLine, in increasing column order, to continue from the
	// nearest one: a long line of flow items must not be walked from its start for each of
	// them. Nodes mostly come in document order; a container's command line is read before
	// the scalars of its mapping (command), so lookups may also go back a little.
	cpLine int
	cps    []checkpoint
}

// checkpoint is the byte offset of a column of line cpLine.
type checkpoint struct{ col, off int }

func newFile(content []byte) *file {
	return &file{s: string(content), lines: lineStarts(string(content))}
}

// lineStarts returns the start of each line, counting line breaks as yaml.v3 does: \r\n, \r,
// \n, and the Unicode breaks NEL, LS, PS.
func lineStarts(s string) []int {
	lines := []int{0}
	for i := 0; i < len(s); i++ {
		if w := breakAt(s, i); w > 0 {
			i += w - 1
			lines = append(lines, i+1)
		}
	}
	return lines
}

// breakAt returns the width of the line break at s[i], or 0.
func breakAt(s string, i int) int {
	switch s[i] {
	case '\r':
		if i+1 < len(s) && s[i+1] == '\n' {
			return 2
		}
		return 1
	case '\n':
		return 1
	case 0xC2:
		if i+1 < len(s) && s[i+1] == 0x85 {
			return 2
		}
	case 0xE2:
		if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9) {
			return 3
		}
	}
	return 0
}

// offset returns the byte offset of a node's line and column, or -1.
func (f *file) offset(line, col int) int {
	if line < 1 || line > len(f.lines) || col < 1 {
		return -1
	}
	o := f.lines[line-1]
	if line == 1 && strings.HasPrefix(f.s, "\xef\xbb\xbf") {
		o += 3
	}
	c := 1
	if f.cpLine == line {
		if k := sort.Search(len(f.cps), func(k int) bool { return f.cps[k].col > col }) - 1; k >= 0 {
			c, o = f.cps[k].col, f.cps[k].off
		}
	} else {
		f.cpLine, f.cps = line, f.cps[:0]
	}
	for ; c < col; c++ {
		if o >= len(f.s) || f.s[o] == '\n' || f.s[o] == '\r' {
			return -1
		}
		_, w := utf8.DecodeRuneInString(f.s[o:])
		o += w
	}
	if n := len(f.cps); n == 0 || f.cps[n-1].col < col {
		f.cps = append(f.cps, checkpoint{col: col, off: o})
	}
	return o
}

// lineEnd returns the offset of the line break ending the line that holds o.
func (f *file) lineEnd(o int) int {
	for o < len(f.s) && f.s[o] != '\n' && f.s[o] != '\r' {
		o++
	}
	return o
}

// nextLine returns the start of the line after the one holding o.
func (f *file) nextLine(o int) int {
	e := f.lineEnd(o)
	if e < len(f.s) && f.s[e] == '\r' {
		e++
	}
	if e < len(f.s) && f.s[e] == '\n' {
		e++
	}
	return e
}

// lineStart returns the start of the line holding o.
func (f *file) lineStart(o int) int {
	i := sort.SearchInts(f.lines, o+1) - 1
	if i < 0 {
		return 0
	}
	return f.lines[i]
}
