"""ftpget_1mib: `ftp.get` of 1 MiB (fast profile) against the same exchange from a minimal responder.

The responder answers AT+FTPGET=1 and every AT+FTPGET=2,1460 at once from a
file it holds whole; the emulator's answers wait on its FTP worker and its
loop. Same driver, same byte pattern. Figure: the best run of each
side, MiB/s (medians in the detail).
"""

from __future__ import annotations

import time

from .answers import FtpGetAnswers
from .payloads import payload
from .result import Result, rate_result
from .rig import on_emulator, on_responder
from .sizes import MiB, Sizes
from .stats import alternate

KEY = "ftpget_1mib"
WHAT = "ftp.get throughput, fast profile"
UNIT = "MiB/s"
GOAL = "≥ 0.5× baseline"
REMOTE = "/bench-get.bin"


def measure(sizes: Sizes) -> Result:
    data = payload(sizes.ftpget_bytes)
    with on_emulator() as emulator, on_responder(FtpGetAnswers(data)) as responder:
        (emulator.root / REMOTE[1:]).write_bytes(data)
        # the first get also sends the session parameters; not part of the figure
        download_rate(emulator.ftp, data)
        download_rate(responder.ftp, data)
        ours, theirs = alternate(
            lambda: download_rate(emulator.ftp, data), lambda: download_rate(responder.ftp, data), sizes.runs
        )
    how = f"best of {sizes.runs} downloads of {sizes.ftpget_bytes} bytes per side, alternating"
    return rate_result(KEY, WHAT, UNIT, GOAL, 0.5, ours, theirs, how)


def download_rate(ftp, data: bytes) -> float:
    """MiB/s of one ftp.get; the bytes must come back exact."""
    started = time.perf_counter()
    got = ftp.get(REMOTE)
    elapsed = time.perf_counter() - started
    if got != data:
        raise AssertionError(f"get returned {len(got)} bytes, not the {len(data)} expected")
    return len(data) / MiB / elapsed
