# Kravkedja — the two commands: `make run` and `make test`.
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
# The compiler cache lives outside the clone so fresh clones on the same machine reuse it.
export CCACHE_DIR ?= $(HOME)/.cache/kravkedja-ccache
# Paths under the clone are hashed relative to it, so a clone elsewhere hits the same cache.
export CCACHE_BASEDIR ?= $(CURDIR)
export CCACHE_NOHASHDIR ?= true
JOBS ?= $(shell nproc)
# The unit tests under AddressSanitizer and UndefinedBehaviorSanitizer (g++), and the libFuzzer
# targets (clang++-16): each in a build directory of its own.
SAN_DIR ?= build-asan
FUZZ_DIR ?= build-fuzz
FUZZ_SECONDS ?= 60
# Scale of the generated data set for the benchmark (1: 300 organisations, 100,000 cases), and
# the Release build it measures.
BENCH_SCALE ?= 1
BENCH_DIR ?= build-release
# The figures of every run, kept for comparison (the issue's build/bench/).
BENCH_OUT ?= $(BUILD_DIR)/bench

.PHONY: all deps build sanitized fuzz-build run test fuzz bench clean

all: build

deps:
	@bash scripts/install-deps.sh

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS)

$(SAN_DIR)/build.ninja:
	cmake -S . -B $(SAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE= -DCMAKE_CXX_FLAGS="-O1 -g1" -DKK_SANITIZE=ON

sanitized: deps $(SAN_DIR)/build.ninja
	cmake --build $(SAN_DIR) -j $(JOBS) --target unit_tests

$(FUZZ_DIR)/build.ninja:
	CXX=clang++-16 cmake -S . -B $(FUZZ_DIR) -G Ninja -DCMAKE_BUILD_TYPE= -DCMAKE_CXX_FLAGS="-O1 -g1" -DKK_FUZZ=ON

fuzz-build: deps $(FUZZ_DIR)/build.ninja
	cmake --build $(FUZZ_DIR) -j $(JOBS)

run: build
	$(BUILD_DIR)/kravkedja serve

test: build sanitized fuzz-build
	bash scripts/run-tests.sh $(BUILD_DIR) $(SAN_DIR) $(FUZZ_DIR)

# Each fuzz target for FUZZ_SECONDS; what they find is kept in $(FUZZ_DIR)/corpus.
fuzz: fuzz-build
	bash scripts/fuzz.sh $(FUZZ_DIR) explore $(FUZZ_SECONDS)

$(BENCH_DIR)/build.ninja:
	cmake -S . -B $(BENCH_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release

# Not part of `make test`: prints figures and writes them under $(BENCH_OUT) (docs/performance.md).
bench: deps $(BENCH_DIR)/build.ninja
	cmake --build $(BENCH_DIR) -j $(JOBS) --target kravkedja kravkedja_gen micro_bench
	mkdir -p $(BENCH_OUT)
	$(BENCH_DIR)/micro_bench --benchmark_out=$(BENCH_OUT)/micro-latest.json --benchmark_out_format=json
	bash bench/query-plans.sh $(BENCH_DIR) $(BENCH_SCALE)
	BENCH_OUT=$(abspath $(BENCH_OUT)) bash bench/http-bench.sh $(BENCH_DIR) $(BENCH_SCALE)

clean:
	rm -rf $(BUILD_DIR) $(SAN_DIR) $(FUZZ_DIR) $(BENCH_DIR)
