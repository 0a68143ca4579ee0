package rules

import (
	"embed"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// docs/rules.md is generated from the registry; a test in rules/rulesdoc fails when it is stale.
//go:generate go run ../internal/gendocs -rules ../docs/rules.md

// Rule is one rule of the registry: its identity, default severity, the named reasons that
// change the severity of a finding, and the documentation shown by SARIF consumers,
// `pgtlslint rules` and docs/rules.md. Each rule is registered once, beside its check (see
// register); Catalog and LookupRule read the registry.
type Rule struct {
	ID               string   // PGTLS001
	Name             string   // plaintext-allowed
	Severity         Severity // default level
	SecuritySeverity string   // "8.1": GitHub reads it as a numeric string
	Short            string   // SARIF shortDescription: one line of plain text
	Tags             []string // SARIF tags, "security" first (GitHub reads security-severity only then)
	// Levels are the only ways a finding of the rule gets another severity than Severity:
	// each names its reason and says when it applies.
	Levels []Level
	// Scope is what the rule's check reads; binding the check sets it.
	Scope Scope

	// The doc, doc/<ID>.md: markdown whose first paragraph is the full description.
	Full         string // SARIF fullDescription: the first paragraph, as plain text
	Help         string // plain-text help: the whole doc with markdown syntax reduced to readable text
	HelpMarkdown string // the doc as markdown
	HelpURI      string // https://github.com/pgtlslint/pgtlslint/blob/main/rules/doc/<ID>.md
}

// Level is a named severity adjustment of a rule: a finding for which Reason holds has
// Severity instead of the rule's default.
type Level struct {
	Reason   string   // kebab-case, unique within the rule: "no-tls-default"
	Severity Severity // differs from the rule's default
	Doc      string   // when the reason holds: one line of plain text
}

// Scope is what a rule's check reads.
type Scope string

// The scopes.
const (
	ScopeClient    Scope = "client"      // the settings of one connection, as a client driver reads them
	ScopeHBA       Scope = "pg_hba.conf" // one pg_hba.conf record
	ScopeServer    Scope = "server"      // server parameters: postgresql.conf, ALTER SYSTEM, the command line
	ScopeContainer Scope = "container"   // the environment of the official postgres image
)

// Text says in words what a check of the scope reads.
func (s Scope) Text() string {
	switch s {
	case ScopeClient:
		return "client connection settings (connection strings, options objects, keyword arguments, environment)"
	case ScopeHBA:
		return "pg_hba.conf records"
	case ScopeServer:
		return "server settings (postgresql.conf, ALTER SYSTEM, the postgres command line)"
	case ScopeContainer:
		return "the environment of the official postgres container image"
	}
	return string(s)
}

// ruleDef is a registered rule with its check. A check reports a finding with the ruleDef (the
// rule's default severity) or with one of its reasons.
type ruleDef struct {
	Rule
	target func(*evalCtx)    // ScopeClient
	hba    func(*hbaCtx)     // ScopeHBA
	server func(*serverEval) // ScopeServer, ScopeContainer
}

// reason is one of a rule's Levels, as the rule's check reports it.
type reason struct {
	def   *ruleDef
	level Level
}

// verdict is what a check reports a finding as: its rule at the default severity, or a reason
// of the rule with the reason's severity. Neither names a severity of its own, so the severity
// of every finding is the registry's.
type verdict interface {
	decide() (*ruleDef, Severity)
}

func (d *ruleDef) decide() (*ruleDef, Severity) { return d, d.Severity }

func (r reason) decide() (*ruleDef, Severity) { return r.def, r.level.Severity }

// reason returns the rule's level named name. Checks take their reasons in package-level
// declarations beside the rule, so a name the rule does not declare panics while the package
// initialises, which fails every test and every program.
func (d *ruleDef) reason(name string) reason {
	for _, l := range d.Levels {
		if l.Reason == name {
			return reason{def: d, level: l}
		}
	}
	panic(fmt.Sprintf("rules: %s declares no severity reason %q", d.ID, name))
}

// The checks are bound to their rules in init functions beside them: a check refers to its
// rule, so the rule's declaration cannot refer to the check.

// onTargets binds a client rule's check of one connection target.
func onTargets(d *ruleDef, check func(*evalCtx)) { d.bind(ScopeClient); d.target = check }

// onHBARecords binds a pg_hba.conf rule's check of one record.
func onHBARecords(d *ruleDef, check func(*hbaCtx)) { d.bind(ScopeHBA); d.hba = check }

// onServerSettings binds a check of a server's parameters.
func onServerSettings(d *ruleDef, check func(*serverEval)) { d.bind(ScopeServer); d.server = check }

// onContainerEnv binds a check of the postgres image's environment.
func onContainerEnv(d *ruleDef, check func(*serverEval)) { d.bind(ScopeContainer); d.server = check }

func (d *ruleDef) bind(s Scope) {
	if d.Scope != "" {
		panic("rules: " + d.ID + " has two checks")
	}
	d.Scope = s
}

// helpURIBase is where the rule docs are published; the doc file name is appended.
const helpURIBase = "https://github.com/pgtlslint/pgtlslint/blob/main/rules/doc/"

// docDir holds each rule's doc, <ID>.md, in the embedded tree and in tests' file systems.
const docDir = "doc"

//go:embed doc/*.md
var docFS embed.FS

// registry holds every rule. register adds to defs while the package's variables are
// initialised; the first read seals it: sorted by id, indexed, every rule with a check.
var registry struct {
	defs   []*ruleDef
	once   sync.Once
	sealed bool
	// docsOnce reads every rule's doc, on the first read of the catalog (documented).
	docsOnce sync.Once
	byKey    map[string]*ruleDef // lower-case id and name
	byScope  map[Scope][]*ruleDef
}

// register adds a rule to the registry, with its doc from doc/<ID>.md, and returns the value its
// check reports with. Declare it beside the check:
//
//	var sslModeMissing = register(Rule{ID: "PGTLS004", ...})
//	var noTLSDefault = sslModeMissing.reason("no-tls-default")
//	func init() { onTargets(sslModeMissing, checkSSLModeMissing) }
//
// A rule that is malformed (see define) panics: the registry is fixed at build time and checked
// by every test.
func register(r Rule) *ruleDef {
	if registry.sealed {
		panic("rules: register " + r.ID + " after the registry was read")
	}
	r = r.clone()
	if err := r.validate(); err != nil {
		panic(fmt.Sprintf("rules: %s: %v", r.ID, err))
	}
	d := &ruleDef{Rule: r}
	registry.defs = append(registry.defs, d)
	return d
}

// documented returns the rules sorted by id with their docs read: the docs are only for the
// readers of the catalog (SARIF, the rules command), so a scan's start does not render them.
func documented() []*ruleDef {
	defs := registered()
	registry.docsOnce.Do(func() {
		for _, d := range defs {
			if err := d.readDoc(docFS); err != nil {
				panic("rules: " + err.Error())
			}
		}
	})
	return defs
}

// registered returns the rules sorted by id, sealing the registry on first use.
func registered() []*ruleDef {
	registry.once.Do(func() {
		registry.sealed = true
		defs := registry.defs
		sort.Slice(defs, func(i, j int) bool { return defs[i].ID < defs[j].ID })
		byKey, err := index(defs)
		if err != nil {
			panic("rules: " + err.Error())
		}
		registry.byKey = byKey
		registry.byScope = map[Scope][]*ruleDef{}
		for _, d := range defs {
			if d.Scope == "" {
				panic("rules: " + d.ID + " has no check (bind it in an init function beside the check), " +
					"or the registry was read before the package finished initialising")
			}
			registry.byScope[d.Scope] = append(registry.byScope[d.Scope], d)
		}
	})
	return registry.defs
}

// rulesIn returns the rules whose checks read scope s, by id: checks run in rule order, so the
// findings of one input come out in a stable order.
func rulesIn(s Scope) []*ruleDef {
	registered()
	return registry.byScope[s]
}

// index maps each rule's lower-case id and name to it, or names the first key two rules share.
func index(defs []*ruleDef) (map[string]*ruleDef, error) {
	m := make(map[string]*ruleDef, 2*len(defs))
	for _, d := range defs {
		for _, key := range []string{d.ID, d.Name} {
			k := strings.ToLower(key)
			if other, dup := m[k]; dup {
				return nil, fmt.Errorf("%s: %q is already used by %s", d.ID, key, other.ID)
			}
			m[k] = d
		}
	}
	return m, nil
}

// Catalog returns every rule, sorted by ID. The returned slice is the caller's to modify.
func Catalog() []Rule {
	defs := documented()
	out := make([]Rule, len(defs))
	for i, d := range defs {
		out[i] = d.clone()
	}
	return out
}

// InScope returns the rules whose checks read scope s, sorted by ID, with the fields of their
// registration only: no doc is read, so a list of ids and names (an analyzer's help) costs no
// rendering at start-up. Catalog has the docs too.
func InScope(s Scope) []Rule {
	var out []Rule
	for _, d := range rulesIn(s) {
		out = append(out, d.clone())
	}
	return out
}

// LookupRule finds a rule by id (case-insensitive, "PGTLS001" or
// "pgtls001") or by name ("plaintext-allowed").
func LookupRule(idOrName string) (Rule, bool) {
	documented()
	d, ok := registry.byKey[strings.ToLower(strings.TrimSpace(idOrName))]
	if !ok {
		return Rule{}, false
	}
	return d.clone(), true
}

func (r Rule) clone() Rule {
	r.Tags = append([]string(nil), r.Tags...)
	r.Levels = append([]Level(nil), r.Levels...)
	return r
}

var (
	ruleIDPattern   = regexp.MustCompile(`^PGTLS[0-9]{3}$`)
	ruleNamePattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
)

// maxShortLen bounds a rule's short description (SARIF shortDescription).
const maxShortLen = 100

// define checks a rule's fields and fills its help from docDir/<ID>.md in fsys, or says what is
// wrong, naming the rule.
func define(r Rule, fsys fs.FS) (*ruleDef, error) {
	r = r.clone()
	if err := r.validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", r.ID, err)
	}
	if err := r.readDoc(fsys); err != nil {
		return nil, err
	}
	return &ruleDef{Rule: r}, nil
}

