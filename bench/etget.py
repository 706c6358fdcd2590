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
from .result import Goal, Result
from .rig import on_emulator, on_responder
from .sizes import MiB, Sizes
from .stats import alternate, best_rates

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
    value, baseline, spread = best_rates(ours, theirs)
    result = Result(
        KEY,
        WHAT,
        value,
        baseline,
        UNIT,
        Goal(GOAL),
        f"best of {sizes.runs} downloads of {sizes.etget_bytes} bytes per side, alternating",
        detail=spread,
    )
    result.goal.met = result.ratio >= 0.5
    return result


def transparent_rate(ftp, data: bytes) -> float:
    started = time.perf_counter()
    got = ftp.get_transparent(REMOTE)
    elapsed = time.perf_counter() - started
    if got != data:
        raise AssertionError(f"get_transparent returned {len(got)} bytes, not the {len(data)} expected")
    return len(data) / MiB / elapsed
