//go:build unix

package cli

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// Each attack on `resolve audit` from issue 14 is refused before anything
// is read, with the file named and exit 1, and without memory growing with
// the file.
func TestAuditRefuses(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.json")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	zero := filepath.Join(dir, "zero.json")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	folderLink := filepath.Join(dir, "folder.json")
	if err := os.Symlink(t.TempDir(), folderLink); err != nil {
		t.Fatal(err)
	}
	// 300 MB that takes no disk: a sparse file.
	huge := filepath.Join(dir, "huge.json")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(300 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()

	tests := []struct {
		name, path, want string
	}{
		{"fifo", fifo, "is a named pipe (FIFO), not a file; it was not read"},
		{"device", zero, "is a device, not a file; it was not read"},
		{"folder", folderLink, "is a folder, not a file; it was not read"},
		{"huge", huge, "is too large to be an audit return or a record (307200 KB; the limit is 1024 KB); it was not read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			code, _, errs := run("audit", "--content", filepath.Join(dir, "no-content"), tt.path)
			runtime.ReadMemStats(&after)
			if code != Failed || !strings.Contains(errs, tt.path+": ") || !strings.Contains(errs, tt.want) {
				t.Errorf("audit %s = %d, %q; want %d and %q", tt.path, code, errs, Failed, tt.want)
			}
			if grew := after.TotalAlloc - before.TotalAlloc; grew > 4<<20 {
				t.Errorf("audit %s allocated %d bytes; a refusal reads nothing", tt.path, grew)
			}
		})
	}

	// In a folder the same files are refused one by one, and the good ones
	// are still counted.
	good := filepath.Join(dir, "good.json")
	if err := os.WriteFile(good, []byte(`{"format": "resolve-audit", "version": 1, "protocol": {"id": "hips", "version": "", "calendar": "england-and-wales"}, "state": "open", "stages": [], "flags": []}`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := run("audit", dir)
	if code != Failed || !strings.Contains(out, "From 5 files: 1 disagreement, 0 repeats counted once, 4 not read.") {
		t.Errorf("audit of the folder = %d\n%s\n%s", code, out, errs)
	}
	for _, tt := range tests {
		if !strings.Contains(errs, tt.path+": "+tt.want) {
			t.Errorf("audit of the folder does not name %s: %s", tt.path, errs)
		}
	}
}
