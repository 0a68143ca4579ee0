package sarif

import (
	"sort"
	"unicode/utf8"
)

// fileIndex converts byte positions of one file into SARIF's units: 1-based lines and columns
// and 0-based character offsets counted in UTF-16 code units (the run's columnKind). Lines end at
// "\n"; a "\r" before it belongs to the terminator ("\r\n" and "\n" are SARIF's default
// newlineSequences).
type fileIndex struct {
	content []byte
	starts  []int // byte offset where each line starts
	units   []int // UTF-16 code units before each line start
}

func newFileIndex(content []byte) *fileIndex {
	x := &fileIndex{content: content, starts: []int{0}, units: []int{0}}
	u := 0
	for i := 0; i < len(content); {
		r, size := utf8.DecodeRune(content[i:])
		u += utf16Len(r, size)
		i += size
		if r == '\n' {
			x.starts = append(x.starts, i)
			x.units = append(x.units, u)
		}
	}
	return x
}

// utf16Len is the number of UTF-16 code units of a decoded rune; an invalid byte counts as one
// (it is shown as U+FFFD).
func utf16Len(r rune, size int) int {
	if r >= 0x10000 && size == 4 {
		return 2
	}
	return 1
}

// units16 counts the UTF-16 code units of b.
func units16(b []byte) int {
	n := 0
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		n += utf16Len(r, size)
		i += size
	}
	return n
}

// lines is the number of lines (a final line without a terminator counts; so does the empty
// line after a final "\n").
func (x *fileIndex) lines() int { return len(x.starts) }

// lineEnd is the byte offset where the 0-based line i ends, its terminator excluded.
func (x *fileIndex) lineEnd(i int) int {
	end := len(x.content)
	if i+1 < len(x.starts) {
		end = x.starts[i+1] - 1 // the "\n"
	}
	if end > x.starts[i] && x.content[end-1] == '\r' {
		end--
	}
	return end
}

// offset returns the byte offset of a 1-based line and byte column, both clamped into the file
// and the line, and moved back onto the start of a UTF-8 sequence.
func (x *fileIndex) offset(line, col int) int {
	i := min(max(line, 1), x.lines()) - 1
	start, end := x.starts[i], x.lineEnd(i)
	off := min(max(start+col-1, start), end)
	for off > start && off < end && !utf8.RuneStart(x.content[off]) {
		off--
	}
	return off
}

// clamp limits a byte offset to the file, moved back onto the start of a UTF-8 sequence.
func (x *fileIndex) clamp(off int) int {
	off = min(max(off, 0), len(x.content))
	for off > 0 && off < len(x.content) && !utf8.RuneStart(x.content[off]) {
		off--
	}
	return off
}

// position returns the 1-based line and UTF-16 column of a byte offset.
func (x *fileIndex) position(off int) (line, col int) {
	off = x.clamp(off)
	i := sort.SearchInts(x.starts, off+1) - 1
	return i + 1, units16(x.content[x.starts[i]:off]) + 1
}

// charOffset returns the UTF-16 code units before a byte offset.
func (x *fileIndex) charOffset(off int) int {
	off = min(max(off, 0), len(x.content))
	i := sort.SearchInts(x.starts, off+1) - 1
	return x.units[i] + units16(x.content[x.starts[i]:off])
}
