# Two commands do everything: `make run` (set-up + the main job) and `make test` (set-up + tests).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test test-fast setup dot bwrap chromium bench clean artifacts fuzz

setup: $(STAMP) dot bwrap chromium

# The virtual environment, with the project and its dev and dask extras installed (editable).
$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,dask]'
	touch $(STAMP)

# $(call apt_tool,COMMAND,PACKAGE,WHAT HAPPENS WITHOUT IT): install a Debian package with apt-get
# when its command is missing and we are root; otherwise one note saying what is lost.
apt_tool = command -v $(1) >/dev/null 2>&1 || { \
  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
    echo "installing $(2) ($(1)) with apt-get"; \
    (apt-get install -y -qq $(2) >/dev/null 2>&1 || \
     (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq $(2) >/dev/null 2>&1)) || \
    echo "note: could not install $(2); $(3)"; \
  else \
    echo "note: $(2) ($(1)) is missing and cannot be installed here (needs root and apt-get); $(3)"; \
  fi; }

# Graphviz's `dot` renders the diagrams; without it they are still written as .dot sources.
dot:
	@$(call apt_tool,dot,graphviz,diagrams will be written as .dot sources only)

# Bubblewrap contains sandboxed artifacts (no network, read-only root, no stray processes);
# without it they run with resource limits only (sva/sandbox/containment.py).
bwrap:
	@$(call apt_tool,bwrap,bubblewrap,sandboxed artifacts will run with resource limits only)

# Headless Chromium renders the report in the browser test (tests/report/test_browser.py: the
# first screen holds the answer, no broken image, the page height); without it that test is skipped.
chromium:
	@$(call apt_tool,chromium,chromium,the browser test of the report will be skipped)

# The main job: every spec x both generators x 5 seeds, stored in out/results/results.sqlite,
# with the report in out/results/report/report.html (resumable: run it again after a kill).
run: setup
	$(BIN)/sva run --preset default --out out/results

# The import rules first (layers, families, no cycles: .importlinter), then the suite, on two
# processes (pytest-xdist; a file's tests stay together, so a module's fixtures run once).
# Everything, `slow` tests included: what CI runs.
test: setup
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy sva
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

# The edit loop: the import rules, then every test not marked `slow` (a few minutes on two
# processes; tests/README.md says how `slow` is chosen). `make test` before merging.
test-fast: setup
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy sva
	$(BIN)/python -m pytest -q -n 2 --dist loadfile -m "not slow"

# The analyzer's fuzz tests with 40 times the examples and fresh randomness (a few minutes).
fuzz: setup
	SVA_HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q tests/measure/test_fuzz.py

# The benchmarks; the `bench` extra adds the peers (gplearn for bench_symreg.py's part (b), mutmut for
# bench_mutation_peers.py, last: it exits 1 when a sampled sva survivor is killed by plain pytest).
bench: setup
	$(BIN)/python -m pip install --quiet -e '.[dev,dask,bench]'
	$(BIN)/python benchmarks/bench_evaluate.py
	$(BIN)/python benchmarks/bench_analyze.py
	$(BIN)/python benchmarks/bench_mutation.py
	$(BIN)/python benchmarks/bench_sorting.py
	$(BIN)/python benchmarks/bench_symreg.py
	$(BIN)/python benchmarks/bench_mutation_peers.py

# docs/results.md from the committed run runs/default (runs/README.md): `sva report` into a
# temporary folder, then its results.md copied, and its figures/forest.svg to docs/figures/ when the
# report draws one. tests/report/test_resultsdoc.py fails until this is run after the rows change.
.PHONY: results-doc
results-doc: setup
	tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(BIN)/sva report --results runs/default --out "$$tmp" >/dev/null && \
	cp "$$tmp/results.md" docs/results.md && \
	{ [ ! -f "$$tmp/figures/forest.svg" ] || cp "$$tmp/figures/forest.svg" docs/figures/forest.svg; }

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis

# Refresh the committed seed-0 artifacts of the default preset's specs (tests check that they
# regenerate byte for byte).
artifacts: setup
	$(BIN)/sva generate-all --seed 0 --out artifacts --specs "$$($(BIN)/python -c "from sva.experiment.presets import get_preset; print(','.join(get_preset('default').specs))")"
