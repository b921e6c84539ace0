# resolve: the two commands a new user needs are `make serve` and `make test`.
# Both do their own set-up on a machine with Go installed.

GO       ?= go
GOROOT   := $(shell $(GO) env GOROOT)
WASMEXEC := $(GOROOT)/lib/wasm/go_js_wasm_exec
# Generous: the browser suites run in a real Chromium on 2 cores.
TESTFLAGS ?= -timeout 30m

.PHONY: serve site check test test-go test-wasm bench clean setup fuzz

# Releases: the six platforms make release builds for, and the workflow
# checker make test runs. Change versions here only.
PLATFORMS  := linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64
ACTIONLINT := github.com/rhysd/actionlint/cmd/actionlint@v1.7.12
SHA256SUM  ?= sha256sum
.PHONY: prebuilt release lint-workflows

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

## test: go.mod tidy, workflows, vet, every Go test (browser tests included) and the WebAssembly tests under Node
test: setup lint-workflows
	@$(GO) mod tidy -diff || { echo "go.mod and go.sum do not match the code: run go mod tidy"; exit 1; }
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./wasm/... ./internal/dom/...
	$(GO) test $(TESTFLAGS) ./...
	# The packages that build a site on many goroutines, under the race detector.
	$(GO) test -race $(TESTFLAGS) ./internal/build ./internal/content ./internal/search ./internal/markdown
	$(MAKE) test-wasm

## test-wasm: the packages the browser modules link, tested as WebAssembly under Node
test-wasm:
	GOOS=js GOARCH=wasm $(GO) test -exec "$(WASMEXEC)" ./internal/dom/... ./internal/workday/... ./internal/escalation/... ./internal/audit/... ./internal/chart/... ./wasm/auditpage/...

## lint-workflows: check .github/workflows with actionlint (and shellcheck, when installed)
lint-workflows:
	$(GO) run $(ACTIONLINT)

## prebuilt: compile the WebAssembly modules a release binary carries into internal/wasmbuild/_prebuilt/
prebuilt:
	$(GO) generate ./internal/wasmbuild

## release: resolve for Linux, macOS and Windows (amd64 and arm64) into dist/, each carrying the
## WebAssembly modules so that it builds a site with no Go, and dist/SHA256SUMS
release: prebuilt
	rm -rf dist
	mkdir -p dist
	set -e; for p in $(PLATFORMS); do \
		os=$${p%/*}; arch=$${p#*/}; \
		case $$os in windows) exe=.exe ;; *) exe= ;; esac; \
		echo "release: dist/resolve-$$os-$$arch$$exe"; \
		CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -tags embedwasm -trimpath -buildvcs=auto \
			-ldflags="-s -w" -o dist/resolve-$$os-$$arch$$exe ./cmd/resolve; \
	done
	cd dist && $(SHA256SUM) resolve-* > SHA256SUMS

## fuzz: run every Fuzz target in the repository (found, not listed) for FUZZTIME each, go on past
## a failure, and name every target that failed; e.g. make fuzz FUZZTIME=5m for a longer round
FUZZTIME     ?= 30s
# Minimising a new input may take this long at most, so it never eats a target's FUZZTIME.
FUZZMINIMIZE ?= 3s
fuzz:
	@n=0; failed=; \
	for dir in $$($(GO) list -f '{{.Dir}}' ./...); do \
		grep -qs '^func Fuzz' $$dir/*_test.go || continue; \
		for name in $$(cd $$dir && $(GO) test -list '^Fuzz' . | grep '^Fuzz'); do \
			n=$$((n+1)); \
			echo "fuzz: $$name in $${dir#$(CURDIR)/} for $(FUZZTIME)"; \
			(cd $$dir && $(GO) test -run '^$$' -fuzz "^$$name$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE) .) \
				|| failed="$$failed $${dir#$(CURDIR)/}:$$name"; \
		done; \
	done; \
	if [ $$n -eq 0 ]; then echo "fuzz: no Fuzz targets found"; exit 1; fi; \
	if [ -n "$$failed" ]; then \
		echo "fuzz: $$n targets; failed:$$failed (each failing input is saved under its package's testdata/fuzz/)"; exit 1; \
	fi; \
	echo "fuzz: all $$n targets passed"

## bench: build time against Hugo, page weights, search index and module sizes
bench:
	$(GO) run ./cmd/resolve-bench
	$(GO) test -run '^$$' -bench . -benchtime 3x ./internal/...

## clean: remove what builds and tests leave behind
clean:
	rm -rf site .bench dist internal/wasmbuild/_prebuilt
	$(GO) clean -testcache
