// Package cli is the resolve command line: it parses each subcommand's
// flags and calls the package that does the work. Exit codes: 0 success,
// 1 a problem in content or input (printed as path:line: message), 2 a
// usage error.
package cli

import (
	"context"
	"errors"
	"flag"
	"io"
	"os"
	"strconv"
	"strings"

	"resolve/internal/build"
	"resolve/internal/diag"
)

// Exit codes.
const (
	OK     = 0
	Failed = 1
	Usage  = 2
)

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"build", "build the site into a folder", runBuild},
		{"check", "validate the content without writing anything", runCheck},
		{"serve", "build, serve on localhost, rebuild and reload on every change", runServe},
		{"plan", "print the due date of every stage of a protocol", runPlan},
		{"audit", "summarise audit returns and saved records", runAudit},
		{"new", "create a new protocol folder with a complete, commented start", runNew},
		{"version", "print resolve's version and the WebAssembly modules it carries", runVersion},
	}
}

// Run runs the command line args and returns the exit code.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return Usage
	}
	name := args[0]
	if name == "--version" || name == "-version" {
		name = "version"
	}
	if name == "help" || name == "-h" || name == "--help" || name == "-help" {
		if len(args) > 1 {
			for _, c := range commands() {
				if c.name == args[1] {
					return c.run(ctx, []string{"-h"}, stdout, stdout)
				}
			}
		}
		usage(stdout)
		return OK
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	io.WriteString(stderr, "resolve: unknown command "+strconv.Quote(name)+"\n\n")
	usage(stderr)
	return Usage
}

func usage(w io.Writer) {
	var b strings.Builder
	b.WriteString("resolve publishes escalation procedures for resolving professional\ndisagreements about a child's safety, as a static site.\n\nUsage:\n  resolve <command> [flags]\n\nCommands:\n")
	for _, c := range commands() {
		b.WriteString("  " + c.name + strings.Repeat(" ", 8-len(c.name)) + c.summary + "\n")
	}
	b.WriteString("\nRun \"resolve help <command>\" or \"resolve <command> -h\" for a command's flags.\n")
	io.WriteString(w, b.String())
}

// flags makes a FlagSet that prints its usage with a one-line synopsis.
func flags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		io.WriteString(stderr, "Usage: resolve "+name+" "+synopsis+"\n\nFlags:\n")
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags and reports the exit code to return, if any.
func parse(fs *flag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return OK, true
		}
		return Usage, true
	}
	if fs.NArg() > 0 && fs.Name() != "audit" && fs.Name() != "new" {
		io.WriteString(fs.Output(), "resolve "+fs.Name()+": unexpected argument "+strconv.Quote(fs.Arg(0))+"\n")
		fs.Usage()
		return Usage, true
	}
	return 0, false
}

// siteFlags are the flags of build, check and serve.
type siteFlags struct {
	content, layouts, static, out, baseURL string
}

func (f *siteFlags) register(fs *flag.FlagSet, out bool) {
	fs.StringVar(&f.content, "content", "content", "the content `folder`")
	fs.StringVar(&f.layouts, "layouts", "layouts", "the layouts `folder`")
	fs.StringVar(&f.static, "static", "static", "the static files `folder`")
	if out {
		fs.StringVar(&f.out, "out", "site", "the output `folder`: a successful build replaces it whole, so it must be new, empty or an earlier build (never the repository, your home or an input folder)")
	}
	fs.StringVar(&f.baseURL, "base-url", "", "where the site is served, as a path (/procedures/) or a full `URL`; default: the home page's base_url")
}

func (f *siteFlags) config() build.Config {
	return build.Config{Content: f.content, Layouts: f.layouts, Static: f.static, Out: f.out, BaseURL: f.baseURL}
}

// report prints problems one a line, as GitHub annotations under GitHub
// Actions, and returns the exit code for err.
func report(err error, warnings diag.List, stderr io.Writer) int {
	github := os.Getenv("GITHUB_ACTIONS") == "true"
	print := func(p diag.Problem) {
		if github {
			io.WriteString(stderr, p.GitHub()+"\n")
		}
		io.WriteString(stderr, p.String()+"\n")
	}
	for _, w := range warnings {
		print(w)
	}
	if err == nil {
		return OK
	}
	var list diag.List
	if errors.As(err, &list) {
		for _, p := range list {
			print(p)
		}
		io.WriteString(stderr, strconv.Itoa(list.Errors())+" "+plural(list.Errors(), "problem")+": nothing was written\n")
		return Failed
	}
	io.WriteString(stderr, "resolve: "+err.Error()+"\n")
	if errors.Is(err, build.ErrUsage) {
		return Usage
	}
	return Failed
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
