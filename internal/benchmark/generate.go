package benchmark

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Generate writes a manual of n plain markdown pages, in sections of 100,
// that both resolve and Hugo can build: dir/content (shared), dir/hugo
// (Hugo's configuration and layouts), dir/resolve (resolve's layouts and
// static files). The pages are written only when the manual does not
// exist yet; the layouts every time.
func Generate(dir string, n int) error {
	marker := filepath.Join(dir, ".complete")
	if _, err := os.Stat(marker); err != nil {
		if err := generatePages(dir, n); err != nil {
			return err
		}
		if err := write(marker, ""); err != nil {
			return err
		}
	}
	return writeLayouts(dir)
}

// generatePages writes the manual's content.
func generatePages(dir string, n int) error {
	os.RemoveAll(dir)
	content := filepath.Join(dir, "content")
	if err := write(filepath.Join(content, "_index.md"), "---\ntitle: Generated manual\n---\nA manual of "+strconv.Itoa(n)+" pages.\n"); err != nil {
		return err
	}
	sections := (n + 99) / 100
	page := 0
	for s := 0; s < sections && page < n; s++ {
		sec := "section-" + strconv.Itoa(s+1)
		if err := write(filepath.Join(content, sec, "_index.md"), "---\ntitle: Section "+strconv.Itoa(s+1)+"\nweight: "+strconv.Itoa(s+1)+"\n---\nPages of section "+strconv.Itoa(s+1)+".\n"); err != nil {
			return err
		}
		for i := 0; i < 100 && page < n; i++ {
			page++
			if err := write(filepath.Join(content, sec, "page-"+strconv.Itoa(i+1)+".md"), pageText(s+1, i+1)); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeLayouts writes Hugo's configuration and layouts and resolve's:
// the same minimal layouts in both, and for resolve a second set that adds
// the search page (and with it the search index) and the A to Z.
func writeLayouts(dir string) error {
	hugo := filepath.Join(dir, "hugo")
	files := map[string]string{
		"hugo.toml":                                    "baseURL = \"/\"\nlanguageCode = \"en-gb\"\ntitle = \"Generated manual\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\"]\n[markup.goldmark.extensions]\ntable = true\nfootnote = true\ntypographer = true\n",
		"layouts/_default/baseof.html":                 "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head><body><nav>{{ range .Ancestors.Reverse }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> {{ end }}</nav><main>{{ block \"main\" . }}{{ end }}</main>{{ with .PrevInSection }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}{{ with .NextInSection }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}</body></html>",
		"layouts/_default/single.html":                 "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .TableOfContents }}{{ .Content }}{{ end }}",
		"layouts/_default/list.html":                   "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}",
		"layouts/index.html":                           "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Sections }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul></body></html>",
		"layouts/_default/_markup/render-heading.html": "<h{{ .Level }} id=\"{{ .Anchor }}\"><a href=\"#{{ .Anchor }}\">{{ .Text }}</a></h{{ .Level }}>",
	}
	for name, text := range files {
		if err := write(filepath.Join(hugo, name), text); err != nil {
			return err
		}
	}
	// The same minimal layouts for resolve, so the two engines do the same
	// work: no search page, so no search index, and no A to Z.
	mine := map[string]string{
		"base.html":    "<!DOCTYPE html><html lang=\"{{.Site.Lang}}\"><head><meta charset=\"utf-8\"><title>{{.Page.Title}}</title></head><body><nav>{{range .Page.Crumbs}}<a href=\"{{.URL}}\">{{.Title}}</a> {{end}}</nav><main>{{block \"main\" .}}{{end}}</main>{{with .Page.Prev}}<a href=\"{{.URL}}\">{{.Title}}</a>{{end}}{{with .Page.Next}}<a href=\"{{.URL}}\">{{.Title}}</a>{{end}}</body></html>",
		"page.html":    "{{define \"main\"}}<h1>{{.Page.Title}}</h1><nav><ul>{{range .Page.TOC}}<li><a href=\"#{{.ID}}\">{{.Text}}</a></li>{{end}}</ul></nav>{{.Page.Content}}{{end}}",
		"section.html": "{{define \"main\"}}<h1>{{.Page.Title}}</h1>{{.Page.Content}}<ul>{{range .Page.Children}}<li><a href=\"{{.URL}}\">{{.Title}}</a></li>{{end}}</ul>{{end}}",
		"home.html":    "{{define \"main\"}}<h1>{{.Page.Title}}</h1>{{.Page.Content}}<ul>{{range .Page.Children}}<li><a href=\"{{.URL}}\">{{.Title}}</a></li>{{end}}</ul>{{end}}",
		"404.html":     "{{define \"main\"}}<h1>Not found</h1>{{end}}",
	}
	searching := map[string]string{
		"a-z.html":    "{{define \"main\"}}<h1>A to Z</h1>{{range .Data.Letters}}<h2>{{.Letter}}</h2><ul>{{range .Entries}}<li><a href=\"{{.URL}}\">{{.Title}}</a></li>{{end}}</ul>{{end}}{{end}}",
		"search.html": "{{define \"main\"}}<h1>Search</h1>{{end}}",
	}
	for _, set := range []string{"layouts", "layouts-search"} {
		os.RemoveAll(filepath.Join(dir, "resolve", set))
		for name, text := range mine {
			if err := write(filepath.Join(dir, "resolve", set, name), text); err != nil {
				return err
			}
		}
	}
	for name, text := range searching {
		if err := write(filepath.Join(dir, "resolve", "layouts-search", name), text); err != nil {
			return err
		}
	}
	return write(filepath.Join(dir, "resolve", "static", "robots-note.txt"), "static files are copied\n")
}

func write(name, text string) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, []byte(text), 0o644)
}

// pageText is a page of about 700 words: headings, paragraphs, a list, a
// table and links to its neighbours, like a page of a procedures manual.
func pageText(section, n int) string {
	var b strings.Builder
	id := strconv.Itoa(section) + "." + strconv.Itoa(n)
	b.WriteString("---\ntitle: Procedure " + id + "\nweight: " + strconv.Itoa(n) + "\ndescription: Guidance for practitioners, part " + id + ".\n---\n")
	para := "Practitioners from every agency should talk to each other early, record what was agreed and why, and escalate to their line manager when a disagreement about a child's safety cannot be resolved within the timescale. "
	for h := 1; h <= 5; h++ {
		b.WriteString("## Step " + strconv.Itoa(h) + " of procedure " + id + "\n\n")
		for p := 0; p < 2; p++ {
			b.WriteString(strings.Repeat(para, 3) + "\n\n")
		}
		b.WriteString("- Check the child's plan.\n- Speak to the safeguarding lead.\n- Write down the outcome and the date.\n\n")
	}
	b.WriteString("| Stage | Who | Timescale |\n|---|---|---|\n| 1 | Practitioner | 2 working days |\n| 2 | Manager | 2 working days |\n\n")
	if n > 1 {
		b.WriteString("See the [previous procedure](page-" + strconv.Itoa(n-1) + ".md).\n")
	}
	return b.String()
}
