//go:build js && wasm

package dom

import (
	"strconv"
	"strings"
	"syscall/js"
)

// Changed reports whether a form control no longer holds what the page
// gave it: a text control's value differs from its default value, a radio
// button or checkbox its default checked state, a select its default
// option (the first option marked selected, else the first option). A
// select that shows its first option has not changed, though that option
// is selected: comparing with "nothing chosen" would count every select.
func (n Node) Changed() bool {
	if !n.OK() {
		return false
	}
	switch n.Type() {
	case "radio", "checkbox":
		return n.v.Get("checked").Truthy() != n.v.Get("defaultChecked").Truthy()
	case "select-one":
		opts := n.v.Get("options")
		def := 0
		for i := 0; i < opts.Length(); i++ {
			if opts.Index(i).Get("defaultSelected").Truthy() {
				def = i
				break
			}
		}
		return n.v.Get("selectedIndex").Int() != def
	case "file", "button", "submit", "reset":
		return false
	}
	dv := n.v.Get("defaultValue")
	return dv.Type() == js.TypeString && n.str("value") != dv.String()
}

// Keys returns the keys stored whose names start with prefix, in the order
// storage lists them.
func (s Storage) Keys(prefix string) []string {
	if !s.v.Truthy() {
		return nil
	}
	var out []string
	catch(func() {
		n := s.v.Get("length").Int()
		for i := 0; i < n; i++ {
			if k := s.v.Call("key", i); k.Type() == js.TypeString {
				if name := k.String(); strings.HasPrefix(name, prefix) {
					out = append(out, name)
				}
			}
		}
	})
	return out
}

// Persist asks the browser to keep this site's storage until the
// practitioner clears it, rather than clearing it when space runs low or the
// site has not been visited for a while. Browsers may say no; either way
// it returns at once.
func Persist() {
	storage := js.Global().Get("navigator").Get("storage")
	if storage.Truthy() && storage.Get("persist").Type() == js.TypeFunction {
		catch(func() {
			p := storage.Call("persist")
			if p.Truthy() && p.Get("then").Type() == js.TypeFunction {
				await(p, func(js.Value, error) {})
			}
		})
	}
}

// LocalTime returns the practitioner's local date and time to the
// millisecond, "2025-01-03T14:05:09.042", so that times sort in order.
func LocalTime() string {
	d := js.Global().Get("Date").New()
	two := func(n int) string {
		return string([]byte{byte('0' + n/10%10), byte('0' + n%10)})
	}
	y := d.Call("getFullYear").Int()
	return string([]byte{byte('0' + y/1000%10), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10)}) +
		"-" + two(d.Call("getMonth").Int()+1) + "-" + two(d.Call("getDate").Int()) +
		"T" + two(d.Call("getHours").Int()) + ":" + two(d.Call("getMinutes").Int()) + ":" + two(d.Call("getSeconds").Int()) +
		"." + strconv.Itoa(1000 + d.Call("getMilliseconds").Int())[1:]
}

// Reset puts every control of a form back to what the page gave it.
func (n Node) Reset() {
	if n.OK() && n.v.Get("reset").Type() == js.TypeFunction {
		n.v.Call("reset")
	}
}
