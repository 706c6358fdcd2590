"""PtyResponder: the least a module could do, as a baseline for the emulator.

A thread on a raw pty, like the emulator's transport, that reads the host's
bytes in bulk, cuts them at CR and writes `answer(line)` for each line. No
echo (the driver turns it off first), no parsing beyond that, no pacing: what
remains of a driver-side figure against it is the driver's and the kernel's
own cost, so the emulator's figure over this one is the emulator's price.
"""

from __future__ import annotations

import errno
import os
import select
import threading
import tty
from collections.abc import Callable

Answer = Callable[[bytes], bytes]


class PtyResponder:
    def __init__(self, answer: Answer) -> None:
        self._answer = answer
        self._master, self._slave = os.openpty()
        tty.setraw(self._master)
        tty.setraw(self._slave)
        os.set_blocking(self._master, False)
        # the slave stays open here too, so the host may close and reopen the port
        self.port = os.ttyname(self._slave)
        self._stop_r, self._stop_w = os.pipe()
        self._thread = threading.Thread(target=self._serve, name="bench-responder", daemon=True)

    def start(self) -> PtyResponder:
        self._thread.start()
        return self

    def close(self) -> None:
        os.write(self._stop_w, b"x")
        self._thread.join(5.0)
        for fd in (self._master, self._slave, self._stop_r, self._stop_w):
            os.close(fd)

    def __enter__(self) -> PtyResponder:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()

    def _serve(self) -> None:
        pending = bytearray()
        while True:
            readable, _, _ = select.select([self._master, self._stop_r], [], [])
            if self._stop_r in readable:
                return
            try:
                pending += os.read(self._master, 65536)
            except BlockingIOError:
                continue
            except OSError as exc:
                if exc.errno == errno.EIO:  # cannot happen while the slave is held; be safe
                    continue
                raise
            while (end := pending.find(b"\r")) >= 0:
                line = bytes(pending[:end])
                del pending[: end + 1]
                reply = self._answer(line)
                if reply and not self._write(reply):
                    return

    def _write(self, data: bytes) -> bool:
        """All of `data`, as fast as the host takes it; False when asked to stop meanwhile."""
        view = memoryview(data)
        while view:
            try:
                view = view[os.write(self._master, view) :]
                continue
            except BlockingIOError:
                pass
            readable, _, _ = select.select([self._stop_r], [self._master], [])
            if readable:
                return False
        return True
