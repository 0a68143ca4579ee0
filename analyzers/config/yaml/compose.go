package yaml

import (
	"sort"
	"strings"

	yamlv3 "go.yaml.in/yaml/v3"
)

// ComposeServices returns the names a Compose file gives its containers on the project
// network: service names, container_name, hostname, network aliases and link aliases. They are
// local hosts for the rules (rules.Options.LocalServices). A file that does not parse gives
// none.
func ComposeServices(content []byte) []string {
	docs, err := decode(content)
	if err != nil && len(docs) == 0 {
		return nil
	}
	names := &nameSet{seen: map[string]bool{}}
	for _, d := range docs {
		if d.Kind != yamlv3.DocumentNode || len(d.Content) == 0 || d.Content[0].Kind != yamlv3.MappingNode {
			continue
		}
		root := d.Content[0]
		services := mapGet(root, "services")
		if services == nil {
			// Compose file format 1: the services are the top-level keys.
			services = root
		}
		if services.Kind != yamlv3.MappingNode {
			continue
		}
		for i := 0; i+1 < len(services.Content); i += 2 {
			name, svc := services.Content[i], services.Content[i+1]
			if svc.Kind != yamlv3.MappingNode || strings.HasPrefix(name.Value, "x-") {
				continue
			}
			if services == root && mapGet(svc, "image") == nil && mapGet(svc, "build") == nil {
				continue
			}
			names.add(name.Value)
			names.service(svc)
		}
	}
	sort.Strings(names.out)
	return names.out
}

// nameSet collects names once each.
type nameSet struct {
	seen map[string]bool
	out  []string
}

func (ns *nameSet) add(s string) {
	s = strings.TrimSpace(s)
	if s != "" && !ns.seen[s] {
		ns.seen[s] = true
		ns.out = append(ns.out, s)
	}
}

// service adds the other names of service svc: container_name, hostname, network aliases,
// link aliases.
func (ns *nameSet) service(svc *yamlv3.Node) {
	for _, k := range []string{"container_name", "hostname"} {
		if v := mapGet(svc, k); v != nil && v.Kind == yamlv3.ScalarNode {
			ns.add(v.Value)
		}
	}
	if nets := mapGet(svc, "networks"); nets != nil && nets.Kind == yamlv3.MappingNode {
		for j := 1; j < len(nets.Content); j += 2 {
			if al := mapGet(nets.Content[j], "aliases"); al != nil && al.Kind == yamlv3.SequenceNode {
				for _, a := range al.Content {
					ns.add(a.Value)
				}
			}
		}
	}
	if links := mapGet(svc, "links"); links != nil && links.Kind == yamlv3.SequenceNode {
		for _, l := range links.Content {
			if _, alias, ok := strings.Cut(l.Value, ":"); ok {
				ns.add(alias)
			}
		}
	}
}
