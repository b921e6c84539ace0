//go:build js && wasm

package dom

// CreateNS makes a new element of the document n in the namespace ns, such
// as an SVG element (ns "http://www.w3.org/2000/svg"), which Create cannot
// make: an element made by createElement is always HTML, and an <svg> made
// that way draws nothing.
func (n Node) CreateNS(ns, tag string) Node {
	if !n.OK() {
		return Node{}
	}
	return Wrap(n.v.Call("createElementNS", ns, tag))
}
