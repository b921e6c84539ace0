package build

import (
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"resolve/internal/markdown"
)

// editor makes random edits to a site's inputs, as an editor at work
// would, each undoable, and says which files it changed.
type editor struct {
	t       *testing.T
	dir     string // holds content/, layouts/ and static/
	rng     *rand.Rand
	n       int                 // a counter for new names and words
	topics  map[string][]string // content path -> the "Topic N" headings it has
	changed []string            // files changed since the last build
	undo    []func()            // undoes the last edit
}

// manualFiles is a manual of plain pages beside the example site's
// procedures: two parts of pages, a page bundle with a file, and a file.
func manualFiles() map[string]string {
	files := map[string]string{
		"content/manual/_index.md":          "---\ntitle: Manual\ndescription: The manual.\nweight: 50\n---\nThe manual's parts.\n",
		"content/manual/part-1/_index.md":   "---\ntitle: Part one\nweight: 1\n---\nThe first part.\n",
		"content/manual/part-2/_index.md":   "---\ntitle: Part two\nweight: 2\n---\nThe second part.\n",
		"content/manual/part-1/notes.txt":   "Notes, version 0.\n",
		"content/manual/charts/index.md":    "---\ntitle: Charts\nweight: 9\n---\nSee [the data](data.csv).\n",
		"content/manual/charts/data.csv":    "a,b\n1,2\n",
		"content/manual/part-2/overview.md": "---\ntitle: Overview\nweight: 1\n---\n## Topic 0\n\nWhere to start. See [the notes](../part-1/notes.txt).\n",
	}
	for part := 1; part <= 2; part++ {
		for i := 1; i <= 5; i++ {
			name := "content/manual/part-" + strconv.Itoa(part) + "/page-" + strconv.Itoa(i) + ".md"
			files[name] = "---\ntitle: Page " + strconv.Itoa(part) + "." + strconv.Itoa(i) + "\nweight: " + strconv.Itoa(i*10) +
				"\ndescription: About " + strconv.Itoa(i) + ".\n---\n## What to do\n\nTalk to your manager first.\n\n## Who to call\n\nThe safeguarding lead.\n"
		}
	}
	return files
}

func (e *editor) abs(rel string) string { return filepath.Join(e.dir, filepath.FromSlash(rel)) }

func (e *editor) read(rel string) string {
	b, err := os.ReadFile(e.abs(rel))
	if err != nil {
		e.t.Fatal(err)
	}
	return string(b)
}

// write writes a file, keeping how to undo it.
func (e *editor) write(rel, text string) {
	old, err := os.ReadFile(e.abs(rel))
	existed := err == nil
	e.undo = append(e.undo, func() {
		if existed {
			e.put(rel, string(old))
		} else {
			e.remove(rel)
		}
	})
	e.put(rel, text)
}

func (e *editor) put(rel, text string) {
	if err := os.MkdirAll(filepath.Dir(e.abs(rel)), 0o755); err != nil {
		e.t.Fatal(err)
	}
	if err := os.WriteFile(e.abs(rel), []byte(text), 0o644); err != nil {
		e.t.Fatal(err)
	}
	e.changed = append(e.changed, e.abs(rel))
}

func (e *editor) remove(rel string) {
	if err := os.Remove(e.abs(rel)); err != nil {
		e.t.Fatal(err)
	}
	e.changed = append(e.changed, e.abs(rel))
}

// delete removes a file, keeping how to undo it.
func (e *editor) delete(rel string) {
	old := e.read(rel)
	e.undo = append(e.undo, func() { e.put(rel, old) })
	e.remove(rel)
}

// revert undoes the last edit.
func (e *editor) revert() {
	for i := len(e.undo) - 1; i >= 0; i-- {
		e.undo[i]()
	}
	e.undo = nil
}

