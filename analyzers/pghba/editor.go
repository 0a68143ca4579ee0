package pghba

import (
	"bytes"
	"unicode/utf8"

	"github.com/pgtlslint/pgtlslint/rules"
)

// editor replaces one field of a record and keeps the column of the field after it: pg_hba.conf
// files are written as tables, and a fix that shifts the rest of a line makes the table hard
// to read. Tabs count to the next multiple of 8, as in an editor with the usual tab width.
type editor struct {
	content []byte
	record  rules.Span // the record's extent: fields outside it are another record's
}

// tabWidth is the tab stop distance columns are counted with.
const tabWidth = 8

// Replace returns one edit that puts text in place of f and adjusts the blanks after it so the
// next field stays in its column when there is room; when there is not, one blank is kept. A
// field last on its line, or followed by a comment or a continuation, is replaced alone. A
// field that is not this record's, or that itself spans a continuation, gets no edit.
func (e *editor) Replace(f rules.HBAField, text string) []rules.Edit {
	c := e.content
	if f.Span.Start < e.record.Start || f.Span.End > e.record.End || f.Span.Start >= f.Span.End ||
		bytes.IndexByte(c[f.Span.Start:f.Span.End], '\n') >= 0 {
		return nil
	}
	end := f.Span.End
	next := end
	for next < len(c) && (c[next] == ' ' || c[next] == '\t') {
		next++
	}
	if next == end || e.lineEndsAt(next) || c[next] == '#' || (c[next] == '\\' && e.lineEndsAt(next+1)) {
		return []rules.Edit{{Start: f.Span.Start, End: end, NewText: text}}
	}
	lineStart := bytes.LastIndexByte(c[:f.Span.Start], '\n') + 1
	from := column(c[lineStart:f.Span.Start], 0) + utf8.RuneCountInString(text)
	to := column(c[lineStart:next], 0)
	gap := c[end:next]
	return []rules.Edit{{Start: f.Span.Start, End: next, NewText: text + blanks(from, to, gap)}}
}

// lineEndsAt reports whether only carriage returns stand between i and the end of the line.
func (e *editor) lineEndsAt(i int) bool {
	for ; i < len(e.content); i++ {
		switch e.content[i] {
		case '\n':
			return true
		case '\r':
		default:
			return false
		}
	}
	return true
}

// column is the display column after b, starting at col: tabs go to the next tab stop, and a
// multi-byte character takes one column.
func column(b []byte, col int) int {
	for _, ch := range b {
		switch {
		case ch == '\t':
			col = (col/tabWidth + 1) * tabWidth
		case ch&0xC0 != 0x80: // not a UTF-8 continuation byte
			col++
		}
	}
	return col
}

// blanks returns the separator that takes a line from column from to column to, in the style
// of the original gap (tabs if it had any), and at least one blank.
func blanks(from, to int, gap []byte) string {
	if from >= to {
		return string(gap[:1])
	}
	var b []byte
	col := from
	if bytes.IndexByte(gap, '\t') >= 0 {
		for next := (col/tabWidth + 1) * tabWidth; next <= to; next = (col/tabWidth + 1) * tabWidth {
			b = append(b, '\t')
			col = next
		}
	}
	for ; col < to; col++ {
		b = append(b, ' ')
	}
	return string(b)
}
