package build

import (
	"path"
	"strings"

	"resolve/internal/diag"
)

// A content file is copied to the site at its own path, beside the pages.
// It must never take the place of a file the build writes: a pull request
// that adds content/robots.txt, an image at a static file's path or a file
// in the module's folder would otherwise replace them silently (web pages,
// scripts and data files are refused by kind already: see package content).
// The comparison ignores case, as macOS and Windows file systems do.

// reservedFiles are files the build writes that are not in s.pages or
// s.files when the check runs (they are made while writing), with what
// each is. No content file (checkGenerated) or alias (redirects.go) may
// take one.
var reservedFiles = map[string]string{
	strings.TrimPrefix(feedPath, "/"):    "the updates feed",
	strings.TrimPrefix(offlinePath, "/"): "the page shown offline",
	strings.TrimPrefix(swPath, "/"):      "the service worker",
	headersFile:                          "the headers file for Netlify and Cloudflare Pages",
	"sitemap.xml":                        "the sitemap",
	"robots.txt":                         "the robots.txt for search engines",
	markerFile:                           "the mark of a resolve build",
}

// reservedFolders are folders whose every file the build writes.
var reservedFolders = map[string]string{
	"wasm":     "the record form's WebAssembly module",
	"search":   "the search index",
	"_resolve": "resolve serve's live reload",
}

// checkGenerated refuses every content file that would replace, or need
// a folder in place of, a file the build writes. It runs once the site is
// assembled, when every page and static file is known.
func (s *site) checkGenerated() diag.List {
	gen := map[string]string{}     // lower-case output path -> what it is
	folders := map[string]string{} // lower-case folder of a generated file -> the file
	add := func(p, what string) {
		key := strings.ToLower(p)
		if _, ok := gen[key]; !ok {
			gen[key] = what
		}
		for dir := path.Dir(key); dir != "."; dir = path.Dir(dir) {
			if _, ok := folders[dir]; !ok {
				folders[dir] = p
			}
		}
	}
	for p, what := range reservedFiles {
		add(p, what)
	}
	for _, p := range s.pages {
		add(strings.TrimPrefix(outPath(p.url), "/"), "the page "+p.url)
	}
	for _, f := range s.files {
		what := "a file the build writes"
		if f.from != "" {
			what = f.from + ", published there"
		}
		add(f.path, what)
	}
	var problems diag.List
	for _, a := range s.tree.Assets {
		file := path.Join(s.cfg.Content, a)
		key := strings.ToLower(a)
		if what, ok := gen[key]; ok {
			problems.Add(file, 0, "the build writes "+a+" itself ("+what+"): this file would replace it; rename or move it")
			continue
		}
		if p, ok := folders[key]; ok {
			problems.Add(file, 0, "the build writes "+p+" ("+gen[strings.ToLower(p)]+"), so "+a+" must be a folder: rename or move this file")
			continue
		}
		top, _, _ := strings.Cut(key, "/")
		if what, ok := reservedFolders[top]; ok && top != key && (top != "search" || s.hasSearch()) {
			problems.Add(file, 0, "the folder "+top+"/ holds "+what+", which the build writes: move this file to another folder")
			continue
		}
		for dir := path.Dir(key); dir != "."; dir = path.Dir(dir) {
			if what, ok := gen[dir]; ok {
				problems.Add(file, 0, "the build writes "+dir+" ("+what+") as a file, so it cannot be a folder holding this one: move it")
				break
			}
		}
	}
	return problems
}
