//go:build js && wasm

package dom

import (
	"errors"
	"syscall/js"
)

// File is a file the practitioner chose with a file input.
type File struct{ v js.Value }

// Files returns the files chosen in a file input, in order.
func (n Node) Files() []File {
	if !n.OK() {
		return nil
	}
	return filesIn(n.v)
}

// filesIn returns the files of v's FileList (v.files), in order.
func filesIn(v js.Value) []File {
	list := v.Get("files")
	if !list.Truthy() {
		return nil
	}
	out := make([]File, list.Length())
	for i := range out {
		out[i] = File{list.Index(i)}
	}
	return out
}

// Name returns the file's name, without its folder.
func (f File) Name() string {
	if n := f.v.Get("name"); n.Type() == js.TypeString {
		return n.String()
	}
	return ""
}

// Size returns the file's size in bytes, known before it is read.
func (f File) Size() int {
	if s := f.v.Get("size"); s.Type() == js.TypeNumber {
		return s.Int()
	}
	return 0
}

// Read reads the whole file and calls done with its bytes, once the browser
// has them. It returns at once; done runs later, from the browser's event
// loop, and must itself return quickly.
func (f File) Read(done func([]byte, error)) {
	var p js.Value
	if err := catch(func() { p = f.v.Call("arrayBuffer") }); err != nil {
		done(nil, err)
		return
	}
	await(p, func(buf js.Value, err error) {
		if err != nil {
			done(nil, errors.New("the browser could not read the file: "+err.Error()))
			return
		}
		done(bytesOf(js.Global().Get("Uint8Array").New(buf)), nil)
	})
}

// Download offers data to the practitioner as a file with the given name and
// MIME type, as if they had followed a link to it. The data never leaves the
// device: the link is a blob: URL made in the page and revoked once the
// browser has taken the file.
func Download(doc Node, name, mime string, data []byte) error {
	if !doc.OK() {
		return errors.New("no document")
	}
	return catch(func() {
		arr := js.Global().Get("Uint8Array").New(len(data))
		js.CopyBytesToJS(arr, data)
		parts := js.Global().Get("Array").New(1)
		parts.SetIndex(0, arr)
		opts := js.Global().Get("Object").New()
		opts.Set("type", mime)
		blob := js.Global().Get("Blob").New(parts, opts)
		urls := js.Global().Get("URL")
		u := urls.Call("createObjectURL", blob)
		a := doc.Create("a")
		a.v.Set("href", u)
		a.v.Set("download", name)
		a.v.Set("hidden", true)
		body := doc.node("body")
		body.Append(a)
		a.v.Call("click")
		a.Remove()
		// The browser reads the blob after click returns: revoke it later.
		var revoke js.Func
		revoke = js.FuncOf(func(js.Value, []js.Value) any {
			revoke.Release()
			urls.Call("revokeObjectURL", u)
			return nil
		})
		js.Global().Call("setTimeout", revoke, 60000)
	})
}

// Storage is the browser's local storage for this site, which may be
// missing, full or blocked by the practitioner's settings.
type Storage struct{ v js.Value }

// LocalStorage returns the site's local storage, or an error saying why it
// cannot be used.
func LocalStorage() (Storage, error) {
	var s js.Value
	err := catch(func() { s = js.Global().Get("localStorage") })
	if err == nil && !s.Truthy() {
		err = errors.New("this browser has no local storage")
	}
	return Storage{s}, err
}

// Get returns the value stored under key, and whether there is one.
func (s Storage) Get(key string) (string, bool) {
	if !s.v.Truthy() {
		return "", false
	}
	var v js.Value
	if catch(func() { v = s.v.Call("getItem", key) }) != nil || v.Type() != js.TypeString {
		return "", false
	}
	return v.String(), true
}

// Set stores value under key.
func (s Storage) Set(key, value string) error {
	if !s.v.Truthy() {
		return errors.New("this browser has no local storage")
	}
	return catch(func() { s.v.Call("setItem", key, value) })
}

// Remove deletes what is stored under key.
func (s Storage) Remove(key string) error {
	if !s.v.Truthy() {
		return nil
	}
	return catch(func() { s.v.Call("removeItem", key) })
}

// Today returns the practitioner's date, in their own time zone, as year,
// month (1 to 12) and day.
func Today() (year, month, day int) {
	d := js.Global().Get("Date").New()
	return d.Call("getFullYear").Int(), d.Call("getMonth").Int() + 1, d.Call("getDate").Int()
}

// Mark records a named moment in the page's performance timeline, so that
// tests and the browser's own tools can time the module.
func Mark(name string) {
	perf := js.Global().Get("performance")
	if perf.Truthy() && perf.Get("mark").Type() == js.TypeFunction {
		catch(func() { perf.Call("mark", name) })
	}
}

// Now returns milliseconds since the page started loading.
func Now() float64 {
	perf := js.Global().Get("performance")
	if !perf.Truthy() {
		return 0
	}
	return perf.Call("now").Float()
}
