package content

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
)

// An SVG file is a document a browser runs when it is opened on its own,
// at the site's address: it can hold script, event attributes, HTML (in
// foreignObject), animations that change a link (<set attributeName="href">)
// and references that load other files. So an SVG in content must be a
// drawing and nothing else: CheckSVG reads it with an XML tokenizer and
// allows only the elements and attributes on the lists below; everything
// else is refused, whatever it is, so a trick nobody has listed is refused
// too. A reference (href, or url() in CSS and attribute values) may name
// only a part of the same drawing ("#id"); an <image> may hold only a
// raster picture written into the file (data:image/png;base64,...).

const (
	svgNS   = "http://www.w3.org/2000/svg"
	xlinkNS = "http://www.w3.org/1999/xlink"
	xmlNS   = "http://www.w3.org/XML/1998/namespace"
)

// drawingElements are the SVG elements a drawing may use.
var drawingElements = setOf(
	"svg", "g", "defs", "symbol", "use", "title", "desc", "metadata", "switch",
	"path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
	"text", "tspan", "textPath",
	"linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker",
	"image", "style",
	"filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite",
	"feConvolveMatrix", "feDiffuseLighting", "feDisplacementMap", "feDistantLight",
	"feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR",
	"feGaussianBlur", "feMerge", "feMergeNode", "feMorphology", "feOffset",
	"fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
)

// drawingAttributes are the attributes (without a namespace) a drawing's
// elements may have: geometry, presentation, filters, text and
// accessibility. aria-* and data-* are allowed as well.
var drawingAttributes = setOf(
	"id", "class", "style", "lang", "role", "version", "baseProfile", "zoomAndPan",
	"x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr",
	"width", "height", "d", "points", "pathLength", "viewBox", "preserveAspectRatio",
	"transform", "patternTransform", "gradientTransform", "transform-origin",
	"refX", "refY", "markerWidth", "markerHeight", "markerUnits", "orient",
	"patternUnits", "patternContentUnits", "gradientUnits", "clipPathUnits",
	"maskUnits", "maskContentUnits", "primitiveUnits", "filterUnits",
	"offset", "spreadMethod", "dx", "dy", "rotate", "textLength", "lengthAdjust",
	"startOffset", "method", "spacing", "side", "href",
	"fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap",
	"stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset",
	"stroke-opacity", "opacity", "color", "clip-path", "clip-rule", "mask", "filter",
	"marker-start", "marker-mid", "marker-end", "font-family", "font-size",
	"font-style", "font-weight", "font-variant", "font-stretch", "font-size-adjust",
	"text-anchor", "dominant-baseline", "alignment-baseline", "baseline-shift",
	"letter-spacing", "word-spacing", "writing-mode", "direction", "unicode-bidi",
	"text-decoration", "text-rendering", "shape-rendering", "image-rendering",
	"color-rendering", "color-interpolation", "color-interpolation-filters",
	"display", "visibility", "overflow", "stop-color", "stop-opacity", "flood-color",
	"flood-opacity", "lighting-color", "paint-order", "vector-effect",
	"mix-blend-mode", "isolation", "requiredFeatures", "requiredExtensions", "systemLanguage",
	"in", "in2", "result", "mode", "type", "values", "tableValues", "slope",
	"intercept", "amplitude", "exponent", "k1", "k2", "k3", "k4", "operator", "order",
	"kernelMatrix", "divisor", "bias", "targetX", "targetY", "edgeMode",
	"preserveAlpha", "surfaceScale", "diffuseConstant", "specularConstant",
	"specularExponent", "kernelUnitLength", "scale", "xChannelSelector",
	"yChannelSelector", "stdDeviation", "radius", "baseFrequency", "numOctaves",
	"seed", "stitchTiles", "azimuth", "elevation", "z", "pointsAtX", "pointsAtY",
	"pointsAtZ", "limitingConeAngle",
)

// linkElements are the elements whose href may name a part of the drawing.
var linkElements = setOf("use", "textPath", "linearGradient", "radialGradient", "pattern", "filter", "feImage")

// editorNamespaces hold the elements and attributes drawing programs
// (Inkscape, and the RDF licence data it writes) leave in a file. Browsers
// give elements in other namespaces no behaviour at all.
var editorNamespaces = setOf(
	"http://www.inkscape.org/namespaces/inkscape",
	"http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
	"http://www.w3.org/1999/02/22-rdf-syntax-ns#",
	"http://creativecommons.org/ns#",
	"http://web.resource.org/cc/",
	"http://purl.org/dc/elements/1.1/",
)

