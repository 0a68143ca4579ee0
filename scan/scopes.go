package scan

import (
	"fmt"
	"path/filepath"
	"sync"

	projectconfig "github.com/pgtlslint/pgtlslint/scan/config"
	walk "github.com/pgtlslint/pgtlslint/scan/walk"
)

// scopes hands the walk the configuration of each directory as a walk.Scope: one per
// configuration file, whose globs the walk matches relative to the file's directory.
type scopes struct {
	finder *projectconfig.Finder
	mu     sync.Mutex
	byCfg  map[*projectconfig.Config]*walk.Scope
}

// of is walk.Options.ScopeOf.
func (s *scopes) of(dir string) (*walk.Scope, error) {
	cfg, err := s.finder.For(dir)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if sc, ok := s.byCfg[cfg]; ok {
		return sc, nil
	}
	sc, err := walk.NewScope(cfg.Dir, cfg.Include, cfg.Exclude, cfg.MaxFileSize, cfg)
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", cfg.Path, err)
	}
	s.byCfg[cfg] = sc
	return sc, nil
}

// configOf is the configuration of a file the walk found. The finder learns it for the file's
// directory: the Go analyzer asks for the hints of the package's other files there.
func (s *scopes) configOf(f walk.File) *projectconfig.Config {
	if f.Scope != nil {
		if cfg, ok := f.Scope.Data.(*projectconfig.Config); ok {
			s.finder.Remember(filepath.Dir(f.Abs), cfg)
			return cfg
		}
	}
	return projectconfig.Default()
}
