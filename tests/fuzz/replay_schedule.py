"""Replay a fault schedule printed by the fuzz test, without hypothesis.

    python -m tests.fuzz.replay_schedule failing.toml

Starts a fresh emulator, runs the schedule once with the same checks as the test,
prints the outcome; an AssertionError (exit status 1) shows what broke.
"""

from __future__ import annotations

import secrets
import sys
from pathlib import Path

from emulator.emulator import Emulator

from .fault_runner import run_schedule
from .schedules import Schedule


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    schedule = Schedule.from_toml(Path(argv[0]).read_text())
    with Emulator() as emulator:
        outcome = run_schedule(emulator, schedule, f"replay-{secrets.token_hex(3)}")
    print(f"{schedule.operation.name}: {outcome.describe()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
