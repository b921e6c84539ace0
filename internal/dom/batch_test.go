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

// fakeReader is a page element whose reader answers as audit.js's
// readFiles does, from the files' text: a file whose text is "unreadable"
// could not be read, one longer than the limit is too large.
func fakeReader() Node {
	el := js.Global().Get("Object").New()
	el.Set("read", js.Global().Get("Function").New("files", "limit", `
  return Promise.all(files.map((f) => f.text())).then((texts) => {
    const enc = new TextEncoder(), sizes = new Int32Array(files.length), parts = [];
    texts.forEach((t, i) => {
      const b = enc.encode(t);
      if (t === "unreadable") sizes[i] = -1;
      else if (b.length > limit) sizes[i] = -2 - b.length;
      else { sizes[i] = b.length; parts.push(b); }
    });
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) { bytes.set(p, at); at += p.length; }
    return {bytes, sizes: new Uint8Array(sizes.buffer)};
  });`))
	return Node{el}
}

func readFiles(t *testing.T, n Node, reader string, files []File, limit int) ([]Read, error) {
	t.Helper()
	type result struct {
		data []Read
		err  error
	}
	ch := make(chan result, 1)
	n.ReadFiles(reader, files, limit, func(data []Read, err error) { ch <- result{data, err} })
	select {
	case r := <-ch:
		return r.data, r.err
	case <-time.After(5 * time.Second):
		t.Fatal("ReadFiles never finished")
		return nil, nil
	}
}

func TestReadFiles(t *testing.T) {
	got, err := readFiles(t, fakeReader(), "read", []File{blob(`{"a":1}`), blob(""), blob("unreadable"), blob("0123456789abc"), blob("ünïcode\n")}, 12)
	if err != nil || len(got) != 5 {
		t.Fatalf("ReadFiles = %+v, %v", got, err)
	}
	if string(got[0].Data) != `{"a":1}` || len(got[1].Data) != 0 || got[1].Err != "" || string(got[4].Data) != "ünïcode\n" {
		t.Errorf("ReadFiles read %q, %q, %q", got[0].Data, got[1].Data, got[4].Data)
	}
	if got[2].Err == "" || got[2].Data != nil {
		t.Errorf("an unreadable file: %+v; want its reason", got[2])
	}
	if got[3].TooLarge != 13 || got[3].Data != nil {
		t.Errorf("a file over the limit: %+v; want its size, 13, and no bytes", got[3])
	}
	// Appending to one file's bytes must not overwrite the next file's.
	got[0].Data = append(got[0].Data, 'x')
	if string(got[4].Data) != "ünïcode\n" {
		t.Errorf("the files share their bytes: %q", got[4].Data)
	}
	// A page without the reader says so, for every file at once.
	if _, err := readFiles(t, fakeReader(), "missing", []File{blob("x")}, 12); err == nil {
		t.Error("ReadFiles with no reader = no error")
	}
}
