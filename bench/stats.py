"""How repeated timings become one figure.

Throughputs are reported as the best run of each side: the noise of a shared
machine only ever slows a run down, so the best is the closest to what each
side can do, and both sides get the same treatment. The medians and their
ratio go into the detail, so a reader can see how wide the spread was.
Latencies (at_rtt) are reported as medians and p99, as the issue asks.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable

BEST_OF = "best"  # how throughput figures are taken, for the statistic text


def median(values: list[float]) -> float:
    return statistics.median(values)


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile: the smallest sample with `fraction` of all at or below it."""
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def alternate(
    first: Callable[[], float], second: Callable[[], float], runs: int
) -> tuple[list[float], list[float]]:
    """Run the two measurements turn about, `runs` times each.

    Interleaving puts both under the same drift of a shared machine, so their
    ratio holds even when the absolute figures wander.
    """
    a, b = [], []
    for _ in range(runs):
        a.append(first())
        b.append(second())
    return a, b


def best_rates(ours: list[float], theirs: list[float]) -> tuple[float, float, dict]:
    """(best of ours, best of theirs, the medians and their ratio for the detail)."""
    mine, base = median(ours), median(theirs)
    return max(ours), max(theirs), {"median": mine, "baseline_median": base, "median_ratio": mine / base}
