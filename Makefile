# Klusbuddy: `make run` starts it with demo data, `make test` runs every test.
# Needs Go, Node.js (with npm) and PostgreSQL's server binaries; see README.md.

GO      ?= go
BIN     := bin/klusbuddy
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X main.version=$(VERSION)

.PHONY: run test build pwa pwa-size go-test pwa-test lint clean clean-data help

help:
	@echo "make run    build and start Klusbuddy with demo data (private database unless DATABASE_URL is set)"
	@echo "make test   go vet, gofmt, Go tests on real PostgreSQL, PWA type check, unit tests and size budget, browser tests"
	@echo "make build  build the PWA and the binary into $(BIN)"
	@echo "make clean  remove build output (make clean-data also removes the private database)"

run: build
	./$(BIN) serve --demo

build: pwa
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/klusbuddy

# npm ci only when the lock file changed since the last install.
pwa/node_modules/.installed: pwa/package.json pwa/package-lock.json
	cd pwa && npm ci --no-audit --no-fund
	@touch $@

pwa: pwa/node_modules/.installed
	cd pwa && npm run build

test: lint pwa-test pwa-size go-test

lint: pwa/node_modules/.installed
	$(GO) vet ./...
	@unformatted="$$(gofmt -l cmd internal migrations pwa/embed.go)"; \
	  if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	cd pwa && npm run typecheck

pwa-test: pwa/node_modules/.installed
	cd pwa && npm test

# The first screens' JavaScript stays small (issue 14): prints each size, fails above budget.
pwa-size: pwa
	cd pwa && node scripts/size-budget.mjs

# Go tests, including the browser tests, which build the binary with the PWA in it. Without
# TEST_DATABASE_URL, one private PostgreSQL cluster serves the whole run.
go-test: pwa
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
	  $(GO) test -count=1 ./... ; \
	else \
	  $(GO) run ./cmd/pgtmp -- $(GO) test -count=1 ./... ; \
	fi

clean:
	rm -rf bin
	find pwa/dist -mindepth 1 ! -name .gitkeep -exec rm -rf {} +

clean-data:
	rm -rf .data
