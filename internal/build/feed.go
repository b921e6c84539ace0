package build

import (
	"bytes"
	"html"
	"net/url"
	"sort"
	"strings"

	"resolve/internal/workday"
)

// feedEntry is one version of one protocol in the feed.
type feedEntry struct {
	pr      *proto
	v       versionView
	changes *changesData
}

// feed writes the Atom feed: one entry per version of each protocol (each
// version its changes list names, and the current one), newest first. Ids
// are the version's place on the protocol's "What changed" page, so they
// never change; without a full base URL (only a path) they are urn:
// names made of the base path, the protocol id and the version.
func (s *site) feed() []byte {
	var entries []feedEntry
	for _, pr := range s.protos {
		cp := s.byURL["/"+pr.ID+"/changes/"]
		if cp == nil {
			continue
		}
		cd, ok := cp.data.(*changesData)
		if !ok {
			continue
		}
		for _, v := range cd.Versions {
			if v.Listed {
				entries = append(entries, feedEntry{pr: pr, v: v, changes: cd})
			}
		}
	}
	sort.SliceStable(entries, func(i, j int) bool {
		a, b := entries[i], entries[j]
		if a.v.Date != b.v.Date {
			return a.v.Date.After(b.v.Date)
		}
		if a.pr.ID != b.pr.ID {
			return a.pr.ID < b.pr.ID
		}
		return a.v.Version < b.v.Version
	})
	updated := s.cfg.Today
	if len(entries) > 0 {
		updated = entries[0].v.Date
	}

	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n")
	b.WriteString(`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="` + esc(s.lang) + `">` + "\n")
	element(&b, "title", s.title+": updates to procedures")
	element(&b, "subtitle", "Each new version of the procedures on this site, with what changed.")
	element(&b, "id", s.feedID(""))
	b.WriteString(`<link rel="self" type="application/atom+xml" href="` + esc(s.absURL(feedPath)) + `"/>` + "\n")
	b.WriteString(`<link rel="alternate" type="text/html" href="` + esc(s.absURL("/")) + `"/>` + "\n")
	element(&b, "updated", atomDate(updated))
	b.WriteString("<author>")
	element(&b, "name", s.title)
	b.WriteString("</author>\n")
	element(&b, "generator", "resolve")
	for _, e := range entries {
		link := s.absURL("/"+e.pr.ID+"/changes/") + "#" + e.v.Anchor
		b.WriteString("<entry>\n")
		element(&b, "title", e.pr.index.title+": version "+e.v.Version)
		element(&b, "id", s.feedID(e.pr.ID+"/changes/#"+e.v.Anchor))
		b.WriteString(`<link rel="alternate" type="text/html" href="` + esc(link) + `"/>` + "\n")
		element(&b, "published", atomDate(e.v.Date))
		element(&b, "updated", atomDate(e.v.Date))
		b.WriteString("<author>")
		element(&b, "name", e.pr.Partnership)
		b.WriteString("</author>\n")
		summary := e.v.Summary
		if summary == "" {
			summary = "Version " + e.v.Version + " was published."
		}
		element(&b, "summary", summary)
		b.WriteString(`<content type="html">`)
		b.WriteString(esc(entryHTML(summary, e.v)))
		b.WriteString("</content>\n</entry>\n")
	}
	b.WriteString("</feed>\n")
	return b.Bytes()
}

// feedID is the Atom id of the feed (rest "") or of one of its entries.
func (s *site) feedID(rest string) string {
	if s.origin != "" {
		if rest == "" {
			return s.absURL(feedPath)
		}
		return s.absURL("/" + rest)
	}
	id := "urn:resolve:"
	if base := strings.Trim(s.base, "/"); base != "" {
		id += url.PathEscape(base) + ":"
	}
	if rest == "" {
		return id + "feed"
	}
	proto, anchor, _ := strings.Cut(rest, "/changes/#")
	return id + proto + ":" + strings.TrimPrefix(anchor, "version-")
}

// entryHTML is an entry's content: its summary and what changed.
func entryHTML(summary string, v versionView) string {
	var b strings.Builder
	b.WriteString("<p>" + html.EscapeString(summary) + "</p>")
	if v.Since != "" && len(v.Areas) > 0 {
		b.WriteString("<p>Compared with version " + html.EscapeString(v.Since) + ":</p>")
		for _, a := range v.Areas {
			b.WriteString("<h3>" + html.EscapeString(a.Name) + "</h3><ul>")
			for _, d := range a.Differences {
				b.WriteString("<li>" + html.EscapeString(d.Change) + ".")
				if d.Before != "" {
					b.WriteString("<br>Was: " + html.EscapeString(d.Before))
				}
				if d.After != "" {
					b.WriteString("<br>Now: " + html.EscapeString(d.After))
				}
				b.WriteString("</li>")
			}
			b.WriteString("</ul>")
		}
	}
	return b.String()
}

// atomDate writes a civil date as the RFC 3339 time Atom needs: its start, UTC.
func atomDate(d workday.Date) string {
	return d.String() + "T00:00:00Z"
}

func element(b *bytes.Buffer, name, text string) {
	b.WriteString("<" + name + ">" + esc(text) + "</" + name + ">\n")
}

// esc escapes text for XML content and double-quoted attributes: every
// string the feed writes passes through it once (entries' HTML content
// after html.EscapeString). It differs from encoding/xml's EscapeText,
// which the sitemap uses, in writing ' and line breaks as they are, which
// keeps the feed readable, and in dropping the characters XML forbids
// rather than writing U+FFFD.
func esc(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '&':
			b.WriteString("&amp;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r != 0xFFFE && r != 0xFFFF:
			b.WriteRune(r)
		default:
			// Not allowed in XML 1.0 at all: dropped.
		}
	}
	return b.String()
}
