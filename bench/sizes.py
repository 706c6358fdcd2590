"""How big and how many: the full run, and the smoke run that only proves the program works."""

from __future__ import annotations

from dataclasses import dataclass

KiB = 1024
MiB = 1024 * KiB


@dataclass(frozen=True)
class Sizes:
    at_samples: int = 2000  # AT round trips per side
    ftpget_bytes: int = 1 * MiB
    etget_bytes: int = 8 * MiB
    engine_bytes: int = 32 * MiB
    paced_bytes: int = 64 * KiB
    concurrent_bytes: int = 256 * KiB
    concurrent_emulators: int = 20
    concurrent_runs: int = 3  # each run starts N emulators afresh
    memory_bytes: int = 1 * MiB
    start_runs: int = 10
    runs: int = 9  # repetitions of each throughput measurement (and of its baseline)
    engine_runs: int = 15  # a 32 MiB engine download takes ~60 ms: cheap to repeat, noisy alone
    paced_runs: int = 3  # a paced 64 KiB transfer takes ~6 s
    suite_args: tuple[str, ...] = ()  # extra pytest arguments for the suite run


FULL = Sizes()

# Every code path once, with sizes that cost milliseconds; no figure of it means anything.
SMOKE = Sizes(
    at_samples=20,
    ftpget_bytes=4 * KiB,
    etget_bytes=4 * KiB,
    engine_bytes=16 * KiB,
    paced_bytes=2 * KiB,  # at 115200 baud: ~0.2 s
    concurrent_bytes=4 * KiB,
    concurrent_emulators=2,
    concurrent_runs=1,
    memory_bytes=16 * KiB,
    start_runs=2,
    runs=1,
    engine_runs=1,
    paced_runs=1,
    suite_args=("--collect-only",),  # the subprocess and its timing, without the suite's minute
)
