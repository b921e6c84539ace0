//go:build js && wasm

package dom

import (
	"errors"
	"syscall/js"
)

// Read is one file as ReadFiles read it: its bytes; or, for a file larger
// than the limit, which was not read in full, its size; or why the browser
// could not read it.
type Read struct {
	Data     []byte
	TooLarge int    // the file's size, when it is over the limit
	Err      string // when it could not be read
}

// ReadFiles reads files, at most limit bytes each, with reader, a method
// of the page's own script on the element n (audit.js's readFiles): reading
// in JavaScript needs no call into the module per file, and never asks a
// file's size first, which the browser answers through its file system one
// file at a time. reader(files, limit) resolves to {bytes, sizes}: the
// bytes of every file read, end to end, and an Int32Array's bytes holding
// for each file its length, -1 when it could not be read, or -2 less its
// size when it is over the limit. Both come into the module in one copy
// each. done gets one Read per file, in order, or an error when the page
// has no reader or the reading failed as a whole. It returns at once;
// done runs later, from the browser's event loop, and must itself return
// quickly.
func (n Node) ReadFiles(reader string, files []File, limit int, done func([]Read, error)) {
	list := js.Global().Get("Array").New(len(files))
	for i, f := range files {
		list.SetIndex(i, f.v)
	}
	var p js.Value
	err := catch(func() {
		if n.OK() && n.v.Get(reader).Type() == js.TypeFunction {
			p = n.v.Call(reader, list, limit)
		}
	})
	if err == nil && p.IsUndefined() {
		err = errors.New("the page cannot read files")
	}
	if err != nil {
		done(nil, err)
		return
	}
	await(p, func(res js.Value, err error) {
		if err != nil {
			done(nil, errors.New("the browser could not read the files: "+err.Error()))
			return
		}
		all := bytesOf(res.Get("bytes"))
		sizes := bytesOf(res.Get("sizes"))
		if len(sizes) != 4*len(files) {
			done(nil, errors.New("the files were not all read"))
			return
		}
		out := make([]Read, len(files))
		off := 0
		for i := range out {
			b := sizes[4*i:]
			// Little-endian, as every browser's typed arrays are.
			switch size := int(int32(uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24)); {
			case size == -1:
				out[i].Err = "the browser could not read it"
			case size < -1:
				out[i].TooLarge = -2 - size
			case off+size > len(all):
				done(nil, errors.New("the files changed while they were read"))
				return
			default:
				out[i].Data = all[off : off+size : off+size]
				off += size
			}
		}
		done(out, nil)
	})
}

// bytesOf copies a Uint8Array into the module.
func bytesOf(arr js.Value) []byte {
	if arr.Type() != js.TypeObject {
		return nil
	}
	b := make([]byte, arr.Length())
	js.CopyBytesToGo(b, arr)
	return b
}
