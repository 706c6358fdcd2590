"""A fault schedule: one FTP operation and the faults it runs under, as data and as TOML.

    [operation]
    name = "get"
    size = 3000

    [[fault]]
    knob = "server.stall"
    args = { seconds = 1.2, command = "RETR", once = true }
    when = "before"

Each fault is {knob, args, when}:

* knob: `server.<method>` for the embedded FTP server's ServerFaults (refuse_login,
  reply, garbage, cut_data, stall, throttle); `emulator.time_scale`; `module.timing`
  (a field of the profile's Timings); `bearer.drop` (the PDP context is lost); any
  other `group.method` is one of the emulator's own knobs (emulator/control/knobs.py:
  `uart.split_writes`, `uart.drop_byte`, `script.inject_urc`, ...), whose own `when`
  table, if any, travels in args;
* args: the knob's keyword arguments; an argument left out is None (`command` left out:
  the greeting; `reply` of cut_data left out: silence);
* when: "before" the operation starts, or "after <n> bytes" of its progress.

Kept apart from the runner (fault_runner.py) so the representation can follow the
emulator's own scenario format (emulator/control/scenario.py: [[knob]] with name, args
and a `when` table) once the two are aligned.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field

BEFORE = "before"
REPLAY_HINT = "python -m tests.fuzz.replay_schedule FILE.toml"


@dataclass(frozen=True)
class Fault:
    knob: str
    args: dict = field(default_factory=dict)
    when: str = BEFORE

    @property
    def after_bytes(self) -> int | None:
        """n for "after <n> bytes"; None for "before"."""
        if self.when == BEFORE:
            return None
        words = self.when.split()
        if len(words) != 3 or words[0] != "after" or words[2] != "bytes" or not words[1].isdigit():
            raise ValueError(f'when is "before" or "after <n> bytes", not {self.when!r}')
        return int(words[1])


@dataclass(frozen=True)
class Operation:
    name: str  # an FtpClient method: get, put, size, ...
    size: int = 0  # bytes of the file the operation reads or writes
    offset: int = 0  # get: AT+FTPREST


@dataclass(frozen=True)
class Schedule:
    operation: Operation
    faults: tuple[Fault, ...] = ()

    def to_toml(self) -> str:
        op = self.operation
        lines = [
            "# sim7080-hil fault schedule; replay without hypothesis:",
            f"#   {REPLAY_HINT}",
            "[operation]",
            f"name = {_value(op.name)}",
            f"size = {op.size}",
        ]
        if op.offset:
            lines.append(f"offset = {op.offset}")
        for fault in self.faults:
            args = ", ".join(f"{key} = {_value(value)}" for key, value in fault.args.items() if value is not None)
            lines += ["", "[[fault]]", f"knob = {_value(fault.knob)}", f"args = {{ {args} }}" if args else "args = {}",
                      f"when = {_value(fault.when)}"]  # fmt: skip
        return "\n".join(lines) + "\n"

    @classmethod
    def from_toml(cls, text: str) -> Schedule:
        data = tomllib.loads(text)
        op = data["operation"]
        operation = Operation(op["name"], op.get("size", 0), op.get("offset", 0))
        faults = tuple(Fault(f["knob"], dict(f.get("args", {})), f.get("when", BEFORE)) for f in data.get("fault", []))
        return cls(operation, faults)


def _value(value) -> str:
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{key} = {_value(item)}" for key, item in value.items()) + " }"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(value)  # a TOML basic string for what a schedule holds (ASCII words)