// readDoc fills a rule's help from docDir/<ID>.md in fsys.
func (r *Rule) readDoc(fsys fs.FS) error {
	file := docDir + "/" + r.ID + ".md"
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		return fmt.Errorf("%s: no doc: %w", r.ID, err)
	}
	if err := r.setHelp(data); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	r.HelpURI = helpURIBase + r.ID + ".md"
	return nil
}

// validate checks the fields a registration sets.
func (r Rule) validate() error {
	if !ruleIDPattern.MatchString(r.ID) {
		return fmt.Errorf("id %q: want PGTLS and three digits", r.ID)
	}
	if !ruleNamePattern.MatchString(r.Name) {
		return fmt.Errorf("name %q is not kebab-case", r.Name)
	}
	if r.Severity.Rank() == 0 {
		return fmt.Errorf("severity %q: want error, warning or note", r.Severity)
	}
	score, err := strconv.ParseFloat(r.SecuritySeverity, 64)
	if err != nil || !(score > 0 && score <= 10) {
		return fmt.Errorf("security-severity %q: want a number in (0, 10]", r.SecuritySeverity)
	}
	if err := oneLine("short", r.Short); err != nil {
		return err
	}
	if n := utf8.RuneCountInString(r.Short); n >= maxShortLen {
		return fmt.Errorf("short has %d characters, want fewer than %d", n, maxShortLen)
	}
	if len(r.Tags) == 0 {
		return fmt.Errorf("no tags")
	}
	for i, t := range r.Tags {
		if strings.TrimSpace(t) != t || t == "" {
			return fmt.Errorf("tag %q: empty or padded", t)
		}
		for _, have := range r.Tags[:i] {
			if have == t {
				return fmt.Errorf("tag %q repeated", t)
			}
		}
	}
	for i, l := range r.Levels {
		if !ruleNamePattern.MatchString(l.Reason) {
			return fmt.Errorf("severity reason %q is not kebab-case", l.Reason)
		}
		for _, have := range r.Levels[:i] {
			if have.Reason == l.Reason {
				return fmt.Errorf("severity reason %q repeated", l.Reason)
			}
		}
		if l.Severity.Rank() == 0 || l.Severity == r.Severity {
			return fmt.Errorf("severity reason %q: severity %q, want error, warning or note other than the default %s", l.Reason, l.Severity, r.Severity)
		}
		if err := oneLine("severity reason "+strconv.Quote(l.Reason), l.Doc); err != nil {
			return err
		}
	}
	if r.Scope != "" || r.Full != "" || r.Help != "" || r.HelpMarkdown != "" || r.HelpURI != "" {
		return fmt.Errorf("the scope comes from the check and the help from the doc, not the registration")
	}
	return nil
}

// oneLine checks that a field is one line of plain text, as SARIF and the rules table show it.
func oneLine(field, s string) error {
	if strings.TrimSpace(s) == "" {
		return fmt.Errorf("%s is empty", field)
	}
	if strings.TrimSpace(s) != s || strings.ContainsAny(s, "`\n\r") {
		return fmt.Errorf("%s %q: want one line of plain text", field, s)
	}
	return nil
}

// setHelp reads the doc: markdown whose first paragraph is the full description.
func (r *Rule) setHelp(data []byte) error {
	if !utf8.Valid(data) {
		return fmt.Errorf("not valid UTF-8")
	}
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	body := strings.TrimSpace(strings.TrimPrefix(text, "\ufeff"))
	if body == "" {
		return fmt.Errorf("empty: want a description paragraph")
	}
	if strings.HasPrefix(body, "---") {
		return fmt.Errorf("front matter: the registration holds the rule's fields, the doc only its text")
	}
	full, err := firstParagraph(body)
	if err != nil {
		return err
	}
	r.Full = full
	r.HelpMarkdown = body
	r.Help = markdownToText(body)
	return nil
}
