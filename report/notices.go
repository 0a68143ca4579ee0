package report

import (
	"fmt"
	"sort"

	"github.com/pgtlslint/pgtlslint/scan/result"
)

// noticeCount says how a text report counts the notices of one kind in one line: %d is the
// number of notices (always more than one), %s (when the kind has one) "1 file" or "N files".
type noticeCount struct {
	format string
	files  bool // format takes the number of files too
}

// noticeCounts word the count of each kind of notice; a kind not here is counted as
// "N <kind> notices in M files". A kind whose notices are one per file counts files.
var noticeCounts = map[string]noticeCount{
	result.NoticeSkipped:     {format: "%d files skipped"},
	result.NoticeUnreadable:  {format: "%d files could not be read"},
	result.NoticeSymlinkLoop: {format: "%d directory symlink loops not followed"},
	result.NoticeParseError:  {format: "%d parse errors in %s", files: true},
	result.NoticeSuppression: {format: "%d malformed pgtlslint:ignore comments in %s", files: true},
	result.NoticePanic:       {format: "%d analyzer panics in %s (searched as text instead)", files: true},
}

// noticeGroup is the notices of one kind and group (result.Notice.Group).
type noticeGroup struct {
	kind, group string
	notices     []result.Notice
}

// notices writes the notices sorted by path and line; unless verbose, a kind of notice with
// several is counted in one line after them instead ("12 files skipped: larger than 1 MiB (--verbose lists
// them)"), so that a tree with hundreds of generated files still reads as a report of findings.
// JSON and SARIF keep every notice.
func (p *textPrinter) notices(notices []result.Notice, verbose bool) {
	sorted := result.SortedNotices(notices)
	if verbose {
		for _, n := range sorted {
			p.notice(n)
		}
		return
	}
	groups := groupNotices(sorted)
	// A notice alone of its kind is shown as it is, in the order of path and line, and the
	// counts follow.
	alone := map[[2]string]bool{}
	for _, g := range groups {
		alone[[2]string{g.kind, g.group}] = len(g.notices) == 1
	}
	for _, n := range sorted {
		if alone[[2]string{n.Kind, n.Group}] {
			p.notice(n)
		}
	}
	for _, g := range groups {
		if len(g.notices) > 1 {
			p.line(p.paint(severityStyle(g.notices[0].Level()), g.count()) + " (--verbose lists them)")
		}
	}
}

// groupNotices groups sorted notices by kind and group: warnings (what could not be read or
// parsed) before notes (files skipped on purpose), then by kind and group; each group's notices
// keep their order.
func groupNotices(sorted []result.Notice) []*noticeGroup {
	byKey := map[[2]string]*noticeGroup{}
	var groups []*noticeGroup
	for _, n := range sorted {
		k := [2]string{n.Kind, n.Group}
		g := byKey[k]
		if g == nil {
			g = &noticeGroup{kind: n.Kind, group: n.Group}
			byKey[k] = g
			groups = append(groups, g)
		}
		g.notices = append(g.notices, n)
	}
	sort.SliceStable(groups, func(i, j int) bool {
		a, b := groups[i], groups[j]
		if ra, rb := a.notices[0].Level().Rank(), b.notices[0].Level().Rank(); ra != rb {
			return ra > rb
		}
		if a.kind != b.kind {
			return a.kind < b.kind
		}
		return a.group < b.group
	})
	return groups
}

// count is the group's line: "54 parse errors in 9 files", "12 files skipped: larger than 1 MiB".
func (g *noticeGroup) count() string {
	files := map[string]bool{}
	for _, n := range g.notices {
		files[n.Path] = true
	}
	c, ok := noticeCounts[g.kind]
	if !ok {
		c = noticeCount{format: "%d " + g.kind + " notices in %s", files: true}
	}
	var s string
	if c.files {
		s = fmt.Sprintf(c.format, len(g.notices), plural(len(files), "file", "files"))
	} else {
		s = fmt.Sprintf(c.format, len(g.notices))
	}
	if g.group != "" {
		s += ": " + g.group
	}
	return sanitize(s)
}
