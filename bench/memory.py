"""memory: resident memory of one idle emulator, and its growth over a 1 MiB GET.

The emulator runs alone in a fresh subprocess (bench/memory_probe.py) and reads
its own /proc/self/status; this process is the host and drives the GET with the
driver. Idle: VmRSS once started (the interpreter's share before any import is
in the detail). Growth: the peak (VmHWM, reset just before the GET) minus VmRSS
at that moment. Absolute; one run.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from driver import FtpSettings, Modem

from .payloads import payload
from .result import Goal, Result
from .sizes import MiB, Sizes

KEY = "memory"
WHAT = "RSS of one idle emulator (growth over a GET in detail)"
UNIT = "MiB"
GOAL = "≤ 40 MiB idle; ≤ 8 MiB growth"
IDLE_LIMIT = 40 * MiB
GROWTH_LIMIT = 8 * MiB
REMOTE = "/bench-memory.bin"
PROJECT = Path(__file__).resolve().parent.parent


def measure(sizes: Sizes) -> Result:
    data = payload(sizes.memory_bytes)
    with subprocess.Popen(
        [sys.executable, "-m", "bench.memory_probe"],
        cwd=PROJECT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as probe:
        try:
            started, mark, after = _drive(probe, data)
        finally:
            if probe.poll() is None:
                probe.kill()
    idle = started["VmRSS"]
    growth = max(0, after["VmHWM"] - mark["VmRSS"])
    result = Result(
        KEY,
        WHAT,
        idle / MiB,
        None,
        UNIT,
        Goal(GOAL),
        f"one fresh process; growth over a GET of {len(data)} bytes",
        detail={
            "growth_MiB": growth / MiB,
            "interpreter_MiB": started["interpreter"] / MiB,
            "peak_reset": mark["peak_reset"],
        },
    )
    result.goal.met = idle <= IDLE_LIMIT and growth <= GROWTH_LIMIT
    return result


def _drive(probe: subprocess.Popen, data: bytes) -> tuple[dict, dict, dict]:
    """The probe's figures once started, just before the GET (peak reset), and after it."""
    started = _answer(probe)
    endpoint = started["ftp"]
    (Path(endpoint["root"]) / REMOTE[1:]).write_bytes(data)
    with Modem.open(started["port"]) as modem:
        modem.activate_bearer(cid=0)
        settings = FtpSettings(
            host=endpoint["host"], port=endpoint["port"], user=endpoint["user"], password=endpoint["password"]
        )
        ftp = modem.ftp(settings)
        mark = _ask(probe, "mark")
        got = ftp.get(REMOTE)
        after = _ask(probe, "report")
    if got != data:
        raise AssertionError(f"get returned {len(got)} bytes, not the {len(data)} expected")
    probe.stdin.write("quit\n")
    probe.stdin.flush()
    probe.wait(10)
    return started, mark, after


def _ask(probe: subprocess.Popen, command: str) -> dict:
    probe.stdin.write(command + "\n")
    probe.stdin.flush()
    return _answer(probe)


def _answer(probe: subprocess.Popen) -> dict:
    line = probe.stdout.readline()
    if not line:
        raise RuntimeError(f"the memory probe ended (exit code {probe.wait(5)})")
    return json.loads(line)
