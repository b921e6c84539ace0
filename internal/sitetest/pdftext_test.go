package sitetest

import (
	"bytes"
	"compress/zlib"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
)

// pdfText reads back the text of a PDF that Chromium printed, page by
// page, so that tests can check what a printed record says. It reads only
// what Chromium's PDF writer (Skia) writes: objects not in object streams,
// content streams compressed with FlateDecode, Type0 fonts with a
// ToUnicode map, text shown with Tj and TJ and placed with Tm. It is not a
// general PDF reader, and says so when a file is beyond it.
func pdfText(data []byte) ([]string, error) {
	objs := map[int][]byte{}
	for _, m := range pdfObject.FindAllSubmatchIndex(data, -1) {
		n, _ := strconv.Atoi(string(data[m[2]:m[3]]))
		objs[n] = data[m[4]:m[5]]
	}
	if len(objs) == 0 {
		return nil, errors.New("no objects: not a PDF")
	}
	if bytes.Contains(data, []byte("/ObjStm")) {
		return nil, errors.New("the PDF has object streams, which this reader does not read")
	}
	d := &pdfDoc{objs: objs, cmaps: map[int]map[string]string{}}
	root := -1
	for n, o := range objs {
		if bytes.Contains(o, []byte("/Type /Catalog")) {
			root = n
		}
	}
	pages, err := d.kids(d.ref(objs[root], "/Pages"))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, p := range pages {
		text, err := d.pageText(p)
		if err != nil {
			return nil, err
		}
		out = append(out, text)
	}
	return out, nil
}

var (
	pdfObject = regexp.MustCompile(`(?s)(\d+) 0 obj\s*(.*?)endobj`)
	pdfRef    = regexp.MustCompile(`^\s*(\d+) 0 R`)
	pdfRefs   = regexp.MustCompile(`(\d+) 0 R`)
	pdfFonts  = regexp.MustCompile(`/(\w+) (\d+) 0 R`)
	pdfChar   = regexp.MustCompile(`<([0-9A-Fa-f]+)>[ \t]*<([0-9A-Fa-f]+)>`)
	pdfRange  = regexp.MustCompile(`<([0-9A-Fa-f]+)>[ \t]*<([0-9A-Fa-f]+)>[ \t]*<([0-9A-Fa-f]+)>`)
)

type pdfDoc struct {
	objs  map[int][]byte
	cmaps map[int]map[string]string // ToUnicode object -> code (hex) -> text
}

