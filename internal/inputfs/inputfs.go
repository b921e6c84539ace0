// Package inputfs reads a build's input folders (content, layouts, static)
// so that nothing is read from outside them.
//
// A folder is opened as an os.Root: no name, however it is spelled and
// whatever symbolic links it passes through, reaches a file outside the
// folder. Walk goes further and refuses, by name, what a pull request could
// use to publish a file from elsewhere or to stall a build: a symbolic link
// that leads out of the folder (content/env.txt -> /proc/self/environ, or
// ../../.ssh/id_ed25519), a link to a folder, a link that leads nowhere, and
// anything that is not a regular file (a named pipe would hang the build, a
// device would never end). A link to a file inside the folder is followed.
// ReadFile caps what it reads, so a file that grows after it was checked
// still cannot take more than its limit.
package inputfs

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"strconv"
	"strings"
	"time"

	"resolve/internal/diag"
)

// Folder is an input folder opened so that nothing outside it is read.
type Folder struct {
	Name string // the folder as given, shown in messages ("content")
	FS   fs.FS  // the files under the folder, and nothing else
	root *os.Root
}

// Open opens dir. Close it when done.
func Open(dir string) (*Folder, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &Folder{Name: dir, FS: root.FS(), root: root}, nil
}

// Close releases the folder.
func (f *Folder) Close() error {
	if f == nil || f.root == nil {
		return nil
	}
	return f.root.Close()
}

// File is a regular file Walk found.
type File struct {
	Path    string    // slash path inside the folder: "hips/stage-1.md"
	Size    int64     // in bytes, when it was found
	ModTime time.Time // when it last changed, when it was found
	Link    bool      // found through a symbolic link to a file inside the folder
}

// Options says what Walk leaves out.
type Options struct {
	// HiddenFolders leaves out folders whose names start with "." as well
	// as such files (which are always left out).
	HiddenFolders bool
}

// Walk calls fn for every regular file under fsys, in lexical order,
// leaving out names that start with "." (editors' and systems' files). name
// is the folder as messages show it. Instead of calling fn it reports, as a
// problem naming the file, every symbolic link that leaves the folder,
// leads to a folder or leads nowhere, everything that is not a regular
// file or folder, and every name with a control character (shown escaped,
// since messages go to a terminal). Only a link to a file inside the
// folder is followed.
func Walk(fsys fs.FS, name string, opts Options, fn func(File)) diag.List {
	var problems diag.List
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		show := path.Join(name, p)
		if p != "." && strings.ContainsFunc(d.Name(), Unprintable) {
			// A name that would write escape sequences to the terminal of
			// whoever reads this message: shown escaped, never read.
			problems.Add(printable(show), 0, "a name with a control character: rename it")
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if err != nil {
			problems.Add(show, 0, "cannot read: "+PlainError(err))
			if d != nil && d.IsDir() && p != "." {
				return fs.SkipDir
			}
			return nil
		}
		if p != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() && opts.HiddenFolders {
				return fs.SkipDir
			}
			if !d.IsDir() {
				return nil
			}
		}
		mode := d.Type()
		switch {
		case mode.IsDir():
			return nil
		case mode&fs.ModeSymlink != 0:
			f, msg := followLink(fsys, name, p)
			if msg != "" {
				problems.Add(show, 0, msg)
				return nil
			}
			fn(f)
		case mode.IsRegular():
			info, err := d.Info()
			if err != nil {
				problems.Add(show, 0, "cannot read: "+PlainError(err))
				return nil
			}
			fn(File{Path: p, Size: info.Size(), ModTime: info.ModTime()})
		default:
			problems.Add(show, 0, "not a regular file ("+kindOf(mode)+"): only files and folders are read; remove it")
		}
		return nil
	})
	if err != nil {
		problems.Add(name, 0, PlainError(err))
	}
	return problems
}

