# First command on a fresh machine: `make emulator` or `make test`.
# Both create .venv and install the project with its test extra; the install
# is redone only when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ARGS ?=

.PHONY: emulator test unit hil hardware-mode clean

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

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
