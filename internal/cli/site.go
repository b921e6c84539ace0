package cli

import (
	"context"
	"io"
	"strconv"
	"time"

	"resolve/internal/build"
	"resolve/internal/diag"
	"resolve/internal/server"
)

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f siteFlags
	fs := flags("build", "[--content content] [--layouts layouts] [--static static] [--out site] [--base-url /]", stderr)
	f.register(fs, true)
	timings := fs.Bool("timings", false, "print how long each step of the build took")
	if code, done := parse(fs, args); done {
		return code
	}
	cfg := f.config()
	cfg.Extra = wasmStep(ctx)
	res, err := build.Build(cfg)
	if res != nil && *timings {
		for _, st := range res.Steps {
			io.WriteString(stdout, st.Name+"\t"+st.Took.Round(time.Millisecond).String()+"\n")
		}
	}
	var warnings = warningsOf(res)
	if code := report(err, warnings, stderr); code != OK {
		return code
	}
	io.WriteString(stdout, "built "+strconv.Itoa(res.Pages)+" pages ("+strconv.Itoa(res.Files)+" files, "+strconv.FormatInt(res.Bytes/1024, 10)+" KB) into "+f.out+" in "+res.Took.Round(time.Millisecond).String()+"\n")
	return OK
}

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f siteFlags
	fs := flags("check", "[--content content] [--layouts layouts] [--static static]", stderr)
	f.register(fs, false)
	if code, done := parse(fs, args); done {
		return code
	}
	res, err := build.Check(f.config())
	if code := report(err, warningsOf(res), stderr); code != OK {
		return code
	}
	msg := "checked " + strconv.Itoa(res.Pages) + " pages: no problems"
	if n := len(res.Warnings); n > 0 {
		msg = "checked " + strconv.Itoa(res.Pages) + " pages: " + strconv.Itoa(n) + " " + plural(n, "warning")
	}
	io.WriteString(stdout, msg+"\n")
	return OK
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f siteFlags
	fs := flags("serve", "[--addr localhost:8080] [--content content] [--layouts layouts] [--static static] [--out site]", stderr)
	f.register(fs, true)
	addr := fs.String("addr", "localhost:8080", "the `address` to listen on")
	if code, done := parse(fs, args); done {
		return code
	}
	cfg := f.config()
	cfg.Extra = wasmStep(ctx)
	err := server.Run(ctx, server.Config{Build: cfg, Addr: *addr, Watch: []string{f.content, f.layouts, f.static, "wasm", "internal"}, Log: stdout})
	if err != nil {
		io.WriteString(stderr, "resolve serve: "+err.Error()+"\n")
		return Failed
	}
	return OK
}

func warningsOf(res *build.Result) diag.List {
	if res == nil {
		return nil
	}
	return res.Warnings
}
