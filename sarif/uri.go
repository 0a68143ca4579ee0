package sarif

import (
	"net/url"
	"path"
	"path/filepath"
	"strings"
)

// SrcRootID is the uriBaseId of every artifact location: the directory that finding paths are
// relative to (the repository root when pgtlslint runs there, as in CI).
const SrcRootID = "%SRCROOT%"

// artifactURI turns a finding's path into a SARIF artifact URI. Relative paths, which the scan
// produces, become relative URI references (slash-separated, cleaned, without "./", every
// segment percent-encoded as RFC 3986 requires, ":" included so that no segment reads as a
// scheme) and relative is true: they are resolved against SrcRootID. An absolute path is made
// relative to srcRoot when it lies under it; otherwise it becomes a file:// URI and relative
// is false.
func artifactURI(p, srcRoot string) (uri string, relative bool) {
	p = filepath.ToSlash(p)
	if isAbs(p) {
		if srcRoot != "" {
			if rel, err := filepath.Rel(srcRoot, filepath.FromSlash(p)); err == nil {
				rel = filepath.ToSlash(rel)
				if rel != ".." && !strings.HasPrefix(rel, "../") && !isAbs(rel) {
					return encodePath(rel), true
				}
			}
		}
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // a Windows drive path: file:///C:/dir/file
		}
		segs := strings.Split(path.Clean(p), "/")
		for i, s := range segs {
			if i == 1 && len(s) == 2 && s[1] == ':' {
				continue // the drive letter keeps its colon
			}
			segs[i] = url.PathEscape(s)
		}
		return "file://" + strings.Join(segs, "/"), false
	}
	return encodePath(p), true
}

func isAbs(p string) bool {
	if strings.HasPrefix(p, "/") {
		return true
	}
	// A Windows drive letter, whatever the platform the SARIF file is written on.
	return len(p) >= 3 && p[1] == ':' && p[2] == '/' &&
		(p[0] >= 'a' && p[0] <= 'z' || p[0] >= 'A' && p[0] <= 'Z')
}

// encodePath percent-encodes each segment of a cleaned, slash-separated relative path.
func encodePath(p string) string {
	p = path.Clean(p)
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = strings.ReplaceAll(url.PathEscape(s), ":", "%3A")
	}
	return strings.Join(segs, "/")
}
