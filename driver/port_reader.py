"""How the reader thread takes, in one call, everything a port has waiting.

A plain POSIX device (a tty, a pty): select() on its descriptor and pyserial's
cancel pipe, then one os.read() of whatever is there. pyserial's own
`read(in_waiting or 1)` would take the first byte of every burst alone (the
line was quiet, so in_waiting said 0) and the rest in a second call: twice the
system calls and twice the wake-ups of the waiting command per response.
rfc2217:// and wrappers such as spy:// keep pyserial's read, `read(in_waiting
or 1)` with a short timeout (their in_waiting is a queue length). pyserial's
socket:// handler reports only 0 or 1 in in_waiting (readiness), which would make
that one byte per call; there the port reads without timeout after a select().
"""

from __future__ import annotations

import os
import select
from collections.abc import Callable

import serial
from serial.urlhandler import protocol_socket

try:
    from serial.serialposix import Serial as PosixSerial
except ImportError:  # not a POSIX system
    PosixSerial = None

READ_TIMEOUT = 0.05  # seconds a read waits for its first byte; bounds how long close() takes
SOCKET_READ = 65536
DEVICE_READ = 65536


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
    if PosixSerial is not None and type(port) is PosixSerial:  # exactly: a subclass may log reads
        return _device_reader(port)
    return lambda: port.read(port.in_waiting or 1)


def _device_reader(port) -> Callable[[], bytes]:
    device, cancel = port.fd, port.pipe_abort_read_r  # both opened non-blocking by pyserial

    def read_device() -> bytes:
        ready, _, _ = select.select([device, cancel], [], [], READ_TIMEOUT)
        if cancel in ready:
            os.read(cancel, 1000)  # port.cancel_read(): the channel is closing
            return b""
        if not ready:
            return b""
        try:
            data = os.read(device, DEVICE_READ)
        except BlockingIOError:
            return b""
        except OSError as exc:
            raise serial.SerialException(f"read failed: {exc}") from exc
        if not data:
            # what pyserial reports for a device that went away (an adapter pulled out)
            raise serial.SerialException(
                "device reports readiness to read but returned no data "
                "(device disconnected or multiple access on port?)"
            )
        return data

    return read_device
