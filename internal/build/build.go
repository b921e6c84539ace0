// Package build turns a content tree, layouts and static files into a
// complete static site.
//
// A build runs named steps in a fixed order: load (read and validate
// content: the pages, and the protocols and calendars they declare, with
// package content's Catalog, which `resolve plan` and `resolve audit` use
// alone; then the layouts and static files), assemble (URLs, sections, navigation and generated pages),
// render (each page's markdown, search entry and layout in one pass on a
// bounded worker pool, the page written minified into a fresh folder as
// soon as it is laid out; then the A to Z and the search index, and a
// check of every internal link and anchor) and write (the remaining files:
// static files, the sitemap, and what publish.go lists beside the pages,
// each in its own file: the Atom feed, the offline page, the service worker
// and _headers; then the fresh folder replaces the old output, only when
// everything succeeded). Every problem found is reported, each as
// `path:line: message`; any error fails the build. Identical input gives
// byte-identical output.
//
// Each kind of page's security policy is declared once, in policy.go:
// layouts write it into the page ({{.Page.CSP}}) and _headers sends it.
//
// What a build refuses, so that no pull request or flag can turn it
// against the site or the machine: inputs are read through os.Root
// (inputs.go, package inputfs) and content only as package content allows;
// a content file may not take a generated path (generated.go); base_url
// must stay on the site's host (baseurl.go); and the output folder must be
// new, empty or an earlier build, which the build marks (outdir.go), built
// in a locked work folder beside it that the next build cleans up after a
// stopped one (workdir.go).
//
// resolve serve builds with a Live (live.go): the same steps, keeping
// between builds what they made, so that after an edit only the pages whose
// inputs changed are rendered, and the output is updated in place; the
// package comment of live.go holds the model of what each page depends on.
// Its output is always byte for byte a clean build's.
package build

import (
	"errors"
	"io"
	"runtime"
	"time"

	"resolve/internal/diag"
	"resolve/internal/workday"
)

// Config says where a build reads and writes.
type Config struct {
	Content string       // content folder
	Layouts string       // layouts folder
	Static  string       // static files folder
	Out     string       // output folder; replaced only by a successful build
	BaseURL string       // overrides the home page's base_url when set: a path (/procedures/) or a full URL
	Today   workday.Date // the date the build is for: calendar pages, review warnings; zero means today
	Workers int          // render pool size; zero means the number of CPUs
	// Modules, when set, gives the WebAssembly modules the site carries
	// (see Modules). A build that writes a site with protocols calls it once,
	// before pages render, so the pages that run a module can name its files.
	Modules func() (*Modules, error)
	// Extra, when set, runs after the site (its modules included) is
	// written into the new folder and before it replaces the old output.
	// Only full builds run it: a live build's incremental builds keep
	// what it wrote, as they keep the modules (see hashOutput).
	Extra func(dir string) error
	Log   io.Writer // progress messages; nil for none
}

// Result describes a finished build or check.
type Result struct {
	Pages    int       // HTML pages
	Files    int       // files written
	Bytes    int64     // bytes written
	Warnings diag.List // warnings, which do not fail a build
	Took     time.Duration
	Steps    []Step // how long each step took, in order
	// For a live build (Live): the pages laid out (the others kept their
	// output), and whether the build replaced the output whole.
	Rendered int
	Full     bool
	// Changed are the addresses (base path included) of the pages whose
	// files an incremental live build wrote, sorted; nil for a full build.
	Changed []string
}

// Step is the time one step of a build took.
type Step struct {
	Name string
	Took time.Duration
}

// ErrUsage marks an error in how the build was asked for rather than in content.
var ErrUsage = errors.New("usage")

// usageError is an error in how the build was asked for: it is ErrUsage,
// but reads as its message alone.
type usageError struct{ msg string }

func (e *usageError) Error() string        { return e.msg }
func (e *usageError) Is(target error) bool { return target == ErrUsage }

