"""One metric's outcome, as it goes into results.json and the table."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Goal:
    """What the figure should reach. `text` says it; `met` is filled in by the metric."""

    text: str
    met: bool | None = None  # None: nothing to judge (e.g. the run failed)


@dataclass
class Result:
    key: str
    what: str
    value: float | None
    baseline: float | None  # None: an absolute figure, nothing to compare with
    unit: str
    goal: Goal
    statistic: str  # how `value` and `baseline` were taken ("median of 5 runs", ...)
    detail: dict = field(default_factory=dict)  # secondary figures (p99, stop time, growth, ...)
    ratio: float | None = None
    error: str | None = None  # why the metric has no figure

    def __post_init__(self) -> None:
        if self.ratio is None and self.value is not None and self.baseline:
            self.ratio = self.value / self.baseline

    def as_json(self) -> dict:
        entry = asdict(self)
        del entry["key"]
        return entry

    @classmethod
    def from_json(cls, key: str, entry: dict) -> Result:
        fields = dict(entry, key=key, goal=Goal(**entry["goal"]))
        return cls(**fields)


def failed(key: str, what: str, unit: str, goal: str, error: BaseException) -> Result:
    """A metric whose run raised: reported, never silently left out."""
    reason = f"{type(error).__name__}: {error}"
    return Result(key, what, None, None, unit, Goal(goal, None), "not measured", error=reason)


def rate_result(key: str, what: str, unit: str, goal: str, minimum_ratio: float,
                ours: list[float], theirs: list[float], how: str) -> Result:  # fmt: skip
    """A throughput compared with its baseline: best of each side, medians in the detail."""
    from .stats import best_rates

    value, baseline, spread = best_rates(ours, theirs)
    result = Result(key, what, value, baseline, unit, Goal(goal), how, detail=spread)
    result.goal.met = result.ratio >= minimum_ratio
    return result
