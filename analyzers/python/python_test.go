//go:build cgo

package python_test

import (
	"testing"

	"github.com/pgtlslint/pgtlslint/analyzers/python"
	"github.com/pgtlslint/pgtlslint/internal/sourcetest"
)

func TestFixtures(t *testing.T) {
	st := sourcetest.Run(t, "../../testdata/python", python.Analyze)
	t.Logf("fixtures: %d files, %d wants, %d oks", st.Files, st.Wants, st.OKs)
	if st.Files < 7 || st.Wants < 40 || st.OKs < 25 {
		t.Errorf("too few fixtures: %+v", st)
	}
}
