// Package benchmark measures resolve's build against Hugo's on the same
// generated manual of plain markdown pages, both minifying, and prints
// the times, their ratio, time per page and peak memory.
//
// Each tool runs as a separate process so peak memory (the child's maximum
// resident set) is comparable. The comparison is of the same work: both
// tools build with the same minimal layouts (pages, sections, a home page,
// 404). resolve is also timed doing more than Hugo does, so its cost is
// seen too: with a search page, and so the search index and the A to Z,
// and with the repository's full layouts and static files.
package benchmark

import (
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Config says what to measure.
type Config struct {
	Dir   string // working folder
	Runs  int    // builds of each size; the fastest counts
	Sizes []int  // page counts
}

// SetSizes parses "1000,10000".
func (c *Config) SetSizes(v string) error {
	c.Sizes = nil
	for _, s := range strings.Split(v, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 10 {
			return errors.New("sizes are page counts of at least 10")
		}
		c.Sizes = append(c.Sizes, n)
	}
	return nil
}

// Measure is one tool's best build of one manual.
type Measure struct {
	Took   time.Duration
	CPU    time.Duration // user and system time of the fastest run
	MaxRSS int64         // bytes
}

// Run generates each manual, builds it with both tools and prints a table.
func Run(ctx context.Context, cfg Config, w io.Writer) error {
	if cfg.Runs <= 0 {
		cfg.Runs = 3
	}
	if len(cfg.Sizes) == 0 {
		cfg.Sizes = []int{1000, 10000}
	}
	root, err := repoRoot()
	if err != nil {
		return err
	}
	dir, err := filepath.Abs(cfg.Dir)
	if err != nil {
		return err
	}
	bin := filepath.Join(dir, "resolve")
	if err := goBuild(ctx, root, bin); err != nil {
		return err
	}
	hugo, err := findHugo()
	if err != nil {
		return err
	}
	hugoVersion, _ := exec.CommandContext(ctx, hugo, "version").Output()
	io.WriteString(w, "Build time: resolve against "+strings.TrimSpace(string(hugoVersion))+"\n")
	io.WriteString(w, "best of "+strconv.Itoa(cfg.Runs)+" builds, "+strconv.Itoa(runtime.NumCPU())+" CPUs, both minifying\n\n")
	io.WriteString(w, "resolve, hugo: the same minimal layouts, the same work\n")
	io.WriteString(w, "+search: resolve also writing its search index and A to Z (work Hugo does not do), and its ratio to Hugo\n")
	io.WriteString(w, "site: resolve with this repository's full layouts and static files\n")
	io.WriteString(w, "CPU: user and system time of the same fastest run, steadier than wall time on a busy machine\n\n")
	io.WriteString(w, pad("pages", 8)+pad("resolve", 11)+pad("hugo", 11)+pad("ratio", 8)+pad("CPU", 21)+pad("µs/page", 10)+pad("RSS", 17)+pad("+search", 18)+"site\n")
	var perPage []float64
	for _, n := range cfg.Sizes {
		manual := filepath.Join(dir, "manual-"+strconv.Itoa(n))
		if err := Generate(manual, n); err != nil {
			return err
		}
		resolve := func(layouts, static string) (Measure, error) {
			return best(ctx, cfg.Runs, func() *exec.Cmd {
				// Both tools start from an empty output folder.
				os.RemoveAll(filepath.Join(manual, "resolve-out"))
				return exec.CommandContext(ctx, bin, "build",
					"--content", filepath.Join(manual, "content"),
					"--layouts", layouts, "--static", static,
					"--out", filepath.Join(manual, "resolve-out"))
			})
		}
		r, err := resolve(filepath.Join(manual, "resolve", "layouts"), filepath.Join(manual, "resolve", "static"))
		if err != nil {
			return errors.New("resolve build of " + strconv.Itoa(n) + " pages: " + err.Error())
		}
		searching, err := resolve(filepath.Join(manual, "resolve", "layouts-search"), filepath.Join(manual, "resolve", "static"))
		if err != nil {
			return errors.New("resolve build of " + strconv.Itoa(n) + " pages with search: " + err.Error())
		}
		full, err := resolve(filepath.Join(root, "layouts"), filepath.Join(root, "static"))
		if err != nil {
			return errors.New("resolve build of " + strconv.Itoa(n) + " pages with the site's layouts: " + err.Error())
		}
		h, err := best(ctx, cfg.Runs, func() *exec.Cmd {
			os.RemoveAll(filepath.Join(manual, "hugo-out"))
			return exec.CommandContext(ctx, hugo, "--minify", "--quiet", "--source", filepath.Join(manual, "hugo"),
				"--contentDir", filepath.Join(manual, "content"), "--destination", filepath.Join(manual, "hugo-out"))
		})
		if err != nil {
			return errors.New("hugo build of " + strconv.Itoa(n) + " pages: " + err.Error())
		}
		us := float64(r.Took.Microseconds()) / float64(n)
		perPage = append(perPage, us)
		ratio := func(m Measure) string { return strconv.FormatFloat(float64(m.Took)/float64(h.Took), 'f', 2, 64) }
		io.WriteString(w, pad(strconv.Itoa(n), 8)+pad(ms(r.Took), 11)+pad(ms(h.Took), 11)+pad(ratio(r), 8)+
			pad(ms(r.CPU)+" / "+ms(h.CPU), 21)+
			pad(strconv.FormatFloat(us, 'f', 0, 64), 10)+pad(mb(r.MaxRSS)+" / "+mb(h.MaxRSS), 17)+
			pad(ms(searching.Took)+" ("+ratio(searching)+")", 18)+ms(full.Took)+"\n")
	}
	if len(perPage) > 1 {
		io.WriteString(w, "\nTime per page from the smallest to the largest manual: "+
			strconv.FormatFloat(perPage[len(perPage)-1]/perPage[0], 'f', 2, 64)+"x (1.00 is perfectly linear)\n")
	}
	return nil
}

func pad(s string, n int) string {
	for len([]rune(s)) < n {
		s += " "
	}
	return s
}

func ms(d time.Duration) string { return strconv.FormatInt(d.Milliseconds(), 10) + " ms" }

func mb(b int64) string { return strconv.FormatInt(b>>20, 10) + " MB" }

// best runs a command several times and keeps the fastest run.
func best(ctx context.Context, runs int, cmd func() *exec.Cmd) (Measure, error) {
	var out Measure
	for i := 0; i < runs; i++ {
		c := cmd()
		var stderr strings.Builder
		c.Stderr = &stderr
		start := time.Now()
		if err := c.Run(); err != nil {
			return out, errors.New(err.Error() + ": " + stderr.String())
		}
		took := time.Since(start)
		var rss int64
		cpu := c.ProcessState.UserTime() + c.ProcessState.SystemTime()
		if ru, ok := c.ProcessState.SysUsage().(*syscall.Rusage); ok {
			rss = ru.Maxrss * 1024 // Linux reports kilobytes
		}
		if i == 0 || took < out.Took {
			out.Took, out.CPU = took, cpu
		}
		if rss > out.MaxRSS {
			out.MaxRSS = rss
		}
	}
	return out, nil
}

func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("run from inside the repository")
		}
		dir = parent
	}
}

func goBuild(ctx context.Context, root, out string) error {
	c := exec.CommandContext(ctx, "go", "build", "-o", out, "./cmd/resolve")
	c.Dir = root
	c.Stderr = os.Stderr
	return c.Run()
}

// findHugo finds Hugo, installing Debian's package when it is missing and
// this is root, as the test set-up does for Chromium.
func findHugo() (string, error) {
	if p, err := exec.LookPath("hugo"); err == nil {
		return p, nil
	}
	if os.Geteuid() == 0 {
		for _, args := range [][]string{{"update", "-qq"}, {"install", "-y", "-qq", "hugo"}} {
			c := exec.Command("apt-get", args...)
			c.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
			if err := c.Run(); err != nil {
				return "", errors.New("installing hugo with apt-get failed: " + err.Error())
			}
		}
		return exec.LookPath("hugo")
	}
	return "", errors.New("hugo is not installed: run apt-get install hugo (as root) and try again")
}
