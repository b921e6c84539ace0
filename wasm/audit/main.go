//go:build js && wasm

// Command audit is the WebAssembly module of the partnership's audit page
// (/audit/): package auditpage, which reads audit returns and saved records
// in the browser and sums them up with package audit, as `resolve audit`
// does. It is a module of its own, not part of the record form's, so that
// practitioners, who load the form's module on a phone, never download the
// audit page's code. internal/wasmbuild builds it with GOOS=js GOARCH=wasm.
package main

import "resolve/wasm/auditpage"

func main() { auditpage.Run() }
