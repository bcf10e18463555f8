# The two commands of the README: `make run` and `make test`. Nothing else is needed
# on a fresh machine with Python 3.11: both create .venv and install into it.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test install clean docs

run: install
	$(BIN)/kg build corpus -o out/kg.ttl
	$(BIN)/kg query --all --graph out/kg.ttl --output-dir out/queries

test: install
	@$(BIN)/python -m pytest; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests; that is a failure" >&2; exit 1; fi; \
	exit $$rc

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) out .pytest_cache

# Regenerate what is generated from the code: the README's ontology tables and the annotation JSON Schema.
docs: install
	$(BIN)/python -m kg.docs
	$(BIN)/python -m kg.annotations
