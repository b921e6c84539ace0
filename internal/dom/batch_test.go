//go:build js && wasm

package dom

import (
	"syscall/js"
	"testing"
	"time"
)

// blob makes a real Blob holding text, as a chosen file is one.
func blob(text string) File {
	return File{js.Global().Get("Blob").New(js.Global().Get("Array").New(text))}
}

func readAll(t *testing.T, files []File) ([][]byte, error) {
	t.Helper()
	type result struct {
		data [][]byte
		err  error
	}
	ch := make(chan result, 1)
	ReadAll(files, func(data [][]byte, err error) { ch <- result{data, err} })
	select {
	case r := <-ch:
		return r.data, r.err
	case <-time.After(5 * time.Second):
		t.Fatal("ReadAll never finished")
		return nil, nil
	}
}

func TestReadAll(t *testing.T) {
	got, err := readAll(t, []File{blob(`{"a":1}`), blob(""), blob("ünïcode\n")})
	if err != nil || len(got) != 3 || string(got[0]) != `{"a":1}` || len(got[1]) != 0 || string(got[2]) != "ünïcode\n" {
		t.Errorf("ReadAll = %q, %v", got, err)
	}
	// Appending to one file's bytes must not overwrite the next file's.
	got[0] = append(got[0], 'x')
	if string(got[2]) != "ünïcode\n" {
		t.Errorf("the files share their bytes: %q", got)
	}

	// A file whose size no longer matches what is read (it changed after
	// it was chosen) fails the batch, which the caller then reads file by
	// file.
	liar := js.Global().Get("Blob").New(js.Global().Get("Array").New("12345"))
	fake := js.Global().Get("Object").New()
	fake.Set("size", 2)
	if _, err := readAll(t, []File{{liar}, {fake}}); err == nil {
		t.Error("ReadAll of files that changed = no error")
	}
}
