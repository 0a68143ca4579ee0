package golang

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"github.com/pgtlslint/pgtlslint/rules"
)

// A strValue is the text a string expression evaluates to as far as the source says, with,
// for every byte, where it comes from: a byte of a string literal (editable in place), the
// value of a constant of another package (not editable), or a hole, a part only known at run
// time (a variable, a function result), written as holeText so that the connection-string
// parsers see a placeholder.
type strValue struct {
	text   []byte
	src    []byteSrc
	pieces []piece
}

// holeText stands for a run-time value; rules.IsDynamic recognises it.
const holeText = "${}"

// byteSrc is where one byte of a strValue comes from.
type byteSrc struct {
	start, end token.Pos // the source bytes (an escape sequence can be several)
	piece      int32
}

// piece is one contiguous part of a strValue.
type piece struct {
	lit *ast.BasicLit // the literal the bytes come from; nil for holes and foreign constants
	// direct is true for a literal written inside the root expression itself (a concatenation's
	// operand), false for one reached through a name or a format argument.
	direct bool
	hole   bool
}

// holes reports whether the value has run-time parts, and literal whether it has any byte of
// a literal or constant.
func (v *strValue) holes() (holes, literal bool) {
	for _, p := range v.pieces {
		if p.hole {
			holes = true
		} else {
			literal = true
		}
	}
	return holes, literal
}

func (v *strValue) add(b byte, s byteSrc) {
	v.text = append(v.text, b)
	v.src = append(v.src, s)
}

func (v *strValue) newPiece(p piece) int32 {
	v.pieces = append(v.pieces, p)
	return int32(len(v.pieces) - 1)
}

// addHole appends a run-time part standing for expression e.
func (v *strValue) addHole(e ast.Node) {
	// Two holes in a row are one: the parsers cannot tell them apart anyway.
	if n := len(v.pieces); n > 0 && v.pieces[n-1].hole && len(v.src) > 0 && v.src[len(v.src)-1].piece == int32(n-1) {
		return
	}
	p := v.newPiece(piece{hole: true})
	for i := 0; i < len(holeText); i++ {
		v.add(holeText[i], byteSrc{start: e.Pos(), end: e.End(), piece: p})
	}
}

// addForeign appends the value of a constant whose source is not at hand, placed at the name
// that uses it.
func (v *strValue) addForeign(s string, at ast.Node) {
	p := v.newPiece(piece{})
	for i := 0; i < len(s); i++ {
		v.add(s[i], byteSrc{start: at.Pos(), end: at.End(), piece: p})
	}
}

// addLit appends a string literal's value, mapping every byte to its source bytes.
func (v *strValue) addLit(lit *ast.BasicLit, direct bool) bool {
	raw := lit.Value
	if len(raw) < 2 {
		return false
	}
	p := v.newPiece(piece{lit: lit, direct: direct})
	base := lit.Pos() + 1
	body := raw[1 : len(raw)-1]
	if raw[0] == '`' {
		// Raw strings: byte for byte, except that the compiler drops carriage returns.
		for i := 0; i < len(body); i++ {
			if body[i] == '\r' {
				continue
			}
			pos := base + token.Pos(i)
			v.add(body[i], byteSrc{start: pos, end: pos + 1, piece: p})
		}
		return true
	}
	for off := 0; off < len(body); {
		rest := body[off:]
		r, multibyte, tail, err := strconv.UnquoteChar(rest, raw[0])
		if err != nil {
			return false
		}
		n := len(rest) - len(tail)
		start, end := base+token.Pos(off), base+token.Pos(off+n)
		var enc []byte
		if r < 0x80 || !multibyte {
			enc = []byte{byte(r)}
		} else {
			enc = []byte(string(r))
		}
		if rest[0] != '\\' && len(enc) == n {
			// A character written as itself: its bytes map one to one.
			for i, c := range enc {
				pos := start + token.Pos(i)
				v.add(c, byteSrc{start: pos, end: pos + 1, piece: p})
			}
		} else {
			for _, c := range enc {
				v.add(c, byteSrc{start: start, end: end, piece: p})
			}
		}
		off += n
	}
	return true
}