// refusedElements say why the elements most often met are refused.
var refusedElements = map[string]string{
	"script":           "it runs script",
	"foreignObject":    "it holds HTML, which can run script",
	"a":                "a link in a picture can lead anywhere, script included",
	"animate":          "an animation can change a link or an attribute into script",
	"set":              "it can change a link or an attribute into script",
	"animateMotion":    "animations are not allowed",
	"animateTransform": "animations are not allowed",
	"animateColor":     "animations are not allowed",
	"discard":          "animations are not allowed",
	"iframe":           "it loads another page",
	"feImage":          "it loads another file",
	"handler":          "it runs script",
	"listener":         "it runs script",
}

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// SVGProblem is something CheckSVG refused, at a line of the file.
type SVGProblem struct {
	Line    int
	Message string
}

// maxSVGProblems is how many problems CheckSVG reports of one file.
const maxSVGProblems = 20

// CheckSVG returns what in an SVG file is not a plain drawing; none if the
// file may be published.
func CheckSVG(data []byte) []SVGProblem {
	c := &svgChecker{}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true // only XML's own five entities; no others are defined
	depth, root := 0, false
	for len(c.out) < maxSVGProblems {
		line, _ := d.InputPos()
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			c.add(errorLine(err, line), "the file is not well-formed XML: "+xmlMessage(err))
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				if root {
					c.add(line, "the file has more than one top element")
				}
				root = true
				if t.Name.Space != svgNS || t.Name.Local != "svg" {
					c.add(line, "the file must start with <svg xmlns=\""+svgNS+"\">")
				}
			}
			depth++
			c.element(line, t)
		case xml.EndElement:
			depth--
			if c.inStyle {
				// The browser reads the style sheet as one text, however
				// many pieces (CDATA sections, text around comments) it
				// was written in: check it whole.
				if msg := checkCSS(c.style.String()); msg != "" {
					c.add(c.styleLine, "<style>: "+msg)
				}
				c.inStyle = false
				c.style.Reset()
			}
		case xml.CharData:
			if c.inStyle {
				c.style.Write(t)
			}
		case xml.ProcInst:
			if t.Target != "xml" {
				c.add(line, "<?"+t.Target+"?> is not allowed: a drawing loads no stylesheet or other file")
			}
		case xml.Directive:
			if !plainDoctype(t) {
				c.add(line, "<!"+firstWord(t)+"> is not allowed: only a plain <!DOCTYPE svg ...>, with no [...] part, may come before the drawing")
			}
		}
	}
	if !root && len(c.out) == 0 {
		c.add(1, "the file has no <svg> element")
	}
	return c.out
}

type svgChecker struct {
	out       []SVGProblem
	inStyle   bool         // inside a <style>, which holds only text
	style     bytes.Buffer // the text of the <style> being read
	styleLine int          // its line
}

func (c *svgChecker) add(line int, msg string) {
	if line < 1 {
		line = 1
	}
	c.out = append(c.out, SVGProblem{Line: line, Message: msg})
}

// element checks one start tag and its attributes.
func (c *svgChecker) element(line int, t xml.StartElement) {
	name := t.Name
	tag := "<" + name.Local + ">"
	if c.inStyle {
		c.add(line, tag+" inside <style> is not allowed: a style sheet is text")
	}
	switch {
	case editorNamespaces[name.Space]:
	case name.Space != svgNS:
		c.add(line, tag+" (in namespace "+strconv.Quote(name.Space)+") is not allowed in an SVG image: only SVG's drawing elements are")
		return
	case refusedElements[name.Local] != "":
		c.add(line, tag+" is not allowed in an SVG image: "+refusedElements[name.Local])
		return
	case !drawingElements[name.Local]:
		c.add(line, tag+" is not allowed in an SVG image: only drawing elements are")
		return
	}
	c.inStyle = name.Space == svgNS && name.Local == "style"
	c.styleLine = line
	for _, a := range t.Attr {
		if msg := checkAttr(name, a); msg != "" {
			c.add(line, "the attribute "+attrName(a.Name)+" on "+tag+" "+msg)
		}
	}
}

