//go:build js && wasm

package dom

import (
	"strings"
	"syscall/js"
	"testing"
	"time"
)

// fakeDOM is a stand-in document, just large enough for this package: Node
// has none. Elements keep their attributes, children, listeners and focus;
// querySelectorAll understands "tag", "#id" and "[attr]". Markup is never
// parsed: innerHTML is a trap that records any write.
const fakeDOM = `
const listeners = [];
let innerHTMLWrites = 0;
let clicked = [];
function el(tag) {
  const e = {
    tagName: tag.toUpperCase(), attrs: {}, children: [], parentNode: null, hidden: false,
    value: "", checked: false, type: "", _text: "",
    get id() { return this.attrs.id || ""; },
    get textContent() { return this._text + this.children.map(c => c.textContent).join(""); },
    set textContent(s) { this.children.forEach(c => c.parentNode = null); this.children = []; this._text = String(s); },
    set innerHTML(s) { innerHTMLWrites++; },
    get firstChild() { return this.children[0] || null; },
    getAttribute(n) { return n in this.attrs ? this.attrs[n] : null; },
    setAttribute(n, v) { this.attrs[n] = String(v); },
    removeAttribute(n) { delete this.attrs[n]; },
    classList: null,
    appendChild(c) { if (c.parentNode) c.parentNode.removeChild(c); c.parentNode = this; this.children.push(c); return c; },
    insertBefore(c, ref) { if (c.parentNode) c.parentNode.removeChild(c); c.parentNode = this; this.children.splice(this.children.indexOf(ref), 0, c); return c; },
    removeChild(c) { this.children = this.children.filter(x => x !== c); c.parentNode = null; return c; },
    contains(o) { for (let x = o; x; x = x.parentNode) if (x === this) return true; return false; },
    cloneNode(deep) { const c = el(tag); Object.assign(c.attrs, this.attrs); c._text = this._text; if (deep) this.children.forEach(k => c.appendChild(k.cloneNode(true))); return c; },
    closest(sel) { for (let x = this; x && x.tagName; x = x.parentNode) if (matches(x, sel)) return x; return null; },
    focus() { doc.activeElement = this; },
    click() { clicked.push({href: this.href, download: this.download}); },
    addEventListener(t, f) { listeners.push({el: this, t, f}); },
    removeEventListener(t, f) { const i = listeners.findIndex(l => l.el === this && l.t === t && l.f === f); if (i >= 0) listeners.splice(i, 1); },
    querySelector(sel) { return this.querySelectorAll(sel)[0] || null; },
    querySelectorAll(sel) { const out = []; walk(this, x => { if (x !== this && matches(x, sel)) out.push(x); }); return out; },
  };
  const classes = new Set();
  e.classList = {
    contains: c => classes.has(c),
    toggle: (c, on) => { if (on) classes.add(c); else classes.delete(c); return on; },
  };
  return e;
}
function walk(e, f) { f(e); e.children.forEach(c => walk(c, f)); }
function matches(e, sel) {
  if (sel[0] === "#") return e.id === sel.slice(1);
  if (sel[0] === "[") return sel.slice(1, -1) in e.attrs;
  return e.tagName === sel.toUpperCase();
}
const doc = el("#document");
doc.tagName = undefined;
doc.title = "";
doc.activeElement = null;
doc.body = el("body");
doc.appendChild(doc.body);
doc.createElement = el;
doc.getElementById = id => { let found = null; walk(doc, x => { if (!found && x.id === id) found = x; }); return found; };
function dispatch(target, type, props) {
  const ev = Object.assign({type, target, defaultPrevented: false, preventDefault() { this.defaultPrevented = true; }}, props || {});
  listeners.filter(l => l.el === target && l.t === type).forEach(l => l.f(ev));
  return ev;
}
return {doc, dispatch, listeners, clicked, innerHTMLWrites: () => innerHTMLWrites};
`

// setup installs a fresh stand-in document as globalThis.document and
// returns the helper object fakeDOM builds.
func setup(t *testing.T) js.Value {
	t.Helper()
	fake := js.Global().Get("Function").New(fakeDOM).Invoke()
	js.Global().Set("document", fake.Get("doc"))
	t.Cleanup(func() { js.Global().Delete("document") })
	return fake
}

