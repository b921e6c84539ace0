package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"resolve/internal/workday"
)

// publishArchive is a small site for the publishing tests: a protocol with
// two versions in its changes list, pages one, two and three folders deep,
// and minimal layouts that write each page's policy into its meta tag, in
// which the embed is a whole document. The repository's own changes.html and
// static js/sw.js and js/offline.js are added by publishSite.
const publishArchive = `
-- content/_index.md --
---
title: Test procedures
base_url: /
---
Home.
-- content/about.md --
---
title: About
---
About.
-- content/guide/_index.md --
---
title: Guide
---
Guide.
-- content/guide/part/_index.md --
---
title: Part
---
Part.
-- content/guide/part/deep.md --
---
title: Deep
---
Deep.
-- content/hips/_index.md --
---
title: Test procedure
protocol:
  id: hips
  partnership: Test <Partnership> & Co
  calendar: england-and-wales
  version: "2025-01"
  published: 2025-01-15
  review_due: 2030-01-15
  when_to_use: [A condition.]
  stages:
    - title: Talk
      who: You and your manager
      summary: Talk it through.
      due: {working_days: 2, after: concern}
  contacts:
    - {name: Business unit, email: unit@example.org}
  changes:
    - {version: "2025-01", date: 2025-01-15, summary: Shorter timescales.}
    - {version: "2024-06", date: 2024-06-01, summary: First version.}
---
Introduction.
-- content/hips/stage-1.md --
---
title: Stage 1
---
Stage 1.
-- layouts/base.html --
<!DOCTYPE html><html lang="{{.Site.Lang}}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{.Page.CSP}}">
<title>{{.Page.Title}}</title><link rel="stylesheet" href="{{asset "css/site.css"}}">
<link rel="alternate" type="application/atom+xml" href="{{url "/feed.xml"}}">
<script src="{{asset "js/offline.js"}}" defer></script></head><body>
<main>{{block "main" .}}{{end}}</main></body></html>
-- layouts/home.html --
{{define "main"}}<h1>{{.Page.Title}}</h1>{{.Page.Content}}{{end}}
-- layouts/section.html --
{{define "main"}}<h1>{{.Page.Title}}</h1>{{.Page.Content}}{{end}}
-- layouts/page.html --
{{define "main"}}<h1>{{.Page.Title}}</h1>{{.Page.Content}}{{end}}
-- layouts/protocol.html --
{{define "main"}}<h1>{{.Page.Title}}</h1>{{.Page.Content}}{{end}}
-- layouts/record.html --
{{define "main"}}<h1>Record</h1>{{end}}
-- layouts/embed-flowchart.html --
{{define "document"}}<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{.Page.CSP}}">
<title>Embed</title></head><body><main><h1>Embed</h1></main></body></html>{{end}}
-- layouts/flowchart.html --
{{define "main"}}<h1>Flowchart</h1>{{end}}
-- layouts/contacts.html --
{{define "main"}}<h1>Contacts</h1>{{end}}
-- layouts/calendar.html --
{{define "main"}}<h1>Calendar</h1>{{end}}
-- layouts/404.html --
{{define "main"}}<h1>Not found</h1>{{end}}
-- layouts/a-z.html --
{{define "main"}}<h1>A to Z</h1>{{end}}
-- layouts/search.html --
{{define "main"}}<h1>Search</h1>{{end}}
-- static/css/site.css --
body { margin: 0; }
`

// publishSite unpacks publishArchive, with the repository's changes.html,
// sw.js and offline.js, into a temporary folder and returns its config.
func publishSite(t *testing.T) Config {
	t.Helper()
	dir := t.TempDir()
	archive := txtar.Parse([]byte(publishArchive))
	for _, name := range []string{"layouts/changes.html", "static/js/sw.js", "static/js/offline.js"} {
		data, err := os.ReadFile(filepath.Join("..", "..", filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		archive.Files = append(archive.Files, txtar.File{Name: name, Data: data})
	}
	unpack(t, archive, dir)
	return Config{
		Content: filepath.Join(dir, "content"),
		Layouts: filepath.Join(dir, "layouts"),
		Static:  filepath.Join(dir, "static"),
		Out:     filepath.Join(dir, "site"),
		Today:   workday.Date{Year: 2026, Month: time.November, Day: 21},
		Workers: 2,
	}
}

func buildOrFail(t *testing.T, cfg Config) {
	t.Helper()
	if _, err := Build(cfg); err != nil {
		t.Fatalf("Build: %v", err)
	}
}

func readOut(t *testing.T, cfg Config, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(cfg.Out, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func between(s, start, end string) string {
	i := strings.Index(s, start)
	if i < 0 {
		return ""
	}
	s = s[i+len(start):]
	if j := strings.Index(s, end); j >= 0 {
		return s[:j]
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
