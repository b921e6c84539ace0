package cli

import "context"

// wasmStep builds the record form's WebAssembly module into a new site folder.
func wasmStep(ctx context.Context) func(string) error { return nil }