func TestElements(t *testing.T) {
	fake := setup(t)
	doc := Document()
	if !doc.OK() {
		t.Fatal("Document() is nothing")
	}
	body := Wrap(fake.Get("doc").Get("body"))
	p := doc.Create("p")
	p.SetAttr("id", "greeting")
	body.Append(p)

	got := doc.ByID("greeting")
	if !got.Equal(p) {
		t.Fatalf("ByID(greeting) = %v; want the element just added", got.ID())
	}
	if tag := got.Tag(); tag != "p" {
		t.Errorf("Tag() = %q; want %q", tag, "p")
	}
	const markup = `<img src=x onerror="alert(1)"> & <script>alert(2)</script>`
	got.SetText(markup)
	if s := got.Text(); s != markup {
		t.Errorf("Text() after SetText(%q) = %q; want it unchanged", markup, s)
	}
	if n := fake.Call("innerHTMLWrites").Int(); n != 0 {
		t.Errorf("innerHTML was written %d times; want never", n)
	}

	got.SetAttr("data-state", "open")
	if v, ok := got.Attr("data-state"); !ok || v != "open" {
		t.Errorf("Attr(data-state) = %q, %v; want %q, true", v, ok, "open")
	}
	got.RemoveAttr("data-state")
	if v, ok := got.Attr("data-state"); ok {
		t.Errorf("Attr(data-state) after RemoveAttr = %q, true; want it gone", v)
	}

	got.SetHidden(true)
	if !got.Hidden() {
		t.Error("Hidden() = false after SetHidden(true)")
	}
	got.SetClass("error", true)
	if !got.HasClass("error") {
		t.Error("HasClass(error) = false after SetClass(error, true)")
	}
	got.SetClass("error", false)
	if got.HasClass("error") {
		t.Error("HasClass(error) = true after SetClass(error, false)")
	}

	got.Focus()
	if a := doc.Active(); !a.Equal(got) {
		t.Errorf("Active() after Focus = %q; want %q", a.ID(), "greeting")
	}

	span := El(doc, "span", "inner")
	got.Append(span)
	if !got.Contains(span) || span.Parent().ID() != "greeting" {
		t.Error("the appended span is not inside its parent")
	}
	if c := span.Closest("#greeting"); !c.Equal(got) {
		t.Errorf("Closest(#greeting) = %q; want the paragraph", c.ID())
	}
	if n := len(doc.QueryAll("span")); n != 1 {
		t.Errorf("QueryAll(span) found %d; want 1", n)
	}
	clone := got.Clone()
	if clone.Equal(got) || clone.Query("span").Text() != "inner" {
		t.Error("Clone() is not a deep, separate copy")
	}
	got.Clear()
	if n := len(got.QueryAll("span")); n != 0 {
		t.Errorf("after Clear, %d spans are left; want 0", n)
	}
	got.Remove()
	if doc.ByID("greeting").OK() {
		t.Error("ByID finds the element after Remove")
	}

	doc.SetTitle("Error: Record")
	if s := doc.Title(); s != "Error: Record" {
		t.Errorf("Title() = %q; want %q", s, "Error: Record")
	}
}

func TestNothing(t *testing.T) {
	setup(t)
	var none Node
	// Every method of nothing is harmless.
	none.SetText("x")
	none.SetHidden(true)
	none.SetClass("x", true)
	none.Focus()
	none.Append(Document().Create("p"))
	none.Remove()
	none.Clear()
	if none.OK() || none.Text() != "" || none.Hidden() || none.Checked() || len(none.QueryAll("p")) != 0 || none.ByID("x").OK() {
		t.Error("a missing node reports something")
	}
	if !none.Equal(Node{}) || none.Equal(Document()) {
		t.Error("Equal on nothing is wrong")
	}
	if n := Document().ByID("no-such-id"); n.OK() {
		t.Error("ByID(no-such-id) found something")
	}
}

func TestFormValues(t *testing.T) {
	setup(t)
	doc := Document()
	in := doc.Create("input")
	in.SetFormValue("  two spaces kept  ")
	if v := in.FormValue(); v != "  two spaces kept  " {
		t.Errorf("FormValue() = %q; want it exactly as set", v)
	}
	in.SetChecked(true)
	if !in.Checked() {
		t.Error("Checked() = false after SetChecked(true)")
	}
	in.SetDisabled(true)
	if !in.Disabled() {
		t.Error("Disabled() = false after SetDisabled(true)")
	}
}

func TestSetAttrRefusesScriptAndURLs(t *testing.T) {
	setup(t)
	a := Document().Create("a")
	for _, name := range []string{"onclick", "ONerror", "href", "src"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("SetAttr(%q, ...) did not panic", name)
				}
			}()
			a.SetAttr(name, "javascript:alert(1)")
		}()
	}
	a.SetFragment("answers.concern")
	if v, _ := a.Attr("href"); v != "#answers.concern" {
		t.Errorf("SetFragment: href = %q; want %q", v, "#answers.concern")
	}
}

