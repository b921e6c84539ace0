package history

import (
	"strconv"
	"strings"

	"resolve/internal/protocol"
)

// Difference is one change between two versions of a protocol, worded for
// the practitioners who read the "What changed" page.
type Difference struct {
	Area   string // the part of the procedure: one of the Area constants
	Change string // what changed, as a sentence without a full stop
	Before string // the old wording, where it is worth showing; "" if none
	After  string // the new wording, where it is worth showing; "" if none
}

// The areas of a procedure, in the order Compare reports them.
const (
	AreaSettings  = "The procedure"
	AreaWhenToUse = "When to use it"
	AreaStages    = "Stages and timescales"
	AreaFlags     = "Facts that change what must happen"
	AreaTemplate  = "Preparing your concern"
	AreaContacts  = "Contacts"
)

// String writes d on one line, with the old and new wording quoted:
// `Stages and timescales: Stage 2, “Talk”: the timescale changed: "…" -> "…"`.
func (d Difference) String() string {
	s := d.Area + ": " + d.Change
	switch {
	case d.Before != "" && d.After != "":
		s += ": " + strconv.Quote(d.Before) + " -> " + strconv.Quote(d.After)
	case d.Before != "":
		s += ": was " + strconv.Quote(d.Before)
	case d.After != "":
		s += ": " + strconv.Quote(d.After)
	}
	return s
}

// Compare lists what changed from old to new, area by area in the order of
// the Area constants, and within an area in the order of the new version
// (with what was removed where it used to be). Equal protocols give none.
func Compare(old, new *protocol.Protocol) []Difference {
	if old == nil || new == nil {
		return nil
	}
	c := &comparison{}
	c.settings(old, new)
	c.whenToUse(old.WhenToUse, new.WhenToUse)
	c.stages(old.Stages, new.Stages)
	c.flags(old.Flags, new.Flags, len(new.Stages))
	c.template(old.Template, new.Template)
	c.contacts(old.Contacts, new.Contacts)
	return c.out
}

type comparison struct {
	area string
	out  []Difference
}

func (c *comparison) add(change, before, after string) {
	c.out = append(c.out, Difference{Area: c.area, Change: change, Before: before, After: after})
}

// changed adds a difference when the wording of a field changed.
func (c *comparison) changed(change, before, after string) {
	if strings.TrimSpace(before) == strings.TrimSpace(after) {
		return
	}
	c.add(change, before, after)
}

// field adds a difference when an optional field of subject was added,
// removed or changed: "Duty desk: the phone number was added".
func (c *comparison) field(subject, what, before, after string) {
	b, a := strings.TrimSpace(before), strings.TrimSpace(after)
	switch {
	case b == a:
	case b == "":
		c.add(subject+": "+what+" was added", "", after)
	case a == "":
		c.add(subject+": "+what+" was removed", before, "")
	default:
		c.add(subject+": "+what+" changed", before, after)
	}
}

func (c *comparison) settings(old, new *protocol.Protocol) {
	c.area = AreaSettings
	c.changed("The partnership's name changed", old.Partnership, new.Partnership)
	c.changed("The calendar of working days changed", old.Calendar, new.Calendar)
	switch {
	case old.Emergency == "" && new.Emergency != "":
		c.add("An emergency message was added to every page", "", new.Emergency)
	case old.Emergency != "" && new.Emergency == "":
		c.add("The emergency message was removed", old.Emergency, "")
	default:
		c.changed("The emergency message changed", old.Emergency, new.Emergency)
	}
}

func (c *comparison) whenToUse(old, new []string) {
	c.area = AreaWhenToUse
	text := func(s string) string { return s }
	walk(old, new, []func(string) string{text}, func(i, j int) {
		switch {
		case i < 0:
			c.add("A condition was added", "", new[j])
		case j < 0:
			c.add("A condition was removed", old[i], "")
		default:
			c.changed("A condition was reworded", old[i], new[j])
		}
	})
}