// Build builds the site into cfg.Out. A returned diag.List holds every
// content problem; the old output is then left exactly as it was.
func Build(cfg Config) (*Result, error) {
	return run(cfg, true, nil, false)
}

// Check does everything a build does except writing the output.
func Check(cfg Config) (*Result, error) {
	return run(cfg, false, nil, false)
}

// run runs a build (write) or a check. For a live build (l not nil) it
// keeps what the next build needs, and when incremental it starts from the
// last good build and updates the output in place (live.go).
func run(cfg Config, write bool, l *Live, incremental bool) (res *Result, err error) {
	start := time.Now()
	if cfg.Today.IsZero() {
		cfg.Today = workday.Of(time.Now())
	}
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.NumCPU()
	}
	if _, _, err := ParseBaseURL(cfg.BaseURL); err != nil {
		return nil, &usageError{"--base-url: " + err.Error()}
	}
	if write && !incremental {
		if problems := checkOut(cfg); problems != nil {
			return nil, problems
		}
		for _, dir := range cleanStale(cfg.Out, start, processAlive) {
			if cfg.Log != nil {
				io.WriteString(cfg.Log, "removed "+dir+", which a stopped build left\n")
			}
		}
	}
	in, err := openInputs(cfg)
	if err != nil {
		return nil, err
	}
	defer in.close()
	if l != nil {
		in.cache = l.cache
		if incremental {
			in.changed = l.contentChanged
		}
	}
	res = &Result{}
	lap := start
	step := func(name string) {
		now := time.Now()
		res.Steps = append(res.Steps, Step{Name: name, Took: now.Sub(lap)})
		lap = now
	}
	s, problems := load(cfg, in)
	if s.home == nil || s.layouts == nil {
		return nil, problems
	}
	s.lv = l
	if !write {
		s.addressWarning(&problems)
	}
	if problems.Errors() > 0 {
		// Go on, to report every problem in one run, but set aside what
		// the problems make uncertain and keep nothing.
		s.dry = true
		s.setAsideProblems(problems)
	}
	s.checkPlaceholders(&problems, !write)
	if problems.Errors() > 0 {
		s.dry = true
	}
	if write && !s.dry {
		if incremental {
			// The modules change only with their Go sources, whose
			// changes make a full build (live.go).
			s.modules = l.state.modules
		} else if err := s.loadModules(); err != nil {
			return nil, err
		}
	}
	step("load")
	problems = append(problems, s.assemble()...)
	problems = append(problems, s.checkGenerated()...)
	step("assemble")
	if problems.Errors() > 0 {
		s.dry = true
	}
	if l != nil {
		if incremental {
			s.memo = l.newMemo()
			defer func() {
				if err != nil && s.memo.touched {
					l.forget()
				}
			}()
		} else {
			s.memo = &memo{next: map[string]*pageMemo{}}
		}
		if err := s.startLive(l, incremental); err != nil {
			return nil, err
		}
		step("plan")
	}
	if write && !s.dry {
		if incremental {
			if err := s.openInPlace(l.state); err != nil {
				return nil, err
			}
		} else if err := s.openOutput(); err != nil {
			return nil, err
		}
		defer s.out.discard(cfg.Out)
	}
	problems = append(problems, s.render()...)
	step("render")
	if s.memo != nil && s.memo.stale {
		return nil, errStale
	}
	if problems.Errors() > 0 {
		problems.Sort()
		return nil, problems
	}
	res.Warnings = append(problems, s.warnings...)
	res.Warnings.Sort()
	res.Pages = s.htmlPages()
	if write {
		var files int
		var n int64
		var err error
		if incremental {
			files, n, res.Changed, err = s.writeInPlace(l)
		} else {
			files, n, err = s.write()
		}
		if err != nil {
			return nil, err
		}
		res.Files, res.Bytes = files, n
		step("write")
	}
	if s.memo != nil {
		res.Rendered = int(s.memo.rendered.Load())
		res.Full = !incremental
		if write {
			l.commit(s)
		}
	}
	res.Took = time.Since(start)
	return res, nil
}
