// Command resolve builds, checks and serves a partnership's escalation
// procedures as a static site. Run "resolve help" for its commands.
package main

import (
	"context"
	"os"
	"os/signal"

	"resolve/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
