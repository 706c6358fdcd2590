"""Run the chosen metrics, print the table, write results.json."""

from __future__ import annotations

import json
import logging
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from . import machine, table
from .metrics import BY_KEY, KEYS
from .result import Result, failed
from .sizes import FULL, SMOKE

DEFAULT_OUTPUT = Path(__file__).with_name("results.json")
# a smoke run proves the program works; its figures must never replace real ones
SMOKE_OUTPUT = Path(tempfile.gettempdir()) / "sim7080-bench-smoke.json"

log = logging.getLogger(__name__)


def run(
    keys: Iterable[str] | None = None, *, smoke: bool = False, output: Path | None = None, echo=print
) -> dict:
    """Measure `keys` (all by default); return the results.json document, also written to `output`."""
    sizes = SMOKE if smoke else FULL
    chosen = list(keys) if keys else list(KEYS)
    unknown = [key for key in chosen if key not in BY_KEY]
    if unknown:
        raise ValueError(f"unknown metric(s) {unknown}; known: {list(KEYS)}")
    output = Path(output) if output is not None else SMOKE_OUTPUT if smoke else DEFAULT_OUTPUT
    command = _command(chosen, smoke)
    document = {"machine": machine.describe(), "smoke": smoke, "command": command, "metrics": {}}
    if smoke:
        echo("smoke run: tiny sizes, so the figures say nothing about the machine")
    results: list[Result] = []
    run_started = time.perf_counter()
    for key in chosen:
        module = BY_KEY[key]
        echo(f"{key} ...", end=" ", flush=True)
        started = time.perf_counter()
        try:
            result = module.measure(sizes)
        except Exception as exc:  # one broken metric must not hide the others
            log.exception("metric %s failed", key)
            result = failed(key, module.WHAT, module.UNIT, module.GOAL, exc)
        echo(f"{time.perf_counter() - started:.1f} s")
        results.append(result)
        document["metrics"][key] = result.as_json()
    document["seconds"] = round(time.perf_counter() - run_started, 1)
    document["machine"]["load_average_after"] = machine.load_average()
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    echo(table.render(results))
    echo(f"\nwritten to {output}")
    return document


def _command(keys: list[str], smoke: bool) -> str:
    """How to run the same measurement again."""
    parts = [".venv/bin/python -m bench"] if sys.prefix != sys.base_prefix else ["python -m bench"]
    if smoke:
        parts.append("--smoke")
    if keys != list(KEYS):
        parts += ["--only", *keys]
    return " ".join(parts)
