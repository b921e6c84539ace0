package build

import (
	"os"

	"resolve/internal/diag"
	"resolve/internal/protocol"
	"resolve/internal/workday"
)

// Loaded is a validated protocol with its calendar.
type Loaded struct {
	Protocol *protocol.Protocol
	Calendar *workday.Calendar
	File     string // the _index.md it came from
}

// Protocols loads and validates the protocols of a content folder and the
// calendars they use, without layouts or rendering: what `resolve plan` and
// `resolve audit` need. Problems are reported as in a build.
func Protocols(contentDir string, today workday.Date) ([]Loaded, diag.List) {
	if fi, err := os.Stat(contentDir); err != nil || !fi.IsDir() {
		return nil, diag.List{{Path: contentDir, Message: "no such folder"}}
	}
	cfg := Config{Content: contentDir, Today: today}
	s := newSite(cfg)
	tree, problems := loadTree(cfg)
	s.tree = tree
	s.loadCalendars(&problems)
	s.loadProtocols(&problems)
	var out []Loaded
	for _, pr := range s.protos {
		out = append(out, Loaded{Protocol: pr.Protocol, Calendar: pr.cal, File: pr.src.File})
	}
	return out, problems
}