// checkAttr returns what is wrong with one attribute of an element.
func checkAttr(el xml.Name, a xml.Attr) string {
	n := a.Name
	switch {
	case n.Space == "xmlns" || n.Space == "" && n.Local == "xmlns":
		return "" // a namespace declaration: elements are checked by namespace
	case n.Space == xmlNS:
		if n.Local == "space" || n.Local == "lang" {
			return ""
		}
		return "is not allowed: it changes how the file's references are read"
	case editorNamespaces[n.Space]:
		return ""
	case n.Space == xlinkNS && n.Local == "title":
		return ""
	case n.Space == xlinkNS && n.Local == "href", n.Space == "" && n.Local == "href":
		return checkHref(el, a.Value)
	case n.Space != "":
		return "is not allowed (namespace " + strconv.Quote(n.Space) + ")"
	case strings.HasPrefix(strings.ToLower(n.Local), "on"):
		return "is not allowed: event attributes run script"
	case !drawingAttributes[n.Local] && !strings.HasPrefix(n.Local, "aria-") && !strings.HasPrefix(n.Local, "data-"):
		return "is not allowed in an SVG image: only drawing attributes are"
	case n.Local == "style":
		if msg := checkCSS(a.Value); msg != "" {
			return "is not allowed: " + msg
		}
	case strings.Contains(strings.ToLower(a.Value), "url("):
		if msg := checkCSS(a.Value); msg != "" {
			return "is not allowed: " + msg
		}
	}
	return ""
}

// rasterData are the data: URLs an <image> may hold.
var rasterData = []string{"data:image/png;base64,", "data:image/jpeg;base64,", "data:image/gif;base64,", "data:image/webp;base64,", "data:image/avif;base64,"}

// checkHref allows a reference to a part of the drawing, or a raster
// picture written into an <image>.
func checkHref(el xml.Name, v string) string {
	if el.Space == svgNS && el.Local == "image" {
		for _, prefix := range rasterData {
			if len(v) > len(prefix) && strings.EqualFold(v[:len(prefix)], prefix) {
				return ""
			}
		}
		return "is not allowed: an <image> may hold only a PNG, JPEG, GIF, WebP or AVIF picture written into the file (href=\"data:image/png;base64,...\")"
	}
	if el.Space == svgNS && linkElements[el.Local] && strings.HasPrefix(v, "#") && !strings.ContainsAny(v, " \t\r\n") {
		return ""
	}
	return "is not allowed: a drawing may refer only to its own parts, as href=\"#id\" on <use>, <textPath>, gradients, patterns and filters"
}

// checkCSS returns what is wrong with CSS in a <style> or a style or
// presentation attribute: it may not load anything (url() other than
// url(#id), @import, image-set()), use escapes (which could hide the
// rest) or old browsers' script hooks.
func checkCSS(css string) string {
	s := strings.ToLower(css)
	// Comments split words no further than removing them does.
	for {
		i := strings.Index(s, "/*")
		if i < 0 {
			break
		}
		j := strings.Index(s[i+2:], "*/")
		if j < 0 {
			s = s[:i]
			break
		}
		s = s[:i] + s[i+2+j+2:]
	}
	if strings.Contains(s, `\`) {
		return "CSS escapes (\\) are not allowed"
	}
	for _, word := range []string{"@import", "image-set(", "image(", "src(", "expression(", "behavior", "-moz-binding", "javascript:"} {
		if strings.Contains(s, word) {
			return strings.TrimSuffix(word, "(") + " is not allowed: a drawing loads nothing and runs nothing"
		}
	}
	for rest := s; ; {
		i := strings.Index(rest, "url(")
		if i < 0 {
			break
		}
		rest = strings.TrimLeft(rest[i+4:], " \t\r\n\f")
		rest = strings.TrimLeft(rest, `"'`)
		if !strings.HasPrefix(rest, "#") {
			return "url() may name only a part of the drawing, url(#id): a drawing loads nothing else"
		}
	}
	return ""
}

// plainDoctype reports whether a directive is a DOCTYPE with no internal
// subset, which could define entities.
func plainDoctype(d xml.Directive) bool {
	return firstWord(d) == "DOCTYPE" && !bytes.ContainsAny(d, "[<")
}

func firstWord(d xml.Directive) string {
	f := bytes.Fields(d)
	if len(f) == 0 {
		return ""
	}
	w := string(f[0])
	if len(w) > 20 {
		w = w[:20]
	}
	return w
}

func attrName(n xml.Name) string {
	switch n.Space {
	case "":
		return n.Local
	case xlinkNS:
		return "xlink:" + n.Local
	case xmlNS:
		return "xml:" + n.Local
	}
	return n.Space + ":" + n.Local
}

// errorLine is the line of an XML syntax error, or line if it has none.
func errorLine(err error, line int) int {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return se.Line
	}
	return line
}

func xmlMessage(err error) string {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return se.Msg
	}
	return err.Error()
}
