"""Knobs by name ("network.drop_bearer"), for scenario files and the control socket."""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING

from .groups import FtpFaults, ModuleControl, NetworkControl, ScriptControl, TimingControl, UartControl

if TYPE_CHECKING:
    from ..emulator import Emulator

KNOB_GROUPS = {
    "faults": FtpFaults,
    "network": NetworkControl,
    "module": ModuleControl,
    "uart": UartControl,
    "script": ScriptControl,
    "timing": TimingControl,
}
SERVER_GROUP = "server"  # the embedded FTP server's ServerFaults


def _target(emulator: Emulator, name: str):
    group, dot, method = name.partition(".")
    if not dot or method.startswith("_"):
        raise ValueError(f"a knob is named group.method, e.g. network.drop_bearer; got {name!r}")
    if group == SERVER_GROUP:
        if emulator.server is None:
            raise ValueError("server knobs need the embedded FTP server (it was not started)")
        owner = emulator.server.faults
    elif group in KNOB_GROUPS:
        owner = getattr(emulator, group)
    else:
        raise ValueError(f"unknown knob group {group!r}; groups: {sorted([*KNOB_GROUPS, SERVER_GROUP])}")
    function = getattr(owner, method, None)
    if not callable(function) or method.startswith("_"):
        raise ValueError(f"unknown knob {name!r}")
    return function


def call_knob(emulator: Emulator, name: str, args: dict | None = None):
    """Turn the knob `name` with keyword `args` (a `when` table is passed through as is)."""
    function = _target(emulator, name)
    try:
        inspect.signature(function).bind(**(args or {}))
    except TypeError as exc:
        raise ValueError(f"{name}: {exc}") from None
    return function(**(args or {}))


def describe_knobs() -> list[tuple[str, str, str]]:
    """(name, signature, first line of its docstring) of every knob."""
    from ..ftpfaults import ServerFaults

    rows = []
    groups = {**KNOB_GROUPS, SERVER_GROUP: ServerFaults}
    for group, cls in sorted(groups.items()):
        for method, function in inspect.getmembers(cls, inspect.isfunction):
            if method.startswith("_") or method in ("fired", "wait_fired"):
                continue
            signature = str(inspect.signature(function)).replace("(self, ", "(").replace("(self)", "()").replace("'", "")
            doc = (inspect.getdoc(function) or "").split("\n")[0]
            rows.append((f"{group}.{method}", signature, doc))
    return rows
