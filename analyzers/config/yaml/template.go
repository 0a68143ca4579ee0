package yaml

import (
	"bytes"

	"github.com/pgtlslint/pgtlslint/model/tmpl"
)

// maskTemplate returns a template's text with its actions masked for the YAML parser
// (tmpl.Mask), and false when it has none. An action that ends a "key:" line whose next lines
// are indented below the key renders the key's value as a block ("labels: {{- include
// "x.labels" . | nindent 4 }}" followed by more labels): it is blanked, so that the key's value
// is the block that follows instead of a scalar with a block after it.
func maskTemplate(content []byte) ([]byte, bool) {
	masked, ok := tmpl.Mask(content)
	if !ok {
		return nil, false
	}
	for _, a := range tmpl.Actions(content) {
		if blockValue(masked, a.Start) {
			end := a.End
			if nl := bytes.IndexByte(masked[a.Start:end], '\n'); nl >= 0 {
				end = a.Start + nl
			}
			for i := a.Start; i < end; i++ {
				masked[i] = ' '
			}
		}
	}
	return masked, true
}

// blockValue reports whether the masked action at offset at ends its line as the value of a
// "key:" whose next line with content is indented more than the key's line.
func blockValue(masked []byte, at int) bool {
	ls := bytes.LastIndexByte(masked[:at], '\n') + 1
	before := bytes.TrimRight(masked[ls:at], " \t")
	if len(before) == 0 || before[len(before)-1] != ':' {
		return false
	}
	le := indexFrom(masked, at, '\n')
	if w := masked[at:le]; len(bytes.TrimRight(bytes.TrimLeft(w, "$_"), " \t\r")) > 0 {
		return false // text follows the action on its line
	}
	indent := indentOf(masked[ls:])
	for p := le + 1; p < len(masked); {
		e := indexFrom(masked, p, '\n')
		line := masked[p:e]
		if t := bytes.TrimLeft(line, " \t\r"); len(t) > 0 && t[0] != '#' {
			return indentOf(line) > indent
		}
		p = e + 1
	}
	return false
}

// indexFrom is the index of c in b at or after i, or len(b).
func indexFrom(b []byte, i int, c byte) int {
	if j := bytes.IndexByte(b[i:], c); j >= 0 {
		return i + j
	}
	return len(b)
}

// indentOf is the number of spaces a line starts with.
func indentOf(line []byte) int {
	return len(line) - len(bytes.TrimLeft(line, " "))
}
