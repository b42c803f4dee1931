# Quick start: `make demo` and `make test` set themselves up in .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PYTHONHASHSEED := 0

.PHONY: demo test lint typecheck pytest schemas check-schemas npm bench fuzz mutation clean browser-test screenshots

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is required"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,read]'
	touch $@

# Exit code 1 is the point of the demo (the broken copy is invalid); anything else fails.
demo: $(STAMP)
	@$(BIN)/disclosure-schema validate examples/baotou-2021.json examples/baotou-2021-broken.json; \
	code=$$?; if [ $$code -ne 1 ]; then echo "unexpected exit code $$code"; exit 1; fi; \
	echo "(exit code 1: the broken copy is invalid, as intended)"

test: $(STAMP) lint typecheck check-schemas npm pytest

schemas: $(STAMP)
	$(BIN)/python -m disclosure_schema.publish

check-schemas: $(STAMP)
	$(BIN)/python -m disclosure_schema.publish --check

# The JavaScript cross-check (tests/test_integrations_js.py) needs Ajv; skipped without node.
npm: integrations/js/node_modules/.installed
integrations/js/node_modules/.installed: integrations/js/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix integrations/js --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the JavaScript cross-check will be skipped"; fi

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	HYPOTHESIS_PROFILE=ci $(BIN)/pytest -q -rs

# The audit report in headless Chromium (skipped without Chromium or a CJK font: on
# Debian, apt-get install chromium fonts-noto-cjk; .ci/run does).
browser-test: $(STAMP)
	$(BIN)/pytest -q -rs tests/audit/test_browser.py

# The pictures of the audit report in docs/images/, from the bundled examples.
screenshots: $(STAMP)
	$(BIN)/python -m tests.audit.browser

bench: $(STAMP)
	$(BIN)/python bench/validate.py
	$(BIN)/python bench/read.py
	$(BIN)/python bench/compose.py

# The hostile-input harness at full size: hundreds of generated cases and the large
# inputs (15 MB of unknown keys, a 3.6 MB span bomb, a 50 MB page); FUZZ_SEED picks the
# mixtures. Its fast profile runs in `make test`.
fuzz: $(STAMP)
	FUZZ_PROFILE=long $(BIN)/pytest -q -p no:cacheprovider tests/fuzz

# Mutation testing (tests/mutation/mutate.py) of the rule engine, checker, fast path and
# decoder: every mutant by default (about 300: hours on two shared cores); MODULES and
# SAMPLE narrow it, e.g. `make mutation MODULES=decoding.py SAMPLE=20` (2-6 minutes).
# Prints each mutant's outcome and a score per module.
mutation: $(STAMP)
	HYPOTHESIS_PROFILE=ci $(BIN)/python -m tests.mutation.mutate $(if $(SAMPLE),--sample $(SAMPLE)) $(MODULES)

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
