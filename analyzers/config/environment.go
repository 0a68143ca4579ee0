package config

import (
	"slices"

	"github.com/pgtlslint/pgtlslint/analyzers/config/doc"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// envTargets makes the targets of a scope's variables: one fragment for the PG* variables (the
// host from PGHOST when set beside them), one for NODE_TLS_REJECT_UNAUTHORIZED; and gives the
// scope's connection strings the environment they run with.
func (a *analysis) envTargets(sc *doc.Scope) {
	t, env := a.pgEnvTarget(sc)
	if t != nil {
		a.targets = append(a.targets, t)
	}
	if nt := sc.Vars[doc.NodeTLSVar]; nt != nil && (a.hint.Driver != "" || a.hasPG) {
		drv, ev := drivers.NodeTLSReader(a.hint.Driver, a.hint.Evidence)
		t := &rules.Target{Path: a.path, Driver: drv, Evidence: ev, Syntax: "env", Fragment: true, HostUnknown: true,
			Params: []rules.Param{varParam(doc.NodeTLSVar, nt)}, Anchor: nt.Val.Full(),
			Editor: &envEditor{vars: map[string]*doc.Var{doc.NodeTLSVar: nt}}}
		if h := sc.Get(doc.HostVar); h != nil {
			// node-postgres takes its host from PGHOST too: a local one needs no TLS.
			t.Hosts, t.HostUnknown = hostList(h.Val), false
		}
		a.targets = append(a.targets, t)
	}
	for _, t := range a.conns[sc] {
		applyEnv(t, sc, env)
	}
}

// varParam is the parameter name set by variable v.
func varParam(name string, v *doc.Var) rules.Param {
	return rules.Param{Setting: drivers.Setting{Name: name, Written: v.Name, Value: v.Val.Text, Dynamic: rules.IsDynamic(v.Val.Text)},
		Val: v.Val.Full(), Pair: v.Pair}
}

// pgEnvTarget makes the fragment target of the PG* variables a scope sets itself (nil when it
// sets none) and returns the static values of the variables it sees, PGPASSWORD aside.
func (a *analysis) pgEnvTarget(sc *doc.Scope) (*rules.Target, map[string]string) {
	env := map[string]string{}
	var params []rules.Param
	var secrets []rules.Span
	var anchor *rules.Span
	// The variables a parent scope sets are part of this one's target (a PGSSLROOTCERT of
	// the script beside a command's PGSSLMODE) but only the scope that sets one makes a
	// target of it.
	vars := map[string]*doc.Var{}
	for _, pv := range doc.EnvParams {
		v := sc.Get(pv.Env)
		if v == nil {
			continue
		}
		vars[pv.Env] = v
		params = append(params, varParam(pv.Param, v))
		switch {
		case pv.Param == "password" && v.Val.Text != "":
			secrets = append(secrets, v.Val.Full())
		case pv.Param != "password" && !rules.IsDynamic(v.Val.Text):
			env[pv.Env] = v.Val.Text
		}
		if sc.Vars[pv.Env] != nil && anchor == nil {
			sp := v.Val.Full()
			anchor = &sp
		}
	}
	if anchor == nil {
		return nil, env
	}
	t := &rules.Target{Path: a.path, Driver: a.hint.Driver, Evidence: a.hint.Evidence, Syntax: "env",
		Fragment: true, HostUnknown: true, Params: params, Anchor: *anchor, Secrets: secrets,
		Editor: &envEditor{vars: vars}}
	if len(env) > 0 {
		t.Env = env
	}
	if sc.InServer() {
		// Without PGHOST, libpq in a server's container reaches that server's Unix socket.
		t.HostUnknown = false
	}
	if h := sc.Get(doc.HostVar); h != nil {
		t.Hosts, t.HostUnknown = hostList(h.Val), false
	}
	return t, env
}

// applyEnv gives a connection string the PGSSLMODE and PGSSLROOTCERT of its scope when its
// driver reads them. The variables go first among its params, so that the string's own
// settings win, as they do for libpq; a finding decided by a variable then sits on it.
func applyEnv(t *rules.Target, sc *doc.Scope, env map[string]string) {
	d := drivers.For(t.Driver)
	var pre []rules.Param
	for _, pv := range doc.EnvParams {
		v := sc.Get(pv.Env)
		if !pv.Libpq || v == nil || !slices.Contains(d.Env, pv.Env) {
			continue
		}
		pre = append(pre, varParam(pv.Param, v))
		if val, ok := env[pv.Env]; ok {
			if t.Env == nil {
				t.Env = map[string]string{}
			}
			t.Env[pv.Env] = val
		}
	}
	if len(pre) > 0 {
		t.Params = append(pre, t.Params...)
	}
}

// envEditor fixes settings made through environment variables: Op keys are the libpq names
// ("sslmode" edits PGSSLMODE) or the variable itself (NODE_TLS_REJECT_UNAUTHORIZED).
type envEditor struct {
	vars map[string]*doc.Var
	// sc, when set, is looked up instead of vars, when the fix is made: the variables of a
	// script are all known only once it has been read.
	sc *doc.Scope
}

// Apply implements rules.Editor. Every operation must map onto a variable of the file, or no
// edit is made at all: half a fix can leave a setting that means something else.
func (e *envEditor) Apply(ops []drivers.Op) ([]rules.Edit, bool) {
	var edits []rules.Edit
	for _, op := range ops {
		var v *doc.Var
		if e.sc != nil {
			v = e.sc.Get(doc.FixVar(op.Key))
		} else {
			v = e.vars[doc.FixVar(op.Key)]
		}
		if v == nil {
			return nil, false
		}
		ed, ok := opEdit(op, v)
		if !ok {
			return nil, false
		}
		edits = append(edits, ed)
	}
	return edits, true
}

// opEdit is the edit of one operation on variable v: a removal removes its setting (or turns
// NODE_TLS_REJECT_UNAUTHORIZED back on where it cannot be removed), a value replaces its value.
func opEdit(op drivers.Op, v *doc.Var) (rules.Edit, bool) {
	switch {
	case op.Remove && v.Remove != nil:
		return rules.Edit{Start: v.Remove.Start, End: v.Remove.End}, true
	case op.Remove && v.Name == doc.NodeTLSVar:
		return v.Val.Replace("1")
	case op.Remove:
		return rules.Edit{}, false
	}
	return v.Val.Replace(op.Value)
}
