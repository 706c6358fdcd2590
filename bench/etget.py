"""etget_8mib: `ftp.get_transparent` of 8 MiB against raw pty streaming of the same escaped bytes.

The responder writes OK, `+FTPETGET: 1,1`, the escaped file, ETX and
`+FTPETGET: 1,0` as one prepared stream, as fast as the pty takes it; the
driver reads and decodes both the same way. Figure: the best run of each side, MiB/s
(medians in the detail).
"""

from __future__ import annotations

import time

from .answers import FtpEtGetAnswers
from .payloads import payload
from .result import Result, rate_result
from .rig import on_emulator, on_responder
from .sizes import MiB, Sizes
from .stats import alternate

KEY = "etget_8mib"
WHAT = "ftp.get_transparent throughput"
UNIT = "MiB/s"
GOAL = "≥ 0.5× baseline"
REMOTE = "/bench-etget.bin"


def measure(sizes: Sizes) -> Result:
    data = payload(sizes.etget_bytes)
    with on_emulator() as emulator, on_responder(FtpEtGetAnswers(data)) as responder:
        (emulator.root / REMOTE[1:]).write_bytes(data)
        transparent_rate(emulator.ftp, data)
        transparent_rate(responder.ftp, data)
        ours, theirs = alternate(
            lambda: transparent_rate(emulator.ftp, data),
            lambda: transparent_rate(responder.ftp, data),
            sizes.runs,
        )
    how = f"best of {sizes.runs} downloads of {sizes.etget_bytes} bytes per side, alternating"
    return rate_result(KEY, WHAT, UNIT, GOAL, 0.5, ours, theirs, how)


def transparent_rate(ftp, data: bytes) -> float:
    started = time.perf_counter()
    got = ftp.get_transparent(REMOTE, verify=False)  # the transfer alone; the responder has no SIZE
    elapsed = time.perf_counter() - started
    if got != data:
        raise AssertionError(f"get_transparent returned {len(got)} bytes, not the {len(data)} expected")
    return len(data) / MiB / elapsed