func TestListenersRelease(t *testing.T) {
	fake := setup(t)
	doc := Document()
	btn := doc.Create("button")
	var l Listeners
	var got []string
	l.On(btn, "click", func(e Event) {
		got = append(got, e.Type()+":"+e.Target().Tag())
		e.PreventDefault()
	})
	l.On(btn, "keydown", func(e Event) { got = append(got, "key:"+e.Key()) })
	l.On(Node{}, "click", func(Event) { t.Error("a listener on nothing ran") })
	if n := l.Len(); n != 2 {
		t.Fatalf("Len() = %d; want 2", n)
	}

	ev := fake.Call("dispatch", btn.Value(), "click")
	keys := js.Global().Get("Object").New()
	keys.Set("key", "Enter")
	fake.Call("dispatch", btn.Value(), "keydown", keys)
	if want := "click:button key:Enter"; strings.Join(got, " ") != want {
		t.Errorf("listeners saw %q; want %q", strings.Join(got, " "), want)
	}
	if !ev.Get("defaultPrevented").Bool() {
		t.Error("PreventDefault did not reach the event")
	}

	l.Release()
	if n := fake.Get("listeners").Length(); n != 0 {
		t.Errorf("after Release, %d listeners are still registered; want 0", n)
	}
	if n := l.Len(); n != 0 {
		t.Errorf("after Release, Len() = %d; want 0", n)
	}
	fake.Call("dispatch", btn.Value(), "click")
	if len(got) != 2 {
		t.Errorf("a released listener ran: %q", got)
	}
}

func TestEventProp(t *testing.T) {
	fake := setup(t)
	win := Document().Create("div") // any target will do
	var l Listeners
	defer l.Release()
	var key, value string
	var hasValue bool
	l.On(win, "storage", func(e Event) {
		key, _ = e.Prop("key")
		value, hasValue = e.Prop("newValue")
	})
	props := js.Global().Get("Object").New()
	props.Set("key", "resolve-draft-hips")
	props.Set("newValue", js.Null())
	fake.Call("dispatch", win.Value(), "storage", props)
	if key != "resolve-draft-hips" || hasValue || value != "" {
		t.Errorf("Prop: key %q, newValue %q, %v; want the key and no value", key, value, hasValue)
	}
}

func TestEventRelated(t *testing.T) {
	fake := setup(t)
	doc := Document()
	a, b := doc.Create("input"), doc.Create("input")
	b.SetAttr("id", "next")
	var l Listeners
	defer l.Release()
	var related string
	l.On(a, "focusout", func(e Event) { related = e.Related().ID() })
	props := js.Global().Get("Object").New()
	props.Set("relatedTarget", b.Value())
	fake.Call("dispatch", a.Value(), "focusout", props)
	if related != "next" {
		t.Errorf("Related().ID() = %q; want %q", related, "next")
	}
}

// file makes a stand-in File holding data, or one whose read fails.
func file(name string, data []byte, fail bool) File {
	src := `return function(name, bytes, fail) {
  return {name, size: bytes.length, arrayBuffer() {
    return fail ? Promise.reject(new Error("permission denied")) : Promise.resolve(bytes.slice().buffer);
  }};
};`
	arr := js.Global().Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(arr, data)
	return File{js.Global().Get("Function").New(src).Invoke().Invoke(name, arr, fail)}
}

func TestFileRead(t *testing.T) {
	setup(t)
	data := []byte("{\"format\":\"resolve-record\"}\n\x00\xff")
	f := file("record.json", data, false)
	if f.Name() != "record.json" || f.Size() != len(data) {
		t.Errorf("Name(), Size() = %q, %d; want %q, %d", f.Name(), f.Size(), "record.json", len(data))
	}
	got, err := readFile(t, f)
	if err != nil || string(got) != string(data) {
		t.Errorf("Read() = %q, %v; want %q, nil", got, err, data)
	}

	_, err = readFile(t, file("locked.json", nil, true))
	if err == nil || !strings.Contains(err.Error(), "permission denied") {
		t.Errorf("Read() of a file that cannot be read: error %v; want one naming the browser's reason", err)
	}
}

