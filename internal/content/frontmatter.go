package content

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/adrg/frontmatter"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"resolve/internal/diag"
)

// Parse reads one page. file is the name used in messages. On an error it
// returns a nil page and the problems, each with the file line.
func Parse(file string, data []byte) (*Page, diag.List) {
	var problems diag.List
	if !utf8.Valid(data) {
		problems.Add(file, invalidUTF8Line(data), "the file is not UTF-8 text: save it as UTF-8")
		return nil, problems
	}
	if line, r := controlInFile(data); line > 0 {
		problems.Add(file, line, controlMessage(r, "in the file"))
		return nil, problems
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	// adrg/frontmatter finds the front matter; its YAML is read here
	// (see decode.go), for every problem at its own line and column.
	var raw []byte
	split := frontmatter.NewFormat("---", "---", func(b []byte, _ any) error {
		raw = b
		return nil
	})
	body, err := frontmatter.MustParse(bytes.NewReader(data), &struct{}{}, split)
	open := openingLine(data)
	switch {
	case errors.Is(err, frontmatter.ErrNotFound) && open > 0:
		problems.Add(file, open, "the front matter opened here is never closed: end it with a line of three dashes (---)")
		return nil, problems
	case errors.Is(err, frontmatter.ErrNotFound):
		problems.Add(file, 1, "no front matter: a page starts with a line of three dashes (---), its title (title: ...), and another ---")
		return nil, problems
	case err != nil:
		problems.Add(file, open, "cannot read the front matter: "+err.Error())
		return nil, problems
	}
	p := &Page{File: file, front: &frontMatter{raw: raw, open: open}}
	for _, pr := range decodeMeta(raw, open, &p.Meta) {
		problems.Add(file, open+pr.line, pr.String())
	}
	if len(problems) > 0 {
		return nil, problems
	}
	p.Body = body
	if bytes.HasSuffix(data, body) {
		// The same bytes, in the file's own exactly-sized buffer rather
		// than the larger one the front matter parser read into.
		p.Body = data[len(data)-len(body):]
	}
	p.BodyLine = bytes.Count(data[:len(data)-len(body)], []byte("\n")) + 1
	problems = append(problems, checkValues(p)...)
	if strings.TrimSpace(p.Meta.Title) == "" {
		line := open
		if p.Has("title") {
			line = p.KeyLine("title")
		}
		problems.Add(file, line, "the page has no title: add title: ... to its front matter")
	}
	return p, problems
}

// decodeMeta parses raw, the front matter between the --- lines, into m.
// Problems are at front matter lines; open is the file line of the opening
// ---, for messages that name another line.
func decodeMeta(raw []byte, open int, m *Meta) []problem {
	file, err := parser.ParseBytes(raw, 0, parser.AllowDuplicateMapKey())
	if err != nil {
		return []problem{syntaxProblem(err, raw, open)}
	}
	var body ast.Node
	for _, doc := range file.Docs {
		if doc.Body == nil {
			continue
		}
		if body != nil {
			line, _ := position(doc.Body)
			return []problem{{line: line, msg: "the front matter holds a second YAML document: a page's front matter ends at the first line of three dashes (---)"}}
		}
		body = doc.Body
	}
	d := &decoder{unknown: hugoAdvice, open: open}
	if _, isMap := mappingValues(unwrap(body)); body != nil && !isMap {
		if _, isNull := unwrap(body).(*ast.NullNode); !isNull {
			d.fail(body, "the front matter must be keys and their values, one a line (title: ...), found "+describeNode(body))
			return d.problems
		}
	}
	d.decode(body, reflect.ValueOf(m).Elem())
	return d.problems
}

// openingLine returns the line of the opening --- (front matter may follow
// blank lines), or 0 if the file does not start with one.
func openingLine(data []byte) int {
	line := 1
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		var l []byte
		if i < 0 {
			l, data = data, nil
		} else {
			l, data = data[:i], data[i+1:]
		}
		l = bytes.TrimRight(l, "\r")
		switch {
		case len(bytes.TrimSpace(l)) == 0:
			line++
			continue
		case string(l) == "---":
			return line
		}
		return 0
	}
	return 0
}

func invalidUTF8Line(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return bytes.Count(data[:i], []byte("\n")) + 1
		}
		i += n
	}
	return 1
}
