package scan

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/internal/fixtures"
	"github.com/pgtlslint/pgtlslint/rules"
)

// namesRoot holds files named like PostgreSQL's own (postgresql.conf, pg_hba.conf) that are
// another program's, beside real ones: only a whole scan, which classifies each file by its
// name and content, reads them as a user's scan does.
const namesRoot = "../testdata/names"

// TestNameSharedFixtures scans testdata/names and compares each file's findings and notices
// with its annotations.
func TestNameSharedFixtures(t *testing.T) {
	rep, err := Run(Options{Roots: []string{namesRoot}})
	if err != nil {
		t.Fatal(err)
	}
	found := map[string][]rules.Finding{}
	for _, r := range rep.Results {
		found[r.Path] = append(found[r.Path], r.Finding)
	}
	notices := map[string]int{}
	for _, n := range rep.Notices {
		notices[n.Path]++
	}
	checked := 0
	err = filepath.WalkDir(namesRoot, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), "README") {
			return err
		}
		content, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		spec, err := fixtures.ParseAnnotations(content)
		if err != nil || len(spec.Wants) == 0 && !spec.None {
			t.Errorf("%s: annotations %+v, %v: want a want or none", p, spec, err)
			return nil
		}
		show := filepath.ToSlash(p)
		t.Run(strings.TrimPrefix(show, namesRoot+"/"), func(t *testing.T) {
			if got := notices[show] > 0; got != spec.Notice {
				t.Errorf("%d notices, want a notice: %v", notices[show], spec.Notice)
			}
			fixtures.Compare(t, spec, found[show])
		})
		checked++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 10 {
		t.Fatalf("checked %d fixtures, want the whole set", checked)
	}
}
