package sarif

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// dropNulls re-encodes a JSON document without the object members whose value is null.
// go-sarif marshals a few optional members that way (a suppression's status, location and
// guid), and the SARIF schema rejects null for them. Member order is kept, so the output stays
// deterministic; strings are written without HTML escaping.
func dropNulls(in []byte) ([]byte, error) {
	c := &nullDropper{dec: json.NewDecoder(bytes.NewReader(in))}
	c.dec.UseNumber()
	c.enc = json.NewEncoder(&c.scratch)
	c.enc.SetEscapeHTML(false)
	var out bytes.Buffer
	tok, err := c.dec.Token()
	if err != nil {
		return nil, err
	}
	if err := c.copyValue(tok, &out); err != nil {
		return nil, err
	}
	if _, err := c.dec.Token(); err == nil {
		return nil, fmt.Errorf("trailing data after the JSON document")
	}
	return out.Bytes(), nil
}

// nullDropper copies JSON tokens from dec, encoding strings with enc through scratch.
type nullDropper struct {
	dec     *json.Decoder
	enc     *json.Encoder
	scratch bytes.Buffer
}

// copyValue writes the value that starts with tok (already read) to out.
func (c *nullDropper) copyValue(tok json.Token, out *bytes.Buffer) error {
	dec := c.dec
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			out.WriteByte('{')
			n := 0
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return err
				}
				v, err := dec.Token()
				if err != nil {
					return err
				}
				if v == nil {
					continue
				}
				if n > 0 {
					out.WriteByte(',')
				}
				n++
				key, ok := k.(string)
				if !ok {
					return fmt.Errorf("object key %v is not a string", k)
				}
				if err := c.writeString(out, key); err != nil {
					return err
				}
				out.WriteByte(':')
				if err := c.copyValue(v, out); err != nil {
					return err
				}
			}
			out.WriteByte('}')
		case '[':
			out.WriteByte('[')
			for n := 0; dec.More(); n++ {
				if n > 0 {
					out.WriteByte(',')
				}
				v, err := dec.Token()
				if err != nil {
					return err
				}
				if err := c.copyValue(v, out); err != nil {
					return err
				}
			}
			out.WriteByte(']')
		default:
			return fmt.Errorf("unexpected %v in JSON", t)
		}
		_, err := dec.Token() // the closing delimiter
		return err
	case nil:
		out.WriteString("null")
	case bool:
		if t {
			out.WriteString("true")
		} else {
			out.WriteString("false")
		}
	case json.Number:
		out.WriteString(t.String())
	case string:
		return c.writeString(out, t)
	default:
		return fmt.Errorf("unexpected JSON token %T", tok)
	}
	return nil
}

// writeString writes s as a JSON string, without HTML escaping.
func (c *nullDropper) writeString(out *bytes.Buffer, s string) error {
	c.scratch.Reset()
	if err := c.enc.Encode(s); err != nil {
		return err
	}
	out.Write(bytes.TrimSuffix(c.scratch.Bytes(), []byte("\n")))
	return nil
}
