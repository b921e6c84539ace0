package server

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// What is watched, and how. The server watches the input folders (and the
// WebAssembly modules' Go sources when it compiles them) with the
// operating system's file events (fsnotify: inotify, kqueue,
// ReadDirectoryChangesW), and hands each batch of changed paths to the
// build once the folders have been quiet for the settle window: an editor
// that saves in several steps (a temporary file renamed over the page, or
// the file emptied and then written) makes one build, of the saved file.
// A folder made later is watched as soon as it appears, with the files
// already in it; deleted and renamed files are changes of their old and
// new names.
//
// Events are not to be trusted on network drives (NFS, SMB/CIFS, and 9p,
// which WSL uses for Windows drives): there a change made by another
// machine makes no event. On such a folder, when the watcher cannot be set
// up (too many folders for the system's limit, say), or when asked
// (Config.Poll, resolve serve --poll), the server polls instead: every
// interval it compares every file's size and time of change with the last
// look, and a change is built once a look finds nothing more changed.
// Names starting with "." (editors' swap and backup files, .git) are
// ignored, as the build ignores them.

// watcher sends batches of changed paths.
type watcher interface {
	// changes sends each batch once it has settled; a nil batch means
	// that what changed is not known (events were lost).
	changes() <-chan []string
	close()
}

// maxSettle is the longest a batch waits for the folders to be quiet:
// files that never stop changing are built at least this often.
const maxSettle = time.Second

// eventWatcher watches with file events.
type eventWatcher struct {
	w      *fsnotify.Watcher
	out    chan []string
	settle time.Duration
	done   chan struct{}
}

// newEventWatcher watches dirs and every folder in them.
func newEventWatcher(ctx context.Context, dirs []string, settle time.Duration) (*eventWatcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	ew := &eventWatcher{w: w, out: make(chan []string), settle: settle, done: make(chan struct{})}
	for _, dir := range dirs {
		if _, err := ew.add(dir); err != nil {
			w.Close()
			return nil, err
		}
	}
	go ew.run(ctx)
	return ew, nil
}

// add watches dir and the folders in it, and returns the files in them.
func (ew *eventWatcher) add(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			return nil // gone already, or unreadable: the build says so
		}
		if p != dir && ignored(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			files = append(files, p)
			return nil
		}
		return ew.w.Add(p)
	})
	return files, err
}

// ignored reports whether a name is one the build never reads.
func ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~")
}

func (ew *eventWatcher) changes() <-chan []string { return ew.out }

func (ew *eventWatcher) close() {
	ew.w.Close()
	<-ew.done
}

// run gathers events into batches and sends each once the folders have
// been quiet for the settle window (or for at most maxSettle), holding
// what comes while a batch waits to be taken.
func (ew *eventWatcher) run(ctx context.Context) {
	defer close(ew.done)
	var (
		batch    []string
		unknown  bool             // events were lost: what changed is not known
		first    time.Time        // when the batch's first event came
		settling *time.Timer      // fires once the settle window has passed
		quiet    <-chan time.Time // settling's channel while the batch settles
		out      chan []string    // ew.out once the batch has settled, else nil
		send     []string         // the settled batch
	)
	settled := func() {
		quiet, out, send = nil, ew.out, nil
		if !unknown {
			slices.Sort(batch)
			batch = slices.Compact(batch)
			send = batch
		}
	}
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-ew.w.Events:
			if !ok {
				return
			}
			paths := ew.event(ev)
			if len(paths) == 0 {
				continue
			}
			batch = append(batch, paths...)
			now := time.Now()
			if first.IsZero() {
				first = now
			}
			wait := min(ew.settle, maxSettle-now.Sub(first))
			if settling == nil {
				settling = time.NewTimer(wait)
			} else {
				settling.Reset(wait)
			}
			quiet, out = settling.C, nil
		case err, ok := <-ew.w.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				unknown = true
				settled()
			}
		case <-quiet:
			settled()
		case out <- send:
			batch, unknown, first, out, send = nil, false, time.Time{}, nil, nil
		}
	}
}

// event returns the paths an event changes: none for one the build never
// reads or that changes nothing it reads (a file's mode), the files of a
// new folder, which is watched from now on.
func (ew *eventWatcher) event(ev fsnotify.Event) []string {
	if ignored(filepath.Base(ev.Name)) || ev.Op == fsnotify.Chmod {
		return nil
	}
	if ev.Op.Has(fsnotify.Create) {
		if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
			files, _ := ew.add(ev.Name)
			return append(files, ev.Name)
		}
	}
	return []string{ev.Name}
}

// pollWatcher looks for changes every interval.
type pollWatcher struct {
	dirs     []string
	interval time.Duration
	out      chan []string
	done     chan struct{}
	stop     context.CancelFunc
}

// stamp is what polling compares.
type stamp struct {
	size int64
	mod  time.Time
	mode fs.FileMode
}

func newPollWatcher(ctx context.Context, dirs []string, interval time.Duration) *pollWatcher {
	ctx, stop := context.WithCancel(ctx)
	pw := &pollWatcher{dirs: dirs, interval: interval, out: make(chan []string), done: make(chan struct{}), stop: stop}
	go pw.run(ctx, pw.look()) // what is there now: only what changes after is reported
	return pw
}

func (pw *pollWatcher) changes() <-chan []string { return pw.out }

func (pw *pollWatcher) close() {
	pw.stop()
	<-pw.done
}

func (pw *pollWatcher) run(ctx context.Context, last map[string]stamp) {
	defer close(pw.done)
	var batch []string
	t := time.NewTicker(pw.interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		now := pw.look()
		changed := diff(last, now)
		last = now
		if len(changed) > 0 {
			batch = append(batch, changed...)
			continue // wait for a look that finds nothing more
		}
		if len(batch) == 0 {
			continue
		}
		slices.Sort(batch)
		select {
		case pw.out <- slices.Compact(batch):
			batch = nil
		case <-ctx.Done():
			return
		}
	}
}

// look stamps every file under the watched folders.
func (pw *pollWatcher) look() map[string]stamp {
	files := map[string]stamp{}
	for _, dir := range pw.dirs {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if p != dir && ignored(d.Name()) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if info, err := d.Info(); err == nil {
				files[p] = stamp{info.Size(), info.ModTime(), info.Mode()}
			}
			return nil
		})
	}
	return files
}

// diff lists the files added, removed or changed between two looks.
func diff(before, after map[string]stamp) []string {
	var out []string
	for p, s := range after {
		if old, ok := before[p]; !ok || old != s {
			out = append(out, p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			out = append(out, p)
		}
	}
	return out
}
