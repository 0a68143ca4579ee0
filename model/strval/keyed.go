package strval

import (
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// Slot is one setting of an options object, keyword arguments, a settings dictionary or a
// setter call: where its value sits and how to write a new one.
type Slot struct {
	// Value spans the value expression, replaced by Render(v) when an operation sets the key.
	Value rules.Span
	// Remove spans what a Remove operation deletes: the key, value and one separator.
	Remove rules.Span
	// Render writes a value as an expression of the language ("'verify-full'", "true"); nil
	// means the slot cannot be set.
	Render func(v string) (string, bool)
}

// KeyedEditor applies fix plans to settings written as separate keys (options objects,
// keyword arguments, setter calls), where each operation names one key.
type KeyedEditor struct {
	Slots map[string]Slot
	// Insert adds a key that is not there; nil means missing keys cannot be added, and a plan
	// that needs one gives no edit.
	Insert func(key, value string) (rules.Edit, bool)
}

// Apply implements rules.Editor.
func (e *KeyedEditor) Apply(ops []drivers.Op) ([]rules.Edit, bool) {
	var out []rules.Edit
	for _, op := range ops {
		s, ok := e.Slots[op.Key]
		switch {
		case op.Remove && !ok:
			continue
		case op.Remove:
			if s.Remove == (rules.Span{}) {
				return nil, false
			}
			out = append(out, rules.Edit{Start: s.Remove.Start, End: s.Remove.End})
		case ok:
			if s.Render == nil {
				return nil, false
			}
			text, ok := s.Render(op.Value)
			if !ok {
				return nil, false
			}
			out = append(out, rules.Edit{Start: s.Value.Start, End: s.Value.End, NewText: text})
		default:
			if e.Insert == nil {
				return nil, false
			}
			ed, ok := e.Insert(op.Key, op.Value)
			if !ok {
				return nil, false
			}
			out = append(out, ed)
		}
	}
	return out, true
}
