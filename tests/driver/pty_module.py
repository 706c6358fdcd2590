"""PtyModule: the far end of a real pty pair, answering the driver like a module would.

A handler gets each command line the host sends (without its CR) and answers
with `write()`; it may take an upload payload with `read_exact()` or
`read_escaped()`. Writes go out in small pieces on purpose, so the driver sees
replies split at arbitrary points. Whatever goes wrong on this side (an
unexpected line, a handler error) is collected in `errors` for the test to check.

`Script` is the usual handler: the exchange as a list of steps, narrated like
the application note.
"""

from __future__ import annotations

import contextlib
import os
import select
import threading
import tty
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from driver.escaping import DLE, ETX

PIECE = 7  # bytes per write to the pty, so replies reach the driver in fragments
WAIT = 10.0  # seconds a test waits for the module side before failing


class ModuleSideClosed(Exception):
    pass


class PtyModule:
    def __init__(
        self, handler: Callable[[PtyModule, bytes], None] | None = None, *, piece: int = PIECE
    ) -> None:
        self._master, self._slave = os.openpty()
        tty.setraw(self._master)
        tty.setraw(self._slave)
        self.port = os.ttyname(self._slave)  # the path the driver opens
        self.handler = handler
        self.piece = piece
        self.lines: list[bytes] = []  # every command line received
        self.errors: list[str] = []
        self._buf = bytearray()
        self._stop_r, self._stop_w = os.pipe()
        self._write_lock = threading.Lock()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="pty-module", daemon=True)
        self._thread.start()

    # -- for handlers and tests ------------------------------------------------------

    def write(self, data: bytes, piece: int | None = None) -> None:
        """Send bytes to the driver, in pieces of `piece` bytes."""
        step = piece or self.piece
        view = memoryview(data)
        with self._write_lock:
            for start in range(0, len(view), step):
                chunk = view[start : start + step]
                while chunk:
                    _, writable, _ = select.select([], [self._master], [], WAIT)
                    if not writable:
                        raise ModuleSideClosed("the driver stopped reading")
                    written = os.write(self._master, chunk)
                    chunk = chunk[written:]

    def read_line(self) -> bytes:
        """The next host line up to CR (the CR dropped)."""
        while True:
            at = self._buf.find(b"\r")
            if at >= 0:
                line = bytes(self._buf[:at])
                del self._buf[: at + 1]
                return line
            self._fill()

    def read_exact(self, count: int) -> bytes:
        while len(self._buf) < count:
            self._fill()
        data = bytes(self._buf[:count])
        del self._buf[:count]
        return data

    def read_escaped(self) -> bytes:
        """A DLE/ETX-escaped payload up to its bare ETX, decoded."""
        out = bytearray()
        while True:
            while not self._buf:
                self._fill()
            byte = self._buf.pop(0)
            if byte == ETX:
                return bytes(out)
            if byte == DLE:
                while not self._buf:
                    self._fill()
                byte = self._buf.pop(0)
            out.append(byte)

    def close(self) -> None:
        """Stop answering and close both ends (the driver's reads then fail). Idempotent."""
        if self._closed:
            return
        self._closed = True
        os.write(self._stop_w, b"x")
        self._thread.join(WAIT)
        for fd in (self._master, self._slave, self._stop_r, self._stop_w):
            with contextlib.suppress(OSError):
                os.close(fd)

    def __enter__(self) -> PtyModule:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- the module's thread -----------------------------------------------------------

    def _fill(self) -> None:
        readable, _, _ = select.select([self._master, self._stop_r], [], [])
        if self._stop_r in readable:
            raise ModuleSideClosed()
        try:
            data = os.read(self._master, 65536)
        except OSError:
            data = b""
        if not data:
            raise ModuleSideClosed()
        self._buf += data

    def _run(self) -> None:
        try:
            while True:
                line = self.read_line()
                self.lines.append(line)
                if self.handler is None:
                    self.errors.append(f"no handler for {line!r}")
                    continue
                try:
                    self.handler(self, line)
                except ModuleSideClosed:
                    raise
                except Exception as exc:  # reported by the test, not lost in a thread
                    self.errors.append(f"handler failed on {line!r}: {exc!r}")
        except ModuleSideClosed:
            pass


@dataclass
class Step:
    """The host sends `line`; the module answers `reply`. With `payload` (a byte
    count, or "escaped"), it then takes that payload and answers `after`."""

    line: bytes
    reply: bytes = b""
    payload: int | str | None = None
    after: bytes = b""
    received: bytes | None = field(default=None)


class Script:
    """A handler playing the steps in order; any other line is an error (answered ERROR)."""

    def __init__(self, *steps: Step, echo: bool = False) -> None:
        self.steps = deque(steps)
        self.done: list[Step] = []
        self.echo = echo

    def add(self, *steps: Step) -> None:
        self.steps.extend(steps)

    def __call__(self, module: PtyModule, line: bytes) -> None:
        if self.echo:
            module.write(line + b"\r")
        if not self.steps:
            module.errors.append(f"unexpected line {line!r} after the script ended")
            module.write(b"\r\nERROR\r\n")
            return
        step = self.steps[0]
        if line != step.line:
            module.errors.append(f"expected {step.line!r}, got {line!r}")
            module.write(b"\r\nERROR\r\n")
            return
        self.steps.popleft()
        module.write(step.reply)
        if step.payload == "escaped":
            step.received = module.read_escaped()
        elif step.payload is not None:
            step.received = module.read_exact(step.payload)
        module.write(step.after)
        self.done.append(step)

    @property
    def finished(self) -> bool:
        return not self.steps
