"""Bytes on the serial line for a whole AT+FTPGET session, for the line-rate limit.

Module to host: OK to AT+FTPGET=1, `+FTPGET: 1,1`, per read the block header,
the data and OK, then `+FTPGET: 1,0` (ATV1 framing, reference 1.2 and 4.2).
Host to module: AT+FTPGET=1 and one AT+FTPGET=2,<n> per read, each CR-ended.
"""

from __future__ import annotations

BITS_PER_BYTE = 10  # start, 8 data bits, stop
OK = len(b"\r\nOK\r\n")


def urc_bytes(text: str) -> int:
    return len(text) + 4  # CR LF before and after


def ftpget_to_host(payload: int, read_length: int = 1460) -> int:
    """Module-to-host bytes of a session that reads `payload` bytes in full-sized blocks."""
    total = OK + urc_bytes("+FTPGET: 1,1") + urc_bytes("+FTPGET: 1,0")
    for block in _blocks(payload, read_length):
        total += urc_bytes(f"+FTPGET: 2,{block}") + block + OK
    return total


def ftpget_to_module(payload: int, read_length: int = 1460) -> int:
    """Host-to-module bytes of the same session: the commands."""
    reads = len(_blocks(payload, read_length))
    return len("AT+FTPGET=1\r") + reads * len(f"AT+FTPGET=2,{read_length}\r")


def _blocks(payload: int, read_length: int) -> list[int]:
    full, rest = divmod(payload, read_length)
    # the driver reads until a block comes short: an exact multiple ends with an empty one
    return [read_length] * full + [rest]


def line_rate(baud: int) -> float:
    """Bytes per second the UART carries at `baud`."""
    return baud / BITS_PER_BYTE
