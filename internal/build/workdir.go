package build

import (
	"bufio"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// A build writes into a work folder beside the output, .<out>.build-<random>,
// which holds:
//
//	lock  the build's process id, host name and start time
//	new/  the site being written
//	old/  the previous output, for the moment of the swap
//
// When everything is written, the swap renames the output to old/ and
// new/ to the output, then removes the work folder. A build that is killed
// leaves its work folder behind; the next build to the same output
// removes it (cleanStale), but never the work folder of a build that is
// still running: one whose lock names this host and a live process, or,
// for a lock from another host (a shared drive) or none, one less than a
// day old. If a build was killed between the two renames, the output is
// missing and old/ holds it: the cleaner puts it back before anything else.
// Versions before the work folder wrote .<out>.new-<random> (and
// .<out>.new-<random>.old); those are removed once an hour old.

// workDir is a build's work folder.
type workDir struct {
	dir string
}

// Names inside a work folder, and how long a folder without a live lock
// is left alone.
const (
	lockName   = "lock"
	newName    = "new"
	oldName    = "old"
	foreignAge = 24 * time.Hour // a lock from another host, or none
	legacyAge  = time.Hour      // a folder of a version before the lock
)

// newWorkDir makes a work folder beside out, locked by this process.
func newWorkDir(out string, now time.Time) (*workDir, error) {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(parent, workPrefix(out))
	if err != nil {
		return nil, err
	}
	w := &workDir{dir: dir}
	host, _ := os.Hostname()
	lock := "pid " + strconv.Itoa(os.Getpid()) + "\nhost " + host + "\nstarted " + now.UTC().Format(time.RFC3339) + "\n"
	if err := os.WriteFile(filepath.Join(dir, lockName), []byte(lock), 0o644); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if err := os.Mkdir(w.site(), 0o755); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return w, nil
}

// workPrefix is the start of the name of every work folder of out.
func workPrefix(out string) string { return "." + filepath.Base(out) + ".build-" }

// site is the folder the new site is written into.
func (w *workDir) site() string { return filepath.Join(w.dir, newName) }

// swap puts the new site in place of out.
func (w *workDir) swap(out string) error {
	old := filepath.Join(w.dir, oldName)
	moved := false
	if _, err := os.Lstat(out); err == nil {
		if err := os.Rename(out, old); err != nil {
			return err
		}
		moved = true
	}
	if err := os.Rename(w.site(), out); err != nil {
		if moved {
			os.Rename(old, out)
		}
		return err
	}
	return os.RemoveAll(w.dir)
}

// discard removes the work folder of a build that did not swap, putting
// the old output back first if the swap stopped halfway. If it cannot be
// put back, the work folder stays, so nothing is lost.
func (w *workDir) discard(out string) {
	if restore(w.dir, out) {
		os.RemoveAll(w.dir)
	}
}

// restore puts old/ back as out if out is missing, and reports whether
// the work folder may now be removed.
func restore(dir, out string) bool {
	old := filepath.Join(dir, oldName)
	if _, err := os.Lstat(old); err != nil {
		return true
	}
	if _, err := os.Lstat(out); err == nil {
		return true // the swap finished; old/ is the previous build
	}
	return os.Rename(old, out) == nil
}

// lockInfo is what a work folder's lock says.
type lockInfo struct {
	pid  int
	host string
}

func readLock(name string) (lockInfo, bool) {
	f, err := os.Open(name)
	if err != nil {
		return lockInfo{}, false
	}
	defer f.Close()
	var l lockInfo
	sc := bufio.NewScanner(io.LimitReader(f, 4096))
	for sc.Scan() {
		key, value, _ := strings.Cut(sc.Text(), " ")
		switch key {
		case "pid":
			l.pid, _ = strconv.Atoi(value)
		case "host":
			l.host = value
		}
	}
	return l, l.pid > 0
}

// cleanStale removes the work folders that stopped builds left beside
// out, and returns their names. alive reports whether a process of this
// host is running.
func cleanStale(out string, now time.Time, alive func(pid int) bool) []string {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return nil
	}
	host, _ := os.Hostname()
	legacy := "." + filepath.Base(out) + ".new-"
	var removed []string
	for _, e := range entries {
		name := e.Name()
		dir := filepath.Join(parent, name)
		var stale bool
		switch {
		case !e.IsDir():
			continue
		case strings.HasPrefix(name, workPrefix(out)):
			stale = staleWork(dir, host, now, alive)
		case strings.HasPrefix(name, legacy):
			stale = olderThan(dir, now, legacyAge)
		}
		if !stale {
			continue
		}
		if strings.HasPrefix(name, legacy) && strings.HasSuffix(name, ".old") {
			// An earlier version's swap, stopped halfway: the old
			// output, which goes back if the output is missing.
			if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) && os.Rename(dir, out) == nil {
				continue
			}
		} else if !strings.HasPrefix(name, legacy) && !restore(dir, out) {
			continue
		}
		if os.RemoveAll(dir) == nil {
			removed = append(removed, dir)
		}
	}
	return removed
}

// staleWork reports whether a work folder belongs to no running build.
func staleWork(dir, host string, now time.Time, alive func(int) bool) bool {
	l, ok := readLock(filepath.Join(dir, lockName))
	if ok && l.host == host && host != "" {
		return l.pid != os.Getpid() && !alive(l.pid)
	}
	// Another host's build, or a lock not written yet: only its age says.
	return olderThan(dir, now, foreignAge)
}

func olderThan(dir string, now time.Time, age time.Duration) bool {
	info, err := os.Stat(dir)
	return err == nil && now.Sub(info.ModTime()) > age
}
