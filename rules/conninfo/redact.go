package conninfo

import (
	"regexp"
	"sort"
	"strings"
)

// Mask replaces secret values in redacted output.
const Mask = "****"

// secretNames are the normalized names (lower case, no spaces, '_' or '-') of parameters whose
// value is a credential, in any of the four syntaxes.
var secretNames = map[string]bool{
	"password":          true, // libpq, pgjdbc, Npgsql
	"pwd":               true, // Npgsql synonym
	"psw":               true, // Npgsql synonym
	"sslpassword":       true, // libpq, pgjdbc, Npgsql "SSL Password"
	"oauthclientsecret": true, // libpq 18
	"scramclientkey":    true, // libpq 18
	"scramserverkey":    true, // libpq 18
}

// IsSecret reports whether a parameter of that name holds a credential that must never be shown:
// password and sslpassword in every syntax and spelling (Npgsql's "SSL Password", PWD, PSW),
// and libpq 18's oauth_client_secret and SCRAM keys. The match ignores case, spaces, '_' and '-'.
func IsSecret(name string) bool {
	n := strings.Map(func(r rune) rune {
		switch r {
		case ' ', '_', '-':
			return -1
		}
		return r
	}, strings.ToLower(name))
	return secretNames[n]
}

// Redacted returns Input with the value of every secret parameter (see IsSecret) replaced by
// Mask, quotes and separators kept. The string is then also scrubbed by pattern, as Redact
// describes, so that nothing that looks like a password survives where the parser did not see a
// parameter: after an error, after a NUL byte (which ends the string for libpq), or inside
// another value.
func (c *ConnString) Redacted() string {
	out, _ := c.redact()
	return out
}

// RedactedError returns the message of Err with every secret that the message quotes replaced by
// Mask (libpq quotes the offending component, which can be the password: `invalid
// percent-encoded token: "p%zz"`), or "" when there is no error.
func (c *ConnString) RedactedError() string {
	if c.Err == nil {
		return ""
	}
	_, secrets := c.redact()
	// Longest first, so that a secret containing another is replaced whole.
	sort.Slice(secrets, func(i, j int) bool { return len(secrets[i]) > len(secrets[j]) })
	msg := c.Err.Msg
	seen := map[string]bool{}
	for _, s := range secrets {
		if s != "" && !seen[s] {
			seen[s] = true
			msg = strings.ReplaceAll(msg, s, Mask)
		}
	}
	out, _ := scrub(msg)
	return out
}

// Redact parses s with Parse and returns it redacted (see Redacted). A string that no parser
// accepts is still scrubbed: a value after password=, pwd=, psw=, sslpassword= (any case, any
// separator: white space, ';' or '&') up to the next separator or the end of its quotes, and the
// password of URI user info (user:secret@host).
func Redact(s string) string {
	return Parse(s).Redacted()
}

// redact returns the redacted input and the secret texts it hid.
func (c *ConnString) redact() (string, []string) {
	var edits []Edit
	var secrets []string
	hide := func(sp Span) {
		if sp.Len() <= 0 {
			return
		}
		raw := c.Input[sp.Start:sp.End]
		if len(raw) >= 2 && (raw[0] == '\'' || raw[0] == '"') && raw[len(raw)-1] == raw[0] {
			sp = Span{sp.Start + 1, sp.End - 1}
			raw = raw[1 : len(raw)-1]
			if raw == "" {
				return
			}
		}
		edits = append(edits, Edit{sp.Start, sp.End, Mask})
		secrets = append(secrets, raw)
	}
	for _, p := range c.Params {
		if !IsSecret(p.Name) && !IsSecret(p.Written) {
			continue
		}
		sp := p.Val
		if c.Syntax == SyntaxURI && !p.InQuery && p.Name == "password" && c.uri != nil {
			// "postgres://u:p@ss@h" is user u, password p and host ss@h for libpq, but the
			// writer most likely meant the password p@ss: hide up to the last '@'.
			hs := c.uri.hostspec
			if sp.End <= hs.Start && hs.Start <= hs.End && hs.End <= len(c.Input) {
				if at := strings.LastIndexByte(c.Input[hs.Start:hs.End], '@'); at >= 0 {
					sp.End = hs.Start + at
				}
			}
		}
		hide(sp)
		if p.Value != "" {
			secrets = append(secrets, p.Value)
		}
	}
	// The pattern scrub runs on every string, parsed or not: it catches what the parser did not
	// get to (after an error, after a NUL that ends the string for libpq) and passwords hidden in
	// other values (options='-c password=x'), at the price of hiding a little too much.
	out, found := scrub(ApplyEdits(c.Input, edits))
	return out, append(secrets, found...)
}

