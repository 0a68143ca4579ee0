package pghba

// The tokenizer is the server's next_token and next_field_expand (hba.c), byte for byte:
//
//   - Blank means space, tab or carriage return (pg_isblank); nothing else separates tokens.
//   - A field is a comma-separated list: a token ended by an unquoted comma continues the
//     field, and the blanks and commas after that comma are skipped, so "a, b" is one field
//     of two tokens while "a ,b" is two fields.
//   - Double quotes may enclose any part of a token (blanks, commas and # included); "" inside
//     quotes is a literal quote. The server calls a token quoted only when a quote comes
//     before its first character: a"ll" is the keyword all, ""all is a name.
//   - An unquoted # starts a comment that runs to the end of the logical line, even in the
//     middle of a token.
//   - A quote left open runs to the end of the logical line; the server does not complain,
//     so neither does the tokenizer (the record may still be valid).

// token is one token of a logical line.
type token struct {
	text string
	// quoted is the server's quoted flag: a quote before the first character.
	quoted bool
	// start and end are offsets in the logical line's text, quotes included.
	start, end int
}

// field is one column of a record: one token, or several for a comma-separated list.
type field []token

// tokenizedLine is a logical line cut into fields. Its buffers are reused from line to line.
type tokenizedLine struct {
	fields []field
	// comment is where an unquoted # starts, -1 when there is none.
	comment int
	// openQuote is where a quote that is never closed starts, -1 when there is none.
	openQuote int

	toks   []token // the tokens of all fields, which fields slice
	bounds []int   // where each field ends in toks
	buf    []byte  // the token being read
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\r' }

// tokenize cuts a logical line into fields.
func tokenize(text []byte) tokenizedLine {
	var tl tokenizedLine
	tl.tokenize(text)
	return tl
}

// tokenize cuts a logical line into fields, reusing tl's buffers.
func (tl *tokenizedLine) tokenize(text []byte) {
	tl.comment, tl.openQuote = -1, -1
	tl.toks, tl.bounds, tl.fields = tl.toks[:0], tl.bounds[:0], tl.fields[:0]
	pos := 0
	for pos < len(text) {
		n := len(tl.toks)
		for {
			t, next, comma, ok := nextToken(text, pos, &tl.buf, tl)
			pos = next
			if !ok {
				break
			}
			tl.toks = append(tl.toks, t)
			if !comma {
				break
			}
		}
		if len(tl.toks) > n {
			tl.bounds = append(tl.bounds, len(tl.toks))
		}
	}
	from := 0
	for _, to := range tl.bounds {
		tl.fields = append(tl.fields, field(tl.toks[from:to:to]))
		from = to
	}
}

// nextToken reads the token at or after pos. It returns where reading stopped (at a
// terminating comma, which the next call skips), whether a comma ended the token, and false
// when the line had no more tokens.
func nextToken(text []byte, pos int, buf *[]byte, tl *tokenizedLine) (t token, next int, comma, ok bool) {
	i := pos
	for i < len(text) && (isBlank(text[i]) || text[i] == ',') {
		i++
	}
	t.start = i
	*buf = (*buf)[:0]
	inQuote, wasQuote, sawQuote := false, false, false
	quoteAt := -1
	for i < len(text) && (!isBlank(text[i]) || inQuote) {
		c := text[i]
		if c == '#' && !inQuote {
			tl.comment = i
			t.end = i
			t.text = string(*buf)
			return t, len(text), false, sawQuote || len(*buf) > 0
		}
		if c == ',' && !inQuote {
			comma = true
			break
		}
		if c != '"' || wasQuote {
			*buf = append(*buf, c)
		}
		if inQuote && c == '"' {
			wasQuote = !wasQuote
		} else {
			wasQuote = false
		}
		if c == '"' {
			inQuote = !inQuote
			sawQuote = true
			if len(*buf) == 0 {
				t.quoted = true
			}
			if inQuote {
				quoteAt = i
			}
		}
		i++
	}
	if inQuote {
		tl.openQuote = quoteAt
	}
	t.end = i
	t.text = string(*buf)
	return t, i, comma, sawQuote || len(*buf) > 0
}
