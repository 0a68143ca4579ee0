package rules

import (
	"fmt"
	"net/netip"
	"reflect"
	"strings"
	"testing"
)

func TestParseHBAIP(t *testing.T) {
	tests := []struct {
		in, want string // want "" means not numeric (a host name for the server)
	}{
		{"10.0.0.1", "10.0.0.1"},
		{"10.1", "10.0.0.1"},
		{"10.1.2", "10.1.0.2"},
		{"10", "0.0.0.10"},
		{"0x7f000001", "127.0.0.1"},
		{"0x7F.1", "127.0.0.1"},
		{"017700000001", "127.0.0.1"},
		{"010.0.0.1", "8.0.0.1"},
		{"0", "0.0.0.0"},
		{"255.255.255.255", "255.255.255.255"},
		{"4294967295", "255.255.255.255"},
		{"4294967296", ""},
		{"10.0.0.256", ""},
		{"1.2.3.4.5", ""},
		{"1..2", ""},
		{"1.2.3.", ""},
		{"09", ""},
		{"0x", "0.0.0.0"},
		{"1.2.3.4x", ""},
		{"db.example.com", ""},
		{"", ""},
		{"::1", "::1"},
		{"::ffff:10.0.0.1", "::ffff:10.0.0.1"},
		{"fe80::1%eth0", "fe80::1%eth0"},
		{":::", ""},
	}
	for _, tt := range tests {
		a, ok := ParseHBAIP(tt.in)
		got := ""
		if ok {
			got = a.String()
		}
		if got != tt.want {
			t.Errorf("ParseHBAIP(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func field(text string) HBAField { return HBAField{Text: text} }

func TestParseHBANet(t *testing.T) {
	tests := []struct {
		addr, mask string // mask "-" means none
		quoted     bool
		want       string // prefix, keyword, host=..., or error text
	}{
		{"10.0.0.0/8", "-", false, "10.0.0.0/8"},
		{"10.0.0.1/8", "-", false, "10.0.0.1/8"},
		{"10.0.0.0/+8", "-", false, "10.0.0.0/8"},
		{"10.0.0.0/-0", "-", false, "10.0.0.0/0"},
		{"10.0.0.0/33", "-", false, `invalid CIDR mask in address "10.0.0.0/33"`},
		{"::/128", "-", false, "::/128"},
		{"::/129", "-", false, `invalid CIDR mask in address "::/129"`},
		{"10.0.0.0", "255.0.0.0", false, "10.0.0.0/8"},
		{"10.0.0.0", "255.0.255.0", false, "10.0.0.0/8"},
		{"10.0.0.0", "0xffff0000", false, "10.0.0.0/16"},
		{"2001:db8::", "ffff:ffff::", false, "2001:db8::/32"},
		{"10.0.0.0", "ffff::", false, "IP address and mask do not match"},
		{"10.0.0.0", "x", false, `invalid IP mask "x": Name or service not known`},
		{"10.0.0.0", "-", false, "end-of-line before netmask specification"},
		{"all", "-", false, "keyword all"},
		{"samehost", "-", false, "keyword samehost"},
		{"samenet", "-", false, "keyword samenet"},
		{"all", "-", true, "host=all"},
		{".example.com", "-", false, "host=.example.com"},
		{"db/8", "-", false, `specifying both host name and CIDR mask is invalid: "db/8"`},
	}
	for _, tt := range tests {
		a := HBAField{Text: tt.addr, Quoted: tt.quoted}
		var m *HBAField
		if tt.mask != "-" {
			mf := field(tt.mask)
			m = &mf
		}
		n, err := ParseHBANet(a, m)
		var got string
		switch {
		case err != nil:
			got = err.Error()
		case n.Keyword != "":
			got = "keyword " + n.Keyword
		case n.Host != "":
			got = "host=" + n.Host
		default:
			got = n.Prefix.String()
		}
		if got != tt.want {
			t.Errorf("ParseHBANet(%q, %q) = %q, want %q", tt.addr, tt.mask, got, tt.want)
		}
	}
}

func TestHBAScope(t *testing.T) {
	tests := []struct {
		net  HBANet
		want hbaScope
	}{
		{HBANet{Keyword: "all"}, scopeWorld},
		{HBANet{Keyword: "samehost"}, scopeLoopback},
		{HBANet{Keyword: "samenet"}, scopePrivate},
		{HBANet{Host: "localhost"}, scopeLoopback},
		{HBANet{Host: "LOCALHOST"}, scopeLoopback},
		{HBANet{Host: "db.localhost"}, scopeLoopback},
		{HBANet{Host: "db.internal"}, scopeNamed},
		{HBANet{Host: ".example.com"}, scopeNamed},
		{prefix("0.0.0.0/0"), scopeWorld},
		{prefix("::/0"), scopeWorld},
		{prefix("127.0.0.1/32"), scopeLoopback},
		{prefix("127.0.0.0/8"), scopeLoopback},
		{prefix("127.0.0.0/7"), scopePublic},
		{prefix("::1/128"), scopeLoopback},
		{prefix("::ffff:127.0.0.1/128"), scopeLoopback},
		{prefix("10.0.0.0/8"), scopePrivate},
		{prefix("10.0.0.0/7"), scopePublic},
		{prefix("172.16.0.0/12"), scopePrivate},
		{prefix("172.31.255.0/24"), scopePrivate},
		{prefix("172.32.0.0/16"), scopePublic},
		{prefix("192.168.0.0/16"), scopePrivate},
		{prefix("100.64.0.0/10"), scopePrivate},
		{prefix("169.254.0.0/16"), scopePrivate},
		{prefix("fd12:3456::/32"), scopePrivate},
		{prefix("fe80::/10"), scopePrivate},
		{prefix("::ffff:10.0.0.0/104"), scopePrivate},
		{prefix("::ffff:0.0.0.0/96"), scopeWorld},
		{prefix("203.0.113.0/24"), scopePublic},
		{prefix("2001:db8::/32"), scopePublic},
		{prefix("0.0.0.0/1"), scopePublic},
	}
	for _, tt := range tests {
		if got := tt.net.scope(); got != tt.want {
			t.Errorf("scope(%+v) = %d, want %d", tt.net, got, tt.want)
		}
	}
}

func prefix(s string) HBANet { return HBANet{Prefix: netip.MustParsePrefix(s)} }

// recordingEditor records what the checks ask to replace.
type recordingEditor struct{ calls []string }

func (e *recordingEditor) Replace(f HBAField, text string) []Edit {
	e.calls = append(e.calls, f.Text+"->"+text)
	return []Edit{{Start: f.Span.Start, End: f.Span.End, NewText: text}}
}

// record builds a record from a line's words (no quoting), with spans as if the words were
// separated by single spaces. Words after the method are options.
func record(line string) (HBARecord, *recordingEditor) {
	ws := strings.Fields(line)
	pos := 0
	next := func() HBAField {
		w := ws[0]
		ws = ws[1:]
		f := HBAField{Text: strings.Trim(w, `"`), Quoted: strings.HasPrefix(w, `"`), Span: Span{Start: pos, End: pos + len(w)}}
		pos += len(w) + 1
		return f
	}
	list := func() []HBAField {
		f := next()
		var out []HBAField
		start := f.Span.Start
		for _, item := range strings.Split(f.Text, ",") {
			out = append(out, HBAField{Text: item, Span: Span{Start: start, End: start + len(item)}})
			start += len(item) + 1
		}
		if f.Quoted {
			out[0].Quoted = true
		}
		return out
	}
	ed := &recordingEditor{}
	r := HBARecord{Path: "pg_hba.conf", Editor: ed}
	r.Type = next()
	r.Databases = list()
	r.Users = list()
	if r.Type.Text != "local" {
		a := next()
		r.Address = &a
		if HBANeedsMask(a) {
			m := next()
			r.Mask = &m
		}
	}
	r.Method = next()
	for len(ws) > 0 {
		r.Options = append(r.Options, next())
	}
	r.Span = Span{Start: 0, End: pos - 1}
	return r, ed
}

// summary renders findings as "RULE:severity@field" in order.
func summary(line string, fs []Finding) string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s:%s@%s", f.RuleID, f.Severity, line[f.Span.Start:f.Span.End]))
	}
	return strings.Join(out, " ")
}

func TestEvaluateHBA(t *testing.T) {
	tests := []struct{ line, want string }{
		// PGTLS101
		{"host app app 10.0.0.0/8 scram-sha-256", "PGTLS101:warning@host"},
		{"host app app 203.0.113.0/24 scram-sha-256", "PGTLS101:error@host"},
		{"host app app db.example.com scram-sha-256", "PGTLS101:error@host"},
		{"host app app .example.com scram-sha-256", "PGTLS101:error@host"},
		{"host app app samenet scram-sha-256", "PGTLS101:warning@host"},
		{"host app app samehost scram-sha-256", ""},
		{"host app app localhost scram-sha-256", ""},
		{"host app app 127.0.0.1/32 scram-sha-256", ""},
		{"host app app ::1/128 scram-sha-256", ""},
		{"host app app 127.0.0.1 255.255.255.255 scram-sha-256", ""},
		{"host app app 10.0.0.0 255.0.0.0 scram-sha-256", "PGTLS101:warning@host"},
		{"host app app 0.0.0.0 0.0.0.0 scram-sha-256", "PGTLS101:error@host"},
		{"hostnossl app app 10.0.0.0/8 scram-sha-256", "PGTLS101:warning@hostnossl"},
		{"hostnogssenc app app 10.0.0.0/8 scram-sha-256", "PGTLS101:warning@hostnogssenc"},
		{"hostssl app app 0.0.0.0/0 scram-sha-256", ""},
		{"hostgssenc app app 0.0.0.0/0 gss", ""},
		{"host all all 0.0.0.0/0 reject", ""},
		{"hostnossl all all ::/0 reject", ""},
		{"local all all peer", ""},
		{`"host" app app 10.0.0.0/8 scram-sha-256`, `PGTLS101:warning@"host"`},
		// PGTLS102
		{"host app app 10.0.0.0/8 trust", "PGTLS101:warning@host PGTLS102:error@trust"},
		{"hostssl app app 10.0.0.0/8 trust", "PGTLS102:error@trust"},
		{"hostgssenc app app 203.0.113.1/32 trust", "PGTLS102:error@trust"},
		{"hostssl app app samenet trust", "PGTLS102:error@trust"},
		{"host all all 127.0.0.1/32 trust", ""},
		{"host all all samehost trust", ""},
		{"local all all trust", ""},
		// PGTLS103
		{"local all all md5", "PGTLS103:warning@md5"},
		{"local all all password", "PGTLS103:warning@password"},
		{"host all all 127.0.0.1/32 md5", "PGTLS103:warning@md5"},
		{"host all all 127.0.0.1/32 password", "PGTLS103:warning@password"},
		{"hostssl app app 10.0.0.0/8 md5", "PGTLS103:warning@md5"},
		{"hostssl app app 10.0.0.0/8 password", "PGTLS103:warning@password"},
		{"hostgssenc app app 10.0.0.0/8 password", "PGTLS103:warning@password"},
		{"host app app 10.0.0.0/8 password", "PGTLS101:warning@host PGTLS103:error@password"},
		{"hostnossl app app 203.0.113.0/24 password", "PGTLS101:error@hostnossl PGTLS103:error@password"},
		{"hostnogssenc app app 10.0.0.0/8 password", "PGTLS101:warning@hostnogssenc PGTLS103:error@password"},
		{"hostssl app app 10.0.0.0/8 scram-sha-256", ""},
		// PGTLS104
		{"hostssl all all 0.0.0.0/0 scram-sha-256", "PGTLS104:warning@0.0.0.0/0"},
		{"hostssl all all ::/0 scram-sha-256", "PGTLS104:warning@::/0"},
		{"hostssl all all all scram-sha-256", "PGTLS104:warning@all"},
		{"hostssl all all 0.0.0.0 0.0.0.0 scram-sha-256", "PGTLS104:warning@0.0.0.0"},
		{"hostssl app,all all 0.0.0.0/0 scram-sha-256", "PGTLS104:warning@0.0.0.0/0"},
		{`hostssl "all" all 0.0.0.0/0 scram-sha-256`, ""},
		{`hostssl all "all" 0.0.0.0/0 scram-sha-256`, ""},
		{"hostssl app all 0.0.0.0/0 scram-sha-256", ""},
		{"hostssl all +admins 0.0.0.0/0 scram-sha-256", ""},
		{"hostssl all all 10.0.0.0/8 scram-sha-256", ""},
		{"hostssl all all 0.0.0.0/0 reject", ""},
		{"host all all 0.0.0.0/0 md5", "PGTLS101:error@host PGTLS104:warning@0.0.0.0/0 PGTLS103:warning@md5"},
		{"host all all all trust", "PGTLS101:error@host PGTLS104:warning@all PGTLS102:error@trust"},
		// Records the server would reject get nothing.
		{"host all all 10.0.0.0/33 trust", ""},
	}
	for _, tt := range tests {
		r, _ := record(tt.line)
		got := summary(tt.line, EvaluateHBA([]HBARecord{r}))
		if got != tt.want {
			t.Errorf("%s\n got %s\nwant %s", tt.line, got, tt.want)
		}
	}
}

func TestEvaluateHBAFixes(t *testing.T) {
	tests := []struct {
		line  string
		calls []string
		edits map[string]int // rule -> number of edits
	}{
		{"host all all 0.0.0.0/0 trust", []string{"host->hostssl"}, map[string]int{"PGTLS101": 1, "PGTLS102": 0, "PGTLS104": 0}},
		{"hostnossl app app 10.0.0.0/8 md5", []string{"hostnossl->hostssl", "md5->scram-sha-256"}, map[string]int{"PGTLS101": 1, "PGTLS103": 1}},
		{"local all all password", []string{"password->scram-sha-256"}, map[string]int{"PGTLS103": 1}},
	}
	for _, tt := range tests {
		r, ed := record(tt.line)
		fs := EvaluateHBA([]HBARecord{r})
		if !reflect.DeepEqual(ed.calls, tt.calls) {
			t.Errorf("%s: editor calls %v, want %v", tt.line, ed.calls, tt.calls)
		}
		for _, f := range fs {
			if f.Fix == nil || f.Fix.Description == "" {
				t.Errorf("%s: %s has no fix description", tt.line, f.RuleID)
				continue
			}
			if n := len(f.Fix.Edits); n != tt.edits[f.RuleID] {
				t.Errorf("%s: %s has %d edits, want %d", tt.line, f.RuleID, n, tt.edits[f.RuleID])
			}
			for _, e := range f.Fix.Edits {
				if e.Path != "pg_hba.conf" {
					t.Errorf("%s: edit path %q", tt.line, e.Path)
				}
			}
		}
	}
	// Without an editor the findings stay, with descriptions only.
	r, _ := record("host app app 10.0.0.0/8 md5")
	r.Editor = nil
	for _, f := range EvaluateHBA([]HBARecord{r}) {
		if f.Fix == nil || len(f.Fix.Edits) != 0 {
			t.Errorf("no editor: %s fix %+v", f.RuleID, f.Fix)
		}
	}
}

func TestEvaluateHBAFindingFields(t *testing.T) {
	line := "host all all 0.0.0.0/0 ldap ldapserver=x ldapbasedn=y ldapbindpasswd=s3cret"
	r, _ := record(line)
	fs := EvaluateHBA([]HBARecord{r})
	if len(fs) != 2 {
		t.Fatalf("findings %s", summary(line, fs))
	}
	for _, f := range fs {
		if f.Driver != ServerDriver || f.DriverName != ServerDriverName || f.Evidence != "pg_hba.conf" || f.Path != "pg_hba.conf" {
			t.Errorf("%s: driver %q %q evidence %q path %q", f.RuleID, f.Driver, f.DriverName, f.Evidence, f.Path)
		}
		if len(f.Secrets) != 1 || line[f.Secrets[0].Start:f.Secrets[0].End] != "ldapbindpasswd=s3cret" {
			t.Errorf("%s: secrets %v", f.RuleID, f.Secrets)
		}
		if strings.Contains(f.Message, "s3cret") || strings.Contains(f.Fix.Description, "s3cret") {
			t.Errorf("%s: the secret is in the message", f.RuleID)
		}
		if r, _ := LookupRule(f.RuleID); r.Name != f.RuleName {
			t.Errorf("%s: name %q", f.RuleID, f.RuleName)
		}
	}
}

// TestEvaluateHBAMessages checks the shape docs/rules.md#messages promises: what is wrong, why
// it matters, the fix, each a sentence.
func TestEvaluateHBAMessages(t *testing.T) {
	for _, line := range []string{
		"host all all all trust", "hostnossl app app 10.0.0.0/8 password", "local all all md5",
		"hostnogssenc app app db.example.com scram-sha-256", "hostssl all all ::/0 password",
	} {
		r, _ := record(line)
		for _, f := range EvaluateHBA([]HBARecord{r}) {
			sentences := strings.Count(f.Message, ". ") + 1
			if sentences < 3 || !strings.HasSuffix(f.Message, ".") {
				t.Errorf("%s %s: %d sentences: %s", line, f.RuleID, sentences, f.Message)
			}
		}
	}
}

func TestEvaluateHBAOrder(t *testing.T) {
	a, _ := record("host all all 0.0.0.0/0 md5")
	b, _ := record("host all all 0.0.0.0/0 md5")
	b.Path = "a/pg_hba.conf"
	fs := EvaluateHBA([]HBARecord{a, b})
	for i := 1; i < len(fs); i++ {
		p, q := fs[i-1], fs[i]
		if p.Path > q.Path || (p.Path == q.Path && p.Span.Start > q.Span.Start) {
			t.Errorf("findings out of order at %d", i)
		}
	}
}
