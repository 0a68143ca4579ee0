package golang

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"github.com/pgtlslint/pgtlslint/model/strval"
)

// String expressions evaluate to strval.Values: the text as far as the source says, with, for
// every byte, where it comes from: a byte of a string literal (editable in place), the value
// of a constant of another package (not editable), or a hole, a part only known at run time (a
// variable, a function result). Positions are token.Pos values as ints.

// literal returns the strval.Literal of a string literal, the same one for every use.
func (u *unit) literal(lit *ast.BasicLit) *strval.Literal {
	if l, ok := u.lits[lit]; ok {
		return l
	}
	raw := lit.Value
	l := &strval.Literal{Start: int(lit.Pos()) + 1, End: int(lit.End()) - 1}
	if strings.HasPrefix(raw, "`") {
		l.Escape = escapeRaw
	} else {
		l.Escape = escapeInterpreted
	}
	u.lits[lit] = l
	return l
}

// escapeRaw writes text so that it reads back as text inside a raw string literal.
func escapeRaw(text string) (string, bool) {
	if strings.ContainsAny(text, "`\r") {
		return "", false
	}
	return text, true
}

// escapeInterpreted writes text so that it reads back as text inside an interpreted string
// literal.
func escapeInterpreted(text string) (string, bool) {
	q := strconv.Quote(text)
	return q[1 : len(q)-1], true
}

// addHole appends a run-time part standing for expression e.
func addHole(v *strval.Value, e ast.Node) {
	v.AddHole(int(e.Pos()), int(e.End()))
}

// addForeign appends the value of a constant whose source is not at hand, placed at the name
// that uses it.
func addForeign(v *strval.Value, s string, at ast.Node) {
	v.AddFixed(s, int(at.Pos()), int(at.End()))
}

// addLit appends a string literal's value, mapping every byte to its source bytes.
func (u *unit) addLit(v *strval.Value, lit *ast.BasicLit, direct bool) bool {
	raw := lit.Value
	if len(raw) < 2 {
		return false
	}
	p := v.BeginLiteral(u.literal(lit), direct)
	base := int(lit.Pos()) + 1
	body := raw[1 : len(raw)-1]
	if raw[0] == '`' {
		// Raw strings: byte for byte, except that the compiler drops carriage returns.
		for i := 0; i < len(body); i++ {
			if body[i] == '\r' {
				continue
			}
			v.AddByte(p, body[i], base+i)
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
		start, end := base+off, base+off+n
		var enc string
		if r < 0x80 || !multibyte {
			enc = string([]byte{byte(r)})
		} else {
			enc = string(r)
		}
		if rest[0] != '\\' && len(enc) == n {
			// A character written as itself: its bytes map one to one.
			v.AddVerbatim(p, enc, start)
		} else {
			v.AddDecoded(p, enc, start, end)
		}
		off += n
	}
	return true
}

// evaluator turns expressions into strval.Values, following names to their one definition.
type evaluator struct {
	u *unit
	// pulled collects the definitions a root's value was built from (see unit.roots).
	pulled map[ast.Expr]bool
	// active holds the names being evaluated, so that a definition that uses itself
	// (var a = a + "x") is a hole rather than a loop.
	active map[types.Object]bool
	// steps counts the names followed, against strval.MaxLookups.
	steps int
}

func newEvaluator(u *unit) *evaluator {
	return &evaluator{u: u, pulled: map[ast.Expr]bool{}, active: map[types.Object]bool{}}
}

func (ev *evaluator) eval(v *strval.Value, e ast.Expr, direct bool, depth int) {
	if depth > strval.MaxDepth || ev.steps > strval.MaxLookups || v.Len() > strval.MaxText {
		addHole(v, e)
		return
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.BasicLit:
		if x.Kind != token.STRING || !ev.u.addLit(v, x, direct) {
			addHole(v, e)
		}
	case *ast.BinaryExpr:
		if x.Op != token.ADD || !ev.u.maybeString(x) {
			addHole(v, e)
			return
		}
		ev.eval(v, x.X, direct, depth)
		ev.eval(v, x.Y, direct, depth)
	case *ast.Ident:
		ev.evalName(v, x, x, depth)
	case *ast.SelectorExpr:
		ev.evalName(v, x.Sel, x, depth)
	case *ast.CallExpr:
		switch {
		case ev.u.isSprintf(x):
			ev.evalSprintf(v, x, depth)
		case ev.u.isPathJoin(x):
			ev.evalJoin(v, x, depth)
		default:
			addHole(v, e)
		}
	default:
		addHole(v, e)
	}
}

// evalName evaluates a name (id, written as the expression at): a constant or a variable with
// a single definition is followed to it; a constant of another package gives its value.
func (ev *evaluator) evalName(v *strval.Value, id *ast.Ident, at ast.Expr, depth int) {
	ev.steps++
	obj := ev.u.objectOf(id)
	if obj == nil || ev.active[obj] {
		addHole(v, at)
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
			addForeign(v, constant.StringVal(o.Val()), at)
			return
		}
	case *types.Var:
		if d, ok := ev.u.singleDef(o); ok {
			ev.pulled[d] = true
			ev.eval(v, d, false, depth+1)
			return
		}
	}
	addHole(v, at)
}

// evalJoin evaluates filepath.Join and path.Join: the parts with a '/' between them, so that a
// path under a run-time directory reads as one (${}/socket: a Unix-socket directory, see
// docs/rules.md#local-targets). The separators are not in the file: they cannot be edited.
func (ev *evaluator) evalJoin(v *strval.Value, call *ast.CallExpr, depth int) {
	if len(call.Args) == 0 || call.Ellipsis.IsValid() {
		addHole(v, call)
		return
	}
	for i, arg := range call.Args {
		if i > 0 {
			v.AddFixed("/", int(call.Args[i-1].End()), int(arg.Pos()))
		}
		ev.eval(v, arg, false, depth+1)
	}
}

// evalSprintf evaluates fmt.Sprintf: the format's verbs %s and %v take the value of their
// argument; other verbs, and arguments not known, are holes.
func (ev *evaluator) evalSprintf(v *strval.Value, call *ast.CallExpr, depth int) {
	if len(call.Args) == 0 || call.Ellipsis.IsValid() {
		addHole(v, call)
		return
	}
	var f strval.Value
	ev.eval(&f, call.Args[0], false, depth+1)
	if h, _ := f.Holes(); h {
		addHole(v, call)
		return
	}
	args := call.Args[1:]
	argi := 0
	remap := strval.Remap{}
	s := f.Text
	for i := 0; i < len(s); {
		if s[i] != '%' {
			v.AppendRange(&f, i, i+1, false, remap)
			i++
			continue
		}
		verbStart := i
		i++
		if i < len(s) && s[i] == '%' {
			v.AppendRange(&f, verbStart, verbStart+1, false, remap)
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
			addHole(v, call)
			return
		}
		for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
			i++
			plain = false
		}
		if !readIndex() || i >= len(s) || s[i] == '*' {
			// A width or precision taken from an argument: give up on the whole format.
			addHole(v, call)
			return
		}
		verb := s[i]
		i++
		if argi >= len(args) {
			addHole(v, call)
			return
		}
		arg := args[argi]
		argi++
		if (verb == 's' || verb == 'v') && plain && ev.u.maybeString(arg) {
			ev.eval(v, arg, false, depth+1)
		} else {
			addHole(v, arg)
		}
	}
}
