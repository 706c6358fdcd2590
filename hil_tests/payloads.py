"""Payloads built to break careless drivers: every byte value and the protocol's own words."""

TRAPS = b"\r\nOK\r\n+FTPGET: 1,0\r\n\x03\x10\x10\x03\r\nERROR\r\n+FTPPUT: 2,5\r\n+CME ERROR: 3\r\n"


def payload(size: int, seed: int = 0) -> bytes:
    """`size` bytes holding every byte value and TRAPS, shifted by `seed` so files differ."""
    pattern = TRAPS + bytes((i + seed) % 256 for i in range(256))
    return (pattern * (size // len(pattern) + 1))[:size]


SIZES = [0, 1, 1359, 1360, 1361, 1459, 1460, 1461, 64 * 1024]