// appendValue appends another value's bytes, keeping their sources; remap carries o's pieces
// already copied, so that consecutive calls share them.
func (v *strValue) appendValue(o *strValue, from, to int, direct bool, remap map[int32]int32) {
	for i := from; i < to; i++ {
		s := o.src[i]
		np, ok := remap[s.piece]
		if !ok {
			p := o.pieces[s.piece]
			p.direct = p.direct && direct
			np = v.newPiece(p)
			remap[s.piece] = np
		}
		s.piece = np
		v.add(o.text[i], s)
	}
}

// posStart is the source position of byte i (or of the end, for i == len).
func (v *strValue) posStart(i int) token.Pos {
	if i < len(v.src) {
		return v.src[i].start
	}
	if len(v.src) == 0 {
		return token.NoPos
	}
	return v.src[len(v.src)-1].end
}

// span maps the byte range [i, j) of the value to a source span. A range over several pieces
// that are not written side by side in the root expression is cut to its last piece, where a
// value sits in key=value.
func (v *strValue) span(i, j int) rules.Span {
	if j <= i || i >= len(v.src) {
		p := v.posStart(i)
		return rules.Span{Start: int(p), End: int(p)}
	}
	j = min(j, len(v.src))
	first, last := v.src[i].piece, v.src[j-1].piece
	if first != last {
		together := true
		for k := i; k < j; k++ {
			if !v.pieces[v.src[k].piece].direct {
				together = false
				break
			}
		}
		if !together {
			k := j - 1
			for k > i && v.src[k-1].piece == last {
				k--
			}
			i = k
		}
	}
	return rules.Span{Start: int(v.src[i].start), End: int(v.src[j-1].end)}
}

// editAt maps an edit of the value's bytes [i, j) to source positions inside one editable
// literal, and says how to write text there.
func (v *strValue) editAt(i, j int) (start, end token.Pos, lit *ast.BasicLit, ok bool) {
	if j > i {
		p := v.src[i].piece
		for k := i; k < j; k++ {
			if v.src[k].piece != p {
				return 0, 0, nil, false
			}
		}
		pc := v.pieces[p]
		if pc.lit == nil {
			return 0, 0, nil, false
		}
		return v.src[i].start, v.src[j-1].end, pc.lit, true
	}
	// An insertion goes after the byte before it or, at the start, before the byte after it.
	if i > 0 {
		if pc := v.pieces[v.src[i-1].piece]; pc.lit != nil {
			return v.src[i-1].end, v.src[i-1].end, pc.lit, true
		}
	}
	if i < len(v.src) {
		if pc := v.pieces[v.src[i].piece]; pc.lit != nil {
			return v.src[i].start, v.src[i].start, pc.lit, true
		}
	}
	return 0, 0, nil, false
}

// escapeFor writes text so that it reads back as text inside the literal lit.
func escapeFor(lit *ast.BasicLit, text string) (string, bool) {
	if strings.HasPrefix(lit.Value, "`") {
		if strings.ContainsAny(text, "`\r") {
			return "", false
		}
		return text, true
	}
	q := strconv.Quote(text)
	return q[1 : len(q)-1], true
}

// evaluator turns expressions into strValues, following names to their one definition.
type evaluator struct {
	u *unit
	// pulled collects the definitions a root's value was built from (see unit.roots).
	pulled map[ast.Expr]bool
	// active holds the names being evaluated, so that a definition that uses itself
	// (var a = a + "x") is a hole rather than a loop.
	active map[types.Object]bool
	// steps counts the names followed, against maxSteps.
	steps int
}

func newEvaluator(u *unit) *evaluator {
	return &evaluator{u: u, pulled: map[ast.Expr]bool{}, active: map[types.Object]bool{}}
}

const (
	// maxDepth bounds how many names an evaluation follows (const a = b; const b = c; ...).
	maxDepth = 16
	// maxSteps and maxText bound one root's evaluation: constants built from constants can
	// double at every step (c1 = c0 + c0; c2 = c1 + c1; ...).
	maxSteps = 1024
	maxText  = 64 << 10
)

