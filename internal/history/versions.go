package history

import "resolve/internal/workday"

// Version is one version of a protocol as its history shows it.
type Version struct {
	Label    string       // protocol.version
	Snapshot Snapshot     // the newest state of the file while it had this version
	From     workday.Date // the date of the oldest commit with this version
}

// Versions folds snapshots, newest first, into versions, newest first:
// consecutive snapshots with the same protocol.version are one version,
// represented by the newest of them (later fixes to a version replace its
// earlier wording). Snapshots without a readable protocol are skipped.
func Versions(snaps []Snapshot) []Version {
	var out []Version
	for _, s := range snaps {
		if s.Protocol == nil {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Label == s.Protocol.Version {
			if !s.Date.IsZero() {
				out[n-1].From = s.Date
			}
			continue
		}
		out = append(out, Version{Label: s.Protocol.Version, Snapshot: s, From: s.Date})
	}
	return out
}
