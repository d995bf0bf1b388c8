# careerguide — every target is listed in README.md.
GO      ?= go
TOOL    := $(GO) tool -modfile=go.tool.mod
PKGS    := ./...

.PHONY: run build test generate check-generated lint fmt

## run: migrate, sync content and serve on $ADDR (default :8080)
run:
	$(GO) run ./cmd/careerguide serve

## build: compile bin/careerguide
build:
	$(GO) build -o bin/careerguide ./cmd/careerguide

AXE := internal/browsertest/node_modules/axe-core/axe.min.js

## test: every test against a real PostgreSQL (and headless Chromium for browser tests)
test: $(AXE)
	$(GO) test -count=1 $(PKGS)

# axe-core (npm) is used by the browser tests only.
$(AXE): internal/browsertest/package-lock.json
	npm ci --prefix internal/browsertest --no-audit --no-fund --loglevel=error

## generate: regenerate templ and sqlc code
generate:
	$(TOOL) templ generate -log-level error
	cd internal/store && $(GO) tool -modfile=../../go.tool.mod sqlc generate

## check-generated: fail when generated code is not up to date with its sources
check-generated: generate
	@changed="$$(git status --porcelain -- '*_templ.go' internal/store/db)"; \
	if [ -n "$$changed" ]; then echo "$$changed"; echo "generated code differs from what is committed: run make generate and commit" >&2; exit 1; fi

## lint: go vet, staticcheck, govulncheck (needs access to vuln.go.dev)
lint:
	$(GO) vet $(PKGS)
	$(TOOL) staticcheck $(PKGS)
	$(TOOL) govulncheck $(PKGS)

## fmt: gofmt and templ fmt
fmt:
	gofmt -w cmd internal web migrations content
	$(TOOL) templ fmt web