func (ev *evaluator) eval(v *strValue, e ast.Expr, direct bool, depth int) {
	if depth > maxDepth || ev.steps > maxSteps || len(v.text) > maxText {
		v.addHole(e)
		return
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.BasicLit:
		if x.Kind != token.STRING || !v.addLit(x, direct) {
			v.addHole(e)
		}
	case *ast.BinaryExpr:
		if x.Op != token.ADD || !ev.u.maybeString(x) {
			v.addHole(e)
			return
		}
		ev.eval(v, x.X, direct, depth)
		ev.eval(v, x.Y, direct, depth)
	case *ast.Ident:
		ev.evalName(v, x, x, depth)
	case *ast.SelectorExpr:
		ev.evalName(v, x.Sel, x, depth)
	case *ast.CallExpr:
		if ev.u.isSprintf(x) {
			ev.evalSprintf(v, x, depth)
			return
		}
		v.addHole(e)
	default:
		v.addHole(e)
	}
}

// evalName evaluates a name (id, written as the expression at): a constant or a variable with
// a single definition is followed to it; a constant of another package gives its value.
func (ev *evaluator) evalName(v *strValue, id *ast.Ident, at ast.Expr, depth int) {
	ev.steps++
	obj := ev.u.objectOf(id)
	if obj == nil || ev.active[obj] {
		v.addHole(at)
		return
	}
	ev.active[obj] = true
	defer delete(ev.active, obj)
	switch o := obj.(type) {
	case *types.Const:
		if d, ok := ev.u.singleDef(o); ok {
			ev.pulled[d] = true
			ev.eval(v, d, false, depth+1)
			return
		}
		if o.Val() != nil && o.Val().Kind() == constant.String {
			v.addForeign(constant.StringVal(o.Val()), at)
			return
		}
	case *types.Var:
		if d, ok := ev.u.singleDef(o); ok {
			ev.pulled[d] = true
			ev.eval(v, d, false, depth+1)
			return
		}
	}
	v.addHole(at)
}

// evalSprintf evaluates fmt.Sprintf: the format's verbs %s and %v take the value of their
// argument; other verbs, and arguments not known, are holes.
func (ev *evaluator) evalSprintf(v *strValue, call *ast.CallExpr, depth int) {
	if len(call.Args) == 0 || call.Ellipsis.IsValid() {
		v.addHole(call)
		return
	}
	var f strValue
	ev.eval(&f, call.Args[0], false, depth+1)
	if h, _ := f.holes(); h {
		v.addHole(call)
		return
	}
	args := call.Args[1:]
	argi := 0
	remap := map[int32]int32{}
	s := f.text
	for i := 0; i < len(s); {
		if s[i] != '%' {
			v.appendValue(&f, i, i+1, false, remap)
			i++
			continue
		}
		verbStart := i
		i++
		if i < len(s) && s[i] == '%' {
			v.appendValue(&f, verbStart, verbStart+1, false, remap)
			i++
			continue
		}
		plain := true // no flags, width or precision: the argument's text as it is
		for i < len(s) && strings.IndexByte("+-# 0", s[i]) >= 0 {
			i++
			plain = false
		}
		readIndex := func() bool {
			if i < len(s) && s[i] == '[' {
				j := i + 1
				for j < len(s) && s[j] >= '0' && s[j] <= '9' {
					j++
				}
				if j >= len(s) || s[j] != ']' {
					return false
				}
				n, err := strconv.Atoi(string(s[i+1 : j]))
				if err != nil || n < 1 {
					return false
				}
				argi = n - 1
				i = j + 1
			}
			return true
		}
		if !readIndex() {
			v.addHole(call)
			return
		}
		for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
			i++
			plain = false
		}
		if !readIndex() || i >= len(s) || s[i] == '*' {
			// A width or precision taken from an argument: give up on the whole format.
			v.addHole(call)
			return
		}
		verb := s[i]
		i++
		if argi >= len(args) {
			v.addHole(call)
			return
		}
		arg := args[argi]
		argi++
		if (verb == 's' || verb == 'v') && plain && ev.u.maybeString(arg) {
			ev.eval(v, arg, false, depth+1)
		} else {
			v.addHole(arg)
		}
	}
}