func (c *comparison) stages(old, new []protocol.Stage) {
	c.area = AreaStages
	keys := []func(protocol.Stage) string{
		func(s protocol.Stage) string { return s.Title },
		func(s protocol.Stage) string { return s.Summary },
		func(s protocol.Stage) string { return s.Who },
	}
	walk(old, new, keys, func(i, j int) {
		switch {
		case i < 0:
			c.add("Stage "+strconv.Itoa(j+1)+", “"+new[j].Title+"”, was added", "", new[j].Summary)
			return
		case j < 0:
			c.add("Stage "+strconv.Itoa(i+1)+", “"+old[i].Title+"”, was removed", old[i].Summary, "")
			return
		}
		o, n := old[i], new[j]
		label := "Stage " + strconv.Itoa(j+1) + ", “" + n.Title + "”"
		if o.Title != n.Title {
			c.add("Stage "+strconv.Itoa(j+1)+" was renamed", o.Title, n.Title)
		}
		if i != j {
			c.add("“"+n.Title+"” is now stage "+strconv.Itoa(j+1)+" (it was stage "+strconv.Itoa(i+1)+")", "", "")
		}
		c.changed(label+": who takes part changed", o.Who, n.Who)
		if !sameDue(o.Due, n.Due) {
			c.add(label+": the timescale changed", o.Timescale(i+1), n.Timescale(j+1))
		}
		c.changed(label+": the summary changed", o.Summary, n.Summary)
		c.field(label, "what to record", o.Record, n.Record)
		c.list(label+": a prompt was added", label+": a prompt was removed", o.Prompts, n.Prompts)
		c.field(label, "the page that describes it", o.Page, n.Page)
	})
}

// list reports the items of a list that were added or removed; a change of
// order alone is not a change.
func (c *comparison) list(added, removed string, old, new []string) {
	had := map[string]bool{}
	for _, s := range old {
		had[s] = true
	}
	has := map[string]bool{}
	for _, s := range new {
		has[s] = true
	}
	for _, s := range old {
		if !has[s] {
			c.add(removed, s, "")
		}
	}
	for _, s := range new {
		if !had[s] {
			c.add(added, "", s)
		}
	}
}

func sameDue(a, b *protocol.Due) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func (c *comparison) flags(old, new []protocol.Flag, stages int) {
	c.area = AreaFlags
	byID := map[string]protocol.Flag{}
	for _, f := range old {
		byID[f.ID] = f
	}
	kept := map[string]bool{}
	for _, f := range new {
		kept[f.ID] = true
	}
	for _, f := range old {
		if !kept[f.ID] {
			c.add("A question was removed: “"+f.Question+"”", f.Action, "")
		}
	}
	for _, n := range new {
		o, ok := byID[n.ID]
		if !ok {
			c.add("A question was added: “"+n.Question+"”", "", n.Action)
			continue
		}
		label := "“" + n.Question + "”"
		c.changed("A question was reworded", o.Question, n.Question)
		c.changed(label+": what must happen changed", o.Action, n.Action)
		if from(o.FromStage) != from(n.FromStage) {
			c.add(label+": now applies from stage "+strconv.Itoa(from(n.FromStage)), "stage "+strconv.Itoa(from(o.FromStage)), "stage "+strconv.Itoa(from(n.FromStage)))
		}
		switch {
		case !o.Urgent && n.Urgent:
			c.add(label+": is now urgent, and its action is shown at once", "", "")
		case o.Urgent && !n.Urgent:
			c.add(label+": is no longer urgent", "", "")
		}
	}
}

// from is the stage a flag applies from: stage 1 when from_stage is unset.
func from(stage int) int {
	if stage == 0 {
		return 1
	}
	return stage
}

func (c *comparison) template(old, new []protocol.Question) {
	c.area = AreaTemplate
	byID := map[string]protocol.Question{}
	for _, q := range old {
		byID[q.ID] = q
	}
	kept := map[string]bool{}
	for _, q := range new {
		kept[q.ID] = true
	}
	for _, q := range old {
		if !kept[q.ID] {
			c.add("A question was removed", q.Question, "")
		}
	}
	for _, n := range new {
		o, ok := byID[n.ID]
		if !ok {
			c.add("A question was added", "", n.Question)
			continue
		}
		c.changed("A question was reworded", o.Question, n.Question)
		c.field("“"+n.Question+"”", "the hint", o.Hint, n.Hint)
	}
}

