package yaml

import (
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/analyzers/config/doc"
)

// TestTemplate checks that Helm, Jinja2 and ERB templates read as YAML: the settings beside
// their actions are entries with the file's own spans, a value with an action in it keeps
// the action as written, and a file with no template syntax still fails as it did.
func TestTemplate(t *testing.T) {
	src := `metadata:
  labels: {{- include "api.labels" . | nindent 4 }}
    tier: db
  annotations: {{- toYaml .Values.annotations | nindent 4 }}
spec:
  {{- if .Values.tls }}
  sslmode: verify-full
  {{- else }}
  sslmode: require
  {{- end }}
  host: "{{ .Values.db.host }}.example.com"
  block: |
        {{- range .Values.lines }}
    line {{ . }}
    {{- end }}
{% for k in keys %}
  {{ k }}: 1
{% endfor %}
  pool: <%= ENV["POOL"] %>
`
	d, err := Parse("t.yaml", []byte(src), 0)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, it := range d.Items {
		if e, ok := it.(*doc.Entry); ok {
			got[e.Path] = e.Val.Text
			if sp := e.Val.Full(); e.Val.Map.Exact() && src[sp.Start:sp.End] != e.Val.Text && !strings.Contains(e.Path, "block") {
				t.Errorf("%s: value %q, file bytes %q", e.Path, e.Val.Text, src[sp.Start:sp.End])
			}
		}
	}
	want := map[string]string{
		"metadata.labels.tier": "db",
		"metadata.annotations": "{{- toYaml .Values.annotations | nindent 4 }}",
		"spec.sslmode":         "require",
		"spec.host":            "{{ .Values.db.host }}.example.com",
		"spec.pool":            `<%= ENV["POOL"] %>`,
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q (all: %q)", k, got[k], v, got)
		}
	}
	// An emptied line is line breaks (no line of spaces indented unlike the block's content).
	if b := got["spec.block"]; strings.Trim(b, "\n") != "line {{ . }}" {
		t.Errorf("spec.block = %q, want line {{ . }} after empty lines", b)
	}
	if _, err := Parse("t.yaml", []byte("a: [1\nb: {{ x\n"), 0); err == nil {
		t.Error("an unclosed flow sequence parsed")
	}
}
