"""The transcript file format: JSON lines, a header first, then one event per read or write.

    {"transcript": "sim7080", "version": 1, "target": "hardware", "revision": "1951B16SIM7080",
     "port": "/dev/ttyUSB2", "test": "hil_tests/test_downloads.py::test_get[1460]",
     "recorded_by": "host", "started": "2025-03-01T02:00:00.000Z", "monotonic": 81234.5,
     "redacted_commands": ["FTPPW", "FTPUN"]}
    {"t": 0.001212, "dir": "to_module", "text": "AT+FTPGET=2,1460\\r"}
    {"t": 0.004870, "dir": "from_module", "b64": "DQorRlRQR0VUOiAyLDE0NjANCgAB…"}

`t` is seconds since the recording began, on the monotonic clock (`monotonic` in the
header is its origin, so two transcripts of one process line up). `dir` says who sent
the bytes. They are `text` when every byte is printable ASCII, CR, LF or TAB, else `b64`.
A line `{"t": …, "header": {…}}` adds header fields learnt later (e.g. the revision).
"""

from __future__ import annotations

import base64
import dataclasses
import json
import re
from dataclasses import dataclass, field
from typing import Any

MAGIC = "sim7080"
VERSION = 1
TO_MODULE = "to_module"  # the host wrote it
FROM_MODULE = "from_module"  # the module sent it
DIRECTIONS = (TO_MODULE, FROM_MODULE)
HOST, MODULE = "host", "module"  # who recorded: the driver's side of the line or the emulator's

_PRINTABLE = re.compile(rb"[\x20-\x7e\r\n\t]*")


class TranscriptError(ValueError):
    """A file that is not a transcript, or a line that is not an event."""


@dataclass(frozen=True)
class Header:
    target: str = ""  # "emulator", "hardware", "replay", …
    revision: str = ""  # firmware revision (AT+CGMR without "Revision:")
    port: str = ""  # the serial port or pyserial URL
    test: str = ""  # the pytest node id, or whatever names the run
    recorded_by: str = HOST
    started: str = ""  # wall-clock start, ISO 8601 UTC: for people, not for arithmetic
    monotonic: float = 0.0  # time.monotonic() at t = 0
    redacted_commands: tuple[str, ...] = ()  # whose values were masked (literal values are not listed)
    extra: dict[str, Any] = field(default_factory=dict)  # fields of later versions, kept as read

    def to_json(self) -> dict[str, Any]:
        body = {"transcript": MAGIC, "version": VERSION}
        for f in dataclasses.fields(self):
            if f.name != "extra":
                value = getattr(self, f.name)
                body[f.name] = list(value) if isinstance(value, tuple) else value
        body.update(self.extra)
        return body

    @classmethod
    def from_json(cls, body: dict[str, Any]) -> Header:
        if body.get("transcript") != MAGIC:
            raise TranscriptError("the first line is not a sim7080 transcript header")
        if body.get("version") != VERSION:
            raise TranscriptError(f"transcript version {body.get('version')!r}; this reader knows {VERSION}")
        return cls().updated(body)

    def updated(self, fields: dict[str, Any]) -> Header:
        known = {f.name for f in dataclasses.fields(self)} - {"extra"}
        changes: dict[str, Any] = {}
        extra = dict(self.extra)
        for name, value in fields.items():
            if name in ("transcript", "version"):
                continue
            if name == "redacted_commands":
                changes[name] = tuple(value)
            elif name in known:
                changes[name] = value
            else:
                extra[name] = value
        return dataclasses.replace(self, **changes, extra=extra)


@dataclass(frozen=True, slots=True)
class Event:
    t: float  # seconds since the recording began
    direction: str  # TO_MODULE or FROM_MODULE
    data: bytes


def is_text(data: bytes) -> bool:
    return _PRINTABLE.fullmatch(data) is not None


def event_line(event: Event) -> str:
    body: dict[str, Any] = {"t": round(event.t, 6), "dir": event.direction}
    if is_text(event.data):
        body["text"] = event.data.decode("ascii")
    else:
        body["b64"] = base64.b64encode(event.data).decode("ascii")
    return json.dumps(body)


def header_line(header: Header) -> str:
    return json.dumps(header.to_json())


def header_update_line(t: float, fields: dict[str, Any]) -> str:
    return json.dumps({"t": round(t, 6), "header": fields})


def parse_body(body: Any) -> Event | dict[str, Any]:
    """One line after the header: an Event, or the header fields it adds."""
    if not isinstance(body, dict) or not isinstance(body.get("t"), int | float):
        raise TranscriptError(f"not an event: {body!r}")
    if "header" in body:
        return dict(body["header"])
    direction = body.get("dir")
    if direction not in DIRECTIONS:
        raise TranscriptError(f"unknown direction {direction!r}")
    if "text" in body:
        data = str(body["text"]).encode("latin-1")
    elif "b64" in body:
        data = base64.b64decode(body["b64"], validate=True)
    else:
        raise TranscriptError(f"an event without bytes: {body!r}")
    return Event(float(body["t"]), direction, data)