// secretKeyRE finds "password=" and its relatives in any syntax: a key that ends in one of the
// secret names, white space, '=' and white space. The key may be quoted or percent-encoded in
// ways this does not see; those are left to the exact, parser-based redaction.
var secretKeyRE = regexp.MustCompile(`(?i)(password|pwd|psw|ssl[ _-]?password|oauth_client_secret|scram_client_key|scram_server_key)\s*=\s*`)

// scrub hides anything that looks like a password in s, which no parser accepted, and returns the
// texts it hid. It errs on the side of hiding too much.
func scrub(s string) (string, []string) {
	var secrets []string
	var edits []Edit
	covered := 0 // end of the last value hidden: a key inside it is part of it
	for _, m := range secretKeyRE.FindAllStringIndex(s, -1) {
		if m[0] < covered {
			continue
		}
		start := m[1]
		end := scanSecretValue(s, start)
		covered = end
		if end > start {
			if s[start] == '\'' || s[start] == '"' {
				start++
				if end > start && s[end-1] == s[start-1] {
					end--
				}
			}
			if end > start {
				edits = append(edits, Edit{start, end, Mask})
				secrets = append(secrets, s[start:end])
			}
		}
	}
	// URI user info: from "://" to the last '@' before the query (or white space or a quote).
	// libpq ends the user info at a '/', but a writer who put an unencoded '/' into the password
	// still meant it as one: "postgres://u:a/b@h" is scrubbed to "postgres://u:****@h".
	for i := 0; ; {
		k := strings.Index(s[i:], "://")
		if k < 0 {
			break
		}
		auth := i + k + 3
		end := auth
		for end < len(s) && s[end] != '?' && s[end] != '\'' && s[end] != '"' && !isCSpace(s[end]) {
			end++
		}
		if at := strings.LastIndexByte(s[auth:end], '@'); at >= 0 {
			if colon := strings.IndexByte(s[auth:auth+at], ':'); colon >= 0 && colon+1 < at {
				edits = append(edits, Edit{auth + colon + 1, auth + at, Mask})
				secrets = append(secrets, s[auth+colon+1:auth+at])
			}
		}
		i = end // a "://" inside this authority belongs to it
	}
	return ApplyEdits(s, mergeMasks(edits)), secrets
}

// scanSecretValue returns the end of the value starting at i: the closing quote of a quoted value
// (backslash and doubled quotes escape it; no closing quote means the end of s), or for a bare
// value the next ';', '&', line break, or white space before another key=.
func scanSecretValue(s string, i int) int {
	if i >= len(s) {
		return i
	}
	if q := s[i]; q == '\'' || q == '"' {
		for j := i + 1; j < len(s); j++ {
			switch s[j] {
			case '\\':
				j++
			case q:
				if j+1 < len(s) && s[j+1] == q {
					j++
					continue
				}
				return j + 1
			}
		}
		return len(s)
	}
	j := i
	for j < len(s) {
		switch s[j] {
		case '\\':
			j += 2
			continue
		case ';', '&', '\n', '\r', 0:
			return j
		case '\'', '"':
			// The closing quote of an enclosing value (options='-c password=x').
			if j+1 == len(s) || isCSpace(s[j+1]) {
				return j
			}
		}
		if isCSpace(s[j]) {
			// White space followed by another key= ends the value. Every byte is looked at a
			// bounded number of times, so a long run of spaces or words stays linear.
			k := j
			for k < len(s) && isCSpace(s[k]) {
				k++
			}
			m := k
			for m < len(s) && isKeyByte(s[m]) {
				m++
			}
			t := m
			for t < len(s) && isCSpace(s[t]) {
				t++
			}
			if m > k && t < len(s) && s[t] == '=' {
				return j
			}
			j = k
			continue
		}
		j++
	}
	if j > len(s) {
		j = len(s)
	}
	for j > i && isCSpace(s[j-1]) {
		j--
	}
	return j
}

func isKeyByte(c byte) bool {
	return c == '_' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9')
}

// mergeMasks joins overlapping mask edits into one.
func mergeMasks(edits []Edit) []Edit {
	if len(edits) < 2 {
		return edits
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].Start < edits[j].Start })
	out := []Edit{edits[0]}
	for _, e := range edits[1:] {
		last := &out[len(out)-1]
		if e.Start <= last.End {
			if e.End > last.End {
				last.End = e.End
			}
			continue
		}
		out = append(out, e)
	}
	return out
}
