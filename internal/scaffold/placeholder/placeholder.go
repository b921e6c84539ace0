// Package placeholder declares, once, the placeholders `resolve new` writes
// where only a partnership knows what to put (the starter protocol and the
// accessibility statement and privacy notice), and finds them in a file:
// package scaffold writes them, and the build reports each one left, at
// its line (`resolve check` fails; build and serve warn, so that a new
// site can be previewed).
//
// Every placeholder is a phrase in square brackets on one line, such as
// [Partnership name]: search a site for "[" to find them all. Square
// brackets that are not one of these phrases (a markdown link, a list in
// YAML) are not placeholders.
package placeholder

import (
	"bytes"
	"sort"
)

// Placeholder is wording to replace.
type Placeholder struct {
	Key  string // how the starter files' templates name it: {{ph "partnership"}}
	Text string // as written in a file, brackets included
	Put  string // what to put in its place
}

// All lists every placeholder the starter files hold.
var All = []Placeholder{
	{"partnership", "[Partnership name]", "the partnership's full name"},
	{"area", "[area]", "the area the partnership covers"},
	{"site", "[site address]", "the site's address"},
	{"contact", "[contact e-mail address or form]", "where readers reach you about the site"},
	{"reply-days", "[number]", "how many working days you take to reply"},
	{"date", "[date]", "the date"},
	{"dpo", "[data protection officer's contact details]", "how to reach your data protection officer"},
	{"host", "[web host]", "the company or service that hosts the site"},
	{"host-policy", "[the host's privacy policy]", "a link to your host's privacy policy"},
	{"not-accessible", "[Anything else you know is not accessible, such as documents in other formats.]", "what else you know is not accessible, or nothing"},
	{"compliance", "[Say whether the site is fully compliant, partially compliant or not compliant with the Web Content Accessibility Guidelines version 2.2 AA standard, and why.]", "the site's compliance status"},
	{"failures", "[List each failure to meet WCAG 2.2 AA that you know of, with the criterion it fails and when you will fix it, or say that you know of none.]", "the accessibility failures you know of"},
	{"tested", "[Say how this site's own pages were tested, when, and by whom.]", "how the site's own pages were tested"},
}

// ByKey returns the placeholder with a key.
func ByKey(key string) (Placeholder, bool) {
	for _, p := range All {
		if p.Key == key {
			return p, true
		}
	}
	return Placeholder{}, false
}

// Found is a placeholder in a file.
type Found struct {
	Line int // counted from firstLine
	Placeholder
}

// Find returns every placeholder in data, whose first line is firstLine,
// in the order they appear. It reads data once.
func Find(data []byte, firstLine int) []Found {
	var out []Found
	line := firstLine
	for i := 0; i < len(data); {
		j := bytes.IndexAny(data[i:], "[\n")
		if j < 0 {
			break
		}
		i += j
		if data[i] == '\n' {
			line++
			i++
			continue
		}
		if p, ok := at(data[i:]); ok {
			out = append(out, Found{Line: line, Placeholder: p})
			i += len(p.Text)
			continue
		}
		i++
	}
	return out
}

// byLength holds the placeholders longest first, so that one that begins
// another is not found in its place.
var byLength = func() []Placeholder {
	out := append([]Placeholder(nil), All...)
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].Text) > len(out[j].Text) })
	return out
}()

// at returns the placeholder that data starts with, if any.
func at(data []byte) (Placeholder, bool) {
	for _, p := range byLength {
		if bytes.HasPrefix(data, []byte(p.Text)) {
			return p, true
		}
	}
	return Placeholder{}, false
}