// readFile waits for f.Read to finish, as the module's event loop would.
func readFile(t *testing.T, f File) ([]byte, error) {
	type result struct {
		b   []byte
		err error
	}
	ch := make(chan result, 1)
	f.Read(func(b []byte, err error) { ch <- result{b, err} })
	select {
	case r := <-ch:
		return r.b, r.err
	case <-time.After(5 * time.Second):
		t.Fatal("Read never finished")
		return nil, nil
	}
}

func TestDownload(t *testing.T) {
	fake := setup(t)
	// Capture the blob instead of making a URL, and read it back.
	urls := js.Global().Get("URL")
	create, revoke := urls.Get("createObjectURL"), urls.Get("revokeObjectURL")
	t.Cleanup(func() {
		urls.Set("createObjectURL", create)
		urls.Set("revokeObjectURL", revoke)
	})
	var blob js.Value
	capture := js.FuncOf(func(this js.Value, args []js.Value) any {
		blob = args[0]
		return "blob:fake/1"
	})
	defer capture.Release()
	urls.Set("createObjectURL", capture)

	data := []byte("café <b>bold</b>\n")
	if err := Download(Document(), "hips-record.json", "application/json", data); err != nil {
		t.Fatal(err)
	}
	clicked := fake.Get("clicked")
	if clicked.Length() != 1 {
		t.Fatalf("the link was clicked %d times; want 1", clicked.Length())
	}
	c := clicked.Index(0)
	if c.Get("href").String() != "blob:fake/1" || c.Get("download").String() != "hips-record.json" {
		t.Errorf("clicked link: href %q download %q; want blob:fake/1 and hips-record.json", c.Get("href"), c.Get("download"))
	}
	if n := len(Document().QueryAll("a")); n != 0 {
		t.Errorf("%d links left in the document after the download; want 0", n)
	}
	if typ := blob.Get("type").String(); typ != "application/json" {
		t.Errorf("blob type = %q; want application/json", typ)
	}
	ch := make(chan []byte, 1)
	await(blob.Call("arrayBuffer"), func(buf js.Value, err error) {
		arr := js.Global().Get("Uint8Array").New(buf)
		b := make([]byte, arr.Length())
		js.CopyBytesToGo(b, arr)
		ch <- b
	})
	select {
	case got := <-ch:
		if string(got) != string(data) {
			t.Errorf("downloaded bytes = %q; want %q", got, data)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("reading the blob never finished")
	}
}

func TestStorage(t *testing.T) {
	// A Map-backed stand-in, and one whose setItem throws as a full or
	// blocked storage does.
	mk := js.Global().Get("Function").New(`return function(full) {
  const m = new Map();
  return {
    getItem: k => m.has(k) ? m.get(k) : null,
    setItem: (k, v) => { if (full) throw new Error("QuotaExceededError"); m.set(k, String(v)); },
    removeItem: k => m.delete(k),
  };
};`).Invoke()
	old := js.Global().Get("localStorage")
	t.Cleanup(func() { js.Global().Set("localStorage", old) })

	js.Global().Set("localStorage", mk.Invoke(false))
	s, err := LocalStorage()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Get("draft"); ok {
		t.Error("Get on empty storage found something")
	}
	if err := s.Set("draft", `{"a":"b"}`); err != nil {
		t.Fatal(err)
	}
	if v, ok := s.Get("draft"); !ok || v != `{"a":"b"}` {
		t.Errorf("Get(draft) = %q, %v; want what was set", v, ok)
	}
	if err := s.Remove("draft"); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Get("draft"); ok {
		t.Error("Get finds the draft after Remove")
	}

	js.Global().Set("localStorage", mk.Invoke(true))
	s, _ = LocalStorage()
	if err := s.Set("draft", "x"); err == nil || !strings.Contains(err.Error(), "QuotaExceeded") {
		t.Errorf("Set on full storage: error %v; want the browser's reason", err)
	}

	js.Global().Set("localStorage", js.Null())
	if _, err := LocalStorage(); err == nil {
		t.Error("LocalStorage() with none: no error")
	}
}

func TestToday(t *testing.T) {
	y, m, d := Today()
	now := time.Now()
	// The Go clock and the JavaScript clock are the same machine's; allow
	// for the test running across midnight.
	ok := false
	for _, tt := range []time.Time{now, now.Add(-time.Minute)} {
		if tt.Year() == y && int(tt.Month()) == m && tt.Day() == d {
			ok = true
		}
	}
	if !ok {
		t.Errorf("Today() = %d-%d-%d; want %s", y, m, d, now.Format("2006-1-2"))
	}
}
