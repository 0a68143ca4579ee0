package rules

import (
	"sort"

	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// evalCtx is what every check sees of one target.
type evalCtx struct {
	t          *Target
	opt        Options
	d          *drivers.Driver
	driverName string
	in         drivers.Input
	e          drivers.Effect
	loc        locality
	out        []Finding
}

// Evaluate returns the findings for one target, ordered by position then rule.
func Evaluate(t *Target, opt Options) []Finding {
	c := &evalCtx{t: t, opt: opt}
	c.d, c.driverName = t.driver()
	c.in = t.input()
	c.e = c.d.Resolve(c.in)
	c.loc = t.locality(opt)
	for _, d := range rulesIn(ScopeClient) {
		d.target(c)
	}
	sort.SliceStable(c.out, func(i, j int) bool {
		if c.out[i].Span.Start != c.out[j].Span.Start {
			return c.out[i].Span.Start < c.out[j].Span.Start
		}
		return c.out[i].RuleID < c.out[j].RuleID
	})
	return c.out
}

// Effect returns what the target's driver does with its settings, for explain.
func (t *Target) Effect() (drivers.Effect, *drivers.Driver) {
	d, _ := t.driver()
	return d.Resolve(t.input()), d
}

// driver is the driver that reads the target and how messages name it: "libpq semantics" when
// nothing named a known driver.
func (t *Target) driver() (*drivers.Driver, string) {
	d, named := drivers.Lookup(string(t.Driver))
	if !named || t.Driver == "" {
		return drivers.For(""), "libpq semantics"
	}
	return d, d.Name
}

// report adds a finding of the verdict's rule, with its severity.
func (c *evalCtx) report(v verdict, at Span, msg string, plan *drivers.Plan) {
	r, sev := v.decide()
	f := Finding{
		RuleID: r.ID, RuleName: r.Name, Severity: sev, Path: c.t.Path, Span: at,
		Message: msg, Driver: c.d.ID, DriverName: c.driverName, Evidence: c.t.Evidence,
		Secrets: c.t.Secrets,
	}
	if plan != nil {
		f.Fix = c.fix(*plan)
	}
	c.out = append(c.out, f)
}

// fix turns a plan into a Fix with edits from the target's editor.
func (c *evalCtx) fix(p drivers.Plan) *Fix {
	fx := &Fix{Description: p.Text}
	if len(p.Ops) > 0 && c.t.Editor != nil {
		if edits, ok := c.t.Editor.Apply(p.Ops); ok {
			for i := range edits {
				edits[i].Path = c.t.Path
			}
			fx.Edits = edits
		}
	}
	return fx
}

// secure is the driver's plan to verify the server fully.
func (c *evalCtx) secure() *drivers.Plan {
	p := c.d.Secure(c.in, c.e)
	return &p
}

// spanOf is the value span of the param written as key, or the anchor.
func (c *evalCtx) spanOf(key string) Span {
	if p, ok := c.t.param(key); ok && key != "" {
		return p.Val
	}
	return c.t.Anchor
}

// pairOf is the key=value span of the param written as key, or the anchor.
func (c *evalCtx) pairOf(key string) Span {
	if p, ok := c.t.param(key); ok && key != "" {
		return p.Pair
	}
	return c.t.Anchor
}

// setting names what decided the mode, with a note in parentheses for the driver.
func (c *evalCtx) setting() string {
	if c.e.Setting == "" {
		return "the default"
	}
	return c.e.Setting
}

// withNote appends the driver-specific note to a sentence.
func (c *evalCtx) withNote(s string) string {
	if c.e.Note != "" {
		return s + " (" + c.e.Note + ")"
	}
	return s
}
