# The two commands of the README: `make run` and `make test`. Nothing else is needed
# on a fresh machine with Python 3.11: both create .venv and install into it.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test install browser clean docs bench vendor

run: install
	$(BIN)/kg build corpus -o out/kg.ttl
	$(BIN)/kg export corpus -f ntriples -o out/kg.nt
	$(BIN)/kg export corpus -f jsonld -o out/kg.jsonld
	$(BIN)/kg export corpus -f trig -o out/kg.trig
	$(BIN)/kg validate out/kg.ttl
	$(BIN)/kg page --graph out/kg.ttl -o out/kg.html
	$(BIN)/kg query --all --graph out/kg.ttl --output-dir out/queries

# pytest-xdist runs the suite on every core (-n auto), a test file's tests together in one worker and in their order
# (--dist loadfile): a browser page's tests share the page one module-scoped fixture opens, and build on each other
test: install browser
	@$(BIN)/python -m pytest -n auto --dist loadfile; rc=$$?; \
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

# Refresh the YASGUI bundle that `kg serve` serves on its query page, from the npm registry (the only network
# request): the built JS and CSS (they load no fonts or other files), the licence, and VENDORED.md with the
# sha256 of each file. The package ships no LICENSE file: the one in the tree (MIT, from its repository) is kept.
YASGUI_VERSION := 4.6.2
YASGUI_DIR     := kg/static/yasgui
vendor:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	(cd "$$tmp" && npm pack --silent @zazuko/yasgui@$(YASGUI_VERSION) >/dev/null && tar xzf zazuko-yasgui-$(YASGUI_VERSION).tgz) && \
	mkdir -p $(YASGUI_DIR) && \
	cp "$$tmp/package/build/yasgui.min.js" "$$tmp/package/build/yasgui.min.css" $(YASGUI_DIR)/ && \
	if [ -f "$$tmp/package/LICENSE" ]; then cp "$$tmp/package/LICENSE" $(YASGUI_DIR)/LICENSE; fi && \
	test -f $(YASGUI_DIR)/LICENSE && \
	tarsum=$$(sha256sum "$$tmp/zazuko-yasgui-$(YASGUI_VERSION).tgz" | cut -d" " -f1) && \
	{ echo "# Vendored: YASGUI"; echo; \
	  echo "What \`kg serve\` serves at \`/static/yasgui/\` for its query page (\`GET /\`), so the page needs no other host."; echo; \
	  echo "- Package: \`@zazuko/yasgui\` $(YASGUI_VERSION) (npm registry), built bundle \`build/yasgui.min.js\` and \`build/yasgui.min.css\`"; \
	  echo "- Licence: MIT (\`LICENSE\`, from https://github.com/rdfjs/Yasgui: the npm package ships none)"; \
	  echo "- Source: https://registry.npmjs.org/@zazuko/yasgui/-/yasgui-$(YASGUI_VERSION).tgz (sha256 $$tarsum)"; \
	  echo "- Repository: https://github.com/rdfjs/Yasgui (packages/yasgui)"; \
	  echo "- Refresh: \`make vendor\` (runs \`npm pack @zazuko/yasgui@$(YASGUI_VERSION)\` in a temporary folder; edit YASGUI_VERSION in the Makefile to move)"; \
	  echo; echo "The CSS loads no fonts or images (no \`url(\`); the JS loads no other file. The remote requests the JS can make"; \
	  echo "(LOV and prefix.cc autocompletion, a share-link shortener, a CORS-proxy probe, the DBpedia default endpoint) are"; \
	  echo "switched off by configuration in kg/templates/endpoint.html; tests/test_endpoint_browser.py checks none is made."; echo; \
	  echo "| file | sha256 |"; echo "|---|---|"; \
	  for f in yasgui.min.js yasgui.min.css LICENSE; do echo "| $$f | \`$$(sha256sum $(YASGUI_DIR)/$$f | cut -d" " -f1)\` |"; done; \
	} > $(YASGUI_DIR)/VENDORED.md && \
	echo "make vendor: @zazuko/yasgui $(YASGUI_VERSION) in $(YASGUI_DIR)"
