//go:build js && wasm

package dom

// DroppedFiles returns the files of a drop event (its dataTransfer), in
// order, or none for any other event.
func (e Event) DroppedFiles() []File {
	dt := e.v.Get("dataTransfer")
	if !dt.Truthy() {
		return nil
	}
	list := dt.Get("files")
	if !list.Truthy() {
		return nil
	}
	out := make([]File, list.Length())
	for i := range out {
		out[i] = File{list.Index(i)}
	}
	return out
}
