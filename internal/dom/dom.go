//go:build js && wasm

package dom

import (
	"errors"
	"syscall/js"
)

// Node is an element, the document or the window: anything the page gives
// back. The zero Node is "nothing", and every method of a missing Node does
// nothing or returns the zero value, so code that looks up an optional
// element does not have to check before each use.
type Node struct{ v js.Value }

// Wrap makes a Node of a value the page gave back.
func Wrap(v js.Value) Node {
	if v.IsUndefined() || v.IsNull() {
		return Node{}
	}
	return Node{v}
}

// Value returns the underlying JavaScript value, for tests and for the rare
// call this package does not wrap.
func (n Node) Value() js.Value { return n.v }

// OK reports whether n is a node rather than nothing.
func (n Node) OK() bool { return n.v.Truthy() }

// Equal reports whether n and m are the same node.
func (n Node) Equal(m Node) bool {
	if !n.OK() || !m.OK() {
		return n.OK() == m.OK()
	}
	return n.v.Equal(m.v)
}

func (n Node) str(prop string) string {
	if !n.OK() {
		return ""
	}
	v := n.v.Get(prop)
	if v.Type() != js.TypeString {
		return ""
	}
	return v.String()
}

func (n Node) set(prop string, v any) {
	if n.OK() {
		n.v.Set(prop, v)
	}
}

// Window returns the page's window.
func Window() Node { return Wrap(js.Global().Get("window")) }

// Document returns the page's document.
func Document() Node { return Wrap(js.Global().Get("document")) }

// ByID returns the element of the document with the given id, or nothing.
func (n Node) ByID(id string) Node {
	if !n.OK() {
		return Node{}
	}
	return Wrap(n.v.Call("getElementById", id))
}

// Query returns the first element below n that matches the CSS selector, or
// nothing.
func (n Node) Query(selector string) Node {
	if !n.OK() {
		return Node{}
	}
	return Wrap(n.v.Call("querySelector", selector))
}

// QueryAll returns every element below n that matches the CSS selector, in
// document order.
func (n Node) QueryAll(selector string) []Node {
	if !n.OK() {
		return nil
	}
	list := n.v.Call("querySelectorAll", selector)
	out := make([]Node, list.Length())
	for i := range out {
		out[i] = Wrap(list.Index(i))
	}
	return out
}

// Create makes a new element of the document n.
func (n Node) Create(tag string) Node {
	if !n.OK() {
		return Node{}
	}
	return Wrap(n.v.Call("createElement", tag))
}

// Active returns the element of the document n that has the focus.
func (n Node) Active() Node { return n.node("activeElement") }

// Title returns the document's title.
func (n Node) Title() string { return n.str("title") }

// SetTitle sets the document's title.
func (n Node) SetTitle(s string) { n.set("title", s) }

func (n Node) node(prop string) Node {
	if !n.OK() {
		return Node{}
	}
	return Wrap(n.v.Get(prop))
}

// ID returns the element's id.
func (n Node) ID() string { return n.str("id") }

// Tag returns the element's tag name in lower case ("input").
func (n Node) Tag() string {
	t := []byte(n.str("tagName"))
	for i, c := range t {
		if 'A' <= c && c <= 'Z' {
			t[i] = c + 'a' - 'A'
		}
	}
	return string(t)
}

// Type returns an input's type attribute as the browser reads it ("text",
// "radio", "checkbox", "file").
func (n Node) Type() string { return n.str("type") }

// Text returns the element's textContent.
func (n Node) Text() string { return n.str("textContent") }

// SetText replaces everything inside the element with the text s. Markup in
// s is shown, not parsed.
func (n Node) SetText(s string) { n.set("textContent", s) }

// FormValue returns a form control's value exactly as typed.
func (n Node) FormValue() string { return n.str("value") }

// SetFormValue sets a form control's value.
func (n Node) SetFormValue(s string) { n.set("value", s) }

// Checked reports whether a radio button or checkbox is checked.
func (n Node) Checked() bool { return n.OK() && n.v.Get("checked").Truthy() }

// SetChecked checks or unchecks a radio button or checkbox.
func (n Node) SetChecked(on bool) { n.set("checked", on) }

// Attr returns the value of an attribute, and whether the element has it.
func (n Node) Attr(name string) (string, bool) {
	if !n.OK() {
		return "", false
	}
	v := n.v.Call("getAttribute", name)
	if v.IsNull() || v.IsUndefined() {
		return "", false
	}
	return v.String(), true
}

