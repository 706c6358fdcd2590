"""Whether what the host wrote is what the transcript expects.

strict: the bytes are the same, once masked the way the recording masked them (so
`AT+FTPPW="anything"` matches a recorded `AT+FTPPW="***"`).
relaxed: a command line matches by shape (driver.transcript.shapes: quoted strings and
numbers of two or more digits may differ: server, port, paths, offsets); a payload by
length; an escaped payload always.
"""

from __future__ import annotations

from dataclasses import dataclass

from driver.redact import Redactor
from driver.transcript import LINE, PAYLOAD, HostUnit
from driver.transcript.shapes import command_shape

STRICT, RELAXED = "strict", "relaxed"
MODES = (STRICT, RELAXED)


@dataclass(frozen=True, slots=True)
class Verdict:
    matched: bool
    reason: str = ""  # why not; or, for a relaxed match, what differed
    exact: bool = True


@dataclass(frozen=True, slots=True)
class Mismatch:
    """The host wrote something the transcript did not expect; the replay answered ERROR."""

    step: int | None  # the step expected then; None once the transcript was used up
    expected: str
    actual: str
    reason: str

    def __str__(self) -> str:
        where = f"step {self.step}" if self.step is not None else "after the end of the transcript"
        return f"{where}: expected {self.expected}, the host wrote {self.actual} ({self.reason})"


def describe(unit: HostUnit | None) -> str:
    if unit is None:
        return "nothing"
    if unit.kind == LINE:
        return repr(unit.text)
    return f"a {unit.kind} of {len(unit.data)} bytes"


class MatchRules:
    def __init__(self, mode: str, redactor: Redactor) -> None:
        if mode not in MODES:
            raise ValueError(f"replay mode {mode!r}: one of {MODES}")
        self.mode = mode
        self.redactor = redactor

    def compare(self, expected: HostUnit, actual: HostUnit) -> Verdict:
        if expected.kind != actual.kind:
            return Verdict(False, f"a {actual.kind} where a {expected.kind} was recorded")
        seen = self.redactor.redact(actual.data)
        if seen == expected.data:
            return Verdict(True)
        if self.mode == STRICT:
            return Verdict(False, "the bytes differ")
        if expected.kind == LINE:
            want, got = command_shape(expected.text), command_shape(seen.decode("latin-1").rstrip("\r"))
            if want == got:
                return Verdict(True, "values differ", exact=False)
            return Verdict(False, f"shape {got} is not {want}")
        if expected.kind == PAYLOAD and len(seen) != len(expected.data):
            return Verdict(False, f"{len(seen)} bytes where {len(expected.data)} were recorded")
        return Verdict(True, "payload bytes differ", exact=False)
