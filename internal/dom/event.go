//go:build js && wasm

package dom

import "syscall/js"

// Event is a DOM event handed to a listener.
type Event struct{ v js.Value }

// Type returns the event's type ("input", "click").
func (e Event) Type() string {
	if t := e.v.Get("type"); t.Type() == js.TypeString {
		return t.String()
	}
	return ""
}

// Target returns the element the event happened on.
func (e Event) Target() Node { return Wrap(e.v.Get("target")) }

// Related returns the element focus is moving to, for focusout events, or
// nothing when focus leaves the page or the browser does not say.
func (e Event) Related() Node { return Wrap(e.v.Get("relatedTarget")) }

// Key returns the key of a keyboard event ("Enter").
func (e Event) Key() string {
	if k := e.v.Get("key"); k.Type() == js.TypeString {
		return k.String()
	}
	return ""
}

// Prop returns a string property of the event, such as a storage event's
// "key" or "newValue", and whether it is a string (null is not).
func (e Event) Prop(name string) (string, bool) {
	v := e.v.Get(name)
	if v.Type() != js.TypeString {
		return "", false
	}
	return v.String(), true
}

// PreventDefault stops the browser's own handling of the event. Call it in
// the listener itself: the browser acts as soon as the listener returns.
func (e Event) PreventDefault() { e.v.Call("preventDefault") }

// Listeners owns event listeners and the js.Func behind each, so that all
// can be removed and released together.
type Listeners struct {
	subs []sub
}

type sub struct {
	target Node
	event  string
	fn     js.Func
}

// On calls fn for every event of the given type on target, until Release.
// fn runs inside the browser's event dispatch: it must return quickly and
// must not wait for anything the browser does later (a promise, a timer),
// which would deadlock the page.
func (l *Listeners) On(target Node, event string, fn func(Event)) {
	if !target.OK() {
		return
	}
	f := js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) > 0 {
			fn(Event{args[0]})
		}
		return nil
	})
	target.v.Call("addEventListener", event, f)
	l.subs = append(l.subs, sub{target, event, f})
}

// Len reports how many listeners are registered.
func (l *Listeners) Len() int { return len(l.subs) }

// Release removes every listener and releases its function.
func (l *Listeners) Release() {
	for _, s := range l.subs {
		s.target.v.Call("removeEventListener", s.event, s.fn)
		s.fn.Release()
	}
	l.subs = nil
}

// await calls done once with the value the promise p resolves to, or the
// error it rejects with, and releases its own callbacks after that call.
// It returns at once.
func await(p js.Value, done func(js.Value, error)) {
	var ok, fail js.Func
	release := func() {
		ok.Release()
		fail.Release()
	}
	ok = js.FuncOf(func(this js.Value, args []js.Value) any {
		release()
		v := js.Undefined()
		if len(args) > 0 {
			v = args[0]
		}
		done(v, nil)
		return nil
	})
	fail = js.FuncOf(func(this js.Value, args []js.Value) any {
		release()
		msg := "the browser refused"
		if len(args) > 0 {
			if m := args[0].Get("message"); m.Type() == js.TypeString {
				msg = m.String()
			} else if args[0].Type() == js.TypeString {
				msg = args[0].String()
			}
		}
		done(js.Undefined(), errorString(msg))
		return nil
	})
	p.Call("then", ok, fail)
}

type errorString string

func (e errorString) Error() string { return string(e) }
