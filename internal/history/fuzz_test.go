package history

import (
	"strconv"
	"testing"

	"golang.org/x/tools/txtar"
)

// seedFiles returns the _index.md states in testdata/versions.txtar.
func seedFiles(f *testing.F) [][]byte {
	f.Helper()
	archive, err := txtar.ParseFile("testdata/versions.txtar")
	if err != nil {
		f.Fatal(err)
	}
	var out [][]byte
	for _, file := range archive.Files {
		out = append(out, file.Data)
	}
	return out
}

const hash1 = "0123456789abcdef0123456789abcdef01234567"

func FuzzParseLog(f *testing.F) {
	f.Add([]byte(marker + hash1 + " 2024-06-01\n" + marker + hash1 + " 2024-02-29\n"))
	f.Add([]byte("gpg: Signature made\n" + marker + hash1 + " 2024-06-01\n"))
	f.Add([]byte(marker + "xyz 2024-06-01\n"))
	f.Add([]byte(marker + hash1 + " 2023-02-29\n"))
	f.Fuzz(func(t *testing.T, out []byte) {
		snaps, err := parseLog(out)
		if err != nil {
			return
		}
		for _, s := range snaps {
			if !isHash(s.Commit) || s.Date.IsZero() {
				t.Errorf("parseLog(%q) gave %+v", out, s)
			}
		}
	})
}

func FuzzParseBatch(f *testing.F) {
	var all []byte
	for _, data := range seedFiles(f) {
		answer := []byte(hash1 + " blob " + strconv.Itoa(len(data)) + "\n")
		answer = append(append(answer, data...), '\n')
		f.Add(answer, 1)
		all = append(all, answer...)
	}
	f.Add(append(all, hash1+":./_index.md missing\n"...), 4)
	f.Add([]byte(hash1+" blob 99\nshort\n"), 1)
	f.Add([]byte(hash1+" tree 0\n\n"), 1)
	f.Fuzz(func(t *testing.T, out []byte, want int) {
		if want < 0 || want > 100 {
			return
		}
		blobs, err := parseBatch(out, want)
		if err != nil {
			return
		}
		if len(blobs) != want {
			t.Fatalf("parseBatch(%q, %d) gave %d answers", out, want, len(blobs))
		}
		total := 0
		for _, b := range blobs {
			total += len(b)
		}
		if total > len(out) {
			t.Errorf("parseBatch(%q, %d) gave %d bytes from %d", out, want, total, len(out))
		}
	})
}

func FuzzProtocolOf(f *testing.F) {
	for _, data := range seedFiles(f) {
		f.Add(data)
	}
	f.Add([]byte("---\ntitle: never closed\nprotocol:\n  id: x\n"))
	f.Add([]byte("no front matter"))
	f.Add([]byte("---\nprotocol: [1, 2]\n---\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := ProtocolOf(data)
		// Whatever reads must compare with itself without a difference.
		if d := Compare(p, p); len(d) > 0 {
			t.Errorf("Compare(p, p) for %q = %v; want none", data, d)
		}
	})
}