func (c *comparison) contacts(old, new []protocol.Contact) {
	c.area = AreaContacts
	byName := map[string]protocol.Contact{}
	for _, k := range old {
		byName[k.Name] = k
	}
	kept := map[string]bool{}
	for _, k := range new {
		kept[k.Name] = true
	}
	for _, k := range old {
		if !kept[k.Name] {
			c.add(k.Name+" was removed", reach(k), "")
		}
	}
	for _, n := range new {
		o, ok := byName[n.Name]
		if !ok {
			c.add(n.Name+" was added", "", reach(n))
			continue
		}
		c.field(n.Name, "the role", o.Role, n.Role)
		c.field(n.Name, "the email address", o.Email, n.Email)
		c.field(n.Name, "the phone number", o.Phone, n.Phone)
		c.field(n.Name, "the web address", o.URL, n.URL)
	}
}

// reach lists the ways to reach a contact.
func reach(k protocol.Contact) string {
	var parts []string
	for _, s := range []string{k.Role, k.Email, k.Phone, k.URL} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

// walk lines up two lists and calls f for each pair in order: (i, j) for
// items kept or changed, (i, -1) for items removed and (-1, j) for items
// added. Items are kept when their first keys are in the longest common
// subsequence of first keys. Between two kept items the next key is tried
// the same way (a renamed stage still has its summary), and when no key is
// left, as many removed as added are taken to be the same items reworded,
// in order. Last, an item removed and one added with the same first key are
// the same item moved, reported where it now is.
func walk[T any](old, new []T, keys []func(T) string, f func(i, j int)) {
	var pairs [][2]int
	walkRange(old, new, 0, len(old), 0, len(new), keys, func(i, j int) { pairs = append(pairs, [2]int{i, j}) })
	removed := map[string][]int{} // first key -> indexes in old of removed items
	for _, p := range pairs {
		if p[1] < 0 {
			k := keys[0](old[p[0]])
			removed[k] = append(removed[k], p[0])
		}
	}
	moved := map[int]bool{} // indexes in old of items found again
	for n, p := range pairs {
		if p[0] >= 0 {
			continue
		}
		k := keys[0](new[p[1]])
		if rs := removed[k]; len(rs) > 0 {
			pairs[n][0] = rs[0]
			moved[rs[0]] = true
			removed[k] = rs[1:]
		}
	}
	for _, p := range pairs {
		if p[1] < 0 && moved[p[0]] {
			continue
		}
		f(p[0], p[1])
	}
}

// walkRange walks old[i0:i1] against new[j0:j1].
func walkRange[T any](old, new []T, i0, i1, j0, j1 int, keys []func(T) string, f func(i, j int)) {
	if len(keys) == 0 {
		if i1-i0 == j1-j0 {
			for i, j := i0, j0; i < i1; i, j = i+1, j+1 {
				f(i, j)
			}
			return
		}
		for i := i0; i < i1; i++ {
			f(i, -1)
		}
		for j := j0; j < j1; j++ {
			f(-1, j)
		}
		return
	}
	pairs := commonSubsequence(old[i0:i1], new[j0:j1], keys[0])
	i, j := i0, j0
	for _, p := range pairs {
		pi, pj := i0+p[0], j0+p[1]
		walkRange(old, new, i, pi, j, pj, keys[1:], f)
		f(pi, pj)
		i, j = pi+1, pj+1
	}
	walkRange(old, new, i, i1, j, j1, keys[1:], f)
}

// commonSubsequence returns the index pairs of a longest common subsequence
// of the two lists' keys, in order. The lists are short (a protocol's
// stages), so the quadratic table is fine.
func commonSubsequence[T any](a, b []T, key func(T) string) [][2]int {
	n, m := len(a), len(b)
	ka := make([]string, n)
	for i := range a {
		ka[i] = key(a[i])
	}
	kb := make([]string, m)
	for j := range b {
		kb[j] = key(b[j])
	}
	// t[i][j] is the length of an LCS of a[i:] and b[j:].
	t := make([][]int, n+1)
	for i := range t {
		t[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			switch {
			case ka[i] == kb[j]:
				t[i][j] = t[i+1][j+1] + 1
			case t[i+1][j] >= t[i][j+1]:
				t[i][j] = t[i+1][j]
			default:
				t[i][j] = t[i][j+1]
			}
		}
	}
	var pairs [][2]int
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case ka[i] == kb[j]:
			pairs = append(pairs, [2]int{i, j})
			i++
			j++
		case t[i+1][j] >= t[i][j+1]:
			i++
		default:
			j++
		}
	}
	return pairs
}