// SetAttr sets an attribute. Attribute values are never run, except those of
// event handler attributes (on...) and URLs, which this package refuses to
// set: the module has no reason to.
func (n Node) SetAttr(name, value string) {
	if len(name) > 2 && (name[:2] == "on" || name[:2] == "ON" || name[:2] == "On" || name[:2] == "oN") {
		panic("dom: refusing to set the event handler attribute " + name)
	}
	if name == "href" || name == "src" || name == "action" || name == "formaction" {
		panic("dom: refusing to set the URL attribute " + name + " (use SetFragment or Download)")
	}
	if n.OK() {
		n.v.Call("setAttribute", name, value)
	}
}

// SetFragment makes a link point at the element with the given id on the
// same page: href="#id". It is the only way this package sets a URL.
func (n Node) SetFragment(id string) {
	if n.OK() {
		n.v.Call("setAttribute", "href", "#"+id)
	}
}

// RemoveAttr removes an attribute.
func (n Node) RemoveAttr(name string) {
	if n.OK() {
		n.v.Call("removeAttribute", name)
	}
}

// Hidden reports whether the element has the hidden attribute.
func (n Node) Hidden() bool { return n.OK() && n.v.Get("hidden").Truthy() }

// SetHidden adds or removes the hidden attribute.
func (n Node) SetHidden(on bool) { n.set("hidden", on) }

// Disabled reports whether a control is disabled.
func (n Node) Disabled() bool { return n.OK() && n.v.Get("disabled").Truthy() }

// SetDisabled disables or enables a control.
func (n Node) SetDisabled(on bool) { n.set("disabled", on) }

// HasClass reports whether the element has the class.
func (n Node) HasClass(name string) bool {
	return n.OK() && n.v.Get("classList").Call("contains", name).Truthy()
}

// SetClass adds the class when on is true and removes it otherwise.
func (n Node) SetClass(name string, on bool) {
	if n.OK() {
		n.v.Get("classList").Call("toggle", name, on)
	}
}

// Focus moves the keyboard focus to the element.
func (n Node) Focus() {
	if n.OK() {
		n.v.Call("focus")
	}
}

// Parent returns the element's parent.
func (n Node) Parent() Node { return n.node("parentNode") }

// Closest returns the nearest element, n itself or above it, that matches the
// selector, or nothing.
func (n Node) Closest(selector string) Node {
	if !n.OK() || n.v.Get("closest").Type() != js.TypeFunction {
		return Node{}
	}
	return Wrap(n.v.Call("closest", selector))
}

// Contains reports whether m is n or inside it.
func (n Node) Contains(m Node) bool {
	return n.OK() && m.OK() && n.v.Call("contains", m.v).Truthy()
}

// Append adds child as the last child of n.
func (n Node) Append(child Node) {
	if n.OK() && child.OK() {
		n.v.Call("appendChild", child.v)
	}
}

// InsertBefore adds child to n just before ref, or last if ref is nothing.
func (n Node) InsertBefore(child, ref Node) {
	if !n.OK() || !child.OK() {
		return
	}
	if !ref.OK() {
		n.Append(child)
		return
	}
	n.v.Call("insertBefore", child.v, ref.v)
}

// Remove takes the element out of the document.
func (n Node) Remove() {
	if p := n.Parent(); p.OK() {
		p.v.Call("removeChild", n.v)
	}
}

// Clear removes every child of the element.
func (n Node) Clear() {
	if !n.OK() {
		return
	}
	for {
		c := n.v.Get("firstChild")
		if c.IsNull() || c.IsUndefined() {
			return
		}
		n.v.Call("removeChild", c)
	}
}

// Clone returns a deep copy of the element, not yet in the document.
func (n Node) Clone() Node {
	if !n.OK() {
		return Node{}
	}
	return Wrap(n.v.Call("cloneNode", true))
}

// El makes an element of the document doc with the given text inside, for
// building small lists and messages without markup.
func El(doc Node, tag, text string) Node {
	e := doc.Create(tag)
	if text != "" {
		e.SetText(text)
	}
	return e
}

// SetFieldError shows msg as a form field's error, as the site's forms
// show one (the GOV.UK pattern): a visually hidden "Error: " before it in
// the box, and the field's group marked form-group-error. An empty msg
// clears and hides the box.
func SetFieldError(doc, group, box Node, msg string) {
	group.SetClass("form-group-error", msg != "")
	box.Clear()
	if msg != "" {
		hidden := El(doc, "span", "Error: ")
		hidden.SetClass("visually-hidden", true)
		box.Append(hidden)
		box.Append(El(doc, "span", msg))
	}
	box.SetHidden(msg == "")
}

// catch runs f and turns a JavaScript exception it raises into an error.
func catch(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			// syscall/js panics with a js.Error (not errors.As, which
			// brings package reflectlite into the module).
			if jerr, ok := r.(js.Error); ok {
				err = errors.New(jerr.Value.Get("message").String())
				return
			}
			panic(r)
		}
	}()
	f()
	return nil
}
