package rules

import (
	"sort"

	"github.com/pgtlslint/pgtlslint/rules/conninfo"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// Reading is how one driver reads a connection string.
type Reading struct {
	Driver  drivers.ID `json:"driver"`
	Name    string     `json:"name"`
	Mode    string     `json:"mode,omitempty"`
	Setting string     `json:"setting"`
	drivers.Behavior
	Dynamic bool `json:"dynamic,omitempty"`
	// Problems are the sentences of the driver's findings about the string.
	Findings []string `json:"findings"`
}

// Explanation is what `pgtlslint explain` reports about one connection string.
type Explanation struct {
	// Input is the string with its secrets replaced by ****.
	Input  string `json:"input"`
	Syntax string `json:"syntax"`
	// Params are the parameters by libpq keyword name (for JDBC and ADO.NET: the closest libpq
	// name), secrets replaced by ****.
	Params map[string]string `json:"params"`
	// Error is the reader's reason to reject the string (libpq's, for URIs and keyword=value).
	Error string `json:"error,omitempty"`
	// Driver is whose findings Findings holds, and Evidence why.
	Driver     drivers.ID `json:"driver"`
	DriverName string     `json:"driver_name"`
	Evidence   string     `json:"evidence,omitempty"`
	Drivers    []Reading  `json:"drivers"`
	Findings   []Finding  `json:"findings"`
	// Fixed is the string after every fix edit, secrets replaced by ****; "" without edits.
	Fixed string `json:"fixed,omitempty"`
}

// Explain reads s with driver (or, when "", the driver its syntax implies, libpq semantics
// for libpq syntax) and with every driver that reads its syntax.
func Explain(s string, driver drivers.ID, opt Options) Explanation {
	t, cs := ParseConnString(s, StringSource{Driver: driver})
	ex := Explanation{
		Input:  conninfo.Redact(s),
		Syntax: t.Syntax,
		Params: map[string]string{},
		Driver: t.Driver, Evidence: t.Evidence,
	}
	if cs.Err != nil {
		ex.Error = cs.RedactedError()
	}
	for k, v := range cs.Map() {
		if conninfo.IsSecret(k) {
			v = "****"
		}
		ex.Params[k] = v
	}
	ex.Findings = Evaluate(t, opt)
	Locate(ex.Findings, []byte(s))
	if ex.Driver == "" {
		ex.DriverName = "libpq semantics"
	} else if d, ok := drivers.Lookup(string(ex.Driver)); ok {
		ex.Driver, ex.DriverName = d.ID, d.Name
	}
	if fixed := fixToFixedPoint(s, driver, opt, ex.Findings); fixed != s {
		ex.Fixed = conninfo.Redact(fixed)
	}
	var readers []*drivers.Driver
	switch {
	case driver != "":
		d, _ := drivers.Lookup(string(driver))
		readers = []*drivers.Driver{d}
	case t.Driver != "":
		readers = []*drivers.Driver{drivers.Get(t.Driver)}
	default:
		for _, d := range drivers.All() {
			for _, syn := range d.Syntaxes {
				if syn == t.Syntax {
					readers = append(readers, d)
					break
				}
			}
		}
	}
	for _, d := range readers {
		dt, _ := ParseConnString(s, StringSource{Driver: d.ID})
		e, _ := dt.Effect()
		r := Reading{Driver: d.ID, Name: d.Name, Mode: string(e.Mode), Setting: e.Setting, Behavior: e.Behavior, Dynamic: e.Dynamic}
		if r.Setting == "" {
			r.Setting = "default"
		}
		for _, f := range Evaluate(dt, opt) {
			r.Findings = append(r.Findings, f.RuleID+" "+f.RuleName)
		}
		if r.Findings == nil {
			r.Findings = []string{}
		}
		ex.Drivers = append(ex.Drivers, r)
	}
	if ex.Findings == nil {
		ex.Findings = []Finding{}
	}
	return ex
}

// ApplyFixes applies the fix edits of findings to content, as `scan --fix` does: edits that
// overlap an earlier one are skipped (a second pass picks up what is still wrong).
func ApplyFixes(content string, fs []Finding) string {
	var edits []Edit
	for _, f := range fs {
		if f.Fix != nil {
			edits = append(edits, f.Fix.Edits...)
		}
	}
	out, _ := ApplyEdits(content, edits)
	return out
}

// ApplyEdits applies edits to content in order of position, skipping an edit that repeats the
// previous one (two findings asking for the same change) or overlaps an edit already taken. It
// returns the result and how many edits it applied.
func ApplyEdits(content string, edits []Edit) (string, int) {
	edits = append([]Edit(nil), edits...)
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Start < edits[j].Start })
	out := make([]byte, 0, len(content))
	pos, applied := 0, 0
	for i, e := range edits {
		if i > 0 && e == edits[i-1] {
			continue
		}
		if e.Start < pos || e.End > len(content) || e.Start > e.End {
			continue
		}
		out = append(out, content[pos:e.Start]...)
		out = append(out, e.NewText...)
		pos = e.End
		applied++
	}
	return string(append(out, content[pos:]...)), applied
}

// maxFixPasses bounds fix-and-re-evaluate rounds; each round fixes at least one finding.
const maxFixPasses = 4

// fixToFixedPoint applies fixes, re-evaluates and repeats until nothing changes, so that fixes
// whose edits overlapped in one round are applied in the next.
func fixToFixedPoint(s string, driver drivers.ID, opt Options, fs []Finding) string {
	cur := s
	for range maxFixPasses {
		next := ApplyFixes(cur, fs)
		if next == cur {
			break
		}
		cur = next
		t, _ := ParseConnString(cur, StringSource{Driver: driver})
		fs = Evaluate(t, opt)
	}
	return cur
}
