"""suite: wall time of `pytest hil_tests` against the emulator, one process, no xdist.

Run as a subprocess from the project root, with no PYTEST_* variables of the
caller (a bench run under pytest must not pass its own options on). Absolute.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from .result import Goal, Result
from .sizes import Sizes

KEY = "suite"
WHAT = "pytest hil_tests (emulator, no xdist)"
UNIT = "s"
GOAL = "≤ 60 s"
LIMIT = 60.0
PROJECT = Path(__file__).resolve().parent.parent
COMMAND = ("-m", "pytest", "hil_tests", "-p", "no:cacheprovider", "-q")


def measure(sizes: Sizes) -> Result:
    environment = {name: value for name, value in os.environ.items() if not name.startswith("PYTEST_")}
    started = time.perf_counter()
    finished = subprocess.run(
        [sys.executable, *COMMAND, *sizes.suite_args],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    summary = (finished.stdout.strip().splitlines() or [""])[-1]
    result = Result(
        KEY,
        WHAT,
        elapsed,
        None,
        UNIT,
        Goal(GOAL),
        "one run" + (f" with {' '.join(sizes.suite_args)}" if sizes.suite_args else ""),
        detail={"exit_code": finished.returncode, "summary": summary},
    )
    # a suite that fails has no time worth comparing
    result.goal.met = finished.returncode == 0 and elapsed <= LIMIT
    return result