// pages lists the content pages under the prefix.
func (e *editor) pages(prefix string) []string {
	var out []string
	filepath.WalkDir(e.abs("content/"+prefix), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			rel, _ := filepath.Rel(e.dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	slices.Sort(out)
	return out
}

func (e *editor) pick(list []string) string { return list[e.rng.IntN(len(list))] }

func (e *editor) word() string {
	e.n++
	return "w" + strconv.Itoa(e.n)
}

var (
	titleLine  = regexp.MustCompile(`(?m)^title: (.*)$`)
	weightLine = regexp.MustCompile(`(?m)^weight: (-?\d+)$`)
	descLine   = regexp.MustCompile(`(?m)^description: (.*)$`)
	stageTitle = regexp.MustCompile(`(?m)^    - title: (.*)$`)
)

// setFront changes a front matter key's value, or adds the key.
func setFront(text string, re *regexp.Regexp, line string) string {
	if loc := re.FindStringIndex(text); loc != nil {
		return text[:loc[0]] + line + text[loc[1]:]
	}
	return strings.Replace(text, "---\n", "---\n"+line+"\n", 1)
}

// edits are what an edit may be, with how often each is picked.
func (e *editor) edits() []struct {
	weight int
	name   string
	do     func() string
} {
	type edit = struct {
		weight int
		name   string
		do     func() string
	}
	any := func() string { return e.pick(append(e.pages("manual"), e.pages("hips")...)) }
	manualPage := func() string {
		var out []string
		for _, p := range e.pages("manual") {
			if path.Base(p) != "_index.md" && path.Base(p) != "index.md" {
				out = append(out, p)
			}
		}
		return e.pick(out)
	}
	return []edit{
		{4, "title", func() string {
			p := any()
			t := e.read(p)
			m := titleLine.FindStringSubmatch(t)
			e.write(p, setFront(t, titleLine, "title: "+strings.Trim(m[1], `"`)+" "+e.word()))
			return p
		}},
		{3, "weight", func() string {
			p := manualPage()
			e.write(p, setFront(e.read(p), weightLine, "weight: "+strconv.Itoa(e.rng.IntN(60))))
			return p
		}},
		{2, "description", func() string {
			p := any()
			e.write(p, setFront(e.read(p), descLine, "description: Now "+e.word()+"."))
			return p
		}},
		{4, "body", func() string {
			p := any()
			e.write(p, e.read(p)+"\nA new paragraph, "+e.word()+".\n")
			return p
		}},
		{3, "heading", func() string {
			p := any()
			e.n++
			h := "Topic " + strconv.Itoa(e.n)
			e.topics[p] = append(e.topics[p], h)
			e.write(p, e.read(p)+"\n## "+h+"\n\nAbout it.\n")
			return p
		}},
		{3, "link", func() string {
			from, to := any(), any()
			dest := relativeTo(path.Dir(from), to)
			if hs := e.topics[to]; len(hs) > 0 && e.rng.IntN(2) == 0 {
				dest += "#" + markdown.Slug(e.pick(hs))
			}
			e.write(from, e.read(from)+"\nSee [the other page]("+dest+").\n")
			return from + " -> " + dest
		}},
		{1, "broken link", func() string {
			p := any()
			e.write(p, e.read(p)+"\nSee [nothing](missing-"+e.word()+".md).\n")
			return p
		}},
		{2, "rename heading", func() string {
			var ps []string
			for p := range e.topics {
				ps = append(ps, p)
			}
			slices.Sort(ps)
			for _, p := range ps {
				for _, h := range e.topics[p] {
					if text, err := os.ReadFile(e.abs(p)); err == nil && strings.Contains(string(text), "## "+h+"\n") {
						e.write(p, strings.Replace(string(text), "## "+h+"\n", "## "+h+" "+e.word()+"\n", 1))
						return p + ": " + h
					}
				}
			}
			return "none"
		}},
		{2, "new page", func() string {
			part := "content/manual/part-" + strconv.Itoa(1+e.rng.IntN(2)) + "/"
			p := part + "new-" + e.word() + ".md"
			e.write(p, "---\ntitle: New "+e.word()+"\nweight: "+strconv.Itoa(e.rng.IntN(60))+"\n---\nA new page.\n")
			return p
		}},
		{1, "delete page", func() string {
			p := manualPage()
			e.delete(p)
			return p
		}},
		{1, "rename page", func() string {
			p := manualPage()
			text := e.read(p)
			e.delete(p)
			to := path.Dir(p) + "/moved-" + e.word() + ".md"
			e.write(to, text)
			return p + " -> " + to
		}},
		{2, "protocol", func() string {
			p := "content/hips/_index.md"
			t := e.read(p)
			ms := stageTitle.FindAllStringSubmatchIndex(t, -1)
			m := ms[e.rng.IntN(len(ms))]
			e.write(p, t[:m[3]]+t[m[2]:m[3]]+" "+e.word()+t[m[3]:])
			return p
		}},
		{1, "layout", func() string {
			p := "layouts/section.html"
			e.write(p, strings.Replace(e.read(p), "<h1>{{.Page.Title}}</h1>", "<h1>{{.Page.Title}}</h1><p>"+e.word()+"</p>", 1))
			return p
		}},
		{1, "A to Z layout", func() string {
			p := "layouts/a-z.html"
			e.write(p, strings.Replace(e.read(p), "<h1>A to Z</h1>", "<h1>A to Z</h1><p>"+e.word()+"</p>", 1))
			return p
		}},
		{1, "link into the A to Z", func() string {
			// Its anchors must be checked: it is laid out before the pages
			// are written.
			p := any()
			e.write(p, e.read(p)+"\nSee [the letter P](/a-z/#letter-p).\n")
			return p
		}},
		{1, "stylesheet", func() string {
			p := "static/css/site.css"
			e.write(p, e.read(p)+"\n."+e.word()+" { color: #000; }\n")
			return p
		}},
		{1, "file", func() string {
			p := "content/manual/part-1/notes.txt"
			e.write(p, "Notes, version "+e.word()+".\n")
			return p
		}},
		{1, "new top-level file", func() string {
			// A name the output's mark must list from now on.
			p := "content/handout-" + e.word() + ".txt"
			e.write(p, "A handout.\n")
			return p
		}},
		{1, "home title", func() string {
			p := "content/_index.md"
			t := e.read(p)
			m := titleLine.FindStringSubmatch(t)
			e.write(p, setFront(t, titleLine, "title: "+strings.Trim(m[1], `"`)+" "+e.word()))
			return p
		}},
		{1, "alias", func() string {
			p := manualPage()
			e.write(p, strings.Replace(e.read(p), "---\n", "---\naliases: [/old-"+e.word()+"/]\n", 1))
			return p
		}},
		{1, "draft", func() string {
			p := manualPage()
			e.write(p, strings.Replace(e.read(p), "---\n", "---\ndraft: true\n", 1))
			return p
		}},
	}
}

// random makes one random edit and describes it.
func (e *editor) random() string {
	edits := e.edits()
	total := 0
	for _, ed := range edits {
		total += ed.weight
	}
	n := e.rng.IntN(total)
	for _, ed := range edits {
		if n < ed.weight {
			e.undo = nil
			return ed.name + ": " + ed.do()
		}
		n -= ed.weight
	}
	panic("unreachable")
}

// relativeTo writes the content path of file relative to the folder dir
// (both with the content/ prefix), as a markdown link would.
func relativeTo(dir, file string) string {
	from := strings.Split(dir, "/")
	to := strings.Split(file, "/")
	i := 0
	for i < len(from) && i < len(to)-1 && from[i] == to[i] {
		i++
	}
	return strings.Repeat("../", len(from)-i) + strings.Join(to[i:], "/")
}
