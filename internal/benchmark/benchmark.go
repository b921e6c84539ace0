// Package benchmark measures resolve's build against Hugo's on the same
// generated manual of plain markdown pages, both minifying, and prints
// the times, their ratio, time per page and peak memory.
//
// Each tool runs as a separate process so peak memory (the child's maximum
// resident set) is comparable. The comparison is of the same work: both
// tools build with the same minimal layouts (pages, sections, a home page,
// 404). resolve is also timed doing more than Hugo does, so its cost is
// seen too: with a search page, and so the search index and the A to Z
// (and what they add to the build is printed on its own), and with the
// repository's full layouts and static files.
package benchmark

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"resolve/internal/wasmbuild"
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
	Took     time.Duration
	CPU      time.Duration // user and system time of the fastest run
	LeastCPU time.Duration // the least user and system time of any run
	MaxRSS   int64         // bytes
}

// Run generates each manual, builds it with both tools and prints a table.
func Run(ctx context.Context, cfg Config, w io.Writer) error {
	if cfg.Runs <= 0 {
		cfg.Runs = 5
	}
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
	// Every build writes to a new, empty folder, and no output is deleted
	// until the end: on ext4, making files just after deleting thousands
	// is several times slower (new inodes skip recently deleted ones), and
	// that would measure the disk, not the tools.
	outs := filepath.Join(dir, "out")
	os.RemoveAll(outs)
	defer os.RemoveAll(outs)
	builds := 0
	out := func(tool string) string {
		builds++
		return filepath.Join(outs, tool+"-"+strconv.Itoa(builds))
	}
	var perPage []float64
	var adds []string // what search adds, a line a size
	for _, n := range cfg.Sizes {
		manual := filepath.Join(dir, "manual-"+strconv.Itoa(n))
		if err := Generate(manual, n); err != nil {
			return err
		}
		resolve := func(layouts, static string) func() *exec.Cmd {
			return func() *exec.Cmd {
				return exec.CommandContext(ctx, bin, "build",
					"--content", filepath.Join(manual, "content"),
					"--layouts", layouts, "--static", static,
					"--out", out("resolve"))
			}
		}
		hugoBuild := func() *exec.Cmd {
			return exec.CommandContext(ctx, hugo, "--minify", "--quiet", "--source", filepath.Join(manual, "hugo"),
				"--contentDir", filepath.Join(manual, "content"), "--destination", out("hugo"))
		}
		got, err := best(ctx, cfg.Runs, []func() *exec.Cmd{
			resolve(filepath.Join(manual, "resolve", "layouts"), filepath.Join(manual, "resolve", "static")),
			hugoBuild,
			resolve(filepath.Join(manual, "resolve", "layouts-search"), filepath.Join(manual, "resolve", "static")),
			resolve(filepath.Join(root, "layouts"), filepath.Join(root, "static")),
		})
		if err != nil {
			return fmt.Errorf("building %d pages: %w", n, err)
		}
		r, h, searching, full := got[0], got[1], got[2], got[3]
		us := float64(r.Took.Microseconds()) / float64(n)
		perPage = append(perPage, us)
		ratio := func(m Measure) string { return strconv.FormatFloat(float64(m.Took)/float64(h.Took), 'f', 2, 64) }
		io.WriteString(w, pad(strconv.Itoa(n), 8)+pad(ms(r.Took), 11)+pad(ms(h.Took), 11)+pad(ratio(r), 8)+
			pad(ms(r.CPU)+" / "+ms(h.CPU), 21)+
			pad(strconv.FormatFloat(us, 'f', 0, 64), 10)+pad(mb(r.MaxRSS)+" / "+mb(h.MaxRSS), 17)+
			pad(ms(searching.Took)+" ("+ratio(searching)+")", 18)+ms(full.Took)+"\n")
		adds = append(adds, pad(strconv.Itoa(n), 8)+pad(more(r.Took, searching.Took), 22)+more(r.LeastCPU, searching.LeastCPU)+"\n")
	}
	io.WriteString(w, "\nWhat search (its index and the A to Z) adds to resolve's build, against the build without it\n")
	io.WriteString(w, "(wall: fastest runs; CPU: least user and system time of any run)\n\n")
	io.WriteString(w, pad("pages", 8)+pad("wall", 22)+"CPU\n")
	for _, l := range adds {
		io.WriteString(w, l)
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

// more says how much longer after is than before: "+1234 ms (+41%)".
func more(before, after time.Duration) string {
	pct := 0.0
	if before > 0 {
		pct = 100 * float64(after-before) / float64(before)
	}
	sign := "+"
	if after < before {
		sign = "" // ms writes the minus
	}
	return sign + ms(after-before) + " (" + sign + strconv.FormatFloat(pct, 'f', 0, 64) + "%)"
}

func ms(d time.Duration) string { return strconv.FormatInt(d.Milliseconds(), 10) + " ms" }

func mb(b int64) string { return strconv.FormatInt(b>>20, 10) + " MB" }

// best runs each command several times, taking turns so that a slow
// spell of the machine does not fall on one tool, and keeps each one's
// fastest run. Before every run it flushes the file systems' pending
// writes (sync), so no run pays for the one before.
func best(ctx context.Context, runs int, cmds []func() *exec.Cmd) ([]Measure, error) {
	out := make([]Measure, len(cmds))
	for i := 0; i < runs; i++ {
		for j, cmd := range cmds {
			c := cmd()
			var stderr strings.Builder
			c.Stderr = &stderr
			syscall.Sync()
			start := time.Now()
			if err := c.Run(); err != nil {
				return nil, fmt.Errorf("%s: %w: %s", strings.Join(c.Args, " "), err, stderr.String())
			}
			took := time.Since(start)
			var rss int64
			cpu := c.ProcessState.UserTime() + c.ProcessState.SystemTime()
			if ru, ok := c.ProcessState.SysUsage().(*syscall.Rusage); ok {
				rss = ru.Maxrss * 1024 // Linux reports kilobytes
			}
			m := &out[j]
			if i == 0 || took < m.Took {
				m.Took, m.CPU = took, cpu
			}
			if i == 0 || cpu < m.LeastCPU {
				m.LeastCPU = cpu
			}
			m.MaxRSS = max(m.MaxRSS, rss)
		}
	}
	return out, nil
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
				return "", fmt.Errorf("installing hugo with apt-get failed: %w", err)
			}
		}
		return exec.LookPath("hugo")
	}
	return "", errors.New("hugo is not installed: run apt-get install hugo (as root) and try again")
}
