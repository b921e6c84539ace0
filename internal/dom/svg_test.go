//go:build js && wasm

package dom

import (
	"syscall/js"
	"testing"
)

func TestCreateNS(t *testing.T) {
	fake := setup(t)
	doc := fake.Get("doc")
	var gotNS, gotTag string
	doc.Set("createElementNS", js.FuncOf(func(this js.Value, args []js.Value) any {
		gotNS, gotTag = args[0].String(), args[1].String()
		return doc.Call("createElement", args[1])
	}))
	n := Document().CreateNS("http://www.w3.org/2000/svg", "rect")
	if !n.OK() || gotNS != "http://www.w3.org/2000/svg" || gotTag != "rect" {
		t.Errorf("CreateNS made %v with createElementNS(%q, %q)", n.OK(), gotNS, gotTag)
	}
	if (Node{}).CreateNS("x", "y").OK() {
		t.Error("CreateNS of nothing made something")
	}
}

func TestDroppedFiles(t *testing.T) {
	fake := setup(t)
	zone := Document().Create("div")
	var l Listeners
	defer l.Release()
	var names []string
	l.On(zone, "drop", func(e Event) {
		for _, f := range e.DroppedFiles() {
			names = append(names, f.Name())
		}
	})
	file := func(name string) js.Value {
		f := js.Global().Get("Object").New()
		f.Set("name", name)
		return f
	}
	files := js.Global().Get("Array").New(file("a.json"), file("b.json"))
	dt := js.Global().Get("Object").New()
	dt.Set("files", files)
	props := js.Global().Get("Object").New()
	props.Set("dataTransfer", dt)
	fake.Call("dispatch", zone.Value(), "drop", props)
	fake.Call("dispatch", zone.Value(), "drop") // no dataTransfer: no files
	if len(names) != 2 || names[0] != "a.json" || names[1] != "b.json" {
		t.Errorf("DroppedFiles = %q; want a.json and b.json", names)
	}
}
