package benchmark

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"resolve/internal/build"
	"resolve/internal/server"
	"resolve/internal/wasmbuild"
)

// Live measures the editing loop of resolve serve on the generated
// manuals, served with the repository's own layouts and static files as an
// editor sees them: the time from a page being saved (its file written) to
// the reload event reaching the event stream of a browser tab showing it, for an edit of a
// page's text and for an edit of its title (which also changes its
// section's list, its neighbours and the A to Z), with the server's own
// file watching, settle window and incremental build; and the memory the
// server holds between builds (the Go heap in use after a collection). The
// server runs in this process, as resolve serve runs it (server.Run).
func Live(ctx context.Context, cfg Config, w io.Writer) error {
	if len(cfg.Sizes) == 0 {
		cfg.Sizes = []int{1000, 10000}
	}
	root, err := wasmbuild.Root()
	if err != nil {
		return err
	}
	dir, err := filepath.Abs(cfg.Dir)
	if err != nil {
		return err
	}
	io.WriteString(w, "\nresolve serve: from saving a page to the reload event, in "+dir+" ("+strconv.Itoa(runtime.NumCPU())+" CPUs)\n")
	io.WriteString(w, "median (fastest-slowest) of "+strconv.Itoa(liveEdits)+" saves each; CPU: user and system time from save to reload, steadier than\n")
	io.WriteString(w, "wall time on a busy machine; build: the whole rebuild, which goes on after the reload; heap: in use between builds, after a collection\n\n")
	io.WriteString(w, pad("pages", 8)+pad("first build", 13)+pad("text edit", 22)+pad("CPU", 9)+pad("build", 9)+pad("title edit", 22)+pad("CPU", 9)+pad("build", 9)+"heap\n")
	for _, n := range cfg.Sizes {
		manual := filepath.Join(dir, "manual-"+strconv.Itoa(n))
		if err := Generate(manual, n); err != nil {
			return err
		}
		r, err := measureLive(ctx, manual, root, filepath.Join(dir, "serve-"+strconv.Itoa(n)))
		if err != nil {
			return fmt.Errorf("serving %d pages: %w", n, err)
		}
		io.WriteString(w, pad(strconv.Itoa(n), 8)+pad(ms(r.first), 13)+
			pad(spread(r.text), 22)+pad(ms(median(r.textCPU)), 9)+pad(ms(median(r.textBuild)), 9)+
			pad(spread(r.title), 22)+pad(ms(median(r.titleCPU)), 9)+pad(ms(median(r.titleBuild)), 9)+
			mb(int64(r.heap))+"\n")
	}
	return nil
}

// liveEdits is how many saves of each kind are timed.
const liveEdits = 9

// liveResult is one manual's figures.
type liveResult struct {
	first                       time.Duration
	text, textCPU, textBuild    []time.Duration
	title, titleCPU, titleBuild []time.Duration
	heap                        uint64
}

// cpuTime is the user and system time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func measureLive(ctx context.Context, manual, root, out string) (*liveResult, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	os.RemoveAll(out)
	defer os.RemoveAll(out)
	content := filepath.Join(manual, "content")
	cfg := build.Config{Content: content, Layouts: filepath.Join(root, "layouts"), Static: filepath.Join(root, "static"), Out: out}
	ready := make(chan string, 1)
	builds := make(chan *build.Result, 1)
	done := make(chan error, 1)
	go func() {
		done <- server.Run(ctx, server.Config{
			Build: cfg, Addr: "127.0.0.1:0", Watch: []string{cfg.Content, cfg.Layouts, cfg.Static},
			Ready: func(a string) { ready <- a },
			Built: func(r *build.Result, err error) {
				if err != nil {
					r = nil
				}
				select {
				case builds <- r:
				default:
				}
			},
		})
	}()
	res := &liveResult{}
	var addr string
	select {
	case first := <-builds:
		if first == nil {
			return nil, errors.New("the first build failed")
		}
		res.first = first.Took
	case err := <-done:
		return nil, err
	}
	select {
	case addr = <-ready:
	case err := <-done:
		return nil, err
	}
	// A tab showing the page that is edited, as reload.js connects.
	stream, err := http.Get("http://" + addr + "/_resolve/events?page=/section-5/page-50/")
	if err != nil {
		return nil, err
	}
	defer stream.Body.Close()
	events := bufio.NewReader(stream.Body)
	if line, err := events.ReadString('\n'); err != nil || !strings.HasPrefix(line, ": connected") {
		return nil, fmt.Errorf("the event stream did not connect: %q %v", line, err)
	}
	page := filepath.Join(content, "section-5", "page-50.md")
	orig, err := os.ReadFile(page)
	if err != nil {
		return nil, err
	}
	defer os.WriteFile(page, orig, 0o644)
	// One edit of each kind first, not timed: the first build after the
	// full one reads what it keeps for the next.
	edits := []struct {
		times, cpu, builds *[]time.Duration
		text               func(i int) string
	}{
		{&res.text, &res.textCPU, &res.textBuild, func(i int) string {
			return string(orig) + "\nA sentence added while editing, number " + strconv.Itoa(i) + ".\n"
		}},
		{&res.title, &res.titleCPU, &res.titleBuild, func(i int) string {
			return strings.Replace(string(orig), "title: Procedure 5.50", "title: Procedure 5.50, edit "+strconv.Itoa(i), 1)
		}},
	}
	for _, e := range edits {
		for i := 0; i <= liveEdits; i++ {
			if err := os.WriteFile(page, []byte(e.text(i)), 0o644); err != nil {
				return nil, err
			}
			saved, cpu := time.Now(), cpuTime()
			data, err := nextReload(events)
			if err != nil {
				return nil, err
			}
			took, used := time.Since(saved), cpuTime()-cpu
			var r *build.Result
			select {
			case r = <-builds:
			case <-time.After(time.Minute):
			}
			if r == nil || !strings.Contains(data, "/section-5/page-50/") {
				return nil, fmt.Errorf("the build after an edit failed or did not write the page: %s", data)
			}
			if i == 0 {
				continue
			}
			*e.times = append(*e.times, took)
			*e.cpu = append(*e.cpu, used)
			*e.builds = append(*e.builds, r.Took)
		}
	}
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	res.heap = m.HeapInuse
	cancel()
	<-done
	return res, nil
}

// nextReload reads the event stream up to the next reload event and
// returns its data.
func nextReload(r *bufio.Reader) (string, error) {
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return "", err
		}
		if strings.TrimSpace(line) != "event: reload" {
			continue
		}
		data, err := r.ReadString('\n')
		return strings.TrimSpace(strings.TrimPrefix(data, "data: ")), err
	}
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// spread writes the median, fastest and slowest.
func spread(ds []time.Duration) string {
	return ms(median(ds)) + " (" + strconv.FormatInt(slices.Min(ds).Milliseconds(), 10) + "-" + strconv.FormatInt(slices.Max(ds).Milliseconds(), 10) + ")"
}
