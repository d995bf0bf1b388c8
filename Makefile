# careerguide — every target is listed in README.md.
GO      ?= go
TOOL    := $(GO) tool -modfile=go.tool.mod
PKGS    := ./...

.PHONY: help run build test generate check-generated data lint lint-offline fmt bench fuzz reliability

## help: list every target with what it does
help:
	@grep -E '^## ' $(MAKEFILE_LIST) | sed -e 's/^## //' -e 's/: /\t/' | awk -F'\t' '{ printf "  %-16s %s\n", $$1, $$2 }'

## run: migrate, sync content and serve on $ADDR (default :8080)
run:
	$(GO) run ./cmd/careerguide serve

## build: compile bin/careerguide
build:
	$(GO) build -o bin/careerguide ./cmd/careerguide

AXE := internal/browsertest/node_modules/axe-core/axe.min.js

## test: every test against a real PostgreSQL (and headless Chromium for browser tests)
test: $(AXE)
	$(GO) test -race -count=1 -timeout 20m $(PKGS)

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

# The published O*NET and BLS files the occupations file is derived from
# (kept beside the repository, never in it).
SHARED_DATA ?= ../shared/data
ONET_DIR    ?= $(SHARED_DATA)/onet-29.3
OEWS_FILE   ?= $(SHARED_DATA)/bls/national_M2024_dl.xlsx
PROJ_FILE   ?= $(SHARED_DATA)/bls/occupation.xlsx

## data: derive content/occupations/occupations.json from the O*NET and BLS files
data:
	$(GO) run ./cmd/careerguide data import --onet $(ONET_DIR) --oews $(OEWS_FILE) --projections $(PROJ_FILE) --out content/occupations/occupations.json

## lint-offline: go vet, staticcheck, gofmt and goimports grouping (no network needed; CI runs it)
lint-offline:
	$(GO) vet $(PKGS)
	$(TOOL) staticcheck $(PKGS)
	@bad="$$(git ls-files '*.go' ':!*_templ.go' ':!internal/store/db/*' | xargs $(TOOL) goimports -local careerguide -l)"; \
	if [ -n "$$bad" ]; then echo "$$bad"; echo "imports or formatting differ from goimports -local careerguide: run make fmt" >&2; exit 1; fi

## lint: lint-offline plus govulncheck (needs access to vuln.go.dev)
lint: lint-offline
	$(TOOL) govulncheck $(PKGS)

## fmt: goimports (gofmt plus import groups) and templ fmt
fmt:
	git ls-files '*.go' ':!*_templ.go' ':!internal/store/db/*' | xargs $(TOOL) goimports -local careerguide -w
	$(TOOL) templ fmt web

## bench: load benchmark (wrk, real binary, 1,000,000 stored results) and Go micro-benchmarks; about 8 minutes
bench:
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(GO) test -run '^$$' -bench . -benchmem ./internal/quiz ./web/pages
	$(GO) run ./cmd/bench

## fuzz: run every fuzz target for 60 s each (not part of CI)
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzReadForm$$' -fuzztime 60s ./internal/server
	$(GO) test -run '^$$' -fuzz '^FuzzParseAnswers$$' -fuzztime 60s ./internal/server
	$(GO) test -run '^$$' -fuzz '^FuzzSafeRedirect$$' -fuzztime 60s ./internal/server
	$(GO) test -run '^$$' -fuzz '^FuzzSessionCodecDecode$$' -fuzztime 60s ./internal/server
	$(GO) test -run '^$$' -fuzz '^FuzzSignUpFields$$' -fuzztime 60s ./internal/auth
	$(GO) test -run '^$$' -fuzz '^FuzzCareerYAML$$' -fuzztime 60s ./internal/content
	$(GO) test -run '^$$' -fuzz '^FuzzScore$$' -fuzztime 60s ./internal/quiz

## reliability: outage, restart under load, concurrency, two instances, soak (real binary, own PostgreSQL cluster)
reliability:
	$(GO) test -tags reliability -count=1 -v -timeout 15m ./internal/reliability
