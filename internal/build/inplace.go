package build

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"time"
)

// An incremental live build (live.go) updates the output folder where it
// is, once everything has rendered and every link checked: it writes each
// file whose bytes changed, removes each file no longer made, then writes
// the service worker, _headers and the mark of a build, whose list of
// top-level names must follow what the folder holds (outdir.go). A file is
// written in a work folder beside the output (workdir.go, locked as a
// build's is) and renamed over the old one, so a reader never gets half a
// page. Pages are kept in memory until then (emit), so a failed build
// writes nothing.

// openInPlace readies an incremental build to write into the output
// folder, recording into the last build's recorder.
func (s *site) openInPlace(st *liveState) error {
	work, err := newWorkDir(s.cfg.Out, time.Now())
	if err != nil {
		return err
	}
	s.out = &output{work: work, dir: s.cfg.Out, m: newMinifier(), rec: st.rec, inPlace: true}
	s.written = st.rec
	return nil
}

// writeInPlace finishes an incremental build in the output folder, in
// two steps. First the pages rendered again whose bytes changed, which is
// all a reader of the edited page needs: then Live.Pages is told them (the
// server reloads the browsers). Then what is made from every page: the
// search index, merged with the pages rendered again, the sitemap, the
// feed and the offline page, the content files that changed, the removal
// of what is no longer made, and last the service worker, _headers and the
// mark. It returns the addresses of the pages whose files it wrote, sorted.
func (s *site) writeInPlace(l *Live) (files int, bytes int64, changed []string, err error) {
	st := l.state
	s.memo.touched = true
	rec, dir := s.out.rec, s.out.dir
	var jobs []func() error
	var mu sync.Mutex
	for _, p := range s.pages {
		if p.kept || p == s.azLate {
			continue
		}
		jobs = append(jobs, func() error {
			wrote, err := s.out.replace(filepath.ToSlash(outPath(p.url)), "text/html", p.html)
			if wrote {
				mu.Lock()
				changed = append(changed, s.url(p.url))
				mu.Unlock()
			}
			return err
		})
	}
	if err := s.runJobs(jobs); err != nil {
		return 0, 0, nil, err
	}
	slices.Sort(changed)
	if changed == nil {
		changed = []string{}
	}
	if l.Pages != nil {
		l.Pages(changed)
	}
	if p := s.azLate; p != nil {
		s.fillAZ()
		if problems := s.layOut(p); len(problems) > 0 {
			return 0, 0, nil, problems
		}
		wrote, err := s.out.replace(filepath.ToSlash(outPath(p.url)), "text/html", p.html)
		if err != nil {
			return 0, 0, nil, err
		}
		if wrote {
			changed = append(changed, s.url(p.url))
			slices.Sort(changed)
		}
	}

	if s.search != nil && s.hasSearch() {
		if err := s.search.complete(s); err != nil {
			return 0, 0, nil, err
		}
		if s.memo.stale {
			return 0, 0, nil, errStale
		}
	}
	s.addFeeds()
	// No Extra: the modules, and whatever a caller's Extra wrote, stay as the
	// last full build left them (their sources' changes make a full build).
	s.cfg.Extra = nil
	if err := s.addPublishing(); err != nil {
		return 0, 0, nil, err
	}
	want := map[string]bool{}
	for _, p := range s.pages {
		want[filepath.ToSlash(outPath(p.url))] = true
	}
	for _, f := range s.files {
		want[f.path] = true
	}
	for _, a := range s.tree.Assets {
		want[a] = true
	}
	if s.search != nil {
		for name := range s.search.sizes {
			want[searchDir+name] = true
		}
	}
	for name := range rec.extra { // the modules, written by the last full build
		want[name] = true
	}
	if err := rec.removeExcept(dir, want); err != nil {
		return 0, 0, nil, err
	}
	jobs = nil
	for _, p := range s.pages {
		if p.url == offlinePath { // made by addPublishing
			jobs = append(jobs, func() error {
				_, err := s.out.replace(filepath.ToSlash(outPath(p.url)), "text/html", p.html)
				return err
			})
		}
	}
	for _, f := range s.files {
		jobs = append(jobs, func() error {
			_, err := s.out.replace(f.path, f.mime, f.data)
			return err
		})
	}
	s.assetStamps = map[string]assetStamp{}
	for _, a := range s.tree.Assets {
		jobs = append(jobs, func() error { return s.copyAsset(a, st, l.dirty) })
	}
	if err := s.runJobs(jobs); err != nil {
		return 0, 0, nil, err
	}
	if err := s.cfg.Extra(dir); err != nil {
		return 0, 0, nil, err
	}
	if err := writeMarker(dir); err != nil {
		return 0, 0, nil, err
	}
	for _, f := range rec.files {
		bytes += f.size
	}
	return len(rec.files), bytes, changed, nil
}

