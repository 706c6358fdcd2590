"""at_rtt: `AT` -> `OK` through the driver, to the emulator and to a minimal responder.

Both ends sit behind a raw pty and the same AtChannel; the round trips of the
two are taken turn about in rounds, so drift hits both. Figure: the median
(p99 in the detail), in microseconds.
"""

from __future__ import annotations

import time

from .answers import ok_to_everything
from .result import Goal, Result
from .rig import on_emulator, on_responder
from .sizes import Sizes
from .stats import median, percentile

KEY = "at_rtt"
WHAT = "AT -> OK through the driver over a pty"
UNIT = "µs"
GOAL = "median ≤ 2× baseline"
WARMUP = 50
ROUNDS = 10  # the samples of each side come in this many alternating rounds


def measure(sizes: Sizes) -> Result:
    with on_emulator() as emulator, on_responder(ok_to_everything) as responder:
        emulator_samples: list[float] = []
        responder_samples: list[float] = []
        per_round = max(1, sizes.at_samples // ROUNDS)
        _round_trips(emulator.modem.channel, WARMUP)
        _round_trips(responder.modem.channel, WARMUP)
        for _ in range(ROUNDS):
            emulator_samples += _round_trips(emulator.modem.channel, per_round)
            responder_samples += _round_trips(responder.modem.channel, per_round)
    value, baseline = median(emulator_samples) * 1e6, median(responder_samples) * 1e6
    result = Result(
        KEY,
        WHAT,
        value,
        baseline,
        UNIT,
        Goal(GOAL),
        f"median of {len(emulator_samples)} round trips per side, alternating rounds",
        detail={
            "p99": percentile(emulator_samples, 0.99) * 1e6,
            "baseline_p99": percentile(responder_samples, 0.99) * 1e6,
            "p99_ratio": percentile(emulator_samples, 0.99) / percentile(responder_samples, 0.99),
        },
    )
    result.goal.met = result.ratio <= 2.0
    return result


def _round_trips(channel, count: int) -> list[float]:
    samples = []
    clock = time.perf_counter
    for _ in range(count):
        started = clock()
        channel.command("AT")
        samples.append(clock() - started)
    return samples
