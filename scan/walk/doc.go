// Package walk is pgtlslint's file engine: it walks the paths to scan,
// honouring .gitignore (except for files git tracks), include and exclude
// globs (the caller's, and those of the configuration Scope each directory
// lies in, relative to that configuration's directory) and default excludes;
// classifies each file into a Kind by name,
// extension and shebang; drops files over the size cap, binary files and
// files without a trigger word (Prefilter); and hands the rest, read once
// into a reused buffer, to a callback on a pool of workers. Problems with
// single paths (unreadable, too large, binary, symlink loops) become
// Notices, never failures. RunOrdered returns results in path order, so
// output does not depend on scheduling.
//
// The language and format analyzers live under analyzers/; this package imports
// only scan/result, scan/filekind (which the analyzers register their kinds with) and the
// driver table (for the prefilter's words).
package walk
