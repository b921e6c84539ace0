package content

import (
	"bytes"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/adrg/frontmatter"
	goyaml "github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

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

// syntaxProblem says where the YAML parser gave up, and what the likeliest
// mistake there is, from the error's token: goccy/go-yaml reports syntax
// errors as typed errors holding the token where parsing stopped. A quote
// or bracket left open is reported where it opens, not where the parser
// noticed.
func syntaxProblem(err error, raw []byte, open int) problem {
	var se *goyaml.SyntaxError
	if !errors.As(err, &se) || se.Token == nil || se.Token.Position == nil {
		return problem{line: 1, msg: "front matter is not valid YAML", advice: err.Error()}
	}
	tk := se.Token
	line, col := tk.Position.Line, tk.Position.Column
	tokens := lexer.Tokenize(string(raw))
	if opened, ok := quotedOpening(tokens, line); ok {
		return problem{line: opened.Line, col: opened.Column, msg: "front matter is not valid YAML: the quoted text that starts here is never closed",
			advice: "it runs on to line " + strconv.Itoa(open+line) + "; end it with the same quote mark it starts with"}
	}
	if q := strings.TrimSpace(tk.Origin); tk.Type == token.DoubleQuoteType || tk.Type == token.SingleQuoteType ||
		tk.Type == token.InvalidType && (strings.HasPrefix(q, `"`) || strings.HasPrefix(q, "'")) {
		return problem{line: line, col: col, msg: "front matter is not valid YAML: the quoted text that starts here is never closed",
			advice: "end it with the same quote mark it starts with"}
	}
	if opened, closer, ok := flowOpening(tokens, tk); ok {
		return problem{line: opened.Position.Line, col: opened.Position.Column, msg: "front matter is not valid YAML: the " + opened.Value + " opened here is never closed",
			advice: "end it with " + closer + " on the same line"}
	}
	lines := strings.Split(string(raw), "\n")
	text := func(n int) string {
		if n < 1 || n > len(lines) {
			return ""
		}
		return strings.TrimRight(lines[n-1], "\r")
	}
	if next := tk.Next; strings.Contains(strings.TrimSpace(tk.Origin), "\n") && next != nil && next.Type == token.MappingValueType && next.Position != nil {
		// A plain value ran on to the next line, where a key was meant
		// to start: the key's line is the one to fix.
		line = next.Position.Line
		return problem{line: line, col: keyColumn(text(line)), msg: "front matter is not valid YAML: this key is indented further than the keys it belongs with",
			advice: "so it reads as part of the value above it; line it up with them"}
	}
	this := text(line)
	switch {
	case strings.Contains(this[:len(this)-len(strings.TrimLeft(this, " \t"))], "\t"):
		return problem{line: line, col: 1, msg: "front matter is not valid YAML: a tab indents this line", advice: "indent with spaces, not tabs"}
	case tk.Next != nil && tk.Next.Type == token.MappingValueType && tk.Prev != nil && tk.Prev.Type == token.MappingValueType &&
		tk.Prev.Position != nil && tk.Next.Position != nil && tk.Prev.Position.Line == line && tk.Next.Position.Line == line:
		return problem{line: line, col: tk.Next.Position.Column, msg: "front matter is not valid YAML: a second colon in a value",
			advice: "put a value that holds a colon and a space in quotes (key: \"value: more\")"}
	}
	prev := line - 1
	for prev > 0 && (strings.TrimSpace(text(prev)) == "" || strings.HasPrefix(strings.TrimSpace(text(prev)), "#")) {
		prev--
	}
	if prev > 0 {
		above := text(prev)
		here, there := keyColumn(this), keyColumn(above)
		isKey := strings.Contains(this, ": ") || strings.HasSuffix(this, ":")
		switch {
		case isKey && here != there && !opensBlock(above):
			return problem{line: line, msg: "front matter is not valid YAML: this key starts at column " + strconv.Itoa(here) + " and the one above it at column " + strconv.Itoa(there),
				advice: "the keys of one set line up"}
		case !isKey && here < there:
			return problem{line: line, col: here, msg: "front matter is not valid YAML: this line is indented less than the text above it",
				advice: "text that runs over several lines keeps its indentation (" + strconv.Itoa(there-1) + " spaces here)"}
		}
	}
	return problem{line: line, col: col, msg: "front matter is not valid YAML: " + se.Message,
		advice: "check the indentation and quoting of this line and the one above it"}
}

// keyColumn returns the column where a line's key or text starts, after
// its indentation and any list dash.
func keyColumn(l string) int {
	rest := strings.TrimLeft(l, " ")
	for strings.HasPrefix(rest, "- ") {
		rest = strings.TrimLeft(rest[2:], " ")
	}
	return len(l) - len(rest) + 1
}

// opensBlock reports whether a line ends by opening a value on the lines
// below it: a key with nothing after it, or a block of text (>- or |).
func opensBlock(l string) bool {
	l = strings.TrimSpace(l)
	for _, end := range []string{":", ">", ">-", ">+", "|", "|-", "|+"} {
		if strings.HasSuffix(l, end) {
			return true
		}
	}
	return false
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
