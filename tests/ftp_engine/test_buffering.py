"""The module's download buffer is bounded and back-pressure reaches the server."""

import subprocess
import sys
import time

from tests.support.rawftp import read_session, tricky_payload

MIB = 1024 * 1024


def poll(emu, probe, wanted, timeout=10.0):
    """Wait until `probe(core)` returns `wanted` (checked on the module's own thread)."""
    deadline = time.monotonic() + timeout
    while (value := emu.call(probe)) != wanted:
        assert time.monotonic() < deadline, f"still {value!r}, wanted {wanted!r}"
        time.sleep(0.002)


def test_unread_download_stops_at_the_buffer_size_and_resumes_on_reads(emu, session_params, root):
    # > AT+FTPGET=1   < OK  < +FTPGET: 1,1   ... the host does not read ...
    # The module holds exactly its buffer (64 KiB) and its worker stops reading the socket;
    # reading then brings the whole file, byte for byte.
    line = session_params
    payload = tricky_payload(MIB)
    (root / "big.bin").write_bytes(payload)
    line.ok('AT+FTPGETNAME="big.bin"')
    line.ok("AT+FTPGET=1")
    line.urc("+FTPGET: 1,1")
    window = emu.profile.limits.download_buffer
    poll(emu, lambda core: core.ftp.session.buffer.size, window)
    (runner,) = emu.engine.runners()
    assert runner.credit.available == 0  # the worker has no room left: it waits
    assert emu.call(lambda core: core.ftp.session.buffer.size) == window
    assert read_session(line) == payload


def test_a_1_mib_get_grows_the_emulator_by_less_than_8_mib():
    # Measured in a fresh interpreter, so the peak resident size belongs to this transfer alone.
    probe = subprocess.run(
        [sys.executable, "-m", "tests.support.memory_probe", str(MIB)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert probe.returncode == 0, probe.stderr
    growth = int(probe.stdout.split()[0])
    assert growth < 8 * MIB, f"resident memory grew by {growth / MIB:.1f} MiB"
