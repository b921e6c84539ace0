package build

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
)

func TestFeed(t *testing.T) {
	for _, base := range []string{"", "https://example.org/procedures/"} {
		t.Run("base "+base, func(t *testing.T) {
			cfg := publishSite(t)
			cfg.BaseURL = base
			buildOrFail(t, cfg)
			data := readOut(t, cfg, "feed.xml")
			feed, err := gofeed.NewParser().ParseString(data)
			if err != nil {
				t.Fatalf("gofeed cannot read feed.xml: %v\n%s", err, data)
			}
			if feed.FeedType != "atom" {
				t.Errorf("FeedType = %q; want atom", feed.FeedType)
			}
			if feed.Title != "Test procedures: updates to procedures" {
				t.Errorf("feed title = %q", feed.Title)
			}
			if feed.UpdatedParsed == nil || !feed.UpdatedParsed.Equal(time.Date(2025, 1, 15, 0, 0, 0, 0, time.UTC)) {
				t.Errorf("feed updated = %v; want the newest version's date, 2025-01-15", feed.UpdatedParsed)
			}
			type entry struct{ title, id, link, updated, author string }
			var got []entry
			for _, it := range feed.Items {
				e := entry{title: it.Title, id: it.GUID, link: it.Link}
				if it.UpdatedParsed != nil {
					e.updated = it.UpdatedParsed.Format("2006-01-02")
				}
				if it.Author != nil {
					e.author = it.Author.Name
				}
				got = append(got, e)
			}
			prefix, idPrefix := "/procedures/", "https://example.org/procedures/"
			if base == "" {
				prefix, idPrefix = "/", ""
			}
			want := []entry{
				{"Test procedure: version 2025-01", idPrefix + "hips/changes/#version-2025-01", prefix + "hips/changes/#version-2025-01", "2025-01-15", "Test <Partnership> & Co"},
				{"Test procedure: version 2024-06", idPrefix + "hips/changes/#version-2024-06", prefix + "hips/changes/#version-2024-06", "2024-06-01", "Test <Partnership> & Co"},
			}
			if base == "" {
				want[0].id, want[1].id = "urn:resolve:hips:2025-01", "urn:resolve:hips:2024-06"
			}
			if base != "" {
				want[0].link, want[1].link = idPrefix+"hips/changes/#version-2025-01", idPrefix+"hips/changes/#version-2024-06"
			}
			if len(got) != len(want) {
				t.Fatalf("feed entries = %+v; want %+v", got, want)
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("entry %d = %+v; want %+v", i, got[i], want[i])
				}
			}
			if feed.Items[0].Description != "Shorter timescales." {
				t.Errorf("entry summary = %q", feed.Items[0].Description)
			}
			// Every entry's link leads to a heading that exists.
			changes := readOut(t, cfg, "hips/changes/index.html")
			for _, it := range feed.Items {
				anchor := it.Link[strings.Index(it.Link, "#")+1:]
				if !strings.Contains(changes, `id="`+anchor+`"`) {
					t.Errorf("the changes page has no #%s for %s", anchor, it.Link)
				}
			}
			// Every page links the feed from its head.
			home := readOut(t, cfg, "index.html")
			if !strings.Contains(home, `type="application/atom+xml" href="`+prefix+`feed.xml"`) {
				t.Errorf("the home page does not link the feed:\n%s", home)
			}
		})
	}
}

// TestFeedStructure checks what gofeed is lenient about: the Atom
// namespace, one id, title, updated and author per entry, RFC 3339 dates.
func TestFeedStructure(t *testing.T) {
	cfg := publishSite(t)
	buildOrFail(t, cfg)
	data := readOut(t, cfg, "feed.xml")
	if !strings.HasPrefix(data, `<?xml version="1.0" encoding="utf-8"?>`+"\n"+`<feed xmlns="http://www.w3.org/2005/Atom"`) {
		t.Errorf("feed.xml does not start as an Atom document:\n%s", data)
	}
	entries := strings.Split(data, "<entry>")[1:]
	if len(entries) != 2 {
		t.Fatalf("feed.xml has %d entries; want 2", len(entries))
	}
	date := regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$`)
	ids := map[string]bool{}
	for i, e := range entries {
		for _, el := range []string{"id", "title", "updated", "published", "summary"} {
			if n := strings.Count(e, "<"+el+">"); n != 1 {
				t.Errorf("entry %d has %d <%s>; want 1", i, n, el)
			}
		}
		if !strings.Contains(e, "<author><name>Test &lt;Partnership&gt; &amp; Co</name>") {
			t.Errorf("entry %d has no escaped author: %s", i, e)
		}
		id := between(e, "<id>", "</id>")
		if ids[id] {
			t.Errorf("entry id %s is used twice", id)
		}
		ids[id] = true
		for _, el := range []string{"updated", "published"} {
			if v := between(e, "<"+el+">", "</"+el+">"); !date.MatchString(v) {
				t.Errorf("entry %d <%s> = %q; want an RFC 3339 UTC time", i, el, v)
			}
		}
	}
	if n := strings.Count(data, `<link rel="self"`); n != 1 {
		t.Errorf("feed.xml has %d self links; want 1", n)
	}
}
