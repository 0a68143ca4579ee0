package config

import "testing"

func TestRefName(t *testing.T) {
	for s, want := range map[string]string{
		"$MODE":            "MODE",
		"${MODE}":          "MODE",
		"${MODE:-disable}": "MODE",
		"${MODE-disable}":  "MODE",
		"${MODE:=disable}": "MODE",
		"${MODE:disable}":  "MODE",
		"${A:-${B}}":       "A",
		"${MODE:+require}": "",
		"${MODE:?unset}":   "",
		"${MODE}x":         "",
		"$MODE/x":          "",
		"x$MODE":           "",
		"$1":               "",
		"${#MODE}":         "",
		"$":                "",
		"${}":              "",
	} {
		got, ok := refName(s)
		if got != want || ok != (want != "") {
			t.Errorf("refName(%q) = %q, %v; want %q", s, got, ok, want)
		}
	}
}
