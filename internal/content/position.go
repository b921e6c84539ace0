package content

import (
	"strconv"
	"sync"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// frontMatter is a page's front matter as written, parsed a second time
// (for the lines of keys) only when a message needs a line: most builds
// never do.
type frontMatter struct {
	raw  []byte
	open int // the line of the opening ---
	once sync.Once
	body ast.Node
}

// root returns the front matter's top node, or nil.
func (p *Page) root() ast.Node {
	if p.front == nil {
		return nil
	}
	f := p.front
	f.once.Do(func() {
		file, err := parser.ParseBytes(f.raw, 0, parser.AllowDuplicateMapKey())
		if err == nil && len(file.Docs) > 0 {
			f.body = file.Docs[0].Body
		}
	})
	return f.body
}

// fileLine turns a front matter line (1 is the line after the opening
// ---) into a file line.
func (f *frontMatter) fileLine(line int) int { return f.open + line }

// Line returns the file line of the value at a path of keys and sequence
// indexes in the front matter (Line("protocol", "stages", "2", "due")), or of
// the nearest ancestor that exists; 1 if nothing matches. A value written on
// lines of its own (a block of keys or a list) is at its key's line.
func (p *Page) Line(keys ...string) int {
	n := p.root()
	if n == nil {
		return 1
	}
	line, _ := position(n)
	for _, k := range keys {
		next, key := child(n, k)
		if next == nil {
			// A missing key: point at the key or item that should hold it.
			break
		}
		n = next
		line, _ = position(unwrap(next))
		if key != nil && !scalarOrFlow(next) {
			line, _ = position(key)
		}
	}
	return p.front.fileLine(line)
}

// scalarOrFlow reports whether a value is written where its key is: a
// scalar, or a list or set of keys in brackets.
func scalarOrFlow(n ast.Node) bool {
	switch n := unwrap(n).(type) {
	case *ast.MappingNode:
		return n.IsFlowStyle
	case *ast.MappingValueNode:
		return n.IsFlowStyle
	case *ast.SequenceNode:
		return n.IsFlowStyle
	}
	return true
}

// child returns the value at key in a mapping (and the key), or the item
// at an index in a sequence.
func child(n ast.Node, key string) (ast.Node, ast.Node) {
	n = unwrap(n)
	if values, ok := mappingValues(n); ok {
		for _, mv := range values {
			if k, ok := keyText(mv.Key); ok && k == key {
				return mv.Value, mv.Key
			}
		}
		return nil, nil
	}
	if seq, ok := n.(*ast.SequenceNode); ok {
		i, err := strconv.Atoi(key)
		if err == nil && i >= 0 && i < len(seq.Values) {
			return seq.Values[i], nil
		}
	}
	return nil, nil
}

// KeyLine returns the line of a key itself (rather than its value).
func (p *Page) KeyLine(keys ...string) int {
	if len(keys) == 0 {
		return p.Line()
	}
	if parent := p.nodeAt(keys[:len(keys)-1]...); parent != nil {
		if _, key := child(parent, keys[len(keys)-1]); key != nil {
			line, _ := position(key)
			return p.front.fileLine(line)
		}
	}
	return p.Line(keys...)
}

// Has reports whether the front matter sets the key at a path of keys.
func (p *Page) Has(keys ...string) bool { return p.nodeAt(keys...) != nil }

func (p *Page) nodeAt(keys ...string) ast.Node {
	n := p.root()
	for _, k := range keys {
		if n == nil {
			return nil
		}
		n, _ = child(n, k)
	}
	return n
}

// FrontMatter returns the page's front matter as written, between the ---
// lines, and the file line of its first line.
func (p *Page) FrontMatter() ([]byte, int) {
	if p.front == nil {
		return nil, 0
	}
	return p.front.raw, p.front.open + 1
}
