// Package dom is the record form's only door to the browser: a small,
// typed wrapper over syscall/js for the few things the WebAssembly module
// does with a page.
//
// It reads and writes elements (text, values, attributes, the hidden
// attribute, classes, focus), listens to events, offers a file to download,
// reads a file the practitioner chose, and uses local storage. Text always
// goes in as textContent or a form value, never as markup, so whatever a
// practitioner types is shown as text and never run; nothing in this package
// can set innerHTML.
//
// Every callback registered with js.FuncOf is owned by a Listeners value
// and released by its Release method, or released by the package itself
// once a one-shot callback (a promise's) has run. A callback does no more
// than the browser needs done at once, such as preventDefault, and hands the
// event to Go code that must itself return quickly.
//
// A JavaScript exception inside a call becomes a Go error where the call can
// fail in normal use (storage that is full or blocked, a file that cannot be
// read); elsewhere it is a programming error and panics, for the module's
// own recovery to show.
//
// The package builds only for GOOS=js GOARCH=wasm. It uses nothing but the
// standard library, and no fmt or reflect, to keep the module small. Its
// tests run under Node with a stand-in document:
//
//	GOOS=js GOARCH=wasm go test -exec "$(go env GOROOT)/lib/wasm/go_js_wasm_exec" ./internal/dom
package dom
