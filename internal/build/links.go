package build

import (
	"net/url"
	"path"
	"strconv"
	"strings"

	"resolve/internal/diag"
	"resolve/internal/markdown"
)

// Links in markdown are read three ways, in this order:
//
//   - a path ending in .md names a page by its file, relative to the
//     markdown file's folder in content/ (stage-2.md, ../tees/_index.md),
//     and becomes that page's address;
//   - a relative path naming a file in content/, relative to the markdown
//     file's folder (![chart](chart.png) beside the page), becomes that
//     file's address;
//   - any other relative path resolves exactly as a browser resolves it
//     from the page's own address (/hips/stage-1/), so ../ is the folder
//     above the page and stage-2/ is below it; a path starting with / is
//     a site path, below the base path.
//
// Each becomes an address with the base path in front, and is checked, with
// its #anchor, once every page is rendered: against the pages, generated
// pages and files of the site. javascript:, vbscript: and data: links are
// errors; links with a scheme or host (https://...) are left as written.

// ref is an internal link to check once every page is rendered.
type ref struct {
	line     int
	url      string // target site path, resolved
	anchor   string
	text     string // as written, for the message
	relative string // the path as written, when it was resolved from the page's address
}

// resolveLink maps a destination written in page p to the URL to write,
// and a ref to check once all pages exist. A non-empty msg is an error.
func (s *site) resolveLink(p *page, dest string) (out string, r *ref, msg string) {
	if _, bad := markdown.DangerousScheme(dest); bad {
		return "", nil, "" // reported with every link the page has, by renderMarkdown
	}
	if strings.Contains(dest, `\`) {
		return "", nil, "a link with \\ in it: write / between folders (browsers read \\ differently)"
	}
	u, err := url.Parse(dest)
	if err != nil {
		return "", nil, "not a valid link"
	}
	if u.Scheme != "" || u.Host != "" || u.Opaque != "" {
		return "", nil, "" // external: left as written
	}
	r = &ref{anchor: u.Fragment, text: dest}
	target := u.Path
	dir := path.Dir(p.src.Path)
	switch {
	case target == "":
		r.url = p.url // ?query or #anchor on this page
	case strings.HasPrefix(target, "/"):
		r.url, _ = resolvePath("/", target)
	case strings.HasSuffix(target, ".md"):
		src := path.Join(dir, target)
		tp := s.bySrc[src]
		if tp == nil {
			file := path.Join(s.cfg.Content, src)
			switch {
			case s.drafts[src] != nil:
				return "", nil, "link to a draft: " + file + " has draft: true, so it is not published"
			case s.brokenSrc(src):
				return "", nil, "" // its own problems are reported
			}
			return "", nil, "link to a page that does not exist (" + file + ")"
		}
		r.url = tp.url
	case !strings.HasSuffix(target, "/") && s.contentFile(path.Join(dir, target)):
		r.url = "/" + path.Join(dir, target)
	default:
		var above bool
		r.url, above = resolvePath(p.url, target)
		if above {
			depth := strings.Count(p.url, "/") - 1
			return "", nil, "link goes above the top of the site: from this page's address, " + p.url + ", " +
				strconv.Itoa(depth) + " ../ reach the top folder"
		}
		r.relative = target
	}
	out = s.url(r.url)
	if u.RawQuery != "" || u.ForceQuery {
		out += "?" + u.RawQuery
	}
	if u.Fragment != "" {
		out += "#" + u.EscapedFragment()
	}
	return out, r, ""
}

// contentFile reports whether p, a slash path inside the content folder,
// is a file other than a page.
func (s *site) contentFile(p string) bool {
	return s.assetSet[p]
}

// resolvePath resolves a relative reference's path against base, a site
// path, as RFC 3986 (section 5.2) and browsers do: merged with base's
// folder, then "." and ".." segments removed (browsers also read %2e as a
// dot). above reports a ".." that would climb past the top folder, which a
// browser ignores at the top of a host but which under a base path leaves
// the site.
func resolvePath(base, ref string) (resolved string, above bool) {
	full := ref
	if ref == "" {
		return base, false // the page itself
	}
	if !strings.HasPrefix(ref, "/") {
		full = base[:strings.LastIndex(base, "/")+1] + ref
	}
	segs := strings.Split(full[1:], "/")
	out := make([]string, 0, len(segs))
	for i, seg := range segs {
		last := i == len(segs)-1
		switch dots(seg) {
		case 1:
			if last {
				out = append(out, "")
			}
		case 2:
			if len(out) > 0 {
				out = out[:len(out)-1]
			} else {
				above = true
			}
			if last {
				out = append(out, "")
			}
		default:
			out = append(out, seg)
		}
	}
	return "/" + strings.Join(out, "/"), above
}

// dots reports whether a path segment is "." (1) or ".." (2), written with
// dots or, as browsers also accept, %2e.
func dots(seg string) int {
	seg = strings.ReplaceAll(strings.ReplaceAll(seg, "%2e", "."), "%2E", ".")
	switch seg {
	case ".":
		return 1
	case "..":
		return 2
	}
	return 0
}

// checkLinks reports every internal link whose page, file or anchor does
// not exist, except where the page it points to could not be built for a
// problem reported already.
func (s *site) checkLinks() diag.List {
	var problems diag.List
	files := map[string]bool{}
	for _, f := range s.files {
		files["/"+f.path] = true
	}
	for _, a := range s.tree.Assets {
		files["/"+a] = true
	}
	for _, p := range s.pages {
		for _, r := range p.links {
			target := s.byURL[r.url]
			if target == nil && !strings.HasSuffix(r.url, "/") && !files[r.url] {
				target = s.byURL[r.url+"/"]
			}
			switch {
			case target == nil && files[r.url]:
				continue
			case target == nil && s.unsure(r.url):
				continue
			case target == nil && s.draftURLs[r.url] != "":
				problems.Add(p.src.File, r.line, "link to a draft: "+r.text+" ("+s.draftURLs[r.url]+" has draft: true, so it is not published)")
			case target == nil:
				problems.Add(p.src.File, r.line, "link to a page that does not exist: "+r.text+s.relativeHint(p, r, files))
			case r.anchor != "" && (target.ids == nil || s.unsure(target.url)):
				continue // the page was not laid out, for a problem reported already
			case r.anchor != "" && !target.hasAnchor(r.anchor):
				problems.Add(p.src.File, r.line, "link to a heading that does not exist: "+r.text+" (no #"+r.anchor+" in "+target.url+")")
			}
		}
	}
	problems.Sort()
	return problems
}

// relativeHint explains where a broken relative link points, and when the
// same path from the page's folder would have worked (stage-2/ written in
// stage-1.md, meaning the page beside it), what to write instead.
func (s *site) relativeHint(p *page, r ref, files map[string]bool) string {
	if r.relative == "" {
		return ""
	}
	hint := " (from this page's address, " + p.url + ", it points to " + r.url
	parent, _ := resolvePath(p.url, "../")
	if !strings.HasPrefix(r.url, p.url) || parent == p.url {
		return hint + ")"
	}
	alt, _ := resolvePath(parent, r.relative)
	tp := s.byURL[alt]
	if tp == nil && !strings.HasSuffix(alt, "/") {
		tp = s.byURL[alt+"/"]
	}
	if tp == nil && !files[alt] {
		return hint + ", below this page)"
	}
	hint += ", below this page: write ../" + r.relative
	if tp != nil && tp.src != nil {
		if rel, ok := relativeFile(path.Dir(p.src.Path), tp.src.Path); ok {
			hint += " or " + rel
		}
	}
	return hint + ")"
}

// relativeFile writes the path of file relative to the folder dir, both
// slash paths inside content/.
func relativeFile(dir, file string) (string, bool) {
	if dir == "." {
		return file, true
	}
	if strings.HasPrefix(file, dir+"/") {
		return strings.TrimPrefix(file, dir+"/"), true
	}
	return "", false
}

func (p *page) hasAnchor(id string) bool {
	return p.ids[id]
}
