"""TranscriptWriter: one port's traffic into a JSON-lines file, as it happens.

    with TranscriptWriter("run.jsonl", target="hardware", port=url, test="smoke") as rec:
        with Modem.open(url, recorder=rec) as modem:
            rec.update_header(revision=modem.initialize().revision)

Each event is written and flushed at once (the process may die next), secrets masked
on the way (driver.redact). Thread-safe: the channel writes from the caller's thread
and reads on its reader thread. As a recorder it takes the driver's view: `on_read` is
the module's bytes, `on_write` the host's; `record()` names the direction outright.
"""

from __future__ import annotations

import re
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..redact import Redactor, StreamRedactor, current
from .format import (
    DIRECTIONS,
    FROM_MODULE,
    TO_MODULE,
    Event,
    Header,
    event_line,
    header_line,
    header_update_line,
)

_REVISION = re.compile(rb"Revision:\s*([\x21-\x7e]+)")  # the answer to AT+CGMR


class TranscriptWriter:
    def __init__(
        self, path: str | Path, header: Header | None = None, *, redactor: Redactor | None = None, **fields: Any
    ) -> None:
        """`fields` are Header fields (target, revision, port, test, recorded_by).
        `redactor` None: the process's current one, as it is at each write."""
        self.path = Path(path)
        self._origin = time.monotonic()
        names = (redactor or current()).commands
        started = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        self.header = (header or Header()).updated(
            {**fields, "started": started, "monotonic": self._origin, "redacted_commands": names}
        )
        self._streams = {d: StreamRedactor(redactor) for d in DIRECTIONS}
        self._held_since: dict[str, float | None] = dict.fromkeys(DIRECTIONS)
        self._lock = threading.Lock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file = self.path.open("w", encoding="ascii", newline="\n", buffering=1)
        self._file.write(header_line(self.header) + "\n")
        self._lines = 1
        self.events = 0

    # -- the driver's view ------------------------------------------------------------

    def on_read(self, data: bytes) -> None:
        self.record(FROM_MODULE, data)

    def on_write(self, data: bytes) -> None:
        self.record(TO_MODULE, data)

    def location(self) -> str:
        """Where the latest event is: quoted by the driver's timeout messages."""
        return f"{self.path}:{self._lines}"

    # -- any view ------------------------------------------------------------------------

    def record(self, direction: str, data: bytes) -> None:
        """Events are written in the order they are recorded; bytes held back because they
        may start a secret go out with the next bytes of their direction, stamped with the
        time they arrived."""
        with self._lock:
            now = time.monotonic()  # taken under the lock: the file's order is the time order
            if self._file.closed:
                return
            stream = self._streams[direction]
            # bytes held back (a possible secret) keep the time they arrived
            since = self._held_since[direction] or now
            released = stream.feed(data)
            if released:
                self._write(Event(since - self._origin, direction, released))
                self._held_since[direction] = now if stream.holding else None
                if direction == FROM_MODULE and not self.header.revision:
                    self._learn_revision(released)
            else:
                self._held_since[direction] = since

    def update_header(self, **fields: Any) -> None:
        """Header fields learnt after the start (e.g. `revision=`); readers merge them."""
        with self._lock:
            if not self._file.closed:
                self._update_header(fields)

    def _update_header(self, fields: dict[str, Any]) -> None:
        self.header = self.header.updated(fields)
        self._file.write(header_update_line(time.monotonic() - self._origin, fields) + "\n")
        self._lines += 1

    def _learn_revision(self, data: bytes) -> None:
        # not given by the caller: the module says it when asked (AT+CGMR), so a hardware
        # transcript names its firmware without anyone passing it
        found = _REVISION.search(data)
        if found is not None:
            self._update_header({"revision": found.group(1).decode("ascii")})

    def close(self) -> None:
        with self._lock:
            if self._file.closed:
                return
            for direction, stream in self._streams.items():
                rest = stream.flush()
                if rest:
                    since = self._held_since[direction] or time.monotonic()
                    self._write(Event(since - self._origin, direction, rest))
            self._file.close()

    @property
    def closed(self) -> bool:
        return self._file.closed

    def __enter__(self) -> TranscriptWriter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _write(self, event: Event) -> None:
        self._file.write(event_line(event) + "\n")
        self._lines += 1
        self.events += 1
