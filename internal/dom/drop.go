//go:build js && wasm

package dom

// DroppedFiles returns the files of a drop event (its dataTransfer), in
// order, or none for any other event.
func (e Event) DroppedFiles() []File {
	dt := e.v.Get("dataTransfer")
	if !dt.Truthy() {
		return nil
	}
	return filesIn(dt)
}
