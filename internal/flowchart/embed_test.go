package flowchart

import (
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"
)

func TestHostScriptIsDocumented(t *testing.T) {
	src, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	var doc strings.Builder
	for _, line := range strings.Split(string(src), "\n") {
		if line == "package flowchart" {
			break
		}
		doc.WriteString(strings.TrimPrefix(strings.TrimPrefix(line, "//"), "\t") + "\n")
	}
	if !strings.Contains(doc.String(), hostScript) {
		t.Errorf("the package comment does not show the host script EmbedCode returns:\n%s", hostScript)
	}
	code := draw(t, hips()).EmbedCode(`https://example.org/a"b/embed/flowchart/`, "Flowchart <of> stages")
	for _, want := range []string{
		`<iframe src="https://example.org/a&#34;b/embed/flowchart/" title="Flowchart &lt;of&gt; stages"`,
		"data-resolve-flowchart></iframe>\n<script>",
		`event.origin !== new URL(frame.src, location.href).origin`,
	} {
		if !strings.Contains(code, want) {
			t.Errorf("EmbedCode has no %s:\n%s", want, code)
		}
	}
	if err := checkHTML([]byte(code)); err != nil {
		t.Errorf("EmbedCode is not well-formed HTML: %v", err)
	}
}

func TestEmbedCodeFitsWithoutScript(t *testing.T) {
	for _, ex := range examples() {
		c := draw(t, ex.p)
		code := c.EmbedCode("https://example.org/"+ex.p.ID+"/embed/flowchart/", "Flowchart")
		want := `height="` + strconv.Itoa(c.EmbedHeight()) + `"`
		if !strings.Contains(code, want) {
			t.Errorf("%s: the iframe has no %s:\n%s", ex.name, want, code)
		}
		// No border, with or without the style attribute.
		for _, want := range []string{`frameborder="0"`, `style="border: 0;`} {
			if !strings.Contains(code, want) {
				t.Errorf("%s: the iframe has no %s", ex.name, want)
			}
		}
		if h := c.EmbedHeight(); h < c.CompactHeight+embedTitle || h > c.CompactHeight+150 {
			t.Errorf("%s: EmbedHeight is %d for a chart %d high", ex.name, h, c.CompactHeight)
		}
	}
}

func TestOEmbed(t *testing.T) {
	c := draw(t, hips())
	src := OEmbedSource{
		Embed: "https://example.org/p/hips/embed/flowchart/", Title: "HIPS <flowchart>",
		Author: "HIPS", AuthorURL: "https://example.org/p/hips/",
		Provider: "Procedures", ProviderURL: "https://example.org/p/",
	}
	b, err := c.OEmbed(src)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b)
	}
	for key, want := range map[string]any{
		"version": "1.0", "type": "rich", "title": "HIPS <flowchart>", "provider_name": "Procedures",
		"provider_url": "https://example.org/p/", "author_name": "HIPS", "author_url": "https://example.org/p/hips/",
		"width": float64(EmbedWidth), "height": float64(c.EmbedHeight()),
		"html": c.iframe(src.Embed, src.Title),
	} {
		if got[key] != want {
			t.Errorf("%s = %#v; want %#v", key, got[key], want)
		}
	}
	if html := got["html"].(string); strings.Contains(html, "<script") || !strings.Contains(html, `src="https://example.org/p/hips/embed/flowchart/"`) {
		t.Errorf("html is not the iframe alone: %s", html)
	}
	// Relative or odd URLs are refused: a consumer fetches from elsewhere.
	for name, change := range map[string]func(*OEmbedSource){
		"relative embed":    func(s *OEmbedSource) { s.Embed = "/p/hips/embed/flowchart/" },
		"relative provider": func(s *OEmbedSource) { s.ProviderURL = "/p/" },
		"no provider":       func(s *OEmbedSource) { s.ProviderURL = "" },
		"javascript":        func(s *OEmbedSource) { s.AuthorURL = "javascript:alert(1)" },
		"no host":           func(s *OEmbedSource) { s.Embed = "https:///x" },
	} {
		bad := src
		change(&bad)
		if _, err := c.OEmbed(bad); err == nil {
			t.Errorf("%s: OEmbed accepted %+v", name, bad)
		}
	}
	noAuthor := src
	noAuthor.AuthorURL = ""
	if _, err := c.OEmbed(noAuthor); err != nil {
		t.Errorf("without an author URL: %v", err)
	}
}
