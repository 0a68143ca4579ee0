package shell

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/analyzers/config/doc"
)

// recorder is a Handler that writes down what a script does.
type recorder struct {
	d      *doc.Document
	events []string
}

func (r *recorder) Scope(parent *doc.Scope) *doc.Scope {
	if parent == nil {
		r.events = append(r.events, "container scope")
		return r.d.NewScope()
	}
	r.events = append(r.events, "child scope")
	return r.d.Child(parent)
}

func (r *recorder) Assign(e *doc.Entry) {
	removable := e.Remove != nil
	r.events = append(r.events, fmt.Sprintf("assign %s=%s removable=%v", e.Key, e.Val.Text, removable))
}

func (r *recorder) Script(v doc.Value, _ *doc.Scope) {
	r.events = append(r.events, "script "+v.Text)
	Read(v, r.d.File(), r)
}

func (r *recorder) Client(prog string, c Conn, _ *doc.Scope) bool {
	text := func(v *doc.Value) string {
		if v == nil {
			return "-"
		}
		return v.Text
	}
	open := ""
	if c.Open {
		open = " open"
	}
	r.events = append(r.events, fmt.Sprintf("client %s db=%s host=%s%s", prog, text(c.DB), text(c.Host), open))
	return c.DB != nil && strings.HasPrefix(c.DB.Text, "postgres://")
}

func (r *recorder) Run(argv []doc.Value) {
	var ws []string
	for _, a := range argv {
		ws = append(ws, a.Text)
	}
	r.events = append(r.events, "run "+strings.Join(ws, " "))
}

func (r *recorder) Container(image string, argv []doc.Value, imageEntrypoint bool) {
	r.events = append(r.events, fmt.Sprintf("container %s args=%d entrypoint=%v", image, len(argv), imageEntrypoint))
}

func (r *recorder) Text(v doc.Value, _ *doc.Scope, comments []string) {
	if comments != nil {
		r.events = append(r.events, "heredoc "+strings.TrimSpace(v.Text))
	}
}

func TestReadReportsWhatTheScriptDoes(t *testing.T) {
	script := "export PGSSLMODE=disable\n" +
		"PGSSLROOTCERT=/ca.pem psql -h db.example.com -U app\n" +
		"psql \"postgres://db.example.com/app\" -c 'select 1'\n" +
		"docker run --rm -e PGSSLMODE=require postgres:16 -c ssl=off\n" +
		"sh -c 'pg_dump postgres://x/y'\n" +
		"cat <<END > /etc/app.env\n" +
		"DATABASE_URL=postgres://db/app\n" +
		"END\n"
	r := &recorder{d: doc.New()}
	Read(doc.Verbatim(script, 0), r.d.File(), r)
	want := []string{
		"assign PGSSLMODE=disable removable=true",
		"child scope",
		"assign PGSSLROOTCERT=/ca.pem removable=true",
		"client psql db=- host=db.example.com",
		"client psql db=postgres://db.example.com/app host=-",
		"container scope",
		"assign PGSSLMODE=require removable=true",
		"container postgres:16 args=2 entrypoint=true",
		"script pg_dump postgres://x/y",
		"client pg_dump db=postgres://x/y host=-",
		"run cat /etc/app.env", // a redirection target is a word too
		"heredoc DATABASE_URL=postgres://db/app",
	}
	if got := strings.Join(r.events, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("events:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}

func TestWordsMapIntoTheFile(t *testing.T) {
	// -o "-c 'ssl=off'" as pg_ctl passes it on: the words of a value at file offset 100.
	v := doc.Verbatim(`-c 'ssl=off'`, 100)
	ws := Words(v)
	if len(ws) != 2 || ws[0].Text != "-c" || ws[1].Text != "ssl=off" {
		t.Fatalf("Words = %v", ws)
	}
	if sp := ws[1].Full(); sp.Start != 104 || sp.End != 111 {
		t.Errorf("ssl=off spans %v, want [104,111) inside the quotes", sp)
	}
	// Inside the quotes new text need only be safe there; a quote would end them.
	if _, ok := ws[1].Sub(4, 7).Replace("on"); !ok {
		t.Error("replacing off inside the quotes was refused")
	}
	if _, ok := ws[1].Sub(4, 7).Replace("a'b"); ok {
		t.Error("a quote inside the quotes was accepted")
	}
}

func TestClientOpen(t *testing.T) {
	for script, want := range map[string]string{
		"psql -h db.example.com -U app app":                "client psql db=app host=db.example.com",
		"psql -h db.example.com $PSQL_OPTS app":            "client psql db=$PSQL_OPTS host=db.example.com open",
		`psql -h db.example.com "$@"`:                      "client psql db=$@ host=db.example.com open",
		`psql -h db.example.com -d "$CONNINFO"`:            "client psql db=$CONNINFO host=db.example.com open",
		`psql -h db.example.com -c "$SQL" -f "$FILE" app`:  "client psql db=app host=db.example.com",
		`pg_dump -h db.example.com "${DUMP_ARGS[@]}" app`:  "client pg_dump db=${DUMP_ARGS[@]} host=db.example.com open",
		`psql "postgres://db.example.com/$DB" -v X="$X"`:   "client psql db=postgres://db.example.com/$DB host=-",
		`psql "postgres://db.example.com/app" $(cat opts)`: "client psql db=postgres://db.example.com/app host=- open",
	} {
		r := &recorder{d: doc.New()}
		Read(doc.Verbatim(script, 0), r.d.File(), r)
		if len(r.events) == 0 || r.events[0] != want {
			t.Errorf("%s: events %q, want %q first", script, r.events, want)
		}
	}
}
