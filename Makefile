# careerguide — every target is listed in README.md.
GO      ?= go
TOOL    := $(GO) tool -modfile=go.tool.mod
PKGS    := ./...

.PHONY: help run build test test-race test-plain test-pages screenshots generate check-generated data lint lint-offline fmt bench fuzz reliability

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

# The race detector runs on every package but three kinds of test, which it
# would slow four to ten times and in which it cannot find a race:
# - PAGE_TESTS load pages one at a time, in Chromium (TestBrowser...) or
#   over the whole site (TestCrawl...), all in internal/server; the
#   handlers they load run under the detector in the other tests of
#   internal/server, concurrently.
# - CHECK_TESTS run `careerguide content check` over the whole content and
#   O*NET's files, one goroutine reading spreadsheets (56 s under the
#   detector, 7 s without).
# - RACE_FREE packages start no goroutine and keep no state between calls
#   (content checks, importers, scoring, templates); their code runs under
#   the detector inside the server's tests. The browser test tools
#   (internal/browsertest) run without it too, as the browser tests do:
#   chromedp, the largest dependency, is then compiled in one mode only
#   (the browser tests have the build constraint !race for the same reason).
PAGE_TESTS  := ^Test(Browser|Crawl)
CHECK_TESTS := ^TestContentCheck
# INDEX_TESTS: the occupation search's results over the whole content,
# thousands of searches: run without the race detector (TestSearchesRunTogether
# runs searches together under it).
INDEX_TESTS := ^TestIndex
RACE_FREE  := ./internal/content ./internal/onet ./internal/career ./internal/quiz ./internal/config ./web/components ./web/pages ./web/section ./internal/browsertest ./internal/browsertest/htmlcheck
# Test binaries are linked without DWARF (-w): nothing reads it (stack
# traces and race reports come from the binary's own tables), and each of
# the ~20 links of a run takes about a quarter less CPU (2.4 -> 1.7 s for
# internal/server's).
TEST_LD     := -ldflags=-w
RACE_PKGS   = $(filter-out $(patsubst ./%,careerguide/%,$(RACE_FREE)),$(shell $(GO) list $(PKGS)))

# The three parts run one after another: each keeps both CPUs of a
# 2-CPU machine busy most of its time, and run at once they spent about a
# sixth more CPU on the same work (the race detector, PostgreSQL and
# Chromium competing), so the whole took longer (see README, make test).
# -k: a failing part does not keep the others from running.
## test: every test against a real PostgreSQL (and headless Chromium for browser tests): test-race, test-plain and test-pages in turn
test: $(AXE)
	@$(MAKE) --no-print-directory -j1 -k test-race test-plain test-pages

## test-race: every test of the packages that run concurrently, but PAGE_TESTS, CHECK_TESTS and INDEX_TESTS, with the race detector
test-race:
	$(GO) test $(TEST_LD) -race -count=1 -parallel 4 -timeout 20m -skip '$(PAGE_TESTS)|$(CHECK_TESTS)|$(INDEX_TESTS)' $(RACE_PKGS)

## test-plain: the tests of the RACE_FREE packages, CHECK_TESTS and INDEX_TESTS
# CHECK_TESTS read spreadsheets in one goroutine, so they run beside the
# packages' tests rather than after them.
test-plain:
	@$(GO) test $(TEST_LD) -count=1 -timeout 20m -run '$(CHECK_TESTS)' ./cmd/careerguide & check=$$!; \
	$(GO) test $(TEST_LD) -count=1 -timeout 20m $(RACE_FREE) && \
	$(GO) test $(TEST_LD) -count=1 -timeout 20m -run '$(INDEX_TESTS)' ./internal/finder; \
	status=$$?; wait $$check || status=1; exit $$status

## test-pages: the browser and whole-site tests (PAGE_TESTS)
test-pages: $(AXE)
	$(GO) test $(TEST_LD) -count=1 -parallel 6 -timeout 20m -run '$(PAGE_TESTS)' ./internal/server

## screenshots: the browser tests, saving the pages they visit at phone and desktop widths to .data/screenshots
screenshots: $(AXE)
	SCREENSHOTS=1 $(GO) test -count=1 -parallel 6 -timeout 20m -run '^TestBrowser' ./internal/server

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
SKILLS_DIR  ?= $(SHARED_DATA)/onet-29.0
OEWS_FILE   ?= $(SHARED_DATA)/bls/national_M2024_dl.xlsx
PROJ_FILE   ?= $(SHARED_DATA)/bls/occupation.xlsx

## data: derive content/occupations/occupations.json from the O*NET and BLS files
data:
	$(GO) run ./cmd/careerguide data import --onet $(ONET_DIR) --skills $(SKILLS_DIR) --oews $(OEWS_FILE) --projections $(PROJ_FILE) --out content/occupations/occupations.json

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
	$(GO) test -run '^$$' -bench . -benchmem ./internal/quiz ./internal/finder ./web/pages
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

## reliability: outage, restart under load, concurrency, two instances, soak, logins, search storm, idle connections, nginx shared cache, PgBouncer pooler, streaming standby (real binary, own PostgreSQL cluster)
reliability:
	$(GO) test -tags reliability -count=1 -v -timeout 15m ./internal/reliability
