# Tenet: two commands do all the set-up on a fresh machine.
#   make run    build and start the whole stack in the foreground (stack.yaml, data in ./tenet-data),
#               fed by the simulated support center; prints where to look; Ctrl-C stops it
#   make test   build and run every test (unit and cross-process integration)
#   make bench  measure (release build): durable ingest end to end beside EventStore.append and
#               plain SQLite, the ZeroMQ binding beside C, business durations beside calendar-time
#               subtraction; writes BENCHMARKS.md (Scripts/bench.sh)
#   make microbench  micro-benchmarks with ordo-one/benchmark (TENET_BENCHMARKS=1)

SWIFT ?= swift
STACK ?= stack.yaml
DATA ?= tenet-data

.PHONY: all deps build run test bench microbench clean

all: build

deps:
	@bash Scripts/install-deps.sh

build: deps
	$(SWIFT) build

run: build
	$$($(SWIFT) build --show-bin-path)/tenet up --stack $(STACK) --data $(DATA) --guide

test: deps
	$(SWIFT) build --build-tests
	TENET_BIN_DIR=$$($(SWIFT) build --show-bin-path) $(SWIFT) test --skip-build

bench: deps
	bash Scripts/bench.sh

microbench: deps
	TENET_BENCHMARKS=1 $(SWIFT) package --scratch-path .build-bench benchmark --target TenetMicroBenchmarks

clean:
	rm -rf .build .build-bench $(DATA)
