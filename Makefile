# Kravkedja — the two commands: `make run` and `make test`.
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
# The compiler cache lives outside the clone so fresh clones on the same machine reuse it.
export CCACHE_DIR ?= $(HOME)/.cache/kravkedja-ccache
JOBS ?= $(shell nproc)

.PHONY: all deps build run test bench clean

all: build

deps:
	@bash scripts/install-deps.sh

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	$(BUILD_DIR)/kravkedja serve

test: build
	bash scripts/run-tests.sh $(BUILD_DIR)

bench: build
	cmake --build $(BUILD_DIR) --target spec_bench tender_bench
	$(BUILD_DIR)/spec_bench
	$(BUILD_DIR)/tender_bench

clean:
	rm -rf $(BUILD_DIR)