// ref returns the object a key of a dictionary refers to ("/Pages 45 0 R"),
// or -1.
func (d *pdfDoc) ref(dict []byte, key string) int {
	i := bytes.Index(dict, []byte(key+" "))
	if i < 0 {
		return -1
	}
	m := pdfRef.FindSubmatch(dict[i+len(key):])
	if m == nil {
		return -1
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// kids lists the pages below a node of the page tree, in order.
func (d *pdfDoc) kids(n int) ([]int, error) {
	o, ok := d.objs[n]
	if !ok {
		return nil, errors.New("the page tree refers to a missing object " + strconv.Itoa(n))
	}
	if !bytes.Contains(o, []byte("/Type /Pages")) {
		return []int{n}, nil
	}
	i := bytes.Index(o, []byte("/Kids ["))
	if i < 0 {
		return nil, errors.New("a page tree node has no kids")
	}
	list := o[i+7 : i+7+bytes.IndexByte(o[i+7:], ']')]
	var out []int
	for _, m := range pdfRefs.FindAllSubmatch(list, -1) {
		k, _ := strconv.Atoi(string(m[1]))
		sub, err := d.kids(k)
		if err != nil {
			return nil, err
		}
		out = append(out, sub...)
	}
	return out, nil
}

// stream returns an object's stream, inflated.
func (d *pdfDoc) stream(n int) ([]byte, error) {
	o := d.objs[n]
	i := bytes.Index(o, []byte("stream"))
	j := bytes.LastIndex(o, []byte("endstream"))
	if i < 0 || j < i {
		return nil, errors.New("object " + strconv.Itoa(n) + " has no stream")
	}
	raw := o[i+len("stream") : j]
	raw = bytes.TrimPrefix(bytes.TrimPrefix(raw, []byte("\r")), []byte("\n"))
	if !bytes.Contains(o[:i], []byte("/FlateDecode")) {
		return raw, nil
	}
	r, err := zlib.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

// cmap reads a ToUnicode map: bfchar and bfrange entries.
func (d *pdfDoc) cmap(n int) (map[string]string, error) {
	if m, ok := d.cmaps[n]; ok {
		return m, nil
	}
	data, err := d.stream(n)
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for _, block := range regexp.MustCompile(`(?s)begin(bfchar|bfrange)(.*?)end(?:bfchar|bfrange)`).FindAllSubmatch(data, -1) {
		if string(block[1]) == "bfchar" {
			for _, e := range pdfChar.FindAllSubmatch(block[2], -1) {
				m[strings.ToUpper(string(e[1]))] = utf16Hex(string(e[2]))
			}
			continue
		}
		for _, e := range pdfRange.FindAllSubmatch(block[2], -1) {
			lo, _ := strconv.ParseUint(string(e[1]), 16, 32)
			hi, _ := strconv.ParseUint(string(e[2]), 16, 32)
			start, _ := strconv.ParseUint(string(e[3]), 16, 32)
			for c := lo; c <= hi && c-lo < 65536; c++ {
				code := strings.ToUpper(strconv.FormatUint(c, 16))
				for len(code) < len(e[1]) {
					code = "0" + code
				}
				m[code] = string(rune(start + c - lo))
			}
		}
	}
	d.cmaps[n] = m
	return m, nil
}

func utf16Hex(h string) string {
	var units []uint16
	for i := 0; i+4 <= len(h); i += 4 {
		u, _ := strconv.ParseUint(h[i:i+4], 16, 16)
		units = append(units, uint16(u))
	}
	return string(utf16.Decode(units))
}

// pageText reads a page's text in the order it is drawn, starting a new
// line wherever the text moves to another line.
func (d *pdfDoc) pageText(p int) (string, error) {
	page := d.objs[p]
	fonts := map[string]map[string]string{}
	res := page
	if r := d.ref(page, "/Resources"); r >= 0 {
		res = d.objs[r]
	}
	if i := bytes.Index(res, []byte("/Font <<")); i >= 0 {
		list := res[i+8 : i+8+bytes.Index(res[i+8:], []byte(">>"))]
		for _, m := range pdfFonts.FindAllSubmatch(list, -1) {
			f, _ := strconv.Atoi(string(m[2]))
			cm := d.ref(d.objs[f], "/ToUnicode")
			if cm < 0 {
				return "", errors.New("font " + string(m[1]) + " has no ToUnicode map")
			}
			var err error
			if fonts[string(m[1])], err = d.cmap(cm); err != nil {
				return "", err
			}
		}
	}
	var contents []int
	if c := d.ref(page, "/Contents"); c >= 0 {
		contents = []int{c}
	} else if i := bytes.Index(page, []byte("/Contents [")); i >= 0 {
		for _, m := range pdfRefs.FindAllSubmatch(page[i:i+bytes.IndexByte(page[i:], ']')], -1) {
			c, _ := strconv.Atoi(string(m[1]))
			contents = append(contents, c)
		}
	}
	var b strings.Builder
	for _, c := range contents {
		data, err := d.stream(c)
		if err != nil {
			return "", err
		}
		showText(&b, data, fonts)
	}
	return b.String(), nil
}

// showText follows a content stream's text operators.
func showText(b *strings.Builder, data []byte, fonts map[string]map[string]string) {
	var font map[string]string
	var operands []string
	lastY := ""
	show := func(hex string) {
		step := 4
		for i := 0; i+step <= len(hex); i += step {
			b.WriteString(font[strings.ToUpper(hex[i:i+step])])
		}
	}
	for i := 0; i < len(data); {
		c := data[i]
		switch {
		case c == ' ' || c == '\n' || c == '\r' || c == '\t':
			i++
		case c == '<' && i+1 < len(data) && data[i+1] != '<':
			j := bytes.IndexByte(data[i:], '>')
			operands = append(operands, "<"+string(data[i+1:i+j]))
			i += j + 1
		case c == '[' || c == ']':
			i++
		case c == '(':
			j := i + 1
			for depth := 1; j < len(data) && depth > 0; j++ {
				switch data[j] {
				case '\\':
					j++
				case '(':
					depth++
				case ')':
					depth--
				}
			}
			i = j // literal strings: Chromium writes none in text
		default:
			j := i
			for j < len(data) && !bytes.ContainsAny(data[j:j+1], " \n\r\t[]<>(") {
				j++
			}
			if j == i {
				j = i + 1
			}
			tok := string(data[i:j])
			i = j
			switch tok {
			case "Tf":
				if len(operands) >= 2 {
					font = fonts[strings.TrimPrefix(operands[len(operands)-2], "/")]
				}
			case "Tm":
				if len(operands) >= 6 {
					y := operands[len(operands)-1]
					if lastY != "" && y != lastY {
						b.WriteString("\n")
					}
					lastY = y
				}
			case "Tj", "TJ":
				for _, o := range operands {
					if strings.HasPrefix(o, "<") {
						show(o[1:])
					}
				}
			case "ET":
				b.WriteString(" ")
			}
			if len(tok) > 0 && (tok[0] >= 'a' && tok[0] <= 'z' || tok[0] >= 'A' && tok[0] <= 'Z' || tok == "'" || tok == "\"") {
				operands = operands[:0]
			} else {
				operands = append(operands, tok)
			}
		}
	}
}

// TestPDFTextReadsHex checks the reader's decoding of a ToUnicode map and
// a content stream on a hand-made page.
func TestPDFTextReadsHex(t *testing.T) {
	var b strings.Builder
	fonts := map[string]map[string]string{"F4": {"0035": "R", "0048": "e", "0003": " "}}
	showText(&b, []byte("BT\n/F4 20 Tf\n1 0 0 -1 30 34 Tm\n<003500480003> Tj\n1 0 0 -1 30 60 Tm\n[<0035> -12 <0048>] TJ\nET"), fonts)
	if got := b.String(); got != "Re \nRe " {
		t.Errorf("showText = %q", got)
	}
	d := &pdfDoc{objs: map[int][]byte{1: []byte("<</Length 80>> stream\nbeginbfchar\n<0003> <0020>\nendbfchar\nbeginbfrange\n<0004> <0006> <0041>\nendbfrange\nendstream")}, cmaps: map[int]map[string]string{}}
	m, err := d.cmap(1)
	if err != nil || m["0003"] != " " || m["0005"] != "B" {
		t.Errorf("cmap = %v, %v", m, err)
	}
}
