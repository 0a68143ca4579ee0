package pghba

import "sort"

// Logical lines, as the server's tokenize_auth_file builds them before tokenizing: physical
// lines split at \n, each cut at its first NUL byte (the server works on C strings) and
// stripped of trailing \r and \n; a line that then ends in a backslash continues on the next
// one, with the backslash and the line break removed. The backslash must come after the
// place where the previous continuation was found, so "a\\" followed by an empty line keeps
// one literal backslash.

// segment maps a run of a logical line's text back to the file.
type segment struct {
	log  int // offset in the logical line's text
	file int // offset in the file
	n    int
}

// logicalLine is one line as the tokenizer sees it.
type logicalLine struct {
	num  int    // 1-based number of its first physical line
	text []byte // the joined content
	segs []segment
	// physical is how many physical lines it took.
	physical int
}

// startOffset maps the start of a span to the file: the byte at p. The segments are
// contiguous in the text, so a binary search finds the one holding p even in a record
// continued over thousands of lines.
func (l *logicalLine) startOffset(p int) int {
	i := sort.Search(len(l.segs), func(i int) bool { return p < l.segs[i].log+l.segs[i].n })
	if i == len(l.segs) {
		last := l.segs[len(l.segs)-1]
		return last.file + last.n
	}
	s := l.segs[i]
	return s.file + (p - s.log)
}

// endOffset maps the exclusive end of a span to the file: just after the byte at p-1, so that
// a span ending at a line's end never reaches into the continuation or the next line.
func (l *logicalLine) endOffset(p int) int {
	if p == 0 {
		return l.startOffset(0)
	}
	return l.startOffset(p-1) + 1
}

// eachLine cuts content into logical lines and calls fn with each. start is where the first
// line starts (after a byte order mark the caller skipped); line numbers count from 1
// regardless. The line passed to fn is reused for the next one: fn must copy what it keeps.
func eachLine(content []byte, start int, fn func(*logicalLine)) {
	var l logicalLine
	var joined []byte
	num := 1
	pos := start
	for pos < len(content) {
		l.num, l.physical, l.segs = num, 0, l.segs[:0]
		joined = joined[:0]
		lastBackslash := 0
		for pos < len(content) {
			raw, next := physicalLine(content, pos)
			l.physical++
			if l.physical == 1 {
				l.text = raw // most lines are one physical line: no copy
			} else {
				if l.physical == 2 {
					joined = append(joined, l.text...)
				}
				joined = append(joined, raw...)
				l.text = joined
			}
			l.segs = append(l.segs, segment{log: len(l.text) - len(raw), file: pos, n: len(raw)})
			pos = next
			if len(l.text) > lastBackslash && l.text[len(l.text)-1] == '\\' {
				l.text = l.text[:len(l.text)-1]
				if l.physical > 1 {
					joined = l.text
				}
				l.segs[len(l.segs)-1].n--
				lastBackslash = len(l.text)
				continue
			}
			break
		}
		fn(&l)
		num += l.physical
	}
}

// splitLines returns the logical lines of content, for tests.
func splitLines(content []byte, start int) []logicalLine {
	var out []logicalLine
	eachLine(content, start, func(l *logicalLine) {
		c := *l
		c.text = append([]byte(nil), l.text...)
		c.segs = append([]segment(nil), l.segs...)
		out = append(out, c)
	})
	return out
}

// physicalLine returns the content of the physical line at pos as the server keeps it (cut at
// a NUL, trailing \r and \n stripped) and where the next line starts.
func physicalLine(content []byte, pos int) (raw []byte, next int) {
	end := pos
	for end < len(content) && content[end] != '\n' {
		end++
	}
	next = end
	if next < len(content) {
		next++
	}
	raw = content[pos:end]
	for i, c := range raw {
		if c == 0 {
			raw = raw[:i]
			break
		}
	}
	for len(raw) > 0 && raw[len(raw)-1] == '\r' {
		raw = raw[:len(raw)-1]
	}
	return raw, next
}
