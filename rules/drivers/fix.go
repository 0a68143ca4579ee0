package drivers

import "strings"

// Op sets or removes one parameter, spelt as the driver reads it.
type Op struct {
	Key    string
	Value  string
	Remove bool
}

// Plan is a fix: the parameter changes, and the sentence a person reads (with any step that
// needs a human choice, such as where the CA file lives).
type Plan struct {
	Ops  []Op
	Text string
}

// Empty reports whether the plan has no edit.
func (p Plan) Empty() bool { return len(p.Ops) == 0 }

// caStep says what the driver needs besides verify-full to find the server's CA: nothing when
// the connection names a CA file already.
func (d *Driver) caStep(e Effect) string {
	if e.CA != "" && !strings.HasSuffix(e.CA, "=system") {
		return ""
	}
	return d.CAStep
}

// modeKey is the parameter that carries the mode in the driver's spelling for the input: the
// mode's key as written when the driver reads it there, else the driver's first key.
func (d *Driver) modeKey(in Input, e Effect) string {
	if k, ok := d.ViaModeKey[in.Via]; ok {
		return k
	}
	if d.ModeKeyAsWritten && e.SettingKey != "" {
		return e.SettingKey
	}
	for _, k := range d.ModeKeys[1:] {
		if e.SettingKey == k {
			return k
		}
	}
	return d.ModeKeys[0]
}

// SecureMode returns the value that asks for full verification in the driver's spelling, and
// whether the driver has one in its connection string.
func (d *Driver) SecureMode() (string, bool) {
	return d.SecureValue, d.SecureValue != ""
}

// Secure returns the plan that makes the connection encrypt and verify the server fully,
// written the way this driver reads it. It never puts a CA path in an edit: where one is needed
// the text says so.
func (d *Driver) Secure(in Input, e Effect) Plan {
	key := d.modeKey(in, e)
	var p Plan
	// A mode set through another key (URI ssl=..., requiressl, pg's ssl=...) is replaced by the
	// driver's own key; removing it first keeps a single setting in the string.
	if e.SettingKey != "" && e.SettingKey != key && !strings.HasPrefix(e.SettingKey, "PG") &&
		e.SettingKey != "sslrootcert" && e.SettingKey != "sslfactory" {
		p.Ops = append(p.Ops, Op{Key: e.SettingKey, Remove: true})
	}
	p.Ops = append(p.Ops, Op{Key: key, Value: d.SecureValue})
	p.Text = "Use " + key + "=" + d.SecureValue + "."
	if d.secure != nil && d.secure(d, in, e, &p) {
		return p
	}
	if step := d.caStep(e); step != "" {
		p.Text += " " + step
	}
	return p
}

// remove adds an operation that removes key, once.
func (p *Plan) remove(key string) {
	for _, o := range p.Ops {
		if o.Key == key && o.Remove {
			return
		}
	}
	p.Ops = append(p.Ops, Op{Key: key, Remove: true})
}
