"""RawPort: a test's own hands on the serial line, byte for byte, without the driver.

Reads wait for an expected number of bytes or a marker, with a deadline; they
never sleep for a fixed time.
"""

from __future__ import annotations

import time

import serial

DEFAULT_TIMEOUT = 10.0


class RawPort:
    def __init__(self, url: str, baudrate: int = 115200) -> None:
        self.serial = serial.serial_for_url(url, baudrate=baudrate, timeout=0.05)
        self.pending = bytearray()  # received, not yet taken by an expectation

    def close(self) -> None:
        self.serial.close()

    def __enter__(self) -> RawPort:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def send(self, data: bytes | str) -> None:
        if isinstance(data, str):
            data = data.encode("latin-1")
        self.serial.write(data)

    def command(self, line: str | bytes) -> None:
        """Send one command line, CR-terminated."""
        self.send((line.encode("latin-1") if isinstance(line, str) else line) + b"\r")

    def _fill(self, deadline: float) -> bool:
        chunk = self.serial.read(self.serial.in_waiting or 1)
        if chunk:
            self.pending += chunk
            return True
        return time.monotonic() < deadline

    def take(self, count: int, timeout: float = DEFAULT_TIMEOUT) -> bytes:
        """Exactly `count` bytes (AssertionError with what came, if they don't)."""
        deadline = time.monotonic() + timeout
        while len(self.pending) < count:
            if not self._fill(deadline):
                raise AssertionError(f"wanted {count} bytes, got {len(self.pending)}: {bytes(self.pending)[-200:]!r}")
        data = bytes(self.pending[:count])
        del self.pending[:count]
        return data

    def expect(self, expected: bytes, timeout: float = DEFAULT_TIMEOUT) -> None:
        """The next bytes on the line are exactly `expected`."""
        got = self.take_or_less(len(expected), timeout)
        assert got == expected, f"expected {expected[:300]!r}\n     got {got[:300]!r}"

    def take_or_less(self, count: int, timeout: float) -> bytes:
        try:
            return self.take(count, timeout)
        except AssertionError:
            data = bytes(self.pending)
            self.pending.clear()
            return data

    def until(self, marker: bytes, timeout: float = DEFAULT_TIMEOUT) -> bytes:
        """Everything up to and including the first `marker`."""
        deadline = time.monotonic() + timeout
        start = 0
        while True:
            index = self.pending.find(marker, start)
            if index >= 0:
                end = index + len(marker)
                data = bytes(self.pending[:end])
                del self.pending[:end]
                return data
            start = max(0, len(self.pending) - len(marker) + 1)
            if not self._fill(deadline):
                raise AssertionError(f"no {marker!r} within {timeout} s; got {bytes(self.pending)[-300:]!r}")

    def ok(self, line: str | bytes, timeout: float = DEFAULT_TIMEOUT) -> None:
        """Send `line` and expect a bare OK (echo off)."""
        self.command(line)
        self.expect(b"\r\nOK\r\n", timeout)

    def urc(self, text: str, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.expect(b"\r\n" + text.encode() + b"\r\n", timeout)

    def sync(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        """`AT` answered by exactly OK: proves nothing else was waiting on the line."""
        self.ok("AT", timeout)
