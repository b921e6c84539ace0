// Command prebuild compiles resolve's WebAssembly modules into a folder, as a
// release binary carries them: `go generate ./internal/wasmbuild` runs it as
//
//	go run ./prebuild _prebuilt
//
// and `go build -tags embedwasm ./cmd/resolve` then embeds that folder. It
// must run inside resolve's repository, with Go.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"strconv"

	"resolve/internal/wasmbuild"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: prebuild FOLDER")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	idx, err := wasmbuild.Prebuild(ctx, wasmbuild.New(wasmbuild.Config{Log: os.Stderr}), os.Args[1])
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "prebuild:", err)
		os.Exit(1)
	}
	for _, m := range idx.Modules {
		fmt.Println("prebuild: " + m.Name + " (" + m.Package + ", " + strconv.Itoa(m.Size) + " bytes, " + idx.Go + ") into " + os.Args[1])
	}
}
