package conninfo

import "strings"

// Parse detects the syntax of s and parses it with the matching parser:
//
//   - postgresql:// or postgres:// (exact case): ParseURI, as libpq would;
//   - jdbc:postgresql: : ParseJDBC;
//   - Key=Value pairs that only an Npgsql reader accepts: ParseADONET;
//   - anything else: ParseKeywordValue, as libpq would.
//
// A string is taken as ADO.NET when it is valid in that grammar, every key is an Npgsql key, and
// something marks it as not libpq: a ';' between pairs, or a key that is not a libpq keyword of
// that exact spelling ("Host", "Server", "SSL Mode"). "host=db sslmode=require" stays libpq,
// "Host=db;SSL Mode=Require" and "Server=db" are ADO.NET. The prefixes are matched exactly, as
// libpq and pgjdbc match them: " postgres://h" is a (broken) keyword=value string.
func Parse(s string, opts ...Option) *ConnString {
	switch {
	case uriPrefixLength(s) > 0:
		return ParseURI(s, opts...)
	case strings.HasPrefix(s, jdbcPrefix):
		return ParseJDBC(s)
	case looksADONET(s):
		return ParseADONET(s)
	}
	return ParseKeywordValue(s, opts...)
}

func looksADONET(s string) bool {
	pairs, err := adoScan(s)
	if err != nil || len(pairs) == 0 {
		return false
	}
	marked := false
	for _, p := range pairs {
		if adoLookup(p.key) == nil {
			return false
		}
		// A key that libpq of some version spells the same ("sslnegotiation") does not mark the
		// string: it is a libpq string that this libpq version may reject.
		if !isLibpqKeyword(p.key, maxLibpqVersion) || strings.ContainsAny(p.key, " \t") {
			marked = true
		}
	}
	if marked {
		return true
	}
	// All keys are libpq keywords too ("host=db;port=5432"): a ';' right after a pair decides,
	// since libpq would read it as part of a value.
	for _, p := range pairs {
		rest := strings.TrimLeft(s[p.valSpan.End:], " \t\r\n\f\v")
		if strings.HasPrefix(rest, ";") {
			return true
		}
	}
	return false
}

// Lookup returns the effective occurrence of the parameter with the given canonical Name: the
// last one, since every reader lets a later setting win.
func (c *ConnString) Lookup(name string) (Param, bool) {
	for i := len(c.Params) - 1; i >= 0; i-- {
		if c.Params[i].Name == name {
			return c.Params[i], true
		}
	}
	return Param{}, false
}

// Map returns the effective parameters by canonical Name, later occurrences winning. For URI and
// keyword=value input this is what PQconninfoParse returns (the options with a non-NULL value)
// when libpq accepts the string; when it rejects it, Map still returns what was parsed before
// the error, where libpq would return nothing.
func (c *ConnString) Map() map[string]string {
	m := make(map[string]string, len(c.Params))
	for _, p := range c.Params {
		m[p.Name] = p.Value
	}
	return m
}
