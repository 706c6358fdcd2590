"""Reading a transcript file back: `read_transcript(path)` -> Transcript(header, events)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .format import FROM_MODULE, TO_MODULE, Event, Header, TranscriptError, parse_body


@dataclass(frozen=True)
class Transcript:
    header: Header
    events: tuple[Event, ...]
    path: str | None = None
    # the last line was cut off: the writer stopped mid-line (a killed process)
    truncated: bool = False

    def bytes_to_module(self) -> bytes:
        return b"".join(e.data for e in self.events if e.direction == TO_MODULE)

    def bytes_from_module(self) -> bytes:
        return b"".join(e.data for e in self.events if e.direction == FROM_MODULE)

    @property
    def duration(self) -> float:
        return self.events[-1].t if self.events else 0.0


def read_transcript(path: str | Path) -> Transcript:
    with Path(path).open(encoding="ascii", errors="replace", newline="\n") as file:
        return parse_transcript(file, str(path))


def parse_transcript(lines: Iterable[str], path: str | None = None) -> Transcript:
    """Parse JSON lines; a bad last line counts as cut off, a bad line before it is an error."""
    rows = [line for line in lines if line.strip()]
    if not rows:
        raise TranscriptError(f"{path or 'transcript'} is empty")
    header = Header.from_json(_load(rows[0], path, 1))
    events: list[Event] = []
    truncated = False
    for number, row in enumerate(rows[1:], start=2):
        try:
            item = parse_body(_load(row, path, number))
        except TranscriptError:
            if number == len(rows) and not row.endswith("\n"):
                truncated = True
                break
            raise
        if isinstance(item, Event):
            events.append(item)
        else:
            header = header.updated(item)
    return Transcript(header, tuple(events), path, truncated)


def _load(row: str, path: str | None, number: int):
    try:
        return json.loads(row)
    except json.JSONDecodeError as exc:
        raise TranscriptError(f"{path or 'transcript'} line {number}: {exc}") from None
