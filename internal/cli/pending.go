package cli

import (
	"context"
	"io"
)

func runAudit(ctx context.Context, args []string, stdout, stderr io.Writer) int { return Usage }
func runNew(ctx context.Context, args []string, stdout, stderr io.Writer) int   { return Usage }
