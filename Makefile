# The two commands of the README: `make run` and `make test`. Nothing else is needed
# on a fresh machine with Python 3.11: both create .venv and install into it.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test install browser clean docs bench

run: install
	$(BIN)/kg build corpus -o out/kg.ttl
	$(BIN)/kg export corpus -f ntriples -o out/kg.nt
	$(BIN)/kg export corpus -f jsonld -o out/kg.jsonld
	$(BIN)/kg export corpus -f trig -o out/kg.trig
	$(BIN)/kg validate out/kg.ttl
	$(BIN)/kg page --graph out/kg.ttl -o out/kg.html
	$(BIN)/kg query --all --graph out/kg.ttl --output-dir out/queries

test: install browser
	@$(BIN)/python -m pytest; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests; that is a failure" >&2; exit 1; fi; \
	exit $$rc

install: $(STAMP)
	@# bytecode for kg's modules, as pip writes for an installed package: start-up reads it, not the source
	@$(BIN)/python -m compileall -q kg

# The browser test needs Chromium and a CJK font: install them from Debian when missing.
browser:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "make test: installing chromium and fonts-noto-cjk from Debian"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	      chromium fonts-noto-cjk >/dev/null) || echo "make test: apt-get failed; the browser test will be skipped" >&2; \
	  else \
	    echo "make test: no apt-get (or not root) to install chromium; the browser test will be skipped" >&2; \
	  fi; \
	fi

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@# compat: a path entry, not an import hook that costs every command 10 ms of start-up
	$(BIN)/python -m pip install --quiet -e '.[test]' --config-settings editable_mode=compat
	touch $(STAMP)

clean:
	rm -rf $(VENV) out .pytest_cache

# Regenerate what is generated from the code: the generated sections of docs/ (the CLI reference, the errors, the
# limits, the ontology tables, the query pack), the JSON-LD context, the annotation JSON Schema, the gazetteer,
# the ontology's OWL-RL closure.
docs: install
	$(BIN)/python -m kg.docs

# Side-by-side benchmarks of kg against its engine, into benchmarks/RESULTS.md (BENCH_ARGS=--large for the
# 10,000-article build). The endpoint pair needs `hey`: installed from Debian when missing.
bench: install
	@test -f out/kg.ttl || $(BIN)/kg build corpus -o out/kg.ttl
	@if ! command -v hey >/dev/null 2>&1; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "make bench: installing hey from Debian"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	      hey >/dev/null) || echo "make bench: apt-get failed; the endpoint pair will not run" >&2; \
	  else \
	    echo "make bench: no apt-get (or not root) to install hey; the endpoint pair will not run" >&2; \
	  fi; \
	fi
	$(BIN)/python benchmarks/pairs.py $(BENCH_ARGS)
