"""Two ways a test plays the host: straight into a ModuleCore, or over a serial port."""

from __future__ import annotations

import time

from emulator.core import ModuleCore
from emulator.core.outputs import Send
from emulator.profile import ModuleProfile

OK = b"\r\nOK\r\n"
ERROR = b"\r\nERROR\r\n"
BOOT_URCS = b"\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\nSMS Ready\r\n"


class CoreHost:
    """A host wired straight to a ModuleCore: bytes in, the module's bytes back, no I/O.

    Module time moves on by `step` for every piece fed, so timers due "now" fire
    as they would on a real line.
    """

    def __init__(self, profile: ModuleProfile | None = None, step: float = 0.001) -> None:
        self.core = ModuleCore(profile or ModuleProfile())
        self.now = 0.0
        self.step = step
        self.actions: list = []  # everything the core handed out that is not bytes
        self.core.power_on(self.now)
        self.boot = self.take()

    def take(self) -> bytes:
        out = bytearray()
        for item in self.core.take_outputs():
            if isinstance(item, Send):
                out += bytes(item.data)
            else:
                self.actions.append(item)
        return bytes(out)

    def send(self, data: bytes, pieces: list[int] | None = None) -> bytes:
        """Feed `data` (cut at the offsets in `pieces`, if given); return what the module wrote."""
        cuts = [0, *(pieces or []), len(data)]
        for start, end in zip(cuts, cuts[1:]):
            self.now += self.step
            self.core.receive_data(data[start:end], self.now)
        return self.take()

    def send_bytewise(self, data: bytes) -> bytes:
        return self.send(data, list(range(1, len(data))))

    def advance(self, seconds: float) -> bytes:
        self.now += seconds
        self.core.advance(self.now)
        return self.take()


def quiet_host(profile: ModuleProfile | None = None) -> CoreHost:
    """A booted host with echo off, so a test sees only the module's answers."""
    host = CoreHost(profile)
    assert host.send(b"ATE0\r") == b"ATE0\r" + OK
    return host


def read_until(port, *terminators: bytes, timeout: float = 5.0) -> bytes:
    """Read from a pyserial port until the bytes end with one of `terminators`.

    Reads in bulk (`in_waiting or 1`) with the port's own short read timeout; on
    failure the message shows every byte received, so no rerun is needed.
    """
    terminators = terminators or (OK, ERROR)
    received = bytearray()
    deadline = time.monotonic() + timeout
    while not any(received.endswith(t) for t in terminators):
        if time.monotonic() > deadline:
            raise AssertionError(
                f"no {' or '.join(map(repr, terminators))} within {timeout} s; received {bytes(received)!r}"
            )
        received += port.read(port.in_waiting or 1)
    return bytes(received)
