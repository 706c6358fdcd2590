"""paced_goodput: payload bytes/s of `ftp.get` of 64 KiB with the UART paced at 115200 baud.

Fast profile (no command delays, no connect latency) with uart.pacing_baud =
115200, so what is measured is the use of the line, not the realistic
profile's deliberate delays. Baseline: the protocol-limited rate, 11520 B/s ×
payload / (every module-to-host byte of the session: the payload plus the AT
framing around it). The emulator paces that direction only; on a real link
the commands' own line time comes on top (detail: limit_with_commands).
Figure: the best run, B/s (the median in the detail).
"""

from __future__ import annotations

import dataclasses
import time

from emulator.profile import ModuleProfile

from . import wire
from .payloads import payload
from .result import Goal, Result
from .rig import on_emulator
from .sizes import Sizes
from .stats import median

KEY = "paced_goodput"
WHAT = "ftp.get goodput at 115200 baud pacing"
UNIT = "B/s"
GOAL = "≥ 0.95× baseline"
BAUD = 115200
REMOTE = "/bench-paced.bin"


def measure(sizes: Sizes) -> Result:
    size = sizes.paced_bytes
    data = payload(size)
    profile = ModuleProfile()
    profile.uart = dataclasses.replace(profile.uart, pacing_baud=BAUD)
    with on_emulator(profile) as rig:
        # the session parameters go out once, outside the figure, with a one-byte file
        # (the real one would cost seconds of paced line)
        remote = rig.root / REMOTE[1:]
        remote.write_bytes(data[:1])
        rig.ftp.get(REMOTE)
        remote.write_bytes(data)
        rates = [goodput(rig.ftp, data) for _ in range(sizes.paced_runs)]
    rate = wire.line_rate(BAUD)
    to_host = wire.ftpget_to_host(size)
    baseline = rate * size / to_host
    with_commands = rate * size / (to_host + wire.ftpget_to_module(size))
    result = Result(
        KEY,
        WHAT,
        max(rates),
        baseline,
        UNIT,
        Goal(GOAL),
        f"best of {sizes.paced_runs} downloads of {size} bytes; baseline computed",
        detail={
            "median": median(rates),
            "line_bytes_per_payload_byte": to_host / size,
            "limit_with_commands": with_commands,
        },
    )
    result.goal.met = result.ratio >= 0.95
    return result


def goodput(ftp, data: bytes) -> float:
    started = time.perf_counter()
    got = ftp.get(REMOTE)
    elapsed = time.perf_counter() - started
    if got != data:
        raise AssertionError(f"get returned {len(got)} bytes, not the {len(data)} expected")
    return len(data) / elapsed
