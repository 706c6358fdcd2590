"""emulator_start: `Emulator().start()` to the first `OK` on its pty, and `close()`.

Absolute (no baseline). The port is opened raw (no pyserial, no driver), so
the figure is the emulator's: FTP server, pty, loop thread, boot URCs out,
then one `AT` answered. Figure: median of the runs, seconds (worst in detail).
"""

from __future__ import annotations

import os
import time

from emulator.emulator import Emulator

from .result import Goal, Result
from .sizes import Sizes
from .stats import median

KEY = "emulator_start"
WHAT = "Emulator() start to first OK (stop in detail)"
UNIT = "s"
GOAL = "start ≤ 0.3 s"
LIMIT = 0.3
READ_TIMEOUT = 5.0


def measure(sizes: Sizes) -> Result:
    starts, stops = [], []
    for _ in range(sizes.start_runs):
        start, stop = start_and_stop()
        starts.append(start)
        stops.append(stop)
    result = Result(
        KEY,
        WHAT,
        median(starts),
        None,
        UNIT,
        Goal(GOAL),
        f"median of {sizes.start_runs} starts",
        detail={"start_worst": max(starts), "stop": median(stops), "stop_worst": max(stops)},
    )
    result.goal.met = result.value <= LIMIT
    return result


def start_and_stop() -> tuple[float, float]:
    started = time.perf_counter()
    emulator = Emulator().start()
    try:
        port = os.open(emulator.port, os.O_RDWR | os.O_NOCTTY)  # raw already: the emulator set it
        try:
            os.write(port, b"AT\r")
            _read_until(port, b"OK\r\n")  # the boot URCs come first; they are skipped
            start = time.perf_counter() - started
        finally:
            os.close(port)
    finally:
        stopping = time.perf_counter()
        emulator.close()
    return start, time.perf_counter() - stopping


def _read_until(port: int, marker: bytes) -> None:
    received = b""
    deadline = time.monotonic() + READ_TIMEOUT
    os.set_blocking(port, False)
    while marker not in received:
        if time.monotonic() > deadline:
            raise TimeoutError(f"no {marker!r} from the emulator; got {received!r}")
        try:
            received += os.read(port, 4096)
        except BlockingIOError:
            time.sleep(0.0005)
