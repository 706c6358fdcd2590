"""throttle: data connections run at a limited rate, both directions, data intact.

pyftpdlib's ThrottledDTPHandler lets a burst of about twice the rate through, then pauses
about two seconds; 3.5 times the rate is the least payload that must show a pause. Only a
loose lower bound of the time is checked; the configured limit is checked exactly."""

from __future__ import annotations

import io
import threading
import time

from .conftest import payload

RATE = 20_000  # bytes/s
DATA = payload(int(RATE * 3.5))


def test_throttled_transfers_are_slow_and_intact(server, connect):
    (server.root / "down.bin").write_bytes(DATA)
    server.faults.throttle(RATE)
    download, upload = connect(), connect()
    got = bytearray()

    def retr():
        download.retrbinary("RETR down.bin", got.extend)

    # both directions at once, so the suite waits for one pause, not two
    started = time.monotonic()
    reader = threading.Thread(target=retr)
    reader.start()
    upload.storbinary("STOR up.bin", io.BytesIO(DATA))
    reader.join(10)
    elapsed = time.monotonic() - started

    assert got == DATA
    assert (server.root / "up.bin").read_bytes() == DATA
    assert elapsed >= 1.0, f"{len(DATA)} bytes each way at {RATE} B/s took {elapsed:.3f} s"
    assert server.faults.fired() == [f"throttle {RATE} B/s"] * 2


def test_throttle_none_removes_the_limit(server, connect):
    (server.root / "down.bin").write_bytes(DATA)
    server.faults.throttle(RATE)
    server.faults.throttle(None)
    ftp = connect()
    got = bytearray()
    ftp.retrbinary("RETR down.bin", got.extend)
    assert got == DATA
    assert server.faults.fired() == []
