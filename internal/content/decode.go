package content

import (
	"encoding"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/goccy/go-yaml/ast"
)

// The front matter's YAML is parsed by goccy/go-yaml's parser, which
// reports a syntax error as a typed error holding the token where it went
// wrong (line and column); decoder then fills Meta from the parsed nodes
// itself, so that every wrong key or value in a file is reported in one
// run, each at its own line and column and in an editor's words ("expected
// a whole number, found "heavy""), rather than the first one only, in Go's
// words ("cannot unmarshal string into Go struct field Meta.Weight of type
// int").
//
// It reads what front matter holds: mappings into structs (by their yaml
// tags; a key no field takes is an error) or into maps with string keys,
// sequences into slices, scalars into strings, integers, booleans and
// anything with UnmarshalText (dates). Anchors, aliases and merge keys
// (&a, *a, <<) are refused: front matter is short enough to write out, and
// an alias can make a small file decode into a very large value.

// problem is something wrong in the front matter, at a front matter line
// (1 is the line after the opening ---) and column (0 if unknown).
type problem struct {
	line, col int
	msg       string // what is wrong
	advice    string // what to do, if there is more to say
}

// String writes the message, the column where known and the advice:
// `unknown key "woh" (column 7): check its spelling and where it is indented`.
func (p problem) String() string {
	s := p.msg
	if p.col > 0 {
		s += " (column " + strconv.Itoa(p.col) + ")"
	}
	if p.advice != "" {
		s += ": " + p.advice
	}
	return s
}

// decoder fills Go values from YAML nodes, collecting problems.
type decoder struct {
	problems []problem
	// unknown, when set, is asked about a key no field of a struct takes,
	// with the keys of the mapping that holds it (nil at the top level);
	// it returns the message to give.
	unknown func(keyPath []string, key string) string
	path    []string
	open    int // the file line of the opening ---, for messages naming another line
}

// once refuses a key given twice in one mapping; seen holds the front
// matter line of each key met so far.
func (d *decoder) once(seen map[string]int, key string, k ast.Node) bool {
	line, _ := position(k)
	if first, dup := seen[key]; dup {
		d.advise(k, "the key "+strconv.Quote(key)+" is given twice", "here and at line "+strconv.Itoa(d.open+first)+"; keep one")
		return false
	}
	seen[key] = line
	return true
}

func (d *decoder) fail(n ast.Node, msg string) {
	d.advise(n, msg, "")
}

func (d *decoder) advise(n ast.Node, msg, advice string) {
	line, col := position(n)
	d.problems = append(d.problems, problem{line: line, col: col, msg: msg, advice: advice})
}

// position returns where a node starts.
func position(n ast.Node) (line, col int) {
	if n == nil {
		return 1, 0
	}
	if tk := n.GetToken(); tk != nil && tk.Position != nil {
		return tk.Position.Line, tk.Position.Column
	}
	return 1, 0
}

var textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()

// decode fills v, which must be settable, from n.
func (d *decoder) decode(n ast.Node, v reflect.Value) {
	n = unwrap(n)
	switch n := n.(type) {
	case nil, *ast.NullNode:
		return // an empty value leaves the zero value
	case *ast.AnchorNode, *ast.AliasNode:
		d.advise(n, "YAML anchors and aliases (&name, *name) are not read in front matter", "write the value out in full")
		return
	}
	if reflect.PointerTo(v.Type()).Implements(textUnmarshaler) {
		text, ok := scalarText(n)
		if !ok {
			d.fail(n, "expected "+describeType(v.Type())+", found "+describeNode(n))
			return
		}
		if err := v.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(text)); err != nil {
			d.fail(n, err.Error())
		}
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		d.decode(n, v.Elem())
	case reflect.Struct:
		d.decodeStruct(n, v)
	case reflect.Map:
		d.decodeMap(n, v)
	case reflect.Slice:
		seq, ok := n.(*ast.SequenceNode)
		if !ok {
			d.advise(n, "expected "+describeType(v.Type())+", found "+describeNode(n), "start each item on its own line with - , or write [a, b]")
			return
		}
		out := reflect.MakeSlice(v.Type(), len(seq.Values), len(seq.Values))
		for i, item := range seq.Values {
			d.at(strconv.Itoa(i), item, out.Index(i))
		}
		v.Set(out)
	case reflect.String:
		text, ok := scalarText(n)
		if !ok {
			d.advise(n, "expected text, found "+describeNode(n), "put text that starts with [ or { in quotes")
			return
		}
		v.SetString(text)
	case reflect.Bool:
		text, _ := scalarText(n)
		switch strings.ToLower(text) {
		case "true":
			v.SetBool(true)
		case "false":
			v.SetBool(false)
		default:
			d.fail(n, "expected true or false, found "+describeNode(n))
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		text, _ := scalarText(n)
		i, err := strconv.ParseInt(strings.ReplaceAll(text, "_", ""), 10, v.Type().Bits())
		if _, isInt := n.(*ast.IntegerNode); err != nil || !isInt {
			d.fail(n, "expected a whole number, found "+describeNode(n))
			return
		}
		v.SetInt(i)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		text, _ := scalarText(n)
		u, err := strconv.ParseUint(strings.ReplaceAll(text, "_", ""), 10, v.Type().Bits())
		if _, isInt := n.(*ast.IntegerNode); err != nil || !isInt {
			d.fail(n, "expected a whole number of 0 or more, found "+describeNode(n))
			return
		}
		v.SetUint(u)
	default:
		d.fail(n, "this value cannot be read: "+v.Type().String())
	}
}

