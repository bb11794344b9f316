# Set-up and checks. `make run` and `make test` create .venv on first use, from the lock.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements.lock
LOG := $(VENV)/install.log
# pip-tools writes the lock; its own version is pinned so the lock's format does not drift.
PIP_TOOLS := pip-tools==7.6.2
PIP := --disable-pip-version-check --no-input

.PHONY: run test lint typecheck unit fuzz format units rules lock test-latest bench bench-check clean

$(STAMP): pyproject.toml $(LOCK)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null \
	  || { echo "govplan: $(PYTHON) is $$($(PYTHON) --version 2>/dev/null || echo 'not found'); Python 3.11 or newer is needed (make PYTHON=python3.12 ...)" >&2; exit 2; }
	@$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null \
	  || { echo "govplan: $(PYTHON) has no venv module; install it (Debian/Ubuntu: apt-get install python3-venv)" >&2; exit 2; }
	@echo "govplan: creating $(VENV) with $$($(PYTHON) --version)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "govplan: installing the locked packages from $(LOCK) (log: $(LOG))"
	@$(BIN)/python -m pip install $(PIP) --require-hashes --no-deps --no-compile -r $(LOCK) >$(LOG) 2>&1 \
	  || { tail -n 20 $(LOG) >&2; echo "govplan: installing from $(LOCK) failed; the whole log is $(LOG)" >&2; exit 2; }
	@echo "govplan: installing govplan itself (editable)"
	@$(BIN)/python -m pip install $(PIP) --no-deps --no-build-isolation -e . >>$(LOG) 2>&1 \
	  || { tail -n 20 $(LOG) >&2; echo "govplan: installing govplan failed; the whole log is $(LOG)" >&2; exit 2; }
	@touch $(STAMP)
	@echo "govplan: ready ($(BIN)/govplan)"

# Packages are installed without compiling them all (most of pip's, setuptools' and mypy's
# modules are never imported); what is imported is compiled on first use, and run and unit
# write that bytecode even where PYTHONDONTWRITEBYTECODE is set, so it happens once.
run: $(STAMP)
	PYTHONDONTWRITEBYTECODE= $(BIN)/govplan check plans/gongshu-2022.yaml

test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check govplan tests bench
	$(BIN)/ruff format --check govplan tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

# The suite starts many Python processes; with bytecode written, each compiles nothing twice.
unit: $(STAMP)
	PYTHONDONTWRITEBYTECODE= $(BIN)/pytest -n auto

# The property tests at 20 times their examples (several minutes); not part of CI.
fuzz: $(STAMP)
	GOVPLAN_FUZZ=20 $(BIN)/pytest -q -n auto $$(grep -l "@given" tests/*.py)

format: $(STAMP)
	$(BIN)/ruff format govplan tests bench
	$(BIN)/ruff check --fix govplan tests bench

# After editing govplan/units.txt: pint's answers for its names, shipped as unitfacts.json
# (a test fails until this is run).
units: $(STAMP)
	$(BIN)/python -c 'from govplan.units import write_facts_table; write_facts_table()'

# After adding or editing a finding code in govplan/codes.py: docs/rules.md, written from it
# (a test fails until this is run).
rules: $(STAMP)
	$(BIN)/python -c 'from govplan.codes import rules_markdown; import pathlib; pathlib.Path("docs/rules.md").write_text(rules_markdown(), encoding="utf-8")'

# Refresh the lock from pyproject.toml's ranges: the newest versions they admit, with hashes.
lock:
	@rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	@.venv-lock/bin/python -m pip install $(PIP) --quiet $(PIP_TOOLS)
	.venv-lock/bin/pip-compile --quiet --upgrade --extra dev --all-build-deps --generate-hashes \
	  --allow-unsafe --strip-extras --output-file $(LOCK) pyproject.toml
	@rm -rf .venv-lock
	@echo "govplan: $(LOCK) refreshed; run 'make test' before committing it"

# Tomorrow's versions: a throwaway environment from the newest releases, the whole suite in it.
# Not part of CI (CI must not depend on the day); run it before moving the lock.
test-latest:
	@rm -rf .venv-latest && $(PYTHON) -m venv .venv-latest
	@echo "govplan: installing the newest releases into .venv-latest"
	@.venv-latest/bin/python -m pip install $(PIP) --quiet --upgrade pip setuptools >/dev/null
	@.venv-latest/bin/python -m pip install $(PIP) --quiet --upgrade -e '.[dev]' >.venv-latest/install.log 2>&1 \
	  || { tail -n 20 .venv-latest/install.log >&2; exit 2; }
	@.venv-latest/bin/python -m pip freeze --exclude-editable | sed 's/^/  /'
	.venv-latest/bin/ruff check govplan tests bench
	.venv-latest/bin/ruff format --check govplan tests bench
	.venv-latest/bin/mypy
	.venv-latest/bin/pytest

# Benchmarks against their yardsticks (several minutes); writes docs/performance.md.
bench: $(STAMP)
	@$(BIN)/python -m pip install $(PIP) --quiet check-jsonschema >>$(LOG) 2>&1
	$(BIN)/python bench/run.py

# The same measurements, compared with the committed docs/performance.md: exit 1 when a
# goal's ratio is more than 10% worse (outside the unit tests: timings are not assertions).
bench-check: $(STAMP)
	@$(BIN)/python -m pip install $(PIP) --quiet check-jsonschema >>$(LOG) 2>&1
	$(BIN)/python bench/run.py --check

clean:
	rm -rf $(VENV) .venv-lock .venv-latest .mypy_cache .pytest_cache .ruff_cache .hypothesis
