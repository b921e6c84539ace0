# resolve: the two commands a new user needs are `make serve` and `make test`.
# Both do their own set-up on a machine with Go installed.

GO       ?= go
GOROOT   := $(shell $(GO) env GOROOT)
WASMEXEC := $(GOROOT)/lib/wasm/go_js_wasm_exec
# Generous: the browser suites run in a real Chromium on 2 cores.
TESTFLAGS ?= -timeout 30m

.PHONY: serve site check test test-go test-wasm bench clean setup

## serve: build the example site, serve it on http://localhost:8080 and reload on every change
serve:
	$(GO) run ./cmd/resolve serve

## site: build the example site into site/
site:
	$(GO) run ./cmd/resolve build

## check: validate the content without writing anything
check:
	$(GO) run ./cmd/resolve check

## setup: install what the browser tests need (Chromium, axe-core, the Nu HTML Checker)
setup:
	scripts/test-setup

## test: go.mod tidy, vet, every Go test (browser tests included) and the WebAssembly tests under Node
test: setup
	@$(GO) mod tidy -diff || { echo "go.mod and go.sum do not match the code: run go mod tidy"; exit 1; }
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./wasm/... ./internal/dom/...
	$(GO) test $(TESTFLAGS) ./...
	# The packages that build a site on many goroutines, under the race detector.
	$(GO) test -race $(TESTFLAGS) ./internal/build ./internal/content ./internal/search ./internal/markdown
	$(MAKE) test-wasm

## test-wasm: the packages the browser module links, tested as WebAssembly under Node
test-wasm:
	GOOS=js GOARCH=wasm $(GO) test -exec "$(WASMEXEC)" ./internal/dom/... ./internal/workday/... ./internal/escalation/...

## bench: build time against Hugo, page weights, search index and module sizes
bench:
	$(GO) run ./cmd/resolve-bench
	$(GO) test -run '^$$' -bench . -benchtime 3x ./internal/...

## clean: remove what builds and tests leave behind
clean:
	rm -rf site .bench
	$(GO) clean -testcache
