package build

import (
	"context"
	"path/filepath"
	"sort"
	"time"

	"resolve/internal/history"
	"resolve/internal/markdown"
	"resolve/internal/workday"
)

// Limits on reading a protocol's history from git: the newest commits that
// touched its _index.md, and the time git may take before the page is
// built from the front matter alone.
const (
	historyCommits = 20
	historyTimeout = 10 * time.Second
)

// changesData is the data of a protocol's "What changed" page: every version
// the front matter's changes list names, the current version, and any
// earlier version found in git, newest first; each with what changed in the
// procedure since the version before it, where git holds both.
type changesData struct {
	Versions []versionView
	FromGit  bool // the protocol's history was read from git
}

// versionView is one version on the "What changed" page and in the feed.
type versionView struct {
	Version string
	Anchor  string // the id of its heading: "version-2024-06"
	Date    workday.Date
	Summary string // from the changes list; "" for a version only git knows
	Current bool
	Listed  bool   // named in the changes list (or the current version): it gets a feed entry
	Since   string // the version it is compared with; "" when there is no comparison
	Areas   []changeArea
}

// changeArea is the differences in one part of the procedure.
type changeArea struct {
	Name        string
	Differences []history.Difference
}

// changesData reads the protocol's history from git, if there is any, and
// puts it together with the front matter's changes list. Without git
// history the page lists the changes list alone.
func (s *site) changesData(pr *proto) *changesData {
	d := &changesData{}
	ctx, cancel := context.WithTimeout(context.Background(), historyTimeout)
	defer cancel()
	snaps, err := history.Log(ctx, filepath.Join(s.cfg.Content, filepath.FromSlash(pr.src.Path)), historyCommits)
	var versions []history.Version
	if err == nil && len(snaps) > 0 {
		d.FromGit = true
		// The working copy comes first: uncommitted edits are part of the
		// current version, as the rest of the site shows it.
		working := history.Snapshot{Protocol: pr.Protocol}
		versions = history.Versions(append([]history.Snapshot{working}, snaps...))
	}

	seen := map[string]bool{}
	add := func(v versionView) {
		if seen[v.Version] {
			return
		}
		seen[v.Version] = true
		v.Anchor = "version-" + markdown.Slug(v.Version)
		d.Versions = append(d.Versions, v)
	}
	current := versionView{Version: pr.Version, Date: pr.Published, Current: true, Listed: true}
	for _, c := range pr.Changes {
		if c.Version == pr.Version {
			current.Date, current.Summary = c.Date, c.Summary
		}
	}
	add(current)
	for _, c := range pr.Changes {
		add(versionView{Version: c.Version, Date: c.Date, Summary: c.Summary, Listed: true})
	}
	for _, v := range versions {
		add(versionView{Version: v.Label, Date: v.From})
	}
	// Newest first; the current version leads whatever the dates say, and
	// ties keep the changes list's order.
	sort.SliceStable(d.Versions, func(i, j int) bool {
		a, b := d.Versions[i], d.Versions[j]
		if a.Current != b.Current {
			return a.Current
		}
		return a.Date.After(b.Date)
	})

	// Each version found in git is compared with the one before it in git.
	compared := map[string]bool{}
	for k := 0; k+1 < len(versions); k++ {
		label := versions[k].Label
		if compared[label] {
			continue
		}
		compared[label] = true
		for i := range d.Versions {
			if d.Versions[i].Version != label {
				continue
			}
			d.Versions[i].Since = versions[k+1].Label
			d.Versions[i].Areas = byArea(history.Compare(versions[k+1].Snapshot.Protocol, versions[k].Snapshot.Protocol))
		}
	}
	return d
}

// byArea groups differences by area, keeping their order.
func byArea(diffs []history.Difference) []changeArea {
	var out []changeArea
	for _, d := range diffs {
		if n := len(out); n == 0 || out[n-1].Name != d.Area {
			out = append(out, changeArea{Name: d.Area})
		}
		out[len(out)-1].Differences = append(out[len(out)-1].Differences, d)
	}
	return out
}
