"""The results as a plain-text table (also the body of RESULTS.md)."""

from __future__ import annotations

from .result import Result

HEADER = ("metric", "value", "baseline", "ratio", "goal", "met", "more")


def render(results: list[Result]) -> str:
    rows = [HEADER] + [_row(result) for result in results]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADER))]
    lines = [" | ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "-+-".join("-" * width for width in widths))
    return "\n".join(lines)


def markdown(results: list[Result]) -> str:
    rows = [HEADER] + [_row(result) for result in results]
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    lines.insert(1, "|" + "---|" * len(HEADER))
    return "\n".join(lines)


def _row(result: Result) -> tuple[str, ...]:
    unit = result.unit
    if result.error:
        return (result.key, "—", "—", "—", result.goal.text, "error", result.error[:80])
    met = {True: "yes", False: "NO", None: "—"}[result.goal.met]
    ratio = "—" if result.ratio is None else f"{result.ratio:.3f}"
    baseline = "—" if result.baseline is None else f"{number(result.baseline)} {unit}"
    more = ", ".join(f"{name} {number(value)}" for name, value in result.detail.items())
    return (result.key, f"{number(result.value)} {unit}", baseline, ratio, result.goal.text, met, more)


def number(value) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, int):
        return str(value)
    magnitude = abs(value)
    if magnitude >= 1000:
        return f"{value:,.0f}"
    if magnitude >= 100:
        return f"{value:.0f}"
    if magnitude >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}"
