//go:build !(js && wasm)

package main

import "os"

// main explains itself when the module is built for the wrong target, so
// that `go build ./...` on the host still builds every package.
func main() {
	os.Stderr.WriteString("the audit page's module runs in a browser: build it with GOOS=js GOARCH=wasm (resolve build does)\n")
	os.Exit(2)
}