// mappingValues returns a mapping's entries, or ok false if n is not a mapping.
func mappingValues(n ast.Node) (values []*ast.MappingValueNode, ok bool) {
	switch n := n.(type) {
	case *ast.MappingNode:
		return n.Values, true
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{n}, true
	}
	return nil, false
}

func (d *decoder) decodeStruct(n ast.Node, v reflect.Value) {
	values, ok := mappingValues(n)
	if !ok {
		d.fail(n, "expected "+describeType(v.Type())+", found "+describeNode(n))
		return
	}
	fields := fieldsOf(v.Type())
	d.eachKey(values, func(key string, mv *ast.MappingValueNode) {
		i, known := fields[key]
		if !known {
			advice := ""
			if d.unknown != nil {
				advice = d.unknown(d.path, key)
			}
			if advice == "" {
				advice = "check its spelling and where it is indented"
			}
			d.advise(mv.Key, "unknown key "+strconv.Quote(key), advice)
			return
		}
		d.at(key, mv.Value, v.Field(i))
	})
}

// eachKey calls f with each key of a mapping and its value, in order,
// after reporting a key that is not plain text or is given twice (and
// leaving it out).
func (d *decoder) eachKey(values []*ast.MappingValueNode, f func(key string, mv *ast.MappingValueNode)) {
	seen := make(map[string]int, len(values))
	for _, mv := range values {
		key, ok := keyText(mv.Key)
		if !ok {
			d.fail(mv.Key, "a key must be a plain word, such as title:")
			continue
		}
		if d.once(seen, key, mv.Key) {
			f(key, mv)
		}
	}
}

// at decodes n into v with key (or an item's index) on the path that
// messages name.
func (d *decoder) at(key string, n ast.Node, v reflect.Value) {
	d.path = append(d.path, key)
	d.decode(n, v)
	d.path = d.path[:len(d.path)-1]
}

func (d *decoder) decodeMap(n ast.Node, v reflect.Value) {
	values, ok := mappingValues(n)
	if !ok || v.Type().Key().Kind() != reflect.String {
		d.fail(n, "expected "+describeType(v.Type())+", found "+describeNode(n))
		return
	}
	if v.IsNil() {
		v.Set(reflect.MakeMapWithSize(v.Type(), len(values)))
	}
	d.eachKey(values, func(key string, mv *ast.MappingValueNode) {
		elem := reflect.New(v.Type().Elem()).Elem()
		d.at(key, mv.Value, elem)
		v.SetMapIndex(reflect.ValueOf(key).Convert(v.Type().Key()), elem)
	})
}

// unwrap looks through a tag (!!str) to the value it tags.
func unwrap(n ast.Node) ast.Node {
	for {
		t, ok := n.(*ast.TagNode)
		if !ok {
			return n
		}
		n = t.Value
	}
}

// keyText returns a mapping key as text.
func keyText(k ast.MapKeyNode) (string, bool) {
	switch k := ast.Node(k).(type) {
	case *ast.MappingKeyNode, *ast.MergeKeyNode, nil:
		return "", false
	case *ast.StringNode:
		return k.Value, true
	}
	return scalarText(k)
}

// scalarText returns the text of a scalar: a string's value, and any other
// scalar (number, true, a date) as written, so that version: 1.10 is the
// text "1.10", not the number 1.1.
func scalarText(n ast.Node) (string, bool) {
	switch n := unwrap(n).(type) {
	case *ast.StringNode:
		return n.Value, true
	case *ast.LiteralNode:
		if n.Value == nil {
			return "", true
		}
		return n.Value.Value, true
	case *ast.NullNode:
		return "", true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		if tk := n.GetToken(); tk != nil {
			return tk.Value, true
		}
	}
	return "", false
}

// describeNode says what a value is, for "expected ..., found ...".
func describeNode(n ast.Node) string {
	switch n := unwrap(n).(type) {
	case *ast.SequenceNode:
		return "a list"
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a set of keys (key: value)"
	case *ast.LiteralNode:
		return "a block of text"
	default:
		if text, ok := scalarText(n); ok {
			if len(text) > 40 {
				text = text[:37] + "..."
			}
			return strconv.Quote(text)
		}
	}
	return "something else"
}

// describeType says what a Go type holds, in an editor's words.
func describeType(t reflect.Type) string {
	if reflect.PointerTo(t).Implements(textUnmarshaler) {
		if strings.HasSuffix(t.Name(), "Date") || strings.HasSuffix(t.Name(), "When") {
			return "a date (YYYY-MM-DD)"
		}
		return "text"
	}
	switch t.Kind() {
	case reflect.Pointer:
		return describeType(t.Elem())
	case reflect.Slice:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "a set of keys (key: value)"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	}
	return "text"
}

// fields maps each yaml key of a struct type to its field index, worked
// out once per type.
var fields sync.Map // reflect.Type -> map[string]int

func fieldsOf(t reflect.Type) map[string]int {
	if m, ok := fields.Load(t); ok {
		return m.(map[string]int)
	}
	m := map[string]int{}
	for i := 0; i < t.NumField(); i++ {
		if name, ok := yamlKey(t.Field(i)); ok {
			m[name] = i
		}
	}
	fields.Store(t, m)
	return m
}

// yamlKey is the front matter key a struct field is read from: its yaml
// tag's name, or its own name in lower case; false for a field that no key
// sets (unexported, or tagged "-").
func yamlKey(f reflect.StructField) (string, bool) {
	if !f.IsExported() {
		return "", false
	}
	switch name, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); name {
	case "-":
		return "", false
	case "":
		return strings.ToLower(f.Name), true
	default:
		return name, true
	}
}
