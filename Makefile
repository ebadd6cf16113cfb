# redis-lite: build, run, test. Everything the tests need is fetched by the
# Go toolchain; the scripts use the Debian packages redis-tools and
# netcat-openbsd.

BIN  := bin/redis-lite
ARGS ?=

.PHONY: build run test lint vulncheck compat redis-suite clients fuzz soak bench demo lifecycle lessons c10k lesson-backlog lesson-reuseaddr lesson-rst lesson-emfile clean

build:
	go build -o $(BIN) .

# Builds and starts the daemon on 127.0.0.1:6379 (Ctrl+C stops it).
run: build
	./$(BIN) $(ARGS)

# gofmt and go vet, then every test with the race detector; the tests
# whose behaviour depends on the I/O model run in both, as subtests.
# About 30 s on 2 vCPUs with a warm build cache, most of it the
# end-to-end tests; 1.5 to 2 min with a cold one (compiling with -race).
test: lint
	go test -race -count=1 ./...

# gofmt, go vet and staticcheck (2026.2.2), which the Go toolchain fetches
# and builds at the version pinned here on first use: about 20 s more on a
# fresh machine (lint then takes some 40 s), half a second once cached.
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
lint:
	@unformatted="$$(gofmt -l .)"; if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	go vet ./...
	go run $(STATICCHECK) ./...

# Known vulnerabilities in the modules and standard library the code calls.
# Not part of lint, so not of test or CI: govulncheck reads the Go
# vulnerability database at VULNDB, and the machines here and CI reach only
# package registries. Run it where that is reachable, or point VULNDB at a
# local copy (file:///path). (v1.9.0 needs a golang.org/x/telemetry version
# that the module proxy refuses; v1.8.0 builds.)
GOVULNCHECK := golang.org/x/vuln/cmd/govulncheck@v1.8.0
VULNDB ?= https://vuln.go.dev
vulncheck:
	go run $(GOVULNCHECK) -db $(VULNDB) ./...

# redis-cli, redis-cli --pipe, redis-benchmark and nc against a fresh daemon,
# compared with a real redis-server (Debian: redis-tools redis-server
# netcat-openbsd).
compat:
	scripts/compat.sh

# Redis 7.0.15's own test suite (from Debian's source package, cached under
# ~/.cache/redis-lite) on the unit files in scripts/redis-suite/units.txt,
# each against a fresh daemon, in both I/O models; fails if a test listed in
# scripts/redis-suite/passing/ did not pass. SUITE_ARGS: --update, --all,
# --against-redis, --io epoll, unit/NAME ...
SUITE_ARGS ?=
redis-suite:
	scripts/redis-suite.sh $(SUITE_ARGS)

# The client matrix: node-redis, ioredis, rueidis, redigo, go-redis, redis-py,
# redis-cli, redis-benchmark, haproxy and check_tcp at their defaults against
# a fresh daemon in both I/O models; fails if a check listed in
# scripts/clients/passing/ did not pass. CLIENTS_ARGS: --update,
# --against-redis, --io epoll.
CLIENTS_ARGS ?=
clients:
	scripts/clients.sh $(CLIENTS_ARGS)

# Each parser fuzzer for FUZZTIME (default 30s). The plain test run replays
# the seed corpus in parser/testdata/fuzz.
FUZZTIME ?= 30s
fuzz:
	go test -run '^$$' -fuzz '^FuzzInline$$' -fuzztime $(FUZZTIME) ./parser/
	go test -run '^$$' -fuzz '^FuzzRESP$$' -fuzztime $(FUZZTIME) ./parser/
	go test -run '^$$' -fuzz '^FuzzSparseEdits$$' -fuzztime $(FUZZTIME) ./hll/
	go test -run '^$$' -fuzz '^FuzzHostileValues$$' -fuzztime $(FUZZTIME) ./hll/

# 1,000 clients for SOAKTIME seconds (default 60) with disconnects and
# hostile clients; then every acknowledged write must read back, fds return
# to baseline and RSS stop growing.
SOAKTIME ?= 60
soak:
	scripts/soak.sh $(SOAKTIME)

# Go benchmarks, then redis-lite against redis-server on this machine:
# throughput and CPU per request, memory per element of every type, the
# append-only file's cost, and what a client looping KEYS over 1M keys does
# to the others.
bench:
	go test -run '^$$' -bench . -benchmem ./parser/ ./executor/ ./store/ ./netsrv/
	scripts/bench.sh
	LOADS=all scripts/mem.sh
	scripts/bench_aof.sh
	scripts/bench_longcmd.sh

# A short netcat session against a daemon already running on PORT (6379).
demo:
	scripts/demo.sh

# Kernel states of one connection (ss) from LISTEN to TIME_WAIT.
lifecycle: build
	scripts/lifecycle.sh

# The networking document's lessons, each a script that shows one thing
# happening on loopback and fails if it did not (README, "The lessons").
# make lessons runs the quick ones (about 10 s); c10k takes about a minute.
lessons: lifecycle lesson-backlog lesson-reuseaddr lesson-rst lesson-emfile

# Section 11: 10,000 idle clients against each I/O model, with
# redis-benchmark beside them (IDLE, REQUESTS, ROUNDS, PATIENCE).
c10k: build
	scripts/c10k.sh

# The listen backlog filling while accept() is stalled (SIGSTOP).
lesson-backlog: build
	scripts/lesson-backlog.sh

# Rebinding a port held by TIME_WAIT, without and with SO_REUSEADDR.
lesson-reuseaddr: build
	scripts/lesson-reuseaddr.sh

# A clean close (FIN, recv() = 0) against a reset (RST, ECONNRESET).
lesson-rst: build
	scripts/lesson-rst.sh

# Out of descriptors (EMFILE): the spare descriptor that answers anyway.
lesson-emfile: build
	scripts/lesson-emfile.sh

clean:
	rm -rf bin
