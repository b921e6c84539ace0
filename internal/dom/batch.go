//go:build js && wasm

package dom

import (
	"errors"
	"syscall/js"
)

// ReadAll reads several files at once and calls done with the bytes of
// each, in order, once the browser has them all. Reading many small files
// one by one costs a round trip to the browser's file system each; read as
// one Blob of them all they cost about one. If any file cannot be read
// (changed or removed since it was chosen) the whole read fails: read the
// files one by one to find which. It returns at once; done runs later,
// from the browser's event loop, and must itself return quickly.
func ReadAll(files []File, done func([][]byte, error)) {
	sizes := make([]int, len(files))
	parts := js.Global().Get("Array").New(len(files))
	for i, f := range files {
		sizes[i] = f.Size()
		parts.SetIndex(i, f.v)
	}
	var p js.Value
	if err := catch(func() { p = js.Global().Get("Blob").New(parts).Call("arrayBuffer") }); err != nil {
		done(nil, err)
		return
	}
	await(p, func(buf js.Value, err error) {
		if err != nil {
			done(nil, errors.New("the browser could not read the files: "+err.Error()))
			return
		}
		arr := js.Global().Get("Uint8Array").New(buf)
		all := make([]byte, arr.Length())
		js.CopyBytesToGo(all, arr)
		out := make([][]byte, len(files))
		off := 0
		for i, n := range sizes {
			if off+n > len(all) {
				done(nil, errors.New("the files changed while they were read"))
				return
			}
			out[i] = all[off : off+n : off+n]
			off += n
		}
		if off != len(all) {
			done(nil, errors.New("the files changed while they were read"))
			return
		}
		done(out, nil)
	})
}
