"""The hook for recording the traffic, and the trivial recorder.

The channel calls `on_read(bytes)` for every piece it receives and `on_write(bytes)` for
every piece it sends. Anything with those methods can be a recorder; `location()`, when
present, is quoted in timeout messages.

MemoryTranscript keeps time-stamped pieces in a list, secrets masked (see driver.redact):
a piece that may hold the start of a secret shows once its line is complete.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Protocol

from ..redact import StreamRedactor


class Recorder(Protocol):
    def on_read(self, data: bytes) -> None: ...

    def on_write(self, data: bytes) -> None: ...


@dataclass(frozen=True, slots=True)
class Piece:
    at: float  # time.monotonic()
    direction: str  # "read" (module to host) or "write" (host to module)
    data: bytes


class MemoryTranscript:
    def __init__(self) -> None:
        self.pieces: list[Piece] = []
        self._lock = threading.Lock()
        self._redactors = {"read": StreamRedactor(), "write": StreamRedactor()}

    def on_read(self, data: bytes) -> None:
        self._add("read", data)

    def on_write(self, data: bytes) -> None:
        self._add("write", data)

    def location(self) -> str:
        return f"in-memory transcript, piece {len(self.pieces)}"

    def read_bytes(self) -> bytes:
        return b"".join(p.data for p in self.pieces if p.direction == "read")

    def written_bytes(self) -> bytes:
        return b"".join(p.data for p in self.pieces if p.direction == "write")

    def _add(self, direction: str, data: bytes) -> None:
        with self._lock:
            released = self._redactors[direction].feed(data)
            if released:
                self.pieces.append(Piece(time.monotonic(), direction, released))
