"""Scenario files: knobs to turn, written down in TOML so a failure can be replayed.

    # drop the bearer 100 kB into the next download, and make the server slow
    [timing]
    scale = 0.01              # real seconds per module second
    data_urc_repeat = 2.0     # any profile timing

    [[knob]]
    name = "network.drop_bearer"
    cid = 0
    when = { after_bytes = 100000, operation = "get" }

    [[knob]]
    name = "server.throttle"
    bytes_per_second = 20000

Each [[knob]] names a knob (see `sim7080-emulator control PATH list`) and gives
its keyword arguments, inline or in an `args` table.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

from .knobs import call_knob

if TYPE_CHECKING:
    from ..emulator import Emulator


def load(source: str | Path | dict) -> dict:
    if isinstance(source, dict):
        return source
    return tomllib.loads(Path(source).read_text())


def apply(emulator: Emulator, source: str | Path | dict) -> int:
    """Turn every knob of the scenario; returns how many. ValueError names a bad entry."""
    scenario = load(source)
    unknown = set(scenario) - {"timing", "knob"}
    if unknown:
        raise ValueError(f"unknown scenario sections {sorted(unknown)}; expected [timing] and [[knob]]")
    timing = dict(scenario.get("timing", {}))
    if "scale" in timing:
        emulator.timing.scale(timing.pop("scale"))
    if timing:
        emulator.timing.set(**timing)
    knobs = scenario.get("knob", [])
    for index, entry in enumerate(knobs):
        entry = dict(entry)
        name = entry.pop("name", None)
        if not name:
            raise ValueError(f"knob #{index + 1} has no name")
        args = {**entry.pop("args", {}), **entry}
        try:
            call_knob(emulator, name, args)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"knob #{index + 1} ({name}): {exc}") from exc
    return len(knobs)


def dumps(knobs: list[dict], timing: dict | None = None) -> str:
    """A scenario as TOML text (for printing a failing schedule), from {"name": ..., args...}."""
    lines = []
    if timing:
        lines.append("[timing]")
        lines += [f"{key} = {_toml(value)}" for key, value in timing.items()]
        lines.append("")
    for knob in knobs:
        lines.append("[[knob]]")
        lines += [f"{key} = {_toml(value)}" for key, value in knob.items()]
        lines.append("")
    return "\n".join(lines)


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + " }"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    escaped = str(value).replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(ch if 32 <= ord(ch) < 127 or ch in "\\\"" else f"\\u{ord(ch):04x}" for ch in escaped)
    return f'"{escaped}"'
