# First command on a fresh machine: `make emulator` or `make test`.
# Both create .venv and install the project with its test extra; the install
# is redone only when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ARGS ?=

.PHONY: emulator test bench fuzz clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

emulator: $(STAMP)
	$(BIN)/sim7080-emulator $(ARGS)

# The suite twice: against the in-process emulator (with the project's own tests), then in
# hardware mode: emulator and FTP server as separate processes, the suite told only a port.
test: $(STAMP)
	$(BIN)/python -m pytest tests hil_tests -n 2 $(ARGS)
	$(BIN)/python tools/hardware_mode.py -q $(ARGS)

# Performance against same-run baselines; writes bench/results.json (a few minutes).
bench: $(STAMP)
	$(BIN)/python -m bench $(ARGS)

# Long fuzzing run (hypothesis "nightly" profile, no time limit).
fuzz: $(STAMP)
	SIM7080_HYPOTHESIS_PROFILE=nightly $(BIN)/python -m pytest tests/fuzz hil_tests -m fuzz -p no:cacheprovider -o timeout=0 $(ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