// azAfterPages reports whether an incremental build may lay out the A to
// Z page p after writing the other pages, so that a long A to Z (a 10,000
// page manual's is 7 MB) does not keep the edited page from the browser:
// when no link needs its anchors checked, and its layout, unchanged since
// the last build, laid it out then (so a layout error cannot wait until
// the pages are written). A build with problems writes nothing and lays it
// out as any build does, to report every problem.
func (s *site) azAfterPages(p *page) bool {
	if !s.memo.incremental() || s.dry || s.lv.state.layouts[p.kind] != s.layouts.keys[p.kind] {
		return false
	}
	for _, q := range s.pages {
		for _, r := range q.links {
			if r.url == p.url && r.anchor != "" {
				return false
			}
		}
	}
	return true
}

// copyAsset copies a content file to the output unless the copy there is
// of the same file: the same size and time, and no event named it since.
func (s *site) copyAsset(a string, st *liveState, dirty map[string]bool) error {
	info, err := fs.Stat(s.in.content.FS, a)
	if err != nil {
		return errors.New(path.Join(s.in.content.Name, a) + ": " + err.Error())
	}
	stamp := assetStamp{size: info.Size(), mod: info.ModTime()}
	s.stampMu.Lock()
	s.assetStamps[a] = stamp
	s.stampMu.Unlock()
	s.out.rec.mu.Lock()
	_, there := s.out.rec.files[a]
	s.out.rec.mu.Unlock()
	if old, ok := st.assets[a]; ok && there && dirty != nil && !dirty[a] && old.size == stamp.size && old.mod.Equal(stamp.mod) {
		return nil
	}
	data, err := s.in.readAsset(a)
	if err != nil {
		return errors.New(path.Join(s.in.content.Name, a) + ": " + err.Error())
	}
	_, err = s.out.replace(a, "", data)
	return err
}

// stampAsset notes the size and time a content file had when a full live
// build copied it.
func (s *site) stampAsset(a string) {
	if s.memo == nil {
		return
	}
	info, err := fs.Stat(s.in.content.FS, a)
	if err != nil {
		return // copied again next time
	}
	s.stampMu.Lock()
	if s.assetStamps == nil {
		s.assetStamps = map[string]assetStamp{}
	}
	s.assetStamps[a] = assetStamp{size: info.Size(), mod: info.ModTime()}
	s.stampMu.Unlock()
}

// replace writes data, minified as mime if set, to rel in the output
// folder, unless the file there holds those bytes already, and reports
// whether it wrote.
func (o *output) replace(rel, mime string, data []byte) (bool, error) {
	name := filepath.Join(o.dir, filepath.FromSlash(rel))
	out := data
	if mime != "" {
		var buf bytes.Buffer
		if err := o.m.Minify(mime, &buf, bytes.NewBuffer(data)); err != nil {
			return false, &minifyError{file: name, err: err}
		}
		out = buf.Bytes()
	}
	f := writtenFile{size: int64(len(out)), sum: sha256.Sum256(out)}
	o.rec.mu.Lock()
	old, ok := o.rec.files[rel]
	o.rec.mu.Unlock()
	if ok && old == f {
		return false, nil
	}
	tmp := filepath.Join(o.work.dir, "w"+strconv.FormatInt(o.temps.Add(1), 10))
	if err := os.WriteFile(tmp, out, 0o644); err != nil {
		return false, err
	}
	err := os.Rename(tmp, name)
	if errors.Is(err, fs.ErrNotExist) {
		if err = os.MkdirAll(filepath.Dir(name), 0o755); err == nil {
			err = os.Rename(tmp, name)
		}
	}
	if err != nil {
		return false, err
	}
	o.rec.mu.Lock()
	o.rec.files[rel] = f
	o.rec.mu.Unlock()
	return true, nil
}

// removeExcept removes every file the recorder holds that want does not,
// with the folders it leaves empty.
func (r *recorder) removeExcept(dir string, want map[string]bool) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	for rel := range r.files {
		if want[rel] {
			continue
		}
		if err := os.Remove(filepath.Join(dir, filepath.FromSlash(rel))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		delete(r.files, rel)
		for d := path.Dir(rel); d != "."; d = path.Dir(d) {
			if os.Remove(filepath.Join(dir, filepath.FromSlash(d))) != nil {
				break // not empty
			}
		}
	}
	return nil
}
