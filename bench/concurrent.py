"""concurrent: N emulators in one process, each getting and putting 256 KiB at the same time.

Each emulator has its own FTP server, pty and driver (Modem on its own reader
thread); started, connected and warmed up before the clock starts. At a
barrier every host thread does ftp.get then ftp.put of its own files; the
figure is the aggregate payload rate (N × 2 × size / wall time, MiB/s) at
N = 20 against N = 1 in the same run. The goal is exactness: every byte of
every transfer, both ways, checked. Figure: the best run at each N (medians
in the detail).
"""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import dataclass

from .payloads import payload
from .result import Goal, Result
from .rig import on_emulator
from .sizes import MiB, Sizes
from .stats import best_rates

KEY = "concurrent"
WHAT = "N emulators, each ftp.get + ftp.put at once: aggregate rate"
UNIT = "MiB/s"
GOAL = "all exact at N = 20"
BARRIER_TIMEOUT = 60.0


def measure(sizes: Sizes) -> Result:
    count = sizes.concurrent_emulators
    data = payload(sizes.concurrent_bytes)
    runs = sizes.concurrent_runs
    single = [aggregate_rate(1, data) for _ in range(runs)]
    many = [aggregate_rate(count, data) for _ in range(runs)]
    exact = sum(r.exact for r in many)
    failures = [failure for r in single + many for failure in r.failures]
    value, baseline, spread = best_rates([r.rate for r in many], [r.rate for r in single])
    result = Result(
        KEY,
        WHAT,
        value,
        baseline,
        UNIT,
        Goal(GOAL.replace("20", str(count))),
        f"best of {runs} runs at N = {count} and at N = 1 ({len(data)} bytes each way)",
        detail={"N": count, "exact_transfers": exact, "transfers": 2 * count * runs, **spread},
    )
    if failures:
        result.detail["failures"] = len(failures)
        result.detail["first_failure"] = failures[0][:200]
    result.goal.met = exact == 2 * count * runs and all(r.exact == 2 for r in single)
    return result


@dataclass
class Round:
    rate: float  # MiB/s over all hosts
    exact: int  # transfers (of 2 × N) whose bytes came out exact
    failures: list[str]  # errors raised by hosts


def aggregate_rate(count: int, data: bytes) -> Round:
    """One round: N emulators started afresh, every host's get and put at once."""
    with contextlib.ExitStack() as stack:
        rigs = [stack.enter_context(on_emulator()) for _ in range(count)]
        for index, rig in enumerate(rigs):
            (rig.root / f"get-{index}.bin").write_bytes(data)
            rig.ftp.size(f"/get-{index}.bin")  # session parameters out before the clock starts
        barrier = threading.Barrier(count + 1)
        outcomes: list[BaseException | bool | None] = [None] * count

        def host(index: int) -> None:
            rig = rigs[index]
            try:
                barrier.wait(BARRIER_TIMEOUT)
                got = rig.ftp.get(f"/get-{index}.bin")
                rig.ftp.put(f"/put-{index}.bin", data)
                outcomes[index] = got == data  # the put is checked on the server's disk below
            except Exception as exc:  # counted as not exact, and reported
                outcomes[index] = exc

        threads = [threading.Thread(target=host, args=(i,), name=f"bench-host-{i}") for i in range(count)]
        for thread in threads:
            thread.start()
        barrier.wait(BARRIER_TIMEOUT)
        started = time.perf_counter()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        failures = [repr(outcome) for outcome in outcomes if isinstance(outcome, BaseException)]
        gets = sum(outcome is True for outcome in outcomes)
        puts = sum(_stored(rig.root / f"put-{i}.bin", data) for i, rig in enumerate(rigs))
    return Round(count * 2 * len(data) / MiB / elapsed, gets + puts, failures)


def _stored(path, data: bytes) -> bool:
    return path.exists() and path.read_bytes() == data
