package pghba

import (
	"errors"
	"fmt"
	"regexp/syntax"

	"github.com/pgtlslint/pgtlslint/rules"
)

// The record grammar is the server's parse_hba_line (hba.c): the same fields in the same order,
// the same checks, and messages in the server's words, so that a notice says what
// pg_hba_file_rules.error would say. Checks that depend on the running server (ssl = off for
// hostssl, a build without GSSAPI, LDAP or PAM, host names of RADIUS servers that do not
// resolve, @files that do not exist) are not made.

// connTypes are the connection types.
var connTypes = map[string]bool{
	"local": true, "host": true, "hostssl": true, "hostnossl": true, "hostgssenc": true, "hostnogssenc": true,
}

// methods are the authentication methods of current PostgreSQL. bsd and sspi exist only in
// builds for OpenBSD and Windows; oauth is PostgreSQL 18.
var methods = map[string]bool{
	"trust": true, "reject": true, "scram-sha-256": true, "md5": true, "password": true,
	"gss": true, "sspi": true, "ident": true, "peer": true, "ldap": true, "radius": true,
	"cert": true, "pam": true, "bsd": true, "oauth": true,
}

// includeDirectives are the PostgreSQL 16 include lines.
var includeDirectives = map[string]bool{"include": true, "include_if_exists": true, "include_dir": true}

// lineParser turns the fields of one logical line into a record.
type lineParser struct {
	l      *logicalLine
	fields []field
	next   int // the next field to read
	rec    rules.HBARecord
	method string
}

// hbaField turns a token into the record's field type, with its span in the file.
func (p *lineParser) hbaField(t token) rules.HBAField {
	return rules.HBAField{
		Text: t.text, Quoted: t.quoted,
		Span: rules.Span{Start: p.l.startOffset(t.start), End: p.l.endOffset(t.end)},
	}
}

// take returns the next field, or an error with msg when the line has ended.
func (p *lineParser) take(msg string) (field, error) {
	if p.next >= len(p.fields) {
		return nil, fmt.Errorf("%s", msg)
	}
	f := p.fields[p.next]
	p.next++
	return f, nil
}

// single returns the next field, which must hold one token.
func (p *lineParser) single(eol, multi string) (token, error) {
	f, err := p.take(eol)
	if err != nil {
		return token{}, err
	}
	if len(f) > 1 {
		return token{}, fmt.Errorf("%s", multi)
	}
	return f[0], nil
}

// parse reads the record, or returns the server's reason to reject it.
func (p *lineParser) parse() error {
	steps := []func() error{p.parseType, p.parseDatabases, p.parseUsers, p.parseAddress, p.parseMethod, p.parseOptions}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

func (p *lineParser) parseType() error {
	t, err := p.single("", "multiple values specified for connection type")
	if err != nil {
		return err
	}
	if !connTypes[t.text] {
		return fmt.Errorf("invalid connection type %q", t.text)
	}
	p.rec.Type = p.hbaField(t)
	return nil
}

func (p *lineParser) parseDatabases() error {
	f, err := p.take("end-of-line before database specification")
	if err != nil {
		return err
	}
	p.rec.Databases, err = p.list(f)
	return err
}

func (p *lineParser) parseUsers() error {
	f, err := p.take("end-of-line before role specification")
	if err != nil {
		return err
	}
	p.rec.Users, err = p.list(f)
	return err
}

// list turns a database or role column into fields, checking regular expressions
// (PostgreSQL 16: a name starting with a slash).
func (p *lineParser) list(f field) ([]rules.HBAField, error) {
	out := make([]rules.HBAField, 0, len(f))
	for _, t := range f {
		if err := checkRegex(t.text); err != nil {
			return nil, err
		}
		out = append(out, p.hbaField(t))
	}
	return out, nil
}

func (p *lineParser) parseAddress() error {
	if p.rec.Type.Text == "local" {
		return nil
	}
	t, err := p.single("end-of-line before IP address specification", "multiple values specified for host address")
	if err != nil {
		return err
	}
	addr := p.hbaField(t)
	p.rec.Address = &addr
	var mask *rules.HBAField
	if rules.HBANeedsMask(addr) {
		m, err := p.single("end-of-line before netmask specification", "multiple values specified for netmask")
		if err != nil {
			return err
		}
		mf := p.hbaField(m)
		mask = &mf
		p.rec.Mask = mask
	}
	_, err = rules.ParseHBANet(addr, mask)
	return err
}

func (p *lineParser) parseMethod() error {
	t, err := p.single("end-of-line before authentication method", "multiple values specified for authentication type")
	if err != nil {
		return err
	}
	if !methods[t.text] {
		return fmt.Errorf("invalid authentication method %q", t.text)
	}
	p.rec.Method = p.hbaField(t)
	p.method = t.text
	typ := p.rec.Type.Text
	if typ == "local" && p.method == "ident" {
		p.method = "peer" // the server's backwards compatibility
	}
	switch {
	case typ == "local" && p.method == "gss":
		return fmt.Errorf("gssapi authentication is not supported on local sockets")
	case typ != "local" && p.method == "peer":
		return fmt.Errorf("peer authentication is only supported on local sockets")
	case typ != "hostssl" && p.method == "cert":
		return fmt.Errorf("cert authentication is only supported on hostssl connections")
	}
	return nil
}

func (p *lineParser) parseOptions() error {
	o := newOptionSet(p.rec.Type.Text, p.method)
	for ; p.next < len(p.fields); p.next++ {
		for _, t := range p.fields[p.next] {
			if err := o.add(t.text); err != nil {
				return err
			}
			p.rec.Options = append(p.rec.Options, p.hbaField(t))
		}
	}
	return o.complete()
}

// regexErrors are the regular expression mistakes that PostgreSQL's engine rejects as well.
// Go's syntax is not PostgreSQL's (back references, lookbehind, \m and \y are PostgreSQL
// only), so every other complaint of Go's parser is ignored rather than reported wrongly.
var regexErrors = map[syntax.ErrorCode]string{
	syntax.ErrMissingParen:          "parentheses () not balanced",
	syntax.ErrUnexpectedParen:       "parentheses () not balanced",
	syntax.ErrMissingBracket:        "brackets [] not balanced",
	syntax.ErrTrailingBackslash:     "invalid escape \\ sequence",
	syntax.ErrMissingRepeatArgument: "quantifier operand invalid",
	syntax.ErrInvalidRepeatOp:       "quantifier operand invalid",
	syntax.ErrInvalidCharRange:      "invalid character range",
}

// checkRegex checks a database or role name that starts with a slash, which PostgreSQL 16
// compiles as a regular expression.
func checkRegex(s string) error {
	if len(s) == 0 || s[0] != '/' {
		return nil
	}
	_, err := syntax.Parse(s[1:], syntax.Perl)
	var e *syntax.Error
	if errors.As(err, &e) {
		if msg, known := regexErrors[e.Code]; known {
			return fmt.Errorf("invalid regular expression %q: %s", s[1:], msg)
		}
	}
	return nil
}