// followLink checks the symbolic link at p and returns the file it leads
// to, or why it is refused.
func followLink(fsys fs.FS, name, p string) (File, string) {
	target, err := fs.ReadLink(fsys, p)
	if err != nil {
		return File{}, "a symbolic link that cannot be read: " + PlainError(err)
	}
	if Leaves(p, target) {
		return File{}, "a symbolic link to " + target + ", outside the " + name + " folder: nothing is read from outside it; copy the file into the folder instead"
	}
	info, err := fs.Stat(fsys, p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return File{}, "a symbolic link to " + target + ", which does not exist"
	case err != nil:
		// A link inside the folder to another link that leaves it: the
		// rooted file system refuses to follow it.
		return File{}, "a symbolic link to " + target + " that leads outside the " + name + " folder: nothing is read from outside it; copy the file into the folder instead"
	case info.IsDir():
		return File{}, "a symbolic link to the folder " + target + ": links to folders are not followed; move the files into " + name + "/ instead"
	case !info.Mode().IsRegular():
		return File{}, "a symbolic link to " + target + ", which is not a regular file (" + kindOf(info.Mode()) + ")"
	}
	return File{Path: p, Size: info.Size(), ModTime: info.ModTime(), Link: true}, ""
}

// Leaves reports whether a symbolic link at the slash path p (inside a
// folder) with the given target names a place outside the folder, judged
// from the names alone: an absolute target always does (even one that
// happens to point back inside), and a relative one does when it climbs
// above the folder's top. A link that passes this test may still lead out
// through another link; the rooted file system stops that when it is read.
func Leaves(p, target string) bool {
	if target == "" {
		return true
	}
	if strings.HasPrefix(target, "/") || strings.HasPrefix(target, `\`) || strings.Contains(target, ":") {
		// "/etc/passwd", "\\server\share", "C:\x" or "C:x" on Windows.
		return true
	}
	target = strings.ReplaceAll(target, `\`, "/") // Windows links may use either
	joined := path.Join(path.Dir(p), target)
	return joined == ".." || strings.HasPrefix(joined, "../")
}

// Unprintable reports whether r is a control character (C0, DEL or C1):
// Walk refuses a name that holds one.
func Unprintable(r rune) bool { return r < 0x20 || r >= 0x7f && r <= 0x9f }

// printable writes s with its control characters as Go escapes.
func printable(s string) string {
	var b strings.Builder
	for _, r := range s {
		if Unprintable(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// kindOf names a kind of file that is not regular.
func kindOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeIrregular != 0:
		return "an irregular file"
	}
	return "mode " + m.String()
}

// TooLargeError is a file over the limit its reader set.
type TooLargeError struct {
	Size, Limit int64
}

func (e *TooLargeError) Error() string {
	return Over(e.Size, e.Limit) + " allowed"
}

// Over says that size is more than limit: "17 MB is more than the 16 MB",
// in bytes when the two would round to the same figure.
func Over(size, limit int64) string {
	a, b := Size(size), Size(limit)
	if a == b {
		a = strconv.FormatInt(size, 10) + " bytes"
		b = strconv.FormatInt(limit, 10) + " bytes"
	}
	return a + " is more than the " + b
}

// ReadFile reads the regular file p, reading at most limit+1 bytes: a file
// larger than limit is a *TooLargeError, whatever size it had when it was
// found.
func ReadFile(fsys fs.FS, p string, limit int64) ([]byte, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, errors.New(p + ": not a regular file (" + kindOf(info.Mode()) + ")")
	}
	if info.Size() > limit {
		return nil, &TooLargeError{Size: info.Size(), Limit: limit}
	}
	size := info.Size()
	data := make([]byte, 0, size+1) // +1: a file that grew shows it at once
	data, err = readAll(io.LimitReader(f, limit+1), data)
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &TooLargeError{Size: int64(len(data)), Limit: limit}
	}
	return data, nil
}

// readAll is io.ReadAll into a buffer sized beforehand.
func readAll(r io.Reader, b []byte) ([]byte, error) {
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
	}
}

// Size writes a size in bytes for people: "512 bytes", "3.5 MB" (MB of
// 1,048,576 bytes, as file managers count them).
func Size(n int64) string {
	const kb, mb = 1 << 10, 1 << 20
	one := func(f float64) string {
		return strings.TrimSuffix(strconv.FormatFloat(f, 'f', 1, 64), ".0")
	}
	switch {
	case n < kb:
		return strconv.FormatInt(n, 10) + " bytes"
	case n < mb:
		return one(float64(n)/kb) + " KB"
	}
	return one(float64(n)/mb) + " MB"
}

// PlainError is err's message without the "open content/x: " prefix a
// *PathError gives, for messages that name the file already.
func PlainError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
