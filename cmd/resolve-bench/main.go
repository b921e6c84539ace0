// Command resolve-bench measures resolve against Hugo on generated manuals
// of plain markdown pages, and resolve serve's editing loop on the same
// manuals, and prints the figures `make bench` reports.
package main

import (
	"context"
	"flag"
	"os"
	"os/signal"

	"resolve/internal/benchmark"
)

func main() {
	var cfg benchmark.Config
	flag.StringVar(&cfg.Dir, "dir", ".bench", "working `folder` for generated manuals and builds")
	flag.IntVar(&cfg.Runs, "runs", 5, "builds of each size, taking turns; the fastest counts")
	flag.Func("sizes", "comma-separated page `counts` (default 1000,10000)", cfg.SetSizes)
	builds := flag.Bool("build", true, "measure builds against Hugo")
	live := flag.Bool("live", true, "measure resolve serve: from saving a page to the reload event")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if *builds {
		if err := benchmark.Run(ctx, cfg, os.Stdout); err != nil {
			os.Stderr.WriteString("resolve-bench: " + err.Error() + "\n")
			os.Exit(1)
		}
	}
	if *live {
		if err := benchmark.Live(ctx, cfg, os.Stdout); err != nil {
			os.Stderr.WriteString("resolve-bench: " + err.Error() + "\n")
			os.Exit(1)
		}
	}
}
