"""How the reader thread takes, in one call, everything a port has waiting.

`read(in_waiting or 1)` with a short timeout does it for a device (in_waiting is
the kernel's byte count) and for rfc2217:// (its queue length). pyserial's
socket:// handler reports only 0 or 1 in in_waiting (readiness), which would make
that one byte per call; there the port reads without timeout after a select().
"""

from __future__ import annotations

import select
from collections.abc import Callable

import serial
from serial.urlhandler import protocol_socket

READ_TIMEOUT = 0.05  # seconds a read waits for its first byte; bounds how long close() takes
SOCKET_READ = 65536


def bulk_reader(port: serial.SerialBase) -> Callable[[], bytes]:
    """A function returning the bytes waiting (b"" after READ_TIMEOUT without any)."""
    if isinstance(port, protocol_socket.Serial):
        port.timeout = 0  # socket:// ignores port settings; this only makes read() non-blocking
        descriptor = port.fileno()

        def read_socket() -> bytes:
            ready, _, _ = select.select([descriptor], [], [], READ_TIMEOUT)
            return port.read(SOCKET_READ) if ready else b""

        return read_socket
    port.timeout = READ_TIMEOUT
    return lambda: port.read(port.in_waiting or 1)
