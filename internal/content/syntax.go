package content

import (
	"errors"
	"strconv"
	"strings"

	goyaml "github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/token"
)

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

// quotedOpening finds a quoted scalar that starts before line and runs
// over several lines: after a syntax error, the likeliest mistake is its
// missing closing quote, and the line it opens on is the one to fix.
func quotedOpening(tokens token.Tokens, line int) (open *token.Position, ok bool) {
	for _, tk := range tokens {
		if tk.Position == nil || tk.Position.Line > line {
			break
		}
		if tk.Type != token.DoubleQuoteType && tk.Type != token.SingleQuoteType {
			continue
		}
		if tk.Position.Line < line && strings.Contains(tk.Origin, "\n") && looksLikeKeys(tk.Origin) {
			return tk.Position, true
		}
	}
	return nil, false
}

// flowOpening finds a bracket ({ or [) still open at the token where the
// parser stopped, opened on an earlier line: flow collections in front
// matter are written on one line, so its missing closing bracket is the
// likeliest mistake.
func flowOpening(tokens token.Tokens, at *token.Token) (open *token.Token, closer string, ok bool) {
	var stack []*token.Token
	for _, tk := range tokens {
		if tk == at || tk.Position == nil || at.Position == nil || tk.Position.Offset >= at.Position.Offset {
			break
		}
		switch tk.Type {
		case token.MappingStartType, token.SequenceStartType:
			stack = append(stack, tk)
		case token.MappingEndType, token.SequenceEndType:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	if len(stack) == 0 {
		return nil, "", false
	}
	top := stack[len(stack)-1]
	if top.Position.Line >= at.Position.Line {
		return nil, "", false
	}
	if top.Type == token.MappingStartType {
		return top, "}", true
	}
	return top, "]", true
}

// looksLikeKeys reports whether a quoted scalar that spans lines holds
// what reads as a later line of keys ("  who: ..."), which a quote that
// was meant to run on would not.
func looksLikeKeys(s string) bool {
	lines := strings.Split(s, "\n")
	for _, l := range lines[1:] {
		l = strings.TrimSpace(l)
		l = strings.TrimPrefix(l, "- ")
		if i := strings.Index(l, ": "); i > 0 && !strings.ContainsAny(l[:i], " \"'") {
			return true
		}
		if strings.HasSuffix(l, ":") && !strings.ContainsAny(l, " \"'") {
			return true
		}
	}
	return false
}
